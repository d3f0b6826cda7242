"""The reading pages. Every page needs a login (LoginRequiredMiddleware in the settings)."""

from functools import lru_cache, partial
from typing import NamedTuple

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from django.http import (
    Http404,
    HttpResponsePermanentRedirect,
    JsonResponse,
    QueryDict,
    StreamingHttpResponse,
)
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import json_script
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.generic import ListView

from annotations.markup import MAX_LENGTH as COMMENT_MAX_LENGTH
from annotations.models import Annotation
from annotations.selectors import article_reader_parts
from articles import exports, selectors, services, shared
from articles.filters import (
    DEFERRED_FROM,
    ArticleFilter,
    ListedMatches,
    archived_hidden,
    compiled_plain,
    ordered,
    plain_matches,
    source_options,
)
from articles.forms import (
    QuoteKindForm,
    QuoteSpanForm,
    QuoteSpeakerForm,
    SpeakerChoiceForm,
    SpeakerRenameForm,
)
from articles.models import Article, Quote, ReadingState, Source, Speaker, SpeakerSlug
from articles.templatetags.reading import article_neighbours as neighbour_links
from articles.templatetags.reading import article_row, reading_controls, speaker_chips


class ForgivingPaginationMixin:
    """No 404 for a page that is not there: a number past the end shows the last page (through
    ``Paginator.get_page``), so a bookmarked page 7 of a list that has shrunk still shows
    articles; "last" is the last page; one that is no number, 0 or below shows the first
    (where ``get_page`` alone would show the last for 0 and below)."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset,
            page_size,
            orphans=self.get_paginate_orphans(),
            allow_empty_first_page=self.get_allow_empty(),
        )
        asked = self.asked_page()
        number = paginator.num_pages if asked == "last" else page_number(asked)
        page = paginator.get_page(number)
        return (paginator, page, page.object_list, page.has_other_pages())

    def asked_page(self):
        """The page asked for, as given (or 1)."""
        return self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg) or 1


def page_number(value) -> int:
    """The page asked for as a number from 1: nonsense, 0 and below are page 1."""
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


class CappedPaginator(Paginator):
    """Counts up to ``cap`` rows only: a count of 100,000 matches costs more than the page
    itself. ``capped`` tells the template to say "More than 10,000"."""

    CAP = 10_000

    def __init__(self, *args, cap: int = CAP, known: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.cap = cap
        self.known = known  # the count, kept elsewhere (``Speaker.quote_count``)

    @cached_property
    def counted(self) -> int:
        if self.known is not None:
            return self.known
        if isinstance(self.object_list, ListedMatches):
            return self.object_list.count_upto(self.cap + 1)
        if not isinstance(self.object_list, QuerySet):  # a RankedWindow knows its length
            return len(self.object_list)
        # Only the ids, unordered: the annotations (rank, length) would be computed for each row.
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.cap)

    @property
    def capped(self) -> bool:
        return self.counted > self.cap

    # From this many rows in, a page's ids are found first (in the index alone, for the list's
    # date order), then its 20 rows by id: OFFSET over full rows read every skipped row.
    DEFERRED_FROM = DEFERRED_FROM  # (a ListedMatches does the same itself)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        if bottom < self.DEFERRED_FROM or not isinstance(self.object_list, QuerySet):
            return self._get_page(self.object_list[bottom:top], number, self)
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = self.object_list.in_bulk(ids)
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)


class SharedPageMixin:
    """A list page whose content is the same for every reader: rendered once per reading
    revision, language, path and query (articles.shared), then taken from the cache. The
    content template is a fragment; articles/shared_page.html puts the site's layout, which
    names the reader, around it on every request."""

    http_method_names = ["get", "head", "options"]
    page_template_name = "articles/shared_page.html"
    query_names: tuple[str, ...] = ("page",)  # the parameters the page knows
    section = ""  # the main menu's entry marked as the current one
    # An object's page (a speaker's, a source's): cached under that object's revision
    # (shared.get_object_page), which only writes to what it shows renew; a list: under the
    # reading revision, which every write renews, and under what its page shows (``shown``).
    object_model: type[Model] | None = None
    found = None  # the object's page: its object, read with its revision
    prepared: dict | None = None

    def get(self, request, *args, **kwargs):
        key = self.shared_key()
        if self.object_model:
            title, content = shared.get_object_page(
                self.object_model, self.kwargs["slug"], key, self.render_found, request
            )
        else:
            title, content = shared.get_list(
                request, type(self).__name__, key, self.shown, self.render_shared
            )
        return self.page(title, content)

    def prepare(self) -> dict:
        """The page's own queries, run once: its objects, the count and the page's rows, as
        ListView's context."""
        if self.prepared is None:
            self.object_list = self.get_queryset()
            context = super().get_context_data()
            context["object_list"] = list(context["object_list"])
            self.prepared = context
        return self.prepared

    def get_context_data(self, **kwargs):
        return {**self.prepare(), **kwargs}

    def shown(self) -> tuple:
        """What a list's page shows, by value (``shared.get_list``): each row's id and
        ``revision`` (which the database renews with every change to the row, and
        ``articles.derived`` with its counts), and the count."""
        context = self.prepare()
        paginator = context["paginator"]
        return (
            [(row.pk, row.revision) for row in context["object_list"]],
            (paginator.count, paginator.num_pages) if paginator else None,
        )

    def page(self, title: str, content: SafeString):
        """The content in the site's layout, for this reader."""
        context = {"title": title, "content": content, "section": self.section}
        return render(self.request, self.page_template_name, context)

    def shared_key(self) -> str:
        """The path and the parameters the page knows, in one order: the same page, the same
        key. Other parameters (a tracking tag, a typo) are taken out of the request before
        anything reads it: each would make another copy in the cache, and the page's links,
        which keep the query, would pass it on to other readers."""
        known = QueryDict(mutable=True)
        for name, values in self.request.GET.lists():  # as given, for the page's links
            if name in self.query_names:
                known.setlist(name, values)
        self.request.GET = known
        return f"{self.request.path}?{urlencode(sorted(known.lists()), doseq=True)}"

    def render_shared(self) -> tuple[str, SafeString]:
        """The page's title and content, rendered (the queries of a ListView's ``get``)."""
        self.prepare()  # the queryset first: get_context_data may read what it found
        context = self.get_context_data()
        content = render_to_string(self.template_name, context, self.request)
        return self.title(context), mark_safe(content)

    def render_found(self, found) -> tuple[str, SafeString]:
        """``render_shared`` for the object ``shared.get_object_page`` read (None: not found)."""
        self.found = found
        return self.render_shared()

    def title(self, context) -> str:
        raise NotImplementedError


