"""``?include=context&include=citation``: a quote list carries what a result list shows, in
the same one query, and nothing of it when not asked."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory, PersonFactory, QuoteFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/quotes/"
BODY = "Talks went on. “Aid must flow,” said Dana Levi. Officials were hopeful."


@pytest.fixture
def quote():
    article = ArticleFactory(body=BODY)
    return QuoteFactory(
        article=article, speaker=PersonFactory(name="Dana Levi"), text="Aid must flow,"
    )


def test_a_list_carries_neither_context_nor_citation_unless_asked(api, quote):
    (row,) = api.get(URL).json()["results"]
    assert "context" not in row and "citation" not in row


@pytest.mark.parametrize("extra", ["context", "citation"])
def test_a_list_carries_what_the_detail_says_when_asked(api, quote, extra):
    detail = api.get(f"{URL}{quote.pk}/").json()
    (row,) = api.get(URL, {"include": extra}).json()["results"]
    assert row[extra] == detail[extra]
    assert ({"context", "citation"} - {extra}).isdisjoint(row)


def test_both_extras_repeat_the_parameter(api, quote):
    (row,) = api.get(URL, {"include": ["context", "citation"]}).json()["results"]
    assert row["context"] == "“Aid must flow,” said Dana Levi."
    assert row["citation"].startswith("Dana Levi, ")


def test_nested_lists_include_too(api, quote):
    url = f"/api/v1/people/{quote.speaker.slug}/quotes/"
    (row,) = api.get(url, {"include": "context"}).json()["results"]
    assert row["context"] == "“Aid must flow,” said Dana Levi."


def test_an_unknown_extra_is_a_400(api, quote):
    response = api.get(URL, {"include": "body"})
    assert response.status_code == 400
    assert response.json()["errors"] == {"include": ['"body": context or citation.']}


def test_the_article_body_is_read_only_when_the_context_is_asked_for(api, quote):
    def sql(params):
        with CaptureQueriesContext(connection) as captured:
            assert api.get(URL, params).status_code == 200
        (query,) = (query["sql"] for query in captured)
        return query

    assert '"quotes_article"."body"' not in sql({"include": "citation"})
    assert '"quotes_article"."body"' in sql({"include": "context"})
