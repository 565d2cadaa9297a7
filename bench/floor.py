"""The floor: a bare WSGI app answering the benchmark's requests with hand-written SQL.

No Django, no DRF: one psycopg connection per worker process (autocommit, server-side
prepared statements), rows turned into dicts by hand and serialised with orjson. It answers the
same URLs as the project with approximately the same JSON shape and the same rows (anonymous
users' view: verified quotes only), so the project/floor ratio is the cost of the framework,
not of the database. It is what this stack can do on this machine, not a competitor: it has no
validation, no error pages, no auth, no content negotiation.

Relevance searches (``q``) ask the project's Tantivy index (``SEARCH_INDEX_DIR``) for the page's
ids, as the project does, and read the rows by id; with ``FLOOR_SEARCH=postgres`` they rank in
PostgreSQL instead (GIN index, ``ts_rank``): the ``gin`` baseline, what search cost before the
index.

Serve it with ``gunicorn bench.floor:app`` and ``DATABASE_URL`` set (``bench/run.py`` does).

URLs (GET only):
  /api/v1/quotes/           q, speaker, organization, include_sub_organizations, said_after,
                            said_before, page_size
  /api/v1/quotes.csv        the same filters, every match streamed as CSV
  /api/v1/quotes/<id>/      with context and citation
  /api/v1/people/           q (fuzzy, trigram word similarity on names and aliases)
  /api/v1/people/<slug>/    with aliases and current / past affiliations
"""

from __future__ import annotations

import base64
import csv
import datetime
import io
import os
import re
from urllib.parse import parse_qs

import orjson
import psycopg

from bench.common import CSV_DOWNLOAD_URL
from quotes.search.engine import IndexFilters, SearchRequest
from quotes.search.tantivy_engine import open_engine

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
EXPORT_CHUNK = 2000

_connection: psycopg.Connection | None = None


def connection() -> psycopg.Connection:
    """One connection per worker process, opened after the fork, reopened if it broke."""
    global _connection
    if _connection is None or _connection.closed or _connection.broken:
        _connection = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)
    return _connection


# Quotes

QUOTE_COLUMNS = """
    q.id, q.text, q.kind,
    sp.id, sp.name, sp.slug,
    so.id, so.name, so.slug,
    src.id, src.name, src.slug,
    q.attribution, q.is_anonymous,
    af.id, af.role, af.start_date, af.end_date, ao.id, ao.name, ao.slug,
    q.said_on, q.channel, q.cue,
    a.id, a.title, a.url, a.published_on, p.id, p.name, p.slug,
    q.start_offset, q.end_offset, q.language, q.status,
    q.extractor_version, q.extraction_confidence
"""

QUOTE_JOINS = """
    JOIN quotes_article a ON a.id = q.article_id
    JOIN quotes_publisher p ON p.id = a.publisher_id
    LEFT JOIN actors_person sp ON sp.id = q.speaker_id
    LEFT JOIN actors_organization so ON so.id = q.speaking_organization_id
    LEFT JOIN actors_organization src ON src.id = q.source_organization_id
    LEFT JOIN actors_affiliation af ON af.id = q.affiliation_id
    LEFT JOIN actors_organization ao ON ao.id = af.organization_id
"""

SEARCH_QUERY = "websearch_to_tsquery('english'::regconfig, immutable_unaccent(%(q)s::text))"

ORG_IDS = """
    WITH RECURSIVE tree(id) AS (
        SELECT id FROM actors_organization WHERE slug = ANY(%(slugs)s)
        UNION SELECT o.id FROM actors_organization o JOIN tree t ON o.parent_id = t.id
    ) SELECT id FROM tree
"""


def _ref(id_, name, slug):
    return None if id_ is None else {"id": id_, "name": name, "slug": slug}


