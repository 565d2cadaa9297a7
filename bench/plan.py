"""Every scenario's requests, chosen from the data, identical for every system."""

from __future__ import annotations

import datetime
import itertools
import re
from dataclasses import dataclass, field

from bench.common import (
    COMMON,
    CSV_DOWNLOAD_URL,
    MOST_COMMON,
    PEOPLE_URL,
    QUOTES_URL,
    RARE_MAX,
    SITE_SCENARIOS,
    SITE_SEARCH_URL,
    VERY_COMMON,
    BenchError,
    closest,
    hash_word,
    query_path,
    typo,
)
from bench.database import connect


@dataclass
class Plan:
    quotes_in_db: int
    paths: dict[str, list[str]] = field(default_factory=dict)
    notes: dict[str, object] = field(default_factory=dict)


def _match_count(conn, text: str) -> int:
    return conn.execute(
        "SELECT count(*) FROM quotes_quote WHERE status = 'verified' AND search_document @@ "
        "websearch_to_tsquery('english'::regconfig, immutable_unaccent(%s::text))",
        [text],
    ).fetchone()[0]


def plan_requests(url: str, export_rows: int, per_scenario: int = 20) -> Plan:
    """Every scenario's request paths, chosen from the data; deterministic for a database."""
    with connect(url) as conn:
        conn.execute("SELECT setseed(0.42)")
        total = conn.execute("SELECT count(*) FROM quotes_quote").fetchone()[0]
        verified = conn.execute(
            "SELECT count(*) FROM quotes_quote WHERE status = 'verified'"
        ).fetchone()[0]
        if not verified:
            raise BenchError("The bench database has no verified quotes to request.")
        plan = Plan(quotes_in_db=total)
        plan.notes["verified_quotes"] = verified
        plan.paths["list"] = [QUOTES_URL]
        ids = conn.execute(
            "SELECT id FROM quotes_quote WHERE status = 'verified' ORDER BY md5(id::text) LIMIT %s",
            [per_scenario * 5],
        ).fetchall()
        plan.paths["detail"] = [f"{QUOTES_URL}{row[0]}/" for row in ids]
        very_common = _plan_words(conn, plan, total, verified, per_scenario)
        _plan_phrases(conn, plan, per_scenario)
        _plan_filtered(conn, plan, very_common, per_scenario)
        _plan_actors(conn, plan, per_scenario)
        _plan_export(conn, plan, verified, export_rows)
    plan_site_searches(plan)
    return plan


def plan_site_searches(plan: Plan) -> None:
    """The site's search page asked exactly what its API scenario asks."""
    for site_scenario, api_scenario in SITE_SCENARIOS.items():
        plan.paths[site_scenario] = [
            path.replace(QUOTES_URL, SITE_SEARCH_URL, 1) for path in plan.paths[api_scenario]
        ]


def _word_frequencies(conn, total: int) -> tuple[list[tuple[str, float]], int]:
    """(word as typed, share of documents holding its stem) on a sample of about 50,000
    verified quotes' search documents, and the sample's size."""
    percent = min(100.0, 100.0 * 50_000 / max(total, 1))
    sample = (
        f"FROM quotes_quote TABLESAMPLE BERNOULLI ({percent:.4f}) REPEATABLE (7) "
        "WHERE status = 'verified'"
    )
    sampled = conn.execute(f"SELECT count(*) {sample}").fetchone()[0]
    lexemes = dict(
        conn.execute(
            "SELECT word, ndoc FROM ts_stat(%s)", [f"SELECT search_document {sample}"]
        ).fetchall()
    )
    surface: dict[str, tuple[str, int]] = {}
    for word, lexeme, ndoc in conn.execute(
        "SELECT word, (ts_lexize('english_stem', word))[1], ndoc FROM ts_stat(%s) "
        "WHERE word ~ '^[a-z]{3,}$'",
        [f"SELECT to_tsvector('simple', text) {sample}"],
    ):
        if lexeme and lexeme in lexemes and ndoc > surface.get(lexeme, ("", 0))[1]:
            surface[lexeme] = (word, ndoc)
    return [(surface[lex][0], lexemes[lex] / sampled) for lex in surface], sampled


