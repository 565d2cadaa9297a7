"""Noun phrases: where a source or a subject starts and ends around a cue.

`source_before` finds 'the mayor' in 'the mayor said', `source_after` 'Ana Ruiz' in 'said Ana
Ruiz, who ...', `subject` the subject opening a clause; `np_ok` decides whether a span reads as
a source at all (a noun phrase, not a clause).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from . import cues
from .candidate import Span
from .dates import DAY_NAME, MONTH_NAME
from .text import QUOTE_CHARS, wordset
from .words import (
    DANGLING,
    DASH_RE,
    NOT_SOURCE_TAIL,
    TOKEN_RE,
    ed_adjective,
    has_verb,
    is_capitalized,
    tokens,
    verbish,
)

_DATE_LEAD_RE = re.compile(
    rf"^(?:(?:on|late|early)\s+)?{DAY_NAME}"
    r"(?:\s+(?:night|morning|afternoon|evening))?\s+"
)

#: Poll shares as sources: 'about half of voters', 'three-fourths', 'majorities in all five'.
_QUANTITY_RE = re.compile(
    r"about|nearly|almost|roughly|only|just|half|majorities|more|fewer|less|least|"
    r"[a-z]+-(?:thirds|fourths|quarters)"
)
#: What 'about' needs after it to open a quantity ('about 200 protesters', 'about half'), not a
#: topic ('“We are happy” about the decision, said Ruiz').
_QUANTITY_AMOUNT_RE = re.compile(
    r"\$?\d[\d,.]*%?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?"
    r"|thousands?|half|[a-z]+-(?:thirds|fourths|quarters)"
)


#: A past participle modifying a noun, by its agent, beneficiary or date: 'released Sunday',
#: 'conducted by', 'conducted for'.
_PARTICIPLE_MODIFIER_RE = re.compile(rf"[a-z]+ed\s+(?:by|for|on|in|last|this|earlier|{DAY_NAME})\b")


def _quantity_amount(words: list[str]) -> bool:
    return bool(words) and _QUANTITY_AMOUNT_RE.fullmatch(words[0].lower().strip(",")) is not None


#: A lower-case plural noun phrase of up to three words, a source without a determiner ('polls',
#: 'hacking specialists', 'campaign finance records').
_BARE_PLURAL_RE = re.compile(r"(?:[a-z]+[-\s]){0,2}[a-z]{3,}[^s\W]s")


def np_ok(span: str) -> bool:
    """Does `span` look like a source noun phrase (not a clause)?"""
    span = span.strip()
    if not span or any(c in QUOTE_CHARS for c in span):
        return False
    words = tokens(span)
    if not words or len(words) > 16:
        return False
    first = words[0].lower().strip(",")
    if first == "at" and len(words) > 2 and words[1] in {"least", "most"}:
        words, first = words[1:], words[1]  # 'at least a dozen members of Congress'
    if len(words) == 1 and first in cues.PRONOUNS:
        return True
    if first in cues.PRONOUNS and first not in {"his", "her", "their", "its"}:
        return False
    if not _opens_noun_phrase(words, first):
        return False
    # Clause words are only allowed inside an apposition ('X, who has ...').
    head = span.split(",")[0]
    head_words = tokens(head)
    if _has_clause_word(head, head_words):
        return False
    if head_words and head_words[-1].lower() in DANGLING:
        return False
    # case-sensitive: 'this year' is not a source, 'The Seattle Times' is
    if len(words) > 1 and words[-1].strip(",.") in NOT_SOURCE_TAIL:
        return False  # 'Republicans who', 'this year'
    return all(w.lower().strip(",.") not in {"said", "says", "that"} for w in words)


def _opens_noun_phrase(words: list[str], first: str) -> bool:
    """Does a noun phrase open with `words` (`first`, the first, in lower case): a capital, a
    determiner, a role, a quantity or a lower-case descriptor?"""
    # A lower-case descriptor may precede a name: 'former Wisconsin Gov. Jim Doyle',
    # 'councilmember Mark Levine', 'pollster Frank Luntz'.
    descriptor = (
        first.isalpha()
        and first not in cues.LEADING_JUNK
        and first not in cues.NON_NP_WORDS
        and first not in DANGLING
        and not verbish(words[0], "")
        and (
            any(is_capitalized(w) for w in words[1:5])
            # or before a role noun: 'political experts', 'campaign officials'
            or (len(words) <= 3 and words[-1].lower() in cues.ROLE_NOUNS)
            # or a plural on its own: 'But hacking specialists say', 'though records show'
            or _BARE_PLURAL_RE.fullmatch(" ".join(words)) is not None
        )
    )
    return (
        is_capitalized(words[0])
        or first in cues.DETERMINERS
        or first in cues.ROLE_NOUNS
        or (_QUANTITY_RE.fullmatch(first) and (first != "about" or _quantity_amount(words[1:2])))
        or descriptor
    )


def _has_clause_word(head: str, head_words: list[str]) -> bool:
    """Does the head of a noun phrase (before any comma) hold a word that makes it a clause:
    a clause word or a verb in the past ('Netanyahu met ... and pledged')?"""
    for i, w in enumerate(head_words):
        low = w.lower().strip(",.")
        previous = head_words[i - 1].lower() if i > 0 else ""
        if low == "to" and i > 0 and previous in cues.ROLE_NOUNS:
            continue  # 'Aides to Clinton'
        if low == "to" and _to_noun_phrase(head_words, i):
            continue  # 'the delegation to the forum', 'sources close to her campaign'
        if low == "than" and i > 0 and previous in {"more", "less", "fewer"}:
            continue  # 'More than half of the respondents'
        if low in cues.NON_NP_WORDS:
            return True
        if low.endswith("ed") and i > 0 and previous == "those":
            continue  # 'those surveyed', 'those polled'
        if low.endswith("ed") and i > 1 and _PARTICIPLE_MODIFIER_RE.match(head, head.find(w)):
            continue  # 'A poll released Sunday', 'a survey conducted by Gallup'
        if low.endswith("ed") and i > 0 and previous in {"a", "an", "the"}:
            continue  # an adjective after an article: 'A redacted copy of the memo'
        if low.endswith("ed") and w[0].islower() and "-" not in w and not ed_adjective(low):
            return True  # a past-tense verb
    return False


_OBJECT_PRONOUNS = wordset("his her their its him them")


def _to_noun_phrase(words: list[str], i: int) -> bool:
    """Does 'to' at words[i] join two noun phrases (a determiner or a name follows and no verb
    precedes), unlike the infinitive in 'Trump wants to ...'?"""
    if i == 0 or i + 1 >= len(words) or verbish(words[i - 1], words[i - 2] if i > 1 else ""):
        return False
    nxt = words[i + 1]
    # 'a source close to him'
    return nxt.lower() in cues.DETERMINERS | _OBJECT_PRONOUNS or nxt[0].isupper()


#: A news dateline opening an article: 'BOSTON —', 'NEW YORK, Jan. 4 (AP) -'.
_DATELINE_RE = re.compile(
    r"\s*[A-Z][A-Z.’' ]*[A-Z](?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?(?:\s*\([A-Z]+\))?"
    r"\s*(?:—|–|--|-)\s*"
)


def strip_leading(text: str, start: int, end: int) -> Span:
    """Drop a dateline, conjunctions, date leads and subordinators ('BOSTON —', 'But', 'On
    Tuesday', 'Just hours after') from the start of a span."""
    dateline = _DATELINE_RE.match(text, start, end)
    if dateline:
        start = dateline.end()
    changed = True
    while changed and start < end:
        changed = False
        rest = text[start:end]
        m = re.match(r"\s*([\w’']+)\s+", rest)
        if m and m.group(1).lower() in cues.LEADING_JUNK:
            start += m.end()
            changed = True
            continue
        m = _DATE_LEAD_RE.match(rest) or SUBORDINATE_LEAD_RE.match(rest)
        if m:
            start += m.end()
            changed = True
    while start < end and text[start].isspace():
        start += 1
    return Span(start, end)


#: When or where a source spoke, between it and the cue ('Spicer on Thursday evening said',
#: 'The mayor in a statement said').
_SOURCE_ADVERBIAL_TAIL_RE = re.compile(
    rf"(?:\s+(?:(?:on|late|early)\s+)?{DAY_NAME}(?:\s+(?:morning|afternoon|evening|night))?"
    r"|\s+(?:(?:earlier|late|early)\s+)?(?:last|this)\s+(?:week|month|year|weekend)"
    rf"|\s+(?:on|in)\s+{MONTH_NAME}(?:\s+\d+)?"
    r"|\s+(?:in|during|at)\s+(?:a|an|the|his|her|their|its)\s+(?:[\w’'-]+\s+){0,2}"
    r"(?:statement|interview|speech|rally|debate|conference|briefing|hearing|call|event|meeting))+"
    r"\s*$"
)


#: A possessor ends the words before a noun that looks like a cue ('Mr. Hannity’s show',
#: 'their plans', 'Democrats’ claims'); no source ends so.
_POSSESSOR_END_RE = re.compile(
    r"(?:[’']s?|\b(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Mm]y|[Oo]ur|[Yy]our))$"
)


#: 'as' joining names ('Ruiz as well as Chen', 'leaders such as Ruiz'), no subordinator.
_AS_JOINING_RE = re.compile(r"\bas\s+well\s+as\b|\bsuch\s+as\b")


def source_before(text: str, lo: int, hi: int) -> Span | None:
    """The source NP ending right before a cue at `hi` (text[lo:hi] is the clause before it)."""
    source = _noun_phrase_before(text, lo, hi)
    if source is not None and _POSSESSOR_END_RE.search(text, *source):
        return None
    return source


def _noun_phrase_before(text: str, lo: int, hi: int) -> Span | None:
    """The noun phrase (or apposition) ending right before `hi`, a source if it is no
    possessor."""
    modifiers = cues.MODIFIERS_TAIL_RE.search(text[lo:hi])
    if modifiers:
        hi = lo + modifiers.start()
    words = text[lo:hi]
    adverbial = _SOURCE_ADVERBIAL_TAIL_RE.search(words)
    # the date of a participle stays with it: 'The report published Tuesday'
    if (
        adverbial
        and adverbial.start() > 0
        and not re.search(r"[a-z]ed$", words[: adverbial.start()])
    ):
        hi = lo + adverbial.start()
    stripped = text[lo:hi].rstrip()
    if not stripped:
        return None
    hi = lo + len(stripped)
    dash = re.search(r"\s(?:-|—|–|--)$", stripped)
    if stripped.endswith(",") or dash is not None:
        # 'Zaher Jabareen, another member of Hamas’ leadership, said' (or an aside between
        # dashes: 'some economists - including two Fed governors - warn')
        return _apposition_before(text, lo, lo + dash.start() if dash is not None else hi - 1)
    start, end = strip_leading(text, *comma_parts(text, lo, hi)[-1])
    # 'The vote went ahead as two senators said': the source is the subordinate clause's
    # subject ('as well as', 'such as' join names instead)
    joining = [m.span() for m in _AS_JOINING_RE.finditer(text, start, end)]
    for w in TOKEN_RE.finditer(text, start + 1, end):
        lead = SUBORDINATE_LEAD_RE.match(text, w.start(), end)
        if lead is not None and not any(a <= w.start() < b for a, b in joining):
            start = lead.end()
    aside = re.search(r"\s*\([^()]*\)$", text[start:end])
    if aside is not None and aside.start() > 0 and np_ok(text[start : start + aside.start()]):
        return Span(start, end)  # 'Kasich (who has 25 delegates to date) said'
    if not np_ok(text[start:end]):
        # 'Hawkins and others who want to ban abortion said': the NP before the relative clause
        relative = re.search(r"\s(?:who|whose|that)\s", text[start:end])
        if relative is not None and np_ok(text[start : start + relative.start()]):
            return Span(start, start + relative.start())
        return None
    return Span(start, end)


def _apposition_before(text: str, lo: int, end: int) -> Span | None:
    """The source before a cue when an apposition closes it ('Zaher Jabareen, another member
    of Hamas’ leadership, said'): the name and its apposition, or the apposition alone."""
    parts = list(comma_parts(text, lo, end))
    if not parts:
        return None
    first = strip_leading(text, *parts[0])
    if (
        len(parts) >= 3
        and is_capitalized(text[first[0]])
        and all(np_ok(text[a:b]) for a, b in [first, *parts[1:]])
    ):
        # 'Ana Ruiz, a delegate from Austin, Texas, said': a name with a long apposition
        return Span(first[0], end)
    if len(parts) >= 2:
        head_start, head_end = strip_leading(text, *parts[-2])
        head = text[head_start:head_end]
        if np_ok(head) and len(tokens(head)) <= 6:
            return Span(head_start, end)
        # 'It was three years ago that Michael Bloomberg, who ..., said': the name at the end
        name = re.search(r"(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]+$", head)
        if name is not None and np_ok(name.group(0)):
            return Span(head_start + name.start(), end)
    start, apposition_end = strip_leading(text, *parts[-1])
    return Span(start, apposition_end) if np_ok(text[start:apposition_end]) else None


def comma_parts(text: str, lo: int, hi: int) -> list[Span]:
    """The clause pieces between commas, semicolons and colons ('... lean left: 42% say')."""
    parts = []
    cursor = lo
    for m in re.finditer(r"[,;:]|\s(?:-|—|–|--)\s", text[lo:hi]):
        parts.append((cursor, lo + m.start()))
        cursor = lo + m.end()
    parts.append((cursor, hi))
    trimmed = []
    for start, end in parts:
        # a quotation closing after the comma ('... of public sector jobs,” Sanders said')
        while start < end and (text[start].isspace() or text[start] in '”"'):
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        trimmed.append(Span(start, end))
    return [p for p in trimmed if p.end > p.start] or [Span(lo, hi)]


#: Where a source after its cue ends: at a clause's punctuation...
_SOURCE_AFTER_PUNCTUATION_RE = re.compile(r",|;|—|–| -- |\.\s*$|\.$")
#: ... or before when, where, who or an 'as' clause ('said Ruiz as she left', not 'experts such
#: as Ruiz' nor 'Ruiz as well as Lee'); but a participle modifier keeps its date or place ('a CBS
#: News survey released on Thursday'), and then only the punctuation ends it.
_SOURCE_AFTER_STOP_RE = re.compile(
    rf"{_SOURCE_AFTER_PUNCTUATION_RE.pattern}"
    r"|\s+(?:on|in|at|during|after|before|when|while|who|whom|whose)\s"
    r"|(?<!\bsuch)(?<!\bwell)\s+as\s(?!well\s)"
)


def source_after(text: str, lo: int, hi: int, np_ok: Callable[[str], bool] = np_ok) -> Span | None:
    """The source NP right after an inverted cue ('said a second Hamas official, who ...')."""
    start = lo + re.match(r"\s*", text[lo:hi]).end()
    stops = [_SOURCE_AFTER_STOP_RE.search(text, start, hi)]
    if stops[0] is not None and _PARTICIPLE_MODIFIER_RE.search(text, start, stops[0].end()):
        # 'according to a survey released on Friday': the participle keeps its date
        stops.append(_SOURCE_AFTER_PUNCTUATION_RE.search(text, start, hi))
    for stop in stops:
        end = stop.start() if stop else hi
        while end > start and text[end - 1] in " .":
            end -= 1
        if end > start and np_ok(text[start:end]):
            return Span(start, end)
    return None


def reference_ok(span: str) -> bool:
    """After 'according to' any short noun phrase is a source, lower-case ones included
    ('according to early returns', 'according to exit polls')."""
    words = tokens(span)
    if not words or len(words) > 16 or any(c in QUOTE_CHARS for c in span):
        return False
    first = words[0].lower()
    return np_ok(span) or (
        first.isalpha()
        and first not in cues.PRONOUNS
        and first not in DANGLING
        and not any(w.lower() in cues.NON_NP_WORDS for w in words)
    )


#: Any case: the second phrase is lower case ('On Thursday, after months of silence, X ...').
#: A lead may be long ('In response to the governor’s plan to close three rural hospitals,').
_INTRO_PHRASE_RE = re.compile(
    r"(?:(?:On|In|At|After|Before|During|Earlier|Later|Last|This|Since|With|For|Asked|Speaking|"
    r"Pressed|Addressing|Writing|Late|Early|Then|Still|But|And|Yet|So|Now|Meanwhile|However|"
    r"Instead|Indeed|Moreover|Also|Through|Via|Despite|Amid|Among|Under|Unlike|Like|When|While|"
    r"Although|Though|Because|If|Once|Likewise|Similarly|Otherwise|Nevertheless|Nonetheless|"
    r"Furthermore|Additionally|Conversely|Consequently|Thus|Hence|Therefore|Finally|Ultimately|"
    r"Again|Besides)\b[^,“\"]{0,100},\s*)+",
    re.IGNORECASE,
)

_SUBJECT_PRONOUNS = wordset("i you he she it we they")


class ClauseSubject(NamedTuple):
    """The subject opening a clause, and where its verb starts."""

    source: Span
    verb: int


def subject(text: str, lo: int, hi: int) -> ClauseSubject | None:
    """The subject NP opening the clause text[lo:hi] and where its verb starts:
    ('Rubio', 'fired back:') for 'Rubio fired back:'; None when no plain NP leads."""
    start = strip_leading(text, lo, hi).start
    if any(
        SUBORDINATE_LEAD_RE.match(text, w.start(), start)
        for w in TOKEN_RE.finditer(text, lo, start)
    ):
        # 'As the crowd cheered, his wife whispered:': the subject is the main clause's, after
        # the comma or dash that closes the subordinate clause
        ends = [*CLAUSE_COMMA_RE.finditer(text, start, hi), *DASH_RE.finditer(text, start, hi)]
        for end in sorted(ends, key=lambda m: m.start()):
            main = main_clause_subject(text, end.end(), hi)
            if main is not None:
                return main
    intro = _INTRO_PHRASE_RE.match(text, start, hi)
    if intro:
        start = intro.end()
    start = strip_leading(text, start, hi).start
    return _subject_words(text, start, hi)


def _subject_words(text: str, start: int, hi: int) -> ClauseSubject | None:
    """The subject from `start`: the words up to the first verb, or up to a comma (unless the
    words before the comma were an adverbial, and the main clause follows it)."""
    words = list(TOKEN_RE.finditer(text, start, hi))
    for k in range(1, min(len(words), 12)):
        previous = words[k - 1].group(0)
        if previous.endswith(","):
            if k == 1 and words[k].group(0).lower() in _SUBJECT_PRONOUNS:
                return None  # 'Wait, it gets better:': an interjection, not an apposition
            if words[k].group(0) == "but":
                return None  # '... for drinks and speakers, but said': no subject, a predicate
            end = words[k - 1].end() - 1
            main = (
                None
                if NAME_ONLY_RE.fullmatch(text, start, end)
                else main_clause_subject(text, words[k].start(), hi)
            )
            if main is not None:
                return main  # 'Back in May, the mayor said:': the phrase was adverbial
            return (
                ClauseSubject(Span(start, end), words[k].start())
                if np_ok(text[start:end])
                else None
            )
        verb = words[k]
        if cues.LY_ADVERB_RE.fullmatch(verb.group(0)) and k + 1 < len(words):
            verb = words[k + 1]  # 'She quickly noted': an adverb between subject and verb
        if verbish(verb.group(0), previous):
            if verb.group(0).endswith(",") and k + 1 < len(words):
                # 'Minutes later, she wrote:': 'later' closed an adverbial, not a subject
                main = main_clause_subject(text, words[k + 1].start(), hi)
                if main is not None:
                    return main
            end = words[k - 1].end()
            if np_ok(text[start:end]):
                return ClauseSubject(Span(start, end), words[k].start())
            return None
    return None


_RELATIVE_WORDS = wordset("who whose whom which where that")


def main_clause_subject(text: str, lo: int, hi: int) -> ClauseSubject | None:
    """The subject of a clause after a comma when it is directly followed by its verb ('the
    mayor said' after 'Likewise,'): the words before that comma were an adverbial, not the
    subject; an apposition ('Ana Ruiz, a nurse, said') has a comma before its verb."""
    found = subject(text, lo, hi)
    if found is None or text[found.source.end : found.verb].strip():
        return None
    if tokens(found.source.of(text))[0] in _RELATIVE_WORDS:
        return None  # 'Mr. Ruiz, who was mayor,': a relative clause, not a main clause
    return found


_TRAILING_NAME_RE = re.compile(r"(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]+$")

#: A name and nothing else after 'called': named or phoned, not judged.
NAME_ONLY_RE = re.compile(r"[A-Z][\w.’'&-]*(?:\s+[A-Z][\w.’'&-]*)*")

#: A sentence that opens with a subordinate clause ('Although X said A, B'), maybe after a
#: connective ('But when X said A, B', 'However, while ...') or a span of time ('Hours after X
#: said A, B'); matched at a token, it finds one in a clause's lead too.
SUBORDINATE_LEAD_RE = re.compile(
    r"\W*(?:(?:But|And|Yet|So|Indeed|However|Still|Now),?\s+)?"
    r"(?i:(?:just|only|shortly|moments|minutes|hours|days|weeks|months|years|long|soon)\s+){0,2}"
    r"(?i:although|though|while|whereas|even as|even though|even if|as|when|after|before|"
    r"because|since|if|until|once|whether|now that)\s"
)
#: A comma between clauses, not inside a number ('1,265').
CLAUSE_COMMA_RE = re.compile(r",[”\"]?(?=\s)")


def in_subordinate_clause(text: str, lo: int, hi: int) -> bool:
    """Does text[lo:hi], the words before a cue, open a subordinate clause that has not been
    closed by a comma ('Although Ruiz', 'Back then, when the mayor', 'as some senators')?"""
    return any(
        (lead := SUBORDINATE_LEAD_RE.match(text, w.start(), hi)) is not None
        and not CLAUSE_COMMA_RE.search(text, lead.end(), hi)
        for w in TOKEN_RE.finditer(text, lo, hi)
    )


_CLAUSE_BOUNDARY_RE = re.compile(
    r"\b(?:that|is|was|are|were|why|because|as|so|while|when|if|where)\s+", re.IGNORECASE
)


def embedded_subject(text: str, lo: int, hi: int) -> Span | None:
    """The subject of a cue inside a larger clause: 'That is why critics say ...', 'One thing in
    her favor is that 78 percent of voters said ...': the noun phrase after the last clause
    boundary."""
    starts = [m.end() for m in _CLAUSE_BOUNDARY_RE.finditer(text, lo, hi)]
    if not starts:
        return None
    start, end = strip_leading(text, starts[-1], hi)
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start and np_ok(text[start:end]) else None


def is_relative(text: str, source: tuple[int, int]) -> bool:
    """'..., who predicted X', 'others who want to ...', 'a bully who has repeatedly pledged
    ...': the cue is in a relative clause (attributed by `Clauses.relative_clauses`); an
    apposition closed by a comma ('Ana Ruiz, who opposed the tax, said') is not."""
    last = text[source[0] : source[1]].rsplit(",", 1)[-1]
    who = list(re.finditer(r"(?:^|\s)who\b", last, re.I))
    if text[source[1] : source[1] + 1] == "," or not who:
        return False
    # 'officials who spoke with the paper said': the relative clause has a predicate of its own
    # (not only modifiers: 'who has repeatedly'), so the cue is the main clause's
    clause = last[who[-1].end() :].strip()
    return not clause or cues.MODIFIERS_TAIL_RE.fullmatch(clause + " ") is not None


#: An inverted cue opening the clause piece before a relative clause ('said Ana Ruiz, who').
_INVERTED_CUE_LEAD_RE = re.compile(
    r"(?:"
    + "|".join(sorted((re.escape(c) for c in cues.INVERTABLE_CUES), key=len, reverse=True))
    + r")\s+"
)


def antecedent_np(text: str, lo: int, hi: int) -> Span | None:
    """The noun phrase a relative clause at `hi` hangs on ('said Ana Borges' -> 'Ana Borges')."""
    start, end = strip_leading(text, *comma_parts(text, lo, hi)[-1])
    inverted = _INVERTED_CUE_LEAD_RE.match(text, start, end)
    if inverted is not None:
        start = inverted.end()  # '“...,” said Ana Ruiz, who added that ...'
    if np_ok(text[start:end]):
        return Span(start, end)
    name = _TRAILING_NAME_RE.search(text, start, end)
    if name is not None and np_ok(name.group(0)):
        return Span(*name.span())
    return None


def is_intro(text: str, start: int, comma: int) -> bool:
    """Is text[start:comma] only an introductory phrase ('In her speech,', 'Through a
    spokeswoman,')? Then the comma opens 'X declared ...' rather than closing content
    attributed by it. A phrase with a verb ('Last year only 32 percent opposed it,') is a
    clause."""
    m = _INTRO_PHRASE_RE.match(text, start, comma + 1)
    if m is None or m.end() < comma + 1:
        return False
    return not has_verb(tokens(text[start:comma]))
