"""The benchmark driver: project vs floor vs naive under a real HTTP load generator.

    .venv/bin/python -m bench.run [--quotes 1000000] [--quick] [--duration 15] ...

1. Ensures the bench database (``BENCH_DATABASE_URL``, default
   postgres://postgres@127.0.0.1:5432/whosaid_bench): created and migrated if absent, filled by
   ``manage.py generate_corpus`` when it holds fewer quotes than ``--quotes`` (reused otherwise),
   then VACUUM ANALYZE.
2. Picks every scenario's requests from the data (words by document frequency, a busy speaker,
   organizations with children, real ids and slugs), so the three systems get identical URLs.
3. Serves the project, the floor (``bench/floor.py``) and the naive DRF version
   (``bench/naive/``) with gunicorn (sync workers, ``DEBUG=false``) on three ports, and drives
   each scenario on each system with wrk (``bench/report.lua``), interleaved per scenario.
4. Times one CSV export per system while sampling the workers' RSS.
5. With the servers stopped, measures the bulk paths as commands: ``import_articles`` of the
   newest ``--import-quotes`` quotes' articles (exported by ``export_quotes``) into an empty
   database, and ``export_quotes`` of every quote (time, peak RSS).
6. Prints the table and the targets, writes ``bench/results/<date>-<machine>.json`` (the rows),
   ``.requests.json`` (the exact requests), ``.bulk.json`` (the bulk paths) and ``.png``
   (latency per scenario).

See bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import itertools
import json
import math
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/whosaid_bench"
# --quick fills a small database of its own, so it never tops up the million-quote one.
QUICK_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/whosaid_bench_quick"
QUICK_QUOTES = 20_000
SYSTEMS = ("project", "floor", "naive")
SCENARIOS = (
    "list", "detail", "search_rare", "search_common", "search_very_common", "search_phrase",
    "search_speaker", "date_range", "organization", "people_fuzzy", "person_detail",
    "export_csv",
)  # fmt: skip
QUOTES_URL = "/api/v1/quotes/"
PEOPLE_URL = "/api/v1/people/"
# Document frequency bands (share of verified quotes whose search document has the word).
COMMON, VERY_COMMON = 0.01, 0.05
RARE_MAX = 0.0001  # at most 100 quotes in a million
BASE_SEED = 20231220

# Targets of issue 6 (on 1,000,000 quotes): (scenario, metric, limit, description).
TARGETS = [
    ("list", "floor_ratio", 0.5, "list throughput >= 0.5 x floor"),
    ("detail", "floor_ratio", 0.5, "detail throughput >= 0.5 x floor"),
    ("search_rare", "p95_ms", 25, "search rare word p95 <= 25 ms"),
    ("search_phrase", "p95_ms", 25, "phrase search p95 <= 25 ms"),
    ("search_common", "p95_ms", 50, "search common word (~1%) p95 <= 50 ms"),
    ("search_very_common", "p95_ms", 150, "search very common word (~5%) p95 <= 150 ms"),
    ("people_fuzzy", "p95_ms", 30, "people fuzzy search p95 <= 30 ms"),
    ("export_csv", "peak_rss_mb", 200, "export peak RSS < 200 MB"),
]
IMPORT_TARGET = 20_000  # quotes per second
FULL_EXPORT_RSS_TARGET = 200  # MB

INSTALL_HINTS = {
    "wrk": "wrk is missing: install it with `apt-get install -y wrk` (Debian/Ubuntu).",
    "python": "Python packages for the bench are missing: `.venv/bin/pip install -e '.[bench]'`.",
}


class BenchError(RuntimeError):
    """A problem the user must fix; printed without a traceback."""


# Pure helpers (tested in tests/bench/).


def parse_wrk_output(text: str) -> dict:
    """The JSON line ``report.lua`` prints at the end of a wrk run."""
    for line in reversed(text.splitlines()):
        if line.startswith("BENCH_RESULT "):
            return json.loads(line[len("BENCH_RESULT ") :])
    raise BenchError(f"wrk printed no BENCH_RESULT line:\n{text[-2000:]}")


def typo(name: str) -> str:
    """The name with one letter of its longest word dropped: a realistic misspelling."""
    words = name.split()
    if not words:
        return name
    index = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[index]
    if len(word) >= 4:
        middle = len(word) // 2
        words[index] = word[:middle] + word[middle + 1 :]
    return " ".join(words)


def closest(candidates: list[tuple[str, float]], target: float, count: int) -> list[str]:
    """The ``count`` words whose frequency is closest to ``target`` on a log scale."""
    ranked = sorted(
        (item for item in candidates if item[1] > 0),
        key=lambda item: (abs(math.log(item[1] / target)), item[0]),
    )
    return [word for word, _ in ranked[:count]]


def query_path(base: str, **params) -> str:
    return f"{base}?{urllib.parse.urlencode(params)}" if params else base


def machine_name() -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", platform.node() or "machine").strip("-") or "machine"


def ratio(numerator, denominator):
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def build_row(scenario: str, system: str, quotes: int, measured: dict) -> dict:
    """A result row in the committed JSON format (the issue's keys first, extras after)."""
    requests = measured.get("requests", 0)
    duration = measured.get("duration_s") or 0
    errors = measured.get("non2xx", 0) + measured.get("socket_errors", 0)
    return {
        "scenario": scenario,
        "system": system,
        "requests_per_s": round(requests / duration, 4 if requests / duration < 1 else 2)
        if duration
        else 0.0,
        "p50_ms": round(measured.get("p50_ms", 0.0), 2),
        "p95_ms": round(measured.get("p95_ms", 0.0), 2),
        "p99_ms": round(measured.get("p99_ms", 0.0), 2),
        "errors": errors,
        "quotes_in_db": quotes,
        "requests": requests,
        "duration_s": round(duration, 2),
        **{key: measured[key] for key in ("peak_rss_mb", "rows", "bytes") if key in measured},
    }


def throughput_ratio(row: dict, base: dict | None):
    """row's throughput over base's: requests/s, or for the one-shot export 1 / duration."""
    if base is None:
        return None
    if row["scenario"] == "export_csv":
        return ratio(base.get("duration_s"), row.get("duration_s"))
    return ratio(row["requests_per_s"], base["requests_per_s"])


def describe_rss(peak_rss_mb: float | None) -> str:
    return "RSS not measured" if peak_rss_mb is None else f"{peak_rss_mb:.0f} MB RSS"


def format_number(value, digits=1) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        if value >= 1000:
            return f"{value:,.0f}"
        return f"{value:.{digits}f}"
    return f"{value:,}"


def render_table(rows: list[dict]) -> str:
    """scenario | system | req/s | p50 | p95 | p99 | errors | /floor | /naive."""
    by_key = {(row["scenario"], row["system"]): row for row in rows}
    header = ["scenario", "system", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "extra"]
    header += ["proj/floor", "proj/naive"]
    lines = [header]
    for scenario in dict.fromkeys(row["scenario"] for row in rows):
        project = by_key.get((scenario, "project"))
        for system in SYSTEMS:
            row = by_key.get((scenario, system))
            if row is None:
                continue
            extra = ""
            if "rows" in row:
                extra = f"{row['rows']:,} rows, {describe_rss(row['peak_rss_mb'])}"
            cells = [
                scenario if system == SYSTEMS[0] or project is None else "",
                system,
                format_number(row["requests_per_s"]),
                format_number(row["p50_ms"]),
                format_number(row["p95_ms"]),
                format_number(row["p99_ms"]),
                str(row["errors"]),
                extra,
                "",
                "",
            ]
            if system == "project":
                for index, other in ((8, "floor"), (9, "naive")):
                    base = by_key.get((scenario, other))
                    value = throughput_ratio(row, base)
                    cells[index] = "-" if value is None else f"{value:.2f}x"
            lines.append(cells)
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for number, line in enumerate(lines):
        out.append(
            "  ".join(
                cell.ljust(width) if i < 2 or i == 7 else cell.rjust(width)
                for i, (cell, width) in enumerate(zip(line, widths, strict=True))
            ).rstrip()
        )
        if number == 0:
            out.append("  ".join("-" * width for width in widths))
    return "\n".join(out)


def check_targets(rows: list[dict]) -> list[tuple[str, str, str]]:
    """(description, reached value, PASS/FAIL/n/a) for each target of the issue."""
    by_key = {(row["scenario"], row["system"]): row for row in rows}
    results = []
    for scenario, metric, limit, description in TARGETS:
        project = by_key.get((scenario, "project"))
        if project is None:
            results.append((description, "not run", "n/a"))
            continue
        if project["errors"]:
            results.append((description, f"{project['errors']} errors", "FAIL"))
            continue
        if metric == "floor_ratio":
            value = throughput_ratio(project, by_key.get((scenario, "floor")))
            if value is None:
                results.append((description, "no floor run", "n/a"))
                continue
            results.append((description, f"{value:.2f}x", "PASS" if value >= limit else "FAIL"))
        else:
            value = project.get(metric)
            if value is None:
                results.append((description, "not measured", "n/a"))
                continue
            results.append((description, f"{value:.1f}", "PASS" if value <= limit else "FAIL"))
    errors = sum(row["errors"] for row in rows if row["system"] == "project")
    results.append(
        ("zero errors under load (project)", str(errors), "PASS" if not errors else "FAIL")
    )
    return results


# Tools and the database.


def check_tools() -> None:
    if shutil.which("wrk") is None:
        raise BenchError(INSTALL_HINTS["wrk"])
    missing = []
    for module in ("gunicorn", "psutil", "matplotlib", "orjson", "psycopg"):
        try:
            __import__(module)
        except ImportError:
            missing.append(module)
    if missing:
        raise BenchError(f"{INSTALL_HINTS['python']} (missing: {', '.join(missing)})")


def _connect(url: str, **kwargs):
    import psycopg

    return psycopg.connect(url, autocommit=True, **kwargs)


def _with_database(url: str, name: str) -> str:
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path=f"/{name}"))


