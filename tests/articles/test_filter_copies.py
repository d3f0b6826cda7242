"""Each filter set is its own (``articles.filters.SharedFilters`` shares with the copies only
the arguments their fields are made from, which no filter set changes)."""

from django.http import QueryDict
from django.test import RequestFactory

from articles.filters import ArticleFilter
from articles.models import Article


def filter_set(query: str = "") -> ArticleFilter:
    request = RequestFactory().get("/articles/?" + query)
    return ArticleFilter(QueryDict(query), queryset=Article.objects.all(), request=request)


def test_each_filter_set_has_its_own_filters_and_methods():
    first, second = filter_set("q=Energie"), filter_set("q=Wasser")
    for name in ArticleFilter.base_filters:
        a, b, base = first.filters[name], second.filters[name], ArticleFilter.base_filters[name]
        assert a is not b and a is not base
        assert a.parent is first and b.parent is second
        assert a.extra is not b.extra and a.extra is not base.extra
        assert a.label == base.label
    # A method filter calls the method of its own filter set, not another's.
    assert first.filters["q"].filter.method.__self__ is first
    assert second.filters["q"].filter.method.__self__ is second
    assert not hasattr(ArticleFilter.base_filters["q"], "parent")
