"""Rule-based attribution extraction: direct quotes, reported speech and 'according to' claims.

The pipeline, per paragraph:

1. find quotations (straight or curly marks; an unclosed quotation runs to the paragraph end,
   the newspaper convention for multi-paragraph quotes) and quote-aware sentences (a sentence
   also ends at a closing mark glued to the next one: '“... ahead!”Former governor Ruiz ...');
2. direct quotes: a quotation that stands alone in its clause is attributed to the speaker named
   before it ('X said, “...”', 'X said: “...”') or after it ('“...,” X said.', '“...,” said X.'); an
   unattributed quotation takes the speaker of another quotation in the same paragraph, a paragraph
   that is all quotation belongs to the previous speaker, and one after a paragraph ending in 'X
   said:' (or 'X released a statement:', 'Stated X:') to X, a short lead before that colon ('X
   issued the following statement:', or one opening with a preposition: 'X wrote about the plan for
   the city:') being no content of its own; also 'X did Y, saying, “...”' (or 'shouting', the
   clause's subject; 'with Y shouting' is Y's), 'X verb ...: “...”' (unless the quotation's own
   attribution follows it: 'X verb ...: “...,” Y said'; 'A, to which Y retorted: “...”' is Y's),
   'pollster Daron Shaw: “...”', 'More from the report: “...”' (or '-More from'), a name after a
   dash ('... - Ana Ruiz: “...”'), 'in the words of X, “...”', and ''...'' (the two-apostrophe
   convention); after a quotation that closed its clause with a comma, question or exclamation mark,
   any verb of its subject attributes it ('“...,” Hannity pressed.', '“...,” mused X.', '“...,” they
   conclude.'); a quotation resuming after a mid-sentence attribution ('“A,” said X, an economist,
   “B”', '“A,” X said, and “B”') keeps X, and the unquoted rest of a sentence after a partial quote
   ('X says “A” between B and C') belongs to the content (the PolNeAR convention), unless the
   quotation closed its own clause ('“Lock her up!” as he spoke', '“A,” referring to B'); '“A,” X
   said, adding, “B”' (or 'X said, “A,” adding, “B”') gives B its own cue; a quotation right after
   'X agreed.' is X's; an unattributed quotation continues the closest attributed one before it
   (unless reported speech came in between: '“A,” X said. X added that B. “C.”' gives C to 'added'),
   so does a sentence with no attribution that ends in a quotation after a short lead ('“A,” X said.
   The plan “B.”', lead and all), and a bare quote paragraph continues the previous speaker only
   after a paragraph that ended in a direct quote; content that opens with a quotation ('“the next
   president” should choose') is direct, but a lead before a quotation attributed after it is
   reported content with it ('In this race, “A,” said X', the PolNeAR convention); in 'The levy, she
   said, “will cost jobs.”' the sentence's start is reported content of the same attribution; a
   sentence that opens with a quotation and completes it ('“The money is there” for repairs.') is
   direct; in 'A, the mayor said, adding, “B”' B is the mayor's (and A the mayor's reported speech);
   a short title after 'told' or a possessive ('told ABC’s “This Week”'), or after 'the show,', is
   no quotation; a lead that opens with a preposition between the cue and the quotation ('said on
   Twitter on Monday, after the vote, “...”') is not content; 'As X put it, “...”', 'Said X, a
   nurse, “...”' and 'X, who tweeted, “...”' are X's; 'Ruiz: “A.” Chen: “B.”' labels each
   quotation's speaker, and so does a signature line under a quote paragraph ('- Ana Ruiz.', '- Ana
   Ruiz, Ohio.', which outranks the speaker of the paragraphs before); 'A - “B,” she said - and C'
   gives B to her and leaves A and C to the reported-speech rules, and 'A (“B,” wrote X) C' gives B
   to X, A and C being no content of X's; a sentence opening with a participle cue and its quotation
   ('Citing “B,” the aide said ...') gives it to the main clause's subject; a recipient or topic
   after the cue ('said to reporters, “...”', 'said of the mayor: “...”') is not content, and a
   topic is no speaker ('“We are thrilled” about the budget, said Ruiz': 'about' opens a share of a
   poll only before an amount, 'about 200 protesters'); an inverted source ends before an 'as'
   clause ('“...,” said Ruiz as she left'), and a modifier between a source and its cue is neither
   ('“...,” the site now says');
3. other sentences: 'according to X, ...', '..., according to X(, ...)' (X may be 'a survey released
   on Friday'), 'In a new poll, ...', '..., X said.', '..., said X.', '..., X told The Daily
   Herald.', 'X said (that) ...', 'X told reporters (that) ...' (but 'urged Ruiz to A' gives 'Ruiz
   to A'; a 'that' opening the content is not part of it, as curators enter reported speech, nor an
   aside before it: 'argued, in a letter, that A' gives A), stance verbs with their object ('called
   Trump “unhinged”'; 'expressed concern about A' gives A; not an apposition after it: 'railed
   against the pact, the deal he backed'), a participle clause ('..., saying that ...', '..., before
   adding that ...', '..., after initially saying ...', '..., while insisting ...') and coordinated
   clauses ('X said A, but Y warned B', '..., and urged B') each giving an attribution, and a new
   subject after ', and' ends the content ('X called A a sham, and Ruiz left'; not a list's last
   item); 'A, she said, B' (both halves; not B = 'on condition of anonymity'), relative clauses ('X,
   who predicted A, ...') in any sentence; 'Name: ...' paragraphs (headlines, transcripts; a short
   one in the body and not among turns is a subhead: 'Rubio: Finish second.') (cues:
   `cues.CUE_VERBS`, `cues.PARTICIPLE_CUES`); an absolute clause ('..., with 47 percent of voters
   saying A'); after a direct quote, its speaker's participle or coordinated clause ('“A,” X said,
   adding that B'; after 'referring to' only the referent, not its apposition); 'told reporters,
   “A”' is a direct quote of A; an unattributed quotation right after reported speech ('A “B,” he
   said. “C.”', or a quote paragraph after one ending in it) continues that content, also when the
   content opened with a partial quote ('“A” in B, she said. “C.”'); a speech noun after its
   possessor ('her promise to cut taxes'); a title-case headline takes title-cased cues ('Senator
   Endorses Cruz'); in a sentence with a direct quote, the clauses before the quote's attribution
   ('Ruiz said the bridge is “a relic,” but she added: “...”') are read for reported speech too;
   reported content never ends on a quotation mark without its pair; an attribution to a pronoun
   inside another one's reported content is left in it ('Ruiz said the council ignored what she
   called a crisis'); reported speech in a subordinate clause ends at the comma that closes it
   ('Although X said A, B', 'But when X said A, B', 'Hours after X said A, B', 'B, and while X said
   A, C'), and the main clause after it is read on its own ('While few voters said A, most residents
   said B'); a trailing apposition or relative clause ('..., down from 47 percent', '..., which
   ...') or another source's '..., according to X' is no content, unless inside a quotation, and
   neither is a closing occasion ('... in an interview with CNN', '... on Twitter'), nor the
   narrator's aside after a single dash ('... will win - a claim his rivals mock'), unless a
   conjunction follows it ('- and soon'); the subject of a clause is that of its main clause after
   an adverbial lead ('Back in May, the mayor said', 'Minutes later, she wrote', 'Likewise, a report
   had this to say') or a subordinate clause ('As the crowd cheered, his wife whispered'), not a
   name's apposition ('Ana Ruiz, a nurse,'), the source of a cue in a subordinate clause is that
   clause's subject ('The vote went ahead as two senators said ...'), and no dateline ('BOSTON, Jan.
   4 (AP) —') is a subject; a cue in -s that a plural verb follows after its complement is a noun
   ('Local calls for a truce have grown'), and so is a cue word after a determiner ('his demands
   have been met', 'but those plans were dropped', 'made no mention'), 'show' after a kind of
   programme ('a talk show') and a naming 'now called' ('the resort, now called Palm Links,'); a
   lower-case plural without a determiner is a source ('But hacking specialists say ...', 'records
   show'), and so is a quantity ('at least a dozen lawmakers', 'more than half of white women') and
   a noun phrase whose relative clause has a predicate of its own ('Two officials who spoke with the
   newspaper said'); a participle cue in the progressive is a cue of its own ('The mayor is telling
   voters that ...', 'He’s not saying which'), its source before the auxiliary; a two-word object is
   content when it is a plain noun phrase ('The governor announced his resignation', not 'with
   him'); words that two rules both reach are proposed once, by the more confident;
4. pronouns and bare descriptions ('he', 'the official') take the most recent compatible speaker
   (or, with a gazetteer, the most recently mentioned known person);
5. the date (see `dates`) and channel (`cues.CHANNEL_PATTERNS`) come from the attribution part
   of the sentence, never from the quoted content; the date falls back to an earlier sentence of
   the same paragraph ('On Tuesday, Biden ... he said, “...”');
6. the confidence, the probability that the candidate's attribution is right, combines the
   rule's constant with what the candidate shows (see `confidence`, fitted on train): a 'said'
   cue, a closed quotation with its speaker right after it, one of two quotations of one
   attribution ('“A,” X said, “B.”'), reported content that runs to the end of its sentence
   raise it; a short or far-off quotation, one of three or more of one attribution, reported
   content glued to its cue ('called the plan reckless'), cut at a clause boundary or
   overlapping other reported speech, a weak cue, a pronoun or a description as the source of
   reported speech lower it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from . import cues
from .confidence import attribution_evidence, evidence
from .confidence import confidence as candidate_confidence
from .dates import find_date
from .gazetteer import Gazetteer
from .text import (
    QUOTE_CHARS,
    Quote,
    find_quotes,
    normalize_quotes,
    paragraphs,
    sentences,
    wordset,
)

EXTRACTOR_VERSION = "rules-1.10"

Kind = str  # "direct" | "paraphrase" | "claim"


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
class _Speaker:
    source_start: int
    source_end: int
    cue_start: int
    cue_end: int
    person_key: str | None
    organization_key: str | None
    is_anonymous: bool
    said_on: dt.date | None
    channel: str
    pronoun: bool


#: Limits that keep the extractor linear on long or malformed input (an API accepts 200,000
#: characters): a 'sentence' longer than this is not prose and gets no reported-speech rules.
_MAX_SENTENCE = 2000
_ANTECEDENT_WINDOW = 50
#: At most this many characters (say, '” the mayor said on Tuesday.') between a direct quote and
#: a bare quote paragraph that continues it.
_QUOTE_PARAGRAPH_GAP = 150
_DATE_LOOKBACK = 1000
#: At most this many words before the quotation of an unattributed sentence that continues the
#: previous speaker ('For retirees, on the other hand, “...”').
_MAX_LEAD_WORDS = 8

_DATEISH_RE = re.compile(
    r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|"
    r"Nov|Dec)[a-z]*\.?\s*\d|\d\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|"
    r"\b(?:today|tonight|this morning|this afternoon|this evening|yesterday|last week|"
    r"last month|last year|recently)\b",
    re.IGNORECASE,
)
_TOKEN_RE = re.compile(r"\S+")
_ADVERBIAL_RE = re.compile(
    r"^(?:\s*,)?\s*(?:(?:on|late|early|last|this|in|at|during|from|over|via|by|through|with)\s+)?"
    r"(?:(?:a|an|the|his|her|their|its)\s+)?"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year|morning|"
    r"afternoon|evening|night|statement|interview|text exchange|text message|news conference|"
    r"press conference|speech|post|tweet|email|e-mail|letter|phone interview|telephone interview|"
    r"briefing|recent interview|written statement|brief statement|yesterday|today|earlier|later|"
    r"recently)\b(?:\s+(?:night|morning|afternoon|evening))?(?:\s+with\s+[\w’'.]+(?:\s+[A-Z][\w’'.]+)*)?"
    r"(?:\s*,)?\s*",
)
#: When the quotation was said ('“Thank you!” on Friday afternoon.'), not what.
_DATE_TAIL_RE = re.compile(
    r"\s+(?:on|last|this|early|late|earlier|later)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|week|month|year|morning|afternoon|evening|night)\b[\w\s]{0,20}?[.!?]?\s*"
)
#: A 'that' opening a content clause: no content. Curators enter reported speech without it
#: ('Naim said there was no deal yet', as the seed's quotes are), so drafts need no trimming;
#: PolNeAR counts it in, which the evaluation's 80% overlap mostly absorbs.
_THAT_RE = re.compile(r"^\s*,?\s*that\b\s*", re.IGNORECASE)
_DATE_LEAD_RE = re.compile(
    r"^(?:(?:on|late|early)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:night|morning|afternoon|evening))?\s+"
)


_ED_ADJECTIVES = frozenset(
    [
        "unnamed",
        "unidentified",
        "retired",
        "elected",
        "appointed",
        "related",
        "concerned",
        "based",
        "armed",
        "united",
        "detained",
        "informed",
        "advanced",
        "alleged",
        "disgraced",
        "embattled",
        "indicted",
        "jailed",
        "married",
        "respected",
        "renowned",
        "celebrated",
        "noted",
        "acclaimed",
        "self-described",
        "involved",
        "briefed",
        "aligned",
        "affiliated",
        "associated",
        "allied",
        "connected",
        "linked",
        "unaffiliated",
        "undecided",
        "registered",
        "licensed",
        "trained",
        "qualified",
        "experienced",
        "frustrated",
        "disappointed",
        "worried",
        "longtime",
    ]
)


def _ed_adjective(word: str) -> bool:
    """'retired', 'unnamed', 'undocumented': a participle used as an adjective (the negated
    ones, 'unaligned', 'unvaccinated', are never verbs)."""
    return word in _ED_ADJECTIVES or (word.startswith("un") and len(word) > 6)


_NOT_SOURCE_TAIL = wordset(
    """year years week weeks month months day days time times night morning afternoon
    evening ago"""
)
_DANGLING = frozenset(
    [
        "and",
        "or",
        "but",
        "of",
        "to",
        "for",
        "with",
        "in",
        "on",
        "at",
        "by",
        "from",
        "the",
        "a",
        "an",
    ]
)


def _words(text: str) -> list[str]:
    return _TOKEN_RE.findall(text)


def _is_capitalized(word: str) -> bool:
    w = word.lstrip("(\"“‘'")
    return bool(w) and (w[0].isupper() or w[0].isdigit())


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
_PARTICIPLE_MODIFIER_RE = re.compile(
    r"[a-z]+ed\s+(?:by|for|on|in|last|this|earlier|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b"
)


def _quantity_amount(words: list[str]) -> bool:
    return bool(words) and _QUANTITY_AMOUNT_RE.fullmatch(words[0].lower().strip(",")) is not None


#: A lower-case plural noun phrase of up to three words, a source without a determiner ('polls',
#: 'hacking specialists', 'campaign finance records').
_BARE_PLURAL_RE = re.compile(r"(?:[a-z]+[-\s]){0,2}[a-z]{3,}[^s\W]s")


def _np_ok(span: str) -> bool:
    """Does `span` look like a source noun phrase (not a clause)?"""
    span = span.strip()
    if not span or any(c in QUOTE_CHARS for c in span):
        return False
    words = _words(span)
    if not words or len(words) > 16:
        return False
    first = words[0].lower().strip(",")
    if first == "at" and len(words) > 2 and words[1] in {"least", "most"}:
        words, first = words[1:], words[1]  # 'at least a dozen members of Congress'
    if len(words) == 1 and first in cues.PRONOUNS:
        return True
    if first in cues.PRONOUNS and first not in {"his", "her", "their", "its"}:
        return False
    # A lower-case descriptor may precede a name: 'former Wisconsin Gov. Jim Doyle',
    # 'councilmember Mark Levine', 'pollster Frank Luntz'.
    descriptor = (
        first.isalpha()
        and first not in cues.LEADING_JUNK
        and first not in cues.NON_NP_WORDS
        and first not in _DANGLING
        and not _verbish(words[0], "")
        and (
            any(_is_capitalized(w) for w in words[1:5])
            # or before a role noun: 'political experts', 'campaign officials'
            or (len(words) <= 3 and words[-1].lower() in cues.ROLE_NOUNS)
            # or a plural on its own: 'But hacking specialists say', 'though records show'
            or _BARE_PLURAL_RE.fullmatch(" ".join(words)) is not None
        )
    )
    if not (
        _is_capitalized(words[0])
        or first in cues.DETERMINERS
        or first in cues.ROLE_NOUNS
        or (_QUANTITY_RE.fullmatch(first) and (first != "about" or _quantity_amount(words[1:2])))
        or descriptor
    ):
        return False
    # Clause words are only allowed inside an apposition ('X, who has ...').
    head = span.split(",")[0]
    head_words = _words(head)
    for i, w in enumerate(head_words):
        low = w.lower().strip(",.")
        if low == "to" and i > 0 and head_words[i - 1].lower() in cues.ROLE_NOUNS:
            continue  # 'Aides to Clinton'
        if low == "to" and _to_noun_phrase(head_words, i):
            continue  # 'the delegation to the forum', 'sources close to her campaign'
        if low == "than" and i > 0 and head_words[i - 1].lower() in {"more", "less", "fewer"}:
            continue  # 'More than half of the respondents'
        if low in cues.NON_NP_WORDS:
            return False
        if low.endswith("ed") and i > 0 and head_words[i - 1].lower() == "those":
            continue  # 'those surveyed', 'those polled'
        if low.endswith("ed") and i > 1 and _PARTICIPLE_MODIFIER_RE.match(head, head.find(w)):
            continue  # 'A poll released Sunday', 'a survey conducted by Gallup'
        if low.endswith("ed") and i > 0 and head_words[i - 1].lower() in {"a", "an", "the"}:
            continue  # an adjective after an article: 'A redacted copy of the memo'
        if low.endswith("ed") and w[0].islower() and "-" not in w and not _ed_adjective(low):
            return False  # a past-tense verb: 'Netanyahu met ... and pledged'
    if head_words and head_words[-1].lower() in _DANGLING:
        return False
    # case-sensitive: 'this year' is not a source, 'The Seattle Times' is
    if len(words) > 1 and words[-1].strip(",.") in _NOT_SOURCE_TAIL:
        return False  # 'Republicans who', 'this year'
    return all(w.lower().strip(",.") not in {"said", "says", "that"} for w in words)


_SHORT_OBJECT_STOP = (
    _DANGLING
    | _NOT_SOURCE_TAIL
    | cues.NON_NP_WORDS
    | (cues.PRONOUNS - {"his", "her", "their", "its"})
    | wordset("about with so too each just however also below")
)


def _short_object(words: list[str]) -> bool:
    """Is a two-word content a plain object ('his resignation', 'racist things'), not a
    fragment ('with him', 'however, that')?"""
    return all(w.isalpha() and w.lower() not in _SHORT_OBJECT_STOP for w in words)


_OBJECT_PRONOUNS = wordset("his her their its him them")


def _to_noun_phrase(words: list[str], i: int) -> bool:
    """Does 'to' at words[i] join two noun phrases (a determiner or a name follows and no verb
    precedes), unlike the infinitive in 'Trump wants to ...'?"""
    if i == 0 or i + 1 >= len(words) or _verbish(words[i - 1], words[i - 2] if i > 1 else ""):
        return False
    nxt = words[i + 1]
    # 'a source close to him'
    return nxt.lower() in cues.DETERMINERS | _OBJECT_PRONOUNS or nxt[0].isupper()


#: A news dateline opening an article: 'BOSTON —', 'NEW YORK, Jan. 4 (AP) -'.
_DATELINE_RE = re.compile(
    r"\s*[A-Z][A-Z.’' ]*[A-Z](?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?(?:\s*\([A-Z]+\))?"
    r"\s*(?:—|–|--|-)\s*"
)


def _strip_leading(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a dateline, conjunctions, date leads and subordinators ('BOSTON —', 'But', 'On
    Tuesday', 'Just hours after') from the start of a span."""
    dateline = _DATELINE_RE.match(text, start, end)
    if dateline:
        start = dateline.end()
    changed = True
    while changed and start < end:
        changed = False
        seg = text[start:end]
        m = re.match(r"\s*([\w’']+)\s+", seg)
        if m and m.group(1).lower() in cues.LEADING_JUNK:
            start += m.end()
            changed = True
            continue
        m = _DATE_LEAD_RE.match(seg) or _SUBORDINATE_LEAD_RE.match(seg)
        if m:
            start += m.end()
            changed = True
    while start < end and text[start].isspace():
        start += 1
    return start, end


