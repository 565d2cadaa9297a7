"""Highlights: a quote's text, HTML-escaped, with the words a search matched in ``<mark>``.

Built in Python with the index's own analysis (``tantivy_index.indexed_form``: case, accents,
stop words, English stems), whichever engine found the quote: a word is marked when its
indexed form is one the search asked for ('hostage' marks 'Hostages'), and both parts of a
hyphenated word when its joined spelling is ('ceasefire' marks 'cease-fire', as the index
finds it). Excluded words are not marked. No query: a page costs no database time for them.
"""

import html
import re

from .query import HYPHEN, parse
from .tantivy_index import HYPHENATED_WORD, WORD, indexed_form

# A hyphenated word first, so that its joined spelling can be compared, else a single word.
_WORD_OR_HYPHENATED = re.compile(f"(?P<hyphenated>{HYPHENATED_WORD.pattern})|{WORD.pattern}")


def searched_forms(text: str) -> frozenset[str]:
    """The indexed forms of the words a search ``text`` requires or accepts."""
    return frozenset(
        form
        for group in parse(text).required
        for term in group
        for word in WORD.findall(term.text)
        if (form := indexed_form(word)) is not None
    )


def _mark(word: str) -> str:
    return f"<mark>{html.escape(word, quote=False)}</mark>"


def _marked_words(words: str, forms: frozenset[str]) -> str:
    """A run of text holding no hyphenated word: its matching words marked."""
    out, position = [], 0
    for match in WORD.finditer(words):
        if indexed_form(match.group()) in forms:
            out.append(html.escape(words[position : match.start()], quote=False))
            out.append(_mark(match.group()))
            position = match.end()
    out.append(html.escape(words[position:], quote=False))
    return "".join(out)


def highlight(quote_text: str, forms: frozenset[str]) -> str:
    """``quote_text`` escaped, the words whose indexed form is in ``forms`` marked."""
    out, position = [], 0
    for match in _WORD_OR_HYPHENATED.finditer(quote_text):
        word = match.group()
        if match.lastgroup is None:
            if indexed_form(word) not in forms:
                continue
            marked = _mark(word)
        elif indexed_form(HYPHEN.sub("", word)) in forms:
            marked = "".join(
                piece if HYPHEN.fullmatch(piece) else _mark(piece)
                for piece in re.split(f"({HYPHEN.pattern})", word)
            )
        else:
            marked = _marked_words(word, forms)
        out.append(html.escape(quote_text[position : match.start()], quote=False))
        out.append(marked)
        position = match.end()
    out.append(html.escape(quote_text[position:], quote=False))
    return "".join(out)


def mark_page(rows: list, text: str) -> None:
    """Give each row of a page its ``highlight`` for the search ``text``: the key of a
    representation (a dict) or the attribute of a quote."""
    if not rows or not text:
        return
    forms = searched_forms(text)
    for row in rows:
        if isinstance(row, dict):
            row["highlight"] = highlight(row["text"], forms)
        else:
            row.highlight = highlight(row.text, forms)
