"""The ``q`` parameter in web-search syntax, parsed once for any engine.

As PostgreSQL's ``websearch_to_tsquery`` reads it: words are all required, ``"an exact
phrase"`` keeps its words in order, ``OR`` between two terms accepts either, ``-word`` or
``-"a phrase"`` excludes. A hyphenated word is joined first ('cease-fire' -> 'ceasefire'), as
the PostgreSQL path does, and an engine matches the joined spelling against both spellings
of the documents. Analysis (case, accents, stemming, stop words) is the engine's.
"""

import re
from dataclasses import dataclass, field

# Unicode hyphens and dashes count as hyphens (PostgreSQL's immutable_unaccent turns them into
# '-' before a document is parsed).
HYPHENS = "-\u2010-\u2015\u2212"
HYPHEN = re.compile(f"[{HYPHENS}]")
# A hyphen between two letters; '-word' (exclusion) and '2015-16' keep theirs.
HYPHEN_IN_WORD = re.compile(rf"(?<=[^\W\d_])[{HYPHENS}](?=[^\W\d_])")
# A quoted phrase (the closing quote may be missing), or a run of anything but space.
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Term:
    """Words that must occur in this order: one word, or a phrase."""

    text: str


@dataclass
class ParsedQuery:
    """Every group must match (one of its terms suffices); no excluded term may."""

    required: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)


def parse(text: str) -> ParsedQuery:
    parsed = ParsedQuery()
    pending_or = False
    for match in _TOKEN.finditer(HYPHEN_IN_WORD.sub("", text)):
        negated_phrase, phrase, word = match.groups()
        if word is not None and word.casefold() == "or":
            pending_or = bool(parsed.required)
            continue
        negated = bool(negated_phrase) if phrase is not None else word.startswith("-")
        term = Term(phrase if phrase is not None else word.lstrip("-"))
        if not term.text.strip():
            continue
        if negated:
            parsed.excluded.append(term)
        elif pending_or:
            parsed.required[-1].append(term)
        else:
            parsed.required.append([term])
        pending_or = False
    return parsed