def _plan_words(conn, plan: Plan, total: int, verified: int, per_scenario: int) -> list[str]:
    """One-word searches by frequency band; returns the very common words."""
    frequencies, sampled = _word_frequencies(conn, total)
    plan.notes["sampled_documents"] = sampled

    def band(target, low, high):
        inside = [(word, share) for word, share in frequencies if low <= share <= high]
        return closest(inside or frequencies, target, per_scenario // 2)

    rare_limit = max(3, int(verified * RARE_MAX))
    rare = []
    candidates = sorted(
        (word for word, share in frequencies if share * sampled <= 1 and len(word) >= 5),
        key=lambda word: (hash_word(word), word),
    )
    for word in candidates[: per_scenario * 4]:
        if 1 <= _match_count(conn, word) <= rare_limit:
            rare.append(word)
        if len(rare) >= per_scenario // 2:
            break
    bands = {
        "search_rare": rare,
        "search_common": band(COMMON, COMMON * 0.6, COMMON * 1.6),
        "search_very_common": band(VERY_COMMON, VERY_COMMON * 0.7, VERY_COMMON * 1.4),
        "search_most_common": band(MOST_COMMON, MOST_COMMON * 0.6, MOST_COMMON * 1.6),
    }
    for name, words in bands.items():
        if not words:
            raise BenchError(f"No word found for {name} in this corpus.")
        plan.paths[name] = [query_path(QUOTES_URL, q=word) for word in words]
        plan.notes[name] = {word: _match_count(conn, word) for word in words[:3]}
        plan.notes[name]["_words"] = words
    return bands["search_very_common"]


def _plan_phrases(conn, plan: Plan, per_scenario: int) -> None:
    """Two consecutive words of real quotes, neither a stop word."""
    phrases = []
    texts = conn.execute(
        "SELECT text FROM quotes_quote WHERE status = 'verified' "
        "ORDER BY md5(id::text || 'phrase') LIMIT 200"
    ).fetchall()
    for (text,) in texts:
        words = re.findall(r"[A-Za-z]{4,}", text)
        for first, second in itertools.pairwise(words):
            phrase = f'"{first.lower()} {second.lower()}"'
            nodes = conn.execute(
                "SELECT numnode(websearch_to_tsquery('english'::regconfig, %s))", [phrase]
            ).fetchone()[0]
            if nodes == 3 and f"{first} {second}" in text:
                phrases.append(phrase)
                break
        if len(phrases) >= per_scenario // 2:
            break
    plan.paths["search_phrase"] = [query_path(QUOTES_URL, q=phrase) for phrase in phrases]
    plan.notes["search_phrase"] = {phrase: _match_count(conn, phrase) for phrase in phrases[:3]}


def _date_windows(conn, count: int, days: int) -> list[tuple[datetime.date, datetime.date]]:
    low, high = conn.execute(
        "SELECT min(said_on), max(said_on) FROM quotes_quote WHERE status = 'verified'"
    ).fetchone()
    span = max((high - low).days - days - 1, 1)
    starts = [low + datetime.timedelta(days=(i * 7919) % span) for i in range(count)]
    return [(start, start + datetime.timedelta(days=days)) for start in starts]


def _plan_filtered(conn, plan: Plan, very_common: list[str], per_scenario: int) -> None:
    """Searches narrowed by speaker or dates, dates alone, organizations."""
    speakers = conn.execute(
        "SELECT p.slug, count(*) FROM quotes_quote q "
        "JOIN actors_person p ON p.id = q.speaker_id WHERE q.status = 'verified' "
        "GROUP BY p.slug ORDER BY 2 DESC, 1 LIMIT %s",
        [per_scenario // 2],
    ).fetchall()
    plan.paths["search_speaker"] = [
        query_path(QUOTES_URL, q=very_common[i % len(very_common)], speaker=slug)
        for i, (slug, _) in enumerate(speakers)
    ]
    plan.notes["search_speaker"] = dict(speakers[:3])
    plan.paths["search_dates"] = [
        query_path(
            QUOTES_URL,
            q=very_common[i % len(very_common)],
            said_after=after.isoformat(),
            said_before=before.isoformat(),
        )
        for i, (after, before) in enumerate(_date_windows(conn, per_scenario // 2, 90))
    ]
    plan.paths["date_range"] = [
        query_path(QUOTES_URL, said_after=after.isoformat(), said_before=before.isoformat())
        for after, before in _date_windows(conn, per_scenario, 30)
    ]
    organizations = conn.execute(
        "SELECT o.slug, count(c.id) FROM actors_organization o "
        "JOIN actors_organization c ON c.parent_id = o.id "
        "GROUP BY o.slug ORDER BY 2 DESC, 1 LIMIT %s",
        [per_scenario // 2],
    ).fetchall()
    if not organizations:
        organizations = conn.execute(
            "SELECT slug, 0 FROM actors_organization ORDER BY id LIMIT %s", [per_scenario // 2]
        ).fetchall()
    plan.paths["organization"] = [
        query_path(QUOTES_URL, organization=slug, include_sub_organizations="true")
        for slug, _ in organizations
    ]
    plan.notes["organization"] = dict(organizations[:3])


def _plan_actors(conn, plan: Plan, per_scenario: int) -> None:
    people = conn.execute(
        "SELECT name FROM actors_person ORDER BY md5(slug) LIMIT %s", [per_scenario]
    ).fetchall()
    plan.paths["people_fuzzy"] = [query_path(PEOPLE_URL, q=typo(name)) for (name,) in people]
    plan.notes["people_in_db"] = conn.execute("SELECT count(*) FROM actors_person").fetchone()[0]
    busy = conn.execute(
        "SELECT p.slug FROM actors_person p JOIN actors_affiliation a ON a.person_id = p.id "
        "GROUP BY p.slug ORDER BY count(*) DESC, p.slug LIMIT %s",
        [per_scenario],
    ).fetchall()
    if not busy:
        busy = conn.execute("SELECT slug FROM actors_person LIMIT %s", [per_scenario]).fetchall()
    plan.paths["person_detail"] = [f"{PEOPLE_URL}{slug}/" for (slug,) in busy]


def _plan_export(conn, plan: Plan, verified: int, export_rows: int) -> None:
    since = conn.execute(
        "SELECT said_on FROM quotes_quote WHERE status = 'verified' AND said_on IS NOT NULL "
        "ORDER BY said_on DESC, id DESC OFFSET %s LIMIT 1",
        [max(export_rows - 1, 0)],
    ).fetchone()
    params = {}
    if since:
        params["said_after"] = since[0].isoformat()
        expected = conn.execute(
            "SELECT count(*) FROM quotes_quote WHERE status = 'verified' AND said_on >= %s",
            [since[0]],
        ).fetchone()[0]
    else:
        expected = verified
    plan.paths["export_csv"] = [query_path(CSV_DOWNLOAD_URL, **params)]
    plan.notes["export_csv_expected_rows"] = expected
