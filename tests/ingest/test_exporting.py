"""export_quotes and the streaming exporters."""

import csv
import io
import json

import pytest
from django.core.management import call_command

from actors.models import Affiliation, Alias, Organization, Person
from quotes.ingest import exporting
from quotes.models import Article, Publisher, Quote, Topic
from tests.factories import QuoteFactory, TopicFactory


def export(*args) -> str:
    out = io.StringIO()
    call_command("export_quotes", *args, stdout=out)
    return out.getvalue()


def test_round_trip_export_import_export_is_identical(seed, tmp_path):
    first, quotes = export("--format", "articles"), Quote.objects.count()
    path = tmp_path / "all.jsonl"
    path.write_text(first)
    # An empty database: nothing of the seed left.
    Quote.objects.all().delete()
    Article.objects.all().delete()
    Alias.objects.all().delete()
    Affiliation.objects.all().delete()
    Person.objects.all().delete()
    Organization.objects.filter(parent__isnull=False).delete()
    Organization.objects.all().delete()
    Publisher.objects.all().delete()
    Topic.objects.all().delete()
    call_command(
        "import_articles", str(path), "--create-people", "--no-progress", stdout=io.StringIO()
    )
    assert Quote.objects.count() == quotes
    assert export("--format", "articles") == first


def test_articles_format_is_one_article_per_line_in_the_import_shape(seed):
    lines = export("--format", "articles").splitlines()
    article = json.loads(lines[0])
    assert {"publisher", "title", "url", "published_on", "body", "quotes"} <= set(article)
    quote = article["quotes"][0]
    assert article["body"][quote["start_offset"] : quote["end_offset"]] == quote["text"]


def test_csv_has_the_expected_columns_and_one_row_per_quote(seed):
    rows = list(csv.DictReader(io.StringIO(export("--format", "csv"))))
    assert list(rows[0]) == exporting.CSV_COLUMNS
    assert len(rows) == Quote.objects.count()


def test_filters_are_the_list_endpoint_filters(seed):
    rows = list(
        csv.DictReader(
            io.StringIO(export("--format", "csv", "--filter", "speaker=benjamin-netanyahu"))
        )
    )
    assert rows
    assert {row["speaker_slug"] for row in rows} == {"benjamin-netanyahu"}


def test_jsonld_is_schema_org_quotations_part_of_news_articles(db):
    quote = QuoteFactory(speaker__wikidata_id="Q42")
    document = json.loads(export("--format", "jsonld"))
    assert document["@context"] == "https://schema.org"
    node = document["@graph"][0]
    assert node["@type"] == "Quotation"
    assert node["text"] == quote.text
    assert node["spokenByCharacter"]["name"] == quote.speaker.name
    assert node["creator"]["sameAs"] == "https://www.wikidata.org/wiki/Q42"
    assert node["isPartOf"]["@type"] == "NewsArticle"
    assert node["isPartOf"]["url"] == quote.article.url


def test_every_format_lists_a_quotes_topics_in_name_order(db):
    quote = QuoteFactory()
    quote.topics.add(
        TopicFactory(slug="war", name="War"), TopicFactory(slug="aid", name="Humanitarian aid")
    )
    (row,) = csv.DictReader(io.StringIO(export("--format", "csv")))
    assert row["topics"] == "aid|war"
    assert json.loads(export("--format", "jsonld"))["@graph"][0]["about"] == [
        "Humanitarian aid",
        "War",
    ]
    (line,) = export("--format", "articles").splitlines()
    assert json.loads(line)["quotes"][0]["topics"] == [
        {"slug": "aid", "name": "Humanitarian aid"},
        {"slug": "war", "name": "War"},
    ]


def test_exporters_stream_rather_than_build_the_whole_file(db):
    QuoteFactory.create_batch(3)
    chunks = exporting.csv_rows(Quote.objects.all())
    assert next(chunks).startswith("id,text,kind")  # header before any query result
    assert sum(1 for _ in chunks) == 3


@pytest.mark.parametrize(
    "exporter",
    [
        exporting.csv_rows,
        exporting.jsonld_chunks,
        exporting.jsonl_quotes,
        exporting.jsonl_articles,
    ],
)
def test_exporters_read_rows_without_a_model_instance_per_quote(seed, monkeypatch, exporter):
    def no_instances(*args, **kwargs):
        raise AssertionError("a Quote instance was built")

    monkeypatch.setattr(Quote, "from_db", no_instances)
    assert "".join(exporter(Quote.objects.order_by("pk")))
