from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import Speaker


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
