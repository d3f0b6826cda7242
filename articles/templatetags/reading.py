"""Tags for what every list of articles shows per row: the row itself, the date at its
precision and the reading time. Tags rather than included templates: an ``{% include %}`` per
row costs more than the row's own markup on a page of 20 articles or 50 quotations (half of a
list page's first rendering was its rows' template). Everything from the database is escaped
(``format_html``)."""

from functools import lru_cache
from html import escape as _escape
from typing import NamedTuple

from django import template
from django.conf import settings
from django.middleware.csrf import get_token
from django.template.defaultfilters import date as date_filter
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext

from articles.selectors import SpeakerInArticle, slug_url

register = template.Library()

_DISPLAY = {"year": "Y", "month": "F Y"}


@register.simple_tag
def article_date(article) -> str:
    """``<time datetime="2022-10-17">`` showing the date at its precision: "2022",
    "October 2022" or the day in the reader's language."""
    return _date_html(article.date, article.date_precision, get_language())


@lru_cache(maxsize=4096)
def _date_html(date, precision: str, language: str | None) -> SafeString:
    """``article_date`` of a date at a precision in the active ``language`` (named for the
    cache): the same few hundred dates recur on every list, and Django's ``date`` filter
    costs more than the rest of a row's date."""
    display = date_filter(date, _DISPLAY.get(precision, "DATE_FORMAT"))
    # (isoformat: what the filter's "Y-m-d" gives for a date; an f-string: format_html cost as
    # much as the date's formatting)
    return mark_safe(f'<time datetime="{date.isoformat()}">{_e(display)}</time>')


@register.simple_tag
def reading_time(minutes: int) -> str:
    """ "3 min read", in the reader's language."""
    return ngettext("%(minutes)s min read", "%(minutes)s min read", minutes) % {"minutes": minutes}


@register.simple_tag
def article_row(row, close: bool = True) -> SafeString:
    """One article of a list (``selectors.ArticleRow``): its title, source, date, reading time,
    on a search the matching passage, and the speakers it quotes ("probably …" for a guess);
    without ``close``, the ``</li>`` is left for the reader's controls to go before it.

    Built with f-strings and ``escape`` (the standard library's, which Django's calls): a
    ``format_html`` per passage piece and speaker link cost half of a search's 20 rows."""
    article = row.article
    parts = [
        f'<li class="article-row">\n  <h2 class="article-row-title"><a href="{_e(row.url)}">'
        f"{_e(article.title)}</a></h2>\n"
        f'  <p class="meta"><a href="{_e(row.source_url)}">{_e(article.source.name)}</a>'
        f" · {article_date(article)} · {_e(reading_time(row.reading_minutes))}</p>"
    ]
    if row.passage:
        marked = "".join(f"<mark>{_e(t)}</mark>" if m else _e(t) for t, m in row.passage)
        parts.append(f'\n  <p class="passage">{marked}</p>')
    if row.speakers:
        probably = gettext("probably %(name)s")
        links = ", ".join(
            f'<a href="{_e(speaker.url)}" class="probable">'
            f"{_e(probably % {'name': speaker.name})}</a>"
            if speaker.probable
            else f'<a href="{_e(speaker.url)}">{_e(speaker.name)}</a>'
            for speaker in row.speakers
        )
        label = gettext("Quoted:")  # (not inside the f-string: makemessages would miss it)
        parts.append(
            f'\n  <p class="quoted"><span class="quoted-label">{_e(label)}</span> {links}</p>'
        )
    if close:
        parts.append("\n</li>")
    return mark_safe("".join(parts))


@register.simple_tag
def article_rows(rows) -> SafeString:
    """``article_row`` of each row, closed: the template's loop over 20 rows cost as much as a
    third of their markup."""
    return mark_safe("".join([article_row(row) for row in rows]))


@register.simple_tag
def speaker_rows(speakers) -> SafeString:
    """The speaker list's table rows: name (a link), role, quotations, articles. In Python for
    the reason ``article_row`` is: 100 rows through the template's loop cost half of the list's
    first rendering."""
    url = slug_url("articles:speaker")
    return mark_safe(
        "".join(
            f'\n    <tr><th scope="row"><a href="{_e(url(s.slug))}">{_e(s.name)}</a></th>'
            f'<td class="role">{_e(s.role)}</td><td class="num">{s.quote_count}</td>'
            f'<td class="num">{s.article_count}</td></tr>'
            for s in speakers
        )
    )


