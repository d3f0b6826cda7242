"""Tags for what every list of articles shows per row: the row itself, the date at its
precision and the reading time. Tags rather than included templates: an ``{% include %}`` per
row costs more than the row's own markup on a page of 20 articles or 50 quotations (half of a
list page's first rendering was its rows' template). Everything from the database is escaped
(``format_html``)."""

from functools import lru_cache

from django import template
from django.middleware.csrf import get_token
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

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


@register.simple_tag
def article_row(row, close: bool = True) -> SafeString:
    """One article of a list (``selectors.ArticleRow``): its title, source, date, reading time,
    on a search the matching passage, and the speakers it quotes ("probably …" for a guess);
    without ``close``, the ``</li>`` is left for the reader's controls to go before it."""
    article = row.article
    parts = [
        format_html(
            '<li class="article-row">\n  <h2 class="article-row-title"><a href="{}">{}</a></h2>'
            '\n  <p class="meta"><a href="{}">{}</a> · {} · {}</p>',
            row.url,
            article.title,
            row.source_url,
            article.source.name,
            article_date(article),
            reading_time(row.reading_minutes),
        )
    ]
    if row.passage:
        marked = format_html_join(
            "", "{}", ((format_html("<mark>{}</mark>", t) if m else t,) for t, m in row.passage)
        )
        parts.append(format_html('\n  <p class="passage">{}</p>', marked))
    if row.speakers:
        links = format_html_join(
            ", ",
            '<a href="{}"{}>{}</a>',
            (
                (
                    speaker.url,
                    mark_safe(' class="probable"') if speaker.probable else "",
                    gettext("probably %(name)s") % {"name": speaker.name}
                    if speaker.probable
                    else speaker.name,
                )
                for speaker in row.speakers
            ),
        )
        parts.append(
            format_html(
                '\n  <p class="quoted"><span class="quoted-label">{}</span> {}</p>',
                gettext("Quoted:"),
                links,
            )
        )
    if close:
        parts.append(mark_safe("\n</li>"))
    return mark_safe("".join(parts))


def reading_controls(*, url: str, state, csrf_token: str, next_url: str) -> SafeString:
    """The reader's state of an article (``ReadingState`` or None: unread) as a form of three
    toggle buttons (read, favourite, archived) posting to ``url``, which then sends the browser
    back to ``next_url``; static/js/reading.js posts it without leaving the page."""
    read = bool(state and state.read_at)
    favourite = bool(state and state.favourite)
    archived = bool(state and state.archived_at)

    return format_html(
        '<form class="reading-state" method="post" action="{}" data-reading-state'
        ' data-read="{}" data-favourite="{}" data-archived="{}">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<input type="hidden" name="next" value="{}">{}{}{}</form>',
        url,
        "true" if read else "false",
        "true" if favourite else "false",
        "true" if archived else "false",
        csrf_token,
        next_url,
        _toggle("read", read, gettext("Read"), "✓"),
        _toggle("favourite", favourite, gettext("Favourite"), "★"),
        _toggle("archived", archived, gettext("Archived"), "▣"),
    )


@lru_cache(maxsize=64)
def _toggle(name: str, on: bool, label: str, icon: str) -> SafeString:
    """One of the three buttons: the same few for every row of every list (a list renders 60),
    so made once per label (language) and state."""
    return format_html(
        '<button type="submit" class="secondary reading-{}" name="{}" value="{}"'
        ' aria-pressed="{}"><span aria-hidden="true">{}</span> {}</button>',
        name,
        name,
        "0" if on else "1",
        "true" if on else "false",
        icon,
        label,
    )


@register.simple_tag(takes_context=True)
def article_reading_controls(context, slug: str, state) -> SafeString:
    """``reading_controls`` for the article page of ``slug``; nothing for an anonymous reader."""
    request = context["request"]
    if not request.user.is_authenticated:
        return mark_safe("")
    return reading_controls(
        url=reverse("articles:reading", kwargs={"slug": slug}),
        state=state,
        csrf_token=get_token(request),
        next_url=request.get_full_path(),
    )
