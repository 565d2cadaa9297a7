"""Streaming exports of quotes: CSV, JSON Lines (re-importable) and JSON-LD (schema.org).

Every exporter is a generator of ``str`` chunks over a queryset, so it serves a management
command and a streaming HTTP response alike, in flat memory: rows come from a server-side
cursor in chunks (``iterator(chunk_size=...)``), each row with its relations joined and its
topics as a JSON array (``QuoteQuerySet.with_topic_refs``); CSV rows are plain tuples.

- ``csv_rows(quotes)``: one row per quote, the columns in ``CSV_COLUMNS``.
- ``jsonld_chunks(quotes)``: ``{"@context": "https://schema.org", "@graph": [Quotation, ...]}``.
- ``jsonl_articles(quotes, articles=None)``: one article per line with its (matching) quotes,
  in the payload shape of ``quotes.importing``: ``import_articles`` reads it back, and
  export, import into an empty database, export again gives the same file.
- ``jsonl_quotes(quotes)``: one quote per line with a reference to its article (no body).
- ``filter_quotes(params)``: the quotes the list endpoint would return for these query
  parameters (the API's QuoteFilterSet; every status, as staff see them).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

import orjson
from django.db.models import QuerySet
from django.http import QueryDict

from actors.models import Organization, Person

from .models import Article, Quote

CHUNK_SIZE = 2000

CSV_COLUMNS = [
    "id", "text", "kind", "speaker", "speaker_slug", "speaker_wikidata_id",
    "speaking_organization", "speaking_organization_slug", "source_organization",
    "source_organization_slug", "attribution", "anonymous", "source_label", "role",
    "role_organization", "said_on", "channel", "cue", "place", "language", "status", "topics",
    "start_offset", "end_offset", "article_id", "article_title", "article_url", "publisher",
    "publisher_slug", "published_on",
]  # fmt: skip
# What each column is read from. CSV rows come as tuples (values_list), without a model instance
# per quote and per related row: building those took 60 % of a CSV export's time (100,237
# quotes: 18.6 s with instances, 7.4 s without).
CSV_SOURCES = [
    "pk", "text", "kind", "speaker__name", "speaker__slug", "speaker__wikidata_id",
    "speaking_organization__name", "speaking_organization__slug", "source_organization__name",
    "source_organization__slug", "attribution", "is_anonymous", "source_label",
    "affiliation__role", "affiliation__organization__name", "said_on", "channel", "cue",
    "place", "language", "status", "topic_refs", "start_offset", "end_offset", "article_id",
    "article__title", "article__url", "article__publisher__name", "article__publisher__slug",
    "article__published_on",
]  # fmt: skip


class FilterError(ValueError):
    """Invalid filter parameters; ``errors`` maps each parameter to its messages."""

    def __init__(self, errors: dict):
        super().__init__("; ".join(f"{key}: {' '.join(value)}" for key, value in errors.items()))
        self.errors = errors


def filter_quotes(params: dict | QueryDict | None = None, queryset: QuerySet | None = None):
    """Apply the list endpoint's filters and search (``quotes.filtersets.QuoteFilterSet``)."""
    from .filtersets import QuoteFilterSet

    queryset = Quote.objects.all() if queryset is None else queryset
    if not params:
        return queryset.order_by("-said_on", "-id")
    if not isinstance(params, QueryDict):
        data = QueryDict(mutable=True)
        for key, value in params.items():
            for item in value if isinstance(value, list | tuple) else [value]:
                data.appendlist(key, item)
        params = data
    filterset = QuoteFilterSet(data=params, queryset=queryset, request=None)
    if not filterset.is_valid():
        raise FilterError({key: list(value) for key, value in filterset.errors.items()})
    return filterset.qs


JOINED = (
    "article__publisher",
    "speaker",
    "speaking_organization",
    "source_organization",
    "affiliation__organization",
)
# Bookkeeping timestamps are never exported, and turning them into datetimes was the biggest
# cost per row (ten per quote with its related rows).
UNEXPORTED = [
    "search_document",
    *(
        f"{prefix}{field}"
        for prefix in ["", "article__", *(f"{path}__" for path in JOINED), "affiliation__"]
        for field in ("created_at", "updated_at")
    ),
]


def _stream(queryset: QuerySet, *, body: bool = False) -> Iterator[Quote]:
    queryset = queryset.select_related(*JOINED).with_topic_refs()
    queryset = queryset.defer(*UNEXPORTED)
    if not body:
        queryset = queryset.defer("article__body")
    return queryset.iterator(chunk_size=CHUNK_SIZE)


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
    anonymous, topics = CSV_COLUMNS.index("anonymous"), CSV_COLUMNS.index("topics")
    rows = quotes.with_topic_refs().values_list(*CSV_SOURCES)
    # The csv module writes None as an empty cell and a date as its ISO form.
    for values in rows.iterator(chunk_size=CHUNK_SIZE):
        values = list(values)
        values[anonymous] = "true" if values[anonymous] else "false"
        values[topics] = "|".join(topic["slug"] for topic in values[topics])
        yield line(values)


def _iso(date) -> str:
    return date.isoformat() if date else ""


# JSON-LD


def _wikidata(actor) -> dict:
    if actor.wikidata_id:
        return {"sameAs": f"https://www.wikidata.org/wiki/{actor.wikidata_id}"}
    return {}


