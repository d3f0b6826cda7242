"""``{% speaker_input %}`` (articles/templatetags/speaker_input.py): the speaker field with
suggestions that the article list's filter and the correction forms share."""

from django import forms
from django.template import engines
from django.urls import reverse
from django.utils import translation


class SpeakerForm(forms.Form):
    speaker = forms.CharField()
    speaker_id = forms.IntegerField(required=False)


def render(arguments: str, **context) -> str:
    source = "{% load speaker_input %}{% speaker_input " + arguments + " %}"
    return engines["django"].from_string(source).render(context)


def test_the_field_with_its_id_for_the_suggestions_and_escaped_values():
    form = SpeakerForm({"speaker": 'Özgür "der <Große>"', "speaker_id": "7"})
    form.is_valid()
    html = render(
        'id="correct-speaker" label=label name=form.speaker.html_name value=form.speaker.value'
        " hidden=form.speaker_id required=True",
        form=form,
        label="Sprecher & Co",
    )
    assert '<label for="correct-speaker">Sprecher &amp; Co</label>' in html
    assert 'value="Özgür &quot;der &lt;Große&gt;&quot;"' in html
    assert '<input type="hidden" name="speaker_id" value="7" data-speaker-id>' in html
    assert ' required role="combobox"' in html
    assert 'aria-controls="correct-speaker-options"' in html
    assert f'data-search="{reverse("articles:speaker-search")}"' in html  # every speaker
    assert "aria-invalid" not in html and "placeholder" not in html


def test_the_list_s_field_asks_for_quoted_speakers_and_shows_its_error():
    form = SpeakerForm({"speaker": ""})
    form.is_valid()  # the name is required: an error
    with translation.override("de"):
        html = render(
            'id="id_speaker" label="Sprecher" name="speaker" value="" quoted=True type="search"'
            ' placeholder="Alle" errors=form.speaker.errors css_class="field"',
            form=form,
        )
    assert html.startswith('\n<div class="field speaker-input" data-speaker-picker')
    assert f'data-search="{reverse("articles:speaker-search")}?quoted=1"' in html
    assert 'type="search"' in html and 'placeholder="Alle"' in html
    assert 'aria-invalid="true" aria-describedby="id_speaker_error"' in html
    assert 'class="errorlist"' in html
    assert 'data-count-none="Keine Vorschläge"' in html
    assert "data-speaker-id" not in html and " required" not in html