def _maintenance_url(url: str) -> tuple[str, str]:
    name = urllib.parse.urlsplit(url).path.lstrip("/")
    if not name:
        raise BenchError(f"BENCH_DATABASE_URL has no database name: {url}")
    return _with_database(url, "postgres"), name


def _manage_command(url: str, args) -> tuple[list[str], dict]:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("DEBUG", None)
    print(f"$ DATABASE_URL={url} manage.py {' '.join(args)}", flush=True)
    return [sys.executable, "manage.py", *args], env


def manage(url: str, *args: str) -> None:
    command, env = _manage_command(url, args)
    if subprocess.run(command, cwd=ROOT, env=env).returncode:
        raise BenchError(f"manage.py {args[0]} failed")


def manage_measured(url: str, *args: str) -> tuple[float, float, str]:
    """Run a manage.py command: (seconds, its peak RSS in MB, what it printed)."""
    command, env = _manage_command(url, args)
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)  # the rusage of this child alone
    elapsed = time.monotonic() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise BenchError(f"manage.py {args[0]} failed:\n{output}")
    return elapsed, round(usage.ru_maxrss / 1024, 1), output  # ru_maxrss is in KiB


def count_quotes(url: str) -> int:
    with _connect(url) as conn:
        return conn.execute("SELECT count(*) FROM quotes_quote").fetchone()[0]


