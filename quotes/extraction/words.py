"""Words and what they look like: tokens, capitals, verbs, open quotations.

The extractor parses no grammar; these tests on single words are what its rules use instead.
"""

from __future__ import annotations

import re

from . import cues
from .text import wordset

TOKEN_RE = re.compile(r"\S+")
#: A single dash between spaces: an aside or a break in the sentence.
DASH_RE = re.compile(r"\s(?:-|—|–|--)\s")

#: Past participles used as adjectives ('a retired general'), not as verbs.
ED_ADJECTIVES = wordset(
    """unnamed unidentified retired elected appointed related concerned based armed united
    detained informed advanced alleged disgraced embattled indicted jailed married respected
    renowned celebrated noted acclaimed self-described involved briefed aligned affiliated
    associated allied connected linked unaffiliated undecided registered licensed trained
    qualified experienced frustrated disappointed worried longtime"""
)
#: Words a noun phrase never ends on: it would go on after them.
DANGLING = wordset("and or but of to for with in on at by from the a an")
#: Words of time that end no source ('this year', 'two weeks ago').
NOT_SOURCE_TAIL = wordset(
    """year years week weeks month months day days time times night morning afternoon
    evening ago"""
)
#: Common verbs (and auxiliaries) that do not end in -ed.
VERBISH = wordset(
    """is was are were has have had will would can could should may might must did does do
    also then later again still hit took made went came met gave spoke sent put set got ran won
    lost kept left held began stood sat brought felt saw knew became seemed appeared fired shot
    took spent led sought struck wants want plans hopes fears sees calls says took shook nodded
    smiled laughed paused turned stopped grew drew threw rose fell broke wrote thought told
    stepped walked sighed shrugged"""
)


def tokens(text: str) -> list[str]:
    """The words of `text` with the punctuation they carry ('said,', '“We')."""
    return TOKEN_RE.findall(text)


def is_capitalized(word: str) -> bool:
    w = word.lstrip("(\"“‘'")
    return bool(w) and (w[0].isupper() or w[0].isdigit())


def ed_adjective(word: str) -> bool:
    """'retired', 'unnamed', 'undocumented': a participle used as an adjective (the negated
    ones, 'unaligned', 'unvaccinated', are never verbs)."""
    return word in ED_ADJECTIVES or (word.startswith("un") and len(word) > 6)


def verbish(word: str, prev: str) -> bool:
    """Does `word`, after `prev`, look like a verb ('met', 'says' after a name)?"""
    low = word.lower().strip(",.:;")
    if not low or not word[0].islower():
        return False
    if low in VERBISH or low in cues.CUE_VERBS or low in cues.PARTICIPLE_CUES:
        return True
    if low.endswith("ed") and low not in ED_ADJECTIVES:
        return True
    return (
        low.endswith("s")
        and not low.endswith(("ss", "'s", "’s", "us", "is"))
        and is_capitalized(prev)
        and prev.lower() not in cues.DETERMINERS
        and low not in cues.ROLE_NOUNS
        and low not in cues.DETERMINERS
    )


def has_verb(words: list[str]) -> bool:
    return any(verbish(w, words[i - 1] if i else "") for i, w in enumerate(words))


def is_title_case(sentence: str) -> bool:
    """'Another GOP Figure Endorses Hillary Clinton.': a headline, whose verbs are capitalized;
    the short words ('of', 'a') may not be."""
    long_words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", sentence) if len(w) > 3]
    return len(long_words) >= 3 and all(w[0].isupper() for w in long_words)


def open_quotation(text: str) -> bool:
    """Does `text` leave a quotation open ('she said “we won, but')?"""
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1
