"""Quote search: a Tantivy index proposes, PostgreSQL decides.

- ``engine``: what an engine does (rank ids for a query and filters), and which one serves.
- ``tantivy_index``, ``tantivy_engine``: the Tantivy index and its queries.
- ``outbox``, ``indexer``: how the index follows the database (one writer per node).
- ``postgres``: full-text search in PostgreSQL, for date-ordered searches and every search
  while the index is missing or being rebuilt.
- ``pages``: a page of ranked results, its rows read from PostgreSQL.
- ``highlights``: the matched words of a page's quotes in ``<mark>``, whichever engine found them.
"""

from .engine import IndexFilters, SearchRequest, current_engine
from .highlights import mark_page
from .pages import Ranking, ranked_page
from .postgres import search, search_query

__all__ = [
    "IndexFilters",
    "Ranking",
    "SearchRequest",
    "current_engine",
    "mark_page",
    "ranked_page",
    "search",
    "search_query",
]
