"""Streaming exports of quotes: CSV, JSON Lines (re-importable) and JSON-LD (schema.org).

Every exporter is a generator of ``str`` chunks over a queryset, so it serves a management
command and a streaming HTTP response alike, in flat memory: rows come from a server-side
cursor in chunks (``iterator(chunk_size=...)``), each row a tuple or a dict of the columns it
needs (``values_list``/``values`` over joined lookups) with its topics as a JSON array
(``QuoteQuerySet.with_topic_refs``): building five model instances per quote would take most
of an export's time.

- ``csv_rows(quotes)``: one row per quote, the columns in ``CSV_COLUMNS``.
- ``jsonld_chunks(quotes)``: ``{"@context": "https://schema.org", "@graph": [Quotation, ...]}``.
- ``jsonl_articles(quotes, articles=None)``: one article per line with its (matching) quotes,
  in the payload shape of ``quotes.ingest.payload``: ``import_articles`` reads it back, and
  export, import into an empty database, export again gives the same file.
- ``jsonl_quotes(quotes)``: one quote per line with a reference to its article (no body).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

import orjson
from django.db.models import QuerySet

from quotes.models import Article

CHUNK_SIZE = 2000

CSV_COLUMNS = [
    "id", "text", "kind", "speaker", "speaker_slug", "speaker_wikidata_id",
    "speaking_organization", "speaking_organization_slug", "source_organization",
    "source_organization_slug", "attribution", "anonymous", "unattributed", "source_label", "role",
    "role_organization", "said_on", "channel", "cue", "place", "language", "status", "topics",
    "start_offset", "end_offset", "article_id", "article_title", "article_url", "publisher",
    "publisher_slug", "published_on",
]  # fmt: skip
# What each column is read from.
CSV_SOURCES = [
    "pk", "text", "kind", "speaker__name", "speaker__slug", "speaker__wikidata_id",
    "speaking_organization__name", "speaking_organization__slug", "source_organization__name",
    "source_organization__slug", "attribution", "is_anonymous", "is_unattributed", "source_label",
    "affiliation__role", "affiliation__organization__name", "said_on", "channel", "cue",
    "place", "language", "status", "topic_refs", "start_offset", "end_offset", "article_id",
    "article__title", "article__url", "article__publisher__name", "article__publisher__slug",
    "article__published_on",
]  # fmt: skip


def _actor(field: str, *columns: str) -> list[str]:
    """The lookups of a person's or an organization's reference: its id, slug, name, Wikidata."""
    return [field, *(f"{field}__{column}" for column in ("slug", "name", "wikidata_id", *columns))]


# The columns each JSON format reads from a quote row.
QUOTATION_SOURCES = [
    "pk", "text", "language", *_actor("speaker"), "affiliation", "affiliation__role",
    "affiliation__organization__name", *_actor("speaking_organization"),
    *_actor("source_organization"), "attribution", "said_on", "topic_refs", "start_offset",
    "article__title", "article__published_on", "article__publisher__name", "article__language",
    "article__url", "article__authors",
]  # fmt: skip
PAYLOAD_SOURCES = [
    "text", "kind", *_actor("speaker"), *_actor("speaking_organization", "classification"),
    *_actor("source_organization", "classification"), "attribution", "is_anonymous",
    "is_unattributed", "source_label", "affiliation", "affiliation__role",
    *_actor("affiliation__organization", "classification"), "affiliation__start_date",
    "affiliation__end_date", "said_on", "channel", "cue", "place", "start_offset", "end_offset",
    "language", "status", "retraction_reason", "topic_refs", "extractor_version",
    "extraction_confidence",
]  # fmt: skip
QUOTE_LINE_SOURCES = [
    *PAYLOAD_SOURCES, "pk", "article", "article__title", "article__url",
    "article__publisher__slug", "article__published_on",
]  # fmt: skip


def _rows(quotes: QuerySet, sources: list[str]) -> Iterator[dict]:
    rows = quotes.with_topic_refs().values(*sources)
    return rows.iterator(chunk_size=CHUNK_SIZE)


def _dumps(value) -> str:
    return orjson.dumps(value).decode()


# CSV


def csv_rows(quotes: QuerySet, *, header: bool = True) -> Iterator[str]:
    """CSV text, a row at a time (RFC 4180 quoting, CRLF line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(values) -> str:
        writer.writerow(values)
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    if header:
        yield line(CSV_COLUMNS)
    flags = [CSV_COLUMNS.index("anonymous"), CSV_COLUMNS.index("unattributed")]
    topics = CSV_COLUMNS.index("topics")
    rows = quotes.with_topic_refs().values_list(*CSV_SOURCES)
    # The csv module writes None as an empty cell and a date as its ISO form.
    for values in rows.iterator(chunk_size=CHUNK_SIZE):
        values = list(values)
        for flag in flags:
            values[flag] = "true" if values[flag] else "false"
        values[topics] = "|".join(topic["slug"] for topic in values[topics])
        yield line(values)


def _iso(date) -> str | None:
    return date.isoformat() if date else None


# JSON-LD


def _wikidata(wikidata_id: str) -> dict:
    if wikidata_id:
        return {"sameAs": f"https://www.wikidata.org/wiki/{wikidata_id}"}
    return {}


def _organization_node(row: dict, field: str) -> dict:
    return {
        "@type": "Organization",
        "name": row[f"{field}__name"],
        **_wikidata(row[f"{field}__wikidata_id"]),
    }


def quotation(row: dict) -> dict:
    """A schema.org ``Quotation`` for one quote row (``QUOTATION_SOURCES``)."""
    node = {
        "@type": "Quotation",
        "identifier": row["pk"],
        "text": row["text"],
        "inLanguage": row["language"],
    }
    if row["speaker"] is not None:
        person = {
            "@type": "Person",
            "name": row["speaker__name"],
            **_wikidata(row["speaker__wikidata_id"]),
        }
        if row["affiliation"] is not None:
            person["jobTitle"] = row["affiliation__role"]
            person["affiliation"] = {
                "@type": "Organization",
                "name": row["affiliation__organization__name"],
            }
        node["spokenByCharacter"] = person
        node["creator"] = person
    elif row["speaking_organization"] is not None:
        node["creator"] = _organization_node(row, "speaking_organization")
    elif row["source_organization"] is not None:
        node["creator"] = _organization_node(row, "source_organization")
    if row["attribution"]:
        node["description"] = f"Attributed to {row['attribution']}"
    if row["said_on"]:
        node["dateCreated"] = row["said_on"].isoformat()
    topics = [topic["name"] for topic in row["topic_refs"]]
    if topics:
        node["about"] = topics
    part_of = {
        "@type": "NewsArticle",
        "headline": row["article__title"],
        "datePublished": row["article__published_on"].isoformat(),
        "publisher": {"@type": "Organization", "name": row["article__publisher__name"]},
        "inLanguage": row["article__language"],
    }
    if row["article__url"]:
        part_of["url"] = row["article__url"]
        part_of["@id"] = row["article__url"]
    if row["article__authors"]:
        part_of["author"] = [{"@type": "Person", "name": name} for name in row["article__authors"]]
    node["isPartOf"] = part_of
    if row["start_offset"] is not None:
        node["position"] = row["start_offset"]
    return node


def jsonld_chunks(quotes: QuerySet) -> Iterator[str]:
    """One JSON-LD document, streamed: the context, then each Quotation in ``@graph``."""
    yield '{"@context":"https://schema.org","@graph":['
    separator = "\n"
    for row in _rows(quotes, QUOTATION_SOURCES):
        yield separator + _dumps(quotation(row))
        separator = ",\n"
    yield "\n]}\n"


# JSON Lines (the import format)


def _actor_ref(row: dict, field: str, *columns: str) -> dict | None:
    if row[field] is None:
        return None
    ref = {"slug": row[f"{field}__slug"], "name": row[f"{field}__name"]}
    ref.update((column, row[f"{field}__{column}"]) for column in columns)
    if wikidata_id := row[f"{field}__wikidata_id"]:
        ref["wikidata_id"] = wikidata_id
    return ref


def quote_payload(row: dict) -> dict:
    """A quote row (``PAYLOAD_SOURCES``) in the import payload shape (no database ids: they
    differ between databases)."""
    return {
        "text": row["text"],
        "kind": row["kind"],
        "speaker": _actor_ref(row, "speaker"),
        "speaking_organization": _actor_ref(row, "speaking_organization", "classification"),
        "source_organization": _actor_ref(row, "source_organization", "classification"),
        "attribution": row["attribution"],
        "anonymous": row["is_anonymous"],
        "unattributed": row["is_unattributed"],
        "source_label": row["source_label"],
        "role": None
        if row["affiliation"] is None
        else {
            "title": row["affiliation__role"],
            "organization": _actor_ref(row, "affiliation__organization", "classification"),
            "start_date": _iso(row["affiliation__start_date"]),
            "end_date": _iso(row["affiliation__end_date"]),
        },
        "said_on": _iso(row["said_on"]),
        "channel": row["channel"],
        "cue": row["cue"],
        "place": row["place"],
        "start_offset": row["start_offset"],
        "end_offset": row["end_offset"],
        "language": row["language"],
        "status": row["status"],
        "retraction_reason": row["retraction_reason"],
        "topics": [{"slug": topic["slug"], "name": topic["name"]} for topic in row["topic_refs"]],
        "extractor_version": row["extractor_version"],
        "extraction_confidence": row["extraction_confidence"],
    }


def article_payload(article: Article, quote_rows: Iterable[dict]) -> dict:
    publisher = article.publisher
    return {
        "publisher": {"slug": publisher.slug, "name": publisher.name, "website": publisher.website},
        "title": article.title,
        "url": article.url,
        "published_on": article.published_on.isoformat(),
        "authors": list(article.authors),
        "language": article.language,
        "body": article.body,
        "quotes": [quote_payload(row) for row in quote_rows],
    }


def jsonl_articles(quotes: QuerySet, articles: QuerySet | None = None) -> Iterator[str]:
    """One line per article with its quotes among ``quotes`` (reading order), articles in
    id order. ``articles`` defaults to those with at least one of ``quotes``; pass
    ``Article.objects.all()`` to include articles without quotes (a full dump)."""
    if articles is None:
        articles = Article.objects.filter(pk__in=quotes.order_by().values("article_id"))
    for chunk in _chunks(
        articles.select_related("publisher").order_by("pk").iterator(chunk_size=500), 500
    ):
        by_article: dict[int, list[dict]] = {article.pk: [] for article in chunk}
        quotes_of_chunk = quotes.filter(article_id__in=list(by_article)).order_by(
            "article_id", "start_offset", "pk"
        )
        for row in _rows(quotes_of_chunk, ["article_id", *PAYLOAD_SOURCES]):
            by_article[row["article_id"]].append(row)
        for article in chunk:
            yield _dumps(article_payload(article, by_article[article.pk])) + "\n"


def _chunks(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def jsonl_quotes(quotes: QuerySet) -> Iterator[str]:
    """One quote per line: its import payload with its id and a reference to its article
    (title, URL, publisher, date; not the body). The API's JSON Lines download."""
    for row in _rows(quotes, QUOTE_LINE_SOURCES):
        yield (
            _dumps(
                {
                    "id": row["pk"],
                    **quote_payload(row),
                    "article": {
                        "id": row["article"],
                        "title": row["article__title"],
                        "url": row["article__url"],
                        "publisher": row["article__publisher__slug"],
                        "published_on": row["article__published_on"].isoformat(),
                    },
                }
            )
            + "\n"
        )


FORMATS = {"csv": csv_rows, "jsonld": jsonld_chunks, "articles": jsonl_articles}
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonld": "application/ld+json",
    "jsonl": "application/jsonl",
}
