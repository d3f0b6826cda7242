"""The article list's filters: search, source, speaker, tag, the reader's reading state, date
range and sorting. A reader's archived articles are left out unless they ask for the archive
(or their favourites), as in Wallabag."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from functools import lru_cache
from html import escape
from typing import NamedTuple

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length
from django.forms.renderers import DjangoTemplates
from django.utils.functional import cached_property
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from annotations.selectors import article_has_tags, tags_named
from articles.models import (
    Article,
    ArticleSpeaker,
    ReadingState,
    Source,
    Speaker,
    SpeakerQuerySet,
)

WIDGETS = "django/forms/widgets/"
INPUTS = {f"{WIDGETS}{name}.html" for name in ("input", "text", "search", "date")}
ERRORS = "django/forms/errors/list/default.html"


class QuickWidgets(DjangoTemplates):
    """Django's form renderer, but the list's text, date and select fields made in Python: the
    same markup as Django's widget templates (``django/forms/widgets/input.html``,
    ``select.html``, ``select_option.html`` and their ``attrs.html``), where rendering those
    templates costs a millisecond and more on every first rendering of the list. An empty
    error list (``{{ form.source.errors }}`` of a field with none) is no markup at all.

    One instance for every form (``FilterForm.default_renderer``): each instance builds its
    own template engine, whose loading of the error list's templates took 3 ms a request when
    a form made its own."""

    def render(self, template_name, context, request=None):
        if template_name == ERRORS and not context.get("errors"):
            return mark_safe("")  # its template: {% if errors %}<ul …>…{% endif %}
        widget = context.get("widget")
        if template_name in INPUTS:
            value = widget["value"]
            value = "" if value is None else f' value="{escape(str(value))}"'
            return mark_safe(
                f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"'
                f"{value}{_attrs(widget['attrs'])}>"
            )
        if template_name == f"{WIDGETS}select.html" and all(
            not group and all(o["template_name"] == f"{WIDGETS}select_option.html" for o in opts)
            for group, opts, _index in widget["optgroups"]
        ):
            options = "".join(
                f'\n  <option value="{escape(str(option["value"]))}"{_attrs(option["attrs"])}>'
                f"{escape(str(option['label']))}</option>\n"
                for _group, opts, _index in widget["optgroups"]
                for option in opts
            )
            return mark_safe(
                f'<select name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>{options}'
                "\n</select>"
            )
        return super().render(template_name, context, request)


def _attrs(attrs: dict) -> str:
    """``attrs.html``: `` name="value"`` for each, the name alone for True, nothing for False."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


class FilterForm(forms.Form):
    default_renderer = QuickWidgets()


