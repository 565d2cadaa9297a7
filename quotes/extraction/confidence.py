"""The confidence of a candidate: how likely it is that its attribution is right.

Curators sort the review queue of draft quotes by it, so it should rank right candidates above
wrong ones and mean what it says: of the candidates at 0.8, about four in five are right. Each
rule of the extractor passes a constant, its prior; once a few facts about the candidate itself
are known that constant says little, so the confidence is a small logistic model over the facts
(`evidence`) and the constant:

    log-odds = INTERCEPT + RULE_WEIGHT * logit(rule constant) + the EVIDENCE_WEIGHTS of the facts

The numbers were fitted once (L2-regularised logistic regression, penalty 1, no runtime
dependency) on the PolNeAR train split with the rules of rules-1.9, a candidate counting as right
when the attribution it belongs to (same source and cue) matches a gold attribution under the
official scoring. On train the AUC went from 0.68 (the rules' constants, less 0.1 for a pronoun
source and 0.15 for a weak cue) to 0.76 and the Brier score from 0.164 to 0.142; fitted on half
of the documents and measured on the other half, 0.77 and 0.75 AUC, with every weight keeping its
sign. Refit them when the rules change much.
"""

from __future__ import annotations

import math
import re

from . import cues
from .text import QUOTE_CHARS

#: The plain verb of speech, the cue with the most reliable attributions.
SAY_CUES: frozenset[str] = frozenset({"said", "says", "say", "saying"})

#: A quotation of at most this many words is often a scare quote or a title, not a quote.
SHORT_CONTENT_WORDS = 3
#: Characters between a direct quote and its source beyond which the speaker is a guess.
FAR_SOURCE_CHARS = 100

#: What follows content that runs to the end of its sentence: its final mark, perhaps after a
#: closing quotation mark, or the end of the paragraph.
_SENTENCE_END_RE = re.compile(r"[”\"’')]*(?:[.!?]|\s*\n|\s*$)")

INTERCEPT = 0.42
RULE_WEIGHT = 0.15
EVIDENCE_WEIGHTS: dict[str, float] = {
    # every kind
    "direct": 1.06,  # a quotation with its own marks
    "claim": 0.44,  # 'according to X, ...'
    "say cue": 1.01,  # 'said', 'says', 'say', 'saying'
    "weak cue": -0.24,  # a thought or finding (`cues.WEAK_CUES`): 'believes', 'showed'
    # direct quotes
    "direct, source after": 0.69,  # '“...,” X said.'
    "direct, open quotation": -1.42,  # no closing mark: runs to the paragraph's end
    "direct, short": -1.14,  # at most SHORT_CONTENT_WORDS words
    "direct, far source": -0.97,  # more than FAR_SOURCE_CHARS from its source
    # reported speech and claims
    "reported, right after cue": -0.56,  # 'X said the plan ...', 'called Trump ...': no 'that'
    "reported, has quotation": 0.36,  # 'X said the plan is “dead”'
    "reported, short": -1.14,  # at most SHORT_CONTENT_WORDS words, away from its cue
    "reported, ends the sentence": 0.67,  # not cut at a clause boundary: 'X said A, but B'
    # reported speech of a pronoun or a description: 'he said', 'the official said', 'officials
    # said' (and, alike to the eye, of a name after 'the': 'The Harbor Authority said')
    "reported, unnamed source": -0.18,
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


def confidence(rule_confidence: float, facts: frozenset[str]) -> float:
    """The probability, from 0.05 to 1 in steps of 0.01, that a candidate is right."""
    prior = min(max(rule_confidence, 0.01), 0.99)
    log_odds = (
        INTERCEPT
        + RULE_WEIGHT * math.log(prior / (1 - prior))
        + sum(EVIDENCE_WEIGHTS[fact] for fact in facts)
    )
    return round(max(0.05, min(1.0, 1 / (1 + math.exp(-log_odds)))), 2)
