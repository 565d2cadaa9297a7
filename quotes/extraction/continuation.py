"""Continuations: a sentence or a paragraph read against the attributions found before it.

An unattributed quotation goes on with the reported speech or the direct quote before it, the
participle clause after a direct quote's attribution is that speaker's ('“A,” X said, adding
that B'), and a signature line names the speaker of the quote paragraph above it.
"""

from __future__ import annotations

import re

from . import cues
from .attributions import PREPOSITION_WHICH, SIGNATURE_LINE_RE
from .candidate import Span, Speaker
from .confidence import Prior
from .content import content_start, participle_content_end, trim_content
from .direct import Assignment
from .document import Document
from .reported import COORDINATED_CUE_RE, PARTICIPLE_CLAUSE_RE, ReportedSpeech, content_end
from .text import QUOTE_CHARS, Quote
from .words import tokens

#: At most this many words before the quotation of an unattributed sentence that continues the
#: previous speaker ('For retirees, on the other hand, “...”').
_MAX_LEAD_WORDS = 8
#: Only a colon and the paragraph break between a candidate's end and the next paragraph.
_COLON_BEFORE_PARAGRAPH_RE = re.compile(r"\s*:\s*")
#: At most this many words lead from a cue to a quote paragraph ('the following statement').
_MAX_COLON_LEAD_WORDS = 6
#: A lead that opens with a preposition ('said about the new platform:', 'reported after the
#: raid:') tells what or when the quotation is about, however long; it is no reported content.
_PREPOSITION_LEAD_RE = re.compile(r"(?:about|of|on|in|at|after|before|during|over|following)\s")
#: A quotation right after a participle cue ('..., adding, “B.”', '..., saying: “B”').
_QUOTATION_AFTER_CUE_RE = re.compile(r"[\s,:]*[“\"]")
#: What joins a clause to the next one ('..., but', '... and', '... (', ', to which'): no part
#: of either.
_JOINING_TAIL_RE = re.compile(
    rf"[\s,;:(—–-]*(?:\b(?:and|but|or|while|whereas|so|{PREPOSITION_WHICH})\b[\s,]*)?$"
)


