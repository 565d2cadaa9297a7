"""Read-side selectors: the list endpoint's filters outside a request, the paragraph around a
quote, pages of quotes, counts, months."""

import datetime

import pytest
from django.test import RequestFactory

from quotes import selectors
from quotes.filtersets import QuoteFilterSet
from quotes.models import Quote
from tests.factories import ArticleFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def test_the_paragraph_around_a_quote_is_split_around_it():
    article = ArticleFactory(body="Intro.\nShe said “We will not stop,” firmly.\nEnd.")
    quote = QuoteFactory(article=article)
    assert selectors.paragraph_around(quote) == ("She said “", "We will not stop,", "” firmly.")


def test_a_quote_no_longer_in_its_article_has_no_paragraph():
    quote = QuoteFactory()
    Quote.objects.filter(pk=quote.pk).update(text="Words never printed")
    quote.refresh_from_db()
    assert selectors.paragraph_around(quote) is None


def page(params):
    request = RequestFactory().get("/", params)
    filterset = QuoteFilterSet(data=request.GET, queryset=Quote.objects.with_relations())
    assert filterset.is_valid()
    return selectors.page_of_quotes(filterset, request)


def test_a_page_of_quotes_is_paged_by_the_apis_cursors():
    article = ArticleFactory()
    quotes = [QuoteFactory(article=article) for _ in range(3)]
    first = page({"page_size": 2})
    assert [quote.pk for quote in first.quotes] == [quotes[2].pk, quotes[1].pk]
    assert first.previous_cursor is None
    second = page({"page_size": 2, "cursor": first.next_cursor})
    assert [quote.pk for quote in second.quotes] == [quotes[0].pk]
    assert second.next_cursor is None and second.previous_cursor is not None


def test_a_page_of_a_search_carries_highlights():
    QuoteFactory()
    (quote,) = page({"q": "stop"}).quotes
    assert quote.highlight == "We will not <mark>stop</mark>,"


def test_counting_stops_at_the_limit():
    article = ArticleFactory()
    for _ in range(5):
        QuoteFactory(article=article)
    assert selectors.count_up_to(Quote.objects.all(), 3) == 3
    assert selectors.count_up_to(Quote.objects.all(), 10) == 5


def test_quotes_per_month_count_by_the_day_said():
    article = ArticleFactory(published_on=datetime.date(2023, 12, 20))
    QuoteFactory(article=article, said_on=datetime.date(2023, 11, 2))
    QuoteFactory(article=article, said_on=datetime.date(2023, 11, 30))
    QuoteFactory(article=article)  # said on the day published
    assert selectors.quotes_per_month(Quote.objects.all()) == [
        (datetime.date(2023, 11, 1), 2),
        (datetime.date(2023, 12, 1), 1),
    ]


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
