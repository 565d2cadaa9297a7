"""The Tantivy engine: a parsed ``q`` and the API's filters as one Tantivy query, BM25 ranked.

Each term of the query scores its matches in the text fields, each with its weight, so a
word found in the quote text outranks the same word in a name. Filters are indexed terms and
ranges that score nothing; a public search excludes drafts and retractions (a short list to
skip) rather than requiring "verified" (nearly every document).

Gunicorn workers each open the index read-only; ``open_engine`` follows the ``current`` link,
so a rebuilt index is picked up by the next search, and reloads the reader on every search
(a tenth of a millisecond), so a quote the writer committed is found at once. An index whose
writer has gone silent is not used: it would miss every change since.
"""

import time
from pathlib import Path

from tantivy import FieldType, Occur, Query

from . import query as websearch
from .engine import IndexFilters, SearchRequest
from .outbox import POSITION_FILE
from .tantivy_index import (
    SCHEMA,
    STATUS_CODES,
    TEXT_FIELDS,
    UNREVIEWED,
    WORD,
    IndexDirectory,
    day_number,
    indexed_form,
    open_index,
)

# More than a term's BM25 score in the names and the attribution together reaches (IDF at
# most about ln N, 13.8 at a million quotes, times a frequency factor below 2.2, weighted 0.4
# and 0.2: about 18), so a quote saying a word outranks every quote that only names it.
TEXT_MATCH_BONUS = 20.0


def positioned_tokens(text: str) -> list[tuple[int, str]]:
    """The indexed forms of ``text``'s words with their positions; a stop word leaves a gap,
    as it does in the document."""
    return [
        (position, token)
        for position, word in enumerate(WORD.findall(text))
        if (token := indexed_form(word)) is not None
    ]


def _field_match(name: str, tokens: list[tuple[int, str]]) -> Query:
    if len(tokens) == 1:
        match = Query.term_query(SCHEMA, name, tokens[0][1])
    else:
        match = Query.phrase_query(SCHEMA, name, tokens)
    return Query.boost_query(match, TEXT_FIELDS[name])


def term_query(term: websearch.Term) -> Query | None:
    """A word or phrase matched in any text field; None for stop words.

    The scores of the fields add up, as PostgreSQL's rank adds its weights: a word in the
    quote, in the speaker's name and in the attribution says more than one of them. The quote
    text counts once, in whichever spelling (``text`` or ``joined``) scores better, plus
    ``TEXT_MATCH_BONUS``: BM25 finds a word rare in names or attributions (an organization's)
    worth more than the same word common in quotes, and a journalist wants the quotes that
    say it first.
    """
    tokens = positioned_tokens(term.text)
    if not tokens:
        return None
    first = tokens[0][0]
    tokens = [(position - first, token) for position, token in tokens]
    quote_text = Query.disjunction_max_query(
        [_field_match("text", tokens), _field_match("joined", tokens)]
    )
    bonus = Query.const_score_query(quote_text, TEXT_MATCH_BONUS)
    others = [_field_match(name, tokens) for name in ("names", "attribution")]
    return Query.boolean_query([(Occur.Should, q) for q in (quote_text, bonus, *others)])


def text_query(text: str) -> Query:
    parsed = websearch.parse(text)
    clauses = []
    for group in parsed.required:
        alternatives = [q for term in group if (q := term_query(term)) is not None]
        if len(alternatives) == 1:
            clauses.append((Occur.Must, alternatives[0]))
        elif alternatives:
            either = Query.boolean_query([(Occur.Should, q) for q in alternatives])
            clauses.append((Occur.Must, either))
    excluded = [q for term in parsed.excluded if (q := term_query(term)) is not None]
    if not clauses:
        if not excluded:
            return Query.empty_query()
        clauses.append((Occur.Must, Query.all_query()))  # '-word' alone: all but those
    clauses.extend((Occur.MustNot, q) for q in excluded)
    return Query.boolean_query(clauses)


def _ids(name: str, values) -> Query:
    return Query.term_set_query(SCHEMA, name, list(values))


def _days(name: str, after, before) -> Query:
    return Query.range_query(
        SCHEMA,
        name,
        FieldType.Integer,
        None if after is None else day_number(after),
        None if before is None else day_number(before),
    )


def filter_queries(filters: IndexFilters) -> list[Query]:
    queries = []
    for name, values in (
        ("speaker", filters.speakers),
        ("organizations", filters.organizations),
        ("affiliation", filters.affiliations),
        ("article", filters.articles),
        ("publisher", filters.publishers),
        ("topics", filters.topics),
    ):
        if values is not None:
            queries.append(_ids(name, values) if values else Query.empty_query())
    for name, after, before in (
        ("said_on", filters.said_after, filters.said_before),
        ("published_on", filters.published_after, filters.published_before),
    ):
        if after is not None or before is not None:
            queries.append(_days(name, after, before))
    for name in ("kind", "channel", "language"):
        if (value := getattr(filters, name)) is not None:
            queries.append(Query.term_query(SCHEMA, name, value))
    for name in ("anonymous", "unattributed"):
        if (value := getattr(filters, name)) is not None:
            queries.append(Query.term_query(SCHEMA, name, value))
    if filters.status is not None:
        queries.append(Query.term_query(SCHEMA, "status", STATUS_CODES.get(filters.status, -1)))
    return queries


def search_query(request: SearchRequest) -> Query:
    clauses = [(Occur.Must, text_query(request.text))]
    clauses += [
        (Occur.Must, Query.const_score_query(q, 0.0)) for q in filter_queries(request.filters)
    ]
    if not request.include_unreviewed:
        clauses.append((Occur.MustNot, _ids("status", UNREVIEWED)))
    return Query.boolean_query(clauses)


class TantivyEngine:
    name = "tantivy"

    def __init__(self, path: Path):
        self.path = path
        self.index = open_index(path)

    def ranked_ids(self, request: SearchRequest, offset: int, limit: int) -> list[int]:
        if limit <= 0:
            return []
        self.index.reload()
        searcher = self.index.searcher()
        result = searcher.search(search_query(request), limit, count=False, offset=offset)
        addresses = [address for _score, address in result.hits]
        return searcher.fast_field_values("id", addresses) if addresses else []

    def count(self, request: SearchRequest) -> int:
        self.index.reload()
        return self.index.searcher().search(search_query(request), 1, count=True).count


_engines: dict[str, TantivyEngine] = {}
WRITER_SILENCE_LIMIT = 20 * 60  # seconds


def writer_is_silent(path: Path) -> bool:
    """Has the index writer not saved its position for longer than it ever waits? It saves
    after every change and at least every ten minutes: then it is not running, and the index
    falls behind the database."""
    try:
        return time.time() - (path / POSITION_FILE).stat().st_mtime > WRITER_SILENCE_LIMIT
    except OSError:
        return True


def open_engine(root, *, followed: bool = False) -> TantivyEngine | None:
    """The engine on ``root``'s current index, opened once per process and index; None when
    there is none, or (``followed``) when no writer keeps it current."""
    path = IndexDirectory(root).current()
    if path is None or (followed and writer_is_silent(path)):
        return None
    engine = _engines.get(str(root))
    if engine is None or engine.path != path:
        try:
            engine = TantivyEngine(path)
        except (OSError, ValueError):  # replaced or removed meanwhile
            return None
        _engines[str(root)] = engine
    return engine


__all__ = ["TantivyEngine", "open_engine", "search_query"]
