"""Speakers: who a source span names, whom a pronoun stands for, when and how they spoke.

Every attribution the rules find becomes a `Speaker` through `Speakers.add`, which resolves the
source against the gazetteer, gives a pronoun or a bare description ('he', 'the official') the
most recent compatible speaker, and reads the date and channel from the attribution's words.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from . import cues
from .candidate import Candidate, Span, Speaker
from .dates import find_date, may_hold_date
from .gazetteer import Gazetteer
from .words import is_capitalized, tokens

#: Only this many recent speakers can be antecedents (this also keeps long texts linear).
ANTECEDENT_WINDOW = 50
#: How far back in its paragraph an attribution looks for a date when it has none itself.
_DATE_LOOKBACK = 1000

Identity = tuple[str | None, str | None, bool]  # person key, organization key, is anonymous


def channel(text: str) -> str:
    """The channel that `text` names ('in a text exchange' -> text_message), or ''."""
    return next((name for name, rx in cues.CHANNEL_PATTERNS if rx.search(text)), "")


class Speakers:
    """The speakers of one text, in the order their attributions were found."""

    def __init__(self, text: str, article_date: dt.date | None, gazetteer: Gazetteer | None):
        self.text = text
        self.article_date = article_date
        self.gazetteer = gazetteer or Gazetteer()
        self.mentions = self.gazetteer.mentions(text) if self.gazetteer else []
        self.mention_starts = [start for start, _end, _key in self.mentions]
        self.found: list[Speaker] = []

    def add(
        self,
        source: tuple[int, int],
        cue: tuple[int, int],
        region: list[tuple[int, int]],
        paragraph_start: int,
        sentence_start: int | None = None,
    ) -> Speaker:
        """The speaker of an attribution: `region` holds its words (not the content), where the
        date and channel are read; without a date there, the paragraph's last one before the
        sentence (or the region) counts."""
        source, cue = Span(*source), Span(*cue)
        person, organization, anonymous, pronoun = self._identity(source)
        attribution = " ".join(self.text[a:b] for a, b in region)
        said_on, found = find_date(attribution, self.article_date)
        if not found:
            end = sentence_start if sentence_start is not None else min(a for a, _ in region)
            said_on = self._paragraph_date(paragraph_start, end)
        said_through = channel(attribution)
        if not said_through and cue.of(self.text).lower() in {"tweeted", "tweets"}:
            said_through = "social_media"
        speaker = Speaker(
            source, cue, person, organization, anonymous, said_on, said_through, pronoun
        )
        self.found.append(speaker)
        return speaker

    def of(self, candidate: Candidate) -> Speaker | None:
        """The (recent) speaker a candidate was emitted with."""
        for speaker in reversed(self.found[-ANTECEDENT_WINDOW:]):
            if speaker.emitted(candidate):
                return speaker
        return None

    def _identity(self, source: Span) -> tuple[str | None, str | None, bool, bool]:
        """(person_key, organization_key, is_anonymous, is_pronoun) for a source span."""
        span = source.of(self.text)
        low = span.lower().strip()
        words = tokens(span)
        definite_role = (
            len(words) <= 3
            and words[0].lower() in {"the", "this"}
            and words[-1].lower().strip(",") in cues.ROLE_NOUNS
            and not any(is_capitalized(w) for w in words[1:])
        )
        if low in cues.PRONOUNS or definite_role:
            antecedent = self._antecedent(source.start, low, words[-1].lower())
            if antecedent is not None:
                return *antecedent, True
            return None, None, definite_role, True
        person = self.gazetteer.resolve_person(span) if self.gazetteer else None
        organization = self.gazetteer.resolve_organization(span) if self.gazetteer else None
        return person, organization, _anonymous(words, person), False

    def _antecedent(self, before: int, pronoun: str, role: str) -> Identity | None:
        """The identity of the latest speaker (or, for a personal pronoun, known person
        mentioned) before `before` that `pronoun` (or 'the' + `role`) can stand for."""
        options: list[tuple[int, Identity]] = []
        for speaker in self.found[-ANTECEDENT_WINDOW:]:
            if speaker.source.start >= before:
                continue
            if (
                role in cues.ROLE_NOUNS
                and pronoun not in cues.PRONOUNS
                and role.rstrip("s") not in speaker.source.of(self.text).lower()
            ):
                continue
            if (
                pronoun in cues.PERSON_PRONOUNS
                and speaker.organization_key
                and not speaker.person_key
                and not speaker.is_anonymous
            ):
                continue
            identity = (speaker.person_key, speaker.organization_key, speaker.is_anonymous)
            options.append((speaker.source.start, identity))
        if pronoun in cues.PERSON_PRONOUNS:
            k = bisect.bisect_left(self.mention_starts, before)
            if k > 0:
                start, _end, key = self.mentions[k - 1]
                options.append((start, (key, None, False)))
        if not options:
            return None
        return max(options, key=lambda option: option[0])[1]

    def _paragraph_date(self, paragraph_start: int, end: int) -> dt.date | None:
        """The latest date expression of the paragraph before `end`, outside quotations."""
        if end <= paragraph_start:
            return None
        # The paragraph's last few sentences are enough (and keep long paragraphs linear).
        lead = self.text[max(paragraph_start, end - _DATE_LOOKBACK) : end]
        lead = re.sub(r"[“\"][^”\"]*[”\"]", " ", lead)
        if not may_hold_date(lead):
            return None
        latest = None
        for m in re.finditer(r"[^.]+", lead):
            value, found = find_date(m.group(0), self.article_date)
            if found:
                latest = value
        return latest


def _anonymous(words: list[str], person: str | None) -> bool:
    """Does a source without a known person name a role and no one ('a senior official')?"""
    if person:
        return False
    lows = [w.lower().strip(",.’'") for w in words]
    if not any(w in cues.ROLE_NOUNS for w in lows):
        return False
    # A name: two capitalised words in a row that are not a modifier of a role noun.
    run = 0
    for i, w in enumerate(words):
        if is_capitalized(w) and lows[i] not in cues.DETERMINERS:
            run += 1
            continue
        if run >= 2 and lows[i] not in cues.ROLE_NOUNS:
            return False
        run = 0
    return run < 2