class QuotedSpeakerField(forms.CharField):
    """A quoted speaker by slug (the links of the speaker pages) or by name or alias, as typed
    or chosen from the suggestions (static/js/speaker_picker.js): the speaker, or None when
    empty. A field of text, not a choice of every speaker: a list of 50,000 speakers in every
    list's form would be a megabyte, and a query over all of them on every first render."""

    default_error_messages = {
        "unknown": _("No quoted speaker “%(value)s”."),
        "ambiguous": _("Several speakers go by “%(name)s”: choose one from the suggestions."),
        "several": _(
            "Several speakers match “%(name)s”: type more of the name, or pick one of the "
            "suggestions."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)

    def clean(self, value):
        text = " ".join((super().clean(value) or "").split())
        if not text:
            return None
        found, level = Speaker.objects.quoted().typed(text)
        if len(found) > 1:
            code = "several" if level == SpeakerQuerySet.PART else "ambiguous"
            raise forms.ValidationError(self.error_messages[code], code, {"name": text})
        if not found:
            raise forms.ValidationError(self.error_messages["unknown"], "unknown", {"value": text})
        return found[0]


class QuotedSpeakerFilter(django_filters.Filter):
    field_class = QuotedSpeakerField


class SharedFilters(dict):
    """A filter set's ``base_filters``, which every filter set copies deeply (django-filter's
    ``BaseFilterSet.__init__``), sharing with the copies the arguments each filter keeps for
    its field (``extra``: the widget, the choices, the source queryset, the error messages)
    and its label. No filter set changes them, and the field made from them copies what it
    keeps (Django's ``Field`` its widget and error messages, ``ChoiceField`` its choices,
    ``ModelChoiceField`` its queryset); deep copies of them were 0.3 ms of every list's filter
    set (copying the queryset's query, the lazy labels, the widgets). The filters themselves
    are still copied deeply: each copy gets its own ``parent`` and its own ``FilterMethod``."""

    def __deepcopy__(self, memo):
        for filter_ in self.values():
            for value in (filter_._label, *filter_.extra.values()):
                memo[id(value)] = value  # deepcopy's own record of what it has copied
        return {name: copy.deepcopy(filter_, memo) for name, filter_ in self.items()}


class ArticleFilter(django_filters.FilterSet):
    RELEVANCE, NEWEST, OLDEST = "relevance", "newest", "oldest"
    RANK_WINDOW = 1000
    ranked_window_full = False

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        widget=forms.TextInput(attrs={"type": "search", "enterkeyhint": "search"}),
    )
    source = django_filters.ModelChoiceFilter(
        label=_("Source"),
        queryset=Source.objects.all(),
        to_field_name="slug",
        empty_label=_("All sources"),
        error_messages={"invalid_choice": _("No source “%(value)s”.")},
    )
    speaker = QuotedSpeakerFilter(label=_("Speaker"), method="filter_speaker")
    tag = django_filters.CharFilter(
        label=_("Tag"),
        method="filter_tag",
    )
    UNREAD, READ, FAVOURITE, ARCHIVED = "unread", "read", "favourite", "archived"
    reading = django_filters.ChoiceFilter(
        label=_("Reading"),
        choices=[
            (UNREAD, _("unread")),
            (READ, _("read")),
            (FAVOURITE, _("favourites")),
            (ARCHIVED, _("archived")),
        ],
        empty_label=_("Not archived"),
        method="filter_reading",
    )
    date_from = django_filters.DateFilter(
        label=_("From"),
        field_name="date",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = django_filters.DateFilter(
        label=_("To"),
        field_name="date",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[
            (RELEVANCE, _("relevance")),
            (NEWEST, _("newest first")),
            (OLDEST, _("oldest first")),
        ],
        empty_label=None,
        method="filter_sort",  # the order is applied last, in filter_queryset
    )

    class Meta:
        model = Article
        form = FilterForm
        fields = ["q", "source", "speaker", "tag", "reading", "date_from", "date_to", "sort"]

    @classmethod
    def get_filters(cls):
        return SharedFilters(super().get_filters())

    def get_form_class(self):
        return _form_class(type(self))

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_speaker(self, queryset, name, value):
        return queryset.quoting(value)

    def filter_tag(self, queryset, name, value):
        """Articles that carry it for the reader: someone tagged the article, or an annotation
        on it that the reader may see carries it (``annotations.selectors.article_has_tags``; a
        private annotation's tag does not reveal its article to others)."""
        return queryset.filter(article_has_tags(getattr(self.request, "user", None), self.tag_ids))

    def filter_reading(self, queryset, name, value):
        """Unread or read (of what is not archived), the favourites (archived or not), the
        archive. Through the index of the unique (user, article) pair, one probe per article."""
        mine = ReadingState.objects.of(getattr(self.request, "user", None))
        state = mine.filter(article=OuterRef("pk"))
        if value == self.FAVOURITE:
            return queryset.filter(Exists(state.filter(favourite=True)))
        if value == self.ARCHIVED:
            return queryset.filter(Exists(state.filter(archived_at__isnull=False)))
        read = Exists(state.filter(read_at__isnull=False))
        return queryset.filter(read if value == self.READ else ~read)

    def _archived_hidden(self, queryset):
        """Leave the reader's archived articles out, unless they asked for the archive or their
        favourites."""
        if self.form.cleaned_data.get("reading") in (self.ARCHIVED, self.FAVOURITE):
            return queryset
        return archived_hidden(queryset, getattr(self.request, "user", None))

    @cached_property
    def tags(self) -> list[tuple[int, str, str]]:
        """The tags the reader may filter by that the query's tag names, as (id, slug, name): by
        slug, or by name in any case (``tags_named``). One query, made once: the
        check, the filter and the field's value use the same answer, so a value that passes
        the check finds the articles."""
        value = self.form.cleaned_data.get("tag")
        return tags_named(getattr(self.request, "user", None), value) if value else []

    @property
    def tag_ids(self) -> list[int]:
        return [pk for pk, _slug, _name in self.tags]

    @property
    def tag_value(self) -> str:
        """What the tag field shows: the tag's name once found (a link gives its slug), else
        what was typed."""
        value = self.form["tag"].value() or ""
        named = [name for _pk, slug, name in self.tags if slug == value] or [
            name for _pk, _slug, name in self.tags
        ]
        return named[0] if named else value

    def filter_sort(self, queryset, name, value):
        return queryset

    @property
    def search(self) -> str:
        return (self.form.cleaned_data.get("q") or "").strip() if self.is_bound else ""

    @property
    def invalid(self) -> list[str]:
        """The names of the fields whose value is not valid (an unknown source, a date that
        is no date …): the list shows no article then, rather than silently more."""
        return list(self.form.errors) if self.is_bound else []

    @property
    def active(self) -> list[str]:
        """The names of the filters in use (not the sorting), or given a value not valid."""
        data = getattr(self.form, "cleaned_data", {})
        invalid = self.invalid
        return [
            name
            for name in self.form.fields
            if name in invalid or (data.get(name) and name != "sort")
        ]

    def given(self, name: str):
        """A filter's value as the list says it: cleaned, or as typed when it is not valid."""
        if name in self.invalid:
            return self.form[name].value()
        return self.form.cleaned_data[name]

    # The sources as (slug, name), and as the <option> elements of their select: Django's Select
    # widget renders a template per option, and so does a template loop.
    @cached_property
    def source_options(self) -> list[tuple[str, str]]:
        return source_options()

    @property
    def source_options_html(self) -> SafeString:
        return options_html(self.source_options, self.form["source"].value())

    @property
    def speaker_value(self) -> str:
        """What the speaker field shows: the speaker's name once found (by slug or alias), else
        what was typed."""
        speaker = getattr(self.form, "cleaned_data", {}).get("speaker")
        return speaker.name if speaker is not None else (self.form["speaker"].value() or "")

    @property
    def narrowed(self) -> list[str]:
        """The filters in use besides the search, a sorting other than the default, and the
        fields with an error (so that the panel showing it is open)."""
        data = getattr(self.form, "cleaned_data", {})
        invalid = self.invalid
        return [
            name
            for name in self.form.fields
            if name in invalid
            or (data.get(name) and name != "q" and (name != "sort" or data[name] != self.RELEVANCE))
        ]

    def _check_tag(self) -> None:
        """A tag nobody may filter by is an error, as an unknown source or speaker is."""
        value = self.form.cleaned_data.get("tag")
        if value and not self.tag_ids:
            self.form.add_error("tag", _("No tag “%(value)s”.") % {"value": value})

    def filter_queryset(self, queryset):
        self._check_tag()
        if self.form.errors:
            return queryset.none()
        queryset = self._archived_hidden(super().filter_queryset(queryset))
        sort = self.form.cleaned_data.get("sort") or self.RELEVANCE
        result, self.ranked_window_full = ordered(queryset, self.queryset, self.search, sort)
        return result


@lru_cache(maxsize=16)
def _form_class(filterset: type[ArticleFilter]) -> type[forms.Form]:
    """The filter set's form class, as django-filter builds it (a field per filter), built once
    per process and filter set class: it depends on their code alone (the labels are lazy, the
    source queryset is copied for each form), and building its eight fields
    cost more than a millisecond on every list. Each form copies the fields, as Django's do."""
    filters = copy.deepcopy(filterset.base_filters)  # (a field is kept on its filter)
    fields = {name: filter_.field for name, filter_ in filters.items()}
    return type(f"{filterset.__name__}Form", (filterset._meta.form,), fields)


def archived_hidden(queryset, user, article: str = "pk"):
    """``queryset`` without the reader's archived articles (none for an anonymous reader); the
    article is its ``article`` column (of rows that are not articles)."""
    if not getattr(user, "is_authenticated", False):
        return queryset
    mine = ReadingState.objects.of(user)
    return queryset.exclude(
        Exists(mine.filter(article=OuterRef(article), archived_at__isnull=False))
    )


def ordered(queryset, articles, search: str, sort: str) -> tuple[object, bool]:
    """The matches of ``queryset`` in the ``sort`` order, and whether the ranked window is full.

    By relevance on a search: ranking reads every match's vector, and a word in half of
    100,000 articles would cost half a second. The newest ``RANK_WINDOW`` matches are ranked,
    found through the date index, in the query that finds them (a ``RankedWindow`` whose
    pages are fetched from ``articles`` by id); the page says so when there are more. (On
    SQLite the same; there the ranks come from the sqlite_search.LIMIT most relevant.)"""
    if sort == ArticleFilter.RELEVANCE and search:
        limit = ArticleFilter.RANK_WINDOW
        window = list(
            queryset.order_by("-date", "-pk").values_list("pk", "rank", "date")[: limit + 1]
        )
        return RankedWindow(articles, window[:limit]), len(window) > limit
    if sort == ArticleFilter.OLDEST:
        return queryset.order_by("date", "pk"), False
    return queryset.order_by("-date", "-pk"), False


# The sources in the filter's order, without the ORM (whose queryset costs more to build than
# the query to run).
SOURCES = "SELECT slug, name FROM articles_source ORDER BY name"


def source_options() -> list[tuple[str, str]]:
    """The list's choices of source as (slug, name)."""
    with connection.cursor() as cursor:
        cursor.execute(SOURCES)
        return [tuple(row) for row in cursor.fetchall()]


class RankedWindow(Sequence):
    """Ranked search results as the paginator's object list: ``rows`` are (pk, rank, date) of
    every result, ordered here by rank, then date and id, newest first, as an ORDER BY would;
    a slice (a page) fetches its articles from ``queryset`` (unfiltered: the ids are the
    matches) by id, in one query. Its length is known without a count, and neither the match
    nor the rank is computed again for the page."""

    def __init__(self, queryset, rows: list[tuple[int, float, object]]):
        self.queryset = queryset
        self.model = queryset.model
        ranked = sorted(rows, key=lambda row: (row[1], row[2], row[0]), reverse=True)
        self.ids = [pk for pk, _rank, _date in ranked]
        self.ranks = {pk: rank for pk, rank, _date in ranked}

    def __len__(self) -> int:
        return len(self.ids)

    def count(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1 or None][0]
        ids = self.ids[index]
        articles = self.queryset.in_bulk(ids)
        result = []
        for pk in ids:
            if pk in articles:  # gone since the window was read
                article = articles[pk]
                article.rank = self.ranks[pk]
                result.append(article)
        return result


def options_html(options, selected: str | None) -> SafeString:
    """``<option value="slug">name</option>`` for each (slug, name), the ``selected`` one
    selected. Made once for the same options (the sources of every list's form)."""
    return _options_html(tuple(options), selected)


@lru_cache(maxsize=256)
def _options_html(options: tuple[tuple[str, str], ...], selected: str | None) -> SafeString:
    return mark_safe(
        "".join(
            f'<option value="{escape(value)}"{" selected" if value == selected else ""}>'
            f"{escape(label)}</option>"
            for value, label in options
        )
    )


# --- A plain list's queries, compiled once per process -------------------------------------------
#
# A list or a search with no filter but a speaker (``articles.views.ArticleListView.plain`` and
# ``speaker_alone``) runs two or three queries whose SQL depends only on the code and on
# whether there is a search, a speaker and a reader: building and compiling them through the
# ORM cost some 4 ms a first rendering, where PostgreSQL runs them in 1-3 ms. They are
# compiled once per process and shape from the same querysets as before (``_compiled``), with
# the placeholders below for the reader's id, the speaker's, the search and the limits, which
# are replaced by the request's in the parameters. Nothing about the data is kept.

READER = -1_234_567_891  # no reader's id: ids are positive
SPEAKER = -1_234_567_892  # nor a speaker's
SEARCH = "\x00search\x00"  # no search: a search with a NUL goes through the filter set
# The LIMIT of a count, and the LIMIT and OFFSET of a page (of the window: its LIMIT).
CAP, SIZE, START = -1_234_567_893, -1_234_567_894, -1_234_567_895
# The rows of the ranked window that are ranked (its LIMIT, SIZE, is one more: whether it is
# full), and the LIMIT and OFFSET of a page of it.
RANKED, PAGE_SIZE, PAGE_START = -1_234_567_896, -1_234_567_897, -1_234_567_898
PLACEHOLDERS = (READER, SPEAKER, SEARCH, CAP, SIZE, START, RANKED, PAGE_SIZE, PAGE_START)
DEFERRED_FROM = 100  # from this many rows in, a page's ids first, then its rows (CappedPaginator)

# The columns of a row (``Article.objects.listed()``): the article's but its body and vector,
# its source's, the body's length.
_ARTICLE = tuple(
    f.attname for f in Article._meta.concrete_fields if f.name not in ("body", "search_vector")
)
_SOURCE = tuple(f.attname for f in Source._meta.concrete_fields)
ROW = (*_ARTICLE, *(f"source__{name}" for name in _SOURCE), "body_length")


class _Compiled(NamedTuple):
    sql: str
    params: tuple
    slots: tuple[int, ...]  # the positions of the PLACEHOLDERS in ``params``
    converters: tuple  # (position, converters, expression) of each column that has any

    def run(self, values: dict, sql: str = "", params: Sequence = ()) -> list:
        """The rows, with ``values`` for the placeholders and ``sql`` with ``params`` after the
        compiled SQL (a list of ids), converted as the ORM converts them."""
        given = list(self.params)
        for slot in self.slots:
            given[slot] = values[given[slot]]
        with connection.cursor() as cursor:
            cursor.execute(self.sql + sql, [*given, *params])
            rows = cursor.fetchall()
        if not self.converters:
            return rows
        rows = [list(row) for row in rows]
        for row in rows:
            for position, converters, expression in self.converters:
                value = row[position]
                for converter in converters:
                    value = converter(value, expression, connection)
                row[position] = value
        return rows


def _compiled(queryset) -> _Compiled:
    compiler = queryset.query.get_compiler(connection=connection)
    sql, params = compiler.as_sql()
    columns = [column for column, _sql, _alias in compiler.select[: compiler.col_count]]
    converters = compiler.get_converters(columns)
    converters = tuple((n, tuple(c), e) for n, (c, e) in sorted(converters.items()))
    return _Compiled(sql, tuple(params), _slots(params), converters)


def _slots(params) -> tuple[int, ...]:
    return tuple(n for n, value in enumerate(params) if value in PLACEHOLDERS)


def _around(found: _Compiled, before: str, after: str, *params) -> _Compiled:
    """``found`` with SQL before and after it, and after it these placeholders' parameters."""
    given = (*found.params, *params)
    return found._replace(sql=f"{before}{found.sql}{after}", params=given, slots=_slots(given))


def _matches(search, reader, speaker):
    """The plain list's matches: every listed article, or a search's (``search``), those quoting
    a ``speaker`` (an id, or None), without the ``reader``'s archived ones (a user, or None):
    the conditions in the filter set's order."""
    matches = Article.objects.listed()
    if search:
        matches = matches.search(search)
    if speaker is not None:
        matches = matches.quoting(speaker)
    return archived_hidden(matches, reader)


_ORDER = {ArticleFilter.OLDEST: ("date", "pk")}  # else newest first, as ``ordered``


@lru_cache(maxsize=256)
def _listed_sql(
    vendor: str, part: str, search: bool, reader: bool, speaker: bool, sort: str
) -> _Compiled:
    """The SQL of a ``part`` of a plain list (its count, the ids or the rows of a page, the
    ranked window, rows by id) on ``vendor``'s database, with or without a search, a reader
    and a speaker, in the ``sort`` order, compiled once per process."""
    if part == "by id":
        found = _compiled(Article.objects.listed().order_by().values_list(*ROW))
        assert " WHERE " not in found.sql
        column = connection.ops.quote_name(Article._meta.db_table) + '."id"'
        return found._replace(sql=f"{found.sql} WHERE {column} IN ")
    user = get_user_model()(pk=READER) if reader else None
    matches = _matches(SEARCH if search else "", user, SPEAKER if speaker else None)
    if part == "count":
        found = _compiled(matches.order_by().values("pk"))
        return _around(found, "SELECT COUNT(*) AS n FROM (", " LIMIT %s) subquery", CAP)
    if part == "count and rows":  # the page's rows, each after the count (a row of NULLs: none)
        count = _listed_sql(vendor, "count", search, reader, speaker, sort)
        rows = _listed_sql(vendor, "rows", search, reader, speaker, sort)
        params = (*count.params, *rows.params)
        return _Compiled(
            f"SELECT counted.n, page.* FROM ({count.sql}) counted"
            f" LEFT JOIN ({rows.sql}) page ON 1 = 1",
            params,
            _slots(params),
            tuple((n + 1, c, e) for n, c, e in rows.converters),
        )
    if part == "window":
        window = matches.order_by("-date", "-pk").values_list("pk", "rank", "date")
        return _around(_compiled(window), "", " LIMIT %s", SIZE)
    if part == "ranked page":  # the window's size, then each row of a page of it (PostgreSQL)
        window = _listed_sql(vendor, "window", search, reader, speaker, sort)
        rows = _listed_sql(vendor, "by id", search, reader, speaker, sort)
        params = (*window.params, RANKED, PAGE_SIZE, PAGE_START, *rows.params)
        return _Compiled(
            "SELECT ranked.n, ranked.rank, page.* FROM (SELECT * FROM (SELECT matched.*,"
            " COUNT(*) OVER () AS n,"
            " ROW_NUMBER() OVER (ORDER BY matched.date DESC, matched.pk DESC) AS newest"
            f" FROM ({window.sql}) matched) numbered WHERE numbered.newest <= %s"
            " ORDER BY numbered.rank DESC, numbered.date DESC, numbered.pk DESC"
            f" LIMIT %s OFFSET %s) ranked CROSS JOIN LATERAL ({rows.sql}(ranked.pk)) page",
            params,
            _slots(params),
            tuple((n + 2, c, e) for n, c, e in rows.converters),
        )
    if speaker and not search:
        matches = _speaker_pages(user, sort)
        if part != "ids":  # (the ids from the index alone)
            matches = matches.annotate(body_length=Length("article__body"))
        columns = ("article_id",) if part == "ids" else _BY_SPEAKER
    else:
        matches = matches.order_by(*_ORDER.get(sort, ("-date", "-pk")))
        columns = ("pk",) if part == "ids" else ROW
    return _around(_compiled(matches.values_list(*columns)), "", " LIMIT %s OFFSET %s", SIZE, START)


# A row of ``ROW`` read through a speaker's ``ArticleSpeaker`` rows.
_BY_SPEAKER = (*(f"article__{name}" for name in ROW[:-1]), "body_length")


def _speaker_pages(reader, sort: str):
    """The ``ArticleSpeaker`` rows of one speaker's articles (``SPEAKER``) in the list's order,
    by the index on (speaker, date, article) that ``articles.derived`` keeps: a page reads its
    own 20 entries. Through the articles (``ArticleQuerySet.quoting``), PostgreSQL walked their
    date index past every article of other speakers (696 for a page of a speaker quoted in 2 %
    of 100,000 articles: 3.3 ms), or sorted all of a rarer one's."""
    pairs = archived_hidden(ArticleSpeaker.objects.filter(speaker=SPEAKER), reader, "article_id")
    order = ("date", "article_id") if sort == ArticleFilter.OLDEST else ("-date", "-article_id")
    return pairs.order_by(*order)


def compiled_plain(search: str) -> bool:
    """Whether a plain list of ``search`` is found by SQL compiled once (``ListedMatches``):
    always but a search on SQLite, whose SQL depends on the words (``sqlite_search``)."""
    return not search or connection.vendor == "postgresql"


class ListedMatches:
    """A plain list's or search's matches in their order (``ordered``), as the paginator's
    object list: its count up to a cap (``count_upto``) and a page's articles (a slice; from
    ``DEFERRED_FROM`` rows in, the page's ids first, then their rows), by SQL compiled once
    per process (``_listed_sql``), each article with its source and ``body_length`` as
    ``Article.objects.listed()`` gives them. ``as_queryset()``: the same through the ORM."""

    model = Article

    def __init__(self, user, search: str, sort: str, speaker: int | None = None):
        self.user = user if getattr(user, "is_authenticated", False) else None
        self.search, self.sort, self.speaker = search, sort, speaker
        self.values = {READER: getattr(self.user, "pk", None), SPEAKER: speaker, SEARCH: search}

    def _sql(self, part: str) -> _Compiled:
        return _listed_sql(
            connection.vendor,
            part,
            bool(self.search),
            self.user is not None,
            self.speaker is not None,
            self.sort,
        )

    def as_queryset(self):
        """The same matches in the same order through the ORM."""
        order = _ORDER.get(self.sort, ("-date", "-pk"))
        return _matches(self.search, self.user, self.speaker).order_by(*order)

    # The page expected (``expect``): its first row and the row after it, and once counted its
    # articles.
    expected: tuple[int, int] | None = None
    fetched: list[Article] | None = None

    def expect(self, start: int, stop: int) -> None:
        """The paginator will ask for ``[start:stop]`` after the count: when it is one of the
        first pages, its rows come with the count, in the same query."""
        if start < DEFERRED_FROM:
            self.expected = (start, stop)

    def count_upto(self, limit: int) -> int:
        """The number of matches, counted up to ``limit``."""
        if self.expected is None:
            return self._sql("count").run({**self.values, CAP: limit})[0][0]
        start, stop = self.expected
        values = {**self.values, CAP: limit, SIZE: stop - start, START: start}
        rows = self._sql("count and rows").run(values)
        # In the list's order by date and id (that of the page's SQL, which the join keeps on
        # both databases, but no standard promises it).
        articles = [_article(row[1:]) for row in rows if row[1] is not None]
        articles.sort(key=lambda a: (a.date, a.pk), reverse=self.sort != ArticleFilter.OLDEST)
        self.fetched = articles
        return rows[0][0]

    def window(self, limit: int) -> list[tuple[int, float, object]]:
        """(id, rank, date) of the newest ``limit`` matches of a search (``RankedWindow``)."""
        return [tuple(row) for row in self._sql("window").run({**self.values, SIZE: limit})]

    def ranked_page(self, limit: int, start: int, stop: int) -> tuple[int, list[Article]] | None:
        """The number of the newest ``limit`` + 1 matches of a search (more than ``limit``: the
        window is full) and the articles ``[start:stop]`` of the newest ``limit`` ranked in
        ``RankedWindow``'s order, each with its ``rank``, in one query (PostgreSQL's LATERAL);
        None when the page lies past the window's end (the query then tells nothing of its
        size). The window's rows stay in the database: the page's ids and its articles were
        two queries, and a thousand rows read and sorted here."""
        values = {
            **self.values,
            SIZE: limit + 1,
            RANKED: limit,
            PAGE_SIZE: stop - start,
            PAGE_START: start,
        }
        rows = self._sql("ranked page").run(values)
        if not rows:
            return None
        articles = []
        for row in rows:
            article = _article(row[2:])
            article.rank = row[1]
            articles.append(article)
        # (in the window's order, which the join keeps, but no standard promises it)
        articles.sort(key=lambda a: (a.rank, a.date, a.pk), reverse=True)
        return rows[0][0], articles

    def __getitem__(self, index: slice) -> list[Article]:
        start, stop = index.start or 0, index.stop
        if self.fetched is not None and self.expected[0] == start <= stop <= self.expected[1]:
            return self.fetched[: stop - start]  # (the last page: cut at the count)
        values = {**self.values, SIZE: stop - start, START: start}
        if start < DEFERRED_FROM:
            return [_article(row) for row in self._sql("rows").run(values)]
        ids = [pk for (pk,) in self._sql("ids").run(values)]
        found = self.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]

    def in_bulk(self, ids: list[int]) -> dict[int, Article]:
        """The articles of these ids (as ``Article.objects.listed()`` has them), by id."""
        if not ids:
            return {}
        sql = "(" + ", ".join(["%s"] * len(ids)) + ")"
        rows = self._sql("by id").run(self.values, sql, ids)
        return {article.pk: article for article in map(_article, rows)}


