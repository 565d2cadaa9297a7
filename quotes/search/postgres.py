"""PostgreSQL full-text search over the stored, GIN-indexed ``Quote.search_document``.

It serves date-ordered searches, every search while the index is missing or being rebuilt,
and the highlights of every search page.

The document (built by a trigger, migration 0002) is ``to_tsvector('english',
immutable_unaccent(...))`` of the quote text (weight A), the speaker's names and aliases (B) and
the attribution (C). The query goes through the same ``immutable_unaccent`` and the English
configuration, in websearch syntax: ``"exact phrase"``, ``OR``, ``-exclusion``.

A hyphenated word and its joined spelling are one word ('cease-fire', 'ceasefire'): the document
also holds every hyphenated word joined (migration 0007) and the query joins its own, so either
spelling finds both. The parts still match on their own ('fire' finds 'cease-fire').
"""

import html
import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F, QuerySet, Value

from actors.name_search import ImmutableUnaccent

from .query import HYPHEN, HYPHEN_IN_WORD, HYPHENS

# ts_headline marks matches with these private-use characters; the text is then HTML-escaped
# and they become <mark> tags, so a quote containing markup cannot inject any.
_START, _STOP = "\ue000", "\ue001"
_MARKS = re.compile(f"([{_START}{_STOP}])")


_HYPHENATED_WORD = re.compile(rf"\b[^\W\d_]+(?:[{HYPHENS}][^\W\d_]+)+")
_QUERY_WORD = re.compile(r"[^\W\d_]+")


def _websearch(text: str) -> SearchQuery:
    return SearchQuery(ImmutableUnaccent(Value(text)), search_type="websearch", config="english")


def search_query(text: str) -> SearchQuery:
    return _websearch(HYPHEN_IN_WORD.sub("", text))


def _headline_query(text: str, quote_texts: list[str]) -> SearchQuery:
    """What ts_headline marks: the search, and the words as typed ('cease-fire' in a text
    saying 'cease-fire'), and the hyphenated words of these texts that a query word spells
    joined ('ceasefire' -> 'cease-fire'), which ts_headline cannot match by itself."""
    query = search_query(text)
    if HYPHEN_IN_WORD.search(text):
        query |= _websearch(text)
    typed = {word.casefold() for word in _QUERY_WORD.findall(text)}
    hyphenated = {
        word
        for quote_text in quote_texts
        if HYPHEN.search(quote_text)
        for word in _HYPHENATED_WORD.findall(quote_text)
        if HYPHEN.sub("", word).casefold() in typed
    }
    if hyphenated:
        query |= _websearch(" OR ".join(sorted(hyphenated)))
    return query


def search(queryset: QuerySet, text: str) -> QuerySet:
    """Quotes matching ``text``, annotated with ``search_rank`` (not ordered)."""
    query = search_query(text)
    return queryset.filter(search_document=query).annotate(
        search_rank=SearchRank(F("search_document"), query)
    )


def highlights(quote_texts: dict[int, str], text: str) -> dict[int, str]:
    """``{quote id: text with matches in <mark>}`` for these quotes (``{id: text}``) only, in
    one query. ts_headline is costly, so it runs on the rows of the page, never on every match.
    """
    from ..models import Quote

    if not quote_texts:
        return {}
    rows = (
        Quote.objects.filter(pk__in=list(quote_texts))
        .annotate(
            headline=SearchHeadline(
                ImmutableUnaccent(F("text")),
                _headline_query(text, list(quote_texts.values())),
                config="english",
                start_sel=_START,
                stop_sel=_STOP,
                highlight_all=True,
            )
        )
        .values_list("pk", "text", "headline")
    )
    return {pk: _marked(original, headline) for pk, original, headline in rows}


def _marked(original: str, headline: str) -> str:
    """Put the marks found on the unaccented text back onto the original text."""
    plain = headline.replace(_START, "").replace(_STOP, "")
    if len(plain) != len(original):  # unaccent changed the length: mark the folded text
        original = plain
    out, position = [], 0
    for piece in _MARKS.split(headline):
        if piece == _START:
            out.append("<mark>")
        elif piece == _STOP:
            out.append("</mark>")
        else:
            out.append(html.escape(original[position : position + len(piece)], quote=False))
            position += len(piece)
    return "".join(out)


def mark_page(rows: list, text: str) -> None:
    """Give each row of a page its ``highlight`` for the search ``text``: the key of a
    representation (a dict) or the attribute of a quote."""
    if not rows or not text:
        return
    lean = isinstance(rows[0], dict)
    texts = {row["id"]: row["text"] for row in rows} if lean else {q.pk: q.text for q in rows}
    marked = highlights(texts, text)
    for row in rows:
        if lean:
            row["highlight"] = marked.get(row["id"])
        else:
            row.highlight = marked.get(row.pk)
