"""An article body cut into paragraphs and runs of text, each run marked with the quote whose
span covers it, for the article page: every verified quote marked, each mark a link."""

from dataclasses import dataclass, field
from itertools import pairwise


@dataclass
class Run:
    text: str
    quote: int | None = None  # the innermost quote covering the run
    starts: list[int] = field(default_factory=list)  # quotes whose span begins here


def _paragraph_bounds(body: str):
    start = 0
    for line in body.split("\n"):
        end = start + len(line)
        if line.strip():
            yield start, end
        start = end + 1


def marked_paragraphs(body: str, spans: list[tuple[int, int, int]]) -> list[list[Run]]:
    """Paragraphs (the body's non-blank lines) as runs. ``spans`` are ``(start, end, quote id)``;
    where spans overlap, a run belongs to the shortest, so a quote inside another keeps its own
    link."""
    paragraphs = []
    for first, last in _paragraph_bounds(body):
        inside = [(s, e, pk) for s, e, pk in spans if s < last and e > first]
        cuts = sorted(
            {first, last, *(max(s, first) for s, _, _ in inside)}
            | {min(e, last) for _, e, _ in inside}
        )
        runs = []
        for start, end in pairwise(cuts):
            covering = [(e - s, pk) for s, e, pk in inside if s <= start and e >= end]
            quote = min(covering)[1] if covering else None
            starts = sorted(pk for s, _, pk in inside if s == start)
            if runs and runs[-1].quote == quote and not starts:
                runs[-1].text += body[start:end]
            else:
                runs.append(Run(body[start:end], quote, starts))
        paragraphs.append(runs)
    return paragraphs
