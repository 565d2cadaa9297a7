"""Where content starts and ends: the trims and cuts every rule applies to its content span.

Reported content drops a trailing apposition or aside (`tail_cut`), a stance's object stops
before the subject's next predicate (`object_end`), and a quotation keeps both of its marks or
neither (`quotation_close`, `inside_quotation`, `before_unpaired_mark`).
"""

from __future__ import annotations

import re

from . import cues
from .candidate import Span
from .dates import DAY_NAME, MONTH_NAME
from .text import QUOTE_CHARS, wordset
from .words import (
    DANGLING,
    ED_ADJECTIVES,
    NOT_SOURCE_TAIL,
    VERBISH,
    has_verb,
    open_quotation,
    tokens,
)

#: Words that make a two-word content a fragment rather than an object ('with him').
_SHORT_OBJECT_STOP = (
    DANGLING
    | NOT_SOURCE_TAIL
    | cues.NON_NP_WORDS
    | (cues.PRONOUNS - {"his", "her", "their", "its"})
    | wordset("about with so too each just however also below")
)


def short_object(words: list[str]) -> bool:
    """Is a two-word content a plain object ('his resignation', 'racist things'), not a
    fragment ('with him', 'however, that')?"""
    return all(w.isalpha() and w.lower() not in _SHORT_OBJECT_STOP for w in words)


#: Only an opening quotation mark (after a comma, maybe: 'the show, “Brokers,”') between a cue
#: and its content (which starts at the mark or right inside it).
QUOTE_NEXT_RE = re.compile(r"\s*,?\s*[“\"][^\s“\"]?")
#: A trailing apposition, relative clause, comparison or source that ends reported content.
_TAIL_CUT_RE = re.compile(r",\s+(?:which|a|an|who|compared|according to|even(?= as))\s")

#: Where the content was said, closing it: '... would fail in an interview with the paper',
#: '... on Twitter'.
CHANNEL_TAIL_RE = re.compile(
    r"\s+(?:in|during|on)\s+(?:an?|the|his|her|their|its)\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?:interview|statement|appearance|broadcast|op-ed|speech|post|tweet)\b"
    r"(?:\s+(?:with|on|to|of)\s+[^,;:“”\"]*)?$"
    r"|\s+(?:on|via)\s+(?:Twitter|Facebook|Instagram|social media)$"
)

#: When, where or how something was said, right after its cue: ', on Tuesday', ' in a
#: statement', ' in an interview with Fox News'.
ADVERBIAL_RE = re.compile(
    r"^(?:\s*,)?\s*(?:(?:on|late|early|last|this|in|at|during|from|over|via|by|through|with)\s+)?"
    r"(?:(?:a|an|the|his|her|their|its)\s+)?"
    rf"(?:{DAY_NAME}|week|month|year|morning|"
    r"afternoon|evening|night|statement|interview|text exchange|text message|news conference|"
    r"press conference|speech|post|tweet|email|e-mail|letter|phone interview|telephone interview|"
    r"briefing|recent interview|written statement|brief statement|yesterday|today|earlier|later|"
    r"recently)\b(?:\s+(?:night|morning|afternoon|evening))?(?:\s+with\s+[\w’'.]+(?:\s+[A-Z][\w’'.]+)*)?"
    r"(?:\s*,)?\s*",
)

#: A 'that' opening a content clause: no content. Curators enter reported speech without it
#: ('Naim said there was no deal yet', as the seed's quotes are), so drafts need no trimming;
#: PolNeAR counts it in, which the evaluation's 80% overlap mostly absorbs.
_THAT_RE = re.compile(r"^\s*,?\s*that\b\s*", re.IGNORECASE)
#: 'expressed concern about the plan', 'claimed responsibility for the attack': the stance noun
#: and its preposition belong to the cue (PolNeAR), the content is what the stance is about.
_STANCE_NOUN_RE = re.compile(
    r"\s*(?:(?:a|an|his|her|their|its|no|little|some|any|deep|grave|serious|strong)\s+)?"
    r"(?:concerns?|support|interest|doubts?|discomfort|frustration|confidence|opposition|"
    r"responsibility|condolences|sympathy|regret|optimism|skepticism|outrage|anger|"
    r"disappointment|dismay|alarm|gratitude|appreciation|reservations|worries)\s+"
    r"(?:about|for|in|with|over|at|on|of|to)\s+"
)
#: The cues that take such a stance noun.
_EXPRESSING_CUES = wordset("expressed expressing signaled claimed")
#: An infinitive right after the object of a cue: 'urged Ruiz not to ...'.
_INFINITIVE_RE = re.compile(r"(?:not\s+)?to\s")
_CUE_PREPOSITION_RE = re.compile(r"\s*(?:about|for|against)\s+")
#: Words set off by commas or dashes between a cue and the 'that' of its content.
_ASIDE_BEFORE_THAT_RE = re.compile(
    r"[\s,—–-](?:(?!\bthat\b)[^.;:!?“”\"]){1,100}?[,—–-]\s*(?=that\s)"
)
_PREP_THAT_RE = re.compile(
    r"\s+(?:on|in|at|to|during|via|after|before|through|with|over|from|last|this|earlier|"
    rf"{DAY_NAME})\b[^,.;:]{{0,80}}?(?=\bthat\s)"
)


