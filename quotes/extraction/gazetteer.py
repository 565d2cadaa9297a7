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


def _contains(haystack: str, needle: str) -> bool:
    return (
        bool(needle) and re.search(rf"(?<![\w]){re.escape(needle)}(?![\w])", haystack) is not None
    )


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
        # A surname only identifies someone when no other known person shares it.
        self._surnames = {s: next(iter(keys)) for s, keys in surnames.items() if len(keys) == 1}
        self._org_names = sorted(
            ((normalize(n), k) for k, names in self.organizations.items() for n in names),
            key=lambda item: len(item[0]),
            reverse=True,
        )

    def __bool__(self) -> bool:
        return bool(self.people or self.organizations)

    def resolve_person(self, span: str) -> str | None:
        """Full name or alias anywhere in the span; otherwise a (titled) unambiguous surname."""
        norm = normalize(span)
        if not norm:
            return None
        for name, key in self._person_names:
            if _contains(norm, name):
                return key
        words = norm.replace(".", " ").split()
        # 'Mr. Biden', 'Prime Minister Netanyahu', or the bare surname 'Netanyahu'.
        for surname, key in self._surnames.items():
            if surname in words:
                return key
        return None

    def resolve_organization(self, span: str) -> str | None:
        norm = normalize(span)
        if not norm:
            return None
        for name, key in self._org_names:
            if _contains(norm, name):
                return key
        return None

    def resolve(self, span: str) -> Resolution:
        return Resolution(self.resolve_person(span), self.resolve_organization(span))

    def mentions(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, person_key) of every mention of a known person in `text`, in order."""
        found: list[tuple[int, int, str]] = []
        patterns: list[tuple[str, str]] = []
        for key, names in self.people.items():
            for name in names:
                patterns.append((name, key))
        for surname, key in self._surnames.items():
            patterns.append((self._surname_display[surname], key))
        taken: list[tuple[int, int]] = []
        for name, key in sorted(patterns, key=lambda p: len(p[0]), reverse=True):
            variants = {name, name.replace("'", "\u2019")}
            for variant in variants:
                rx = re.compile(rf"(?<![\w]){re.escape(variant)}(?![\w])")
                for m in rx.finditer(text):
                    if any(m.start() < e and s < m.end() for s, e in taken):
                        continue
                    taken.append((m.start(), m.end()))
                    found.append((m.start(), m.end(), key))
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