def database_server(url: str) -> dict[str, str | bool]:
    """The server settings that decide how much of the data is served from PostgreSQL's own
    memory; recorded with the results, since they move the search rows more than the code."""
    with _connect(url) as conn:
        (version, shared_buffers, cache, work_mem, size, fits) = conn.execute(
            "SELECT current_setting('server_version'), current_setting('shared_buffers'), "
            "current_setting('effective_cache_size'), current_setting('work_mem'), "
            "pg_size_pretty(pg_database_size(current_database())), "
            "pg_database_size(current_database()) <= "
            "pg_size_bytes(current_setting('shared_buffers'))"
        ).fetchone()
    return {
        "version": version,
        "shared_buffers": shared_buffers,
        "effective_cache_size": cache,
        "work_mem": work_mem,
        "database_size": size,
        "database_fits_in_shared_buffers": fits,
    }


def ensure_database(url: str, quotes: int, *, rebuild: bool, seed: int) -> int:
    """Create, migrate and fill the bench database as needed; return its number of quotes."""
    import psycopg
    from psycopg import sql

    maintenance, name = _maintenance_url(url)
    try:
        with _connect(maintenance) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if exists and rebuild:
                print(f"Dropping database {name} (--rebuild)", flush=True)
                conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
                exists = None
            if not exists:
                print(f"Creating database {name}", flush=True)
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.OperationalError as error:
        raise BenchError(
            f"Cannot reach the PostgreSQL server of {url}: {error}\n"
            "Set BENCH_DATABASE_URL (or --database-url) to a server where this user may create "
            "databases."
        ) from error
    manage(url, "migrate", "--noinput", "-v", "0")
    present = count_quotes(url)
    if present >= quotes:
        print(f"Reusing {name}: {present:,} quotes (>= {quotes:,} asked)", flush=True)
        analyze_if_stale(url)
        return present
    missing = quotes - present
    # A seed can be generated once per database: topping up uses another one.
    run_seed = seed if present == 0 else seed + present
    print(f"{name} has {present:,} quotes; generating {missing:,} more (seed {run_seed})")
    started = time.monotonic()
    manage(url, "generate_corpus", "--quotes", str(missing), "--seed", str(run_seed))
    print(f"Generated in {time.monotonic() - started:.0f} s; VACUUM ANALYZE", flush=True)
    with _connect(url) as conn:
        conn.execute("VACUUM ANALYZE")
    return count_quotes(url)


