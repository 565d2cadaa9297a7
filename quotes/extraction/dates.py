"""Resolve the relative date expressions news prose uses ('on Tuesday', 'Dec. 19').

Rules (all relative to the article date):

- a weekday name ('Tuesday', 'on Tuesday', 'Tuesday night') is the most recent such weekday
  on or before the article date; the article's own weekday is the article date itself;
  'last Tuesday' is the most recent such weekday strictly before the article date;
- 'today' / 'this morning' / 'tonight' is the article date, 'yesterday' the day before;
- 'last week' / 'last month' / 'recently' are too vague: they resolve to None (no guess);
- a month and day ('Dec. 19', 'December 19', '19 December'), with an optional year; without
  a year the article's year is used, or the year before when that would lie after the article.
"""

from __future__ import annotations

import datetime as dt
import re

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: A weekday's name, capitalized, as a regular expression group.
DAY_NAME = "(?:" + "|".join(day.capitalize() for day in WEEKDAYS) + ")"
#: A month's full name, capitalized, as a regular expression group.
MONTH_NAME = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

_MONTH_RE = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
MONTH_DAY_RE = re.compile(
    rf"\b{_MONTH_RE}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
)
DAY_MONTH_RE = re.compile(
    rf"\b(?P<day>\d{{1,2}})\s+{_MONTH_RE}\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
)
WEEKDAY_RE = re.compile(rf"\b(?P<last>last\s+)?(?P<weekday>{DAY_NAME})\b")
RELATIVE_RE = re.compile(
    r"\b(?P<word>today|tonight|this morning|this afternoon|this evening|yesterday|"
    r"last week|last month|last year|recently)\b",
    re.IGNORECASE,
)
#: What a date expression opens with (a cheap test before the sentence-by-sentence search).
_DATE_HINT_RE = re.compile(
    rf"\b{DAY_NAME}\b|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s*\d"
    r"|\d\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    rf"|{RELATIVE_RE.pattern}",
    re.IGNORECASE,
)


def may_hold_date(text: str) -> bool:
    """Could `text` hold a date expression that `find_date` resolves?"""
    return _DATE_HINT_RE.search(text) is not None


def resolve_weekday(name: str, article_date: dt.date, *, strictly_before: bool = False) -> dt.date:
    """The most recent `name` weekday on (or strictly before) the article date."""
    target = WEEKDAYS.index(name.lower())
    delta = (article_date.weekday() - target) % 7
    if strictly_before and delta == 0:
        delta = 7
    return article_date - dt.timedelta(days=delta)


def _month_day(match: re.Match[str], article_date: dt.date | None) -> dt.date | None:
    month = MONTHS[_month_key(match)]
    day = int(match.group("day"))
    year_text = match.group("year")
    if year_text:
        year = int(year_text)
    elif article_date is not None:
        year = article_date.year
    else:
        return None
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    if not year_text and article_date is not None and value > article_date:
        try:
            value = dt.date(year - 1, month, day)
        except ValueError:
            return None
    return value


def _month_key(match: re.Match[str]) -> str:
    word = match.group("month").lower()
    return "sept" if word.startswith("sept") else word[:3]


def find_date(text: str, article_date: dt.date | None) -> tuple[dt.date | None, bool]:
    """Resolve the first date expression in `text`.

    Returns (date, found): `found` is True when an expression was seen, even if it resolved to
    None (vague, like 'last week', or relative without an article date).
    """
    hits: list[tuple[int, dt.date | None]] = []
    for m in MONTH_DAY_RE.finditer(text):
        hits.append((m.start(), _month_day(m, article_date)))
    for m in DAY_MONTH_RE.finditer(text):
        hits.append((m.start(), _month_day(m, article_date)))
    for m in WEEKDAY_RE.finditer(text):
        value = None
        if article_date is not None:
            value = resolve_weekday(
                m.group("weekday"), article_date, strictly_before=bool(m.group("last"))
            )
        hits.append((m.start(), value))
    for m in RELATIVE_RE.finditer(text):
        word = m.group("word").lower()
        value = None
        if article_date is not None:
            if word in {"today", "tonight", "this morning", "this afternoon", "this evening"}:
                value = article_date
            elif word == "yesterday":
                value = article_date - dt.timedelta(days=1)
        hits.append((m.start(), value))
    if not hits:
        return None, False
    hits.sort(key=lambda h: h[0])
    return hits[0][1], True
