"""The order of the stages: per paragraph, then per sentence, then over all candidates.

Per paragraph: a signature line or a speaker's label ('TAPPER: ...') is read whole; otherwise
its quotations and their speakers (`direct`), the quotations no rule attributed (the nearest
attributed quotation's speaker, or the previous paragraph's), then each sentence: relative
clauses and speech nouns (`clauses`); for a sentence its quotations used up, what continues
them (`continuation`); for the others, reported speech (`reported`). Last, over all candidates:
an attribution to a pronoun nested in another's reported content goes, one candidate is kept
per content span, and the confidence weighs what each candidate shows beside the others.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

from . import cues
from .attributions import (
    SIGNATURE_LINE_RE,
    attribution_before,
    fronted_attribution,
    subject_before,
)
from .candidate import Candidate, Span, Speaker
from .clauses import Clauses
from .continuation import Continuations
from .direct import DirectQuotes, all_quotation
from .document import Document
from .gazetteer import Gazetteer
from .reported import ReportedSpeech
from .text import Quote, find_quotes, paragraphs, sentences

EXTRACTOR_VERSION = "rules-1.10"

#: A 'sentence' longer than this is not prose and gets no reported-speech rules (this keeps the
#: extractor linear on long or malformed input: the API accepts 200,000 characters).
_MAX_SENTENCE = 2000


@dataclass
class _Carried:
    """What a paragraph leaves to the next one."""

    #: the speaker of a paragraph that ended in 'X said:', for a quote paragraph after it
    colon_speaker: Speaker | None = None
    #: the speaker of the reported speech the paragraph ended with, for a quote paragraph
    reported: Speaker | None = None
    #: the quotations of a paragraph of quotation alone that nothing attributed, for a
    #: signature line under them
    unattributed: list[Quote] = field(default_factory=list)


class Extractor:
    """Runs the stages over one text."""

    def __init__(self, text: str, article_date: dt.date | None, gazetteer: Gazetteer | None):
        self.doc = Document(text, article_date, gazetteer)
        self.text = self.doc.text
        self.reported = ReportedSpeech(self.doc)
        self.direct = DirectQuotes(self.doc, self.reported)
        self.clauses = Clauses(self.doc)
        self.continuations = Continuations(self.doc, self.reported)

    def run(self) -> list[Candidate]:
        spans = [Span(*p) for p in paragraphs(self.text)]
        carried = _Carried()
        for k, paragraph in enumerate(spans):
            next_paragraph = spans[k + 1] if k + 1 < len(spans) else None
            carried = self._paragraph(paragraph, next_paragraph, carried)
        found = self.doc.found
        found.sort(key=lambda c: (c.start, c.end))
        found = _one_per_content(_without_nested_pronoun_attributions(found))
        return self.doc.with_attribution_evidence(found)

    def _paragraph(
        self, paragraph: Span, next_paragraph: Span | None, carried: _Carried
    ) -> _Carried:
        """Read one paragraph; returns what it leaves to the next."""
        text = self.text
        if self.continuations.signed(paragraph, carried.unattributed):
            return _Carried(carried.colon_speaker, carried.reported)
        n_before = len(self.doc.found)
        if self.clauses.speaker_label(paragraph):
            return _Carried()
        quotes = find_quotes(text, *paragraph)
        sents = [Span(*s) for s in sentences(text, *paragraph, quotes)]
        used, assigned = self.direct.paragraph(paragraph, quotes, sents)
        unattributed = [q for q, speaker, _ in assigned if speaker is None]
        # a signature line under a paragraph of unattributed quotation names its speaker, not
        # the paragraphs before
        signed = (
            bool(unattributed)
            and len(unattributed) == len(assigned)
            and next_paragraph is not None
            and SIGNATURE_LINE_RE.fullmatch(text, *next_paragraph) is not None
        )
        borrowed: dict = {}
        if unattributed and not signed:
            assigned, borrowed = self.direct.fill_unattributed(
                paragraph, quotes, assigned, carried.colon_speaker
            )
        for q, speaker, prior in sorted(assigned, key=lambda a: a[0].open):
            if speaker is not None and q.open not in borrowed:
                content = (q.start, self.doc.quote_ends.get(q.open, q.end))
                self.doc.emit(content, "direct", speaker, prior)
        orphans = [q for q, speaker, _ in assigned if speaker is None]
        # a paragraph that is all quotation may go on with the previous one's content
        all_orphans = bool(orphans) and len(orphans) == len(assigned) and not signed
        reported = carried.reported if all_orphans else None
        if reported is not None:
            self.continuations.drop_colon_lead(reported, paragraph.start)
        left = _Carried()
        for sentence in sents:
            reported = self._sentence(
                sentence, paragraph, quotes, used, borrowed, orphans, reported, left
            )
        left.reported = reported
        if orphans and len(self.doc.found) == n_before and all_quotation(text, paragraph, quotes):
            left.unattributed = orphans
        return left

    def _sentence(
        self,
        sentence: Span,
        paragraph: Span,
        quotes: list[Quote],
        used: set[tuple[int, int]],
        borrowed: dict,
        orphans: list[Quote],
        reported: Speaker | None,
        left: _Carried,
    ) -> Speaker | None:
        """Read one sentence; returns the speaker of reported speech a following quotation may
        continue (and records in `left` a paragraph-ending 'X said:')."""
        short = sentence.end - sentence.start <= _MAX_SENTENCE
        if short:
            self.clauses.relative_clauses(sentence, paragraph.start, quotes)
            self.clauses.nominal_cues(sentence, paragraph.start, quotes)
        if sentence in used:
            self.continuations.emit_borrowed(sentence, borrowed, reported)
            reported = self.continuations.continue_reported(sentence, orphans, reported)
            self.continuations.participle_after_quote(sentence, paragraph.start, quotes)
            if short:
                self.continuations.reported_before_direct(sentence, paragraph.start)
            return reported
        n_before = len(self.doc.found)
        if short:
            self.reported.sentence(sentence, paragraph.start)
        if len(self.doc.found) == n_before:
            self.continuations.quotation_after_a_lead(sentence, paragraph.start, quotes)
        reported = self.continuations.reported_speaker(n_before)
        if (
            len(self.doc.found) == n_before
            and sentence.end == paragraph.end
            and self.text[sentence.end - 1] == ":"
        ):
            left.colon_speaker = self._colon_speaker(sentence, paragraph.start)
        return reported

    def _colon_speaker(self, sentence: Span, paragraph_start: int) -> Speaker | None:
        """'X said:', 'Stated X:', 'X released a statement:' ending a paragraph: the speaker of
        the quote paragraph after it."""
        text, (start, end) = self.text, sentence
        found = (
            attribution_before(text, start, end - 1)
            or fronted_attribution(text, start, end - 1)
            or subject_before(text, start, end, colon=True)
        )
        if not found:
            return None
        return self.doc.speakers.add(*found, [sentence], paragraph_start)


def _one_per_content(found: list[Candidate]) -> list[Candidate]:
    """One candidate per content span: two rules may reach the same words ('... what he said
    four years ago about Ruiz’s phrase “tax and spend.”'), and a curator needs one proposal;
    the more confident one stays, the first found on a tie."""
    best: dict[tuple[int, int], Candidate] = {}
    for c in found:
        kept = best.get((c.start, c.end))
        if kept is None or c.confidence > kept.confidence:
            best[c.start, c.end] = c
    return [c for c in found if best[c.start, c.end] is c]


def _without_nested_pronoun_attributions(found: list[Candidate]) -> list[Candidate]:
    """Drop reported speech whose cue and content lie inside another attribution's reported
    content and whose source is a pronoun ('Ruiz said the council ignored what she called a
    crisis', 'said his attacks on Chen would stop'): the reported speaker's own words, which
    PolNeAR leaves inside the outer attribution."""
    reported = sorted((c for c in found if c.kind != "direct"), key=lambda c: c.start)
    starts = [c.start for c in reported]
    # over the contents starting up to each one: the furthest end, its cue, and the furthest end
    # of a content with another cue (a content never encloses its own cue's other parts)
    reach: list[tuple[int, int, int]] = []
    furthest, furthest_cue, other_cues_furthest = -1, -1, -1
    for c in reported:
        if c.end > furthest:
            if c.cue_start != furthest_cue:
                other_cues_furthest = max(other_cues_furthest, furthest)
            furthest, furthest_cue = c.end, c.cue_start
        elif c.cue_start != furthest_cue:
            other_cues_furthest = max(other_cues_furthest, c.end)
        reach.append((furthest, furthest_cue, other_cues_furthest))

    def nested(c: Candidate) -> bool:
        i = bisect.bisect_right(starts, c.cue_start)
        if i == 0:
            return False
        far, far_cue, other = reach[i - 1]
        return (far >= c.end and far_cue != c.cue_start) or other >= c.end

    return [
        c
        for c in found
        if c.kind == "direct" or c.source_text.lower() not in cues.PRONOUNS or not nested(c)
    ]


def extract(
    text: str,
    article_date: dt.date | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[Candidate]:
    """Attribution candidates found in `text`, ordered by content offset."""
    if not text:
        return []
    return Extractor(text, article_date, gazetteer).run()
