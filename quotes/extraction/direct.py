"""Direct quotes: the quotations of a paragraph and who said them.

`DirectQuotes.paragraph` walks the quotations sentence by sentence. Where a quotation stands
in its sentence decides how it is read (`placements`, tried in order): alone, between dashes or
in parentheses with its attribution, after a colon, resuming after its attribution, after an
opening participle, or after an attribution before it; a quotation that stands alone then takes
the attribution after it ('“...,” X said.'). Quotations no rule attributes take the speaker of
another quotation of the paragraph, or of the paragraph before (`fill_unattributed`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from . import cues
from .attributions import (
    Attribution,
    attribution_before,
    attribution_before_participle,
    bare_attribution,
    closing_attribution,
    completed_quote,
    fronted_attribution,
    in_the_words_of,
    opening_participle,
    presented_source,
    programme_title,
    subject_before,
    trailing_participle,
)
from .candidate import Span, Speaker
from .confidence import Prior
from .content import closed_quotation, trim_content
from .dates import DAY_NAME
from .document import Document
from .phrases import is_intro, strip_leading
from .reported import ReportedSpeech
from .text import QUOTE_CHARS, Quote
from .words import DASH_RE, tokens

#: At most this many characters (say, '” the mayor said on Tuesday.') between a direct quote and
#: a bare quote paragraph that continues it.
_QUOTE_PARAGRAPH_GAP = 150
#: ... and at most this many since the cue of the last attribution.
_QUOTE_PARAGRAPH_CUE_GAP = 1500
#: The prior of a quotation no rule has attributed yet.
_NO_PRIOR = 0.0

_CONNECTIVE_PREFIX_RE = re.compile(
    r"\s*(?:And|But|Then|Later|Still|Now|So|Also|Yet|Finally|Instead|However|Again|Plus)"
    r"[\s,:;—–-]*$"
)
_DASH_BEFORE_RE = re.compile(r"\s(?:-|—|–|--)\s*$")
#: A participle cue alone between two quotations ('“A,” adding, “B”').
_ONLY_PARTICIPLE_RE = re.compile(rf"\s*,?\s*{cues.PARTICIPLE_RE.pattern}[\s,:]*")
#: The end of an attribution clause where the quotation resumes ('” said X, “', '” X said, and “').
_RESUMING_PREFIX_RE = re.compile(r"(?:[,:.—–]|,?\s+and)\s*$")
#: The start of a sentence up to a comma before its mid-sentence attribution ('The plan, ').
_LEAD_BEFORE_SOURCE_RE = re.compile(r"([^“”\"«»„.;!?,]+),\s*")
#: When the quotation was said ('“Thank you!” on Friday afternoon.'), not what.
_DATE_TAIL_RE = re.compile(
    rf"\s+(?:on|last|this|early|late|earlier|later)\s+(?:{DAY_NAME}|week|month|year|morning|"
    r"afternoon|evening|night)\b[\w\s]{0,20}?[.!?]?\s*"
)

#: A quotation, the speaker it was given (None: not yet) and the prior of that attribution.
Assignment = tuple[Quote, Speaker | None, float]


@dataclass
class _Sentence:
    """A sentence whose quotations are being read, and what its earlier quotations left."""

    span: Span
    paragraph_start: int
    #: where the next quotation's prefix starts: the sentence's start, then after a quotation
    cursor: int
    #: the speaker of the sentence's quotations so far
    speaker: Speaker | None = None
    #: quotations waiting for an attribution later in the sentence ('“A.” “B,” X said.')
    pending: list[Quote] = field(default_factory=list)
    #: every quotation stands alone: the sentence needs no reported-speech rules
    standalone_all: bool = True
    #: the sentence around its quotation is read for reported speech as well
    aside: bool = False
    #: where the last quotation's trailing attribution clause ended
    after_to: int = -1


@dataclass
class _Quotation:
    """One quotation of a sentence: the text before it, where it and its tail end."""

    quote: Quote
    prefix: str
    end: int
    #: the tail after the quotation, where its attribution may be, ends here
    tail_end: int
    standalone: bool = False
    speaker: Speaker | None = None


def all_quotation(text: str, paragraph: Span, quotes: list[Quote]) -> bool:
    """Is the paragraph quotation and punctuation only?"""
    outside = paragraph.of(text)
    for q in quotes:
        outside = outside.replace(text[q.open : (q.close + 1 if q.close else paragraph.end)], " ")
    return not outside.strip(" .,;:!?—–-")


def nearest_speaker(q: Quote, known: list[tuple[Quote, Speaker]]) -> Speaker | None:
    """An unattributed quotation continues the closest attributed one before it ('“A,” X said.
    “B,” Y said. “C.”': C is Y's), or the first one after it."""
    before = [speaker for k, speaker in known if k.open < q.open]
    if before:
        return before[-1]
    return known[0][1] if known else None


class DirectQuotes:
    """The direct-quote rules over one document."""

    def __init__(self, doc: Document, reported: ReportedSpeech):
        self.doc = doc
        self.text = doc.text
        self.speakers = doc.speakers
        self.reported = reported
        #: how a quotation stands in its sentence, tried in order until one applies
        self.placements = (
            self._stands_alone,
            self._between_dashes,
            self._in_parentheses,
            self._after_colon,
            self._resumes_after_attribution,
            self._after_opening_participle,
            self._after_attribution,
        )

    def paragraph(
        self, paragraph: Span, quotes: list[Quote], sentences: list[tuple[int, int]]
    ) -> tuple[set[tuple[int, int]], list[Assignment]]:
        """The quotations of one paragraph: (the sentences they use up, each quotation with its
        speaker, or None, and the prior)."""
        used: set[tuple[int, int]] = set()
        opens = [q.open for q in quotes]
        assigned: list[Assignment] = []
        # 'Dianne Bystrom agreed.' right before a quotation sentence, and that sentence
        announced, announcing = None, None
        for start, end in sentences:
            own = quotes[bisect.bisect_left(opens, start) : bisect.bisect_left(opens, end)]
            if not own:
                announcing = Span(start, end)
                announced = bare_attribution(self.text, announcing)
                continue
            sentence = _Sentence(Span(start, end), paragraph.start, cursor=start)
            for i, q in enumerate(own):
                next_open = own[i + 1].open if i + 1 < len(own) else end
                self._quotation(sentence, q, next_open, paragraph, assigned)
            if sentence.pending and announced is not None and sentence.pending[0] is own[0]:
                sentence.speaker = self._speaker(sentence, announced, [announcing])
                used.add(announcing)
            prior = Prior.QUOTATION_ANNOUNCED if sentence.speaker else _NO_PRIOR
            assigned.extend((q, sentence.speaker, prior) for q in sentence.pending)
            if (sentence.standalone_all or sentence.speaker is not None) and not sentence.aside:
                used.add((start, end))
            announced = None
        return used, assigned

    def _quotation(
        self,
        sentence: _Sentence,
        q: Quote,
        next_open: int,
        paragraph: Span,
        assigned: list[Assignment],
    ) -> None:
        if programme_title(self.text, q):
            sentence.standalone_all = False  # the sentence is read for reported speech
            return
        end = (q.close + 1) if q.close is not None else paragraph.end
        prefix = self.text[sentence.cursor : q.open]
        quotation = _Quotation(q, prefix, end, tail_end=min(next_open, sentence.span.end))
        for placement in self.placements:
            if placement(sentence, quotation):
                break
        if not quotation.standalone or not self._attributed_after(sentence, quotation):
            sentence.standalone_all = False
            sentence.cursor = quotation.end
            return
        self._extend_to_sentence_end(sentence, quotation)
        speaker = quotation.speaker
        if speaker is not None:
            sentence.speaker = speaker
            assigned.extend((p, speaker, Prior.QUOTATION_OF_NEIGHBOUR) for p in sentence.pending)
            sentence.pending = []
            assigned.append((q, speaker, Prior.QUOTATION_ATTRIBUTED))
        elif sentence.speaker is not None:
            assigned.append((q, sentence.speaker, Prior.QUOTATION_OF_SENTENCE_SPEAKER))
        else:
            sentence.pending.append(q)
        sentence.cursor = quotation.end

    def _speaker(
        self, sentence: _Sentence, found: Attribution, region: list[tuple[int, int]]
    ) -> Speaker:
        return self.speakers.add(*found, region, sentence.paragraph_start)

    # ---- how a quotation stands in its sentence, in order -------------------------------
    def _stands_alone(self, sentence: _Sentence, quotation: _Quotation) -> bool:
        """'“We won.”', 'Then, “I try to explain it to them.”', '(“We won,” he said.)'"""
        prefix = quotation.prefix
        if prefix.strip(" ,:;—–-(") and not _CONNECTIVE_PREFIX_RE.match(prefix):
            return False
        quotation.standalone = True
        return True

    def _between_dashes(self, sentence: _Sentence, quotation: _Quotation) -> bool:
        """'She called the plan unserious - “We need details,” she said - and left.': the
        sentence around the attributed quotation is read for reported speech as well."""
        if not (
            _DASH_BEFORE_RE.search(quotation.prefix)
            and DASH_RE.search(self.text, quotation.end, quotation.tail_end)
        ):
            return False
        quotation.standalone = sentence.aside = True
        return True

    def _in_parentheses(self, sentence: _Sentence, quotation: _Quotation) -> bool:
        """'The plan drew anger (“I want my dues back,” wrote Ana Ruiz, a nurse), and ...': the
        narrator's aside holds the quotation and its attribution."""
        q = quotation.quote
        if not quotation.prefix.rstrip().endswith("("):
            return False
        paren = self.text.find(")", quotation.end, quotation.tail_end)
        if paren <= 0:
            return False
        inside = closing_attribution(self.text, q, "", quotation.end, paren)
        if inside is None:
            return False
        quotation.standalone = True
        sentence.after_to = quotation.tail_end = paren
        region = [(sentence.span.start, q.open), (quotation.end, paren)]
        quotation.speaker = self._speaker(sentence, inside, region)
        return True

    def _after_colon(self, sentence: _Sentence, quotation: _Quotation) -> bool:
        """'X said: “A.”', 'More from the report: “A.”', 'Ruiz praised the plan: “A.”' (unless
        the quotation's own attribution follows it: '“A,” her aide said')."""
        text, q, cursor = self.text, quotation.quote, sentence.cursor
        if not quotation.prefix.rstrip().endswith(":") or text[cursor : q.open].strip().endswith(
            tuple(cues.CUE_VERBS)
        ):
            return False
        quotation.standalone = True
        found = (
            attribution_before(text, cursor, q.open)
            or fronted_attribution(text, cursor, q.open)
            or presented_source(text, cursor, q.open)
        )
        if found is None and not closing_attribution(
            text, q, quotation.prefix, quotation.end, quotation.tail_end
        ):
            found = subject_before(text, cursor, q.open, colon=True)
        region = [(sentence.span.start, q.open)]
        if found:
            quotation.speaker = self._speaker(sentence, found, region)
        elif sentence.speaker is not None:
            # '“A,” said X, explaining that B: “C”': C is a new attribution of X's
            colon = text.rindex(":", cursor, q.open)
            found = (sentence.speaker.source, Span(colon, colon + 1))
            quotation.speaker = self._speaker(sentence, found, region)
        return True

    def _resumes_after_attribution(self, sentence: _Sentence, quotation: _Quotation) -> bool:
        """'“The risk,” said X, an economist, “is that ...”' (or '“A,” she said, and “B”'): the
        quotation resumes and keeps its speaker; after '..., adding,' (also 'She said, “A,”
        adding, “B”') it is a new attribution of that speaker."""
        prefix, q = quotation.prefix, quotation.quote
        if sentence.speaker is None or not (
            (sentence.after_to == q.open and _RESUMING_PREFIX_RE.search(prefix))
            or _ONLY_PARTICIPLE_RE.fullmatch(prefix)
        ):
            return False
        quotation.standalone = True
        participle = trailing_participle(self.text, sentence.cursor, q.open)
        if participle is not None:
            found = (sentence.speaker.source, participle)
            quotation.speaker = self._speaker(sentence, found, [(sentence.span.start, q.open)])
        return True

    def _after_opening_participle(self, sentence: _Sentence, quotation: _Quotation) -> bool:
        """'Citing “family obligations,” the aide told reporters ...': the main clause after the
        quotation is its attribution, and is read for reported speech as well."""
        start, end = sentence.span
        if sentence.cursor != start:
            return False
        opening = opening_participle(self.text, sentence.span, quotation.quote, quotation.end)
        if not opening:
            return False
        quotation.standalone = sentence.aside = True
        sentence.after_to = end
        region = [(start, quotation.quote.open), (quotation.end, end)]
        quotation.speaker = self._speaker(sentence, opening, region)
        return True

    def _after_attribution(self, sentence: _Sentence, quotation: _Quotation) -> bool:
        """'X said, “A.”', 'X criticized Y, saying, “A”', 'Said X, a nurse, “A”', 'in the words
        of X, “A”'; without any, the quotation does not stand alone."""
        text, q, cursor, start = self.text, quotation.quote, sentence.cursor, sentence.span.start
        found = (
            attribution_before(text, cursor, q.open)
            or subject_before(text, cursor, q.open)
            or fronted_attribution(text, cursor, q.open)
            or in_the_words_of(text, cursor, q.open)
        )
        if not found:
            return True
        quotation.standalone = True
        source, cue = found
        quotation.speaker = self._speaker(sentence, found, [(start, q.open)])
        if cursor == start:
            self._sentence_lead(start, source.start, q, quotation.speaker)
        if cursor == start and attribution_before_participle(text, start, cue.start):
            # 'The plant closed, the mayor said, adding, “...”': the clause before is the
            # mayor's reported speech
            self.reported.main_clause(Span(start, cue.start), sentence.paragraph_start)
        return True

    # ---- after the quotation ------------------------------------------------------------
    def _attributed_after(self, sentence: _Sentence, quotation: _Quotation) -> bool:
        """Give a quotation with no speaker yet the attribution after it ('“A,” she said.'),
        and tell whether it still stands alone: a quotation followed by a continuation that is
        no attribution is not direct ('“Dead on arrival” is how he put it')."""
        text, q, end, tail_end = self.text, quotation.quote, quotation.end, quotation.tail_end
        if quotation.speaker is not None or q.close is None or tail_end <= end:
            return True
        after = closing_attribution(text, q, quotation.prefix, end, tail_end)
        if after is not None:
            region = [(sentence.span.start, q.open), (end, tail_end)]
            quotation.speaker = self._speaker(sentence, after, region)
            sentence.after_to = tail_end
        elif sentence.cursor == sentence.span.start and completed_quote(
            text, quotation.prefix, end, tail_end, sentence.span.end
        ):
            # '“The data are clear” on this point.': the speaker's clause goes on after the
            # quotation, which still stands alone
            self.doc.quote_ends[q.open] = trim_content(text, end, sentence.span.end)[1]
        elif text[end:tail_end].strip(" .,;:!?—–-") and not re.match(
            r"\s*[,;:.—–-]", text[end:tail_end]
        ):
            return False
        return True

    def _extend_to_sentence_end(self, sentence: _Sentence, quotation: _Quotation) -> None:
        """'... says “it’s a two-man race” between Cruz and Trump.': the sentence goes on after
        the quotation; the attributed content runs to its end (unless what follows is the
        quotation's own attribution clause)."""
        q, sentence_end = quotation.quote, sentence.span.end
        if (
            quotation.speaker is None
            or q.close is None
            or quotation.tail_end != sentence_end
            or sentence.after_to == sentence_end
        ):
            return
        inner_end = self.text[q.start : q.end].rstrip("’'‘ ")
        tail = self.text[quotation.end : sentence_end]
        if (
            re.match(r"\s+[a-z]", tail)
            and not closed_quotation(inner_end, tail)
            and not _DATE_TAIL_RE.fullmatch(tail)
            and not cues.CUE_RE.search(tail)
            and not any(c in QUOTE_CHARS for c in tail)
            and len(tokens(tail)) <= 15
        ):
            self.doc.quote_ends[q.open] = trim_content(self.text, quotation.end, sentence_end)[1]

    def _sentence_lead(self, start: int, source_start: int, q: Quote, speaker: Speaker) -> None:
        """'The new rule, she said, “will cost jobs.”': a quotation in lower case finishes the
        sentence its speaker began before the attribution, so that beginning is the same
        attribution's (reported) content; after an introductory phrase ('Still, she said,
        “we ...”', 'In June, ...') it is not."""
        text = self.text
        if not text[q.start : q.start + 1].islower():
            return
        if text[speaker.source.end : speaker.cue.start].strip():
            return  # 'Minutes later, she sent an email saying, “done”': no parenthetical 'X said'
        lead = _LEAD_BEFORE_SOURCE_RE.fullmatch(text, start, source_start)
        if lead is None:
            return
        lead_start, lead_end = strip_leading(text, start, lead.end(1))
        if lead_end <= lead_start or is_intro(text, lead_start, lead_end):
            return
        self.doc.emit((lead_start, lead_end), "paraphrase", speaker, Prior.REPORTED_CLAUSE)

    # ---- quotations no rule attributed --------------------------------------------------
    def fill_unattributed(
        self,
        paragraph: Span,
        quotes: list[Quote],
        assigned: list[Assignment],
        colon_speaker: Speaker | None,
    ) -> tuple[list[Assignment], dict[int, Assignment]]:
        """Give the quotations no rule attributed a speaker: the nearest attributed quotation's
        of the paragraph, or the speaker of a previous paragraph that ended in 'X said:'
        (`colon_speaker`), or, in a paragraph of quotation alone, the last direct quote's.
        Returns the assignments and, by opening mark, those that borrowed a quotation's
        speaker (emitted with their sentence, which may continue reported speech instead)."""
        known = [(q, speaker) for q, speaker, _ in assigned if speaker is not None]
        fill: Speaker | None = None
        prior = _NO_PRIOR
        if known:
            prior = Prior.QUOTATION_OF_NEIGHBOUR
        elif colon_speaker is not None:
            fill, prior = colon_speaker, Prior.QUOTATION_OF_NEIGHBOUR
        elif (
            all_quotation(self.text, paragraph, quotes)
            and self.speakers.found
            and self._last_direct_quote_recent(paragraph.start)
        ):
            fill, prior = self._last_direct_speaker(), Prior.QUOTATION_CONTINUED
        borrowed: dict[int, Assignment] = {}
        for q, speaker, _ in assigned:
            near = nearest_speaker(q, known) if speaker is None else None
            if near is not None:
                borrowed[q.open] = (q, near, prior)
        filled = [
            (q, speaker or nearest_speaker(q, known) or fill, rule_prior or prior)
            for q, speaker, rule_prior in assigned
        ]
        return filled, borrowed

    def _last_direct_quote_recent(self, paragraph_start: int) -> bool:
        """The previous speaker counts for a bare quote paragraph if a direct quote (and its
        attribution clause) just ended before it; after more narration the quotation may be
        anyone's."""
        last = self.speakers.found[-1]
        direct = [c for c in self.doc.found[-3:] if c.kind == "direct"]
        if not direct:
            return False
        gap = paragraph_start - max(c.end for c in direct)
        return (
            paragraph_start - last.cue.end < _QUOTE_PARAGRAPH_CUE_GAP and gap < _QUOTE_PARAGRAPH_GAP
        )

    def _last_direct_speaker(self) -> Speaker:
        """The speaker of the latest direct quote: a bare quote paragraph continues that
        quotation, not a participle clause ('..., referring to X') that followed it."""
        # The same recent window as _last_direct_quote_recent, which found a direct quote in it
        # (and which keeps long texts linear).
        last = max((c for c in self.doc.found[-3:] if c.kind == "direct"), key=lambda c: c.end)
        return self.speakers.of(last) or self.speakers.found[-1]
