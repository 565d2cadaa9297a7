"""What the extractor proposes (`Candidate`), and the spans and speakers it is built from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

Kind = str  # "direct" | "paraphrase" | "claim"


class Span(NamedTuple):
    """A stretch of the text, `text[start:end]`; a tuple, so `(start, end)` compares equal."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True)
class Candidate:
    text: str
    start: int
    end: int
    kind: Kind
    source_text: str
    source_start: int
    source_end: int
    cue: str
    cue_start: int
    cue_end: int
    person_key: str | None = None
    organization_key: str | None = None
    is_anonymous: bool = False
    said_on: dt.date | None = None
    channel: str = ""
    #: from 0.05 to 1: how likely the attribution is right (see `confidence`)
    confidence: float = 0.5


@dataclass(frozen=True)
class Speaker:
    """Who said something, where the text names them and with which cue, and what the
    attribution tells about the saying (when, through which channel)."""

    source: Span
    cue: Span
    person_key: str | None
    organization_key: str | None
    is_anonymous: bool
    said_on: dt.date | None
    channel: str
    #: the source is a pronoun or a bare description ('he', 'the official')
    pronoun: bool

    def emitted(self, candidate: Candidate) -> bool:
        """Was `candidate` emitted with this speaker (same source and cue)?"""
        return (self.source.start, self.cue.start) == (candidate.source_start, candidate.cue_start)
