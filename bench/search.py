"""The search index in the bench: its build, its writer, and how soon a change is found.

- ``build_index``: ``rebuild_search_index`` of the bench database (time, size on disk, RSS);
- ``start_indexer``: ``search_indexer`` on a database, as ``make run`` keeps it;
- ``measure_delay``: edits committed one by one (an attribution gets a word of its own), each
  timed until the project's API finds it: the delay from commit to visible in search;
- ``wait_until_indexed``: after a bulk import, until the index holds every quote.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from bench.common import QUOTES_URL, ROOT, BenchError
from bench.database import connect, manage_command, manage_measured

BUILT = re.compile(r"([\d,]+) quotes indexed in ([\d.]+) s .*?, ([\d,.]+) MB on disk")


def build_index(url: str, index_dir: Path) -> dict:
    seconds, rss, output = manage_measured(
        url, "rebuild_search_index", env={"SEARCH_INDEX_DIR": str(index_dir)}
    )
    match = BUILT.search(output)
    if not match:
        raise BenchError(f"rebuild_search_index printed no summary:\n{output}")
    return {
        "quotes": int(match.group(1).replace(",", "")),
        "build_seconds": float(match.group(2)),
        "size_mb": float(match.group(3).replace(",", "")),
        "command_seconds": round(seconds, 1),
        "peak_rss_mb": rss,
    }


def start_indexer(url: str, index_dir: Path, log: Path) -> subprocess.Popen:
    command, env = manage_command(url, ["search_indexer", "--poll", "0.5"])
    env["SEARCH_INDEX_DIR"] = str(index_dir)
    with log.open("w") as output:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)


def stop_process(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _found(base: str, word: str) -> bool:
    query = urllib.parse.urlencode({"q": word, "page_size": 1})
    with urllib.request.urlopen(f"{base}{QUOTES_URL}?{query}", timeout=10) as response:
        return b'"id"' in response.read()


def measure_delay(url: str, base: str, samples: int = 40, timeout: float = 10) -> dict:
    """Commit-to-visible delays, in ms, of ``samples`` edits found through ``base``'s API."""
    delays = []
    with connect(url) as conn:
        quote_id, attribution = conn.execute(
            "SELECT id, attribution FROM quotes_quote WHERE status = 'verified' "
            "ORDER BY id DESC LIMIT 1"
        ).fetchone()
        try:
            for n in range(samples):
                word = "zqx" + "".join(chr(ord("a") + int(d)) for d in f"{n:04d}") + "vw"
                conn.execute(
                    "UPDATE quotes_quote SET attribution = %s WHERE id = %s",
                    [f"{attribution} {word}"[:500], quote_id],
                )  # autocommit: committed when execute returns
                committed = time.monotonic()
                while not _found(base, word):
                    if time.monotonic() - committed > timeout:
                        raise BenchError(f"an edit was not found in search after {timeout} s")
                    time.sleep(0.005)
                delays.append((time.monotonic() - committed) * 1000)
                time.sleep(0.2)
        finally:
            conn.execute(
                "UPDATE quotes_quote SET attribution = %s WHERE id = %s", [attribution, quote_id]
            )
    cut = statistics.quantiles(delays, n=20)
    return {
        "samples": samples,
        "p50_ms": round(statistics.median(delays), 1),
        "p95_ms": round(cut[18], 1),
    }


def indexed_quotes(index_dir: Path) -> int | None:
    """The quotes in ``index_dir``'s current index (read in a child: no Django here)."""
    script = (
        "import sys; from quotes.search.tantivy_engine import open_engine; "
        "e = open_engine(sys.argv[1]); e and e.index.reload(); "
        "print(e.index.searcher().num_docs if e else -1)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(index_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    value = int(done.stdout.strip() or -1)
    return None if value < 0 else value


def wait_until_indexed(url: str, index_dir: Path, timeout: float = 600) -> float:
    """Seconds until the index holds as many quotes as the database."""
    started = time.monotonic()
    with connect(url) as conn:
        expected = conn.execute("SELECT count(*) FROM quotes_quote").fetchone()[0]
    while indexed_quotes(index_dir) != expected:
        if time.monotonic() - started > timeout:
            raise BenchError(f"the index did not catch up with {expected:,} quotes in {timeout} s")
        time.sleep(0.25)
    return time.monotonic() - started
