"""FilterSets: one form class per FilterSet class, a form of its own per request."""

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
