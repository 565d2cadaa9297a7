"""GET /api/v1/quotes/?format=csv|jsonl|jsonld: the list's filters, search and visibility,
streamed whole, in a constant number of queries; 400 for an unknown format."""

import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext

from quotes.choices import ReviewStatus
from quotes.ingest.exporting import CSV_COLUMNS, MEDIA_TYPES
from tests.factories import ArticleFactory, PersonFactory, QuoteFactory, TopicFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/quotes/"
BODY = (
    "“The negotiations will continue at the café,” said Dana Levi. Officials were hopeful. "
    "“No deal yet on the hostages,” an official said. “Aid must flow,” the ministry said."
)
TALKS = "The negotiations will continue at the café,"
HOSTAGES = "No deal yet on the hostages,"
AID = "Aid must flow,"


def content(response) -> str:
    assert response.status_code == 200, getattr(response, "content", b"")
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode()


def csv_texts(response) -> list[str]:
    rows = list(csv.DictReader(io.StringIO(content(response))))
    return [row["text"] for row in rows]


@pytest.fixture
def quotes():
    article = ArticleFactory(
        body=BODY, published_on=datetime.date(2023, 12, 20), url="https://news.example/talks"
    )
    levi = PersonFactory(name="Dana Levi", slug="dana-levi", wikidata_id="Q1234")
    other = PersonFactory(name="Ari Ben", slug="ari-ben")
    talks = QuoteFactory(article=article, speaker=levi, text=TALKS)
    talks.topics.add(TopicFactory(slug="talks", name="Talks"))
    return {
        "talks": talks,
        "hostages": QuoteFactory(article=article, speaker=other, text=HOSTAGES),
        "aid": QuoteFactory(article=article, speaker=other, text=AID, status=ReviewStatus.DRAFT),
    }


def test_csv(api, quotes):
    response = api.get(URL, {"format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="quotes.csv"'
    text = content(response)
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert header == CSV_COLUMNS
    assert sorted(row[1] for row in rows) == sorted([TALKS, HOSTAGES])
    talks = next(dict(zip(header, row, strict=True)) for row in rows if row[1] == TALKS)
    assert talks["speaker_slug"] == "dana-levi"
    assert talks["topics"] == "talks"
    assert talks["article_url"] == "https://news.example/talks"


def test_json_lines(api, quotes):
    response = api.get(URL, {"format": "jsonl"})
    assert response["Content-Type"] == "application/jsonl"
    assert response["Content-Disposition"] == 'attachment; filename="quotes.jsonl"'
    lines = [json.loads(line) for line in content(response).splitlines()]
    by_text = {line["text"]: line for line in lines}
    assert set(by_text) == {TALKS, HOSTAGES}
    talks = by_text[TALKS]
    assert talks["id"] == quotes["talks"].pk
    assert talks["speaker"] == {"slug": "dana-levi", "name": "Dana Levi", "wikidata_id": "Q1234"}
    assert talks["article"]["url"] == "https://news.example/talks"
    assert "body" not in talks["article"]  # the API never publishes article bodies


def test_json_ld(api, quotes):
    response = api.get(URL, {"format": "jsonld", "speaker": "dana-levi"})
    assert response["Content-Type"] == "application/ld+json"
    assert response["Content-Disposition"] == 'attachment; filename="quotes.jsonld"'
    document = json.loads(content(response))
    assert document["@context"] == "https://schema.org"
    [node] = document["@graph"]
    assert node["@type"] == "Quotation"
    assert node["text"] == TALKS
    assert node["spokenByCharacter"]["name"] == "Dana Levi"
    assert node["isPartOf"]["@type"] == "NewsArticle"


def test_filters_and_search_are_the_lists(api, quotes):
    assert csv_texts(api.get(URL, {"format": "csv", "speaker": "ari-ben"})) == [HOSTAGES]
    assert csv_texts(api.get(URL, {"format": "csv", "q": "hostages"})) == [HOSTAGES]
    assert csv_texts(api.get(URL, {"format": "csv", "topic": "talks"})) == [TALKS]
    # what the JSON list returns, in the same order
    listed = [row["text"] for row in api.get(URL, {"q": "deal OR café"}).json()["results"]]
    assert csv_texts(api.get(URL, {"format": "csv", "q": "deal OR café"})) == listed


def test_anonymous_users_download_verified_quotes_staff_all(api, staff_api, quotes):
    assert AID not in csv_texts(api.get(URL, {"format": "csv"}))
    assert csv_texts(api.get(URL, {"format": "csv", "status": "draft"})) == []
    assert AID in csv_texts(staff_api.get(URL, {"format": "csv"}))
    assert csv_texts(staff_api.get(URL, {"format": "csv", "status": "draft"})) == [AID]


def test_a_download_is_not_paginated(api, quotes):
    article = quotes["talks"].article
    for _ in range(5):
        QuoteFactory(article=article, text=TALKS)
    assert len(csv_texts(api.get(URL, {"format": "csv", "page_size": 2}))) == 7


def test_a_malformed_page_size_is_a_400_in_a_download_too(api, quotes):
    response = api.get(URL, {"format": "csv", "page_size": "true"})
    assert response.status_code == 400
    assert "page_size" in response.json()["errors"]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "jsonld"])
def test_a_download_accepts_its_own_media_type(api, quotes, fmt):
    media_type = MEDIA_TYPES[fmt].split(";")[0]
    response = api.get(URL, {"format": fmt}, HTTP_ACCEPT=media_type)
    assert response["Content-Type"].split(";")[0] == media_type
    assert content(response)


def test_an_invalid_filter_of_a_download_is_json_whatever_accept_says(api, quotes):
    response = api.get(URL, {"format": "csv", "said_after": "x"}, HTTP_ACCEPT="text/csv")
    assert response.status_code == 400
    assert "said_after" in response.json()["errors"]


def test_nested_lists_download_too(api, quotes):
    texts = csv_texts(api.get("/api/v1/people/ari-ben/quotes/", {"format": "csv"}))
    assert texts == [HOSTAGES]


def test_an_unknown_format_is_a_400_in_the_api_error_format(api, quotes):
    response = api.get(URL, {"format": "xlsx"})
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Invalid input."
    assert "xlsx" in body["errors"]["format"][0]


def test_an_invalid_filter_is_a_400_before_anything_streams(api, quotes):
    response = api.get(URL, {"format": "csv", "said_after": "yesterday"})
    assert response.status_code == 400
    assert "said_after" in response.json()["errors"]


def test_without_format_the_list_answers_json_pages(api, quotes):
    response = api.get(URL)
    assert response["Content-Type"] == "application/json"
    assert len(response.json()["results"]) == 2


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "jsonld"])
def test_the_query_count_does_not_grow_with_the_quotes(staff_api, quotes, fmt):
    def count():
        with CaptureQueriesContext(connection) as captured:
            content(staff_api.get(URL, {"format": fmt}))
        return len(captured)

    few = count()
    article = quotes["talks"].article
    topic = TopicFactory()
    for _ in range(20):
        QuoteFactory(article=article, speaker=PersonFactory(), text=AID).topics.add(topic)
    assert count() == few
