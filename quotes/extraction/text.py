"""Segmentation helpers: paragraphs, quotation spans and quote-aware sentences (with offsets)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .cues import INVERTABLE_CUES, QUOTATION_CUES

OPENING_QUOTES = "“«„"
CLOSING_QUOTES = "”»"
QUOTE_CHARS = frozenset('“”"«»„')


def wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: Abbreviations that precede a name or a date ('Sen. Warren', 'Jan. 5'): they never end a
#: sentence.
NAME_ABBREVIATIONS = wordset(
    """
    mr mrs ms dr sen rep gov gen lt col sgt capt cmdr adm maj st prof rev vs jan feb mar apr
    jun jul aug sep sept oct nov dec
    """
)
#: Tokens ending in a dot that do not end a sentence, unless one of the others ('in the U.S.')
#: comes before a sentence opener.
ABBREVIATIONS = NAME_ABBREVIATIONS | wordset(
    """
    jr sr inc corp co ltd no etc ave blvd calif fla mass penn pa ill ind ky la md mich minn
    miss mo neb nev okla ore tenn tex va wash wis wyo ariz ark colo conn del ga kan n.h n.j n.m
    n.y n.c n.d s.c s.d r.i d.c u.s u.n u.k e.u a.m p.m ft mt
    """
)


@dataclass(frozen=True)
class Quote:
    """A quotation: `open` is the index of the opening mark, `close` of the closing one (or None
    when the quote runs on to the end of the paragraph, as multi-paragraph quotes do)."""

    open: int
    close: int | None
    start: int  # content start (after the mark, whitespace trimmed)
    end: int  # content end (before the closing mark, whitespace trimmed)


_DOUBLE_APOSTROPHE_OPEN_RE = re.compile(r"(?<![^\s(\[—–:-])''(?=[^\s'])")
_SPACED_CLOSE_RE = re.compile(r"(?<=[,.?!]) ''(?=\s|$)")


def normalize_quotes(text: str) -> str:
    """Same-length copy of `text` with the ASCII quotation convention ``''...''`` (two
    apostrophes, common in wire and NYT archives) turned into straight double quotes: an
    opening pair becomes ' "' and a closing pair '" ', so every offset stays valid."""
    if "''" not in text:
        return text
    text = _DOUBLE_APOSTROPHE_OPEN_RE.sub(' "', text)
    # The closing pair is the last two of three apostrophes (an inner quotation closes first:
    # "the word 'old-school,'''"), and one after a stray space ("coalitions, '' said") closes
    # the quotation where the space is.
    text = text.replace("'''", "'\" ")
    text = _SPACED_CLOSE_RE.sub('"  ', text)
    return text.replace("''", '" ')


#: Invisible direction and byte-order marks that pasted text may carry around a paragraph.
_FORMAT_CHARS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\ufeff")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as (start, end) spans, surrounding whitespace and invisible format marks
    (a left-to-right embedding before '”We won”') trimmed."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        start, end = m.start(), m.end()
        while start < end and (text[start].isspace() or text[start] in _FORMAT_CHARS):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in _FORMAT_CHARS):
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_quotes(text: str, start: int, end: int) -> list[Quote]:
    """Quotations inside text[start:end] (one paragraph), for straight and curly marks."""
    quotes: list[Quote] = []
    open_at: int | None = None
    nested = False  # inside a curly quotation within a straight one
    for i in range(start, end):
        c = text[i]
        if c not in QUOTE_CHARS:
            continue
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        if nested:
            nested = False
            if c == "”":
                continue
        if open_at is None:
            if c in OPENING_QUOTES or (
                c == '"'
                and (i == start or prev.isspace() or prev in "([{—–-:/")
                and not (nxt.isspace())
            ):
                open_at = i
            elif c == "”" and (i == start or (prev.isspace() and not nxt.isspace())):
                open_at = i  # a mis-typed opening mark (always so where the paragraph opens)
        elif text[open_at] == '"' and c == "“" and i > open_at + 1:
            # '"He is not about “law” anymore."': a curly quotation nested in a straight one
            # (right after the straight mark, '"“We won,”', the straight mark is a stray one)
            nested = True
        else:
            closes = (
                c in CLOSING_QUOTES
                or (c in '"“' and not prev.isspace())
                # '... a flight to quality,' " he said.': a spaced mark after a nested quote;
                # '... what does that mean? " Clinton asked': a stray space before the mark
                or (c == '"' and prev.isspace() and (nxt.isspace() or nxt in ",."))
            )
            if closes:
                s, e = _trim(text, open_at + 1, i)
                quotes.append(Quote(open_at, i, s, e))
                open_at = None
            else:
                open_at = i  # unbalanced: restart from the newer opening mark
    if open_at is not None:
        s, e = _trim(text, open_at + 1, end)
        if e > s:
            quotes.append(Quote(open_at, None, s, e))
    return quotes


_SPEECH_ALT = "|".join(sorted(INVERTABLE_CUES, key=len, reverse=True))
#: '“A.” Later, Brafman said ...' starts a new sentence: an introductory word is no name; so
#: does '“A.” He added: “B.”', whose colon points at the next quotation.
_ATTRIBUTION_AHEAD_RE = re.compile(
    r"(?!(?:[A-Z][a-z]+ly|Later|Earlier|Then|Now|Still|However|Meanwhile|Afterward|Instead),)"
    rf"(?:(?:{_SPEECH_ALT})\b"
    rf"|(?:[A-Z][\w.’'-]*,?\s+){{1,4}}(?:also\s+)?(?:{_SPEECH_ALT})\b"
    rf"|(?:he|she|they)\s+(?:{_SPEECH_ALT})\b)(?!\s*:)"
)
#: A sentence end; also a closing curly mark glued to the next sentence ('... I love Ohio!”Former
#: governor ...'), a typo that would make the next sentence the quotation's attribution.
_BOUNDARY_RE = re.compile(r"[.!?]+[\"”’'»)\]]*(?=\s|$)|[.!?]+[”»](?=[A-Z])")


#: After a quotation closed by a full stop, an attribution belongs to it only when it ends
#: the sentence ('“We won.” Trump said on Tuesday.'); '“A.” He said B was C.' is a new sentence.
_MAX_CLOSING_ATTRIBUTION_WORDS = 4


#: '“Would it be negotiable?” Hannity pressed.': after a question or an exclamation, a name or
#: pronoun and a verb in the past (or a verb that introduces quotations: '“Right?” she went
#: on.') that ends the sentence attribute the quotation, whatever the verb (the extractor reads
#: any such verb after a quotation that closed its clause).
_VERB_AHEAD_RE = re.compile(
    r"(?:(?:[A-Z][\w.’'-]*\s+){1,4}|(?:he|she|they)\s+)"
    rf"(?:[a-z]+ed|{'|'.join(sorted(QUOTATION_CUES, key=len, reverse=True))})"
    r"(?=\s*[.,]|\s+[a-z]+ly\b)"
)


def _attribution_ahead(text: str, punct: int, nxt: int, end: int) -> bool:
    ahead = min(end, nxt + 80)
    m = _ATTRIBUTION_AHEAD_RE.match(text, nxt, ahead)
    if m is None:
        return text[punct] in "?!" and _VERB_AHEAD_RE.match(text, nxt, ahead) is not None
    if text[punct] != ".":
        return True
    stop = _BOUNDARY_RE.search(text, m.end(), end)
    rest = text[m.end() : stop.start() if stop else end]
    return len(rest.split()) <= _MAX_CLOSING_ATTRIBUTION_WORDS and not rest.lstrip().startswith(
        ("that ", "“", '"')
    )


#: Words that open a sentence rather than go on with a name: after 'in the U.S.' or '7 p.m.' the
#: abbreviation's dot also ends the sentence.
_SENTENCE_OPENERS = wordset(
    """
    He She They It We I But And Yet So The This That These Those There Still Meanwhile However
    His Her Their Its Our
    """
)


def _is_abbreviation(text: str, dot: int, para_start: int, nxt: int) -> bool:
    j = dot
    while j > para_start and (text[j - 1].isalnum() or text[j - 1] == "."):
        j -= 1
    token = text[j:dot].lower()
    if not token:
        return False
    if token == "no":
        return text[nxt : nxt + 1].isdigit()  # 'No. 2', not 'shook his head no.'
    if token in ABBREVIATIONS:
        word = re.match(r"[A-Za-z]+", text[nxt : nxt + 20])
        opens = word is not None and word.group(0) in _SENTENCE_OPENERS
        return token in NAME_ABBREVIATIONS or not opens
    return len(token) == 1 and token.isalpha()  # an initial: 'John F. Kennedy'


def sentences(text: str, start: int, end: int, quotes: list[Quote]) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph; punctuation inside a quotation only ends a sentence when
    the quotation closes right after it ('... we are pushing.” Next sentence')."""
    inside = [(q.open, q.close if q.close is not None else end) for q in quotes]
    opens = [span[0] for span in inside]  # quotations are disjoint and in order
    out: list[tuple[int, int]] = []
    cur = start
    for m in _BOUNDARY_RE.finditer(text, start, end):
        punct = m.start()
        stop = m.end()
        k = bisect.bisect_left(opens, punct) - 1
        quote = inside[k] if k >= 0 and inside[k][0] < punct < inside[k][1] else None
        if quote is not None and not (quote[1] < stop):
            continue  # still inside the quotation
        nxt = stop
        while nxt < end and text[nxt].isspace():
            nxt += 1
        if nxt < end:
            ch = text[nxt]
            if not (ch.isupper() or ch.isdigit() or ch in QUOTE_CHARS or ch in "‘'(—"):
                continue
        if text[punct] == "." and stop == punct + 1 and _is_abbreviation(text, punct, start, nxt):
            continue
        if quote is not None and _attribution_ahead(text, punct, nxt, end):
            continue  # '“Who knows?” Trump told ITV.': the attribution belongs to the quote
        s, e = _trim(text, cur, stop)
        if e > s:
            out.append((s, e))
        cur = stop
    s, e = _trim(text, cur, end)
    if e > s:
        out.append((s, e))
    return out