def analyze_if_stale(url: str) -> None:
    """ANALYZE when the statistics were never taken or a tenth of the rows changed since.

    Right after a bulk load the planner believes the tables are nearly empty and picks plans
    (sequential scans, nested loops over every row) that no production database would run.
    """
    with _connect(url) as conn:
        stale = conn.execute(
            "SELECT count(*) FROM pg_stat_user_tables WHERE relname LIKE ANY(%s) AND ("
            "coalesce(last_analyze, last_autoanalyze) IS NULL OR "
            "n_mod_since_analyze > 0.1 * greatest(n_live_tup, 1000))",
            [["quotes_%", "actors_%"]],
        ).fetchone()[0]
        if stale:
            print(f"ANALYZE ({stale} tables with stale statistics)", flush=True)
            conn.execute("ANALYZE")


# Scenario parameters, from the data.


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
    with _connect(url) as conn:
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

        # Document frequencies on a sample of about 50,000 search documents.
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
        frequencies = [(surface[lex][0], lexemes[lex] / sampled) for lex in surface]
        plan.notes["sampled_documents"] = sampled

        def band(target, low, high):
            inside = [(word, share) for word, share in frequencies if low <= share <= high]
            return closest(inside or frequencies, target, per_scenario // 2)

        common = band(COMMON, COMMON * 0.6, COMMON * 1.6)
        very_common = band(VERY_COMMON, VERY_COMMON * 0.7, VERY_COMMON * 1.4)
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
        for name, words in (
            ("search_rare", rare),
            ("search_common", common),
            ("search_very_common", very_common),
        ):
            if not words:
                raise BenchError(f"No word found for {name} in this corpus.")
            plan.paths[name] = [query_path(QUOTES_URL, q=word) for word in words]
            plan.notes[name] = {word: _match_count(conn, word) for word in words[:3]}
            plan.notes[name]["_words"] = words

        # Phrases: two consecutive non-stop words of real quotes.
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

        low, high = conn.execute(
            "SELECT min(said_on), max(said_on) FROM quotes_quote WHERE status = 'verified'"
        ).fetchone()
        span = max((high - low).days - 31, 1)
        windows = []
        for i in range(per_scenario):
            start = low + datetime.timedelta(days=(i * 7919) % span)
            windows.append((start, start + datetime.timedelta(days=30)))
        plan.paths["date_range"] = [
            query_path(QUOTES_URL, said_after=a.isoformat(), said_before=b.isoformat())
            for a, b in windows
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

        people = conn.execute(
            "SELECT name FROM actors_person ORDER BY md5(slug) LIMIT %s", [per_scenario]
        ).fetchall()
        plan.paths["people_fuzzy"] = [query_path(PEOPLE_URL, q=typo(name)) for (name,) in people]
        plan.notes["people_in_db"] = conn.execute("SELECT count(*) FROM actors_person").fetchone()[
            0
        ]

        busy = conn.execute(
            "SELECT p.slug FROM actors_person p JOIN actors_affiliation a ON a.person_id = p.id "
            "GROUP BY p.slug ORDER BY count(*) DESC, p.slug LIMIT %s",
            [per_scenario],
        ).fetchall()
        if not busy:
            busy = conn.execute(
                "SELECT slug FROM actors_person LIMIT %s", [per_scenario]
            ).fetchall()
        plan.paths["person_detail"] = [f"{PEOPLE_URL}{slug}/" for (slug,) in busy]

        since = conn.execute(
            "SELECT said_on FROM quotes_quote WHERE status = 'verified' AND said_on IS NOT NULL "
            "ORDER BY said_on DESC, id DESC OFFSET %s LIMIT 1",
            [max(export_rows - 1, 0)],
        ).fetchone()
        params = {"format": "csv"}
        if since:
            params["said_after"] = since[0].isoformat()
            expected = conn.execute(
                "SELECT count(*) FROM quotes_quote WHERE status = 'verified' AND said_on >= %s",
                [since[0]],
            ).fetchone()[0]
        else:
            expected = verified
        plan.paths["export_csv"] = [query_path(QUOTES_URL, **params)]
        plan.notes["export_csv_expected_rows"] = expected
    return plan


def hash_word(word: str) -> str:
    import hashlib

    return hashlib.md5(word.encode()).hexdigest()


# Servers.


@dataclass
class Server:
    system: str
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


# --project-env: tunings tried on the project's server only.
PROJECT_ENV: dict[str, str] = {}


def server_env(system: str, url: str) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "CONN_MAX_AGE": "600",
        "LOG_LEVEL": "WARNING",
        # The load comes from one client address: rate limits would answer 429 at once.
        "THROTTLE_ANONYMOUS": "",
        "THROTTLE_USER": "",
        "DJANGO_SETTINGS_MODULE": "bench.naive.settings"
        if system == "naive"
        else "config.settings",
    }
    if system == "project":
        env.update(PROJECT_ENV)
    return env


def port_answers(port: int) -> bool:
    """Does something already listen on 127.0.0.1:``port``?"""
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def start_server(system: str, url: str, port: int, workers: int, logs: Path) -> Server:
    # A server left from an interrupted run would answer in place of this one (which then
    # fails to bind), so every figure would be that server's.
    if port_answers(port):
        raise BenchError(
            f"port {port} is in use, perhaps by a server of an interrupted run "
            f"(`pkill -f 'gunicorn.*:{port}'`), or choose others with --port"
        )
    app = "bench.floor:app" if system == "floor" else "config.wsgi:application"
    log = logs / f"{system}.log"
    command = [
        sys.executable, "-m", "gunicorn", app,
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers),
        "--worker-class", "sync",
        "--timeout", "900",
        "--graceful-timeout", "5",
        "--log-level", "warning",
        "--error-logfile", str(log),
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=ROOT, env=server_env(system, url), start_new_session=True
    )
    server = Server(system, port, process, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"{system} server exited at start; see {log}:\n{tail(log)}")
        try:
            with urllib.request.urlopen(f"{server.base}{PEOPLE_URL}?page_size=1", timeout=5):
                return server
        except urllib.error.HTTPError:
            return server  # it answers; the scenarios will show what
        except OSError:
            time.sleep(0.3)
    stop_server(server)
    raise BenchError(f"{system} server did not answer on port {port} within 60 s; see {log}")