class ListRow(NamedTuple):
    """A row of the article list: its article and its HTML without the ``</li>`` (cached on its
    own, under the article's revision: ``shared.rows``)."""

    article: Article
    html: SafeString


class ListPage(NamedTuple):
    """What the article list shows every reader alike (cached): the parts before and after
    the rows; each row is (article id, slug, its HTML without the closing tag)."""

    title: str
    head: SafeString
    rows: list[tuple[int, str, SafeString]]
    after: SafeString


class ArticleListView(SharedPageMixin, ForgivingPaginationMixin, ListView):
    section = "articles"
    template_name = "articles/article_list.html"
    paginate_by = 20
    paginator_class = CappedPaginator

    # A search counts its matches up to 1,000 (or the next thousand beyond the page asked
    # for), not to 10,000: each counted match is a row read and its vector checked, 20 ms for a
    # word in 80% of 100,000 articles. Every page stays reachable: the count reaches further as
    # one pages on.
    SEARCH_CAP = 1_000

    def get_paginator(self, queryset, per_page, **kwargs):
        if not self.search:
            known = self.known_count()  # all pages reachable when the count is known
            cap = CappedPaginator.CAP if known is None else max(known, CappedPaginator.CAP)
            return super().get_paginator(queryset, per_page, cap=cap, known=known, **kwargs)
        page = page_number(self.request.GET.get(self.page_kwarg))  # "last": the first cap
        # 1,000 for the first 49 pages, 2,000 from page 50 on, …: beyond the page, a round number.
        cap = min(CappedPaginator.CAP, self.SEARCH_CAP * (1 + page * per_page // self.SEARCH_CAP))
        return super().get_paginator(queryset, per_page, cap=cap, **kwargs)

    query_names = (*ArticleFilter.base_filters, "page")
    # A list or a search asked for with these alone (no filter) is found without the filter set
    # and its form (``plain``).
    PLAIN = frozenset(("q", "sort", "page"))
    SORTS = frozenset(("", ArticleFilter.RELEVANCE, ArticleFilter.NEWEST, ArticleFilter.OLDEST))
    search = ""
    archived: list[int] | None = None  # the reader's archived articles, when read (``get``)
    articles_total: int | None = None  # the number of articles, when read with them
    # What ``shown`` found on a plain list: its paginator, page, articles, whether the ranked
    # window is full and the form's sources, for ``prepare`` when the page is made.
    found: dict | None = None

    def get(self, request, *args, **kwargs):
        key = self.shared_key()
        # The results depend on whose annotations one may see, or on the reader's own state.
        if request.GET.get("tag") or request.GET.get("reading"):
            page = self.render_shared()
        else:
            # The reader's archived articles are left out: the same list for every reader who
            # archived the same ones (most: none), cached under them.
            # and the revision, the header's probe and, for a list without a search, the
            # number of articles (``known_count``)
            reader = selectors.reader_states(
                request.user, request, articles=not request.GET.get("q", "").strip()
            )
            archived = self.archived = reader.archived
            self.articles_total = reader.articles
            if archived:
                key += "&archived=" + ",".join(map(str, archived))
            self.reader_flags = reader.flags
            # (named anew with the tag field in the head: an entry cached before has three parts)
            page = shared.get_list(
                request, "article-list-parts", key, self.shown, self.render_shared
            )
        rows = self.with_reader_controls(page.rows)
        context = {
            "title": page.title,
            "head": page.head,
            # one string: a loop over 20 rows in the template cost more than their controls
            "rows_html": mark_safe("".join(rows)),
            "after": page.after,
            "section": self.section,
        }
        return render(request, "articles/article_list_page.html", context)

    def shown(self) -> tuple:
        """What the page shows, by value (``shared.get_list``): each article's id and revision
        (which the database renews with every change to what its row shows), the count and
        whether it is capped or the ranked window full, the form's choices of source, the
        speaker's name its field shows and its errors. A plain list or search finds them
        without the filter set (``plain``)."""
        if self.plain():
            found = self.found
            paginator = found["paginator"]
            return (
                [(article.pk, article.revision) for article in found["articles"]],
                (paginator.count, paginator.capped),
                found["window_full"],
                found["source_options"],
                "",  # no speaker
                [],  # no error (``plain`` takes only valid values)
            )
        context = self.prepare()
        paginator = context["paginator"]
        errors_given = self.filterset.form.errors.as_data()
        return (
            [(article.pk, article.revision) for article in context["object_list"]],
            (paginator.count, paginator.capped) if paginator else None,
            self.filterset.ranked_window_full,
            self.filterset.source_options,
            self.filterset.speaker_value,
            # what is wrong with the values given (the same value can become another error)
            sorted((name, [e.code for e in errors]) for name, errors in errors_given.items()),
        )

    def known_count(self) -> int | None:
        """The count of a list that need not count (no search):

        - with no filter, the number of articles (``selectors.reader_states``: the sum of
          ``Source.article_count``, kept by ``articles.derived``) but the reader's archived ones;
          counting them read every row's index entry (2.3 ms at 100,000 articles);
        - of one speaker's articles and nothing else, for a reader who archived none:
          ``Speaker.article_count``, the number of the speaker's ``ArticleSpeaker`` rows by
          which the filter finds the articles; counting them read 7,000 blocks (5 ms) for a
          speaker in 10,000 of 100,000 articles.

        None for any other list: it is counted."""
        filterset = getattr(self, "filterset", None)  # none yet: a plain list (``plain``)
        if filterset is None or not filterset.active:
            if self.search or self.articles_total is None or self.archived is None:
                return None
            return max(0, self.articles_total - len(self.archived))
        if self.archived != [] or filterset.active != ["speaker"]:
            return None
        speaker = filterset.form.cleaned_data.get("speaker")  # None: not a quoted speaker
        return speaker.article_count if speaker is not None else None

    def plain(self) -> bool:
        """For a list or a search with no filter (only ``q``, ``sort`` and ``page``, valid): its
        queries as the filter set would run them, without building it and its form, which
        cost more than the queries after a write elsewhere (when the page is served whole),
        kept in ``found`` for ``prepare`` when the page is made. False for any other."""
        query = self.request.GET
        search, sort = query.get("q", ""), query.get("sort", "")
        # What the form would refuse (its CharField refuses a NUL) goes through it.
        if not self.PLAIN.issuperset(query) or "\x00" in search or sort not in self.SORTS:
            return False
        if self.found is None:
            self.search = search.strip()  # as the form's CharField cleans it
            sort = sort or ArticleFilter.RELEVANCE
            if compiled_plain(self.search):
                object_list, window_full = plain_matches(
                    self.request.user, self.search, sort, page=self.expected_rows()
                )
            else:
                matches = Article.objects.listed().search(self.search)
                matches = archived_hidden(matches, self.request.user)
                object_list, window_full = ordered(
                    matches, Article.objects.listed(), self.search, sort
                )
            if isinstance(object_list, ListedMatches):
                self.expect_page(object_list)
            paginator, page, articles, is_paginated = self.paginate_queryset(
                object_list, self.paginate_by
            )
            articles = list(articles)
            self.found = {
                "object_list": object_list,
                "paginated": (paginator, page, articles, is_paginated),
                "paginator": paginator,
                "articles": articles,
                "window_full": window_full,
                "source_options": source_options(),
            }
        return True

    def render_shared(self) -> ListPage:
        """The title and the shared parts of the page: before the rows, each row (without its
        ``</li>``: the reader's controls go there), after the rows."""
        context = self.get_context_data()
        head, after = (
            mark_safe(render_to_string(self.template_name, {**context, "part": part}, self.request))
            for part in ("head", "after")
        )
        rows = [(row.article.pk, row.article.slug, row.html) for row in context["rows"]]
        return ListPage(self.title(context), head, rows, after)

    def render_rows(self, articles: list[Article]) -> list[SafeString]:
        """The rows of these articles (those not in the cache) with the speakers each quotes
        and on a search the passage (two queries), without their ``</li>``: the reader's
        controls go there."""
        rows = selectors.article_rows(articles, search=self.filterset.search)
        return [article_row(row, close=False) for row in rows]

    # Every reading state of the reader, when ``selectors.reader_states`` read them all (a
    # reader with none or few); None: not read.
    reader_flags: dict[int, selectors.ReadingFlags] | None = None

    def with_reader_controls(self, rows: list[tuple[int, str, SafeString]]) -> list[str]:
        """Each row's shared HTML with this reader's controls for it (none for an anonymous
        reader) and its ``</li>``: one query for the rows' states, none when the reader's
        states are known."""
        request = self.request
        if not request.user.is_authenticated:
            return [f"{html}\n</li>\n" for _pk, _slug, html in rows]
        states = self.reader_flags
        if states is None:
            states = selectors.reading_flags(request.user, [pk for pk, _slug, _html in rows])
        query = request.GET.urlencode()  # the parameters the page knows (shared_key)
        token, next_url = get_token(request), request.path + (f"?{query}" if query else "")
        url = selectors.slug_url("articles:reading")
        controls = partial(reading_controls, csrf_token=token, next_url=next_url)
        return [
            f"{html}\n  {controls(url=url(slug), state=states.get(pk))}\n</li>\n"
            for pk, slug, html in rows
        ]

    def title(self, context) -> str:
        search = self.filterset.search
        return f"{_('“%(q)s”') % {'q': search}} · {_('Articles')}" if search else _("Articles")

    def get_queryset(self):
        # (The listed articles only when the filter set filters them, at the end: a queryset
        # costs to build, and most lists do without.)
        self.filterset = ArticleFilter(
            self.request.GET, queryset=Article.objects.all(), request=self.request
        )
        if self.plain():
            # Its queries run without the filter set: the filter set for its form alone.
            self.filterset.form.is_valid()
            self.filterset.ranked_window_full = self.found["window_full"]
            self.filterset.source_options = self.found["source_options"]
            return self.found["object_list"]
        self.filterset.form.is_valid()  # its cleaned data, for what follows
        self.search = self.filterset.search
        speaker = self.speaker_alone()
        if speaker is not None:
            sort = self.filterset.form.cleaned_data.get("sort") or ArticleFilter.RELEVANCE
            found, full = plain_matches(
                self.request.user, self.search, sort, speaker.pk, page=self.expected_rows()
            )
            if isinstance(found, ListedMatches):
                self.expect_page(found)
            self.filterset.ranked_window_full = full
            return found
        self.filterset.queryset = Article.objects.listed()
        return self.filterset.qs

    def expected_rows(self) -> tuple[int, int] | None:
        """The rows the paginator will ask for, as (first, after the last); None for "last",
        not known before the count."""
        asked = self.asked_page()
        if asked == "last":
            return None
        start = (page_number(asked) - 1) * self.paginate_by
        return start, start + self.paginate_by

    def expect_page(self, matches: ListedMatches) -> None:
        """Tell ``matches`` which rows the paginator will ask for (``expected_rows``), so that
        one of the first pages comes with the count."""
        expected = self.expected_rows()
        if expected is not None:
            matches.expect(*expected)

    def speaker_alone(self) -> Speaker | None:
        """The speaker of a list (or a search) of one speaker's articles with no other filter:
        its matches are found as a plain list's (``plain_matches``), the filter set's form
        only checked (it finds the speaker). None for any other list."""
        form = self.filterset.form
        if not form.is_valid() or not compiled_plain(self.filterset.search):
            return None
        active = self.filterset.active
        if "speaker" not in active or not {"speaker", "q"}.issuperset(active):
            return None
        return form.cleaned_data["speaker"]

    def paginate_queryset(self, queryset, page_size):
        if self.found is not None and queryset is self.found["object_list"]:
            return self.found["paginated"]
        return super().paginate_queryset(queryset, page_size)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        # When the page is made again, the rows that did not change come from the cache.
        articles = context["object_list"]
        html = shared.rows(articles, self.filterset.search, self.render_rows)
        context["rows"] = [ListRow(a, h) for a, h in zip(articles, html, strict=True)]
        context["removals"] = self.removals()
        context["exports"] = self.exports()
        return context

    def exports(self) -> list[tuple[str, str]]:
        """The links to the quotations of the listed articles, as CSV and as JSON Lines: the
        list's filters without the page and the order (an export is in date order)."""
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("sort", None)
        suffix = f"?{query.urlencode()}" if query else ""
        return [
            (label, reverse("articles:export", kwargs={"fmt": fmt}) + suffix)
            for fmt, label in (("csv", "CSV"), ("jsonl", "JSON Lines"))
        ]

    def removals(self) -> list[tuple[str, str]]:
        """For each filter in use: its label and value, and the list without it."""
        result = []
        for name in self.filterset.active:
            query = self.request.GET.copy()
            query.pop(name, None)
            query.pop("page", None)
            field = self.filterset.form[name]
            value = self.filterset.given(name)
            url = reverse("articles:list") + (f"?{query.urlencode()}" if query else "")
            if name == "reading":  # its label in the reader's language, not the value
                value = dict(field.field.choices).get(value, value)
            elif name == "tag":  # the tag's name, as its field shows it (a link gives the slug)
                value = self.filterset.tag_value
            result.append((f"{field.label}: {value}", url))
        return result


@require_safe
def article_detail(request, slug):
    """The article with its quotations marked, and the reader's annotations: painted by
    static/js/annotate.js from the data passed with json_script. The article's part is the same
    for every reader and comes from the shared cache under the article's revision and its
    speakers' (articles.shared); the links to its neighbours under its source's revision, so an
    import into the source renews them and not the article. One query finds those revisions,
    whether anybody annotated or tagged the article and the reader's reading state
    (selectors.article_visit); the reader's highlights and tags then cost nothing when there
    are none (most articles), else three queries whatever the number of annotations and one
    for the tags; opening it the first time marks it read (one write). The tag fields ask
    /api/tags/ for suggestions as one types."""
    visit = selectors.article_visit(request, slug)
    if visit is None:
        raise Http404(_("No article “%(slug)s”.") % {"slug": slug})
    page = shared.cached(
        f"article:{slug}:{visit.revision}.{visit.speakers_revision}",
        "",
        lambda: article_shared(request, slug),
    )
    neighbours = shared.cached(
        f"neighbours:{slug}:{visit.revision}.{visit.source_revision}",
        "",
        lambda: article_neighbours(request, page),
    )
    correction_forms = quote_correction_forms() if can_correct_quotes(request.user) else None
    annotations, tags = article_reader_parts(
        request.user, visit.id, annotated=visit.annotated, tagged=visit.tagged
    )
    state = visit.state
    opened = request.method == "GET"  # not a HEAD request (a prefetch, a link checker)
    if opened and request.user.is_authenticated and (state is None or state.read_at is None):
        services.article_opened(user=request.user, article_id=visit.id)
        state = state or ReadingState(user=request.user, article_id=visit.id)
        state.read_at = timezone.now()
    return render(
        request,
        "articles/article_detail.html",
        {
            "shared": page,
            "neighbours": neighbours,
            "section": "articles",
            "annotations": annotations,
            "article_tags": tags,
            # the correction panel: for staff who may change quotations, never cached
            "correction_forms": correction_forms,
            "correction_quotes": (
                selectors.quotes_to_correct(visit.id) if correction_forms else None
            ),
            "reading_state": state,
        },
    )


def quote_correction_forms(quote: Quote | None = None) -> dict:
    """The correction forms of a quotation, unbound (of none: the article page's panel)."""
    speaker = quote.speaker if quote else None
    return {
        "speaker": QuoteSpeakerForm(
            initial={"speaker": speaker.name, "speaker_id": speaker.pk} if speaker else None
        ),
        "kind": QuoteKindForm(initial={"kind": quote.kind} if quote else None),
        "span": QuoteSpanForm(initial={"start": quote.start, "end": quote.end} if quote else None),
    }


@login_required
@require_POST
def article_reading(request, slug):
    """Set the reader's state of the article: ``read``, ``favourite``, ``archived``, each "1"
    or "0" (those not given stay as they are). JSON for static/js/reading.js (which asks for
    it), else back to the page the form was on."""
    article = get_object_or_404(Article.objects.only("pk", "slug"), slug=slug)
    changes = {
        name: request.POST[name] == "1"
        for name in ("read", "favourite", "archived")
        if request.POST.get(name) in ("0", "1")
    }
    state = services.reading_state_set(user=request.user, article=article, **changes)
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse(
            {"read": state.read, "favourite": state.favourite, "archived": state.archived}
        )
    target = request.POST.get("next") or ""
    if changes.get("read") is False and target.split("#")[0] == article.get_absolute_url():
        # Back on the article it would be read again at once: to the list, as in Wallabag.
        target = reverse("articles:list")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(article.get_absolute_url())


EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/jsonl; charset=utf-8",
}


@login_required
@require_safe
def quotes_export(request, fmt: str):
    """The quotations of the articles the list shows with these filters (search, source,
    speaker, tag, the reader's reading state, dates), one row per quotation, as CSV or JSON
    Lines. Streamed: the rows are read from the database a chunk at a time and written as they
    come, so that an export of every article stays flat in memory. Filters that are not valid
    export nothing, as the list shows nothing."""
    query = request.GET.copy()
    query["sort"] = ArticleFilter.NEWEST  # a queryset in date order, not a ranked window
    filterset = ArticleFilter(query, queryset=Article.objects.all(), request=request)
    rows = selectors.quotes_for_export(filterset.qs)
    content = exports.quotes_csv(rows) if fmt == "csv" else exports.quotes_jsonl(rows)
    response = StreamingHttpResponse(content, content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="quotations.{fmt}"'
    return response


def article_shared(request, slug) -> dict:
    """The article page's part that is the same for every reader: its header, the speakers
    panel, the marked-up body, the annotation editor and the script's words as HTML, and what
    the rest of the page needs to know of the article. Two queries (selectors.article_page); a
    404 for an unknown slug."""
    page = selectors.article_page(slug=slug)
    article = page.article
    context = {"page": page, "article": article}
    return {
        "id": article.pk,
        "slug": article.slug,
        "title": article.title,
        "url": article.get_absolute_url(),
        "language": article.language,
        "length": len(article.body),
        "source_id": article.source_id,
        "source_name": article.source.name,
        "date": article.date,
        "header": render_to_string("articles/_article_header.html", context, request),
        "speakers": render_to_string(
            "articles/_article_speakers.html",
            {**context, "chips": speaker_chips(page.speakers)},
            request,
        ),
        "body": page.body_html,
        # The annotation editor and the script's words: the same for every reader and article.
        **annotation_editor(get_language(), get_script_prefix(), get_urlconf()),
    }


@lru_cache(maxsize=64)
def annotation_editor(language: str, prefix: str, urlconf: str | None) -> dict[str, SafeString]:
    """The annotation editor and the words of static/js/annotate.js in ``language`` (the active
    one) under this script prefix and URLconf (its address of the tag suggestions): made once
    per process, where rendering them took 0.65 ms of every article page made anew."""
    context = {"colours": Annotation.Colour.choices, "comment_max_length": COMMENT_MAX_LENGTH}
    return {
        "editor": mark_safe(render_to_string("articles/_annotation_editor.html", context)),
        "strings": json_script(annotate_strings(), "annotate-strings"),
    }


def article_neighbours(request, page: dict) -> SafeString:
    """The links to the previous and the next article from the same source (one query)."""
    article = Article(
        pk=page["id"], source_id=page["source_id"], date=page["date"], title=page["title"]
    )
    previous, following = selectors.article_neighbours(article)
    return neighbour_links(previous, following, page["source_name"])


def annotate_strings() -> dict[str, str]:
    """The words static/js/annotate.js shows, in the reader's language."""
    return {
        "private": _("Private"),
        "shared": _("Shared"),
        "deleted": _("deleted"),
        "hidden": _("hidden by staff"),
        "orphaned": _("orphaned: the passage is no longer in the text"),
        "edit": _("Edit"),
        "delete": _("Delete"),
        "confirmDelete": _("Delete this annotation?"),
        "confirmDeleteReply": _("Delete this reply?"),
        "cancel": _("Cancel"),
        "save": _("Save"),
        "reply": _("Reply"),
        "replies": _("Replies"),
        "noReplies": _("No replies yet."),
        "highlight": _("Highlight without comment"),
        "close": _("Close"),
        "by": _("by"),
        "saved": _("Annotation saved."),
        "deletedStatus": _("Annotation deleted."),
        "error": _("Could not save: %(reason)s"),
        "networkError": _("The server could not be reached. Try again."),
        "annotate": _("Annotate"),
        "annotateQuote": _("Annotate quotation"),
        "newAnnotation": _("New annotation"),
        "editAnnotation": _("Edit annotation"),
        "annotation": _("Annotation"),
        "you": _("you"),
        "edited": _("edited"),
        "alsoHere": _("Also here:"),
        # A quoted passage: the interface language's quotation marks (German „…“).
        "quoted": _("“%(text)s”"),
    }


class SpeakerListView(SharedPageMixin, ForgivingPaginationMixin, ListView):
    section = "speakers"
    template_name = "articles/speaker_list.html"
    context_object_name = "speakers"
    paginate_by = 100

    def get_queryset(self):
        return Speaker.objects.quoted().order_by("name")

    def title(self, context) -> str:
        return _("Speakers")


class SpeakerDetailView(SharedPageMixin, ForgivingPaginationMixin, ListView):
    """A speaker's quotations, newest first."""

    section = "speakers"
    object_model = Speaker
    template_name = "articles/speaker_detail.html"
    context_object_name = "quotes"
    paginate_by = 50

    page_template_name = "articles/speaker_page.html"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # An address the speaker had before a rename, or a merged speaker's: for good.
            old = SpeakerSlug.objects.filter(slug=self.kwargs["slug"]).select_related("speaker")
            old = old.first()
            if old is None:
                raise
            url = old.speaker.get_absolute_url()
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)

    def page(self, title, content):
        """The shared content, and for staff who may, the forms that rename and merge."""
        context = {"title": title, "content": content, "section": self.section}
        if can_correct_speakers(self.request.user):
            slug = self.kwargs["slug"]
            context |= {
                "speaker_slug": slug,
                "can_merge": can_merge_speakers(self.request.user),
                "rename_form": SpeakerRenameForm(initial={"name": title, "keep_alias": True}),
                "merge_form": SpeakerChoiceForm(prefix="merge"),
            }
        return render(self.request, self.page_template_name, context)

    def get_queryset(self):
        self.speaker = self.found or get_object_or_404(Speaker, slug=self.kwargs["slug"])
        return selectors.SpeakerQuotes(self.speaker)

    def get_paginator(self, queryset, per_page, **kwargs):
        # the count articles.derived keeps, not a count of the quotations; no cap
        known = self.speaker.quote_count
        return CappedPaginator(queryset, per_page, cap=known, known=known, **kwargs)

    def get_context_data(self, **kwargs):
        aliases = selectors.speaker_aliases(self.speaker)
        return super().get_context_data(speaker=self.speaker, aliases=aliases, **kwargs)

    def title(self, context) -> str:
        return self.speaker.name


class SourceListView(SharedPageMixin, ListView):
    section = "sources"
    template_name = "articles/source_list.html"
    context_object_name = "sources"

    def get_queryset(self):
        return Source.objects.order_by("name")

    def title(self, context) -> str:
        return _("Sources")


class SourceDetailView(SharedPageMixin, ForgivingPaginationMixin, ListView):
    """An outlet's articles, newest first, and the speakers it quotes most."""

    section = "sources"
    object_model = Source
    template_name = "articles/source_detail.html"
    paginate_by = 20

    def get_queryset(self):
        self.source = self.found or get_object_or_404(Source, slug=self.kwargs["slug"])
        return selectors.SourceArticles(self.source)

    def get_paginator(self, queryset, per_page, **kwargs):
        known = self.source.article_count  # kept by articles.derived
        return CappedPaginator(queryset, per_page, cap=known, known=known, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(source=self.source, **kwargs)
        context["rows"] = selectors.article_rows(context["object_list"])
        context["top_speakers"] = selectors.source_top_speakers(self.source)
        return context

    def title(self, context) -> str:
        return self.source.name


# --- A person's corrections on the reading pages ------------------------------------------
# Staff with the model permission only; for everybody else the pages show nothing new and
# these addresses answer 403. Each write is a service (articles.services) that records it.


def can_correct_quotes(user) -> bool:
    """Staff who may change quotations (no permission query for anybody else)."""
    return user.is_active and user.is_staff and user.has_perm("articles.change_quote")


def can_correct_speakers(user) -> bool:
    return user.is_active and user.is_staff and user.has_perm("articles.change_speaker")


def can_merge_speakers(user) -> bool:
    """A merge deletes the merged speaker: it also needs that permission, as in the admin."""
    return can_correct_speakers(user) and user.has_perm("articles.delete_speaker")


@require_safe
def speaker_search(request):
    """The speakers whose name or alias contains ``q``, as JSON, for the suggestions of the
    speaker fields (static/js/speaker_picker.js): every speaker for those who correct
    attributions, the quoted ones (whose pages every reader sees) for a reader and with
    ``quoted`` (the article list's filter)."""
    corrector = can_correct_quotes(request.user) or can_correct_speakers(request.user)
    quoted = not corrector or request.GET.get("quoted", "").lower() in ("1", "true", "yes", "on")
    found = selectors.speaker_suggestions(request.GET.get("q", ""), quoted=quoted)
    return JsonResponse({"results": found})


QUOTE_FORMS = {
    "speaker": QuoteSpeakerForm,
    "kind": QuoteKindForm,
    "span": QuoteSpanForm,
    "not_speech": None,
    "confirm": None,
}


@require_http_methods(["GET", "HEAD", "POST"])
def quote_correct(request, pk):
    """A quotation's corrections: its speaker, its kind, its span, not speech, confirmed.
    The article page's panel posts here (static/js/curation.js opens it on a click); this
    page shows the same forms for one quotation, and again with what was wrong."""
    if not can_correct_quotes(request.user):
        raise PermissionDenied
    quote = get_object_or_404(
        Quote.objects.select_related("article", "speaker").exclude(kind=Quote.Kind.NOT_SPEECH),
        pk=pk,
    )
    forms = quote_correction_forms(quote)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in QUOTE_FORMS:
            return render_quote_correct(request, quote, forms, 400, _("Unknown correction."))
        form = QUOTE_FORMS[action](request.POST) if QUOTE_FORMS[action] else None
        if form is not None:
            forms[action] = form
        if form is None or form.is_valid():
            try:
                message = quote_correction_apply(request.user, quote, action, form)
            except ValidationError as error:
                if form is None:
                    return render_quote_correct(request, quote, forms, 400, " ".join(error))
                form.add_error(None, error)
            else:
                messages.success(request, message)
                url = quote.article.get_absolute_url()
                return redirect(url if action == "not_speech" else f"{url}#q{quote.pk}")
        status = 400
    return render_quote_correct(request, quote, forms, status)


def quote_correction_apply(user, quote: Quote, action: str, form) -> str:
    """Run the correction ``action``; the message that says what was done."""
    if action == "speaker":
        target, name = form.cleaned_data["target"], form.cleaned_data["name"]
        if target is None and not user.has_perm("articles.add_speaker"):
            raise ValidationError(
                _("You may not create speakers: choose one from the suggestions.")
            )
        quote = services.quote_speaker_change(quote=quote, user=user, speaker=target, new_name=name)
        return _("The quotation is now attributed to %(name)s.") % {"name": quote.speaker.name}
    if action == "kind":
        quote = services.quote_kind_change(quote=quote, user=user, kind=form.cleaned_data["kind"])
        return _("The quotation is now %(kind)s.") % {"kind": quote.get_kind_display()}
    if action == "span":
        data = form.cleaned_data
        services.quote_span_change(quote=quote, user=user, start=data["start"], end=data["end"])
        return _("The quotation's span was changed.")
    if action == "not_speech":
        services.quote_not_speech(quote=quote, user=user)
        return _("The quotation was marked as not speech.")
    services.quote_confirm(quote=quote, user=user)
    return _("The quotation was confirmed.")


def render_quote_correct(request, quote, forms, status, error=""):
    context = {
        "quote": quote,
        "article": quote.article,
        "forms": forms,
        "error": error,
        "section": "articles",
        "length": len(quote.article.body),
        "before": quote.article.body[max(0, quote.start - 200) : quote.start],
        "after": quote.article.body[quote.end : quote.end + 200],
    }
    return render(request, "articles/quote_correct.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def speaker_correct(request, slug):
    """Rename a speaker, or merge them into another (POST ``action``: rename or merge); the
    speaker page shows the same forms, this page shows them again with what was wrong."""
    if not can_correct_speakers(request.user):
        raise PermissionDenied
    speaker = get_object_or_404(Speaker, slug=slug)
    rename = SpeakerRenameForm(initial={"name": speaker.name, "keep_alias": True})
    merge = SpeakerChoiceForm(prefix="merge")
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        status = 400
        if action == "rename":
            rename = SpeakerRenameForm(request.POST)
            if rename.is_valid():
                try:
                    services.speaker_rename(
                        speaker=speaker,
                        user=request.user,
                        name=rename.cleaned_data["name"],
                        keep_alias=rename.cleaned_data["keep_alias"],
                    )
                except ValidationError as error:
                    rename.add_error(None, error)
                else:
                    messages.success(request, _("The speaker was renamed."))
                    return redirect(speaker)
        elif action == "merge":
            if not can_merge_speakers(request.user):
                raise PermissionDenied
            merge = SpeakerChoiceForm(request.POST, prefix="merge")
            if merge.is_valid():
                name = speaker.name
                try:
                    target = services.speaker_merge_into(
                        speaker=speaker, target=merge.cleaned_data["target"], user=request.user
                    )
                except ValidationError as error:
                    merge.add_error(None, error)
                else:
                    messages.success(
                        request,
                        _("%(merged)s was merged into %(name)s.")
                        % {"merged": name, "name": target.name},
                    )
                    return redirect(target)
        else:
            rename.add_error(None, _("Unknown correction."))
    context = {
        "speaker": speaker,
        "rename_form": rename,
        "merge_form": merge,
        "can_merge": can_merge_speakers(request.user),
        "section": "speakers",
    }
    return render(request, "articles/speaker_correct.html", context, status=status)
