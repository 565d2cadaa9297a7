"""PostgreSQL full-text search over the stored, GIN-indexed ``Quote.search_document``.

It serves date-ordered searches and every search while the index is missing or being
rebuilt.

The document (built by a trigger, migration 0002) is ``to_tsvector('english',
immutable_unaccent(...))`` of the quote text (weight A), the speaker's names and aliases (B) and
the attribution (C). The query goes through the same ``immutable_unaccent`` and the English
configuration, in websearch syntax: ``"exact phrase"``, ``OR``, ``-exclusion``.

A hyphenated word and its joined spelling are one word ('cease-fire', 'ceasefire'): the document
also holds every hyphenated word joined (migration 0007) and the query joins its own, so either
spelling finds both. The parts still match on their own ('fire' finds 'cease-fire').
"""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, QuerySet, Value

from actors.name_search import ImmutableUnaccent

from .query import HYPHEN_IN_WORD


def search_query(text: str) -> SearchQuery:
    joined = HYPHEN_IN_WORD.sub("", text)
    return SearchQuery(ImmutableUnaccent(Value(joined)), search_type="websearch", config="english")


def search(queryset: QuerySet, text: str) -> QuerySet:
    """Quotes matching ``text``, annotated with ``search_rank`` (not ordered)."""
    query = search_query(text)
    return queryset.filter(search_document=query).annotate(
        search_rank=SearchRank(F("search_document"), query)
    )