def quotation(quote: Quote) -> dict:
    """A schema.org ``Quotation`` for one quote (relations loaded)."""
    article = quote.article
    node = {
        "@type": "Quotation",
        "identifier": quote.pk,
        "text": quote.text,
        "inLanguage": quote.language,
    }
    if quote.speaker:
        person = {"@type": "Person", "name": quote.speaker.name, **_wikidata(quote.speaker)}
        if quote.affiliation:
            person["jobTitle"] = quote.affiliation.role
            person["affiliation"] = {
                "@type": "Organization",
                "name": quote.affiliation.organization.name,
            }
        node["spokenByCharacter"] = person
        node["creator"] = person
    elif quote.speaking_organization:
        org = quote.speaking_organization
        node["creator"] = {"@type": "Organization", "name": org.name, **_wikidata(org)}
    elif quote.source_organization:
        node["creator"] = {
            "@type": "Organization",
            "name": quote.source_organization.name,
            **_wikidata(quote.source_organization),
        }
    if quote.attribution:
        node["description"] = f"Attributed to {quote.attribution}"
    if quote.said_on:
        node["dateCreated"] = quote.said_on.isoformat()
    topics = [topic["name"] for topic in quote.topic_refs]
    if topics:
        node["about"] = topics
    part_of = {
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": article.published_on.isoformat(),
        "publisher": {"@type": "Organization", "name": article.publisher.name},
        "inLanguage": article.language,
    }
    if article.url:
        part_of["url"] = article.url
        part_of["@id"] = article.url
    if article.authors:
        part_of["author"] = [{"@type": "Person", "name": name} for name in article.authors]
    node["isPartOf"] = part_of
    if quote.start_offset is not None:
        node["position"] = quote.start_offset
    return node


def jsonld_chunks(quotes: QuerySet) -> Iterator[str]:
    """One JSON-LD document, streamed: the context, then each Quotation in ``@graph``."""
    yield '{"@context":"https://schema.org","@graph":['
    separator = "\n"
    for quote in _stream(quotes):
        yield separator + _dumps(quotation(quote))
        separator = ",\n"
    yield "\n]}\n"


# JSON Lines (the import format)


def _person_ref(person: Person | None):
    if person is None:
        return None
    ref = {"slug": person.slug, "name": person.name}
    if person.wikidata_id:
        ref["wikidata_id"] = person.wikidata_id
    return ref


def _org_ref(org: Organization | None):
    if org is None:
        return None
    ref = {"slug": org.slug, "name": org.name, "classification": org.classification}
    if org.wikidata_id:
        ref["wikidata_id"] = org.wikidata_id
    return ref


def quote_payload(quote: Quote) -> dict:
    """A quote in the import payload shape (no database ids: they differ between databases)."""
    role = quote.affiliation
    return {
        "text": quote.text,
        "kind": quote.kind,
        "speaker": _person_ref(quote.speaker),
        "speaking_organization": _org_ref(quote.speaking_organization),
        "source_organization": _org_ref(quote.source_organization),
        "attribution": quote.attribution,
        "anonymous": quote.is_anonymous,
        "source_label": quote.source_label,
        "role": None
        if role is None
        else {
            "title": role.role,
            "organization": _org_ref(role.organization),
            "start_date": _iso(role.start_date) or None,
            "end_date": _iso(role.end_date) or None,
        },
        "said_on": _iso(quote.said_on) or None,
        "channel": quote.channel,
        "cue": quote.cue,
        "place": quote.place,
        "start_offset": quote.start_offset,
        "end_offset": quote.end_offset,
        "language": quote.language,
        "status": quote.status,
        "topics": [{"slug": topic["slug"], "name": topic["name"]} for topic in quote.topic_refs],
        "extractor_version": quote.extractor_version,
        "extraction_confidence": quote.extraction_confidence,
    }


def article_payload(article: Article, quotes: Iterable[Quote]) -> dict:
    publisher = article.publisher
    return {
        "publisher": {"slug": publisher.slug, "name": publisher.name, "website": publisher.website},
        "title": article.title,
        "url": article.url,
        "published_on": article.published_on.isoformat(),
        "authors": list(article.authors),
        "language": article.language,
        "body": article.body,
        "quotes": [quote_payload(quote) for quote in quotes],
    }


def jsonl_articles(quotes: QuerySet, articles: QuerySet | None = None) -> Iterator[str]:
    """One line per article with its quotes among ``quotes`` (reading order), articles in
    id order. ``articles`` defaults to those with at least one of ``quotes``; pass
    ``Article.objects.all()`` to include articles without quotes (a full dump)."""
    if articles is None:
        articles = Article.objects.filter(pk__in=quotes.order_by().values("article_id"))
    quote_rows = (
        quotes.order_by()
        .select_related(
            "speaker", "speaking_organization", "source_organization", "affiliation__organization"
        )
        .defer("search_document")
        .with_topic_refs()
    )
    for chunk in _chunks(
        articles.select_related("publisher").order_by("pk").iterator(chunk_size=500), 500
    ):
        by_article: dict[int, list[Quote]] = {article.pk: [] for article in chunk}
        rows = quote_rows.filter(article_id__in=list(by_article)).order_by(
            "article_id", "start_offset", "pk"
        )
        for quote in rows:
            by_article[quote.article_id].append(quote)
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
    for quote in _stream(quotes):
        article = quote.article
        yield (
            _dumps(
                {
                    "id": quote.pk,
                    **quote_payload(quote),
                    "article": {
                        "id": article.pk,
                        "title": article.title,
                        "url": article.url,
                        "publisher": article.publisher.slug,
                        "published_on": article.published_on.isoformat(),
                    },
                }
            )
            + "\n"
        )


FORMATS = {"csv": csv_rows, "jsonld": jsonld_chunks, "jsonl": jsonl_articles}
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonld": "application/ld+json",
    "jsonl": "application/jsonl",
}