def stop_server(server: Server) -> None:
    if server.process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.process.pid, signal.SIGTERM)
        try:
            server.process.wait(15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.process.pid, signal.SIGKILL)
            server.process.wait()


def tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


# Measurements.


def probe(server: Server, path: str) -> tuple[int, str]:
    """(status, a short summary of the answer) for a sanity check before the load."""
    try:
        with urllib.request.urlopen(server.base + path, timeout=120) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()[:200].decode(errors="replace")
    except OSError as error:
        return 0, str(error)
    try:
        data = json.loads(body)
    except ValueError:
        return status, f"{len(body)} bytes"
    if isinstance(data, dict) and "results" in data:
        first = data["results"][0]["id"] if data["results"] else None
        return status, f"{len(data['results'])} results, first id {first}"
    return status, f"id {data.get('id')}" if isinstance(data, dict) else "?"


def run_wrk(server: Server, paths: list[str], seconds: float, args, workdir: Path) -> dict:
    paths_file = workdir / "paths.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    command = [
        "wrk", f"-t{args.threads}", f"-c{args.concurrency}", f"-d{max(1, round(seconds))}s",
        f"--timeout={args.request_timeout}s", "-s", str(BENCH / "report.lua"),
        server.base, "--", str(paths_file),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise BenchError(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
    return parse_wrk_output(done.stdout)


def worker_processes(server: Server):
    import psutil

    try:
        return psutil.Process(server.process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def run_export(server: Server, path: str, timeout: float) -> dict:
    """One full download, timed, with the peak RSS of the server's workers sampled (None when
    no worker could be sampled: then the target is not measured rather than met)."""
    import psutil

    peak = None
    stop = threading.Event()

    def sample():
        nonlocal peak
        while not stop.is_set():
            for process in worker_processes(server):
                with contextlib.suppress(psutil.Error):
                    peak = max(peak or 0, process.memory_info().rss)
            stop.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    request = urllib.request.Request(server.base + path, headers={"Accept": "text/csv"})
    started = time.monotonic()
    size, lines, errors = 0, 0, 0
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            if not 200 <= response.status < 300:
                errors = 1
            while chunk := response.read(1 << 16):
                size += len(chunk)
                lines += chunk.count(b"\n")
                if time.monotonic() - started > timeout:
                    errors = 1
                    break
    except (OSError, urllib.error.HTTPError) as error:
        print(f"  export on {server.system} failed: {error}", flush=True)
        errors = 1
    elapsed = time.monotonic() - started
    stop.set()
    sampler.join()
    rows = max(lines - 1, 0)  # the header (quoted newlines in text would count too)
    return {
        "requests": 1,
        "duration_s": elapsed,
        "p50_ms": elapsed * 1000,
        "p95_ms": elapsed * 1000,
        "p99_ms": elapsed * 1000,
        "non2xx": errors,
        "socket_errors": 0,
        "peak_rss_mb": None if peak is None else round(peak / 2**20, 1),
        "rows": rows,
        "bytes": size,
    }


# The bulk paths, as commands.

IMPORTED = re.compile(r"([\d,]+) quotes imported.*?([\d.]+) s, ([\d,]+) quotes/s", re.S)


def measure_import(url: str, quotes: int, workdir: Path) -> dict:
    """Export the articles of the newest ``quotes`` quotes (with those quotes) as JSON Lines,
    import them into an empty database with ``--create-people``; the command's own rate."""
    from psycopg import sql

    with _connect(url) as conn:
        row = conn.execute(
            "SELECT said_on FROM quotes_quote ORDER BY said_on DESC OFFSET %s LIMIT 1", [quotes]
        ).fetchone()
    source = workdir / "import.jsonl"
    filters = ["--filter", f"said_after={row[0].isoformat()}"] if row else []
    manage_measured(url, "export_quotes", "--format", "jsonl", *filters, "--output", str(source))
    maintenance, name = _maintenance_url(url)
    scratch = f"{name}_import"
    scratch_url = _with_database(url, scratch)
    with _connect(maintenance) as conn:
        drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(scratch))
        conn.execute(drop)
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(scratch)))
    try:
        manage(scratch_url, "migrate", "--noinput", "-v", "0")
        seconds, rss, output = manage_measured(
            scratch_url, "import_articles", str(source), "--create-people", "--no-progress"
        )
    finally:
        with _connect(maintenance) as conn:
            conn.execute(drop)
    match = IMPORTED.search(output)
    if not match:
        raise BenchError(f"import_articles printed no summary:\n{output}")
    return {
        "quotes": int(match.group(1).replace(",", "")),
        "file_mb": round(source.stat().st_size / 2**20, 1),
        "import_seconds": float(match.group(2)),
        "quotes_per_s": int(match.group(3).replace(",", "")),
        "command_seconds": round(seconds, 1),
        "peak_rss_mb": rss,
    }


