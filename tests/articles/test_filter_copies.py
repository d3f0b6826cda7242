"""Each filter set and each of its forms is its own (``articles.filters.SharedFilters`` and
``SharedChoicesFields`` share only what no filter set or form changes)."""

import pytest
from django.http import QueryDict
from django.test import RequestFactory

from articles.filters import ArticleFilter
from articles.models import Article, Source


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


def test_a_change_to_one_form_leaves_the_others_alone():
    first, second = filter_set(), filter_set()
    sort = first.form.fields["sort"]
    assert sort is not second.form.fields["sort"]
    sort.choices = [("x", "X")]
    sort.widget.attrs["data-x"] = "1"
    first.form.fields["reading"].error_messages["invalid_choice"] = "changed"
    third = filter_set()
    assert [value for value, _label in third.form.fields["sort"].choices] == [
        ArticleFilter.RELEVANCE,
        ArticleFilter.NEWEST,
        ArticleFilter.OLDEST,
    ]
    assert "data-x" not in third.form.fields["sort"].widget.attrs
    assert third.form.fields["reading"].error_messages["invalid_choice"] != "changed"


@pytest.mark.django_db
def test_the_source_choices_are_read_for_each_form():
    Source.objects.create(name="Blatt", slug="blatt")
    assert filter_set("source=blatt").form.is_valid()
    Source.objects.create(name="Kurier", slug="kurier")
    # a source added after the first form is a choice of the next (no queryset kept evaluated)
    form = filter_set("source=kurier").form
    assert form.is_valid(), form.errors
    assert form.cleaned_data["source"].slug == "kurier"
