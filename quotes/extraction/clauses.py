"""Attributions outside a sentence's main clause: relative clauses ('X, who predicted A,'),
speech nouns ('her promise to A') and speaker labels ('TAPPER: ...'), read in every sentence or
paragraph, quotations or not.
"""

from __future__ import annotations

import re

from . import cues
from .attributions import NOT_SPEAKER_LABELS
from .candidate import Span
from .confidence import Prior
from .content import QUOTE_NEXT_RE, content_start, trim_content
from .document import Document
from .phrases import antecedent_np
from .reported import clause_cue, content_end
from .text import QUOTE_CHARS, Quote
from .words import TOKEN_RE, VERBISH, tokens

_RELATIVE_CUE_RE = re.compile(
    rf",\s+(?:who|which)\s+(?:{cues.CUE_MODIFIER_PATTERN}\s+)*{cues.CUE_RE.pattern}"
)
_OBJECT_RELATIVE_RE = re.compile(
    r"\b(?:which|what)\s+(?P<src>he|she|they|we|I|critics|officials|aides|experts)\s+"
    rf"(?:{cues.CUE_MODIFIER_PATTERN}\s+)*{cues.CUE_RE.pattern}"
)
#: A speech noun after its possessor: 'his promise to build', 'Trump's attacks on'.
_NOMINAL_CUE_RE = re.compile(
    r"(?P<src>\b(?:[Tt]he\s+)?(?:[A-Z][\w.’'-]*\s+){0,3}[\w.-]+[’']s|\b(?:[Hh]is|[Hh]er|[Tt]heir))\s+"
    r"(?:[a-z]+\s+)?(?P<cue>attacks|criticism|promise|pledge)\s+(?P<prep>to|of|on)\b"
)
_NOMINAL_NOUN_RE = re.compile(r"\b(?:attacks|criticism|promise|pledge)\s+(?:to|of|on)\b")
#: A nominal cue's complement ends at a comma or dash, or before the sentence's main verb.
_NOMINAL_END_RE = re.compile(
    r"[,;:(]|\s(?:-|—|–|--)\s|\s(?:is|are|was|were|has|have|had|will|would|could|should|may|"
    r"might|can|did|does|do)\s"
)

#: A body paragraph 'Name: ...' this short is a subhead unless it is among transcript turns.
_MAX_SUBHEAD_WORDS = 5
_SPACE_RE = re.compile(r"\s*")
_SPEAKER_COLON_RE = re.compile(r"([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4}):\s+(?=\S)")
_SENTENCE_BREAK_RE = re.compile(r"[.!?][\"”’']*\s+[“\"A-Z]")