@register.simple_tag
def quote_rows(quotes, speaker_name: str) -> SafeString:
    """A speaker page's quotations (``selectors.SpeakerQuote``): each its text, the badges
    (probably the speaker, confirmed, reported speech) and its article, source and date. In
    Python for the reason ``article_row`` is: 50 quotations through the template's loop were
    half of the page's first rendering."""
    article_url = slug_url("articles:detail")
    guessed = gettext("The speaker was guessed by the machine and not yet confirmed by a person.")
    probable = (
        f'<span class="badge badge-probable" title="{_e(guessed)}">'
        f"{gettext('probably %(name)s') % {'name': _e(speaker_name)}}</span> "
    )
    reviewed = (
        f'<span class="badge badge-reviewed" title="{_e(gettext("Confirmed by a person"))}">'
        "✓</span> "
    )
    reported = f'<span class="badge">{_e(gettext("reported speech"))}</span> '
    language = get_language()
    rows = []
    dates = {}  # a speaker's quotations come a few from each article: each date made once
    for quote in quotes:
        when = (quote.date, quote.date_precision)
        if when not in dates:
            dates[when] = _date_html(quote.date, quote.date_precision, language)
        indirect = quote.kind == "indirect"
        uncertain = quote.uncertain
        mark = ' class="indirect"' if indirect else ' class="uncertain"' if uncertain else ""
        rows.append(
            f'\n  <li class="quote-item">\n    <blockquote lang="{_e(quote.language)}"{mark}>'
            f"{_e(quote.quoted_text)}</blockquote>\n"
            f'    <p class="meta">\n      {probable if uncertain else ""}\n'
            f"      {reviewed if quote.reviewed else ''}\n"
            f"      {reported if indirect else ''}\n"
            f'      <a href="{_e(article_url(quote.article_slug))}#q{quote.pk}">'
            f"{_e(quote.article_title)}</a> · {_e(quote.source_name)} · {dates[when]}\n"
            "    </p>\n  </li>\n  "
        )
    return mark_safe("".join(rows))


@register.simple_tag
def top_speaker_rows(top) -> SafeString:
    """A source page's speakers quoted most (``selectors.TopSpeaker``): each a link and
    how often; the template's loop was a tenth of the page's first rendering."""
    url = slug_url("articles:speaker")
    return mark_safe(
        "".join(
            f'<li><a href="{_e(url(row.slug))}">{_e(row.name)}</a> '
            f'<span class="meta">{_quotations(row.quote_count)}</span></li>'
            for row in top
        )
    )


def _quotations(count: int) -> str:
    """ "3 quotations" as ``{% blocktranslate count %}`` gives it."""
    text = ngettext("%(counter)s quotation", "%(counter)s quotations", count)
    return text % {"counter": _e(localize(count))}


def _e(text: str) -> str:
    """``text`` escaped for HTML, quotes too: what ``django.utils.html.escape`` gives, without
    its lazy-string wrapper and SafeString (the row is marked safe once, whole)."""
    return _escape(str(text), quote=True)


def reading_controls(*, url: str, state, csrf_token: str, next_url: str) -> SafeString:
    """The reader's state of an article (a ``ReadingState``, ``selectors.ReadingFlags`` or
    None: unread) as a form of three toggle buttons (read, favourite, archived) posting to
    ``url``, which then sends the browser back to ``next_url``; static/js/reading.js posts it
    without leaving the page. An f-string: a list has 20, which cost 3.7 ms under the profiler
    with ``format_html`` and three ``gettext`` each, 1.0 ms now."""
    read = bool(state and state.read)
    favourite = bool(state and state.favourite)
    archived = bool(state and state.archived)
    toggles = _toggles(get_language())
    return mark_safe(
        f'<form class="reading-state" method="post" action="{_e(url)}" data-reading-state'
        f' data-read="{_TRUE[read]}" data-favourite="{_TRUE[favourite]}"'
        f' data-archived="{_TRUE[archived]}">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{_e(csrf_token)}">'
        f'<input type="hidden" name="next" value="{_e(next_url)}">'
        f"{toggles[0][read]}{toggles[1][favourite]}{toggles[2][archived]}</form>"
    )


_TRUE = {False: "false", True: "true"}


@lru_cache(maxsize=16)
def _toggles(language: str | None) -> tuple[tuple[str, str], ...]:
    """The three buttons (read, favourite, archived), each off and on, in ``language`` (the
    active one): the same for every row of every list, made once per language."""
    return tuple(
        (_toggle(name, False, label, icon), _toggle(name, True, label, icon))
        for name, label, icon in (
            ("read", gettext("Read"), "✓"),
            ("favourite", gettext("Favourite"), "★"),
            ("archived", gettext("Archived"), "▣"),
        )
    )