def _quote(row) -> dict:
    (
        qid, text, kind, sp_id, sp_name, sp_slug, so_id, so_name, so_slug,
        src_id, src_name, src_slug, attribution, anonymous,
        af_id, role, start, end, ao_id, ao_name, ao_slug,
        said_on, channel, cue, a_id, a_title, a_url, a_published, p_id, p_name, p_slug,
        start_offset, end_offset, language, status, extractor_version, extraction_confidence,
    ) = row[:37]  # fmt: skip
    return {
        "id": qid,
        "text": text,
        "kind": kind,
        "speaker": _ref(sp_id, sp_name, sp_slug),
        "speaking_organization": _ref(so_id, so_name, so_slug),
        "source_organization": _ref(src_id, src_name, src_slug),
        "attribution": attribution,
        "anonymous": anonymous,
        "role": None
        if af_id is None
        else {
            "title": role,
            "organization": _ref(ao_id, ao_name, ao_slug),
            "start_date": start,
            "end_date": end,
        },
        "said_on": said_on,
        "channel": channel,
        "cue": cue,
        "article": {
            "id": a_id,
            "title": a_title,
            "publisher": _ref(p_id, p_name, p_slug),
            "published_on": a_published,
            "url": a_url,
        },
        "start_offset": start_offset,
        "end_offset": end_offset,
        "language": language,
        "status": status,
        "extractor_version": extractor_version,
        "extraction_confidence": extraction_confidence,
        "topics": [],
    }


def _topics(cur, quotes: list[dict]) -> None:
    if not quotes:
        return
    by_id = {quote["id"]: quote for quote in quotes}
    cur.execute(
        """SELECT qt.quote_id, t.id, t.name, t.slug FROM quotes_quote_topics qt
           JOIN quotes_topic t ON t.id = qt.topic_id WHERE qt.quote_id = ANY(%s)
           ORDER BY t.name""",
        [list(by_id)],
    )
    for quote_id, tid, name, slug in cur.fetchall():
        by_id[quote_id]["topics"].append({"id": tid, "name": name, "slug": slug})


def _highlights(cur, quotes: list[dict], text: str) -> None:
    if not quotes:
        return
    cur.execute(
        f"""SELECT id, ts_headline('english', immutable_unaccent(text), {SEARCH_QUERY},
                'StartSel=<mark>, StopSel=</mark>, HighlightAll=true')
            FROM quotes_quote WHERE id = ANY(%(ids)s)""",
        {"q": text, "ids": [quote["id"] for quote in quotes]},
    )
    marks = dict(cur.fetchall())
    for quote in quotes:
        quote["highlight"] = marks.get(quote["id"])


def _where(params: dict, cur) -> tuple[list[str], dict]:
    clauses, args = ["q.status = 'verified'"], {}
    if speaker := params.get("speaker"):
        clauses.append("q.speaker_id IN (SELECT id FROM actors_person WHERE slug = %(speaker)s)")
        args["speaker"] = speaker
    if after := params.get("said_after"):
        clauses.append("q.said_on >= %(after)s")
        args["after"] = datetime.date.fromisoformat(after)
    if before := params.get("said_before"):
        clauses.append("q.said_on <= %(before)s")
        args["before"] = datetime.date.fromisoformat(before)
    if organization := params.get("organization"):
        if params.get("include_sub_organizations") == "true":
            cur.execute(ORG_IDS, {"slugs": [organization]})
        else:
            cur.execute("SELECT id FROM actors_organization WHERE slug = %s", [organization])
        args["orgs"] = [row[0] for row in cur.fetchall()]
        clauses.append(
            "(q.affiliation_id IN (SELECT id FROM actors_affiliation "
            "WHERE organization_id = ANY(%(orgs)s)) "
            "OR q.speaking_organization_id = ANY(%(orgs)s) "
            "OR q.source_organization_id = ANY(%(orgs)s))"
        )
    if text := params.get("q"):
        clauses.append(f"q.search_document @@ {SEARCH_QUERY}")
        args["q"] = text
    return clauses, args


def _cursor_link(base: str, payload) -> str:
    token = base64.urlsafe_b64encode(orjson.dumps(payload)).decode("ascii")
    return f"{base}{'&' if '?' in base else '?'}cursor={token}"


def _index_filters(params: dict, cur) -> IndexFilters:
    speakers = organizations = None
    if speaker := params.get("speaker"):
        cur.execute("SELECT id FROM actors_person WHERE slug = %s", [speaker])
        speakers = [row[0] for row in cur.fetchall()]
    if organization := params.get("organization"):
        cur.execute(ORG_IDS, {"slugs": [organization]})
        organizations = [row[0] for row in cur.fetchall()]
    dates = {
        name: datetime.date.fromisoformat(params[name])
        for name in ("said_after", "said_before")
        if params.get(name)
    }
    return IndexFilters(speakers=speakers, organizations=organizations, **dates)


