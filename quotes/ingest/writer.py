"""Whole articles written in bulk: new people and roles first, then articles and quotes by
COPY, search documents computed set-based."""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from actors.models import Affiliation, Alias, Organization, Person
from quotes.models import Article, Publisher, Quote, Topic

from .catalog import save_new_objects
from .plans import ArticlePlan

ARTICLE_COLUMNS = [
    "id", "created_at", "updated_at", "publisher_id", "title", "url", "published_on",
    "authors", "language", "body",
]  # fmt: skip
QUOTE_COLUMNS = [
    "id", "created_at", "updated_at", "article_id", "text", "kind", "speaker_id",
    "speaking_organization_id", "attribution", "is_anonymous", "source_organization_id",
    "source_label", "affiliation_id", "said_on", "channel", "cue", "place", "start_offset",
    "end_offset", "language", "status", "retraction_reason", "extractor_version",
    "extraction_confidence", "is_unattributed",
]  # fmt: skip


# The bulk path's quotes: COPY into a temporary table, then one INSERT ... SELECT that adds the
# search document, the expression of ``quotes_quote_search_document`` (what the trigger
# computes, migration quotes 0004): the text part || the names part || the attribution part.
# The names part is ``quotes_quote_search_names_vector``: the names' text, worked out once per
# distinct speaker in each batch (so a rename between batches is heard), then turned into a
# vector once per distinct text for the whole session (``NAMES_TABLE``: a pure function of the
# text, the same speakers recur in every batch). ``whosaid.bulk_import`` (local to the
# transaction, reset right after the statement) makes the trigger keep that document. The
# search index hears of the batch from the same statement: a statement-level trigger adds the
# ids of all its rows to the search outbox at once (migration quotes 0010).
STAGE_TABLE = "whosaid_import_quote"
SPEAKERS_TABLE = "whosaid_import_speaker"
NAMES_TABLE = "whosaid_import_names"
CREATE_STAGE_SQL = f"""
CREATE TEMPORARY TABLE IF NOT EXISTS {STAGE_TABLE} (LIKE quotes_quote INCLUDING DEFAULTS);
CREATE TEMPORARY TABLE IF NOT EXISTS {SPEAKERS_TABLE} (
    speaker bigint, speaking_org bigint, source_org bigint, names text);
CREATE TEMPORARY TABLE IF NOT EXISTS {NAMES_TABLE} (names text PRIMARY KEY, vector tsvector);
TRUNCATE {STAGE_TABLE}, {SPEAKERS_TABLE};
"""
INSERT_STAGED_QUOTES_SQL = f"""
INSERT INTO {SPEAKERS_TABLE} (speaker, speaking_org, source_org, names)
SELECT speaker, speaking_org, source_org,
    quotes_quote_search_names(nullif(speaker, 0), nullif(speaking_org, 0), nullif(source_org, 0))
FROM (
    SELECT DISTINCT coalesce(speaker_id, 0) AS speaker,
        coalesce(speaking_organization_id, 0) AS speaking_org,
        coalesce(source_organization_id, 0) AS source_org
    FROM {STAGE_TABLE}
) AS distinct_speakers;
INSERT INTO {NAMES_TABLE} (names, vector)
SELECT names, quotes_search_vector(names, 'B')
FROM (SELECT DISTINCT names FROM {SPEAKERS_TABLE}) AS distinct_names
WHERE NOT EXISTS (SELECT FROM {NAMES_TABLE} known WHERE known.names = distinct_names.names);
SELECT set_config('whosaid.bulk_import', 'on', true);
INSERT INTO quotes_quote ({", ".join(QUOTE_COLUMNS)}, search_document)
SELECT {", ".join(f"q.{column}" for column in QUOTE_COLUMNS)},
    quotes_quote_search_part(q.text, 'A')
    || n.names
    || quotes_quote_search_part(q.attribution, 'C')
FROM {STAGE_TABLE} q
JOIN (
    SELECT s.speaker, s.speaking_org, s.source_org, known.vector AS names
    FROM {SPEAKERS_TABLE} s
    JOIN {NAMES_TABLE} known ON known.names = s.names
) AS n ON n.speaker = coalesce(q.speaker_id, 0)
    AND n.speaking_org = coalesce(q.speaking_organization_id, 0)
    AND n.source_org = coalesce(q.source_organization_id, 0);
SELECT set_config('whosaid.bulk_import', 'off', true);
"""


def _pk(obj):
    return None if obj is None else obj.pk