_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
#: When or where a source spoke, between it and the cue ('Spicer on Thursday evening said',
#: 'The mayor in a statement said').
_SOURCE_ADVERBIAL_TAIL_RE = re.compile(
    rf"(?:\s+(?:(?:on|late|early)\s+)?{_DAY}(?:\s+(?:morning|afternoon|evening|night))?"
    r"|\s+(?:(?:earlier|late|early)\s+)?(?:last|this)\s+(?:week|month|year|weekend)"
    rf"|\s+(?:on|in)\s+{_MONTH}(?:\s+\d+)?"
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


def _source_before(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The source NP ending right before a cue at `hi` (text[lo:hi] is the clause before it)."""
    src = _noun_phrase_before(text, lo, hi)
    if src is not None and _POSSESSOR_END_RE.search(text, *src):
        return None
    return src


def _noun_phrase_before(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The noun phrase (or apposition) ending right before `hi`, a source if it is no
    possessor."""
    seg = text[lo:hi]
    m = cues.MODIFIERS_TAIL_RE.search(seg)
    if m:
        hi = lo + m.start()
        seg = text[lo:hi]
    m = _SOURCE_ADVERBIAL_TAIL_RE.search(seg)
    # the date of a participle stays with it: 'The report published Tuesday'
    if m and m.start() > 0 and not re.search(r"[a-z]ed$", seg[: m.start()]):
        hi = lo + m.start()
        seg = text[lo:hi]
    stripped = seg.rstrip()
    if not stripped:
        return None
    hi = lo + len(stripped)
    dash = re.search(r"\s(?:-|—|–|--)$", stripped)
    if stripped.endswith(",") or dash is not None:
        # 'Zaher Jabareen, another member of Hamas’ leadership, said' (or an aside between
        # dashes: 'some economists - including two Fed governors - warn')
        body_end = lo + dash.start() if dash is not None else hi - 1
        parts = list(_comma_parts(text, lo, body_end))
        if not parts:
            return None
        appos = parts[-1]
        head = parts[-2] if len(parts) >= 2 else None
        first = _strip_leading(text, *parts[0])
        if (
            len(parts) >= 3
            and _is_capitalized(text[first[0]])
            and all(_np_ok(text[a:b]) for a, b in [first, *parts[1:]])
        ):
            # 'Ana Ruiz, a delegate from Austin, Texas, said': a name with a long apposition
            return first[0], body_end
        if head is not None:
            hs, he = _strip_leading(text, *head)
            if _np_ok(text[hs:he]) and len(_words(text[hs:he])) <= 6:
                return hs, body_end
            # 'It was three years ago that Michael Bloomberg, who ..., said': the name at the end
            name = re.search(r"(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]+$", text[hs:he])
            if name is not None and _np_ok(name.group(0)):
                return hs + name.start(), body_end
        s, e = _strip_leading(text, *appos)
        return (s, e) if _np_ok(text[s:e]) else None
    parts = _comma_parts(text, lo, hi)
    s, e = _strip_leading(text, *parts[-1])
    # 'The vote went ahead as two senators said': the source is the subordinate clause's
    # subject ('as well as', 'such as' join names instead)
    joining = [m.span() for m in _AS_JOINING_RE.finditer(text, s, e)]
    for w in _TOKEN_RE.finditer(text, s + 1, e):
        lead = _SUBORDINATE_LEAD_RE.match(text, w.start(), e)
        if lead is not None and not any(a <= w.start() < b for a, b in joining):
            s = lead.end()
    aside = re.search(r"\s*\([^()]*\)$", text[s:e])
    if aside is not None and aside.start() > 0 and _np_ok(text[s : s + aside.start()]):
        return s, e  # 'Kasich (who has 25 delegates to date) said'
    if not _np_ok(text[s:e]):
        # 'Hawkins and others who want to ban abortion said': the NP before the relative clause
        rel = re.search(r"\s(?:who|whose|that)\s", text[s:e])
        if rel is not None and _np_ok(text[s : s + rel.start()]):
            return s, s + rel.start()
        return None
    return s, e


def _comma_parts(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The clause pieces between commas, semicolons and colons ('... lean left: 42% say')."""
    parts = []
    cur = lo
    for m in re.finditer(r"[,;:]|\s(?:-|—|–|--)\s", text[lo:hi]):
        parts.append((cur, lo + m.start()))
        cur = lo + m.end()
    parts.append((cur, hi))
    out = []
    for s, e in parts:
        # a quotation closing after the comma ('... of public sector jobs,” Sanders said')
        while s < e and (text[s].isspace() or text[s] in '”"'):
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append((s, e))
    return [p for p in out if p[1] > p[0]] or [(lo, hi)]


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


def _source_after(
    text: str, lo: int, hi: int, np_ok: Callable[[str], bool] = _np_ok
) -> tuple[int, int] | None:
    """The source NP right after an inverted cue ('said a second Hamas official, who ...')."""
    seg = text[lo:hi]
    m = re.match(r"\s*", seg)
    s = lo + (m.end() if m else 0)
    stops = [_SOURCE_AFTER_STOP_RE.search(text, s, hi)]
    if stops[0] is not None and _PARTICIPLE_MODIFIER_RE.search(text, s, stops[0].end()):
        # 'according to a survey released on Friday': the participle keeps its date
        stops.append(_SOURCE_AFTER_PUNCTUATION_RE.search(text, s, hi))
    for stop in stops:
        e = stop.start() if stop else hi
        while e > s and text[e - 1] in " .":
            e -= 1
        if e > s and np_ok(text[s:e]):
            return s, e
    return None


def _reference_ok(span: str) -> bool:
    """After 'according to' any short noun phrase is a source, lower-case ones included
    ('according to early returns', 'according to exit polls')."""
    words = _words(span)
    if not words or len(words) > 16 or any(c in QUOTE_CHARS for c in span):
        return False
    first = words[0].lower()
    return _np_ok(span) or (
        first.isalpha()
        and first not in cues.PRONOUNS
        and first not in _DANGLING
        and not any(w.lower() in cues.NON_NP_WORDS for w in words)
    )


#: Whom or what a quotation was said to or about, between the cue and the quotation: ' to her
#: 2,000 followers', ' of Mr. Chen' (the topic of 'said of', never the speaker).
_RECIPIENT_OR_TOPIC_RE = re.compile(
    r"\s+(?:to|of|about)\s+(?P<first>[\w’']+\.?)(?:\s+[\w’'.,]+){0,3}?(?=\s*(?:,\s|:|$))"
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
_VERBISH = wordset(
    """is was are were has have had will would can could should may might must did does do
    also then later again still hit took made went came met gave spoke sent put set got ran won
    lost kept left held began stood sat brought felt saw knew became seemed appeared fired shot
    took spent led sought struck wants want plans hopes fears sees calls says took shook nodded
    smiled laughed paused turned stopped grew drew threw rose fell broke wrote thought told
    stepped walked sighed shrugged"""
)


def _verbish(word: str, prev: str) -> bool:
    low = word.lower().strip(",.:;")
    if not low or not word[0].islower():
        return False
    if low in _VERBISH or low in cues.CUE_VERBS or low in cues.PARTICIPLE_CUES:
        return True
    if low.endswith("ed") and low not in _ED_ADJECTIVES:
        return True
    return (
        low.endswith("s")
        and not low.endswith(("ss", "'s", "’s", "us", "is"))
        and _is_capitalized(prev)
        and prev.lower() not in cues.DETERMINERS
        and low not in cues.ROLE_NOUNS
        and low not in cues.DETERMINERS
    )


#: A noun and its complement before the plural verb they are the subject of: 'calls for a
#: truce have grown', 'claims about the economy were false'.
_PLURAL_SUBJECT_TAIL_RE = re.compile(
    r"\s+(?:for|about|of|on|against|from|over|in|to|with|and)\s"
    r"(?:(?!\b(?:who|whom|that|which|where|when)\b)[^,;:“\"])*?\s(?:have|are|were)\s"
)


def _plural_noun_cue(text: str, start: int, end: int, hi: int) -> bool:
    """Is the cue ending in -s at text[start:end] a plural noun ('International calls for a
    truce have grown')? Then the verb after its complement agrees with it."""
    word = text[start:end]
    return (
        word.endswith("s")
        and not word.endswith("ss")
        and _PLURAL_SUBJECT_TAIL_RE.match(text, end, hi) is not None
    )


_SUBJECT_PRONOUNS = wordset("i you he she it we they")


def _subject(text: str, lo: int, hi: int) -> tuple[tuple[int, int], int] | None:
    """The subject NP opening the clause text[lo:hi] and where its verb starts:
    ('Rubio', 'fired back:') for 'Rubio fired back:'; None when no plain NP leads."""
    s, _ = _strip_leading(text, lo, hi)
    if any(_SUBORDINATE_LEAD_RE.match(text, w.start(), s) for w in _TOKEN_RE.finditer(text, lo, s)):
        # 'As the crowd cheered, his wife whispered:': the subject is the main clause's, after
        # the comma or dash that closes the subordinate clause
        ends = [*_CLAUSE_COMMA_RE.finditer(text, s, hi), *_DASH_RE.finditer(text, s, hi)]
        for end in sorted(ends, key=lambda m: m.start()):
            main = _main_clause_subject(text, end.end(), hi)
            if main is not None:
                return main
    m = _INTRO_PHRASE_RE.match(text, s, hi)
    if m:
        s = m.end()
    s, _ = _strip_leading(text, s, hi)
    words = list(_TOKEN_RE.finditer(text, s, hi))
    for k in range(1, min(len(words), 12)):
        prev = words[k - 1].group(0)
        if prev.endswith(","):
            if k == 1 and words[k].group(0).lower() in _SUBJECT_PRONOUNS:
                return None  # 'Wait, it gets better:': an interjection, not an apposition
            if words[k].group(0) == "but":
                return None  # '... for drinks and speakers, but said': no subject, a predicate
            end = words[k - 1].end() - 1
            main = (
                None
                if _NAME_ONLY_RE.fullmatch(text, s, end)
                else _main_clause_subject(text, words[k].start(), hi)
            )
            if main is not None:
                return main  # 'Back in May, the mayor said:': the phrase was adverbial
            return ((s, end), words[k].start()) if _np_ok(text[s:end]) else None
        verb = words[k]
        if cues.LY_ADVERB_RE.fullmatch(verb.group(0)) and k + 1 < len(words):
            verb = words[k + 1]  # 'She quickly noted': an adverb between subject and verb
        if _verbish(verb.group(0), prev):
            if verb.group(0).endswith(",") and k + 1 < len(words):
                # 'Minutes later, she wrote:': 'later' closed an adverbial, not a subject
                main = _main_clause_subject(text, words[k + 1].start(), hi)
                if main is not None:
                    return main
            end = words[k - 1].end()
            if _np_ok(text[s:end]):
                return (s, end), words[k].start()
            return None
    return None


_RELATIVE_WORDS = wordset("who whose whom which where that")


def _main_clause_subject(text: str, lo: int, hi: int) -> tuple[tuple[int, int], int] | None:
    """The subject of a clause after a comma when it is directly followed by its verb ('the
    mayor said' after 'Likewise,'): the words before that comma were an adverbial, not the
    subject; an apposition ('Ana Ruiz, a nurse, said') has a comma before its verb."""
    subj = _subject(text, lo, hi)
    if subj is None or text[subj[0][1] : subj[1]].strip():
        return None
    if _words(text[subj[0][0] : subj[0][1]])[0] in _RELATIVE_WORDS:
        return None  # 'Mr. Ruiz, who was mayor,': a relative clause, not a main clause
    return subj


_IN_SOURCE_RE = re.compile(
    r"\W*(?P<cue>In)\s+(?P<src>(?:(?:a|an|the|his|her|their|its|this|that|recent|new|latest)\s+)+"
    r"[^,]{0,60}?\b(?:[Pp]oll|[Ss]urvey|report|memo|op-ed|column|filing|study|analysis|editorial|"
    r"book|memoir|affidavit|complaint|lawsuit|ruling|audit|review)s?"
    # rules-1.7: and its date or author ('released Sunday', 'conducted by Gallup')
    r"(?:\s+(?:released|conducted|published|taken|out)\b[^,]{0,60})?)\s*,\s+(?!.*:\s*$)"
)
#: A body paragraph 'Name: ...' this short is a subhead unless it is among transcript turns.
_MAX_SUBHEAD_WORDS = 5
_SPACE_RE = re.compile(r"\s*")
_SPEAKER_COLON_RE = re.compile(r"([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4}):\s+(?=\S)")
_SENTENCE_BREAK_RE = re.compile(r"[.!?][\"”’']*\s+[“\"A-Z]")
_NOT_SPEAKER_LABELS = wordset(
    """note update updated correction disclosure related photo photos video watch read listen
    editor’s editor's source sources graphic chart map caption clarification advertisement
    washington transcript contributing exclusive breaking boom wow name latest the q a
    revealed look byline paid stat"""
)
_CONNECTIVE_PREFIX_RE = re.compile(
    r"\s*(?:And|But|Then|Later|Still|Now|So|Also|Yet|Finally|Instead|However|Again|Plus)"
    r"[\s,:;—–-]*$"
)
#: A name and nothing else before a colon: 'Bush:', 'Sen. Ana Ruiz:'.
_LABEL_COLON_RE = re.compile(r"([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}):")
_NAME_BEFORE_COLON_RE = re.compile(r"((?:[A-Z][\w.’'-]*\s+){1,4}[A-Z][\w’'-]+)\s*:$")
_PARTICIPLE_CLAUSE_RE = re.compile(
    rf",[”\"’']*\s+(?:(?:also|then|later|again|before|while|after|when|without)\s+)?"
    rf"(?:(?-i:{cues.LY_ADVERB_RE.pattern})\s+)?(?:{cues.PARTICIPLE_RE.pattern})"
)
#: An absolute clause with its own subject: '..., with 47 percent of voters saying ...'.
_WITH_PARTICIPLE_RE = re.compile(
    rf"\bwith\s+(?P<src>[^,;:“\"]{{1,80}}?)\s+(?:{cues.PARTICIPLE_RE.pattern})"
)
#: The subject of an absolute clause ending right before its participle cue: ', with the
#: mayor reportedly '.
_WITH_BEFORE_PARTICIPLE_RE = re.compile(r"\bwith\s+(?P<src>[^,;:“\"]{1,80})$")
#: A relative clause answering the one before it: ', to which ', ', after which '.
_PREPOSITION_WHICH = r"(?:to|at|upon|after)\s+which"
_PREPOSITION_WHICH_RE = re.compile(rf",\s+{_PREPOSITION_WHICH}\s+")
#: '... and says', '... and again pledged': a cue coordinated with an earlier predicate.
_COORDINATED_BEFORE_RE = re.compile(rf"\s(?:and|but)\s+(?:{cues.CUE_MODIFIER_PATTERN}\s+)*$")
_COORDINATED_CUE_RE = re.compile(
    rf"(?:,\s*|\s+)(?:and|but|before)\s+(?:then\s+|also\s+)?(?:{cues.CUE_RE.pattern})"
)
_COORDINATION_RE = re.compile(
    r"(?:,\s*|\s+)(?:and|but|while|whereas|although|though)\s+(?=\S)"
    r"|;\s+|,\s+(?=[A-Z]|he |she |they )"
)


_RELATIVE_CUE_RE = re.compile(
    rf",\s+(?:who|which)\s+(?:{cues.CUE_MODIFIER_PATTERN}\s+)*{cues.CUE_RE.pattern}"
)
_OBJECT_RELATIVE_RE = re.compile(
    r"\b(?:which|what)\s+(?P<src>he|she|they|we|I|critics|officials|aides|experts)\s+"
    rf"(?:{cues.CUE_MODIFIER_PATTERN}\s+)*{cues.CUE_RE.pattern}"
)
_TRAILING_NAME_RE = re.compile(r"(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]+$")
#: Cues that attribute a quotation ('“...,” she continued', 'As she put it, “...”') but rarely a
#: clause: 'He continued his attack', 'She offered her support', 'He put it on the table',
#: 'She answered questions for an hour'.
_QUOTE_ONLY_CUES = (
    frozenset({"continued", "offered", "answered", "answers", "beamed"}) | cues.QUOTATION_CUES
)
#: Cues that are also nouns or naming verbs: a quotation right after one is a title.
_NAMING_CUES = frozenset({"called", "calls", "show", "shows"})
#: A name and nothing else after 'called': named or phoned, not judged.
_NAME_ONLY_RE = re.compile(r"[A-Z][\w.’'&-]*(?:\s+[A-Z][\w.’'&-]*)*")
#: A quotation right after a participle cue ('..., adding, “B.”', '..., saying: “B”').
_QUOTATION_AFTER_CUE_RE = re.compile(r"[\s,:]*[“\"]")
#: Only an opening quotation mark (after a comma, maybe: 'the show, “Brokers,”') between a cue
#: and its content (which starts at the mark or right inside it).
_QUOTE_NEXT_RE = re.compile(r"\s*,?\s*[“\"][^\s“\"]?")
#: 'see' is mostly literal ('she saw the crowd'); only 'X sees Y as Z' states a view.
_VIEW_CUES = frozenset({"see", "sees", "saw"})
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
_VIEW_AS_RE = re.compile(r"[^,.;:“\"]{1,60}?\sas\s")


#: A determiner right before a cue word makes it a noun: 'the plans', 'those plans', 'his
#: claims', 'made no mention'.
_DETERMINER_BEFORE_RE = re.compile(
    r"\b(?:[Tt]he|THE|[Aa]n?|[Nn]o|[Aa]ny|mere|[Tt]his|[Tt]hese|[Tt]hose|[Hh]is|[Hh]er|[Tt]heir|"
    r"[Ii]ts|[Oo]ur|[Mm]y|[Yy]our)\s+$"
)


def _clause_cue(m: re.Match[str]) -> bool:
    """Does a cue match attribute a clause (not 'continued', a literal 'saw' nor 'found
    itself')?"""
    cue = m.group("cue").lower()
    if cue in _QUOTE_ONLY_CUES or (cue == "found" and _REFLEXIVE_RE.match(m.string, m.end())):
        return False
    if _DETERMINER_BEFORE_RE.search(m.string, max(0, m.start("cue") - 12), m.start("cue")):
        return False  # 'the plans', 'made no mention of', 'a call': a noun, not a cue verb
    if cue in _NAMING_CUES and _PROGRAMME_KIND_BEFORE_RE.search(
        m.string, max(0, m.start() - 14), m.start()
    ):
        return False  # 'TV shows', 'a talk show'
    if cue in _NAMING_CUES and _NOW_BEFORE_RE.search(m.string, max(0, m.start() - 8), m.start()):
        return False  # 'the resort, now called Palm Links,' names it
    if _PARTICLE_UP_RE.match(m.string, m.end()) or (
        cue in _NAMING_CUES and _SHOW_HOST_RE.match(m.string, m.end())
    ):
        return False  # 'she showed up at the rally', 'talk show host Glenn Beck'
    if cue in {"compared", "comparing"} and _WITH_RE.match(m.string, m.end()):
        return False  # '..., compared with 40 percent in May' compares figures
    if _ANONYMITY_RE.match(m.string, m.end()):
        return False
    return cue not in _VIEW_CUES or _VIEW_AS_RE.match(m.string, m.end()) is not None


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
#: rules-1.7: a speech noun after its possessor: 'his promise to build', 'Trump's attacks on'.
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
_QUOTED_RE = re.compile(r"[“\"][^“”\"]*[”\"]")
#: A source's relative clause not closed yet: a cue inside it is not the attribution's.
_OPEN_RELATIVE_RE = re.compile(r"[^,]+,\s+(?:who|whose|whom)\b[^,]*$")
#: Coordinated adjectives before a source noun ('the bespectacled, 71-year-old diplomat').
_ADJECTIVE_LIST_RE = re.compile(r"(?:the|a|an)\s+[a-z][\w-]*(?:,\s*[a-z][\w-]*)*,\s*")
#: A sentence that opens with a subordinate clause ('Although X said A, B'), maybe after a
#: connective ('But when X said A, B', 'However, while ...') or a span of time ('Hours after X
#: said A, B'); matched at a token, it finds one in a clause's lead too.
_SUBORDINATE_LEAD_RE = re.compile(
    r"\W*(?:(?:But|And|Yet|So|Indeed|However|Still|Now),?\s+)?"
    r"(?i:(?:just|only|shortly|moments|minutes|hours|days|weeks|months|years|long|soon)\s+){0,2}"
    r"(?i:although|though|while|whereas|even as|even though|even if|as|when|after|before|"
    r"because|since|if|until|once|whether|now that)\s"
)
#: A comma between clauses, not inside a number ('1,265').
_CLAUSE_COMMA_RE = re.compile(r",[”\"]?(?=\s)")


def _in_subordinate_clause(text: str, lo: int, hi: int) -> bool:
    """Does text[lo:hi], the words before a cue, open a subordinate clause that has not been
    closed by a comma ('Although Ruiz', 'Back then, when the mayor', 'as some senators')?"""
    return any(
        (lead := _SUBORDINATE_LEAD_RE.match(text, w.start(), hi)) is not None
        and not _CLAUSE_COMMA_RE.search(text, lead.end(), hi)
        for w in _TOKEN_RE.finditer(text, lo, hi)
    )


#: An answer is content on its own ('75 percent of Democrats said yes').
_ANSWER_RE = re.compile(r"yes|no", re.IGNORECASE)
_TAIL_CUT_RE = re.compile(r",\s+(?:which|a|an|who|compared|according to|even(?= as))\s")
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
#: Where the content was said, closing it: '... would fail in an interview with the paper',
#: '... on Twitter'.
_CHANNEL_TAIL_RE = re.compile(
    r"\s+(?:in|during|on)\s+(?:an?|the|his|her|their|its)\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?:interview|statement|appearance|broadcast|op-ed|speech|post|tweet)\b"
    r"(?:\s+(?:with|on|to|of)\s+[^,;:“”\"]*)?$"
    r"|\s+(?:on|via)\s+(?:Twitter|Facebook|Instagram|social media)$"
)
_CUE_PREPOSITION_RE = re.compile(r"\s*(?:about|for|against)\s+")
#: Words set off by commas or dashes between a cue and the 'that' of its content.
_ASIDE_BEFORE_THAT_RE = re.compile(
    r"[\s,—–-](?:(?!\bthat\b)[^.;:!?“”\"]){1,100}?[,—–-]\s*(?=that\s)"
)
_PREP_THAT_RE = re.compile(
    r"\s+(?:on|in|at|to|during|via|after|before|through|with|over|from|last|this|earlier|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b[^,.;:]{0,80}?(?=\bthat\s)"
)


def _tail_cut(text: str, lo: int, hi: int) -> int:
    """Drop a trailing apposition or aside from a content clause ('..., down from 47 percent in
    2009', ' - an even more opaque process', '..., who ...' about its last noun, the narrator's
    '..., compared with 40 percent in May', another source's '..., according to X'); an
    apposition closed by a second comma ('the bill, which passed in May, is dead') stays, and so
    does one inside a quotation ('was “a disaster, which we will undo”': the speaker's own
    words)."""
    for m in _TAIL_CUT_RE.finditer(text, lo, hi):
        if len(_words(text[lo : m.start()])) < 3:
            continue
        if m.group(0).startswith(",") and "," in text[m.end() : min(hi, m.end() + 60)]:
            continue
        if _open_quotation(text[lo : m.start()]):
            continue
        return m.start()
    return hi


_CLAUSE_BOUNDARY_RE = re.compile(
    r"\b(?:that|is|was|are|were|why|because|as|so|while|when|if|where)\s+", re.IGNORECASE
)


def _embedded_subject(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The subject of a cue inside a larger clause: 'That is why critics say ...', 'One thing in
    her favor is that 78 percent of voters said ...': the noun phrase after the last clause
    boundary."""
    starts = [m.end() for m in _CLAUSE_BOUNDARY_RE.finditer(text, lo, hi)]
    if not starts:
        return None
    s, e = _strip_leading(text, starts[-1], hi)
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e) if e > s and _np_ok(text[s:e]) else None


#: Cues whose content may open with 'to' ('vowed to fight', 'wants to bring back the 1990s');
#: after other cues 'to'/'by' starts a recipient or an agent ('said to be', 'told by').
_TO_CONTENT_CUES = wordset(
    """told vowed promised pledged threatened urged asked agreed declined refused want wants
    hope hopes hoped plans planned sought seeks intends pledges vows threatens"""
)

#: Stance and intention cues: their content is their object or infinitive, never the clause
#: before them ('Facing a deficit, the council sought ...', 'In May, she defended ...').
_FORWARD_CONTENT_CUES = cues.OBJECT_CONTENT_CUES | (_TO_CONTENT_CUES - {"told"})


def _is_relative(text: str, src: tuple[int, int]) -> bool:
    """'..., who predicted X', 'others who want to ...', 'a bully who has repeatedly pledged
    ...': the cue is in a relative clause (attributed by `_relative_clauses`); an apposition
    closed by a comma ('Ana Ruiz, who opposed the tax, said') is not."""
    last = text[src[0] : src[1]].rsplit(",", 1)[-1]
    who = list(re.finditer(r"(?:^|\s)who\b", last, re.I))
    if text[src[1] : src[1] + 1] == "," or not who:
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


def _antecedent_np(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The noun phrase a relative clause at `hi` hangs on ('said Ana Borges' -> 'Ana Borges')."""
    s, e = _comma_parts(text, lo, hi)[-1]
    s, e = _strip_leading(text, s, e)
    inverted = _INVERTED_CUE_LEAD_RE.match(text, s, e)
    if inverted is not None:
        s = inverted.end()  # '“...,” said Ana Ruiz, who added that ...'
    if _np_ok(text[s:e]):
        return s, e
    name = _TRAILING_NAME_RE.search(text, s, e)
    if name is not None and _np_ok(name.group(0)):
        return name.start(), name.end()
    return None


def _trailing_participle(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The participle cue ending text[lo:hi] ('she said, adding, '), if any."""
    seg = text[lo:hi].rstrip(" ,:")
    last = max(cues.PARTICIPLE_RE.finditer(seg), key=lambda m: m.start(), default=None)
    if last is None or seg[last.end() :].strip():
        return None
    return lo + last.start(), lo + last.end()


def _has_verb(words: list[str]) -> bool:
    return any(_verbish(w, words[i - 1] if i else "") for i, w in enumerate(words))


def _is_intro(text: str, s: int, comma: int) -> bool:
    """Is text[s:comma] only an introductory phrase ('In her speech,', 'Through a spokeswoman,')?
    Then the comma opens 'X declared ...' rather than closing content attributed by it. A
    phrase with a verb ('Last year only 32 percent opposed it,') is a clause."""
    m = _INTRO_PHRASE_RE.match(text, s, comma + 1)
    if m is None or m.end() < comma + 1:
        return False
    return not _has_verb(_words(text[s:comma]))


#: ', who ' right before a cue (and its modifiers).
_WHO_BEFORE_CUE_RE = re.compile(rf",\s+who\s+(?:{cues.CUE_MODIFIER_PATTERN}\s+)*$")
#: 'Said Ana Ruiz, “': a fronted cue before its source (and the source's apposition).
_FRONTED_CUE_RE = re.compile(r"(?:Said|Says|Added|Adds|Wrote|Writes|Asked|Asks)(?=\s+[A-Z])")
#: 'told “', 'told ABC’s “', 'on MSNBC's “' before a programme's name.
_PROGRAMME_BEFORE_RE = re.compile(
    r"(?:\btold(?:\s+[A-Z][\w.&-]*){0,3}|\s(?:on|told)\s+[A-Z][\w.&-]*[’']s"
    r"|\b(?:program|programme|show|series|documentary|film|movie|book|newsletter))\s+$"
)
#: '..., the mayor said, ' closing the clause before a participle cue.
_ATTRIBUTION_BEFORE_PARTICIPLE_RE = re.compile(r"(?<=,)[^,“”\"]{1,60},\s*$")
#: A phrase that completes a quotation opening the sentence ('“We fought hard” for them.', '“We
#: can win Ohio,” which votes in March.').
_COMPLETING_TAIL_RE = re.compile(
    r"\s+(?:in|and|or|but|which|of|for|to|on|from|at|with|by|about|over|as|because|if|when|than)\s"
)
#: What may follow an attribution's verb: the clause's end, or when, where, how or to whom
#: it was said ('” Toomey fumed on Tuesday.', '” she recalled softly.').
_AFTER_VERB = (
    r"(?=\s*(?:[,.;:!?—–]|$)|\s+(?:[a-z]+ly|on|in|at|during|after|before|as|while|when|with|"
    r"from|about|back|again|last|this|earlier|later|then|once)\b)"
)
#: A subject and a verb in the past or -s form after a quotation: '” Hannity pressed.'
_SUBJECT_VERB_RE = re.compile(
    r"(?:[A-Za-z][\w.’'-]*,?\s+){1,12}?(?P<cue>[a-z]+(?:ed|s))" + _AFTER_VERB
)
#: A plural subject and a verb in the present: '” they conclude.', '” the Saudis state.'
_PLURAL_SUBJECT_VERB_RE = re.compile(
    r"(?:they|(?:[A-Za-z][\w.’'-]*\s+){0,4}[A-Za-z][\w’'-]*[a-z]s|the two)\s+"
    r"(?P<cue>[a-z]{4,}(?<!ed)(?<!s))" + _AFTER_VERB
)
#: The same verb before its subject: '” mused Ana Ruiz.', '” agrees Ana Ruiz.'
_INVERTED_VERB_RE = re.compile(r"(?P<cue>[a-z]+(?:ed|s))\s+(?=[A-Z])")
#: Words ending like a verb's past or -s form that are not verbs of saying.
_NOT_SPOKEN = wordset("is was has does his its this us thus plus yes always perhaps news")


def _spoken(word: str) -> bool:
    """Could `word` be the verb of an attribution ('pressed', 'fumes')?"""
    return (
        word not in _NOT_SPOKEN
        and not word.endswith(("ss", "us", "ous", "ics"))
        and not _ed_adjective(word)
        and word not in cues.PRONOUNS
    )


#: Only a colon and the paragraph break between a candidate's end and the next paragraph.
_COLON_BEFORE_PARAGRAPH_RE = re.compile(r"\s*:\s*")
#: At most this many words lead from a cue to a quote paragraph ('the following statement').
_MAX_COLON_LEAD_WORDS = 6
#: A lead that opens with a preposition ('said about the new platform:', 'reported after the
#: raid:') tells what or when the quotation is about, however long; it is no reported content.
_PREPOSITION_LEAD_RE = re.compile(r"(?:about|of|on|in|at|after|before|during|over|following)\s")
#: A colon presenting a source's words: 'More from Jones:', 'From the report:', 'Here’s
#: Clinton in December 1992:', '... all along -More from Jones:' (a dash set on the phrase).
_PRESENTED_SOURCE_RE = re.compile(
    r"(?:^\s*|(?<=[-—–.]\s)|(?<=\s[-—–]))(?:(?:More\s+)?[Ff]rom|Here(?:’s|'s|\s+is))\s+"
    r"(?P<src>[^:,;“”\"]{1,60}?)(?:\s+(?:in|on|at|during)\s+[^:,;“”\"]{1,40})?:\s*$"
)
#: 'in the words of X, “' / 'in X’s words, “'.
_IN_THE_WORDS_OF_RE = re.compile(
    r"\b[Ii]n\s+(?:(?P<cue_of>the\s+words\s+of)\s+(?P<src_of>[^,;:“”\"]{1,60}?)"
    r"|(?P<src_whose>[^,;:“”\"]{1,60}?)(?:’s|'s|’|')\s+(?P<cue_whose>words)),\s*$"
)
#: A signature line under a quotation: '- Bernie Sanders.', '— Ana Ruiz'.
_DASH_SIGNATURE_RE = re.compile(
    r"(?P<dash>--|[-—–])\s*(?P<name>(?:[A-Z][\w.’'-]*\s+){0,4}[A-Z][\w’'-]*)\.?"
)
#: A name after a dash, right before a colon: '... overhype - Ana Ruiz:'.
_DASH_NAME_COLON_RE = re.compile(rf"\s{_DASH_SIGNATURE_RE.pattern}\s*:$")
#: A whole signature line, where a description may follow the name ('- Ana Ruiz, Springfield.',
#: '-President Obama, tweeting after the speech.').
_SIGNATURE_LINE_RE = re.compile(rf"{_DASH_SIGNATURE_RE.pattern}(?:,(?:\s+[^\s“”\"]+){{1,10}})?")
#: A participle cue alone between two quotations ('“A,” adding, “B”').
_ONLY_PARTICIPLE_RE = re.compile(rf"\s*,?\s*{cues.PARTICIPLE_RE.pattern}[\s,:]*")
#: The end of an attribution clause where the quotation resumes ('” said X, “', '” X said, and “').
_RESUMING_PREFIX_RE = re.compile(r"(?:[,:.—–]|,?\s+and)\s*$")
#: A participle cue opening a sentence right before a quotation ('Citing “').
_OPENING_PARTICIPLE_RE = re.compile(rf"(?i:{cues.PARTICIPLE_RE.pattern})\s+")
#: The start of a sentence up to a comma before its mid-sentence attribution ('The plan, ').
_LEAD_BEFORE_SOURCE_RE = re.compile(r"([^“”\"«»„.;!?,]+),\s*")
_CLOSING_MARK_RE = re.compile(r"[”\"]")
_QUOTE_LEAD_RE = re.compile(r"[^“”\"«»„.;!?]{1,80}?[,:]\s+(?=[“\"])")
#: When, where or how it was said, however long ('in the spring, when the story broke, “...”').
_ADVERBIAL_QUOTE_LEAD_RE = re.compile(
    r"(?:on|in|at|as|over|during|after|before|from|via|through)\s"
    r"[^“”\"«»„.;!?]{1,150}?[,:]\s+(?=[“\"])"
)


def _skip_quote_lead(text: str, s: int, e: int) -> tuple[int, int]:
    """'told supporters, “Our nation is in trouble.”': the recipient or adverbial between the
    cue and a quotation ('supporters,', 'on Twitter on Monday:') is not part of the content,
    which is then the quotation itself. A lead with a verb or a pronoun stays, unless it opens
    with a preposition: then it tells when, where or how the quotation was said."""
    adverbial = _ADVERBIAL_QUOTE_LEAD_RE.match(text, s, e)
    if (
        adverbial is not None
        and not re.search(r"\bthat\b", adverbial.group(0))
        and not re.search(r"\bthat\s*$", text[max(0, s - 6) : s])
    ):
        # 'on Twitter on Monday, after the vote, “...”' (not '(said) that in her state, “...”',
        # where the phrase belongs to the reported clause)
        return adverbial.end(), e
    m = _QUOTE_LEAD_RE.match(text, s, e)
    if m is None:
        return s, e
    words = _words(m.group(0))
    if len(words) > 10 or _has_verb(words) or any(w.lower() in cues.PRONOUNS for w in words):
        return s, e  # a clause of its own ('he appreciates a good, “peaceful protest”')
    return m.end(), e


def _quotation_close(text: str, s: int, e: int) -> int:
    """Content opening with a quotation ends no earlier than the quotation: a clause rule
    may have cut it at a comma inside ('“... we’ll do better, and I think ...”')."""
    if any(c in QUOTE_CHARS for c in text[s + 1 : e]):
        return e
    close = _CLOSING_MARK_RE.search(text, e)
    if close is None or any(c in "\n“" for c in text[e : close.start()]):
        return e
    return close.end()


def _inside_quotation(text: str, s: int, e: int) -> tuple[int, int]:
    """Content that is one whole quotation loses its marks, as other direct quotes do."""
    if text[e - 1] in QUOTE_CHARS and not any(c in QUOTE_CHARS for c in text[s + 1 : e - 1]):
        return s + 1, e - 1
    return s, e


_NEXT_PREDICATE_RE = re.compile(
    r"\s+(?:and|but)\s+(?:then\s+|also\s+|later\s+)?(?P<verb>[a-z][\w-]*)\b"
)
#: Inside a clause or a quotation the 'and' may belong to the object ('the athletes who
#: stopped and helped'), so no cut after any of these.
_OBJECT_CLAUSE_RE = re.compile(
    r"\b(?:who|that|which|when|before|after|because|as|how|what|whether)\b|[,“\"]"
)


#: When or where the subject took its stance ('endorsed Cruz last week', 'praised him at a news
#: conference') is no part of its object; a day's possessive ('in Tuesday's vote') is.
_OBJECT_TAIL_RE = re.compile(
    rf"\s+(?:(?:last|this|next)\s+(?:week|month|year|weekend)\b|(?:on\s+|late\s+|early\s+)?{_DAY}\b(?![’'])"
    rf"|in\s+{_MONTH}\b|(?:on|in|during|at|after|before)\s+(?:a|an|the|his|her|their|its)\s+"
    r"(?:[\w’'-]+\s+){0,2}(?:rally|rallies|speech|interview|statement|tweet|debate|conference|"
    r"call|event|meeting|hall|hearing|appearance|post|video)\b)"
)


_THE_APPOSITION_RE = re.compile(r",\s+the\s")


def _object_end(text: str, lo: int, hi: int) -> int:
    """A stance cue's object ends before the subject's next predicate ('denied the charges and
    sued the paper'): that predicate is something the subject did, not what it criticized."""
    for m in _NEXT_PREDICATE_RE.finditer(text, lo, hi):
        if _OBJECT_CLAUSE_RE.search(text, lo, m.start()):
            return hi
        verb = m.group("verb")
        if (verb.endswith("ed") and verb not in _ED_ADJECTIVES) or verb in _VERBISH:
            return m.start()
    return hi


#: Where the referent of 'referring to' ends: before an apposition or relative clause
#: (', the chief negotiator', ', who ...'; 'the big, free-standing agencies' goes on) or a
#: 'but' ('referring to the mogul but not naming him').
_REFERENT_END_RE = re.compile(r",\s+(?=[a-z]+\b(?!-))|\s+but\s")


def _participle_content_end(text: str, cue_word: str, lo: int, hi: int) -> int:
    """'..., referring to Ana Ruiz, the mayor.': that cue's content is the noun phrase it
    refers to, not what the writer adds about it; other participles' content runs to `hi`."""
    if cue_word != "referring to":
        return hi
    m = _REFERENT_END_RE.search(text, lo, hi)
    return m.start() if m else hi


_DASH_RE = re.compile(r"\s(?:-|—|–|--)\s")
#: What goes on with the clause after a dash: '... two weeks ago - before the vote'.
_CONTINUING_AFTER_DASH_RE = re.compile(r"(?:and|or|before|after|because|only|not|while)\b")
_DASH_BEFORE_RE = re.compile(r"\s(?:-|—|–|--)\s*$")
_QUOTED_ASIDE_RE = re.compile(
    r"\s(?:-|—|–|--)\s*[“\"][^“”\"]+[”\"][^—–]{1,60}?\s(?:-|—|–|--)(?:\s|$)"
)


def _is_title_case(sentence: str) -> bool:
    """'Another GOP Figure Endorses Hillary Clinton.': a headline, whose verbs are capitalized;
    the short words ('of', 'a') may not be."""
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", sentence) if len(w) > 3]
    return len(words) >= 3 and all(w[0].isupper() for w in words)


#: Words that open a new clause or an apposition rather than go on with the sentence.
_NOT_RESUMING = wordset("and but or while whereas although though which who whose")
#: What joins a clause to the next one ('..., but', '... and', '... (', ', to which'): no part
#: of either.
_JOINING_TAIL_RE = re.compile(
    rf"[\s,;:(—–-]*(?:\b(?:and|but|or|while|whereas|so|{_PREPOSITION_WHICH})\b[\s,]*)?$"
)


def _before_unpaired_mark(text: str, s: int, e: int) -> int:
    """Reported content that ends on a quotation mark without its pair ('she would win some
    states.”', the content having begun inside the quotation, or 'argued: “' before a direct
    quote) ends before that mark and the punctuation before it; a curator would see a stray
    mark. A partial quote kept whole ('the bridge was “a relic,”') keeps both marks."""
    marks = sum(1 for i in range(s, e) if text[i] in QUOTE_CHARS)
    if marks % 2 and e > s and text[e - 1] in QUOTE_CHARS:
        return _trim_content(text, s, e - 1)[1]
    return e


def _trim_content(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",:;—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".,;:"):
        e -= 1
    return s, e


class _Extractor:
    def __init__(self, text: str, article_date: dt.date | None, gazetteer: Gazetteer | None):
        self.raw = text
        self.t = normalize_quotes(text.replace("\xa0", " "))
        self.article_date = article_date
        self.gaz = gazetteer or Gazetteer()
        self.mentions = self.gaz.mentions(self.t) if self.gaz else []
        self.mention_starts = [m[0] for m in self.mentions]
        self.speakers: list[_Speaker] = []
        #: quotation opening mark -> end of the unquoted rest of its sentence, when the
        #: attributed content goes on after the closing mark
        self._extend: dict[int, int] = {}
        self.out: list[Candidate] = []
        #: id of each candidate emitted -> the candidate, its rule's constant and its own facts,
        #: for the confidence once all candidates are known (`_with_attribution_evidence`); by
        #: id, as two rules may emit equal candidates with different constants; holding the
        #: candidate keeps a dropped one's id from being reused by another
        self._grounds: dict[int, tuple[Candidate, float, frozenset[str]]] = {}

    # ---- speaker resolution -------------------------------------------------------------
    def _identity(self, src: tuple[int, int]) -> tuple[str | None, str | None, bool, bool]:
        """(person_key, organization_key, is_anonymous, is_pronoun) for a source span."""
        s, e = src
        span = self.t[s:e]
        low = span.lower().strip()
        words = _words(span)
        definite_role = (
            len(words) <= 3
            and words[0].lower() in {"the", "this"}
            and words[-1].lower().strip(",") in cues.ROLE_NOUNS
            and not any(_is_capitalized(w) for w in words[1:])
        )
        if low in cues.PRONOUNS or definite_role:
            ante = self._antecedent(s, low, words[-1].lower())
            if ante is not None:
                return ante[0], ante[1], ante[2], True
            return None, None, definite_role, True
        person = self.gaz.resolve_person(span) if self.gaz else None
        org = self.gaz.resolve_organization(span) if self.gaz else None
        return person, org, self._anonymous(words, person), False

    def _anonymous(self, words: list[str], person: str | None) -> bool:
        if person:
            return False
        lows = [w.lower().strip(",.’'") for w in words]
        if not any(w in cues.ROLE_NOUNS for w in lows):
            return False
        # A name: two capitalised words in a row that are not a modifier of a role noun.
        run = 0
        for i, w in enumerate(words):
            if _is_capitalized(w) and lows[i] not in cues.DETERMINERS:
                run += 1
                continue
            if run >= 2 and lows[i] not in cues.ROLE_NOUNS:
                return False
            run = 0
        return run < 2

    def _antecedent(
        self, before: int, pronoun: str, role: str
    ) -> tuple[str | None, str | None, bool] | None:
        options: list[tuple[int, tuple[str | None, str | None, bool]]] = []
        # Only recent speakers can be antecedents (this also keeps long texts linear).
        for sp in self.speakers[-_ANTECEDENT_WINDOW:]:
            if sp.source_start >= before:
                continue
            if role in cues.ROLE_NOUNS and pronoun not in cues.PRONOUNS:
                src = self.t[sp.source_start : sp.source_end].lower()
                if role.rstrip("s") not in src:
                    continue
            if (
                pronoun in cues.PERSON_PRONOUNS
                and sp.organization_key
                and not sp.person_key
                and not sp.is_anonymous
            ):
                continue
            options.append((sp.source_start, (sp.person_key, sp.organization_key, sp.is_anonymous)))
        if pronoun in cues.PERSON_PRONOUNS:
            k = bisect.bisect_left(self.mention_starts, before)
            if k > 0:
                s, _e, key = self.mentions[k - 1]
                options.append((s, (key, None, False)))
        if not options:
            return None
        return max(options, key=lambda o: o[0])[1]

    def _speaker(
        self,
        src: tuple[int, int],
        cue: tuple[int, int],
        region: list[tuple[int, int]],
        para_lo: int,
        sentence_start: int | None = None,
    ) -> _Speaker:
        person, org, anon, pronoun = self._identity(src)
        attr_text = " ".join(self.t[a:b] for a, b in region)
        said_on, found = find_date(attr_text, self.article_date)
        if not found:
            hi = sentence_start if sentence_start is not None else min(a for a, _ in region)
            said_on = self._paragraph_date(para_lo, hi)
        channel = _channel(attr_text)
        if not channel and self.t[cue[0] : cue[1]].lower() in {"tweeted", "tweets"}:
            channel = "social_media"
        sp = _Speaker(src[0], src[1], cue[0], cue[1], person, org, anon, said_on, channel, pronoun)
        self.speakers.append(sp)
        return sp

    def _paragraph_date(self, para_lo: int, hi: int) -> dt.date | None:
        if hi <= para_lo:
            return None
        # The paragraph's last few sentences are enough (and keep long paragraphs linear).
        lo = max(para_lo, hi - _DATE_LOOKBACK)
        seg = self.t[lo:hi]
        seg = re.sub(r"[“\"][^”\"]*[”\"]", " ", seg)
        if not _DATEISH_RE.search(seg):
            return None
        # The latest date expression before the attribution.
        best = None
        for m in re.finditer(r"[^.]+", seg):
            value, found = find_date(m.group(0), self.article_date)
            if found:
                best = value
        return best

    # ---- candidates ---------------------------------------------------------------------
    def _emit(
        self, content: tuple[int, int], kind: Kind, sp: _Speaker, rule_confidence: float
    ) -> None:
        # only a lead between the cue and the quotation is the attribution's; before a quotation
        # attributed after it ('In this race, “A,” said X') it is reported content with it
        s, e = _skip_quote_lead(self.t, *content) if sp.cue_start < content[0] else content
        if e <= s:
            return
        # A lead skipped before a quotation ('said on Tuesday in a text exchange, “...”') tells
        # when and how it was said, when the attribution did not.
        lead = self.t[content[0] : s]
        said_on, dated = find_date(lead, self.article_date)
        said_on = said_on if dated else sp.said_on
        channel = sp.channel or _channel(lead)
        cue_word = self.t[sp.cue_start : sp.cue_end].lower()
        if cue_word in _NAMING_CUES and _QUOTE_NEXT_RE.fullmatch(self.t, sp.cue_end, s + 1):
            return  # 'a show called “Brokers”', 'the reality show “The Apprentice”': a name
        if self.t[s] in QUOTE_CHARS and not re.search(r"\bthat\s*$", self.t[max(0, s - 6) : s]):
            # Content that opens with a quotation ('“the next president” should choose') is
            # a (mixed) direct quote; after 'that' it is reported speech (PolNeAR keeps the
            # 'that' in such content).
            kind = "direct"
            s, e = _inside_quotation(self.t, s, _quotation_close(self.t, s, e))
        elif cue_word in {"called", "calls"} and _NAME_ONLY_RE.fullmatch(self.t, s, e):
            return  # 'a group called Black Votes Matter', 'Obama called Ana Ruiz.'
        elif cue_word in cues.OBJECT_CONTENT_CUES:
            # whichever rule found it, a stance's object stops where its time or occasion starts
            tail = _OBJECT_TAIL_RE.search(self.t, s, e)
            if tail is not None and tail.start() > s:
                e = tail.start()
            # 'railed against the pact, the trade deal he once backed': an apposition after a
            # plain noun phrase object is the narrator's gloss
            appos = _THE_APPOSITION_RE.search(self.t, s, e)
            if (
                appos is not None
                and not _OBJECT_CLAUSE_RE.search(self.t, s, appos.start())
                and "," not in self.t[appos.end() : e]
            ):
                e = appos.start()
        if kind != "direct":
            # the occasion closing reported content is the attribution's, not what was said
            channel_tail = _CHANNEL_TAIL_RE.search(self.t, s, e)
            if channel_tail is not None and channel_tail.end() == e and channel_tail.start() > s:
                e = channel_tail.start()
            e = _before_unpaired_mark(self.t, s, e)
        facts = evidence(
            self.t,
            (s, e),
            kind,
            (sp.source_start, sp.source_end),
            (sp.cue_start, sp.cue_end),
            sp.pronoun,
        )
        cue = self.raw[sp.cue_start : sp.cue_end]
        candidate = Candidate(
            text=self.raw[s:e],
            start=s,
            end=e,
            kind=kind,
            source_text=self.raw[sp.source_start : sp.source_end],
            source_start=sp.source_start,
            source_end=sp.source_end,
            cue=cue,
            cue_start=sp.cue_start,
            cue_end=sp.cue_end,
            person_key=sp.person_key,
            organization_key=sp.organization_key,
            is_anonymous=sp.is_anonymous,
            said_on=said_on,
            channel=channel,
            confidence=candidate_confidence(rule_confidence, facts),
        )
        self._grounds[id(candidate)] = (candidate, rule_confidence, facts)
        self.out.append(candidate)

    # ---- direct quotes ------------------------------------------------------------------
    def _attribution_before(
        self, lo: int, hi: int
    ) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """'X said, “' / 'X said: “' / 'X told reporters “': (source, cue) in text[lo:hi]."""
        seg = self.t[lo:hi]
        for m in reversed(list(cues.CUE_RE.finditer(seg))):
            after = seg[m.end() :]
            cue_word = m.group("cue").lower()
            if cue_word in _NAMING_CUES and not after.strip():
                continue  # 'the reality show “The Apprentice”' names the quotation
            rest = after
            if cue_word in cues.OBJECT_CUES:
                # the object ('told reporters', 'told Fox News'), not a clause ('told CNN that
                # Trump is “...”')
                rest = re.sub(r"^(?:\s+(?!that\b)[\w’'.]+){0,4}?(?=\s*[,:]|\s*$)", "", rest)
            recipient = _RECIPIENT_OR_TOPIC_RE.match(rest)
            if recipient is not None and (
                recipient.group("first").lower() in cues.DETERMINERS
                or recipient.group("first")[0].isupper()
            ):
                rest = rest[recipient.end() :]  # 'said to reporters, “', 'wrote of Ana Ruiz: “'
            rest = _ADVERBIAL_RE.sub("", rest, count=1) if rest.strip(" ,:") else rest
            if rest.strip(" ,:"):
                continue
            src = _source_before(self.t, lo, lo + m.start())
            who = _WHO_BEFORE_CUE_RE.search(seg, 0, m.start())
            if who is not None:
                # 'Mike Lee, who declared in the spin room, “': the relative clause's antecedent
                src = _antecedent_np(self.t, lo, lo + who.start())
            if src is None and re.search(r"\s(?:and|then)\s+$", seg[: m.start()]):
                # 'Ms. Sherry smiled and said, “': the subject of the coordinated verbs
                subj = _subject(self.t, lo, lo + m.start())
                src = subj[0] if subj is not None else None
            if src is None:
                # inverted: 'said Herzog: “'
                continue
            return src, (lo + m.start(), lo + m.end())
        return None

    def _subject_before(
        self, lo: int, hi: int, colon: bool = False
    ) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """'X criticized Y, saying, “' (participle cue) or, with `colon`, any 'X verb ...: “':
        the source is the subject of the clause."""
        seg = self.t[lo:hi].rstrip()
        part = None
        for m in cues.QUOTATION_PARTICIPLE_RE.finditer(seg):
            part = m
        if part is not None and not seg[part.end() :].strip(" ,:"):
            cue = (lo + part.start(), lo + part.end())
            found = self._attribution_before_participle(lo, cue[0])
            if found is not None:
                return found[0], cue
            absolute = _WITH_BEFORE_PARTICIPLE_RE.search(self.t, lo, cue[0])
            if absolute is not None:
                # '..., with the mayor reportedly shouting: “': the absolute clause's own subject,
                # not the sentence's
                src = _source_before(self.t, absolute.start("src"), cue[0])
                if src is not None:
                    return src, cue
            subj = _subject(self.t, lo, cue[0])
            if subj is not None:
                return subj[0], cue
            return None
        if not colon or not seg.endswith(":"):
            return None
        byline = _DASH_NAME_COLON_RE.search(seg)
        if byline is not None:
            # 'Polls missed the late shift - Ana Ruiz: “': a headline credited to the name after
            # the dash, which is no subject of the headline's clause
            colon_at = lo + len(seg) - 1
            return (lo + byline.start("name"), lo + byline.end("name")), (colon_at, colon_at + 1)
        label = _LABEL_COLON_RE.fullmatch(seg.lstrip())
        if label is not None and label.group(1).split()[0].lower() not in _NOT_SPEAKER_LABELS:
            # '... tear down this wall!” Bush: “': a speaker's label in a run of quotations
            colon_at = lo + len(seg) - 1
            return (colon_at - len(label.group(1)), colon_at), (colon_at, colon_at + 1)
        replies = list(_PREPOSITION_WHICH_RE.finditer(self.t, lo, lo + len(seg) - 1))
        if replies:
            # 'She said the plan was sound, to which Ruiz retorted: “': the relative clause's
            # subject answers, not the sentence's
            lo = replies[-1].end()
            seg = self.t[lo:hi].rstrip()
        subj = _subject(self.t, lo, lo + len(seg) - 1)
        name = _NAME_BEFORE_COLON_RE.search(seg)
        if name is not None and (
            subj is None
            or (
                lo + name.start(1) > subj[1]
                and _words(self.t[subj[1] :])[0].lower() not in cues.CUE_VERBS
            )
        ):
            # '... doesn't surprise Republican pollster Daron Shaw: “': the name before the colon
            colon_at = lo + len(seg) - 1
            return (lo + name.start(1), lo + name.end(1)), (colon_at, colon_at + 1)
        if subj is None:
            return None
        verb = _TOKEN_RE.match(self.t, subj[1])
        if verb is None:
            return None
        cue_end = lo + len(seg) - 1
        if len(_words(self.t[verb.start() : cue_end])) > 5:
            cue_end = verb.end()
        return subj[0], (verb.start(), cue_end)

    def _fronted_attribution(
        self, lo: int, hi: int
    ) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """'Said Ana Ruiz, a nurse from Ohio, “': the cue opens the sentence and its source
        follows it."""
        m = _FRONTED_CUE_RE.match(self.t, lo, hi)
        if m is None:
            return None
        colon = self.t.find(":", m.end(), hi)
        src = _source_after(self.t, m.end(), colon if colon > 0 else hi)
        return (src, (m.start(), m.end())) if src is not None else None

    def _opening_participle(
        self, ss: int, se: int, q: Quote, q_end: int
    ) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """'Citing “family obligations,” the senator’s aide told reporters ...': a sentence that
        opens with a participle cue and its quotation attributes the quotation to the subject
        of the main clause after the comma, as (source, cue)."""
        cue = _OPENING_PARTICIPLE_RE.fullmatch(self.t, ss, q.open)
        if cue is None or q.close is None:
            return None
        comma_after = self.t.startswith(",", q_end)
        if not (self.t[q.start : q.end].endswith(",") or comma_after):
            return None
        subj = _subject(self.t, q_end + comma_after, se)
        return (subj[0], cue.span("cue")) if subj is not None else None

    def _presented_source(self, lo: int, hi: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """'More from the report: “' / 'Here’s Clinton in 1992: “': the colon presents a
        quotation of the source it names."""
        m = _PRESENTED_SOURCE_RE.search(self.t[lo:hi])
        if m is None or not _np_ok(m.group("src")):
            return None
        colon = self.t.rindex(":", lo, hi)
        return (lo + m.start("src"), lo + m.end("src")), (colon, colon + 1)

    def _in_the_words_of(self, lo: int, hi: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """'..., in the words of a senior adviser, “' / 'in Forbes’ words, “': the quotation
        is the source's words."""
        m = _IN_THE_WORDS_OF_RE.search(self.t[lo:hi])
        if m is None:
            return None
        which = "of" if m.group("src_of") else "whose"
        src, cue = m.span(f"src_{which}"), m.span(f"cue_{which}")
        if not _np_ok(m.group(f"src_{which}")):
            return None
        return (lo + src[0], lo + src[1]), (lo + cue[0], lo + cue[1])

    def _programme_title(self, q: Quote) -> bool:
        """'she told ABC’s “Good Morning America” on Monday': a short title-case quotation
        after 'told', a possessive or a noun such as 'program' ('the radio program “Inside
        Sports”') names a programme; nobody said it."""
        words = _words(self.t[q.start : q.end].rstrip(".,"))
        return (
            0 < len(words) <= 6
            and all(_is_capitalized(w) for w in words if len(w) > 3)
            and _PROGRAMME_BEFORE_RE.search(self.t, max(0, q.open - 60), q.open) is not None
        )

    def _attribution_before_participle(
        self, lo: int, hi: int
    ) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """'..., the mayor said, adding, “': the attribution closing the clause before a
        participle cue at `hi`, whose speaker (not the clause's subject) the participle has."""
        said = _ATTRIBUTION_BEFORE_PARTICIPLE_RE.search(self.t, lo, hi)
        return self._attribution_before(said.start(), said.end() - 1) if said else None

    def _attribution_after(
        self, lo: int, hi: int
    ) -> tuple[tuple[int, int], tuple[int, int], int] | None:
        """'” the official, Basem Naim, said in a text exchange.' or '” said Herzog, ...'.

        Returns (source, cue, end of the attribution clause)."""
        seg = self.t[lo:hi]
        m = re.match(r"\s*", seg)
        off = m.end() if m else 0
        # inverted: said X
        inv = re.match(rf"(?:{cues.CUE_RE.pattern})", seg[off:])
        if inv and inv.group("cue").lower() in cues.INVERTABLE_CUES:
            cue = (lo + off, lo + off + inv.end())
            src = _source_after(self.t, cue[1], hi)
            if src is not None:
                return src, cue, hi
        for cm in cues.CUE_RE.finditer(seg):
            if cm.start() < off:
                continue
            prefix = seg[off : cm.start()]
            # A name with a long apposition ('” Trump, the frontrunner ... primaries, said')
            # may run further than a plain noun phrase.
            limit = 40 if re.match(r"[A-Z][^,]{0,40},.*,\s*$", prefix) else 16
            if len(_words(prefix)) > limit or not prefix.strip():
                break
            if _OPEN_RELATIVE_RE.match(prefix):
                continue  # '” Warren, who has not endorsed anyone, told reporters'
            src = _source_before(self.t, lo + off, lo + cm.start())
            if src is not None and _ADJECTIVE_LIST_RE.fullmatch(self.t, lo + off, src[0]):
                src = (lo + off, src[1])  # '” the bespectacled, 71-year-old diplomat said'
            if src is not None and src[0] == lo + off:
                return src, (lo + cm.start(), lo + cm.end()), hi
            # '” Mr. Daniloff, now 81 and retired in Cambridge, Mass., said': the name first
            comma = prefix.find(",")
            if comma > 0 and prefix.rstrip().endswith(",") and _np_ok(prefix[:comma]):
                first = _trim_content(self.t, lo + off, lo + off + comma)
                return first, (lo + cm.start(), lo + cm.end()), hi
            break
        return self._any_verb_after(lo + off, hi)

    def _any_verb_after(
        self, lo: int, hi: int
    ) -> tuple[tuple[int, int], tuple[int, int], int] | None:
        """'” Hannity pressed.' / '” mused Ana Ruiz.' / '” they conclude.': a subject and a
        verb in the past or the present that close the clause after a quotation are its
        attribution, whatever the verb (the caller checks the quotation closed with its own
        comma)."""
        m = _SUBJECT_VERB_RE.match(self.t, lo, hi) or _PLURAL_SUBJECT_VERB_RE.match(self.t, lo, hi)
        if m is not None and _spoken(m.group("cue")):
            src = _source_before(self.t, lo, m.start("cue"))
            if src is not None and src[0] == lo:
                return src, m.span("cue"), hi
        m = _INVERTED_VERB_RE.match(self.t, lo, hi)
        if m is not None and _spoken(m.group("cue")):
            src = _source_after(self.t, m.end("cue"), hi)
            if src is not None:
                return src, m.span("cue"), hi
        return None

    def _direct(self, ps: int, pe: int, quotes: list[Quote], sents: list[tuple[int, int]]):
        """Handle the quotations of one paragraph. Returns (sentences used, attributed?)."""
        used: set[tuple[int, int]] = set()
        opens = [q.open for q in quotes]
        assigned: list[tuple[Quote, _Speaker | None, float]] = []
        extend = self._extend
        announced = None  # 'Dianne Bystrom agreed.' right before a quotation sentence
        for ss, se in sents:
            qs = quotes[bisect.bisect_left(opens, ss) : bisect.bisect_left(opens, se)]
            if not qs:
                announced = self._bare_attribution(ss, se)
                continue
            sentence_speaker: _Speaker | None = None
            pending: list[Quote] = []
            cursor = ss
            standalone_all = True
            aside = False
            after_to = -1  # where the last quotation's trailing attribution clause ended
            for i, q in enumerate(qs):
                if self._programme_title(q):
                    standalone_all = False  # the sentence is read for reported speech
                    continue
                prefix = self.t[cursor : q.open]
                nxt_open = qs[i + 1].open if i + 1 < len(qs) else se
                q_end = (q.close + 1) if q.close is not None else pe
                tail_hi = min(nxt_open, se)
                standalone = False
                speaker = None
                if not prefix.strip(" ,:;—–-(") or _CONNECTIVE_PREFIX_RE.match(prefix):
                    # also 'Then, “I try to explain it to them.”' and an aside in parentheses
                    # ('(“We persuaded them,” he said.)')
                    standalone = True
                elif _DASH_BEFORE_RE.search(prefix) and _DASH_RE.search(self.t, q_end, tail_hi):
                    # 'She called the plan unserious - “We need details,” she said - and ...':
                    # an attributed quotation between dashes; the sentence around it is read
                    # for reported speech as well
                    standalone = True
                    aside = True
                elif (
                    prefix.rstrip().endswith("(")
                    and (paren := self.t.find(")", q_end, tail_hi)) > 0
                    and (inside := self._closing_attribution(q, "", q_end, paren)) is not None
                ):
                    # 'members (“I want my dues back,” wrote Ana Ruiz, a nurse), and ...': an
                    # attributed quotation in parentheses, the narrator's aside
                    standalone = True
                    after_to = tail_hi = paren
                    region = [(ss, q.open), (q_end, paren)]
                    speaker = self._speaker(inside[0], inside[1], region, ps)
                elif prefix.rstrip().endswith(":") and not self.t[cursor : q.open].strip().endswith(
                    tuple(cues.CUE_VERBS)
                ):
                    standalone = True
                    found = (
                        self._attribution_before(cursor, q.open)
                        or self._fronted_attribution(cursor, q.open)
                        or self._presented_source(cursor, q.open)
                    )
                    if found is None and not self._closing_attribution(q, prefix, q_end, tail_hi):
                        # 'Ruiz praised the plan: “...,” her aide said.': the quotation's own
                        # attribution outranks the subject of the clause before the colon
                        found = self._subject_before(cursor, q.open, colon=True)
                    if found:
                        speaker = self._speaker(found[0], found[1], [(ss, q.open)], ps)
                    elif sentence_speaker is not None:
                        # '“A,” said X, explaining that B: “C”': C is a new attribution of X's
                        colon = self.t.rindex(":", cursor, q.open)
                        src = (sentence_speaker.source_start, sentence_speaker.source_end)
                        speaker = self._speaker(src, (colon, colon + 1), [(ss, q.open)], ps)
                elif sentence_speaker is not None and (
                    (after_to == q.open and _RESUMING_PREFIX_RE.search(prefix))
                    or _ONLY_PARTICIPLE_RE.fullmatch(prefix)
                ):
                    # '“The risk,” said X, an economist at Y, “is that ...”' (or '... said X
                    # in Albany, N.Y. “B”', an abbreviation hiding the sentence end, or '“A,”
                    # she said, and “B”'): the quotation resumes after its attribution and
                    # keeps its speaker; after '..., adding,' (also 'She said, “A,” adding,
                    # “B”') it is a new attribution of that speaker.
                    standalone = True
                    part = _trailing_participle(self.t, cursor, q.open)
                    if part is not None:
                        src = (sentence_speaker.source_start, sentence_speaker.source_end)
                        speaker = self._speaker(src, part, [(ss, q.open)], ps)
                elif cursor == ss and (opening := self._opening_participle(ss, se, q, q_end)):
                    # the main clause after the quotation is its attribution, and is read for
                    # reported speech as well
                    standalone = aside = True
                    after_to = se
                    speaker = self._speaker(opening[0], opening[1], [(ss, q.open), (q_end, se)], ps)
                else:
                    found = (
                        self._attribution_before(cursor, q.open)
                        or self._subject_before(cursor, q.open)
                        or self._fronted_attribution(cursor, q.open)
                        or self._in_the_words_of(cursor, q.open)
                    )
                    if found:
                        standalone = True
                        speaker = self._speaker(found[0], found[1], [(ss, q.open)], ps)
                        if cursor == ss:
                            self._sentence_lead(ss, found[0][0], q, speaker)
                        if cursor == ss and self._attribution_before_participle(ss, found[1][0]):
                            # 'The plant closed, the mayor said, adding, “...”': the clause
                            # before is the mayor's reported speech
                            self._indirect_main(ss, found[1][0], ps)
                if not standalone:
                    standalone_all = False
                    cursor = q_end
                    continue
                # A quotation followed by a non-attribution continuation is not direct
                # ('“Dead on arrival” is how he put it').
                inner_end = self.t[q.start : q.end].rstrip("’'‘ ")
                if speaker is None and q.close is not None and tail_hi > q_end:
                    after = self._closing_attribution(q, prefix, q_end, tail_hi)
                    if after is not None:
                        region = [(ss, q.open), (q_end, tail_hi)]
                        speaker = self._speaker(after[0], after[1], region, ps)
                        after_to = tail_hi
                    elif cursor == ss and self._completed_quote(prefix, q_end, tail_hi, se):
                        # '“The data are clear” on this point.': the speaker's clause goes on
                        # after the quotation, which still stands alone
                        extend[q.open] = _trim_content(self.t, q_end, se)[1]
                    elif self.t[q_end:tail_hi].strip(" .,;:!?—–-") and not re.match(
                        r"\s*[,;:.—–-]", self.t[q_end:tail_hi]
                    ):
                        standalone_all = False
                        cursor = q_end
                        continue
                if speaker is not None and q.close is not None and tail_hi == se != after_to:
                    # '... says “it’s a two-man race” between Cruz and Trump.': the sentence
                    # goes on after the quotation; the attributed content runs to its end
                    # (unless what follows is the quotation's own attribution clause).
                    tail = self.t[q_end:se]
                    if (
                        re.match(r"\s+[a-z]", tail)
                        and not _closed_quotation(inner_end, tail)
                        and not _DATE_TAIL_RE.fullmatch(tail)
                        and not cues.CUE_RE.search(tail)
                        and not any(c in QUOTE_CHARS for c in tail)
                        and len(_words(tail)) <= 15
                    ):
                        extend[q.open] = _trim_content(self.t, q_end, se)[1]
                if speaker is not None:
                    sentence_speaker = speaker
                    for p in pending:
                        assigned.append((p, speaker, 0.8))
                    pending = []
                    assigned.append((q, speaker, 0.9))
                elif sentence_speaker is not None:
                    assigned.append((q, sentence_speaker, 0.85))
                else:
                    pending.append(q)
                cursor = q_end
            if pending and announced is not None and pending[0] is qs[0]:
                sentence_speaker = self._speaker(*announced, ps)
                used.add(announced[2][0])
            for p in pending:
                assigned.append((p, sentence_speaker, 0.75 if sentence_speaker else 0.0))
            if (standalone_all or sentence_speaker is not None) and not aside:
                used.add((ss, se))
            announced = None
        return used, assigned

    def _closing_attribution(
        self, q: Quote, prefix: str, q_end: int, tail_hi: int
    ) -> tuple[tuple[int, int], tuple[int, int], int] | None:
        """The attribution clause right after a quotation that closed its clause ('“...,” she
        said.'), as `_attribution_after` returns it."""
        if q.close is None or tail_hi <= q_end:
            return None
        after = self._attribution_after(q_end, tail_hi)
        if after is None:
            return None
        inner_end = self.t[q.start : q.end].rstrip("’'‘ ")
        closed = (
            inner_end[-1:] in ",?!—–-"
            or self.t[q_end : q_end + 1] == ","
            or self.t[q.close - 1 : q.close] in ",?!—–-"
            # '“... out of business, too" Sweeny said after an event.'
            or (
                not prefix.strip()
                and self.t[after[1][0] : after[1][1]].lower() in cues.INVERTABLE_CUES
            )
        )
        return after if closed else None

    def _completed_quote(self, prefix: str, q_end: int, tail_hi: int, se: int) -> bool:
        """Does a sentence that opens with a quotation go on with a phrase that completes it
        ('“We fought hard” for these workers.') rather than use it as a noun ('“Dead on
        arrival” is how he put it')?"""
        tail = self.t[q_end:se]
        return (
            not prefix.strip()
            and tail_hi == se
            and _COMPLETING_TAIL_RE.match(tail) is not None
            and not cues.CUE_RE.search(tail)
            and not any(c in QUOTE_CHARS for c in tail)
            and len(_words(tail)) <= 15
        )

    def _sentence_lead(self, ss: int, src_start: int, q: Quote, sp: _Speaker) -> None:
        """'The new rule, she said, “will cost jobs.”': a quotation in lower case finishes the
        sentence its speaker began before the attribution, so that beginning is the same
        attribution's (reported) content; after an introductory phrase ('Still, she said,
        “we ...”', 'In June, ...') it is not."""
        if not self.t[q.start : q.start + 1].islower():
            return
        if self.t[sp.source_end : sp.cue_start].strip():
            return  # 'Minutes later, she sent an email saying, “done”': no parenthetical 'X said'
        lead = _LEAD_BEFORE_SOURCE_RE.fullmatch(self.t, ss, src_start)
        if lead is None:
            return
        s, e = _strip_leading(self.t, ss, lead.end(1))
        if e <= s or _is_intro(self.t, s, e):
            return
        self._emit((s, e), "paraphrase", sp, 0.6)

    def _bare_attribution(
        self, ss: int, se: int
    ) -> tuple[tuple[int, int], tuple[int, int], list[tuple[int, int]]] | None:
        """'Iowa State University’s Dianne Bystrom agreed.': an attribution with no content of
        its own, as (source, cue, region) for the quotation that follows."""
        end = se
        while end > ss and self.t[end - 1] in ".: ":
            end -= 1
        found = self._attribution_before(ss, end)
        if found is None or found[1][1] < end - 30:
            return None
        return found[0], found[1], [(ss, se)]

    # ---- reported speech ----------------------------------------------------------------
    def _indirect(self, ss: int, se: int, ps: int, depth: int = 0) -> None:
        """Reported speech in one sentence; a participle clause ('..., saying that ...') and
        coordinated clauses ('X said A, but Y argued B') each give their own attribution."""
        t = self.t
        ce = se
        while ce > ss and t[ce - 1] in ".!?":
            ce -= 1
        if depth < 3 and self._with_clause(ss, ce, ps, depth):
            return
        part = _PARTICIPLE_CLAUSE_RE.search(t, ss, ce)
        if part is not None and depth < 3:
            subj = _subject(t, ss, part.start())
            if subj is not None:
                cue = (part.start("cue"), part.end("cue"))
                cue_word = part.group("cue").lower()
                lo = self._content_start(cue, cue_word, ce)
                end = self._clause_end(lo, ce, ps, depth, subj[0], cue)
                content = _trim_content(t, lo, _participle_content_end(t, cue_word, lo, end))
                if len(_words(t[content[0] : content[1]])) >= 2:
                    sp = self._speaker(subj[0], cue, [(ss, lo)], ps, ss)
                    self._emit(content, "paraphrase", sp, 0.6)
                    self._indirect_main(ss, part.start(), ps, depth)
                    return
        self._indirect_main(ss, se, ps, depth)

    def _with_clause(self, ss: int, ce: int, ps: int, depth: int) -> bool:
        """'The race could shift, with 47 percent of voters saying they will back Clinton': the
        noun phrase after 'with' is the source of the participle's content; the sentence before
        it is read on its own."""
        t = self.t
        m = _WITH_PARTICIPLE_RE.search(t, ss, ce)
        if m is None or not _np_ok(m.group("src")):
            return False
        src = (m.start("src"), m.end("src"))
        cue = (m.start("cue"), m.end("cue"))
        lo = self._content_start(cue, m.group("cue").lower(), ce)
        content = _trim_content(t, lo, self._clause_end(lo, ce, ps, depth, src, cue))
        if len(_words(t[content[0] : content[1]])) < 2:
            return False
        self._emit(content, "paraphrase", self._speaker(src, cue, [(m.start(), lo)], ps, ss), 0.55)
        self._indirect_main(ss, m.start(), ps, depth + 1)
        return True

    def _content_start(self, cue: tuple[int, int], cue_word: str, ce: int) -> int:
        """Where the content starts after a cue: past an object ('told reporters'), an
        adverbial ('in a statement') and a 'that'."""
        t = self.t
        rest_lo = cue[1]
        that_after = re.match(r"[^,.;:“\"]{0,80}?(?=\bthat\b)", t[rest_lo:ce])
        if cue_word in cues.OBJECT_CUES and that_after:
            rest_lo += that_after.end()
        elif _PREP_THAT_RE.match(t, rest_lo, ce):
            # 'announced via Twitter that ...', 'said on ABC's “This Week” that ...'
            rest_lo = _PREP_THAT_RE.match(t, rest_lo, ce).end()
        elif (aside := _ASIDE_BEFORE_THAT_RE.match(t, rest_lo, ce)) and not _has_verb(
            _words(aside.group(0))
        ):
            # 'argued, in a long letter, that ...', 'said during a town hall in Troy, Ohio,
            # that ...': an aside without a verb between the cue and its 'that'
            rest_lo = aside.end()
        elif cue_word in cues.OBJECT_CUES:
            obj = re.match(
                r"\s+(?:(?:the|a|an|his|her|their|reporters|journalists|him|her|them|us|me|"
                r"[A-Z][\w’'.&-]*|of|on|for|and)\s+){1,6}?(?=that\b|[a-z])",
                t[rest_lo:ce],
            )
            # the audience of 'told reporters (that) ...' is no content; the object of 'urged
            # Ruiz to ...' is, as the subject of the infinitive (PolNeAR)
            if obj and not _INFINITIVE_RE.match(t, rest_lo + obj.end(), ce):
                rest_lo += obj.end()
        adv = _ADVERBIAL_RE.match(t[rest_lo:ce])
        if adv and adv.end() > 0 and adv.group(0).strip():
            rest_lo += adv.end()
        that = _THAT_RE.match(t[rest_lo:ce])
        if that:
            rest_lo += that.end()
        # 'wrote about the event', 'called for a recount', 'argued against it': the preposition
        # belongs to the cue
        prep = _CUE_PREPOSITION_RE.match(t, rest_lo, ce)
        if prep:
            rest_lo = prep.end()
        stance = _STANCE_NOUN_RE.match(t, rest_lo, ce) if cue_word in _EXPRESSING_CUES else None
        if stance:
            rest_lo = stance.end()
        return rest_lo

    def _clause_end(
        self,
        lo: int,
        ce: int,
        ps: int,
        depth: int,
        src: tuple[int, int] | None = None,
        cue: tuple[int, int] | None = None,
    ) -> int:
        """End of a content clause starting at `lo`: it stops before a coordinated clause with
        its own cue ('..., but he also warned that ...'), which is extracted in turn, before
        ', but' with a new predicate or subject ('..., but Ana Ruiz ran the numbers') and before
        a single dash (unless a conjunction follows it: '- and ...', '- before ...')."""
        t = self.t
        ce = _tail_cut(t, lo, ce)
        end = self._clause_end_at_coordination(lo, ce, ps, depth, src, cue)
        # the content stops before an attributed quotation between dashes ('... reckless -
        # “It is a fantasy,” she said - and ...'), a direct quote of its own
        aside = _QUOTED_ASIDE_RE.search(t, lo, end)
        if aside is not None:
            return aside.start()
        # and before a single dash ('... will win - a claim his rivals mock'): the narrator's
        # aside; a pair of dashes encloses part of the content, and a dash before a conjunction
        # ('... will win - and soon') sets off more of it
        dash = _DASH_RE.search(t, lo, end)
        if (
            dash is not None
            and not _CONTINUING_AFTER_DASH_RE.match(t, dash.end(), end)
            and not _DASH_RE.search(t, dash.end(), end)
            and not _open_quotation(t[lo : dash.start()])
        ):
            return dash.start()
        return end

    def _clause_end_at_coordination(
        self,
        lo: int,
        ce: int,
        ps: int,
        depth: int,
        src: tuple[int, int] | None,
        cue: tuple[int, int] | None,
    ) -> int:
        """Where a coordinated clause with its own cue cuts the content clause (extracting that
        clause in turn), or `ce`."""
        t = self.t
        for m in _COORDINATION_RE.finditer(t, lo, ce):
            rest = t[m.end() : ce]
            words = _words(rest)
            if not words:
                break
            if _open_quotation(t[lo : m.start()]):
                continue  # the quoted speaker's own clauses ('“We won, and I think ...”')
            first = words[0].lower().strip(",")
            if first == "that":
                continue  # 'said A and that B': a second complement of the same cue
            new_subject = _is_capitalized(words[0]) or first in cues.PRONOUNS
            if first not in cues.CUE_VERBS and not cues.CUE_RE.search(" ".join(words[:10])):
                if m.group(0).startswith(", but") and (_verbish(words[0], "") or new_subject):
                    # '..., but went on to ...': the subject's next predicate, or a new subject
                    # ('..., but Ana Ruiz voted no'); after ', and' the predicate is the
                    # content's ('said Obama ran, and took millions')
                    return m.start()
                if m.group(0).startswith(", and") and new_subject and "," not in t[lo : m.start()]:
                    # 'called the plan a fraud, and Ana Ruiz agreed': a new subject starts the
                    # narrator's clause; a comma before would make ', and Ruiz' the end of a
                    # list ('endorsed Chen, Diaz, and Ruiz')
                    return m.start()
            if (first in cues.CUE_VERBS or first in cues.PARTICIPLE_CUES) and src and cue:
                # '..., and urged that ...', '... and calling him “a feminist”': same speaker,
                # new cue
                ncue = (m.end(), m.end() + len(words[0].rstrip(",")))
                nlo = self._content_start(ncue, first, ce)
                content = _trim_content(t, nlo, self._clause_end(nlo, ce, ps, depth + 1, src, ncue))
                if len(_words(t[content[0] : content[1]])) >= 2:
                    sp = self._speaker(src, ncue, [(m.end(), nlo)], ps, lo)
                    self._emit(content, "paraphrase", sp, 0.6)
                return m.start()
            if depth < 3 and cues.CUE_RE.search(" ".join(words[:10])):
                n_before = len(self.out)
                self._indirect(m.end(), ce, ps, depth + 1)
                if len(self.out) > n_before:
                    return m.start()
        return ce

    def _indirect_main(self, ss: int, se: int, ps: int, depth: int = 0) -> None:
        t = self.t
        sent = t[ss:se]
        ce = se
        while ce > ss and t[ce - 1] in ".!?,;":
            ce -= 1
        # 'According to X, ...'
        m = re.match(r"\W*(?:[A-Z][\w’']*,?\s+)?(according to)\s+", sent, re.IGNORECASE)
        if m:
            src_lo = ss + m.end()
            comma = t.find(",", src_lo, ce)
            if comma > src_lo:
                src = _source_after(t, src_lo, comma, _reference_ok)
                if src is not None:
                    cue = (ss + m.start(1), ss + m.end(1))
                    sp = self._speaker(src, cue, [(ss, comma)], ps, ss)
                    self._emit(_trim_content(t, comma + 1, ce), "claim", sp, 0.7)
                    return
        # 'In a new Washington Post-ABC News poll, 75 percent of Republicans said ...'
        m = _IN_SOURCE_RE.match(sent)
        if m:
            src = (ss + m.start("src"), ss + m.end("src"))
            cue = (ss + m.start("cue"), ss + m.end("cue"))
            content = _trim_content(t, ss + m.end(), ce)
            if _np_ok(t[src[0] : src[1]]) and len(_words(t[content[0] : content[1]])) >= 3:
                sp = self._speaker(src, cue, [(ss, ss + m.end())], ps, ss)
                self._emit(content, "claim", sp, 0.55)
                # the clause may hold its own attribution ('75 percent ... said ...')
                self._indirect_main(ss + m.end(), se, ps, depth + 1)
                return
        # '..., according to X.'
        for m in re.finditer(r",[”\"’']*\s*(according to)\s+", sent, re.IGNORECASE):
            src_lo = ss + m.end()
            src = _source_after(t, src_lo, ce, _reference_ok)
            if src is None:
                continue
            cue = (ss + m.start(1), ss + m.end(1))
            sp = self._speaker(src, cue, [(ss + m.start(), ce)], ps, ss)
            # 'The port is busy: cargo rose 12 percent, according to X': the claim follows the
            # colon
            colon = t.rfind(": ", ss, ss + m.start())
            lo = colon + 1 if colon >= 0 and not _open_quotation(t[ss:colon]) else ss
            before = _trim_content(t, lo, ss + m.start())
            if len(_words(t[before[0] : before[1]])) >= 2:
                self._emit(before, "claim", sp, 0.7)
            # 'Osman, according to his brother, is believed to have been on the flight.'
            rest = re.match(r"\s*,\s*", t[src[1] : ce])
            if rest is not None:
                after = _trim_content(t, src[1] + rest.end(), ce)
                words = _words(t[after[0] : after[1]])
                # a predicate resumes the content, and so does the main clause after an
                # introductory phrase ('Since May, according to X, prices have doubled'); an
                # apposition ('..., the ABC affiliate': no verb) or a new clause ('..., but ...')
                # does not
                intro = not _has_verb(_words(t[before[0] : before[1]]))
                if len(words) >= 3 and (
                    words[0].lower() in _VERBISH
                    or (intro and _has_verb(words) and words[0].lower() not in _NOT_RESUMING)
                ):
                    self._emit(after, "claim", sp, 0.65)
            return
        # a cue inside a quotation is the quoted speaker's, not an attribution of this sentence
        quoted = [m.span() for m in _QUOTED_RE.finditer(sent)]
        headline = _is_title_case(sent)
        cue_re = cues.HEADLINE_CUE_RE if headline else cues.CUE_RE
        matches = [
            m
            for m in cue_re.finditer(sent)
            if not any(a < m.start() < b for a, b in quoted) and _clause_cue(m)
        ]
        # '..., X said.' / '..., said X.' (cue near the end)
        for m in reversed(matches):
            cue = (ss + m.start(), ss + m.end())
            tail = t[cue[1] : ce]
            cue_word = m.group("cue").lower()
            before = t[ss : cue[0]]
            comma = before.rfind(",")
            if comma <= 0 or self._subject_with_apposition(ss, cue[0]):
                continue
            if cue_word in _FORWARD_CONTENT_CUES:
                continue  # 'Facing a deficit, the council sought to delay the vote'
            # a quotation may close after the comma: 'Fiorina was not one for “engaging ...,” said'
            src_lo = ss + comma + 1 + len(re.match(r"[”\"’']*", before[comma + 1 :]).group(0))
            tail_words = _words(tail)
            if cue_word in _INVERTED_CUES and not t[src_lo : cue[0]].strip():
                src = _source_after(t, cue[1], ce)
                if src is not None:
                    sp = self._speaker(src, cue, [(ss + comma, ce)], ps, ss)
                    self._emit(_trim_content(t, ss, ss + comma), "paraphrase", sp, 0.7)
                    return
            if not t[src_lo : cue[0]].strip():
                # '..., his top aide, Tad Devine, told reporters.': the comma closes the
                # source's apposition; the content ends at the comma before the source
                appos = _source_before(t, ss, cue[0])
                comma = t.rfind(",", ss, appos[0]) - ss if appos is not None else -1
                if comma <= 0:
                    continue
                src_lo = appos[0]
            aside = re.match(r"\s*,\s*", tail)
            if aside is None and cue_word in cues.OBJECT_CUES:
                aside = _AUDIENCE_ASIDE_RE.match(tail)  # 'The solution, she told them, was ...'
            if (len(tail_words) > 12 or re.search(r"\bthat\b", tail)) and aside is None:
                continue
            if (
                tail.strip()
                and aside is None
                and not (
                    # '..., a friend told The Daily Beast.' (a quotation before it is a direct
                    # quote's, read elsewhere)
                    cue_word in cues.OBJECT_CUES
                    and _NAMED_AUDIENCE_RE.fullmatch(tail)
                    and not any(c in QUOTE_CHARS for c in before)
                )
                and not re.match(
                    r"\s*(?:,|on|in|at|during|to|of|from|after|while|when|before|last|this|earlier|"
                    r"later|recently|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                    r"reporters|journalists|the|a|an|him|her|them|us|me|told|[A-Z])\b",
                    tail,
                )
            ):
                continue
            src = _source_before(t, src_lo, cue[0])
            if src is None or _is_relative(t, src):
                continue
            # the source must fill the clause between the comma and the cue
            if _words(t[src_lo : src[0]]):
                continue
            content = _trim_content(t, ss, ss + comma)
            if len(_words(t[content[0] : content[1]])) < 3 or (
                aside is None and _is_intro(t, ss, ss + comma)
            ):
                continue
            sp = self._speaker(src, cue, [(ss + comma, ce)], ps, ss)
            self._emit(content, "paraphrase", sp, 0.7)
            if aside is not None:
                self._emit_resumed(cue[1] + aside.end(), ce, sp)
            return
        # 'X said (that) ...', and 'X is saying ...': a progressive cue's source ends before
        # its auxiliary
        progressive = [
            m
            for m in cues.PROGRESSIVE_CUE_RE.finditer(sent)
            if not any(a < m.start() < b for a, b in quoted) and _clause_cue(m)
        ]
        for m in sorted(matches + progressive, key=lambda m: m.start()):
            cue = (ss + m.start("cue"), ss + m.end("cue"))
            cue_word = m.group("cue").lower()
            src_hi = ss + m.start()
            src = _source_before(t, ss, src_hi)
            if src is None and _COORDINATED_BEFORE_RE.search(t, ss, src_hi):
                # 'The Arizona Republican survived a Vietnamese prison and says ...'
                subj = _subject(t, ss, src_hi)
                src = subj[0] if subj is not None else None
            if src is None:
                src = _embedded_subject(t, ss, src_hi)
            if src is None or _is_relative(t, src):
                continue
            if t[cue[1] : cue[1] + 3] in (" by", " to") and cue_word not in _TO_CONTENT_CUES:
                continue
            if _plural_noun_cue(t, cue[0], cue[1], ce):
                continue
            rest_lo = self._content_start(cue, cue_word, ce)
            n_before = len(self.out)
            end = self._clause_end(rest_lo, ce, ps, depth, src, cue)
            if cue_word in cues.OBJECT_CONTENT_CUES:
                end = _object_end(t, rest_lo, end)
            main_clause = None
            if _in_subordinate_clause(t, ss, cue[0]):
                # 'Although Ruiz said the plan works, she voted no': the main clause after the
                # subordinate one is the narrator's
                comma = _CLAUSE_COMMA_RE.search(t, rest_lo, end)
                if (
                    comma is not None
                    and _words(t[rest_lo : comma.start()])
                    and not _open_quotation(t[rest_lo : comma.end()])
                    and not _QUOTE_NEXT_RE.match(t, comma.end())
                ):
                    end = comma.end()  # with a closing mark: “balanced,”
                    main_clause = end
            dash = _DASH_RE.search(t, rest_lo, end) if headline else None
            if dash is not None:
                end = dash.start()  # 'Kasich Revealed Who He'd Pick – It Might Surprise You'
            content = _trim_content(t, rest_lo, end)
            min_words = 1 if cue_word in cues.OBJECT_CONTENT_CUES else 3
            content_words = _words(t[content[0] : content[1]])
            if (
                len(content_words) < min_words
                and not _ANSWER_RE.fullmatch(t, *content)
                and not (len(content_words) == 2 and not headline and _short_object(content_words))
            ):
                del self.out[n_before:]
                continue
            sp = self._speaker(src, cue, [(ss, rest_lo)], ps, ss)
            self._emit(content, "paraphrase", sp, 0.65)
            if main_clause is not None and depth < 3:
                # 'While 7 percent said they are undecided, 27 percent said ...': the main
                # clause may hold an attribution of its own
                self._indirect_main(main_clause, se, ps, depth + 1)
            return

    def _subject_with_apposition(self, ss: int, cue_start: int) -> bool:
        """'Jon Tester, chairman of the committee, said ...': everything before the cue is the
        subject, so the cue opens the content rather than closing it."""
        src = _source_before(self.t, ss, cue_start)
        return src is not None and src[0] == _strip_leading(self.t, ss, cue_start)[0]

    def _emit_resumed(self, lo: int, ce: int, sp: _Speaker) -> None:
        """'The plan, she said, is dead.': the sentence resumes after a mid-sentence attribution
        and the rest belongs to the same content (unless it brings its own cue or tells how the
        source spoke: '..., an aide said, on condition of anonymity')."""
        rest = self.t[lo:ce]
        if any(_clause_cue(m) for m in cues.CUE_RE.finditer(rest)) or cues.PARTICIPLE_RE.match(
            rest
        ):
            return
        if re.match(r"(?:who|which|according|on condition)\b", rest):
            return
        content = _trim_content(self.t, lo, ce)
        if len(_words(self.t[content[0] : content[1]])) >= 2:
            self._emit(content, "paraphrase", sp, 0.65)

    # ---- driver -------------------------------------------------------------------------
    def run(self) -> list[Candidate]:
        t = self.t
        prev_para_colon: _Speaker | None = None
        prev_para_reported: _Speaker | None = None
        # the quotations of a paragraph of quotation alone that nothing attributed
        prev_para_unattributed: list[Quote] = []
        paras = paragraphs(t)
        for k, (ps, pe) in enumerate(paras):
            signature = _SIGNATURE_LINE_RE.fullmatch(t, ps, pe)
            if signature is not None and prev_para_unattributed:
                # '“We will win.”' then '- Ana Ruiz.': the line under a quotation names its
                # speaker
                src, cue = signature.span("name"), signature.span("dash")
                sp = self._speaker(src, cue, [(ps, pe)], ps)
                for q in prev_para_unattributed:
                    self._emit((q.start, q.end), "direct", sp, 0.7)
                prev_para_unattributed = []
                continue
            n_before_para = len(self.out)
            if self._speaker_colon_paragraph(ps, pe):
                prev_para_colon = prev_para_reported = None
                prev_para_unattributed = []
                continue
            quotes = find_quotes(t, ps, pe)
            sents = sentences(t, ps, pe, quotes)
            used, assigned = self._direct(ps, pe, quotes, sents)
            unattributed = [q for q, sp, _ in assigned if sp is None]
            # '“We will win.”' then '- Ana Ruiz.': the signature line under a paragraph of
            # unattributed quotation names its speaker, not the paragraphs before
            signed = (
                bool(unattributed)
                and len(unattributed) == len(assigned)
                and k + 1 < len(paras)
                and _SIGNATURE_LINE_RE.fullmatch(t, *paras[k + 1]) is not None
            )
            if signed:
                unattributed = []
            borrowed: dict[int, tuple[Quote, _Speaker, float]] = {}
            if unattributed:
                known = [(q, sp) for q, sp, _ in assigned if sp is not None]
                all_quote = _all_quotation(t, ps, pe, quotes)
                fill: _Speaker | None = None
                conf = 0.0
                if known:
                    conf = 0.8
                elif prev_para_colon is not None:
                    fill, conf = prev_para_colon, 0.8
                elif all_quote and self.speakers and self._last_direct_para_recent(ps):
                    fill, conf = self._last_direct_speaker(), 0.7
                for q, sp, _ in assigned:
                    near = _nearest_speaker(q, known) if sp is None else None
                    if near is not None:
                        borrowed[q.open] = (q, near, conf)
                assigned = [
                    (q, sp or _nearest_speaker(q, known) or fill, c or conf)
                    for q, sp, c in assigned
                ]
            for q, sp, conf in sorted(assigned, key=lambda a: a[0].open):
                if sp is not None and q.open not in borrowed:
                    self._emit((q.start, self._extend.get(q.open, q.end)), "direct", sp, conf)
            prev_para_colon = None
            orphans = [q for q, sp, _ in assigned if sp is None]
            # a paragraph that is all quotation may go on with the previous one's content
            reported = (
                prev_para_reported
                if orphans and len(orphans) == len(assigned) and not signed
                else None
            )
            if reported is not None:
                self._drop_colon_lead(reported, ps)
            for ss, se in sents:
                if se - ss <= _MAX_SENTENCE:
                    self._relative_clauses(ss, se, ps, quotes)
                    self._nominal_cues(ss, se, ps, quotes)
                if (ss, se) in used:
                    reported = self._emit_borrowed(ss, se, borrowed, reported)
                    reported = self._continue_reported(ss, se, orphans, reported)
                    self._participle_after_quote(ss, se, ps, quotes)
                    if se - ss <= _MAX_SENTENCE:
                        self._reported_before_direct(ss, se, ps)
                    continue
                n_before = len(self.out)
                if se - ss <= _MAX_SENTENCE:
                    self._indirect(ss, se, ps)
                if len(self.out) == n_before:
                    self._quotation_after_a_lead(ss, se, ps, quotes)
                reported = self._reported_speaker(n_before)
                if len(self.out) == n_before and se == pe and t[se - 1] == ":":
                    found = (
                        self._attribution_before(ss, se - 1)
                        or self._fronted_attribution(ss, se - 1)
                        or self._subject_before(ss, se, colon=True)
                    )
                    if found:
                        prev_para_colon = self._speaker(found[0], found[1], [(ss, se)], ps)
            prev_para_reported = reported
            prev_para_unattributed = (
                orphans
                if orphans and len(self.out) == n_before_para and _all_quotation(t, ps, pe, quotes)
                else []
            )
        self.out.sort(key=lambda c: (c.start, c.end))
        found = _one_per_content(_without_nested_pronoun_attributions(self.out))
        return self._with_attribution_evidence(found)

    def _with_attribution_evidence(self, found: list[Candidate]) -> list[Candidate]:
        """`found`, each candidate's confidence also weighing what it shows beside the others
        (`attribution_evidence`): how many quotations its attribution has, an overlap."""
        rescored = []
        for c, shared in zip(found, attribution_evidence(found), strict=True):
            if shared:
                _, rule_confidence, facts = self._grounds[id(c)]
                c = replace(c, confidence=candidate_confidence(rule_confidence, facts | shared))
            rescored.append(c)
        return rescored

    def _quotation_after_a_lead(self, ss: int, se: int, ps: int, quotes: list[Quote]) -> None:
        """'“A,” Ruiz said. For retirees, on the other hand, “B.”': a sentence with no
        attribution of its own that ends in a quotation after a short lead continues the speaker
        of the direct quote right before it, lead and all."""
        own = [q for q in quotes if ss < q.open < se]
        if len(own) != 1 or own[0].close is None:
            return
        q = own[0]
        if self.t[q.close + 1 : se].strip(" .!?") or self.t[ss] in QUOTE_CHARS:
            return
        lead = self.t[ss : q.open]
        if len(_words(lead)) > _MAX_LEAD_WORDS or cues.CUE_RE.search(lead):
            return
        before = [c for c in self.out if ps <= c.start < ss]
        if not before:
            return
        last = max(before, key=lambda c: c.end)
        if last.kind != "direct":
            return  # reported speech came in between ('... what he calls “lies.” Indeed, “...”')
        sp = self._speaker_of(last)
        if sp is not None:
            self._emit(_trim_content(self.t, ss, se), "paraphrase", sp, 0.6)

    def _drop_colon_lead(self, sp: _Speaker, ps: int) -> None:
        """'Trump issued the following statement:' before a quote paragraph: a few words that
        end the previous paragraph at its colon only lead to the quotation, which is the
        content (direct), not reported speech of their own."""
        for c in self.out[-3:]:
            if (
                c.kind != "direct"
                and (c.source_start, c.cue_start) == (sp.source_start, sp.cue_start)
                and _COLON_BEFORE_PARAGRAPH_RE.fullmatch(self.t, c.end, ps)
                and (
                    len(_words(c.text)) <= _MAX_COLON_LEAD_WORDS
                    or _PREPOSITION_LEAD_RE.match(self.t[c.cue_end : c.end].lstrip()) is not None
                )
            ):
                self.out.remove(c)

    def _reported_speaker(self, n_before: int) -> _Speaker | None:
        """The speaker of the reported speech the sentence just gave (the candidates from
        `n_before` on), if any; content that opens with a partial quote ('“A” in B, she said.')
        counts, direct though it is."""
        if len(self.out) == n_before:
            return None
        return self._speaker_of(max(self.out[n_before:], key=lambda c: c.end))

    def _speaker_of(self, c: Candidate) -> _Speaker | None:
        """The (recent) speaker a candidate was emitted with."""
        for sp in reversed(self.speakers[-_ANTECEDENT_WINDOW:]):
            if (sp.source_start, sp.cue_start) == (c.source_start, c.cue_start):
                return sp
        return None

    def _emit_borrowed(
        self,
        ss: int,
        se: int,
        borrowed: dict[int, tuple[Quote, _Speaker, float]],
        reported: _Speaker | None,
    ) -> _Speaker | None:
        """Emit the unattributed quotations of a sentence that take another quotation's
        speaker; right after reported speech ('“A,” X said. X added that B. “C.”') they go on
        with that reported speech instead. Returns the reported speaker a further quotation
        sentence may continue (unchanged)."""
        for k, (q, sp, conf) in borrowed.items():
            if ss <= k < se:
                content = (q.start, self._extend.get(q.open, q.end))
                if reported is not None:
                    self._emit(content, "direct", reported, 0.6)
                else:
                    self._emit(content, "direct", sp, conf)
        return reported

    def _continue_reported(
        self, ss: int, se: int, orphans: list[Quote], reported: _Speaker | None
    ) -> _Speaker | None:
        """'Still, the clubs are “just scratching out a profit,” he said. “It is a thin
        business.”': an unattributed quotation right after reported speech is the same speaker's,
        with the same source and cue (one attribution, as PolNeAR annotates it). Returns the
        speaker a further quotation sentence may continue."""
        own = [q for q in orphans if ss <= q.open < se]
        if reported is None or not own:
            return None
        for q in own:
            self._emit((q.start, q.end), "direct", reported, 0.6)
        return reported

    def _participle_after_quote(self, ss: int, se: int, ps: int, quotes: list[Quote]) -> None:
        """'“Nobody cares,” the aide said, adding that donors may balk.' (or '..., but added
        that ...'): an unquoted participle or coordinated cue clause after a direct quote's
        attribution is a new attribution of the quote's speaker."""
        t = self.t
        closes = [q.close for q in quotes if q.close is not None and ss <= q.open < se]
        quoted = [c for c in self.out if c.kind == "direct" and ss <= c.start < se]
        if not closes or not quoted:
            return
        ce = se
        while ce > ss and t[ce - 1] in ".!?":
            ce -= 1
        found = [
            m
            for r in (_PARTICIPLE_CLAUSE_RE, _COORDINATED_CUE_RE)
            if (m := r.search(t, max(c.end for c in quoted) + 1, ce)) is not None
        ]
        if not found:
            return
        part = min(found, key=lambda m: m.start())
        if _QUOTATION_AFTER_CUE_RE.match(t, part.end(), ce):
            return  # '..., adding, “B.”' is a quotation of its own
        cue = (part.start("cue"), part.end("cue"))
        cue_word = part.group("cue").lower()
        lo = self._content_start(cue, cue_word, ce)
        content = _trim_content(t, lo, _participle_content_end(t, cue_word, lo, ce))
        if len(_words(t[content[0] : content[1]])) >= 2:
            src = (quoted[-1].source_start, quoted[-1].source_end)
            self._emit(
                content, "paraphrase", self._speaker(src, cue, [(part.start(), lo)], ps, ss), 0.6
            )

    def _reported_before_direct(self, ss: int, se: int, ps: int) -> None:
        """'Ruiz said the bridge is “a relic,” but she offered a plan: “...”': the clauses
        of a direct-quote sentence before the quote's attribution may hold reported speech of
        their own; none of it may overlap a direct quote."""
        quoted = [c for c in self.out if c.kind == "direct" and ss <= c.start < se]
        if not quoted:
            return
        lead_end = min(min(c.source_start, c.cue_start, c.start) for c in quoted)
        if lead_end <= ss or not cues.CUE_RE.search(self.t, ss, lead_end):
            return
        lead_end = _JOINING_TAIL_RE.search(self.t, ss, lead_end).start()
        n_before = len(self.out)
        self._indirect(ss, lead_end, ps)
        self.out[n_before:] = [
            c
            for c in self.out[n_before:]
            if not any(
                c.cue_start == q.cue_start or (c.start < q.end and q.start < c.end) for q in quoted
            )
        ]

    def _nominal_cues(self, ss: int, se: int, ps: int, quotes: list[Quote]) -> None:
        """'his promise to build a wall', 'Trump's attacks on the judge': a speech noun with its
        possessor attributes its complement to the possessor."""
        t = self.t
        if not _NOMINAL_NOUN_RE.search(t, ss, se):
            return  # (a cheap test first: the possessor pattern is slow to scan for)
        ce = se
        while ce > ss and t[ce - 1] in ".!?":
            ce -= 1
        for m in _NOMINAL_CUE_RE.finditer(t, ss, ce):
            if any(q.open < m.start() < (q.close or se) for q in quotes):
                continue
            # 'to' opens the content ('to build a wall'); 'on'/'of' only lead to it
            lo = m.end("cue") if m.group("prep") == "to" else m.end()
            stop = _NOMINAL_END_RE.search(t, m.end(), ce)
            end = stop.start() if stop else ce
            # or before the sentence's main verb: 'her promise to cut taxes won her the race'
            later = list(_TOKEN_RE.finditer(t, m.end(), end))[2:]
            verb = next((w for w in later if w.group(0) in _VERBISH), None)
            content = _trim_content(t, lo, verb.start() if verb else end)
            if not _words(t[content[0] : content[1]]):
                continue
            src = (m.start("src"), m.end("src"))
            if t[src[1] - 2 : src[1]] in ("'s", "’s"):
                src = (src[0], src[1] - 2)
            cue = (m.start("cue"), m.end("cue"))
            sp = self._speaker(src, cue, [(m.start(), lo)], ps, ss)
            self._emit(content, "paraphrase", sp, 0.5)

    def _relative_clauses(self, ss: int, se: int, ps: int, quotes: list[Quote]) -> None:
        """'..., said Ana Borges, who predicted a record turnout.': a relative clause with a cue
        of its own attributes its content to the noun phrase it hangs on; in '..., which critics
        say will hurt riders' (or 'what she called a rigged process') the clause's own subject
        is the source."""
        t = self.t
        ce = se
        while ce > ss and t[ce - 1] in ".!?":
            ce -= 1
        for m in _RELATIVE_CUE_RE.finditer(t, ss, ce):
            if any(q.open < m.start() < (q.close or se) for q in quotes) or not _clause_cue(m):
                continue
            src = _antecedent_np(t, ss, m.start())
            if src is None:
                continue
            cue = (m.start("cue"), m.end("cue"))
            lo = self._content_start(cue, m.group("cue").lower(), ce)
            comma = t.find(",", lo, ce)
            if (
                comma > 0
                and _QUOTE_NEXT_RE.match(t, comma + 1)
                and not any(c in QUOTE_CHARS for c in t[lo:comma])
            ):
                continue  # '..., who declared in Ohio, “...”' introduces a direct quote
            content = _trim_content(t, lo, comma if comma > 0 else ce)
            if not _words(t[content[0] : content[1]]):
                continue
            sp = self._speaker(src, cue, [(m.start(), lo)], ps, ss)
            self._emit(content, "paraphrase", sp, 0.55)
        cued = {c.cue_start for c in self.out}
        for m in _OBJECT_RELATIVE_RE.finditer(t, ss, ce):
            # 'a drawdown, which they say left a vacuum'
            cue = (m.start("cue"), m.end("cue"))
            if cue[0] in cued or any(q.open < m.start() < (q.close or se) for q in quotes):
                continue
            comma = t.find(",", cue[1], ce)
            content = _trim_content(t, cue[1], comma if comma > 0 else ce)
            if not _words(t[content[0] : content[1]]):
                continue
            sp = self._speaker((m.start("src"), m.end("src")), cue, [(m.start(), cue[1])], ps, ss)
            self._emit(content, "paraphrase", sp, 0.5)

    def _speaker_colon_paragraph(self, ps: int, pe: int) -> bool:
        """'Rubio: I’m Not Interested In Being Vice President' (a headline) or 'TAPPER: ...'
        (a transcript turn): the name before the colon said what follows it. A paragraph of
        several sentences after a label that is not a transcript's capitals is a section
        ('Superdelegates: Clinton is backed by ... “A,” Devine said.'), read as any other."""
        m = _SPEAKER_COLON_RE.match(self.t, ps, pe)
        if m is None or m.group(1).split()[0].lower() in _NOT_SPEAKER_LABELS:
            return False
        if not m.group(1).isupper() and _SENTENCE_BREAK_RE.search(self.t, m.end(), pe):
            return False
        content = _trim_content(self.t, m.end(), pe)
        n_words = len(_words(self.t[content[0] : content[1]]))
        if n_words < 2:
            return False
        if ps > 0 and n_words <= _MAX_SUBHEAD_WORDS and not self._next_to_a_turn(ps, pe):
            return False  # a subhead in the body ('Rubio: Finish second.'), not a turn
        cue = (m.end(1), m.end(1) + 1)
        sp = self._speaker((m.start(1), m.end(1)), cue, [(ps, m.end())], ps)
        self._emit(content, "paraphrase", sp, 0.5)
        return True

    def _next_to_a_turn(self, ps: int, pe: int) -> bool:
        """Is the paragraph before or after text[ps:pe] also a 'Name: ...' turn (a transcript)?"""
        t = self.t
        after = _SPACE_RE.match(t, pe).end()
        end_before = ps
        while end_before > 0 and t[end_before - 1].isspace():
            end_before -= 1
        before = t.rfind("\n", 0, end_before) + 1
        return any(_SPEAKER_COLON_RE.match(t, lo) is not None for lo in (after, before) if lo != ps)

    def _last_direct_para_recent(self, ps: int) -> bool:
        """The previous speaker counts for a bare quote paragraph if a direct quote (and its
        attribution clause) just ended before it; after more narration the quotation may be
        anyone's."""
        last = self.speakers[-1]
        direct = [c for c in self.out[-3:] if c.kind == "direct"]
        if not direct:
            return False
        gap = ps - max(c.end for c in direct)
        return ps - last.cue_end < 1500 and gap < _QUOTE_PARAGRAPH_GAP

    def _last_direct_speaker(self) -> _Speaker:
        """The speaker of the latest direct quote: a bare quote paragraph continues that
        quotation, not a participle clause ('..., referring to X') that followed it."""
        # The same recent window as _last_direct_para_recent, which found a direct quote in it
        # (and which keeps long texts linear).
        last = max((c for c in self.out[-3:] if c.kind == "direct"), key=lambda c: c.end)
        return self._speaker_of(last) or self.speakers[-1]


def _channel(text: str) -> str:
    """The channel that `text` names ('in a text exchange' -> text_message), or ''."""
    return next((name for name, rx in cues.CHANNEL_PATTERNS if rx.search(text)), "")


def _all_quotation(text: str, ps: int, pe: int, quotes: list[Quote]) -> bool:
    """Is the paragraph text[ps:pe] quotation and punctuation only?"""
    outside = text[ps:pe]
    for q in quotes:
        outside = outside.replace(text[q.open : (q.close + 1 if q.close else pe)], " ")
    return not outside.strip(" .,;:!?—–-")


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
    end1, cue1, end2 = -1, -1, -1
    for c in reported:
        if c.end > end1:
            if c.cue_start != cue1:
                end2 = max(end2, end1)
            end1, cue1 = c.end, c.cue_start
        elif c.cue_start != cue1:
            end2 = max(end2, c.end)
        reach.append((end1, cue1, end2))

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


def _open_quotation(text: str) -> bool:
    """Does `text` leave a quotation open ('she said “we won, but')?"""
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def _closed_quotation(inner: str, tail: str) -> bool:
    """Did the quotation end its own clause, so the words after it are the narrator's
    ('“Lock her up!” as he spoke', '“We will win,” referring to the rebels', '“We won,” and
    shared a link')?"""
    return inner[-1:] in "!?" or (
        inner[-1:] == "," and re.match(r"\s+(?:and\s+[a-z]+ed|[a-z]+ing)\b", tail) is not None
    )


def _nearest_speaker(q: Quote, known: list[tuple[Quote, _Speaker]]) -> _Speaker | None:
    """An unattributed quotation continues the closest attributed one before it ('“A,” X said.
    “B,” Y said. “C.”': C is Y's), or the first one after it."""
    before = [sp for k, sp in known if k.open < q.open]
    if before:
        return before[-1]
    return known[0][1] if known else None


def extract(
    text: str,
    article_date: dt.date | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[Candidate]:
    """Attribution candidates found in `text`, ordered by content offset."""
    if not text:
        return []
    return _Extractor(text, article_date, gazetteer).run()


__all__ = ["EXTRACTOR_VERSION", "Candidate", "extract"]
