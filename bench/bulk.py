"""The bulk paths, as commands: import (against the COPY floor) and a full export."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import time
from pathlib import Path

from bench import search
from bench.common import BenchError
from bench.database import connect, maintenance_url, manage, manage_measured, with_database

IMPORTED = re.compile(r"([\d,]+) quotes imported.*?([\d.]+) s, ([\d,]+) quotes/s", re.S)


def export_newest(url: str, quotes: int, target: Path) -> None:
    """The articles of the newest ``quotes`` quotes (with those quotes) as JSON Lines."""
    with connect(url) as conn:
        row = conn.execute(
            "SELECT said_on FROM quotes_quote ORDER BY said_on DESC OFFSET %s LIMIT 1", [quotes]
        ).fetchone()
    filters = ["--filter", f"said_after={row[0].isoformat()}"] if row else []
    manage_measured(url, "export_quotes", "--format", "articles", *filters, "--output", str(target))


@contextlib.contextmanager
def scratch_database(url: str, suffix: str):
    """A new, migrated database beside ``url``'s, dropped afterwards; yields its URL."""
    from psycopg import sql

    maintenance, name = maintenance_url(url)
    scratch = f"{name}_{suffix}"
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(scratch))
    with connect(maintenance) as conn:
        conn.execute(drop)
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(scratch)))
    try:
        scratch_url = with_database(url, scratch)
        manage(scratch_url, "migrate", "--noinput", "-v", "0")
        yield scratch_url
    finally:
        with connect(maintenance) as conn:
            conn.execute(drop)


def measure_import(url: str, quotes: int, workdir: Path) -> dict:
    """``import_articles --create-people`` of the newest ``quotes`` quotes' articles into an
    empty database while ``search_indexer`` keeps that database's index current; then the
    COPY floor of the same rows (``copy_floor``)."""
    source = workdir / "import.jsonl"
    export_newest(url, quotes, source)
    index_dir = workdir / "import-index"
    with scratch_database(url, "import") as scratch_url:
        manage(scratch_url, "rebuild_search_index", env={"SEARCH_INDEX_DIR": str(index_dir)})
        indexer = search.start_indexer(scratch_url, index_dir, workdir / "import-indexer.log")
        try:
            search.wait_until_indexed(scratch_url, index_dir)  # the writer is up and idle
            idle_cpu = process_cpu_seconds(indexer.pid)
            seconds, rss, output = manage_measured(
                scratch_url, "import_articles", str(source), "--create-people", "--no-progress"
            )
            catch_up = search.wait_until_indexed(scratch_url, index_dir)
            indexer_cpu = process_cpu_seconds(indexer.pid) - idle_cpu
        finally:
            search.stop_process(indexer)
        result = import_summary(output)
        result.update(
            file_mb=round(source.stat().st_size / 2**20, 1),
            command_seconds=round(seconds, 1),
            peak_rss_mb=rss,
            index_caught_up_after_s=round(catch_up, 1),
            indexer_cpu_us_per_quote=round(indexer_cpu * 1e6 / max(result["quotes"], 1), 1),
        )
        copy_floor = measure_copy_floor(scratch_url, url, workdir)
    shutil.rmtree(index_dir, ignore_errors=True)
    return {"import": result, "copy_floor": copy_floor}


def import_summary(output: str) -> dict:
    match = IMPORTED.search(output)
    if not match:
        raise BenchError(f"import_articles printed no summary:\n{output}")
    return {
        "quotes": int(match.group(1).replace(",", "")),
        "import_seconds": float(match.group(2)),
        "quotes_per_s": int(match.group(3).replace(",", "")),
    }


def process_cpu_seconds(pid: int) -> float:
    import psutil

    times = psutil.Process(pid).cpu_times()
    return times.user + times.system


# What the import wrote, in an order its foreign keys accept (they are checked at commit).
IMPORTED_TABLES = [
    "actors_organization", "actors_person", "actors_alias", "actors_affiliation",
    "quotes_publisher", "quotes_topic", "quotes_article", "quotes_quote", "quotes_quote_topics",
]  # fmt: skip


def measure_copy_floor(imported_url: str, url: str, workdir: Path) -> dict:
    """The database's own floor for the same rows: COPY of every row the import wrote
    (validated, search documents computed) into an empty database with the same tables,
    indexes and triggers, in one transaction. The quotes' trigger keeps the given document,
    as it does for the import's statement."""
    dumps = {}
    with connect(imported_url) as conn:
        for table in IMPORTED_TABLES:
            buffer = io.BytesIO()
            with conn.cursor().copy(f"COPY {table} TO STDOUT (FORMAT binary)") as copy:
                for chunk in copy:
                    buffer.write(chunk)
            dumps[table] = buffer.getvalue()
        quotes = conn.execute("SELECT count(*) FROM quotes_quote").fetchone()[0]
    with scratch_database(url, "copy") as copy_url, connect(copy_url) as conn:
        started = time.monotonic()
        with conn.transaction():
            conn.execute("SELECT set_config('whosaid.bulk_import', 'on', true)")
            for table, data in dumps.items():
                with conn.cursor().copy(f"COPY {table} FROM STDIN (FORMAT binary)") as copy:
                    copy.write(data)
        seconds = time.monotonic() - started
    return {"quotes": quotes, "seconds": round(seconds, 2), "quotes_per_s": round(quotes / seconds)}


def measure_full_export(url: str, workdir: Path) -> dict:
    """``export_quotes --format csv`` of every quote: time and peak RSS."""
    target = workdir / "all.csv"
    seconds, rss, _ = manage_measured(url, "export_quotes", "--format", "csv", "-o", str(target))
    with target.open("rb") as exported:
        rows = sum(chunk.count(b"\n") for chunk in iter(lambda: exported.read(1 << 20), b"")) - 1
    target.unlink()
    return {"rows": rows, "seconds": round(seconds, 1), "peak_rss_mb": rss}