def _toggle(name: str, on: bool, label: str, icon: str) -> str:
    """One of the three buttons."""
    return (
        f'<button type="submit" class="secondary reading-{name}" name="{name}"'
        f' value="{"0" if on else "1"}" aria-pressed="{_TRUE[on]}">'
        f'<span aria-hidden="true">{icon}</span> {_e(label)}</button>'
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


def speaker_chips(speakers: list[SpeakerInArticle]) -> SafeString:
    """The speakers panel's chips (articles/_article_speakers.html puts them in its list), in
    Python: the same markup the template gave, ten times faster (2 ms for eight speakers in the
    template language, most of a rendered article page's own work after its queries); f-strings
    and ``escape``, not ``format_html`` (a third of the rest)."""
    speaker_url = slug_url("articles:speaker")
    unknown = gettext("Unknown speaker")
    chips = []
    for entry in speakers:
        speaker = entry.speaker
        classes = f"c{entry.colour}"
        if speaker is None:
            classes += " c-none"
            name = unknown
        elif entry.only_probable:
            classes += " chip-uncertain"
            name = gettext("probably %(name)s") % {"name": _e(speaker.name)}
        else:
            name = _e(speaker.name)
        role = (
            f'<span class="chip-role">{_e(speaker.role)}</span>' if speaker and speaker.role else ""
        )
        count = ngettext("%(counter)s quotation", "%(counter)s quotations", entry.count) % {
            "counter": entry.count
        }
        probable = ""
        if speaker and entry.probable and not entry.only_probable:
            many = ngettext("%(counter)s probable", "%(counter)s probable", entry.probable)
            probable = f'<span class="chip-probable">{many % {"counter": entry.probable}}</span>'
        link = ""
        if speaker:
            title = gettext("All quotations of %(name)s") % {"name": _e(speaker.name)}
            link = (
                f'<a class="chip-link" href="{_e(speaker_url(speaker.slug))}" title="{title}">'
                f'<span aria-hidden="true">↗</span><span class="visually-hidden">{title}</span></a>'
            )
        chips.append(
            "\n      <li>\n"
            f'        <button type="button" class="speaker-chip {_e(classes)}"'
            f' data-speaker="{_e(entry.key)}" aria-pressed="false"'
            ' aria-describedby="speakers-hint">\n'
            '          <span class="swatch" aria-hidden="true"></span>\n'
            f'          <span class="chip-name">{name}</span>\n'
            f"          {role}\n"
            f'          <span class="chip-number" aria-hidden="true">{entry.count}</span>\n'
            f'          <span class="chip-count">{count}</span>\n'
            f"          {probable}\n"
            "        </button>\n"
            f"        {link}\n"
            "      </li>\n      "
        )
    return mark_safe("".join(chips))


def article_neighbours(previous, following, source_name: str) -> SafeString:
    """The links to the previous and the next article from the same source
    (``selectors.article_neighbours``: each with its slug and title, or None), as the template
    articles/_article_neighbours.html gave them: an f-string, where the template with its
    ``{% blocktranslate %}`` and two ``reverse()`` cost 0.4 ms of every article page made anew."""
    if previous is None and following is None:
        return mark_safe("\n")
    label = gettext("More from %(source)s") % {"source": _e(source_name)}
    article_url = slug_url("articles:detail")
    links = []
    for article, rel, word in (
        (previous, "prev", gettext("Previous article")),
        (following, "next", gettext("Next article")),
    ):
        links.append(
            f'<a rel="{rel}" href="{_e(article_url(article.slug))}">'
            f'<span class="neighbour-label">{_e(word)}</span> {_e(article.title)}</a>'
            if article
            else ""
        )
    return mark_safe(
        f'\n  <nav class="neighbours" aria-label="{label}">\n'
        f"    {links[0]}\n    {links[1]}\n  </nav>\n  \n"
    )


@register.simple_tag(takes_context=True)
def annotations_panel(context) -> SafeString:
    """The article page's panel of the reader's work: the count of the annotations they see
    (``annotations``; static/js/annotate.js fills the list), the article's tags
    (``article_tags``, each with a form to remove the reader's own), the form that adds tags
    and the links that download the reader's annotations of the article (``shared``'s slug).
    In Python, its words and addresses made once per language, script prefix and URLconf
    (``_panel_words``): the template took 0.4–0.9 ms of every article page, cached or not."""
    w = _panel_words(get_language(), get_script_prefix(), get_urlconf(settings.ROOT_URLCONF))
    annotations, tags = context.get("annotations"), context.get("article_tags")
    slug = _e(context["shared"]["slug"])
    csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{_e(context["csrf_token"])}">'
    back = f'<input type="hidden" name="next" value="{_e(context["request"].get_full_path())}">'
    if tags:
        items = "".join(
            f"\n      {_tag_item(tag, context['shared']['slug'], csrf, back)}\n      "
            for tag in tags
        )
        listed = f'<ul class="tag-list">\n      {items}\n    </ul>'
    else:
        listed = f'<p class="empty">{w.no_tags}</p>'
    return mark_safe(
        '<aside class="annotations-panel" aria-labelledby="annotations-heading"'
        " data-annotations-panel>\n"
        f'  <h2 id="annotations-heading">{w.annotations} <span class="count"'
        f" data-annotation-count>{len(annotations or ())}</span></h2>\n"
        f'  <p class="hint" id="annotate-hint">{w.hint}</p>\n\n'
        '  <details class="annotation-index" open>\n'
        f"    <summary>{w.all_annotations}</summary>\n"
        '    <ol class="annotation-list" data-annotation-list></ol>\n'
        f'    <p class="empty" data-annotation-empty{" hidden" if annotations else ""}>'
        f"{w.no_annotations}</p>\n"
        "  </details>\n\n"
        '  <section class="article-tags" aria-labelledby="article-tags-heading">\n'
        f'    <h3 id="article-tags-heading">{w.tags}</h3>\n'
        f"    \n    {listed}\n    \n"
        f'    <form class="tag-add" method="post" action="{w.tag_add[0]}{slug}{w.tag_add[1]}">\n'
        f"      {csrf}{back}\n"
        f'      <label for="article-tags-input">{w.add_tags}</label>\n'
        '      <div class="tag-add-row">\n'
        '        <input id="article-tags-input" name="tags" list="tag-suggestions"'
        f' autocomplete="off" placeholder="{w.comma_separated}" data-tag-input>\n'
        f'        <button type="submit">{w.add}</button>\n'
        "      </div>\n"
        "    </form>\n"
        "  </section>\n\n"
        '  <section class="exports" aria-labelledby="exports-heading">\n'
        f'    <h3 id="exports-heading">{w.download}</h3>\n'
        '    <p class="export-links">\n'
        f'      <a href="{w.exports[0]}?article={slug}" download>JSON-LD</a>\n'
        f'      <a href="{w.exports[1]}?article={slug}" download>CSV</a>\n'
        f'      <a href="{w.exports[2]}?article={slug}" download>Markdown</a>\n'
        "    </p>\n"
        "  </section>\n"
        '  <p class="toast" role="status" aria-live="polite" data-annotate-status></p>\n'
        "</aside>\n"
    )


def _tag_item(tag: dict, slug: str, csrf: str, back: str) -> str:
    """One of the article's tags in the panel (few articles have any): its link, how many
    annotations carry it, and for the reader's own a form that removes it."""
    url = reverse("annotations:tag", args=[tag["slug"]])
    classes = "tag" if tag["count"] else "tag tag-from-annotations"
    title = ""
    if tag["annotations"]:
        n = tag["annotations"]
        on = ngettext("On %(n)s annotation", "On %(n)s annotations", n) % {"n": _e(localize(n))}
        title = f' title="{on}"'
    item = (
        f'<li class="tag-item"><a class="{classes}" href="{_e(url)}"{title}>{_e(tag["name"])}</a>'
    )
    if tag["mine"]:
        remove = reverse("annotations:article-tag-remove", args=[slug, tag["slug"]])
        label = gettext("Remove your tag “%(name)s”") % {"name": _e(tag["name"])}
        item += (
            f'<form method="post" action="{_e(remove)}">{csrf}{back}'
            f'<button type="submit" class="tag-remove" title="{label}">'
            f'<span aria-hidden="true">×</span><span class="visually-hidden">{label}</span>'
            "</button></form>"
        )
    return item + "</li>"


class PanelWords(NamedTuple):
    """The panel's words and addresses in one language, escaped."""

    annotations: str
    hint: str
    all_annotations: str
    no_annotations: str
    tags: str
    no_tags: str
    add_tags: str
    comma_separated: str
    add: str
    download: str
    tag_add: tuple[str, str]  # the address of an article's tag form, around its slug
    exports: tuple[str, str, str]  # JSON-LD, CSV, Markdown


@lru_cache(maxsize=64)
def _panel_words(language: str | None, prefix: str, urlconf: str | None) -> PanelWords:
    """``annotations_panel``'s words in ``language`` (the active one) and its addresses under
    this script prefix and URLconf: the same for every article and reader."""
    head, tail = reverse("annotations:article-tag-add", kwargs={"slug": "slug"}).rsplit("slug", 1)
    return PanelWords(
        annotations=_e(gettext("Annotations")),
        hint=_e(
            gettext(
                "Select a passage of the text, then press “Annotate” (or the A key). Click a "
                "quotation to annotate it whole."
            )
        ),
        all_annotations=_e(gettext("All annotations on this article")),
        no_annotations=_e(gettext("No annotations yet.")),
        tags=_e(gettext("Tags on this article")),
        no_tags=_e(gettext("No tags yet.")),
        add_tags=_e(gettext("Add tags")),
        comma_separated=_e(gettext("comma-separated")),
        add=_e(gettext("Add")),
        download=_e(gettext("Download my annotations")),
        tag_add=(_e(head), _e(tail)),
        exports=tuple(
            _e(reverse("annotations:export", args=[kind])) for kind in ("jsonld", "csv", "md")
        ),
    )