class Clauses:
    """The rules for attributions outside a main clause, over one document."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.text = doc.text
        self.speakers = doc.speakers

    def relative_clauses(self, sentence: Span, paragraph_start: int, quotes: list[Quote]) -> None:
        """'..., said Ana Borges, who predicted a record turnout.': a relative clause with a cue
        of its own attributes its content to the noun phrase it hangs on; in '..., which critics
        say will hurt riders' (or 'what she called a rigged process') the clause's own subject
        is the source."""
        text = self.text
        start = sentence.start
        end = content_end(text, *sentence)
        for m in _RELATIVE_CUE_RE.finditer(text, start, end):
            if _in_quotation(m, quotes, sentence.end) or not clause_cue(m):
                continue
            source = antecedent_np(text, start, m.start())
            if source is None:
                continue
            cue = m.span("cue")
            lo = content_start(text, cue, m.group("cue").lower(), end)
            comma = text.find(",", lo, end)
            if (
                comma > 0
                and QUOTE_NEXT_RE.match(text, comma + 1)
                and not any(c in QUOTE_CHARS for c in text[lo:comma])
            ):
                continue  # '..., who declared in Ohio, “...”' introduces a direct quote
            content = trim_content(text, lo, comma if comma > 0 else end)
            if not tokens(content.of(text)):
                continue
            speaker = self.speakers.add(source, cue, [(m.start(), lo)], paragraph_start, start)
            self.doc.emit(content, "paraphrase", speaker, Prior.REPORTED_SUBORDINATE)
        cued = {c.cue_start for c in self.doc.found}
        for m in _OBJECT_RELATIVE_RE.finditer(text, start, end):
            # 'a drawdown, which they say left a vacuum'
            cue = m.span("cue")
            if cue[0] in cued or _in_quotation(m, quotes, sentence.end):
                continue
            comma = text.find(",", cue[1], end)
            content = trim_content(text, cue[1], comma if comma > 0 else end)
            if not tokens(content.of(text)):
                continue
            region = [(m.start(), cue[1])]
            speaker = self.speakers.add(m.span("src"), cue, region, paragraph_start, start)
            self.doc.emit(content, "paraphrase", speaker, Prior.REPORTED_EMBEDDED)

    def nominal_cues(self, sentence: Span, paragraph_start: int, quotes: list[Quote]) -> None:
        """'his promise to build a wall', 'Trump's attacks on the judge': a speech noun with its
        possessor attributes its complement to the possessor."""
        text = self.text
        start = sentence.start
        if not _NOMINAL_NOUN_RE.search(text, start, sentence.end):
            return  # (a cheap test first: the possessor pattern is slow to scan for)
        end = content_end(text, *sentence)
        for m in _NOMINAL_CUE_RE.finditer(text, start, end):
            if _in_quotation(m, quotes, sentence.end):
                continue
            # 'to' opens the content ('to build a wall'); 'on'/'of' only lead to it
            lo = m.end("cue") if m.group("prep") == "to" else m.end()
            stop = _NOMINAL_END_RE.search(text, m.end(), end)
            stop_at = stop.start() if stop else end
            # or before the sentence's main verb: 'her promise to cut taxes won her the race'
            later = list(TOKEN_RE.finditer(text, m.end(), stop_at))[2:]
            verb = next((w for w in later if w.group(0) in VERBISH), None)
            content = trim_content(text, lo, verb.start() if verb else stop_at)
            if not tokens(content.of(text)):
                continue
            source = m.span("src")
            if text[source[1] - 2 : source[1]] in ("'s", "’s"):
                source = (source[0], source[1] - 2)
            cue = m.span("cue")
            speaker = self.speakers.add(source, cue, [(m.start(), lo)], paragraph_start, start)
            self.doc.emit(content, "paraphrase", speaker, Prior.REPORTED_EMBEDDED)

    def speaker_label(self, paragraph: Span) -> bool:
        """'Rubio: I’m Not Interested In Being Vice President' (a headline) or 'TAPPER: ...'
        (a transcript turn): the name before the colon said what follows it. A paragraph of
        several sentences after a label that is not a transcript's capitals is a section
        ('Superdelegates: Clinton is backed by ... “A,” Devine said.'), read as any other."""
        text = self.text
        start, end = paragraph
        m = _SPEAKER_COLON_RE.match(text, start, end)
        if m is None or m.group(1).split()[0].lower() in NOT_SPEAKER_LABELS:
            return False
        if not m.group(1).isupper() and _SENTENCE_BREAK_RE.search(text, m.end(), end):
            return False
        content = trim_content(text, m.end(), end)
        n_words = len(tokens(content.of(text)))
        if n_words < 2:
            return False
        if start > 0 and n_words <= _MAX_SUBHEAD_WORDS and not self._next_to_a_turn(paragraph):
            return False  # a subhead in the body ('Rubio: Finish second.'), not a turn
        cue = (m.end(1), m.end(1) + 1)
        speaker = self.speakers.add(m.span(1), cue, [(start, m.end())], start)
        self.doc.emit(content, "paraphrase", speaker, Prior.SPEAKER_LABEL)
        return True

    def _next_to_a_turn(self, paragraph: Span) -> bool:
        """Is the paragraph before or after this one also a 'Name: ...' turn (a transcript)?"""
        text = self.text
        after = _SPACE_RE.match(text, paragraph.end).end()
        end_before = paragraph.start
        while end_before > 0 and text[end_before - 1].isspace():
            end_before -= 1
        before = text.rfind("\n", 0, end_before) + 1
        return any(
            _SPEAKER_COLON_RE.match(text, lo) is not None
            for lo in (after, before)
            if lo != paragraph.start
        )


def _in_quotation(m: re.Match[str], quotes: list[Quote], sentence_end: int) -> bool:
    return any(q.open < m.start() < (q.close or sentence_end) for q in quotes)
