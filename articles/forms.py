from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import Quote, Speaker


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several uploads at once. An empty file passes here: the import reports it by name,
    among the others, instead of the whole form failing."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,.zip"}))
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        items = [item for item in data if item] if isinstance(data, list | tuple) else [data]
        if not items:
            single(None, initial)  # "This field is required."
            return []
        return [single(item, initial) for item in items]


class SeedUploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Seed files"),
        help_text=_("One or more .txt seed files, or a .zip archive of them (5 MB a file)."),
    )
    source = forms.CharField(
        label=_("Source for files without a 'Quelle:' line"), required=False, max_length=200
    )
    replace = forms.BooleanField(
        label=_("Replace the text of articles whose file was edited (annotations are kept)"),
        required=False,
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: check the files and report, import nothing"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # More files than Django takes in one request are refused before any view runs
        # (newsreader.middleware.UploadLimitMiddleware); say so before a person chooses them.
        limit = _("At most %(count)d files at once; put more in a .zip archive.") % {
            "count": settings.DATA_UPLOAD_MAX_NUMBER_FILES
        }
        self.fields["files"].help_text = f"{self.fields['files'].help_text} {limit}"


class SpeakerMergeForm(forms.Form):
    """Which of the selected speakers stays; the others' quotes and names move to it."""

    survivor = forms.ModelChoiceField(
        queryset=Speaker.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        label=_("Keep this speaker"),
    )

    def __init__(self, *args, speakers: list[Speaker], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["survivor"]
        field.queryset = Speaker.objects.filter(pk__in=[speaker.pk for speaker in speakers])
        field.initial = speakers[0].pk
        counts = {speaker.pk: getattr(speaker, "quote_count", 0) for speaker in speakers}
        field.label_from_instance = lambda speaker: (
            ngettext(
                "%(name)s (%(count)d quote)", "%(name)s (%(count)d quotes)", counts[speaker.pk]
            )
            % {"name": speaker.name, "count": counts[speaker.pk]}
        )


class SpeakerChoiceForm(forms.Form):
    """A speaker chosen by name: the suggestions of static/js/speaker_picker.js fill in its id,
    a name typed without them is looked up (``SpeakerQuerySet.typed``: its name or an alias,
    in any case, not a slug nor a part of one: a correction names its speaker in full; a name
    that differs from a speaker's in case alone is that speaker, also when "create" is
    ticked, so that no second speaker of the same name is made).
    ``cleaned_data["target"]`` is the speaker, or None when ``create`` asks for a new one of
    ``cleaned_data["name"]``."""

    speaker = forms.CharField(label=_("Speaker"), max_length=200, required=False)
    speaker_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    allow_create = False

    def clean(self):
        data = super().clean()
        name = " ".join((data.get("speaker") or "").split())
        data["name"], data["target"] = name, None
        if data.get("speaker_id") is not None:
            target = Speaker.objects.filter(pk=data["speaker_id"]).first()
            if target is None:
                raise forms.ValidationError(_("That speaker no longer exists; choose another."))
            data["target"] = target
            return data
        if not name:
            raise forms.ValidationError(_("Enter a speaker's name."))
        found, _level = Speaker.objects.typed(name, parts=False, slugs=False)
        if len(found) == 1:
            data["target"] = found[0]
        elif found:
            raise forms.ValidationError(
                _("Several speakers go by “%(name)s”: choose one from the suggestions.")
                % {"name": name}
            )
        elif not (self.allow_create and data.get("create")):
            raise forms.ValidationError(self.unknown_message(name))
        return data

    def unknown_message(self, name: str) -> str:
        return _("No speaker is named “%(name)s”: choose one from the suggestions.") % {
            "name": name
        }


class QuoteSpeakerForm(SpeakerChoiceForm):
    create = forms.BooleanField(label=_("Create a new speaker of this name"), required=False)
    allow_create = True

    def unknown_message(self, name: str) -> str:
        return _(
            "No speaker is named “%(name)s”: choose one from the suggestions, or tick "
            "“Create a new speaker of this name”."
        ) % {"name": name}


class QuoteKindForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (Quote.Kind.DIRECT, _("direct quotation")),
            (Quote.Kind.INDIRECT, _("reported speech")),
        ],
    )


class QuoteSpanForm(forms.Form):
    """The offsets of the quotation in the body (the service checks them against it)."""

    start = forms.IntegerField(label=_("Start"), min_value=0)
    end = forms.IntegerField(label=_("End"), min_value=0)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start is not None and end is not None and start >= end:
            raise forms.ValidationError(
                _("The quotation must not be empty: its end must follow its start.")
            )
        return data


class SpeakerRenameForm(forms.Form):
    name = forms.CharField(label=_("New name"), max_length=200)
    keep_alias = forms.BooleanField(
        label=_("Keep the old name as an alias"), required=False, initial=True
    )
