"""The text being read and what has been found in it: the state every stage shares.

`Document.emit` turns a rule's finding (content span, kind, speaker, the rule's prior) into a
`Candidate`; the edges every rule's content needs (a lead before a quotation, a stance's
occasion, an unpaired mark) are trimmed there, once.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from . import cues
from .attributions import NAMING_CUES
from .candidate import Candidate, Kind, Span, Speaker
from .confidence import attribution_evidence, confidence, evidence
from .content import (
    CHANNEL_TAIL_RE,
    OBJECT_CLAUSE_RE,
    OBJECT_TAIL_RE,
    QUOTE_NEXT_RE,
    THE_APPOSITION_RE,
    before_unpaired_mark,
    inside_quotation,
    quotation_close,
    skip_quote_lead,
)
from .dates import find_date
from .gazetteer import Gazetteer
from .phrases import NAME_ONLY_RE
from .speakers import Speakers, channel
from .text import QUOTE_CHARS, normalize_quotes


class Document:
    """One text: its raw and normalized forms, its speakers and the candidates found so far."""

    def __init__(self, raw: str, article_date: dt.date | None, gazetteer: Gazetteer | None):
        self.raw = raw
        #: what the rules read: same length as `raw`, so every offset holds in both
        self.text = normalize_quotes(raw.replace("\xa0", " "))
        self.article_date = article_date
        self.speakers = Speakers(self.text, article_date, gazetteer)
        self.found: list[Candidate] = []
        #: quotation opening mark -> end of the unquoted rest of its sentence, when the
        #: attributed content goes on after the closing mark
        self.quote_ends: dict[int, int] = {}
        #: id of each candidate emitted -> the candidate, its rule's prior and its own facts,
        #: for the confidence once all candidates are known (`with_attribution_evidence`); by
        #: id, as two rules may emit equal candidates with different priors; holding the
        #: candidate keeps a dropped one's id from being reused by another
        self._grounds: dict[int, tuple[Candidate, float, frozenset[str]]] = {}

    def emit(self, content: tuple[int, int], kind: Kind, speaker: Speaker, prior: float) -> None:
        """Propose `content` as said by `speaker`, once its edges are trimmed (or nothing, when
        the content turns out to be a name or a title)."""
        edges = self._edges(Span(*content), kind, speaker)
        if edges is None:
            return
        span, kind = edges
        # A lead skipped before a quotation ('said on Tuesday in a text exchange, “...”') tells
        # when and how it was said, when the attribution did not.
        lead = self.text[content[0] : span.start]
        said_on, dated = find_date(lead, self.article_date)
        facts = evidence(self.text, span, kind, speaker.source, speaker.cue, speaker.pronoun)
        candidate = Candidate(
            text=span.of(self.raw),
            start=span.start,
            end=span.end,
            kind=kind,
            source_text=speaker.source.of(self.raw),
            source_start=speaker.source.start,
            source_end=speaker.source.end,
            cue=speaker.cue.of(self.raw),
            cue_start=speaker.cue.start,
            cue_end=speaker.cue.end,
            person_key=speaker.person_key,
            organization_key=speaker.organization_key,
            is_anonymous=speaker.is_anonymous,
            said_on=said_on if dated else speaker.said_on,
            channel=speaker.channel or channel(lead),
            confidence=confidence(prior, facts),
        )
        self._grounds[id(candidate)] = (candidate, prior, facts)
        self.found.append(candidate)

    def _edges(self, content: Span, kind: Kind, speaker: Speaker) -> tuple[Span, Kind] | None:
        """The content's span and kind once trimmed, or None when it is no content."""
        text = self.text
        # only a lead between the cue and the quotation is the attribution's; before a quotation
        # attributed after it ('In this race, “A,” said X') it is reported content with it
        start, end = skip_quote_lead(text, *content) if speaker.cue.start < content[0] else content
        if end <= start:
            return None
        cue_word = speaker.cue.of(text).lower()
        if cue_word in NAMING_CUES and QUOTE_NEXT_RE.fullmatch(text, speaker.cue.end, start + 1):
            return None  # 'a show called “Brokers”', 'the reality show “The Apprentice”': a name
        if text[start] in QUOTE_CHARS and not re.search(
            r"\bthat\s*$", text[max(0, start - 6) : start]
        ):
            # Content that opens with a quotation ('“the next president” should choose') is
            # a (mixed) direct quote; after 'that' it is reported speech (PolNeAR keeps the
            # 'that' in such content).
            kind = "direct"
            start, end = inside_quotation(text, start, quotation_close(text, start, end))
        elif cue_word in {"called", "calls"} and NAME_ONLY_RE.fullmatch(text, start, end):
            return None  # 'a group called Black Votes Matter', 'Obama called Ana Ruiz.'
        elif cue_word in cues.OBJECT_CONTENT_CUES:
            end = self._stance_object_end(start, end)
        if kind != "direct":
            # the occasion closing reported content is the attribution's, not what was said
            occasion = CHANNEL_TAIL_RE.search(text, start, end)
            if occasion is not None and occasion.end() == end and occasion.start() > start:
                end = occasion.start()
            end = before_unpaired_mark(text, start, end)
        return Span(start, end), kind

    def _stance_object_end(self, start: int, end: int) -> int:
        """Whichever rule found it, a stance's object stops where its time or occasion starts
        ('endorsed Cruz last week'), and before the narrator's apposition ('railed against the
        pact, the trade deal he once backed')."""
        tail = OBJECT_TAIL_RE.search(self.text, start, end)
        if tail is not None and tail.start() > start:
            end = tail.start()
        apposition = THE_APPOSITION_RE.search(self.text, start, end)
        if (
            apposition is not None
            and not OBJECT_CLAUSE_RE.search(self.text, start, apposition.start())
            and "," not in self.text[apposition.end() : end]
        ):
            end = apposition.start()
        return end

    def with_attribution_evidence(self, found: list[Candidate]) -> list[Candidate]:
        """`found`, each candidate's confidence also weighing what it shows beside the others
        (`attribution_evidence`): how many quotations its attribution has, an overlap."""
        rescored = []
        for candidate, shared in zip(found, attribution_evidence(found), strict=True):
            if shared:
                _, prior, facts = self._grounds[id(candidate)]
                candidate = replace(candidate, confidence=confidence(prior, facts | shared))
            rescored.append(candidate)
        return rescored
