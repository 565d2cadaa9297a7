"""The confidence of a candidate: how likely it is that its attribution is right.

Curators sort the review queue of draft quotes by it, so it should rank right candidates above
wrong ones and mean what it says: of the candidates at 0.8, about four in five are right. Each
rule of the extractor passes a constant, its `Prior`; once a few facts about the candidate itself
are known that constant says little, so the confidence is a small logistic model over the facts
and the prior:

    log-odds = INTERCEPT + RULE_WEIGHT * logit(prior) + the EVIDENCE_WEIGHTS of the facts

The facts are what a candidate shows about itself (`evidence`, known when a rule emits it) and
what it shows beside the others of its text (`attribution_evidence`, known once all are found):
how many quotations its attribution has, whether its reported content overlaps another's.

The weights were fitted (L2-regularised logistic regression, penalty 1, no runtime dependency)
on the PolNeAR train split with the priors below, a candidate counting as right when the
attribution it belongs to (same source and cue) matches a gold attribution under the official
scoring (`evaluation`). Refit them when the rules or the priors change much; how well they rank
is in `quotes/extraction/README.md`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from . import cues
from .candidate import Candidate
from .text import QUOTE_CHARS


class Prior:
    """The constant each rule passes for its candidates, set by hand: how sure the rule is on
    its own. The weights below were fitted with these values."""

    #: A quotation with its own attribution: '“A,” X said.', 'X said: “A.”'
    QUOTATION_ATTRIBUTED = 0.9
    #: A later quotation of a sentence whose speaker is known: '“A,” X said, “B.”'
    QUOTATION_OF_SENTENCE_SPEAKER = 0.85
    #: A quotation that takes the speaker of another quotation of its sentence or paragraph
    #: ('“A.” “B,” X said.'), or of a paragraph that ended in 'X said:'
    QUOTATION_OF_NEIGHBOUR = 0.8
    #: A quotation right after a sentence that names its speaker and no content: 'X agreed. “A.”'
    QUOTATION_ANNOUNCED = 0.75
    #: A paragraph of quotation alone that goes on with the direct quote right before it
    QUOTATION_CONTINUED = 0.7
    #: A quotation named by the signature line under it: '“A.”' then '- Ana Ruiz.'
    QUOTATION_SIGNED = 0.7
    #: Words that go on with an attribution found just before them: a quotation after reported
    #: speech ('X said A. “B.”'), a sentence after a direct quote ('“A,” X said. Still, “B.”')
    CONTINUATION = 0.6
    #: 'According to X, A' and 'A, according to X'
    CLAIM_ACCORDING_TO = 0.7
    #: The rest of a sentence after a mid-sentence 'according to': 'A, according to X, is B'
    CLAIM_ACCORDING_TO_RESUMED = 0.65
    #: 'In a new poll, A'
    CLAIM_IN_SOURCE = 0.55
    #: Reported speech before its attribution: 'A, X said.', 'A, said X.'
    REPORTED_BEFORE_ATTRIBUTION = 0.7
    #: Reported speech after its cue ('X said (that) A'), or resuming after a mid-sentence
    #: attribution ('A, she said, B')
    REPORTED_AFTER_CUE = 0.65
    #: A further clause of a known speaker: 'X did A, saying B', 'X said A and urged B', and the
    #: start of a sentence a direct quote finishes ('The levy, she said, “will cost jobs.”')
    REPORTED_CLAUSE = 0.6
    #: An absolute clause, 'A, with 47 percent of voters saying B', or a relative clause, 'X,
    #: who predicted A, ...'
    REPORTED_SUBORDINATE = 0.55
    #: A speech noun or an object relative clause: 'her promise to A', 'A, which critics say B'
    REPORTED_EMBEDDED = 0.5
    #: A speaker's label opening a paragraph: 'TAPPER: ...', 'Rubio: I Am Not Running'
    SPEAKER_LABEL = 0.5


#: The plain verb of speech, the cue with the most reliable attributions.
SAY_CUES: frozenset[str] = frozenset({"said", "says", "say", "saying"})

#: A quotation of at most this many words is often a scare quote or a title, not a quote.
SHORT_CONTENT_WORDS = 3
#: Characters between a direct quote and its source beyond which the speaker is a guess.
FAR_SOURCE_CHARS = 100
#: An attribution with this many quotations or more is a run of quotation paragraphs or a guess.
MANY_QUOTATIONS = 3

#: What follows content that runs to the end of its sentence: its final mark, perhaps after a
#: closing quotation mark, or the end of the paragraph.
_SENTENCE_END_RE = re.compile(r"[”\"’')]*(?:[.!?]|\s*\n|\s*$)")

INTERCEPT = 0.43
RULE_WEIGHT = 0.23
EVIDENCE_WEIGHTS: dict[str, float] = {
    # every kind
    "direct": 0.42,  # a quotation with its own marks
    "claim": 0.39,  # 'according to X, ...'
    "say cue": 0.94,  # 'said', 'says', 'say', 'saying'
    "weak cue": -0.23,  # a thought or finding (`cues.WEAK_CUES`): 'believes', 'showed'
    # direct quotes
    "direct, source after": 0.81,  # '“...,” X said.'
    "direct, open quotation": -0.98,  # no closing mark: runs to the paragraph's end
    "direct, short": -1.02,  # at most SHORT_CONTENT_WORDS words
    "direct, far source": -0.75,  # more than FAR_SOURCE_CHARS from its source
    # the quotations of its attribution (same source and cue), see `attribution_evidence`
    "direct, one of two quotations": 0.95,  # '“A,” X said, “B.”'
    "direct, one of many quotations": -0.74,  # at least MANY_QUOTATIONS
    # reported speech and claims
    "reported, right after cue": -0.52,  # 'X said the plan ...', 'called Trump ...': no 'that'
    "reported, has quotation": 0.37,  # 'X said the plan is “dead”'
    "reported, short": -1.17,  # at most SHORT_CONTENT_WORDS words, away from its cue
    "reported, ends the sentence": 0.67,  # not cut at a clause boundary: 'X said A, but B'
    # reported speech of a pronoun or a description: 'he said', 'the official said', 'officials
    # said' (and, alike to the eye, of a name after 'the': 'The Harbor Authority said')
    "reported, unnamed source": -0.16,
    # the same words proposed twice ('Monsanto opposed the bill' for 'Monsanto' and for
    # 'Monsanto, which'), or one attribution inside another's content: one of them is wrong
    "reported, overlaps other reported speech": -1.29,
}


def evidence(
    text: str,
    content: tuple[int, int],
    kind: str,
    source: tuple[int, int],
    cue: tuple[int, int],
    pronoun_source: bool,
) -> frozenset[str]:
    """The facts (keys of `EVIDENCE_WEIGHTS`) a candidate shows about itself."""
    start, end = content
    cue_word = text[cue[0] : cue[1]].lower()
    short = len(text[start:end].split()) <= SHORT_CONTENT_WORDS
    source_after = source[0] >= end
    source_words = text[source[0] : source[1]].lower().split()
    source_opens_with_determiner = bool(source_words) and source_words[0] in cues.DETERMINERS
    facts = {
        "direct": kind == "direct",
        "claim": kind == "claim",
        "say cue": cue_word in SAY_CUES,
        "weak cue": cue_word in cues.WEAK_CUES,
    }
    if kind == "direct":
        distance = source[0] - end if source_after else start - source[1]
        facts |= {
            "direct, source after": source_after,
            "direct, open quotation": text[end : end + 1] not in QUOTE_CHARS,
            "direct, short": short,
            "direct, far source": distance > FAR_SOURCE_CHARS,
        }
    else:
        right_after_cue = cue[1] <= start and not text[cue[1] : start].strip()
        facts |= {
            "reported, right after cue": right_after_cue,
            "reported, has quotation": any(c in QUOTE_CHARS for c in text[start:end]),
            # a stance verb's object is often that short, and right: 'endorsed Clinton'
            "reported, short": short and not right_after_cue,
            "reported, ends the sentence": _SENTENCE_END_RE.match(text, end) is not None,
            # 'according to the report' is as sure as 'according to Ana Ruiz'
            "reported, unnamed source": kind == "paraphrase"
            and (pronoun_source or source_opens_with_determiner),
        }
    return frozenset(name for name, present in facts.items() if present)


def attribution_evidence(candidates: Sequence[Candidate]) -> list[frozenset[str]]:
    """The facts (keys of `EVIDENCE_WEIGHTS`) each of `candidates`, all those of one text, shows
    only beside the others: how many quotations its attribution has, whether its reported content
    overlaps another's."""
    quotations = Counter((c.source_start, c.source_end, c.cue_start) for c in candidates)
    reported = sorted(
        (i for i, c in enumerate(candidates) if c.kind != "direct"),
        key=lambda i: (candidates[i].start, candidates[i].end),
    )
    overlapping: set[int] = set()
    # sorted by start, a content overlaps an earlier one iff it starts before the furthest end
    # so far, and a later one iff the next one starts before its end
    furthest_end = -1
    for k, i in enumerate(reported):
        c = candidates[i]
        after = candidates[reported[k + 1]] if k + 1 < len(reported) else None
        if furthest_end > c.start or (after is not None and after.start < c.end):
            overlapping.add(i)
        furthest_end = max(furthest_end, c.end)
    facts = []
    for i, c in enumerate(candidates):
        count = quotations[(c.source_start, c.source_end, c.cue_start)]
        shown = {
            "direct, one of two quotations": c.kind == "direct" and count == 2,
            "direct, one of many quotations": c.kind == "direct" and count >= MANY_QUOTATIONS,
            "reported, overlaps other reported speech": i in overlapping,
        }
        facts.append(frozenset(name for name, present in shown.items() if present))
    return facts


def confidence(rule_confidence: float, facts: frozenset[str]) -> float:
    """The probability, from 0.05 to 1 in steps of 0.01, that a candidate is right."""
    prior = min(max(rule_confidence, 0.01), 0.99)
    log_odds = (
        INTERCEPT
        + RULE_WEIGHT * math.log(prior / (1 - prior))
        + sum(EVIDENCE_WEIGHTS[fact] for fact in facts)
    )
    return round(max(0.05, min(1.0, 1 / (1 + math.exp(-log_odds)))), 2)
