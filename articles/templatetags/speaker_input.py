"""``{% speaker_input %}``: a speaker's name with suggestions as one types."""

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape as _e
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def speaker_input(
    *,
    id: str,  # noqa: A002 (the element's id, as the templates name it)
    label: str,
    name: str,
    value="",
    hidden=None,
    required: bool = False,
    quoted: bool = False,
    type: str = "text",  # noqa: A002
    placeholder: str = "",
    errors="",
    css_class: str = "",
) -> SafeString:
    """A speaker's name with suggestions as one types (static/js/speaker_picker.js asks
    articles:speaker-search; with ``quoted``, the quoted speakers only); without the script, a
    name typed is looked up. ``hidden``: the bound field of the speaker's id, which a
    suggestion fills; ``errors``: the field's error list. A tag, not an included template:
    the include and its eleven arguments were 0.7 ms of every first rendering of the article
    list's head, the tag is a tenth of that."""
    search = reverse("articles:speaker-search") + ("?quoted=1" if quoted else "")
    # (not inside the f-string: makemessages would miss them)
    none, one, many = (
        gettext("No suggestions"),
        gettext("1 suggestion"),
        gettext("{count} suggestions"),
    )
    speakers = gettext("Speakers")
    id_ = _e(id)
    invalid = f' aria-invalid="true" aria-describedby="{id_}_error"' if errors else ""
    classes = f"{_e(css_class)} " if css_class else ""
    placeholder_attribute = f' placeholder="{_e(placeholder)}"' if placeholder else ""
    hidden_input = (
        f'<input type="hidden" name="{_e(hidden.html_name)}" value="{_e(hidden.value() or "")}"'
        " data-speaker-id>"
        if hidden
        else ""
    )
    return mark_safe(
        f'\n<div class="{classes}speaker-input" data-speaker-picker'
        f' data-search="{_e(search)}" data-count-none="{_e(none)}" data-count-one="{_e(one)}"'
        f' data-count-many="{_e(many)}">\n'
        f'  <label for="{id_}">{_e(label)}</label>\n'
        f'  <input id="{id_}" type="{_e(type or "text")}" name="{_e(name)}"'
        f' value="{_e(value or "")}" maxlength="200"'
        f'{placeholder_attribute} autocomplete="off"{" required" if required else ""}'
        ' role="combobox"'
        f' aria-autocomplete="list" aria-expanded="false" aria-controls="{id_}-options"'
        f" data-speaker-name{invalid}>\n"
        f"  {hidden_input}\n"
        f'  <ul class="speaker-options" id="{id_}-options" role="listbox"'
        f' aria-label="{_e(speakers)}" hidden data-speaker-options></ul>'
        f"{_e(errors) if errors else ''}\n"
        "</div>\n"
    )
