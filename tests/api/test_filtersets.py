"""FilterSets: one form class per FilterSet class; a form and filters of its own per request."""

from django.http import QueryDict

from quotes.filtersets import PersonQuoteFilterSet, QuoteFilterSet
from quotes.models import Quote


def filterset(query: str, filterset_class=QuoteFilterSet):
    return filterset_class(data=QueryDict(query), queryset=Quote.objects.none())


def test_a_filtersets_form_class_is_built_once():
    assert type(filterset("").form) is type(filterset("q=aid").form)


def test_a_subclass_has_a_form_class_of_its_own():
    form = filterset("", PersonQuoteFilterSet).form
    assert "speaker" in filterset("").form.fields
    assert "speaker" not in form.fields


def test_each_request_validates_a_form_of_its_own():
    bad, good = filterset("said_after=yesterday"), filterset("said_after=2023-12-20")
    assert (bad.is_valid(), good.is_valid()) == (False, True)
    assert list(bad.errors) == ["said_after"]
    assert bad.form.fields["said_after"] is not good.form.fields["said_after"]


def test_each_filterset_has_filters_of_its_own_with_itself_as_parent():
    first, second = filterset(""), filterset("")
    assert first.filters["q"] is not second.filters["q"]
    assert first.filters["q"].parent is first
    assert second.filters["q"].parent is second


def test_a_method_filter_calls_the_method_of_its_own_filterset():
    first, second = filterset(""), filterset("")
    assert first.filters["topic"].filter.method.__self__ is first
    assert second.filters["topic"].filter.method.__self__ is second


def test_filters_are_copied_shallowly_not_deep_copied_per_request():
    base = QuoteFilterSet.base_filters["said_after"]
    copied = filterset("").filters["said_after"]
    assert copied is not base
    assert copied.extra is base.extra
