"""The article list's filters: search, source, speaker, tag, date range and sorting."""

from __future__ import annotations

import django_filters
from django import forms
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from annotations.models import Annotation, ArticleTag
from annotations.selectors import tags_in_use
from articles.models import Article, Quote, Source, Speaker


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
    )
    speaker = django_filters.ModelChoiceFilter(
        label=_("Speaker"),
        queryset=Speaker.objects.filter(
            Exists(Quote.objects.filter(speaker=OuterRef("pk"), kind__in=Quote.SPOKEN))
        ).order_by("name"),
        to_field_name="slug",
        empty_label=_("All speakers"),
        method="filter_speaker",
    )
    tag = django_filters.CharFilter(
        label=_("Tag"),
        method="filter_tag",
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
        fields = ["q", "source", "speaker", "tag", "date_from", "date_to", "sort"]

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_speaker(self, queryset, name, value):
        return queryset.quoting(value)

    def filter_tag(self, queryset, name, value):
        """Articles someone tagged with it, or with an annotation the reader may see that
        carries it (a private annotation's tag does not reveal its article to others)."""
        tag = Q(tag__slug=value) | Q(tag__name__iexact=value)
        annotation_tag = Q(tags__slug=value) | Q(tags__name__iexact=value)
        user = getattr(self.request, "user", None)
        return queryset.filter(
            Exists(ArticleTag.objects.filter(tag, article=OuterRef("pk")))
            | Exists(
                Annotation.objects.visible_to(user)
                .live()
                .filter(annotation_tag, article=OuterRef("pk"))
            )
        )

    @property
    def tag_options(self) -> list[tuple[str, str]]:
        """The tags the reader may filter by: on articles or on annotations they may see."""
        return list(tags_in_use(getattr(self.request, "user", None)).values_list("slug", "name"))

    def filter_sort(self, queryset, name, value):
        return queryset

    @property
    def search(self) -> str:
        return (self.form.cleaned_data.get("q") or "").strip() if self.is_bound else ""

    @property
    def active(self) -> list[str]:
        """The names of the filters in use (not the sorting)."""
        data = getattr(self.form, "cleaned_data", {})
        return [name for name, value in data.items() if value and name != "sort"]

    # The choices as (slug, name), for the template to render quickly: Django's Select widget
    # renders a template per option, which costs milliseconds with hundreds of speakers.
    @property
    def source_options(self) -> list[tuple[str, str]]:
        return list(self.filters["source"].queryset.values_list("slug", "name"))

    @property
    def speaker_options(self) -> list[tuple[str, str]]:
        return list(self.filters["speaker"].queryset.values_list("slug", "name"))

    @property
    def narrowed(self) -> list[str]:
        """The filters in use besides the search, and a sorting other than the default."""
        data = getattr(self.form, "cleaned_data", {})
        return [
            name
            for name, value in data.items()
            if value and name != "q" and (name != "sort" or value != self.RELEVANCE)
        ]

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        sort = self.form.cleaned_data.get("sort") or self.RELEVANCE
        if sort == self.RELEVANCE and self.search and connection.vendor == "postgresql":
            # Ranking reads every match's vector: a word in half of 100,000 articles would cost
            # half a second. The newest RANK_WINDOW matches are ranked, found through the date
            # index; the page says so when there are more.
            window = list(
                queryset.order_by("-date", "-pk").values_list("pk", flat=True)[
                    : self.RANK_WINDOW + 1
                ]
            )
            self.ranked_window_full = len(window) > self.RANK_WINDOW
            queryset = queryset.filter(pk__in=window[: self.RANK_WINDOW])
            return queryset.order_by("-rank", "-date", "-pk")
        if sort == self.OLDEST:
            return queryset.order_by("date", "pk")
        return queryset.order_by("-date", "-pk")