def ranked_list(environ, params: dict, size: int):
    """A relevance page: ids from the Tantivy index, rows by id with hand-written SQL."""
    conn = connection()
    with conn.cursor() as cur:
        request = SearchRequest(params["q"], _index_filters(params, cur))
        ids = open_engine(os.environ["SEARCH_INDEX_DIR"]).ranked_ids(request, 0, size + 1)
        cur.execute(
            f"""SELECT {QUOTE_COLUMNS} FROM quotes_quote q {QUOTE_JOINS}
                WHERE q.id = ANY(%s) AND q.status = 'verified'""",
            [ids],
        )
        by_id = {row[0]: row for row in cur.fetchall()}
        rows = [by_id[pk] for pk in ids if pk in by_id]
        quotes = [_quote(row) for row in rows[:size]]
        _topics(cur, quotes)
        _highlights(cur, quotes, params["q"])
    following = _cursor_link(_base(environ), {"o": size}) if len(rows) > size else None
    return 200, {"next": following, "previous": None, "results": quotes}


def _base(environ) -> str:
    base = f"http://{environ.get('HTTP_HOST', 'localhost')}{environ['PATH_INFO']}"
    if environ.get("QUERY_STRING"):
        base += "?" + environ["QUERY_STRING"]
    return base


def quote_list(environ, params: dict):
    size = min(max(int(params.get("page_size") or DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE)
    if params.get("q") and os.environ.get("FLOOR_SEARCH", "tantivy") == "tantivy":
        return ranked_list(environ, params, size)
    conn = connection()
    with conn.cursor() as cur:
        clauses, args = _where(params, cur)
        text = params.get("q")
        if text:
            rank, order = f"ts_rank(q.search_document, {SEARCH_QUERY})", "rank DESC, id DESC"
        else:
            rank, order = "NULL::real", "said_on DESC NULLS LAST, id DESC"
        args["limit"] = size + 1
        cur.execute(
            f"""WITH page AS (
                    SELECT q.id, q.said_on, {rank} AS rank FROM quotes_quote q
                    WHERE {" AND ".join(clauses)} ORDER BY {order} LIMIT %(limit)s
                )
                SELECT {QUOTE_COLUMNS} FROM page JOIN quotes_quote q ON q.id = page.id
                {QUOTE_JOINS} ORDER BY page.{order.replace(", ", ", page.")}""",
            args,
            # psycopg prepares a statement after five runs, and PostgreSQL may then keep a
            # generic plan; for a search that is a parallel scan calling websearch_to_tsquery()
            # per row, several times slower. The project does not prepare its
            # searches either (config/database.py); the other statements keep the saving.
            prepare=False if text else None,
        )
        rows = cur.fetchall()
        quotes = [_quote(row) for row in rows[:size]]
        _topics(cur, quotes)
        if text:
            _highlights(cur, quotes, text)
        else:
            for quote in quotes:
                quote["highlight"] = None
    following = None
    if len(rows) > size:
        last = quotes[-1]
        following = _cursor_link(
            _base(environ), {"o": size} if text else {"k": [last["said_on"], last["id"]]}
        )
    return 200, {"next": following, "previous": None, "results": quotes}


_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n\s*\n")


def _context(body: str, start: int | None, end: int | None) -> str | None:
    if not body or start is None or end is None:
        return None
    begin = max(0, start - 1500)
    for match in _SENTENCE_END.finditer(body, begin, start):
        begin = match.end()
    finish = min(len(body), end + 1500)
    match = _SENTENCE_END.search(body, max(end - 1, start), finish)
    if match:
        finish = match.end()
    return body[begin:finish].strip()


def _citation(quote: dict) -> str:
    source = (quote["speaker"] or quote["speaking_organization"] or {}).get("name")
    if source is None:
        source = quote["attribution"] or "Unnamed source"
    parts = [source]
    if quote["role"]:
        parts.append(f"{quote['role']['title']} ({quote['role']['organization']['name']})")
    published = quote["article"]["published_on"]
    parts.append(f"quoted in {quote['article']['publisher']['name']}")
    parts.append(f"{published:%B} {published.day}, {published.year}")
    return ", ".join(parts)


def quote_detail(environ, params: dict, quote_id: int):
    with connection().cursor() as cur:
        cur.execute(
            f"""SELECT {QUOTE_COLUMNS}, a.body FROM quotes_quote q {QUOTE_JOINS}
                WHERE q.id = %s AND q.status = 'verified'""",
            [quote_id],
        )
        row = cur.fetchone()
        if row is None:
            return 404, {"detail": "Not found."}
        quote = _quote(row)
        _topics(cur, [quote])
    quote["context"] = _context(row[37], quote["start_offset"], quote["end_offset"])
    quote["citation"] = _citation(quote)
    return 200, quote


CSV_HEADER = [
    "id", "text", "kind", "speaker", "speaker_slug", "speaking_organization",
    "speaking_organization_slug", "source_organization", "source_organization_slug",
    "attribution", "anonymous", "role", "role_organization", "said_on", "channel", "cue",
    "language", "status", "topics", "start_offset", "end_offset", "article_id",
    "article_title", "article_url", "publisher", "publisher_slug", "published_on",
]  # fmt: skip


def quote_csv(params: dict):
    """Every matching quote as CSV, streamed from a server-side cursor in flat memory."""
    conn = psycopg.connect(os.environ["DATABASE_URL"])  # a named cursor needs a transaction
    try:
        with conn.cursor() as cur:
            clauses, args = _where(params, cur)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_HEADER)
        with conn.cursor(name="export") as cur:
            cur.itersize = EXPORT_CHUNK
            cur.execute(
                f"""SELECT {QUOTE_COLUMNS},
                        (SELECT string_agg(t.slug, '|' ORDER BY t.name)
                         FROM quotes_quote_topics qt JOIN quotes_topic t ON t.id = qt.topic_id
                         WHERE qt.quote_id = q.id)
                    FROM quotes_quote q {QUOTE_JOINS}
                    WHERE {" AND ".join(clauses)} ORDER BY q.said_on DESC NULLS LAST, q.id DESC""",
                args,
            )
            while rows := cur.fetchmany(EXPORT_CHUNK):
                for r in rows:
                    writer.writerow(
                        [
                            r[0],
                            r[1],
                            r[2],
                            r[4] or "",
                            r[5] or "",
                            r[7] or "",
                            r[8] or "",
                            r[10] or "",
                            r[11] or "",
                            r[12],
                            "true" if r[13] else "false",
                            r[15] or "",
                            r[19] or "",
                            r[21] or "",
                            r[22],
                            r[23],
                            r[33],
                            r[34],
                            r[37] or "",
                            "" if r[31] is None else r[31],
                            "" if r[32] is None else r[32],
                            r[24],
                            r[25],
                            r[26],
                            r[29],
                            r[30],
                            r[27],
                        ]
                    )
                yield buffer.getvalue().encode()
                buffer.seek(0)
                buffer.truncate()
        conn.rollback()
    finally:
        conn.close()


# People

FOLDED = "lower(immutable_unaccent(%(q)s::text))"


def people_list(environ, params: dict):
    size = min(max(int(params.get("page_size") or DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE)
    with connection().cursor() as cur:
        text = params.get("q")
        if text:
            cur.execute(
                f"""WITH matched AS (
                        SELECT id FROM actors_person
                        WHERE lower(immutable_unaccent(name)) %%> {FOLDED}
                        UNION
                        SELECT person_id FROM actors_alias
                        WHERE person_id IS NOT NULL
                          AND lower(immutable_unaccent(name)) %%> {FOLDED}
                    )
                    SELECT p.id, p.name, p.sort_name, p.slug, p.description, p.wikidata_id,
                           p.birth_date, p.death_date, count(*) OVER () AS total,
                           greatest(
                               word_similarity({FOLDED}, lower(immutable_unaccent(p.name))),
                               coalesce((SELECT max(word_similarity(
                                   {FOLDED}, lower(immutable_unaccent(a.name))))
                                   FROM actors_alias a WHERE a.person_id = p.id), 0)
                           ) AS score
                    FROM matched JOIN actors_person p ON p.id = matched.id
                    ORDER BY score DESC, p.sort_name, p.id LIMIT %(limit)s""",
                {"q": text, "limit": size},
            )
        else:
            cur.execute(
                """SELECT id, name, sort_name, slug, description, wikidata_id, birth_date,
                          death_date, (SELECT count(*) FROM actors_person)
                   FROM actors_person ORDER BY sort_name, id LIMIT %(limit)s""",
                {"limit": size},
            )
        rows = cur.fetchall()
        people = [
            {
                "id": r[0],
                "name": r[1],
                "sort_name": r[2],
                "slug": r[3],
                "description": r[4],
                "aliases": [],
                "wikidata_id": r[5],
                "birth_date": r[6],
                "death_date": r[7],
            }
            for r in rows
        ]
        by_id = {person["id"]: person for person in people}
        if by_id:
            cur.execute(
                "SELECT person_id, name FROM actors_alias WHERE person_id = ANY(%s) ORDER BY name",
                [list(by_id)],
            )
            for person_id, name in cur.fetchall():
                by_id[person_id]["aliases"].append(name)
    count = rows[0][8] if rows else 0
    return 200, {"count": count, "next": None, "previous": None, "results": people}


def person_detail(environ, params: dict, slug: str):
    with connection().cursor() as cur:
        cur.execute(
            """SELECT id, name, sort_name, slug, description, wikidata_id, birth_date, death_date
               FROM actors_person WHERE slug = %s""",
            [slug],
        )
        r = cur.fetchone()
        if r is None:
            return 404, {"detail": "Not found."}
        person = {
            "id": r[0], "name": r[1], "sort_name": r[2], "slug": r[3], "description": r[4],
            "wikidata_id": r[5], "birth_date": r[6], "death_date": r[7],
        }  # fmt: skip
        cur.execute("SELECT name FROM actors_alias WHERE person_id = %s ORDER BY name", [r[0]])
        person["aliases"] = [row[0] for row in cur.fetchall()]
        cur.execute(
            """SELECT af.id, o.id, o.name, o.slug, af.role, af.start_date, af.end_date
               FROM actors_affiliation af JOIN actors_organization o ON o.id = af.organization_id
               WHERE af.person_id = %s ORDER BY af.start_date DESC NULLS LAST, af.id DESC""",
            [r[0]],
        )
        today = datetime.date.today()
        current, past = [], []
        for aid, oid, oname, oslug, role, start, end in cur.fetchall():
            item = {
                "id": aid, "organization": _ref(oid, oname, oslug), "role": role,
                "start_date": start, "end_date": end,
            }  # fmt: skip
            (current if end is None or end >= today else past).append(item)
    person["current_affiliations"] = current
    person["past_affiliations"] = past
    return 200, person


# WSGI

ROUTES = [
    (re.compile(r"^/api/v1/quotes/$"), quote_list, None),
    (re.compile(r"^/api/v1/quotes/(\d+)/$"), quote_detail, int),
    (re.compile(r"^/api/v1/people/$"), people_list, None),
    (re.compile(r"^/api/v1/people/([-a-zA-Z0-9_]+)/$"), person_detail, str),
]


def app(environ, start_response):
    path = environ.get("PATH_INFO", "")
    params = {key: values[0] for key, values in parse_qs(environ.get("QUERY_STRING", "")).items()}
    if path == CSV_DOWNLOAD_URL:
        start_response("200 OK", [("Content-Type", "text/csv; charset=utf-8")])
        return quote_csv(params)
    for pattern, view, convert in ROUTES:
        match = pattern.match(path)
        if match is None:
            continue
        args = [convert(match.group(1))] if convert else []
        try:
            status, payload = view(environ, params, *args)
        except (ValueError, psycopg.errors.DataError):
            status, payload = 400, {"detail": "Bad request."}
        body = orjson.dumps(payload)
        reason = {200: "OK", 400: "Bad Request", 404: "Not Found"}[status]
        start_response(
            f"{status} {reason}",
            [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
        )
        return [body]
    body = b'{"detail":"Not found."}'
    start_response(
        "404 Not Found", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    )
    return [body]