def _next_ids(cursor, table: str, count: int) -> list[int]:
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
        [table, count],
    )
    return [row[0] for row in cursor.fetchall()]


def write_articles(plans: list[ArticlePlan], new_objects: list) -> dict[str, int]:
    """Insert ``new_objects`` (people, roles, ... the plans need), then whole articles with
    their quotes by COPY; call inside a transaction.

    Quotes are copied into a session's temporary table, then inserted with their search
    documents in one statement (``INSERT_STAGED_QUOTES_SQL``): the document the trigger would
    compute, with the speaker's names worked out once per distinct speaker, not per row.
    """
    created = dict(save_new_objects(new_objects))
    if not plans:
        return created
    now = timezone.now()
    quote_count = sum(len(plan.quotes) for plan in plans)
    # COPY is psycopg's own: wrap its errors as Django's, like cursor.execute's.
    with connection.wrap_database_errors, connection.cursor() as cursor:
        article_ids = _next_ids(cursor, Article._meta.db_table, len(plans))
        quote_ids = iter(_next_ids(cursor, Quote._meta.db_table, quote_count))
        topic_rows = []
        with cursor.copy(
            f"COPY {Article._meta.db_table} ({', '.join(ARTICLE_COLUMNS)}) FROM STDIN"
        ) as copy:
            for article_id, plan in zip(article_ids, plans, strict=True):
                values = plan.values
                copy.write_row(
                    (
                        article_id, now, now, plan.publisher.pk, values["title"], values["url"],
                        values["published_on"], values["authors"], values["language"],
                        values["body"],
                    )
                )  # fmt: skip
        cursor.execute(CREATE_STAGE_SQL)
        with cursor.copy(f"COPY {STAGE_TABLE} ({', '.join(QUOTE_COLUMNS)}) FROM STDIN") as copy:
            for article_id, plan in zip(article_ids, plans, strict=True):
                for quote in plan.quotes:
                    quote_id = next(quote_ids)
                    v = quote.values
                    copy.write_row(
                        (
                            quote_id, now, now, article_id, v["text"], v["kind"],
                            _pk(v["speaker"]), _pk(v["speaking_organization"]), v["attribution"],
                            v["is_anonymous"], _pk(v["source_organization"]), v["source_label"],
                            _pk(v["affiliation"]), v["said_on"], v["channel"], v["cue"],
                            v["place"], v["start_offset"], v["end_offset"], v["language"],
                            v["status"], v["retraction_reason"], v["extractor_version"],
                            v["extraction_confidence"], v.get("is_unattributed", False),
                        )
                    )  # fmt: skip
                    topic_rows.extend((quote_id, topic.pk) for topic in quote.topics)
        cursor.execute(INSERT_STAGED_QUOTES_SQL)
        if topic_rows:
            through = Quote.topics.through._meta.db_table
            with cursor.copy(f"COPY {through} (quote_id, topic_id) FROM STDIN") as copy:
                for row in topic_rows:
                    copy.write_row(row)
    for plan, article_id in zip(plans, article_ids, strict=True):
        plan.article_id = article_id
    created["articles"] = len(plans)
    created["quotes"] = quote_count
    return created


# Autovacuum analyses a table once its rows changed by a threshold plus a share of its size,
# but only on its next round; until then the planner plans with the old statistics. Right after
# a bulk load into an empty database that plan sorts every quote for a page of the quote
# list.
BULK_WRITTEN_MODELS = (
    Publisher,
    Topic,
    Organization,
    Person,
    Alias,
    Affiliation,
    Article,
    Quote,
    Quote.topics.through,
)


def analyze_after_bulk_write(quotes_written: int) -> None:
    """ANALYZE the tables a bulk write fills when it added as many quotes as autovacuum's own
    rule asks for (``autovacuum_analyze_threshold`` plus ``autovacuum_analyze_scale_factor``
    of the rows last counted)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT greatest(reltuples, 0) * current_setting('autovacuum_analyze_scale_factor')"
            "::float8 + current_setting('autovacuum_analyze_threshold')::int "
            "FROM pg_class WHERE oid = %s::regclass",
            [Quote._meta.db_table],
        )
        (threshold,) = cursor.fetchone()
        if quotes_written >= threshold:
            tables = ", ".join(
                connection.ops.quote_name(model._meta.db_table) for model in BULK_WRITTEN_MODELS
            )
            cursor.execute(f"ANALYZE {tables}")
