"""Is a named source a person? Entity typing for the names a corpus import would make people of.

A source span that looks like a name ("Trump Tower", "Clinton Cash", "Daily Caller", "North
Carolina", "Anti-Trump Groups") is typed by rules over three kinds of evidence:

- name lists: the US census given names and common surnames (the ``names`` package);
- the corpus itself: words its articles write in lower case mid-sentence are common words
  ("tower", "cash", "groups"), and names it confirms ("Mr. Obama", the surname of a full name
  that starts with a given name) are names, even when they are also words ("trump");
- where the span stands: a headline capitalises every word, "The" opens the names of
  organizations and works ("The Daily Caller"), and "X's Y" names a thing of X's.

Without evidence either way (most foreign names), a name stays a person.
"""

from __future__ import annotations

import enum
import importlib.resources
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from wordfreq import zipf_frequency


class Kind(enum.StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"
    WORK = "work"
    DESCRIPTION = "description"  # a description of people, not a name: "Frustrated Parents"


# A surname at least this common in the census is a name even where it is also a word ("Brown").
COMMON_SURNAME_RANK = 2500
# Without corpus evidence, a word at least this frequent in English (Zipf scale) is a word.
WORD_ZIPF = 3.5

PLACES = {
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
    "delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa",
    "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan",
    "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada", "new hampshire",
    "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio",
    "oklahoma", "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota",
    "tennessee", "texas", "utah", "vermont", "virginia", "washington", "west virginia",
    "wisconsin", "wyoming", "puerto rico", "guam", "north korea", "south korea", "united states",
    "united kingdom", "great britain", "saudi arabia", "south africa", "new zealand",
    "el salvador", "costa rica", "sri lanka", "hong kong", "western europe", "eastern europe",
    "latin america", "middle east", "british columbia", "silicon valley", "capitol hill",
    "wall street", "st paul", "st louis", "los angeles", "san francisco", "las vegas",
}  # fmt: skip
# Words that make a name an organization's, a work's or a description's whatever else it holds.
ORGANIZATION_WORDS = {
    "campaign", "committee", "party", "times", "post", "news", "journal", "department",
    "congress", "court", "administration", "association", "council", "foundation",
    "institute", "institution", "university", "center", "centre", "group", "network",
    "company", "corp", "inc", "agency", "office", "bureau", "service", "police", "army",
    "commission", "fund", "funds", "union", "federation", "league", "coalition",
    "organization", "ministry", "government", "media", "club", "watch", "forum", "corps",
    "herald", "globe", "tribune", "gazette", "observer", "review", "radio", "tv", "daily",
    "weekly", "magazine", "research", "economics", "technologies", "parliament", "team",
    "camp", "legion", "klan", "pac",
}  # fmt: skip
WORK_WORDS = {
    "act", "bill", "book", "documentary", "film", "movie", "video", "email", "report",
    "document", "documents", "poll", "survey", "study", "show", "edition",
}  # fmt: skip
# Adjectives of party, faith or origin: "Wisconsin Republican" describes a person, names none.
DESCRIPTION_WORDS = {
    "republican", "republicans", "democrat", "democrats", "democratic", "democratics",
    "christian", "christians", "american", "americans", "millennial", "millennials",
    "conservative", "liberal", "progressive", "moderators", "victims", "survivors",
}  # fmt: skip
WORK_CUES = re.compile(
    r"\b(?:book|film|documentary|movie|video|report|show|bill)[\s\"“'‘]*$", re.IGNORECASE
)
ARTICLE = re.compile(r"\bthe\s*$", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# "Mr. Obama", "Ms. Wasserman Schultz": the last word is a surname (other titles precede full
# names as often).
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms)\.\s+((?:[A-Z][A-Za-z'’-]+\s+)*[A-Z][A-Za-z'’-]+)")
_SENTENCE_END = re.compile(r"(?:[.!?:;\"“”]|\n)\s*$")


@cache
def _census(name: str) -> dict[str, int]:
    """A census name list of the ``names`` package: name (lower case) -> rank."""
    text = (importlib.resources.files("names") / name).read_text(encoding="ascii")
    ranks = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 4:
            ranks.setdefault(parts[0].lower(), int(parts[3]))
    return ranks


def given_names() -> set[str]:
    return set(_census("dist.male.first")) | set(_census("dist.female.first"))


def surname_rank(word: str) -> int | None:
    """The census rank of a surname; the census writes "O'Connor" as OCONNOR."""
    return _census("dist.all.last").get(word.lower().replace("'", "").replace("’", ""))


def _fold(token: str) -> str:
    return token.rstrip(".").replace("’", "'").lower()


@dataclass
class NameEvidence:
    """What a corpus tells about words and names: its casing and the names it confirms."""

    lowercase: Counter = field(default_factory=Counter)  # mid-sentence, written in lower case
    capitalized: Counter = field(default_factory=Counter)  # mid-sentence, capitalised
    surnames: set[str] = field(default_factory=set)  # confirmed by the corpus
    given: set[str] = field(default_factory=given_names)

    @classmethod
    def from_corpus(cls, bodies: Iterable[str], full_names: Iterable[list[str]] = ()):
        """From the article bodies and the full names (token lists) that sources use."""
        evidence = cls()
        for body in bodies:
            evidence.read(body)
        for tokens in full_names:
            if len(tokens) >= 2 and _fold(tokens[0]) in evidence.given:
                evidence.surnames.add(_fold(tokens[-1]))
        return evidence

    def read(self, body: str) -> None:
        for line in body.splitlines()[1:]:  # the first line is the headline
            for match in _WORD.finditer(line):
                word = match.group()
                if _SENTENCE_END.search(line[: match.start()]) or match.start() == 0:
                    continue
                counter = self.lowercase if word[0].islower() else self.capitalized
                counter[word.lower()] += 1
        self.surnames.update(_fold(name.split()[-1]) for name in _HONORIFIC.findall(body))

    def is_given(self, token: str) -> bool:
        """A given name, an initial ("J."), or a hyphenated given name ("Anne-Marie")."""
        word = _fold(token)
        return len(word) == 1 or word in self.given or word.split("-")[0] in self.given

    def is_name(self, token: str) -> bool:
        word = _fold(token)
        rank = surname_rank(word)
        return (
            self.is_given(token)
            or word in self.surnames
            or (rank or COMMON_SURNAME_RANK + 1) <= COMMON_SURNAME_RANK
        )

    def is_word(self, token: str, *, headline: bool = False) -> bool:
        """A common word rather than a name. In a headline every word is capitalised, so only
        the names the corpus confirms count as names there."""
        word = _fold(token)
        if word in self.surnames or (not headline and self.is_name(token)):
            return False
        lower, capital = self.lowercase[word], self.capitalized[word]
        if lower + capital >= 3:
            return lower >= capital / 2
        if headline and self.is_given(token):
            return False
        return zipf_frequency(word, "en") >= WORD_ZIPF


def is_acronym(token: str) -> bool:
    letters = token.replace(".", "")
    return 2 <= len(letters) <= 4 and letters.isupper() and letters.isalpha()


def kind_of(
    tokens: list[str],
    *,
    written: str,
    before: str = "",
    headline: bool = False,
    evidence: NameEvidence,
) -> Kind:
    """The kind of entity a name-like source is.

    ``tokens`` are the name's words (titles stripped), ``written`` the name as the source
    writes it (with its titles), ``before`` the text of the article up to it, ``headline``
    whether it stands in a capitalised headline.
    """
    folded = [_fold(token) for token in tokens]
    name = " ".join(folded)
    if name in PLACES or (" ".join(folded[1:]) in PLACES and folded[0] in {"the", "st"}):
        return Kind.PLACE
    capitals = all(token.isupper() for token in tokens)
    if capitals:  # a transcript's speaker label or a shouted headline: judge the words
        tokens = [token.capitalize() for token in tokens]
        headline = True
    if re.search(r"\w['’]s\s+\S", written):  # "Schweizer's Clinton Cash", "Obama's DOJ"
        return Kind.WORK if WORK_CUES.search(before) else Kind.ORGANIZATION
    if WORK_CUES.search(before) or folded[-1] in WORK_WORDS:
        return Kind.WORK
    if ARTICLE.search(before) or written.split()[0] in {"The", "THE"}:
        return Kind.ORGANIZATION
    organization_like = any(word in ORGANIZATION_WORDS for word in folded) or any(
        map(is_acronym, tokens)
    )
    if organization_like and not (capitals and len(tokens) == 2 and evidence.is_name(tokens[0])):
        return Kind.ORGANIZATION  # "Judicial Watch", "BFM TV"; "JAKE TAPPER" is a speaker label
    if any(word in DESCRIPTION_WORDS or word.startswith("anti-") for word in folded):
        return Kind.DESCRIPTION
    first, last = tokens[0], tokens[-1]
    if not evidence.is_given(first) and _fold(first) in evidence.surnames:
        return Kind.ORGANIZATION  # named after a person: "Trump Tower", "Trump World"
    words = [evidence.is_word(token, headline=headline) for token in tokens]
    if not words[-1]:
        return Kind.PERSON  # the surname's place holds a name, or a word unknown to English
    if not headline and evidence.is_given(first) and surname_rank(last) is not None:
        return Kind.PERSON  # "George Will", "Hope Hicks", "Charlie Black"
    if _fold(last).endswith("s") or all(words):
        return Kind.DESCRIPTION  # "Frustrated Parents", "Federal Judge"
    return Kind.ORGANIZATION


def person_tokens(tokens: list[str], *, evidence: NameEvidence) -> list[str]:
    """The name without what a source puts before it that is no part of it: a place, an
    outlet or a description ("Florida Rick Wilson", "USA TODAY Paul Singer")."""
    if evidence.is_given(tokens[0]) and _fold(tokens[0]) not in PLACES:
        return tokens
    for start in range(1, len(tokens) - 1):
        if len(_fold(tokens[start])) > 1 and evidence.is_given(tokens[start]):
            before = tokens[:start]
            if " ".join(map(_fold, before)) in PLACES or all(
                not evidence.is_name(token) or evidence.lowercase[_fold(token)] or is_acronym(token)
                for token in before
            ):
                return tokens[start:]
            break
    return tokens
