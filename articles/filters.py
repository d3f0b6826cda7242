"""The article list's filters: search, source, speaker, tag, the reader's reading state, date
range and sorting. A reader's archived articles are left out unless they ask for the archive
(or their favourites), as in Wallabag."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from html import escape

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.forms.renderers import DjangoTemplates
from django.utils.functional import cached_property
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from annotations.selectors import article_has_tags, tags_in_use
from articles.models import Article, ReadingState, Source, Speaker

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
    speaker = django_filters.ModelChoiceFilter(
        label=_("Speaker"),
        queryset=Speaker.objects.quoted().order_by("name"),
        to_field_name="slug",
        empty_label=_("All speakers"),
        error_messages={"invalid_choice": _("No quoted speaker “%(value)s”.")},
        method="filter_speaker",
    )
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
    def tag_options(self) -> list[tuple[str, str]]:
        return tag_options(getattr(self.request, "user", None))

    @cached_property
    def tag_ids(self) -> list[int]:
        """The ids of the tags the reader may filter by that the query's tag names: by slug, or
        by name in any case as the database compares it. One query, made once: the check and
        the filter use the same answer, so a value that passes the check finds the articles."""
        value = self.form.cleaned_data.get("tag")
        if not value:
            return []
        tags = tags_in_use(getattr(self.request, "user", None)).order_by()
        return list(tags.filter(Q(slug=value) | Q(name__iexact=value)).values_list("pk", flat=True))

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

    # The choices as (slug, name), and as the <option> elements of a select: Django's Select
    # widget renders a template per option, and so does a template loop, which costs
    # milliseconds with hundreds of speakers.
    @cached_property
    def choice_options(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        return choice_options()

    @cached_property
    def source_options(self) -> list[tuple[str, str]]:
        return self.choice_options[0]

    @cached_property
    def speaker_options(self) -> list[tuple[str, str]]:
        return self.choice_options[1]

    @property
    def source_options_html(self) -> SafeString:
        return self._options_html("source", self.source_options)

    @property
    def speaker_options_html(self) -> SafeString:
        return self._options_html("speaker", self.speaker_options)

    @property
    def tag_options_html(self) -> SafeString:
        return self._options_html("tag", self.tag_options)

    def _options_html(self, name: str, options: list[tuple[str, str]]) -> SafeString:
        return options_html(options, self.form[name].value())

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


def archived_hidden(queryset, user):
    """``queryset`` without the reader's archived articles (none for an anonymous reader)."""
    if not getattr(user, "is_authenticated", False):
        return queryset
    mine = ReadingState.objects.of(user)
    return queryset.exclude(Exists(mine.filter(article=OuterRef("pk"), archived_at__isnull=False)))


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


# The two choices in one query, in the filters' orders (``Source`` and ``Speaker.objects.quoted()
# .order_by("name")``; both names unique): without the ORM, whose two querysets cost 1 ms each
# to build where running them costs 0.05 and 0.5.
CHOICES = (
    "SELECT 0, slug, name FROM articles_source"
    " UNION ALL SELECT 1, slug, name FROM articles_speaker WHERE quote_count > 0"
    " ORDER BY 1, 3"
)


def choice_options() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The list's choices of source and of speaker, each as (slug, name), in one query."""
    found: tuple[list, list] = ([], [])
    with connection.cursor() as cursor:
        cursor.execute(CHOICES)
        for kind, slug, name in cursor.fetchall():
            found[kind].append((slug, name))
    return found


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
    selected. Made once for the same options (the 300 speakers of every list's form)."""
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


def tag_options(user) -> list[tuple[str, str]]:
    """The tags ``user`` may filter by, as (slug, name): on articles or on annotations they may
    see. The list's shared content leaves them to each reader (articles.views), so this runs on
    every request of the list: the query is built and compiled once per reader and process
    (``_tag_options_sql``), which cost 1.5 ms a request where running it costs 0.4 ms."""
    if not getattr(user, "is_authenticated", False):
        return list(tags_in_use(user).values_list("slug", "name"))
    sql, params = _tag_options_sql(user.pk, user.is_staff)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(row) for row in cursor.fetchall()]


@lru_cache(maxsize=1024)
def _tag_options_sql(user_id: int, is_staff: bool) -> tuple[str, tuple]:
    """The SQL of ``tags_in_use`` for a reader, which depends on nothing else about them (what
    ``Annotation.objects.visible_to`` reads: their id and whether they are staff)."""
    reader = get_user_model()(pk=user_id, is_staff=is_staff)
    query = tags_in_use(reader).values_list("slug", "name").query
    return query.get_compiler(connection=connection).as_sql()
