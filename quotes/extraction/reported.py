"""Reported speech: the attributions of a sentence outside quotations.

A sentence is read by `ReportedSpeech.sentence`: an absolute clause ('..., with 47 percent of
voters saying A') or a participle clause ('..., saying A') gives its own attribution, then the
main clause is tried against `MAIN_CLAUSE_RULES` in order, the first that attributes it winning.
A content clause ends before a coordinated clause with a cue of its own, which is read in turn.
Relative clauses ('X, who predicted A, ...') and speech nouns ('her promise to A') are read in
every sentence, quotations or not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from . import cues
from .attributions import NAMING_CUES
from .candidate import Span, Speaker
from .confidence import Prior
from .content import (
    QUOTE_NEXT_RE,
    content_start,
    object_end,
    participle_content_end,
    short_object,
    tail_cut,
    trim_content,
)
from .dates import DAY_NAME
from .document import Document
from .phrases import (
    CLAUSE_COMMA_RE,
    embedded_subject,
    in_subordinate_clause,
    is_intro,
    is_relative,
    np_ok,
    reference_ok,
    source_after,
    source_before,
    strip_leading,
    subject,
)
from .text import QUOTE_CHARS, wordset
from .words import (
    DASH_RE,
    VERBISH,
    has_verb,
    is_capitalized,
    is_title_case,
    open_quotation,
    tokens,
    verbish,
)

#: How deep clauses are read inside clauses (coordinated, participle, subordinate ones).
_MAX_DEPTH = 3

_ACCORDING_TO_OPENING_RE = re.compile(r"\W*(?:[A-Z][\w’']*,?\s+)?(according to)\s+", re.IGNORECASE)
_ACCORDING_TO_CLOSING_RE = re.compile(r",[”\"’']*\s*(according to)\s+", re.IGNORECASE)
#: 'In a new poll, ...', 'In a report released Sunday, ...': a document as the source.
_IN_SOURCE_RE = re.compile(
    r"\W*(?P<cue>In)\s+(?P<src>(?:(?:a|an|the|his|her|their|its|this|that|recent|new|latest)\s+)+"
    r"[^,]{0,60}?\b(?:[Pp]oll|[Ss]urvey|report|memo|op-ed|column|filing|study|analysis|editorial|"
    r"book|memoir|affidavit|complaint|lawsuit|ruling|audit|review)s?"
    # and its date or author ('released Sunday', 'conducted by Gallup')
    r"(?:\s+(?:released|conducted|published|taken|out)\b[^,]{0,60})?)\s*,\s+(?!.*:\s*$)"
)
#: A participle clause after a comma: '..., saying that ...', '..., before adding that ...'.
PARTICIPLE_CLAUSE_RE = re.compile(
    rf",[”\"’']*\s+(?:(?:also|then|later|again|before|while|after|when|without)\s+)?"
    rf"(?:(?-i:{cues.LY_ADVERB_RE.pattern})\s+)?(?:{cues.PARTICIPLE_RE.pattern})"
)
#: An absolute clause with its own subject: '..., with 47 percent of voters saying ...'.
_WITH_PARTICIPLE_RE = re.compile(
    rf"\bwith\s+(?P<src>[^,;:“\"]{{1,80}}?)\s+(?:{cues.PARTICIPLE_RE.pattern})"
)
#: '... and says', '... and again pledged': a cue coordinated with an earlier predicate.
_COORDINATED_BEFORE_RE = re.compile(rf"\s(?:and|but)\s+(?:{cues.CUE_MODIFIER_PATTERN}\s+)*$")
#: '..., and urged', '..., but added': a cue coordinated with the clause before it.
COORDINATED_CUE_RE = re.compile(
    rf"(?:,\s*|\s+)(?:and|but|before)\s+(?:then\s+|also\s+)?(?:{cues.CUE_RE.pattern})"
)
_COORDINATION_RE = re.compile(
    r"(?:,\s*|\s+)(?:and|but|while|whereas|although|though)\s+(?=\S)"
    r"|;\s+|,\s+(?=[A-Z]|he |she |they )"
)
#: A quotation inside a sentence: a cue in it is the quoted speaker's.
QUOTED_RE = re.compile(r"[“\"][^“”\"]*[”\"]")
#: An answer is content on its own ('75 percent of Democrats said yes').
_ANSWER_RE = re.compile(r"yes|no", re.IGNORECASE)
#: Cues a clause may put before their source ('..., said the mayor.'); after 'told' comes the
#: audience ('..., told reporters.').
_INVERTED_CUES = cues.INVERTABLE_CUES - {"told"}
#: The audience of 'told' closing a mid-sentence attribution: '..., she told them, ...'.
_AUDIENCE_ASIDE_RE = re.compile(
    r"\s+(?:him|her|them|us|me|reporters|journalists"
    r"|(?:the\s+)?[A-Z][\w.’'&-]*(?:\s+[A-Z][\w.’'&-]*){0,3})\s*,\s*"
)
#: A named audience ending the sentence after 'told': '..., a friend told The Daily Beast.'
_NAMED_AUDIENCE_RE = re.compile(r"\s+(?:[A-Z][\w.’'&-]*\s*){1,5}")
#: What may follow the cue of an attribution that closes its sentence: when, where or to whom.
_ATTRIBUTION_TAIL_RE = re.compile(
    r"\s*(?:,|on|in|at|during|to|of|from|after|while|when|before|last|this|earlier|"
    rf"later|recently|{DAY_NAME}|"
    r"reporters|journalists|the|a|an|him|her|them|us|me|told|[A-Z])\b"
)
#: Cues whose content may open with 'to' ('vowed to fight', 'wants to bring back the 1990s');
#: after other cues 'to'/'by' starts a recipient or an agent ('said to be', 'told by').
_TO_CONTENT_CUES = wordset(
    """told vowed promised pledged threatened urged asked agreed declined refused want wants
    hope hopes hoped plans planned sought seeks intends pledges vows threatens"""
)
#: Stance and intention cues: their content is their object or infinitive, never the clause
#: before them ('Facing a deficit, the council sought ...', 'In May, she defended ...').
_FORWARD_CONTENT_CUES = cues.OBJECT_CONTENT_CUES | (_TO_CONTENT_CUES - {"told"})
#: Words that open a new clause or an apposition rather than go on with the sentence.
_NOT_RESUMING = wordset("and but or while whereas although though which who whose")
#: A noun and its complement before the plural verb they are the subject of: 'calls for a
#: truce have grown', 'claims about the economy were false'.
_PLURAL_SUBJECT_TAIL_RE = re.compile(
    r"\s+(?:for|about|of|on|against|from|over|in|to|with|and)\s"
    r"(?:(?!\b(?:who|whom|that|which|where|when)\b)[^,;:“\"])*?\s(?:have|are|were)\s"
)
#: What goes on with the clause after a dash: '... two weeks ago - before the vote'.
_CONTINUING_AFTER_DASH_RE = re.compile(r"(?:and|or|before|after|because|only|not|while)\b")
#: An attributed quotation between dashes: ' - “It is a fantasy,” she said - '.
_QUOTED_ASIDE_RE = re.compile(
    r"\s(?:-|—|–|--)\s*[“\"][^“”\"]+[”\"][^—–]{1,60}?\s(?:-|—|–|--)(?:\s|$)"
)
# ---- which cue words are cues here ------------------------------------------------------
#: Cues that attribute a quotation ('“...,” she continued', 'As she put it, “...”') but rarely a
#: clause: 'He continued his attack', 'She offered her support', 'He put it on the table',
#: 'She answered questions for an hour'.
_QUOTE_ONLY_CUES = (
    frozenset({"continued", "offered", "answered", "answers", "beamed"}) | cues.QUOTATION_CUES
)
#: 'see' is mostly literal ('she saw the crowd'); only 'X sees Y as Z' states a view.
_VIEW_CUES = frozenset({"see", "sees", "saw"})
_VIEW_AS_RE = re.compile(r"[^,.;:“\"]{1,60}?\sas\s")
#: 'found itself in a bind' is a situation, not a finding.
_REFLEXIVE_RE = re.compile(r"\s+(?:itself|themselves|himself|herself|myself|ourselves)\b")
#: 'showed up', 'added up to': a phrasal verb, not a cue.
_PARTICLE_UP_RE = re.compile(r"\s+up\b")
_SHOW_HOST_RE = re.compile(r"\s+hosts?\b")
#: ', now called X,': a naming participle in an apposition, not a cue.
_NOW_BEFORE_RE = re.compile(r",\s+now\s+$")
#: The kind of programme before 'show(s)': 'TV shows', 'a radio show', 'the award show'.
_PROGRAMME_KIND_BEFORE_RE = re.compile(
    r"\b(?i:TV|television|talk|radio|award|reality|cooking|late-night|Daily)\s+$"
)
_WITH_RE = re.compile(r"\s+with\b")
#: 'who requested anonymity to discuss the talks': how a source was quoted, not what it said.
_ANONYMITY_RE = re.compile(r"\s+anonymity\b")
#: A determiner right before a cue word makes it a noun: 'the plans', 'those plans', 'his
#: claims', 'made no mention'.
_DETERMINER_BEFORE_RE = re.compile(
    r"\b(?:[Tt]he|THE|[Aa]n?|[Nn]o|[Aa]ny|mere|[Tt]his|[Tt]hese|[Tt]hose|[Hh]is|[Hh]er|[Tt]heir|"
    r"[Ii]ts|[Oo]ur|[Mm]y|[Yy]our)\s+$"
)


def clause_cue(m: re.Match[str]) -> bool:
    """Does a cue match attribute a clause (not 'continued', a literal 'saw' nor 'found
    itself')?"""
    cue = m.group("cue").lower()
    if cue in _QUOTE_ONLY_CUES or (cue == "found" and _REFLEXIVE_RE.match(m.string, m.end())):
        return False
    if _DETERMINER_BEFORE_RE.search(m.string, max(0, m.start("cue") - 12), m.start("cue")):
        return False  # 'the plans', 'made no mention of', 'a call': a noun, not a cue verb
    if cue in NAMING_CUES and _PROGRAMME_KIND_BEFORE_RE.search(
        m.string, max(0, m.start() - 14), m.start()
    ):
        return False  # 'TV shows', 'a talk show'
    if cue in NAMING_CUES and _NOW_BEFORE_RE.search(m.string, max(0, m.start() - 8), m.start()):
        return False  # 'the resort, now called Palm Links,' names it
    if _PARTICLE_UP_RE.match(m.string, m.end()) or (
        cue in NAMING_CUES and _SHOW_HOST_RE.match(m.string, m.end())
    ):
        return False  # 'she showed up at the rally', 'talk show host Glenn Beck'
    if cue in {"compared", "comparing"} and _WITH_RE.match(m.string, m.end()):
        return False  # '..., compared with 40 percent in May' compares figures
    if _ANONYMITY_RE.match(m.string, m.end()):
        return False
    return cue not in _VIEW_CUES or _VIEW_AS_RE.match(m.string, m.end()) is not None


def _plural_noun_cue(text: str, start: int, end: int, hi: int) -> bool:
    """Is the cue ending in -s at text[start:end] a plural noun ('International calls for a
    truce have grown')? Then the verb after its complement agrees with it."""
    word = text[start:end]
    return (
        word.endswith("s")
        and not word.endswith("ss")
        and _PLURAL_SUBJECT_TAIL_RE.match(text, end, hi) is not None
    )


def _outside_quotations(matches, quoted: list[tuple[int, int]]) -> list[re.Match[str]]:
    """The cue matches that are no quoted speaker's and that attribute a clause."""
    return [m for m in matches if not any(a < m.start() < b for a, b in quoted) and clause_cue(m)]


def content_end(text: str, start: int, end: int, stops: str = ".!?") -> int:
    """`end`, before the sentence's closing punctuation (any of `stops`)."""
    while end > start and text[end - 1] in stops:
        end -= 1
    return end


@dataclass
class _Clause:
    """A sentence, or its part, whose main clause is read: `span` in the text, `end` before its
    final punctuation, `wording` its own text (the rules' patterns are matched on it, so their
    offsets count from `span.start`)."""

    text: str
    span: Span
    paragraph_start: int
    depth: int

    @cached_property
    def end(self) -> int:
        return content_end(self.text, *self.span, stops=".!?,;")

    @cached_property
    def wording(self) -> str:
        return self.span.of(self.text)

    @cached_property
    def headline(self) -> bool:
        return is_title_case(self.wording)

    @cached_property
    def quoted(self) -> list[tuple[int, int]]:
        return [m.span() for m in QUOTED_RE.finditer(self.wording)]

    @cached_property
    def cue_matches(self) -> list[re.Match[str]]:
        cue_re = cues.HEADLINE_CUE_RE if self.headline else cues.CUE_RE
        return _outside_quotations(cue_re.finditer(self.wording), self.quoted)

    @cached_property
    def progressive_matches(self) -> list[re.Match[str]]:
        return _outside_quotations(cues.PROGRESSIVE_CUE_RE.finditer(self.wording), self.quoted)


class ReportedSpeech:
    """The reported-speech rules over one document."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.text = doc.text
        self.speakers = doc.speakers
        #: the rules for a main clause, tried in order until one attributes it
        self.main_clause_rules = (
            self._according_to_opening,
            self._in_a_document,
            self._according_to_closing,
            self._said_after_content,
            self._said_before_content,
        )

    def sentence(self, sentence: Span, paragraph_start: int, depth: int = 0) -> None:
        """Reported speech in one sentence; an absolute clause ('..., with 47 percent saying
        A'), a participle clause ('..., saying that ...') and coordinated clauses ('X said A, but
        Y argued B') each give their own attribution."""
        end = content_end(self.text, *sentence)
        if depth < _MAX_DEPTH and (
            self._with_clause(sentence.start, end, paragraph_start, depth)
            or self._participle_clause(sentence.start, end, paragraph_start, depth)
        ):
            return
        self.main_clause(sentence, paragraph_start, depth)

    def main_clause(self, sentence: Span, paragraph_start: int, depth: int = 0) -> None:
        """The first of `main_clause_rules` that attributes the clause wins."""
        clause = _Clause(self.text, Span(*sentence), paragraph_start, depth)
        for rule in self.main_clause_rules:
            if rule(clause):
                return

    def _with_clause(self, start: int, end: int, paragraph_start: int, depth: int) -> bool:
        """'The race could shift, with 47 percent of voters saying they will back Clinton': the
        noun phrase after 'with' is the source of the participle's content; the sentence before
        it is read on its own."""
        text = self.text
        m = _WITH_PARTICIPLE_RE.search(text, start, end)
        if m is None or not np_ok(m.group("src")):
            return False
        source, cue = m.span("src"), m.span("cue")
        lo = content_start(text, cue, m.group("cue").lower(), end)
        clause_end = self.clause_end(lo, end, paragraph_start, depth, source, cue)
        content = trim_content(text, lo, clause_end)
        if len(tokens(content.of(text))) < 2:
            return False
        speaker = self.speakers.add(source, cue, [(m.start(), lo)], paragraph_start, start)
        self.doc.emit(content, "paraphrase", speaker, Prior.REPORTED_SUBORDINATE)
        self.main_clause(Span(start, m.start()), paragraph_start, depth + 1)
        return True

    def _participle_clause(self, start: int, end: int, paragraph_start: int, depth: int) -> bool:
        """'The mayor defended the plan, saying it would pay for itself': the participle's
        content is the subject's; the clause before it is read on its own."""
        text = self.text
        part = PARTICIPLE_CLAUSE_RE.search(text, start, end)
        if part is None:
            return False
        clause_subject = subject(text, start, part.start())
        if clause_subject is None:
            return False
        source = clause_subject.source
        cue = part.span("cue")
        cue_word = part.group("cue").lower()
        lo = content_start(text, cue, cue_word, end)
        clause_end = self.clause_end(lo, end, paragraph_start, depth, source, cue)
        content = trim_content(text, lo, participle_content_end(text, cue_word, lo, clause_end))
        if len(tokens(content.of(text))) < 2:
            return False
        speaker = self.speakers.add(source, cue, [(start, lo)], paragraph_start, start)
        self.doc.emit(content, "paraphrase", speaker, Prior.REPORTED_CLAUSE)
        self.main_clause(Span(start, part.start()), paragraph_start, depth)
        return True

    # ---- where a content clause ends ----------------------------------------------------
    def clause_end(
        self,
        lo: int,
        end: int,
        paragraph_start: int,
        depth: int,
        source: tuple[int, int] | None = None,
        cue: tuple[int, int] | None = None,
    ) -> int:
        """End of a content clause starting at `lo`: it stops before a coordinated clause with
        its own cue ('..., but he also warned that ...'), which is extracted in turn, before
        ', but' with a new predicate or subject ('..., but Ana Ruiz ran the numbers') and before
        a single dash (unless a conjunction follows it: '- and ...', '- before ...')."""
        text = self.text
        end = tail_cut(text, lo, end)
        end = self._cut_at_coordination(lo, end, paragraph_start, depth, source, cue)
        # the content stops before an attributed quotation between dashes ('... reckless -
        # “It is a fantasy,” she said - and ...'), a direct quote of its own
        aside = _QUOTED_ASIDE_RE.search(text, lo, end)
        if aside is not None:
            return aside.start()
        # and before a single dash ('... will win - a claim his rivals mock'): the narrator's
        # aside; a pair of dashes encloses part of the content, and a dash before a conjunction
        # ('... will win - and soon') sets off more of it
        dash = DASH_RE.search(text, lo, end)
        if (
            dash is not None
            and not _CONTINUING_AFTER_DASH_RE.match(text, dash.end(), end)
            and not DASH_RE.search(text, dash.end(), end)
            and not open_quotation(text[lo : dash.start()])
        ):
            return dash.start()
        return end

    def _cut_at_coordination(
        self,
        lo: int,
        end: int,
        paragraph_start: int,
        depth: int,
        source: tuple[int, int] | None,
        cue: tuple[int, int] | None,
    ) -> int:
        """Where a coordinated clause cuts the content clause text[lo:end] (extracting that
        clause in turn when it has a cue of its own), or `end`."""
        text = self.text
        for m in _COORDINATION_RE.finditer(text, lo, end):
            words = tokens(text[m.end() : end])
            if not words:
                break
            if open_quotation(text[lo : m.start()]):
                continue  # the quoted speaker's own clauses ('“We won, and I think ...”')
            first = words[0].lower().strip(",")
            if first == "that":
                continue  # 'said A and that B': a second complement of the same cue
            has_cue = cues.CUE_RE.search(" ".join(words[:10])) is not None
            if (
                first not in cues.CUE_VERBS
                and not has_cue
                and _narrator_resumes(text, lo, m, words)
            ):
                return m.start()
            if (first in cues.CUE_VERBS or first in cues.PARTICIPLE_CUES) and source and cue:
                # '..., and urged that ...', '... and calling him “a feminist”': same speaker,
                # new cue
                next_cue = (m.end(), m.end() + len(words[0].rstrip(",")))
                next_lo = content_start(text, next_cue, first, end)
                next_end = self.clause_end(
                    next_lo, end, paragraph_start, depth + 1, source, next_cue
                )
                content = trim_content(text, next_lo, next_end)
                if len(tokens(content.of(text))) >= 2:
                    speaker = self.speakers.add(
                        source, next_cue, [(m.end(), next_lo)], paragraph_start, lo
                    )
                    self.doc.emit(content, "paraphrase", speaker, Prior.REPORTED_CLAUSE)
                return m.start()
            if depth < _MAX_DEPTH and has_cue:
                n_before = len(self.doc.found)
                self.sentence(Span(m.end(), end), paragraph_start, depth + 1)
                if len(self.doc.found) > n_before:
                    return m.start()
        return end

    # ---- the rules for a main clause, in order --------------------------------------------
    def _according_to_opening(self, clause: _Clause) -> bool:
        """'According to the report, the plan failed.'"""
        text, start = self.text, clause.span.start
        m = _ACCORDING_TO_OPENING_RE.match(clause.wording)
        if m is None:
            return False
        source_start = start + m.end()
        comma = text.find(",", source_start, clause.end)
        if comma <= source_start:
            return False
        source = source_after(text, source_start, comma, reference_ok)
        if source is None:
            return False
        cue = (start + m.start(1), start + m.end(1))
        speaker = self.speakers.add(source, cue, [(start, comma)], clause.paragraph_start, start)
        content = trim_content(text, comma + 1, clause.end)
        self.doc.emit(content, "claim", speaker, Prior.CLAIM_ACCORDING_TO)
        return True

    def _in_a_document(self, clause: _Clause) -> bool:
        """'In a new Washington Post-ABC News poll, 75 percent of Republicans said ...'"""
        text, start = self.text, clause.span.start
        m = _IN_SOURCE_RE.match(clause.wording)
        if m is None:
            return False
        source = (start + m.start("src"), start + m.end("src"))
        cue = (start + m.start("cue"), start + m.end("cue"))
        content = trim_content(text, start + m.end(), clause.end)
        if not np_ok(text[source[0] : source[1]]) or len(tokens(text[slice(*content)])) < 3:
            return False
        region = [(start, start + m.end())]
        speaker = self.speakers.add(source, cue, region, clause.paragraph_start, start)
        self.doc.emit(content, "claim", speaker, Prior.CLAIM_IN_SOURCE)
        # the clause may hold its own attribution ('75 percent ... said ...')
        rest = Span(start + m.end(), clause.span.end)
        self.main_clause(rest, clause.paragraph_start, clause.depth + 1)
        return True

    def _according_to_closing(self, clause: _Clause) -> bool:
        """'Cargo rose 12 percent, according to the port.'"""
        text, start = self.text, clause.span.start
        for m in _ACCORDING_TO_CLOSING_RE.finditer(clause.wording):
            source = source_after(text, start + m.end(), clause.end, reference_ok)
            if source is None:
                continue
            cue = (start + m.start(1), start + m.end(1))
            region = [(start + m.start(), clause.end)]
            speaker = self.speakers.add(source, cue, region, clause.paragraph_start, start)
            # 'The port is busy: cargo rose 12 percent, according to X': the claim follows the
            # colon
            colon = text.rfind(": ", start, start + m.start())
            lo = colon + 1 if colon >= 0 and not open_quotation(text[start:colon]) else start
            before = trim_content(text, lo, start + m.start())
            if len(tokens(before.of(text))) >= 2:
                self.doc.emit(before, "claim", speaker, Prior.CLAIM_ACCORDING_TO)
            self._claim_resumed(clause, before, source, speaker)
            return True
        return False

    def _claim_resumed(
        self, clause: _Clause, before: tuple[int, int], source: tuple[int, int], speaker: Speaker
    ) -> None:
        """'Osman, according to his brother, is believed to have been on the flight.': a
        predicate resumes the content, and so does the main clause after an introductory phrase
        ('Since May, according to X, prices have doubled'); an apposition ('..., the ABC
        affiliate': no verb) or a new clause ('..., but ...') does not."""
        text = self.text
        rest = re.match(r"\s*,\s*", text[source[1] : clause.end])
        if rest is None:
            return
        after = trim_content(text, source[1] + rest.end(), clause.end)
        words = tokens(after.of(text))
        intro = not has_verb(tokens(before.of(text)))
        if len(words) >= 3 and (
            words[0].lower() in VERBISH
            or (intro and has_verb(words) and words[0].lower() not in _NOT_RESUMING)
        ):
            self.doc.emit(after, "claim", speaker, Prior.CLAIM_ACCORDING_TO_RESUMED)

    def _said_after_content(self, clause: _Clause) -> bool:
        """'The plan is dead, the mayor said.' / '..., said the mayor.' (the last cue first)"""
        return any(self._content_then_attribution(clause, m) for m in reversed(clause.cue_matches))

    def _content_then_attribution(self, clause: _Clause, m: re.Match[str]) -> bool:
        text, start = self.text, clause.span.start
        cue = Span(start + m.start(), start + m.end())
        cue_word = m.group("cue").lower()
        before = text[start : cue.start]
        comma = before.rfind(",")
        if comma <= 0 or _subject_with_apposition(text, start, cue.start):
            return False
        if cue_word in _FORWARD_CONTENT_CUES:
            return False  # 'Facing a deficit, the council sought to delay the vote'
        # a quotation may close after the comma: 'Fiorina was not one for “engaging ...,” said'
        source_lo = start + comma + 1 + len(re.match(r"[”\"’']*", before[comma + 1 :]).group(0))
        if cue_word in _INVERTED_CUES and not text[source_lo : cue.start].strip():
            source = source_after(text, cue.end, clause.end)
            if source is not None:
                self._emit_before(clause, comma, source, cue, Prior.REPORTED_BEFORE_ATTRIBUTION)
                return True
        if not text[source_lo : cue.start].strip():
            # '..., his top aide, Tad Devine, told reporters.': the comma closes the source's
            # apposition; the content ends at the comma before the source
            apposition = source_before(text, start, cue.start)
            comma = text.rfind(",", start, apposition[0]) - start if apposition is not None else -1
            if comma <= 0:
                return False
            source_lo = apposition[0]
        tail = text[cue.end : clause.end]
        aside = re.match(r"\s*,\s*", tail)
        if aside is None and cue_word in cues.OBJECT_CUES:
            aside = _AUDIENCE_ASIDE_RE.match(tail)  # 'The solution, she told them, was ...'
        if aside is None and not _ends_attribution(tail, cue_word, before):
            return False
        source = source_before(text, source_lo, cue.start)
        if source is None or is_relative(text, source):
            return False
        # the source must fill the clause between the comma and the cue
        if tokens(text[source_lo : source[0]]):
            return False
        content = trim_content(text, start, start + comma)
        if len(tokens(content.of(text))) < 3 or (
            aside is None and is_intro(text, start, start + comma)
        ):
            return False
        speaker = self._emit_before(clause, comma, source, cue, Prior.REPORTED_BEFORE_ATTRIBUTION)
        if aside is not None:
            self._emit_resumed(cue.end + aside.end(), clause.end, speaker)
        return True

    def _emit_before(
        self, clause: _Clause, comma: int, source: tuple[int, int], cue: Span, prior: float
    ) -> Speaker:
        """Emit the words before the comma at `clause.span.start + comma` as `source`'s."""
        start = clause.span.start
        region = [(start + comma, clause.end)]
        speaker = self.speakers.add(source, cue, region, clause.paragraph_start, start)
        self.doc.emit(trim_content(self.text, start, start + comma), "paraphrase", speaker, prior)
        return speaker

    def _emit_resumed(self, lo: int, end: int, speaker: Speaker) -> None:
        """'The plan, she said, is dead.': the sentence resumes after a mid-sentence attribution
        and the rest belongs to the same content (unless it brings its own cue or tells how the
        source spoke: '..., an aide said, on condition of anonymity')."""
        rest = self.text[lo:end]
        if any(clause_cue(m) for m in cues.CUE_RE.finditer(rest)) or cues.PARTICIPLE_RE.match(rest):
            return
        if re.match(r"(?:who|which|according|on condition)\b", rest):
            return
        content = trim_content(self.text, lo, end)
        if len(tokens(content.of(self.text))) >= 2:
            self.doc.emit(content, "paraphrase", speaker, Prior.REPORTED_AFTER_CUE)

    def _said_before_content(self, clause: _Clause) -> bool:
        """'The mayor said (that) the plan is dead.', 'The mayor is telling voters that ...'"""
        matches = sorted(clause.cue_matches + clause.progressive_matches, key=lambda m: m.start())
        return any(self._attribution_then_content(clause, m) for m in matches)

    def _attribution_then_content(self, clause: _Clause, m: re.Match[str]) -> bool:
        text, start = self.text, clause.span.start
        cue = Span(start + m.start("cue"), start + m.end("cue"))
        cue_word = m.group("cue").lower()
        source = self._source_of(start, start + m.start())
        if source is None or is_relative(text, source):
            return False
        if text[cue.end : cue.end + 3] in (" by", " to") and cue_word not in _TO_CONTENT_CUES:
            return False
        if _plural_noun_cue(text, cue.start, cue.end, clause.end):
            return False
        lo = content_start(text, cue, cue_word, clause.end)
        n_before = len(self.doc.found)
        end, main_clause = self._content_end(clause, source, cue, cue_word, lo)
        content = trim_content(text, lo, end)
        min_words = 1 if cue_word in cues.OBJECT_CONTENT_CUES else 3
        words = tokens(content.of(text))
        if (
            len(words) < min_words
            and not _ANSWER_RE.fullmatch(text, *content)
            and not (len(words) == 2 and not clause.headline and short_object(words))
        ):
            del self.doc.found[n_before:]
            return False
        speaker = self.speakers.add(source, cue, [(start, lo)], clause.paragraph_start, start)
        self.doc.emit(content, "paraphrase", speaker, Prior.REPORTED_AFTER_CUE)
        if main_clause is not None and clause.depth < _MAX_DEPTH:
            # 'While 7 percent said they are undecided, 27 percent said ...': the main clause
            # may hold an attribution of its own
            rest = Span(main_clause, clause.span.end)
            self.main_clause(rest, clause.paragraph_start, clause.depth + 1)
        return True

    def _source_of(self, start: int, cue_start: int) -> tuple[int, int] | None:
        """The source of a cue at `cue_start` in a clause from `start`: the noun phrase right
        before it, the subject of coordinated verbs ('The senator survived a prison and says
        ...') or of an embedded clause ('That is why critics say ...')."""
        text = self.text
        source = source_before(text, start, cue_start)
        if source is None and _COORDINATED_BEFORE_RE.search(text, start, cue_start):
            clause_subject = subject(text, start, cue_start)
            source = clause_subject.source if clause_subject is not None else None
        if source is None:
            source = embedded_subject(text, start, cue_start)
        return source

    def _content_end(
        self, clause: _Clause, source: tuple[int, int], cue: Span, cue_word: str, lo: int
    ) -> tuple[int, int | None]:
        """Where the content after a cue ends, and where a main clause after it starts (when the
        cue was in a subordinate clause: 'Although Ruiz said the plan works, she voted no')."""
        text = self.text
        end = self.clause_end(lo, clause.end, clause.paragraph_start, clause.depth, source, cue)
        if cue_word in cues.OBJECT_CONTENT_CUES:
            end = object_end(text, lo, end)
        main_clause = None
        if in_subordinate_clause(text, clause.span.start, cue.start):
            comma = CLAUSE_COMMA_RE.search(text, lo, end)
            if (
                comma is not None
                and tokens(text[lo : comma.start()])
                and not open_quotation(text[lo : comma.end()])
                and not QUOTE_NEXT_RE.match(text, comma.end())
            ):
                end = comma.end()  # with a closing mark: “balanced,”
                main_clause = end
        dash = DASH_RE.search(text, lo, end) if clause.headline else None
        if dash is not None:
            end = dash.start()  # 'Kasich Revealed Who He'd Pick – It Might Surprise You'
        return end, main_clause


def _subject_with_apposition(text: str, start: int, cue_start: int) -> bool:
    """'Jon Tester, chairman of the committee, said ...': everything before the cue is the
    subject, so the cue opens the content rather than closing it."""
    source = source_before(text, start, cue_start)
    return source is not None and source[0] == strip_leading(text, start, cue_start)[0]


def _narrator_resumes(text: str, lo: int, m: re.Match[str], words: list[str]) -> bool:
    """Does the coordination `m`, with `words` after it and no cue, end the content clause from
    `lo`?
    '..., but went on to ...': the subject's next predicate, or a new subject ('..., but Ana
    Ruiz voted no'); after ', and' the predicate is the content's ('said Obama ran, and took
    millions'), but a new subject starts the narrator's clause ('called the plan a fraud, and
    Ana Ruiz agreed'), unless a comma before makes ', and Ruiz' the end of a list ('endorsed
    Chen, Diaz, and Ruiz')."""
    first = words[0].lower().strip(",")
    new_subject = is_capitalized(words[0]) or first in cues.PRONOUNS
    if m.group(0).startswith(", but") and (verbish(words[0], "") or new_subject):
        return True
    return m.group(0).startswith(", and") and new_subject and "," not in text[lo : m.start()]


def _ends_attribution(tail: str, cue_word: str, before: str) -> bool:
    """May `tail`, the words after the cue of '..., X said', end the sentence's attribution
    (nothing, or when, where or to whom: '..., she said on Tuesday', '..., a friend told The
    Daily Beast.')? Not a clause of its own ('..., X said that ...')."""
    if len(tokens(tail)) > 12 or re.search(r"\bthat\b", tail):
        return False
    if not tail.strip():
        return True
    # a quotation before a named audience is a direct quote's, read elsewhere
    named_audience = (
        cue_word in cues.OBJECT_CUES
        and _NAMED_AUDIENCE_RE.fullmatch(tail)
        and not any(c in QUOTE_CHARS for c in before)
    )
    return bool(named_audience) or _ATTRIBUTION_TAIL_RE.match(tail) is not None
