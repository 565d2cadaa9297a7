"""Map a source span ('Prime Minister Netanyahu', 'a senior Hamas official') to known keys."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .cues import TITLES

_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def normalize(text: str) -> str:
    """Lower-case, unify apostrophes, drop possessives and punctuation, collapse spaces."""
    text = text.replace("\u2019", "'").replace("\xa0", " ").lower()
    text = re.sub(r"'s\b|s'(?=\s|$)", lambda m: "" if m.group(0) == "'s" else "s", text)
    text = re.sub(r"[^\w\s.-]", " ", text)
    text = re.sub(r"(?<!\b\w)\.(?=\s|$)", " ", text)  # sentence dots, keep initials 'j.'
    return " ".join(text.split())


_WORD = re.compile(r"\w+")


def _whole(needle: str) -> re.Pattern:
    """``needle`` where no word character touches it on either side."""
    return re.compile(rf"(?<![\w]){re.escape(needle)}(?![\w])")


class _NameIndex:
    """Names in a fixed order of precedence, found in a text without trying each one.

    A name occurs as a whole only where each of its words is a whole word of the text, so only
    the names whose words all occur there are tried, in their order.
    """

    def __init__(self, names: Iterable[tuple[str, str]]):
        self._entries = [(_whole(name), set(_WORD.findall(name)), key) for name, key in names]
        self._by_word: dict[str, list[int]] = {}
        self._wordless: list[int] = []
        for position, (_pattern, words, _key) in enumerate(self._entries):
            if words:
                self._by_word.setdefault(min(words), []).append(position)
            else:
                self._wordless.append(position)

    def candidates(self, text: str):
        """``(pattern, key)`` of the names that may occur in ``text``, in order."""
        words = set(_WORD.findall(text))
        positions = [*self._wordless]
        for word in words:
            positions.extend(self._by_word.get(word, ()))
        for position in sorted(positions):
            pattern, name_words, key = self._entries[position]
            if name_words <= words:
                yield pattern, key

    def first(self, text: str) -> str | None:
        """The key of the first name that occurs in ``text`` as a whole."""
        for pattern, key in self.candidates(text):
            if pattern.search(text):
                return key
        return None


@dataclass(frozen=True)
class Resolution:
    person_key: str | None = None
    organization_key: str | None = None


class Gazetteer:
    """Known people and organizations, each with the names and aliases they go by."""

    def __init__(
        self,
        people: Mapping[str, Iterable[str]] | None = None,
        organizations: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        self.people = {k: [n for n in v if n.strip()] for k, v in (people or {}).items()}
        self.organizations = {
            k: [n for n in v if n.strip()] for k, v in (organizations or {}).items()
        }
        # Full names and aliases (exact word sequence).
        self._person_names: list[tuple[str, str]] = []
        self._surname_display: dict[str, str] = {}
        surnames: dict[str, set[str]] = {}
        for key, names in self.people.items():
            for name in names:
                norm = normalize(name)
                if norm:
                    self._person_names.append((norm, key))
                words = [w for w in norm.replace(".", " ").split() if w not in _SUFFIXES]
                raw = [
                    w.strip(",.") for w in name.split() if w.strip(",.").lower() not in _SUFFIXES
                ]
                if len(words) >= 2 and raw:
                    surnames.setdefault(words[-1], set()).add(key)
                    self._surname_display[words[-1]] = raw[-1]
        self._person_names.sort(key=lambda item: len(item[0]), reverse=True)
        self._person_index = _NameIndex(name for name in self._person_names if name[0])
        # A surname only identifies someone when no other known person shares it.
        self._surnames = {s: next(iter(keys)) for s, keys in surnames.items() if len(keys) == 1}
        self._surname_order = {surname: position for position, surname in enumerate(self._surnames)}
        self._org_names = sorted(
            ((normalize(n), k) for k, names in self.organizations.items() for n in names),
            key=lambda item: len(item[0]),
            reverse=True,
        )
        self._org_index = _NameIndex(name for name in self._org_names if name[0])
        self._mention_index = _NameIndex(self._mention_patterns())

    def _mention_patterns(self):
        """Names and unambiguous surnames as written, longest first, each with the curly
        apostrophe too."""
        patterns = [(name, key) for key, names in self.people.items() for name in names]
        patterns += [(self._surname_display[s], key) for s, key in self._surnames.items()]
        for name, key in sorted(patterns, key=lambda p: len(p[0]), reverse=True):
            for variant in dict.fromkeys([name, name.replace("'", "\u2019")]):
                yield variant, key

    def __bool__(self) -> bool:
        return bool(self.people or self.organizations)

    def resolve_person(self, span: str) -> str | None:
        """Full name or alias anywhere in the span; otherwise a (titled) unambiguous surname."""
        norm = normalize(span)
        if not norm:
            return None
        if key := self._person_index.first(norm):
            return key
        # 'Mr. Biden', 'Prime Minister Netanyahu', or the bare surname 'Netanyahu'.
        known = [word for word in norm.replace(".", " ").split() if word in self._surnames]
        if known:
            return self._surnames[min(known, key=self._surname_order.__getitem__)]
        return None

    def resolve_organization(self, span: str) -> str | None:
        norm = normalize(span)
        if not norm:
            return None
        return self._org_index.first(norm)

    def resolve(self, span: str) -> Resolution:
        return Resolution(self.resolve_person(span), self.resolve_organization(span))

    def mentions(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, person_key) of every mention of a known person in `text`, in order."""
        found: list[tuple[int, int, str]] = []
        taken: list[tuple[int, int]] = []
        for pattern, key in self._mention_index.candidates(text):
            for match in pattern.finditer(text):
                if any(match.start() < end and start < match.end() for start, end in taken):
                    continue
                taken.append((match.start(), match.end()))
                found.append((match.start(), match.end(), key))
        found.sort()
        return found


def strip_title(name: str) -> str:
    """'Prime Minister Benjamin Netanyahu' -> 'Benjamin Netanyahu' (best effort)."""
    low = name.lower()
    for title in sorted(TITLES, key=len, reverse=True):
        if low.startswith(title + " "):
            return name[len(title) + 1 :]
    return name


__all__ = ["Gazetteer", "Resolution", "normalize", "strip_title"]
