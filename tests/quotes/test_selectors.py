"""Read-side selectors for quotes used outside a request."""

import pytest

from quotes import selectors
from quotes.models import Quote
from tests.factories import QuoteFactory


def test_invalid_filter_is_an_error(db):
    with pytest.raises(selectors.FilterError):
        selectors.filter_quotes({"said_after": "yesterday"})


def test_filters_are_the_list_endpoints(db):
    kept = QuoteFactory(said_on="2024-01-02")
    QuoteFactory(said_on="2023-01-02")
    assert list(selectors.filter_quotes({"said_after": "2024-01-01"})) == [kept]


def test_no_filter_gives_every_quote_newest_first(db):
    older, newer = QuoteFactory(said_on="2023-01-02"), QuoteFactory(said_on="2024-01-02")
    assert list(selectors.filter_quotes({}, Quote.objects.all())) == [newer, older]
