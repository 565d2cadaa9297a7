"""A page of search results ranked by the engine, its rows read from PostgreSQL.

The engine proposes ids best first; the rows are read by id from the request's queryset,
which carries its visibility rules and filters (not the text search: the index matched the
words), so a quote the index still holds but the reader may no longer see (retracted,
deleted, moved out of the filter) is skipped and the page is filled from further down the
ranking. Positions count the engine's ranking, skipped ids included, so a cursor names the
same place however many were skipped. The API's pagination and the journalists' site both
call ``ranked_page``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet

from .engine import SearchEngine, SearchRequest

# Ids asked of the engine beyond those a page needs, in case a few are skipped.
SPARE = 5


def model_rows(queryset: QuerySet, ids: list[int]) -> dict:
    """The quotes among ``ids`` that ``queryset`` holds, as model instances, by id."""
    return {row.pk: row for row in queryset.filter(pk__in=ids)}


@dataclass(frozen=True)
class Ranking:
    engine: SearchEngine
    request: SearchRequest
    # The quotes the reader may see under the request's filters, whatever their words.
    shown: QuerySet
    # How the page's rows are read: ``(queryset, ids) -> {id: row}`` of the ids the queryset
    # holds (the API passes ``quotes.representations.list_rows``).
    rows: Callable[[QuerySet, list[int]], dict] = model_rows

    def page(self, position: int, size: int, limit: int) -> "RankedPage":
        return ranked_page(self, position, size, limit)

    def count(self) -> int:
        return self.engine.count(self.request)


@dataclass
class RankedPage:
    rows: list
    next_position: int | None  # where the following page starts; None: this is the last


def ranked_page(ranking: Ranking, position: int, size: int, limit: int) -> RankedPage:
    """Up to ``size`` rows from ``position`` of the ranking, which stops at ``limit``."""
    rows: list = []
    ends: list[int] = []  # the position after each row
    exhausted = False
    while len(rows) <= size and position < limit and not exhausted:
        wanted = min(size + 1 - len(rows) + SPARE, limit - position)
        ids = ranking.engine.ranked_ids(ranking.request, position, wanted)
        exhausted = len(ids) < wanted
        found = ranking.rows(ranking.shown, ids) if ids else {}
        for pk in ids:
            position += 1
            if pk in found:
                rows.append(found[pk])
                ends.append(position)
                if len(rows) > size:
                    break
    return RankedPage(rows[:size], ends[size - 1] if len(rows) > size else None)