class Continuations:
    """The continuation rules over one document."""

    def __init__(self, doc: Document, reported: ReportedSpeech):
        self.doc = doc
        self.text = doc.text
        self.speakers = doc.speakers
        self.reported = reported

    def signed(self, paragraph: Span, unattributed: list[Quote]) -> bool:
        """'“We will win.”' then '- Ana Ruiz.': the signature line under a paragraph of
        unattributed quotation names its speaker. Is this paragraph such a line?"""
        signature = SIGNATURE_LINE_RE.fullmatch(self.text, *paragraph)
        if signature is None or not unattributed:
            return False
        source, cue = signature.span("name"), signature.span("dash")
        speaker = self.speakers.add(source, cue, [paragraph], paragraph.start)
        for q in unattributed:
            self.doc.emit((q.start, q.end), "direct", speaker, Prior.QUOTATION_SIGNED)
        return True

    def drop_colon_lead(self, speaker: Speaker, paragraph_start: int) -> None:
        """'Trump issued the following statement:' before a quote paragraph: a few words that
        end the previous paragraph at its colon only lead to the quotation, which is the
        content (direct), not reported speech of their own."""
        for c in self.doc.found[-3:]:
            if (
                c.kind != "direct"
                and speaker.emitted(c)
                and _COLON_BEFORE_PARAGRAPH_RE.fullmatch(self.text, c.end, paragraph_start)
                and (
                    len(tokens(c.text)) <= _MAX_COLON_LEAD_WORDS
                    or _PREPOSITION_LEAD_RE.match(self.text[c.cue_end : c.end].lstrip()) is not None
                )
            ):
                self.doc.found.remove(c)

    def reported_speaker(self, n_before: int) -> Speaker | None:
        """The speaker of the reported speech the sentence just gave (the candidates from
        `n_before` on), if any; content that opens with a partial quote ('“A” in B, she said.')
        counts, direct though it is."""
        if len(self.doc.found) == n_before:
            return None
        return self.speakers.of(max(self.doc.found[n_before:], key=lambda c: c.end))

    def emit_borrowed(
        self, sentence: Span, borrowed: dict[int, Assignment], reported: Speaker | None
    ) -> None:
        """Emit the unattributed quotations of a sentence that take another quotation's
        speaker; right after reported speech ('“A,” X said. X added that B. “C.”') they go on
        with that reported speech instead."""
        for opening, (q, speaker, prior) in borrowed.items():
            if sentence.start <= opening < sentence.end:
                content = (q.start, self.doc.quote_ends.get(q.open, q.end))
                if reported is not None:
                    self.doc.emit(content, "direct", reported, Prior.CONTINUATION)
                else:
                    self.doc.emit(content, "direct", speaker, prior)

    def continue_reported(
        self, sentence: Span, orphans: list[Quote], reported: Speaker | None
    ) -> Speaker | None:
        """'Still, the clubs are “just scratching out a profit,” he said. “It is a thin
        business.”': an unattributed quotation right after reported speech is the same speaker's,
        with the same source and cue (one attribution, as PolNeAR annotates it). Returns the
        speaker a further quotation sentence may continue."""
        own = [q for q in orphans if sentence.start <= q.open < sentence.end]
        if reported is None or not own:
            return None
        for q in own:
            self.doc.emit((q.start, q.end), "direct", reported, Prior.CONTINUATION)
        return reported

    def quotation_after_a_lead(
        self, sentence: Span, paragraph_start: int, quotes: list[Quote]
    ) -> None:
        """'“A,” Ruiz said. For retirees, on the other hand, “B.”': a sentence with no
        attribution of its own that ends in a quotation after a short lead continues the speaker
        of the direct quote right before it, lead and all."""
        text, (start, end) = self.text, sentence
        own = [q for q in quotes if start < q.open < end]
        if len(own) != 1 or own[0].close is None:
            return
        q = own[0]
        if text[q.close + 1 : end].strip(" .!?") or text[start] in QUOTE_CHARS:
            return
        lead = text[start : q.open]
        if len(tokens(lead)) > _MAX_LEAD_WORDS or cues.CUE_RE.search(lead):
            return
        before = [c for c in self.doc.found if paragraph_start <= c.start < start]
        if not before:
            return
        last = max(before, key=lambda c: c.end)
        if last.kind != "direct":
            return  # reported speech came in between ('... what he calls “lies.” Indeed, “...”')
        speaker = self.speakers.of(last)
        if speaker is not None:
            content = trim_content(text, start, end)
            self.doc.emit(content, "paraphrase", speaker, Prior.CONTINUATION)

    def participle_after_quote(
        self, sentence: Span, paragraph_start: int, quotes: list[Quote]
    ) -> None:
        """'“Nobody cares,” the aide said, adding that donors may balk.' (or '..., but added
        that ...'): an unquoted participle or coordinated cue clause after a direct quote's
        attribution is a new attribution of the quote's speaker."""
        text, (start, end) = self.text, sentence
        closes = [q.close for q in quotes if q.close is not None and start <= q.open < end]
        quoted = [c for c in self.doc.found if c.kind == "direct" and start <= c.start < end]
        if not closes or not quoted:
            return
        clause_end = content_end(text, start, end)
        found = [
            m
            for pattern in (PARTICIPLE_CLAUSE_RE, COORDINATED_CUE_RE)
            if (m := pattern.search(text, max(c.end for c in quoted) + 1, clause_end)) is not None
        ]
        if not found:
            return
        part = min(found, key=lambda m: m.start())
        if _QUOTATION_AFTER_CUE_RE.match(text, part.end(), clause_end):
            return  # '..., adding, “B.”' is a quotation of its own
        cue = part.span("cue")
        cue_word = part.group("cue").lower()
        lo = content_start(text, cue, cue_word, clause_end)
        content = trim_content(text, lo, participle_content_end(text, cue_word, lo, clause_end))
        if len(tokens(content.of(text))) >= 2:
            source = (quoted[-1].source_start, quoted[-1].source_end)
            speaker = self.speakers.add(source, cue, [(part.start(), lo)], paragraph_start, start)
            self.doc.emit(content, "paraphrase", speaker, Prior.REPORTED_CLAUSE)

    def reported_before_direct(self, sentence: Span, paragraph_start: int) -> None:
        """'Ruiz said the bridge is “a relic,” but she offered a plan: “...”': the clauses
        of a direct-quote sentence before the quote's attribution may hold reported speech of
        their own; none of it may overlap a direct quote."""
        text, start = self.text, sentence.start
        found = self.doc.found
        quoted = [c for c in found if c.kind == "direct" and start <= c.start < sentence.end]
        if not quoted:
            return
        lead_end = min(min(c.source_start, c.cue_start, c.start) for c in quoted)
        if lead_end <= start or not cues.CUE_RE.search(text, start, lead_end):
            return
        lead_end = _JOINING_TAIL_RE.search(text, start, lead_end).start()
        n_before = len(found)
        self.reported.sentence(Span(start, lead_end), paragraph_start)
        found[n_before:] = [
            c
            for c in found[n_before:]
            if not any(
                c.cue_start == q.cue_start or (c.start < q.end and q.start < c.end) for q in quoted
            )
        ]