def measure_full_export(url: str, workdir: Path) -> dict:
    """``export_quotes --format csv`` of every quote: time and peak RSS."""
    target = workdir / "all.csv"
    seconds, rss, _ = manage_measured(url, "export_quotes", "--format", "csv", "-o", str(target))
    with target.open("rb") as exported:
        rows = sum(chunk.count(b"\n") for chunk in iter(lambda: exported.read(1 << 20), b"")) - 1
    target.unlink()
    return {"rows": rows, "seconds": round(seconds, 1), "peak_rss_mb": rss}


def check_bulk_targets(bulk: dict) -> list[tuple[str, str, str]]:
    checks = []
    if "import" in bulk:
        rate = bulk["import"]["quotes_per_s"]
        verdict = "PASS" if rate >= IMPORT_TARGET else "FAIL"
        checks.append((f"import >= {IMPORT_TARGET:,} quotes/s", f"{rate:,}", verdict))
    if "full_export" in bulk:
        rss = bulk["full_export"]["peak_rss_mb"]
        verdict = "PASS" if rss < FULL_EXPORT_RSS_TARGET else "FAIL"
        what = f"export of every quote ({bulk['full_export']['rows']:,}) peak RSS"
        checks.append((f"{what} < {FULL_EXPORT_RSS_TARGET} MB", f"{rss}", verdict))
    return checks