_SOURCE_FIELD = Article._meta.get_field("source")


def _article(row) -> Article:
    """An article of ``Article.objects.listed()`` from a row of ``ROW``."""
    alias, n = connection.alias, len(_ARTICLE)
    article = Article.from_db(alias, _ARTICLE, row[:n])
    _SOURCE_FIELD.set_cached_value(article, Source.from_db(alias, _SOURCE, row[n:-1]))
    article.body_length = row[-1]
    return article


def plain_matches(
    user, search: str, sort: str, speaker: int | None = None, page: tuple[int, int] | None = None
) -> tuple[object, bool]:
    """``ordered`` for a plain list or search (no filter but a ``speaker``'s id) by SQL compiled
    once (``ListedMatches``, where ``compiled_plain``): its object list, and whether the
    ranked window is full. By relevance, with the ``page`` the paginator will ask for (its
    first row and the row after it), that page comes with the window's size (``RankedPage``)."""
    matches = ListedMatches(user, search, sort, speaker)
    if sort == ArticleFilter.RELEVANCE and search:
        limit = ArticleFilter.RANK_WINDOW
        # (a page from past the window's end holds nothing: the paginator shows the last)
        if page is not None and page[0] < limit:
            found = matches.ranked_page(limit, *page)
            if found is not None:
                size, articles = found
                return RankedPage(matches, min(size, limit), page[0], articles), size > limit
            if page[0] == 0:  # no row from the first: no match
                return RankedWindow(matches, []), False
        window = matches.window(limit + 1)
        return RankedWindow(matches, window[:limit]), len(window) > limit
    return matches, False


class RankedPage(Sequence):
    """A plain search's matches by relevance, read with the page the paginator asks for
    (``ListedMatches.ranked_page``): its length is the window's size, that page is the
    articles read with it, and any other slice is read from the window (``RankedWindow``)."""

    def __init__(self, matches: ListedMatches, size: int, start: int, articles: list[Article]):
        self.matches, self.model = matches, matches.model
        self.size, self.start, self.articles = size, start, articles

    def __len__(self) -> int:
        return self.size

    def count(self) -> int:
        return self.size

    @cached_property
    def window(self) -> RankedWindow:
        return RankedWindow(self.matches, self.matches.window(self.size))

    def __getitem__(self, index):
        if isinstance(index, slice) and (index.start or 0) == self.start:
            stop = self.size if index.stop is None else min(index.stop, self.size)
            if stop - self.start <= len(self.articles):
                return self.articles[: max(stop - self.start, 0)]
        return self.window[index]
