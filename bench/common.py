"""Constants and small pure helpers shared by the benchmark modules."""

from __future__ import annotations

import json
import math
import platform
import re
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/whosaid_bench"
# --quick fills a small database of its own, so it never tops up the million-quote one.
QUICK_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/whosaid_bench_quick"
QUICK_QUOTES = 20_000
# gin: the floor ranking in PostgreSQL (GIN index, ts_rank), for the search scenarios only.
SYSTEMS = ("project", "floor", "gin", "naive")
SEARCH_SCENARIOS = (
    "search_rare", "search_phrase", "search_common", "search_very_common", "search_most_common",
    "search_speaker", "search_dates",
)  # fmt: skip
# The journalists' site's search page, asked what an API search scenario asks.
SITE_SCENARIOS = {
    "site_search_rare": "search_rare",
    "site_search_phrase": "search_phrase",
    "site_search_common": "search_common",
}
SCENARIOS = (
    "list", "detail", *SEARCH_SCENARIOS, *SITE_SCENARIOS, "date_range", "organization",
    "people_fuzzy", "person_detail", "export_csv",
)  # fmt: skip
QUOTES_URL = "/api/v1/quotes/"
CSV_DOWNLOAD_URL = "/api/v1/quotes.csv"
PEOPLE_URL = "/api/v1/people/"
SITE_SEARCH_URL = "/"
# Document frequency bands (share of verified quotes whose search document has the word).
COMMON, VERY_COMMON, MOST_COMMON = 0.01, 0.05, 0.2
RARE_MAX = 0.0001  # at most 100 quotes in a million
BASE_SEED = 20231220

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


def hash_word(word: str) -> str:
    import hashlib

    return hashlib.md5(word.encode()).hexdigest()
