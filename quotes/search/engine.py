"""What a search engine does for whosaid: propose quote ids in rank order.

An engine answers ``ranked_ids(request, offset, limit)``: the ids of the quotes matching the
request's words and narrowing filters, best first, and ``count(request)``: how many. It never
decides what is shown: the page's rows are read from PostgreSQL with the request's visibility
rules (``pages.ranked_page``), so an engine a second behind can propose a quote that was just
retracted, never show it.

The Tantivy index (``tantivy_engine``) is the engine here; a hosted engine (OpenSearch) would
be another class with these methods, fed by the same outbox (README, "Search beyond one machine").
``current_engine()`` returns None while no usable index exists: then search runs on
PostgreSQL (``postgres``), slower, never wrong.
"""

import datetime
from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings


@dataclass(frozen=True)
class IndexFilters:
    """Narrowing filters an engine applies itself. None: no filter on that field; an empty
    list: nothing can match (an unknown slug)."""

    speakers: list[int] | None = None
    organizations: list[int] | None = None  # the role's, the speaking or the source body
    affiliations: list[int] | None = None
    articles: list[int] | None = None
    publishers: list[int] | None = None
    topics: list[int] | None = None
    said_after: datetime.date | None = None
    said_before: datetime.date | None = None
    published_after: datetime.date | None = None
    published_before: datetime.date | None = None
    kind: str | None = None
    channel: str | None = None
    anonymous: bool | None = None
    unattributed: bool | None = None
    language: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class SearchRequest:
    text: str
    filters: IndexFilters = field(default_factory=IndexFilters)
    include_unreviewed: bool = False  # drafts and retractions, for staff


class SearchEngine(Protocol):
    name: str

    def ranked_ids(self, request: SearchRequest, offset: int, limit: int) -> list[int]: ...

    def count(self, request: SearchRequest) -> int:
        """How many quotes match: the engine's count, which may include quotes changed in the
        last second that PostgreSQL would no longer show."""
        ...


def current_engine() -> SearchEngine | None:
    """The index of this node when it is built, readable and kept current by its writer;
    None means PostgreSQL."""
    if settings.SEARCH_ENGINE != "tantivy":
        return None
    from .tantivy_engine import open_engine

    return open_engine(settings.SEARCH_INDEX_DIR, followed=True)


def status() -> str:
    """For ``/healthz``: ``index`` when searches use the index, else ``fallback``."""
    return "index" if current_engine() is not None else "fallback"
