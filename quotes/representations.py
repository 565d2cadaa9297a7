"""Quotes as the API shows them, read by one hand-written query and built as plain dicts.

The search pages and the quote detail are the API's hottest reads; building them from model
instances through nested serializers cost several times what PostgreSQL spent. This module
reads exactly the columns ``QuoteListSerializer`` and ``QuoteDetailSerializer`` show, joined
once, and builds the same representation, key for key (a test compares the two on every
kind of quote), so the detail's ETag is the same whichever built it. The serializers remain
the API's schema and serve writes and the other lists.
"""

import datetime

import orjson
from django.db import connection
from django.db.models import QuerySet

from .citations import Citable, plain
from .selectors import context_in

_COLUMNS = """
    q.id, q.text, q.kind,
    sp.id, sp.name, sp.slug,
    so.id, so.name, so.slug,
    src.id, src.name, src.slug,
    q.attribution, q.is_anonymous, q.source_label, q.is_unattributed,
    af.id, af.role, ao.id, ao.name, ao.slug, af.start_date, af.end_date,
    q.said_on, q.channel, q.cue, q.place,
    a.id, a.title, p.id, p.name, p.slug, a.published_on, a.url,
    q.start_offset, q.end_offset, q.language, q.status, q.retraction_reason,
    q.extractor_version, q.extraction_confidence,
    (SELECT json_agg(json_build_object('id', t.id, 'name', t.name, 'slug', t.slug)
                     ORDER BY t.name)
     FROM quotes_topic t JOIN quotes_quote_topics qt ON qt.topic_id = t.id
     WHERE qt.quote_id = q.id)::text
"""
_JOINS = """
    JOIN quotes_article a ON a.id = q.article_id
    JOIN quotes_publisher p ON p.id = a.publisher_id
    LEFT JOIN actors_person sp ON sp.id = q.speaker_id
    LEFT JOIN actors_organization so ON so.id = q.speaking_organization_id
    LEFT JOIN actors_organization src ON src.id = q.source_organization_id
    LEFT JOIN actors_affiliation af ON af.id = q.affiliation_id
    LEFT JOIN actors_organization ao ON ao.id = af.organization_id
"""


COLUMN_COUNT = 42


def _ref(id_, name, slug):
    return None if id_ is None else {"id": id_, "name": name, "slug": slug}


def _day(value: datetime.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _quote(row) -> dict:
    (
        id_, text, kind, sp_id, sp_name, sp_slug, so_id, so_name, so_slug,
        src_id, src_name, src_slug, attribution, anonymous, source_label, unattributed,
        af_id, role, ao_id, ao_name, ao_slug, role_start, role_end,
        said_on, channel, cue, place, a_id, a_title, p_id, p_name, p_slug, a_published, a_url,
        start_offset, end_offset, language, status, retraction_reason,
        extractor_version, extraction_confidence, topics,
    ) = row[:COLUMN_COUNT]  # fmt: skip
    return {
        "id": id_,
        "text": text,
        "kind": kind,
        "speaker": _ref(sp_id, sp_name, sp_slug),
        "speaking_organization": _ref(so_id, so_name, so_slug),
        "source_organization": _ref(src_id, src_name, src_slug),
        "attribution": attribution,
        "anonymous": anonymous,
        "source_label": source_label,
        "unattributed": unattributed,
        "role": None
        if af_id is None
        else {
            "title": role,
            "organization": _ref(ao_id, ao_name, ao_slug),
            "start_date": _day(role_start),
            "end_date": _day(role_end),
        },
        "said_on": _day(said_on),
        "channel": channel,
        "cue": cue,
        "place": place,
        "article": {
            "id": a_id,
            "title": a_title,
            "publisher": _ref(p_id, p_name, p_slug),
            "published_on": _day(a_published),
            "url": a_url,
        },
        "start_offset": start_offset,
        "end_offset": end_offset,
        "language": language,
        "status": status,
        "retraction_reason": retraction_reason,
        "extractor_version": extractor_version,
        "extraction_confidence": extraction_confidence,
        "topics": orjson.loads(topics) if topics else [],
    }


def _citation(quote: dict) -> str:
    return plain(Citable.of_representation(quote))


def list_rows(
    queryset: QuerySet, ids: list[int], includes: frozenset[str] = frozenset()
) -> dict[int, dict]:
    """The quotes among ``ids`` that ``queryset`` holds (its visibility rules and filters
    decide), as list rows (``highlight`` None) with the extras ``includes`` names
    (``context``, ``citation``), by id: one query."""
    if not ids:
        return {}
    shown, params = queryset.order_by().values("pk").query.sql_with_params()
    body = ", a.body" if "context" in includes else ""
    with connection.cursor() as cursor:
        # The queryset's conditions are checked on the page's ids first (MATERIALIZED keeps
        # PostgreSQL from joining every quote the filters leave before keeping those ids). The
        # ids go as one array, so the statement's text is the same for every page and
        # psycopg prepares it.
        cursor.execute(
            f"WITH page AS MATERIALIZED (SELECT shown.pk FROM ({shown}) shown"
            f" WHERE shown.pk = ANY(%s)) SELECT {_COLUMNS}{body}"
            f" FROM page JOIN quotes_quote q ON q.id = page.pk {_JOINS}",
            [*params, ids],
        )
        fetched = cursor.fetchall()
    rows = {}
    for row in fetched:
        quote = _quote(row)
        quote["highlight"] = None
        if "context" in includes:
            quote["context"] = context_in(
                row[COLUMN_COUNT], quote["start_offset"], quote["end_offset"]
            )
        if "citation" in includes:
            quote["citation"] = _citation(quote)
        rows[quote["id"]] = quote
    return rows


def detail(pk: int, *, include_unreviewed: bool) -> dict | None:
    """A quote's detail (with its context and citation), None when absent or not visible."""
    status = "" if include_unreviewed else "AND q.status = 'verified'"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {_COLUMNS}, a.body FROM quotes_quote q {_JOINS} WHERE q.id = %s {status}",
            [pk],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    quote = _quote(row)
    quote["context"] = context_in(row[COLUMN_COUNT], quote["start_offset"], quote["end_offset"])
    quote["citation"] = _citation(quote)
    return quote
