"""The verbatim rule: a quote's text must be a span of its article's body.

Straight and curly quote marks and runs of whitespace count as equal, nothing else does.
Matching works on a normalised copy of both texts that remembers where each of its characters
came from, so every match maps back to exact offsets in the original body.
"""

import functools
import re

QUOTE_MARKS = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'"}
)
_WHITESPACE = re.compile(r"\s+")


class VerbatimError(ValueError):
    """The text does not occur in the body; the message says how far it matched."""


# An article's quotes are located one after the other in the same body: normalising it once
# keeps an article of many quotes linear in its length (one body is kept, the latest).
@functools.lru_cache(maxsize=1)
def normalise(text: str) -> tuple[str, list[int]]:
    """Return ``text`` normalised and, for each normalised character, its index in ``text``."""
    chars: list[str] = []
    origin: list[int] = []
    previous_space = False
    for index, char in enumerate(text.translate(QUOTE_MARKS)):
        if char.isspace():
            if previous_space:
                continue
            char, previous_space = " ", True
        else:
            previous_space = False
        chars.append(char)
        origin.append(index)
    return "".join(chars), origin


def find_spans(body: str, text: str) -> list[tuple[int, int]]:
    """Every (start, end) span of ``body`` that matches ``text`` under the verbatim rule."""
    needle = _WHITESPACE.sub(" ", text.translate(QUOTE_MARKS)).strip()
    if not needle:
        return []
    haystack, origin = normalise(body)
    spans = []
    position = haystack.find(needle)
    while position != -1:
        spans.append((origin[position], origin[position + len(needle) - 1] + 1))
        position = haystack.find(needle, position + 1)
    return spans


def locate(body: str, text: str, start: int | None = None) -> tuple[int, int]:
    """The span of ``body`` holding ``text``.

    When the text occurs several times, ``start`` chooses: the occurrence nearest to it wins
    (the first one without it), so offsets that drifted after an edit still find their place.
    Raises VerbatimError explaining what did not match.
    """
    spans = find_spans(body, text)
    if not spans:
        raise VerbatimError(_mismatch_message(body, text))
    if start is None:
        return spans[0]
    return min(spans, key=lambda span: abs(span[0] - start))


def _mismatch_message(body: str, text: str) -> str:
    """Name the first words of the quote that the article does not contain."""
    needle = _WHITESPACE.sub(" ", text.translate(QUOTE_MARKS)).strip()
    haystack, _ = normalise(body)
    low, high = 0, len(needle)
    while low < high:  # longest prefix of the quote that occurs in the body
        middle = (low + high + 1) // 2
        if needle[:middle] in haystack:
            low = middle
        else:
            high = middle - 1
    if low == 0:
        return "The text does not occur in the article body."
    word_start = needle.rfind(" ", 0, low) + 1
    if word_start > 0 and not needle[low - 1].isspace():
        low = word_start  # name the whole first word that differs
    return (
        f'The article matches "{_clip(needle[:low], tail=True)}" but then differs at '
        f'"{_clip(needle[low:])}" (character {low + 1} of the quote).'
    )


def _clip(text: str, tail: bool = False, width: int = 40) -> str:
    if len(text) <= width:
        return text
    return "…" + text[-width:] if tail else text[:width] + "…"