def draw_chart(rows: list[dict], path: Path, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    scenarios = [s for s in dict.fromkeys(row["scenario"] for row in rows) if s != "export_csv"]
    by_key = {(row["scenario"], row["system"]): row for row in rows}
    colours = {"project": "#1f77b4", "floor": "#2ca02c", "naive": "#d62728"}
    width = 0.27
    figure, axis = plt.subplots(figsize=(max(8, len(scenarios) * 1.1), 5.5))
    for offset, system in enumerate(SYSTEMS):
        xs, p50, p95, p99 = [], [], [], []
        for index, scenario in enumerate(scenarios):
            row = by_key.get((scenario, system))
            if row is None or not row["requests"]:
                continue
            xs.append(index + (offset - 1) * width)
            p50.append(max(row["p50_ms"], 0.01))
            p95.append(max(row["p95_ms"], 0.01))
            p99.append(max(row["p99_ms"], 0.01))
        if not xs:
            continue
        axis.bar(xs, p95, width, color=colours[system], alpha=0.35, label=f"{system} p95")
        axis.bar(xs, p50, width, color=colours[system], label=f"{system} p50")
        axis.scatter(xs, p99, color=colours[system], marker="_", s=120, zorder=3)
    axis.set_yscale("log")
    axis.set_ylabel("latency, ms (log scale; bar p50, light bar p95, tick p99)")
    axis.set_xticks(range(len(scenarios)))
    axis.set_xticklabels(scenarios, rotation=30, ha="right")
    axis.set_title(title)
    axis.legend(fontsize="small", ncol=3)
    axis.grid(axis="y", which="both", alpha=0.3)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


# Main.


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quotes", type=int, help="Default 1,000,000 (20,000 with --quick).")
    parser.add_argument(
        "--database-url",
        help=f"Default $BENCH_DATABASE_URL or {DEFAULT_DATABASE_URL} "
        f"({QUICK_DATABASE_URL} with --quick).",
    )
    parser.add_argument("--rebuild", action="store_true", help="Drop and regenerate the database.")
    parser.add_argument("--seed", type=int, default=BASE_SEED)
    parser.add_argument("--duration", type=float, default=15, help="Seconds per run (15).")
    parser.add_argument("--warmup", type=float, default=3, help="Seconds of warm-up (3).")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="A smoke test: 3 s runs, 1 s warm-up, 20,000 quotes in a database of its own.",
    )
    parser.add_argument("--concurrency", type=int, default=8, help="Connections (8).")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2).")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2).")
    parser.add_argument("--request-timeout", type=int, default=60, help="wrk timeout, s (60).")
    parser.add_argument("--export-rows", type=int, default=100_000, help="Default 100,000.")
    parser.add_argument("--export-timeout", type=float, default=900, help="Seconds (900).")
    parser.add_argument(
        "--import-quotes",
        type=int,
        help="Quotes in the import measurement (default 200,000, 2,000 with --quick; 0: skip).",
    )
    parser.add_argument(
        "--full-export",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="Time export_quotes of every quote and take its peak RSS (default: on).",
    )
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="Comma-separated subset.")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS), help="Comma-separated.")
    parser.add_argument(
        "--project-env",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="Extra environment of the project's server (repeatable), to try a "
        "tuning, e.g. --project-env WEB_STATEMENT_TIMEOUT_MS=0 "
        "--project-env 'PGOPTIONS=-c join_collapse_limit=1'.",
    )
    parser.add_argument("--port", type=int, default=8101, help="First of three ports (8101).")
    parser.add_argument("--output", type=Path, default=RESULTS, help="Default bench/results/.")
    parser.add_argument("--name", help="Result file stem (default <date>-<machine>).")
    parser.add_argument(
        "--skip-ensure", action="store_true", help="Use the database as it is (no migrate/fill)."
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.duration, args.warmup = 3, 1
    if args.quotes is None:
        args.quotes = QUICK_QUOTES if args.quick else 1_000_000
    if args.import_quotes is None:
        args.import_quotes = 2_000 if args.quick else 200_000
    if args.database_url is None:
        args.database_url = os.environ.get("BENCH_DATABASE_URL") or (
            QUICK_DATABASE_URL if args.quick else DEFAULT_DATABASE_URL
        )
    for item in args.project_env:
        if "=" not in item:
            parser.error(f"--project-env takes KEY=VALUE, not {item!r}")
    args.systems = [s for s in args.systems.split(",") if s]
    args.scenarios = [s for s in args.scenarios.split(",") if s]
    choices = ((args.systems, SYSTEMS, "system"), (args.scenarios, SCENARIOS, "scenario"))
    for value, allowed, what in choices:
        unknown = set(value) - set(allowed)
        if unknown:
            parser.error(f"unknown {what}: {', '.join(sorted(unknown))}")
    return args


def exit_on_sigterm() -> None:
    """SIGTERM raises SystemExit, so ``run``'s cleanup stops the servers (they run in sessions
    of their own and would outlive the run)."""
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def main(argv=None) -> int:
    args = parse_args(argv)
    exit_on_sigterm()
    try:
        return run(args)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2


def run(args) -> int:
    check_tools()
    PROJECT_ENV.clear()
    PROJECT_ENV.update(item.split("=", 1) for item in args.project_env)
    url = args.database_url
    if args.skip_ensure:
        quotes = count_quotes(url)
    else:
        quotes = ensure_database(url, args.quotes, rebuild=args.rebuild, seed=args.seed)
    print("Choosing the requests from the data ...", flush=True)
    plan = plan_requests(url, args.export_rows)
    print(json.dumps(plan.notes, indent=1, default=str), flush=True)
    server_settings = database_server(url)
    print(
        f"PostgreSQL {server_settings['version']}: shared_buffers "
        f"{server_settings['shared_buffers']} for a database of "
        f"{server_settings['database_size']}"
        + (
            ""
            if server_settings["database_fits_in_shared_buffers"]
            else " (it does not fit: searches read heap pages from the OS cache)"
        ),
        flush=True,
    )

    args.output.mkdir(parents=True, exist_ok=True)
    stem = args.name or f"{datetime.date.today().isoformat()}-{machine_name()}"
    workdir = Path(tempfile.mkdtemp(prefix="whosaid-bench-"))
    servers: dict[str, Server] = {}
    rows: list[dict] = []
    try:
        for offset, system in enumerate(SYSTEMS):
            if system in args.systems:
                servers[system] = start_server(
                    system, url, args.port + offset, args.workers, workdir
                )
                print(f"{system}: {servers[system].base} (log {servers[system].log})", flush=True)
        print("\nSanity check (first request of each scenario):")
        failed = []
        for scenario in args.scenarios:
            if scenario == "export_csv":  # one long download: measured once, below
                continue
            for system, server in servers.items():
                status, summary = probe(server, plan.paths[scenario][0])
                print(f"  {scenario:20} {system:8} {status} {summary}")
                if not 200 <= status < 300:
                    failed.append(f"{scenario} on {system}")
        if failed:
            print(f"  (not 2xx: {', '.join(failed)}; these runs will count errors)", flush=True)
        print(
            f"\nLoad: wrk -t{args.threads} -c{args.concurrency}, {args.duration:g} s per run "
            f"after {args.warmup:g} s of warm-up; {quotes:,} quotes in the database.\n",
            flush=True,
        )
        for scenario in args.scenarios:
            for system, server in servers.items():
                paths = plan.paths[scenario]
                if scenario == "export_csv":
                    measured = run_export(server, paths[0], args.export_timeout)
                else:
                    if args.warmup:
                        run_wrk(server, paths, args.warmup, args, workdir)
                    measured = run_wrk(server, paths, args.duration, args, workdir)
                row = build_row(scenario, system, quotes, measured)
                rows.append(row)
                print(
                    f"  {scenario:20} {system:8} {row['requests_per_s']:>9.1f} req/s  "
                    f"p50 {row['p50_ms']:>9.1f}  p95 {row['p95_ms']:>9.1f}  "
                    f"p99 {row['p99_ms']:>9.1f} ms  errors {row['errors']}"
                    + (
                        f"  rows {row['rows']:,}  {describe_rss(row['peak_rss_mb'])}"
                        if "rows" in row
                        else ""
                    ),
                    flush=True,
                )
    finally:
        for server in servers.values():
            stop_server(server)
        for server in servers.values():
            if server.log.exists() and server.log.stat().st_size:
                print(
                    f"\n{server.system} server log ({server.log}), last lines:\n{tail(server.log)}"
                )

    bulk: dict[str, dict] = {}
    if args.import_quotes:
        print(f"\nImport of the newest {args.import_quotes:,} quotes' articles:", flush=True)
        bulk["import"] = measure_import(url, args.import_quotes, workdir)
        print(f"  {bulk['import']}", flush=True)
    if args.full_export:
        print("\nExport of every quote:", flush=True)
        bulk["full_export"] = measure_full_export(url, workdir)
        print(f"  {bulk['full_export']}", flush=True)

    print()
    print(render_table(rows))
    print(f"\nTargets (defined on 1,000,000 quotes; this database has {quotes:,}):")
    for description, value, verdict in [*check_targets(rows), *check_bulk_targets(bulk)]:
        print(f"  {verdict:4}  {description}: {value}")

    result_json = args.output / f"{stem}.json"
    result_json.write_text(json.dumps(rows, indent=1) + "\n")
    requests_json = args.output / f"{stem}.requests.json"
    requests_json.write_text(
        json.dumps(
            {
                "quotes_in_db": quotes,
                "machine": machine_name(),
                "cpus": os.cpu_count(),
                "command": " ".join(sys.argv),
                "duration_s": args.duration,
                "concurrency": args.concurrency,
                "workers": args.workers,
                "project_env": PROJECT_ENV,
                "database_server": server_settings,
                "notes": plan.notes,
                "paths": plan.paths,
            },
            indent=1,
            default=str,
        )
        + "\n"
    )
    written = [result_json, requests_json]
    if bulk:
        bulk_json = args.output / f"{stem}.bulk.json"
        bulk_json.write_text(json.dumps({"quotes_in_db": quotes, **bulk}, indent=1) + "\n")
        written.append(bulk_json)
    chart = args.output / f"{stem}.png"
    draw_chart(rows, chart, f"whosaid: latency per scenario, {quotes:,} quotes, {machine_name()}")
    print(f"\nWrote {', '.join(map(str, written))} and {chart}")
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
