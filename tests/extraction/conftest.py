"""Fixtures for the pure-Python extraction tests (no database, no Django)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from quotes.extraction import Gazetteer

SEED = Path(__file__).parent / "data" / "nyt-2023-12-20-ceasefire-talks.txt"


@pytest.fixture
def seed_article() -> tuple[dt.date, str]:
    """(article date, body) of the seed article; the file opens with 'date YYYY-MM-DD'."""
    raw = SEED.read_text(encoding="utf-8")
    m = re.match(r"\s*date\s+(\d{4}-\d{2}-\d{2})\s*", raw)
    assert m, "the seed article starts with its date"
    return dt.date.fromisoformat(m.group(1)), raw[m.end() :]


@pytest.fixture
def gazetteer() -> Gazetteer:
    return Gazetteer(
        people={
            "basem-naim": ["Basem Naim"],
            "zaher-jabareen": ["Zaher Jabareen"],
            "benjamin-netanyahu": ["Benjamin Netanyahu", "Bibi"],
            "isaac-herzog": ["Isaac Herzog"],
            "joe-biden": ["Joe Biden", "Joseph R. Biden Jr."],
            "yoav-gallant": ["Yoav Gallant"],
        },
        organizations={
            "hamas": ["Hamas"],
            "idf": ["Israeli military", "Israel Defense Forces", "IDF"],
            "gaza-health-ministry": ["Gaza health authorities", "Gaza Health Ministry"],
        },
    )
