"""Tags for what every list of articles shows per row: the date at its precision and the
reading time. Tags rather than included templates: an ``{% include %}`` per row costs more
than the row's own markup on a page of 20 articles or 50 quotations."""

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.html import format_html
from django.utils.translation import ngettext

register = template.Library()

_DISPLAY = {"year": "Y", "month": "F Y"}


@register.simple_tag
def article_date(article) -> str:
    """``<time datetime="2022-10-17">`` showing the date at its precision: "2022",
    "October 2022" or the day in the reader's language."""
    display = _DISPLAY.get(article.date_precision, "DATE_FORMAT")
    return format_html(
        '<time datetime="{}">{}</time>',
        date_filter(article.date, "Y-m-d"),
        date_filter(article.date, display),
    )


@register.simple_tag
def reading_time(minutes: int) -> str:
    """ "3 min read", in the reader's language."""
    return ngettext("%(minutes)s min read", "%(minutes)s min read", minutes) % {"minutes": minutes}