def content_start(text: str, cue: tuple[int, int], cue_word: str, end: int) -> int:
    """Where the content starts after a cue (before `end`): past an object ('told reporters'),
    an adverbial ('in a statement') and a 'that'."""
    start = cue[1]
    that_after = re.match(r"[^,.;:“\"]{0,80}?(?=\bthat\b)", text[start:end])
    if cue_word in cues.OBJECT_CUES and that_after:
        start += that_after.end()
    elif _PREP_THAT_RE.match(text, start, end):
        # 'announced via Twitter that ...', 'said on ABC's “This Week” that ...'
        start = _PREP_THAT_RE.match(text, start, end).end()
    elif (aside := _ASIDE_BEFORE_THAT_RE.match(text, start, end)) and not has_verb(
        tokens(aside.group(0))
    ):
        # 'argued, in a long letter, that ...', 'said during a town hall in Troy, Ohio,
        # that ...': an aside without a verb between the cue and its 'that'
        start = aside.end()
    elif cue_word in cues.OBJECT_CUES:
        start = _past_audience(text, start, end)
    adverbial = ADVERBIAL_RE.match(text[start:end])
    if adverbial and adverbial.end() > 0 and adverbial.group(0).strip():
        start += adverbial.end()
    that = _THAT_RE.match(text[start:end])
    if that:
        start += that.end()
    # 'wrote about the event', 'called for a recount', 'argued against it': the preposition
    # belongs to the cue
    preposition = _CUE_PREPOSITION_RE.match(text, start, end)
    if preposition:
        start = preposition.end()
    stance = _STANCE_NOUN_RE.match(text, start, end) if cue_word in _EXPRESSING_CUES else None
    if stance:
        start = stance.end()
    return start


def _past_audience(text: str, start: int, end: int) -> int:
    """The audience of 'told reporters (that) ...' is no content; the object of 'urged Ruiz to
    ...' is, as the subject of the infinitive (PolNeAR)."""
    audience = re.match(
        r"\s+(?:(?:the|a|an|his|her|their|reporters|journalists|him|her|them|us|me|"
        r"[A-Z][\w’'.&-]*|of|on|for|and)\s+){1,6}?(?=that\b|[a-z])",
        text[start:end],
    )
    if audience and not _INFINITIVE_RE.match(text, start + audience.end(), end):
        return start + audience.end()
    return start


def tail_cut(text: str, lo: int, hi: int) -> int:
    """Drop a trailing apposition or aside from a content clause ('..., down from 47 percent in
    2009', ' - an even more opaque process', '..., who ...' about its last noun, the narrator's
    '..., compared with 40 percent in May', another source's '..., according to X'); an
    apposition closed by a second comma ('the bill, which passed in May, is dead') stays, and so
    does one inside a quotation ('was “a disaster, which we will undo”': the speaker's own
    words)."""
    for m in _TAIL_CUT_RE.finditer(text, lo, hi):
        if len(tokens(text[lo : m.start()])) < 3:
            continue
        if m.group(0).startswith(",") and "," in text[m.end() : min(hi, m.end() + 60)]:
            continue
        if open_quotation(text[lo : m.start()]):
            continue
        return m.start()
    return hi


_CLOSING_MARK_RE = re.compile(r"[”\"]")
_QUOTE_LEAD_RE = re.compile(r"[^“”\"«»„.;!?]{1,80}?[,:]\s+(?=[“\"])")
#: When, where or how it was said, however long ('in the spring, when the story broke, “...”').
_ADVERBIAL_QUOTE_LEAD_RE = re.compile(
    r"(?:on|in|at|as|over|during|after|before|from|via|through)\s"
    r"[^“”\"«»„.;!?]{1,150}?[,:]\s+(?=[“\"])"
)


def skip_quote_lead(text: str, start: int, end: int) -> Span:
    """'told supporters, “Our nation is in trouble.”': the recipient or adverbial between the
    cue and a quotation ('supporters,', 'on Twitter on Monday:') is not part of the content,
    which is then the quotation itself. A lead with a verb or a pronoun stays, unless it opens
    with a preposition: then it tells when, where or how the quotation was said."""
    adverbial = _ADVERBIAL_QUOTE_LEAD_RE.match(text, start, end)
    if (
        adverbial is not None
        and not re.search(r"\bthat\b", adverbial.group(0))
        and not re.search(r"\bthat\s*$", text[max(0, start - 6) : start])
    ):
        # 'on Twitter on Monday, after the vote, “...”' (not '(said) that in her state, “...”',
        # where the phrase belongs to the reported clause)
        return Span(adverbial.end(), end)
    lead = _QUOTE_LEAD_RE.match(text, start, end)
    if lead is None:
        return Span(start, end)
    words = tokens(lead.group(0))
    if len(words) > 10 or has_verb(words) or any(w.lower() in cues.PRONOUNS for w in words):
        return Span(start, end)  # a clause of its own ('he appreciates a good, “peaceful protest”')
    return Span(lead.end(), end)


