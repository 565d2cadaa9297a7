"""Quote search: a Tantivy index proposes, PostgreSQL decides.

- ``engine``: what an engine does (rank ids for a query and filters), and which one serves.
- ``tantivy_index``, ``tantivy_engine``: the Tantivy index and its queries.
- ``outbox``, ``indexer``: how the index follows the database (one writer per node).
- ``postgres``: full-text search in PostgreSQL, for date-ordered searches, highlights, and
  every search while the index is missing or being rebuilt.
- ``pages``: a page of ranked results, its rows read from PostgreSQL.
"""

from .engine import IndexFilters, SearchRequest, current_engine
from .pages import Ranking, ranked_page
from .postgres import highlights, mark_page, search, search_query

__all__ = [
    "IndexFilters",
    "Ranking",
    "SearchRequest",
    "current_engine",
    "highlights",
    "mark_page",
    "ranked_page",
    "search",
    "search_query",
]