def quotation_close(text: str, start: int, end: int) -> int:
    """Content opening with a quotation ends no earlier than the quotation: a clause rule
    may have cut it at a comma inside ('“... we’ll do better, and I think ...”')."""
    if any(c in QUOTE_CHARS for c in text[start + 1 : end]):
        return end
    close = _CLOSING_MARK_RE.search(text, end)
    if close is None or any(c in "\n“" for c in text[end : close.start()]):
        return end
    return close.end()


def inside_quotation(text: str, start: int, end: int) -> Span:
    """Content that is one whole quotation loses its marks, as other direct quotes do."""
    if text[end - 1] in QUOTE_CHARS and not any(
        c in QUOTE_CHARS for c in text[start + 1 : end - 1]
    ):
        return Span(start + 1, end - 1)
    return Span(start, end)


_NEXT_PREDICATE_RE = re.compile(
    r"\s+(?:and|but)\s+(?:then\s+|also\s+|later\s+)?(?P<verb>[a-z][\w-]*)\b"
)
#: Inside a clause or a quotation the 'and' may belong to the object ('the athletes who
#: stopped and helped'), so no cut after any of these.
OBJECT_CLAUSE_RE = re.compile(
    r"\b(?:who|that|which|when|before|after|because|as|how|what|whether)\b|[,“\"]"
)


#: When or where the subject took its stance ('endorsed Cruz last week', 'praised him at a news
#: conference') is no part of its object; a day's possessive ('in Tuesday's vote') is.
OBJECT_TAIL_RE = re.compile(
    r"\s+(?:(?:last|this|next)\s+(?:week|month|year|weekend)\b"
    rf"|(?:on\s+|late\s+|early\s+)?{DAY_NAME}\b(?![’'])"
    rf"|in\s+{MONTH_NAME}\b|(?:on|in|during|at|after|before)\s+(?:a|an|the|his|her|their|its)\s+"
    r"(?:[\w’'-]+\s+){0,2}(?:rally|rallies|speech|interview|statement|tweet|debate|conference|"
    r"call|event|meeting|hall|hearing|appearance|post|video)\b)"
)


#: The narrator's apposition after a stance's object: ', the trade deal he once backed'.
THE_APPOSITION_RE = re.compile(r",\s+the\s")


def object_end(text: str, lo: int, hi: int) -> int:
    """A stance cue's object ends before the subject's next predicate ('denied the charges and
    sued the paper'): that predicate is something the subject did, not what it criticized."""
    for m in _NEXT_PREDICATE_RE.finditer(text, lo, hi):
        if OBJECT_CLAUSE_RE.search(text, lo, m.start()):
            return hi
        verb = m.group("verb")
        if (verb.endswith("ed") and verb not in ED_ADJECTIVES) or verb in VERBISH:
            return m.start()
    return hi


#: Where the referent of 'referring to' ends: before an apposition or relative clause
#: (', the chief negotiator', ', who ...'; 'the big, free-standing agencies' goes on) or a
#: 'but' ('referring to the mogul but not naming him').
_REFERENT_END_RE = re.compile(r",\s+(?=[a-z]+\b(?!-))|\s+but\s")


def participle_content_end(text: str, cue_word: str, lo: int, hi: int) -> int:
    """'..., referring to Ana Ruiz, the mayor.': that cue's content is the noun phrase it
    refers to, not what the writer adds about it; other participles' content runs to `hi`."""
    if cue_word != "referring to":
        return hi
    m = _REFERENT_END_RE.search(text, lo, hi)
    return m.start() if m else hi


def before_unpaired_mark(text: str, start: int, end: int) -> int:
    """Reported content that ends on a quotation mark without its pair ('she would win some
    states.”', the content having begun inside the quotation, or 'argued: “' before a direct
    quote) ends before that mark and the punctuation before it; a curator would see a stray
    mark. A partial quote kept whole ('the bridge was “a relic,”') keeps both marks."""
    marks = sum(1 for i in range(start, end) if text[i] in QUOTE_CHARS)
    if marks % 2 and end > start and text[end - 1] in QUOTE_CHARS:
        return trim_content(text, start, end - 1).end
    return end


def trim_content(text: str, start: int, end: int) -> Span:
    """text[start:end] without the spaces and punctuation at its edges."""
    while start < end and (text[start].isspace() or text[start] in ",:;—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
        end -= 1
    return Span(start, end)


def closed_quotation(inner: str, tail: str) -> bool:
    """Did the quotation end its own clause, so the words after it are the narrator's
    ('“Lock her up!” as he spoke', '“We will win,” referring to the rebels', '“We won,” and
    shared a link')?"""
    return inner[-1:] in "!?" or (
        inner[-1:] == "," and re.match(r"\s+(?:and\s+[a-z]+ed|[a-z]+ing)\b", tail) is not None
    )
