"""Score the extractor against brat-annotated attributions (the PolNeAR layout).

Folder layout: ``<folder>/text/<name>.txt`` and ``<folder>/attributions/<name>_<annotator>.ann``.
When several annotators did the same article the lexicographically first .ann file is used.

Gold attributions are the ``E`` lines that tie a Content, a Source and a Cue span together
(attributions without a source, PolNeAR's 'Attribution-no-source', are left out: the extractor
always names a source). Spans may be discontinuous (``T3 Content 10 20;25 40``); extra content
roles (``Content2``) are added to the content.

A gold attribution is *direct* when its content opens with a quotation mark; the others are
scored separately. Predicted candidates are grouped into attributions: candidates sharing one
source span and cue form one attribution ('“A,” she said. “B.”', a quote continued in the
next paragraph, 'A “B,” he said. “C.”'), since the gold content holds all of them; like a
gold attribution, it is direct when its first candidate is.

Before comparing, every span is trimmed of spaces, quotation marks and edge punctuation, so the
two conventions (gold includes the marks, candidates do not) compare equal. A prediction
matches a gold attribution when their character overlap is at least 80% of the longer of the
two; matching is one-to-one (greedy, best overlap first). Source accuracy is the share of
matched pairs whose predicted source span overlaps the gold source span.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .candidate import Candidate
from .pipeline import extract
from .text import QUOTE_CHARS

MATCH_THRESHOLD = 0.8
_TRIM = set(QUOTE_CHARS) | set(" \t\n\xa0.,;:!?—–-‘’'()")

Segments = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Attribution:
    """One attribution as character segments (gold or predicted)."""

    content: Segments
    source: Segments = ()
    cue: Segments = ()
    direct: bool = False


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    source_correct: int = 0
    source_scored: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def source_accuracy(self) -> float:
        return self.source_correct / self.source_scored if self.source_scored else 0.0

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched += other.matched
        self.source_correct += other.source_correct
        self.source_scored += other.source_scored


@dataclass
class Report:
    documents: int = 0
    direct: Score = field(default_factory=Score)
    other: Score = field(default_factory=Score)

    @property
    def overall(self) -> Score:
        total = Score()
        total.add(self.direct)
        total.add(self.other)
        return total


# ---- brat --------------------------------------------------------------------------------
def parse_brat(ann_text: str) -> list[Attribution]:
    """Gold attributions of one .ann file, direct flag left False (needs the text)."""
    spans: dict[str, Segments] = {}
    events: list[dict[str, str]] = []
    for line in ann_text.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        ident, body = parts[0], parts[1]
        if ident.startswith("T"):
            label, _, offsets = body.partition(" ")
            try:
                segs = tuple(
                    (int(a), int(b))
                    for a, b in (piece.split() for piece in offsets.split(";") if piece.strip())
                )
            except ValueError:
                continue
            if label and segs:
                spans[ident] = segs
        elif ident.startswith("E"):
            roles: dict[str, str] = {}
            for item in body.split():
                role, _, ref = item.partition(":")
                if ref:
                    roles[role] = ref
            events.append(roles)
    gold = []
    for roles in events:
        content = [
            s for r, ref in roles.items() if r.startswith("Content") for s in spans.get(ref, ())
        ]
        source = spans.get(roles.get("Source", ""), ())
        cue = spans.get(roles.get("Cue", ""), ())
        if content and source and cue:
            gold.append(Attribution(tuple(sorted(content)), source, cue))
    return gold


def is_direct(text: str, content: Segments) -> bool:
    first = text[content[0][0] : content[0][1]].lstrip()
    return bool(first) and (first[0] in QUOTE_CHARS or first.startswith("''"))


def _trimmed(text: str, segs: Segments) -> set[int]:
    chars: set[int] = set()
    for a, b in segs:
        while a < b and text[a] in _TRIM:
            a += 1
        while b > a and text[b - 1] in _TRIM:
            b -= 1
        chars.update(range(a, b))
    return chars


def _overlaps(a: Segments, b: Segments) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


# ---- predictions -------------------------------------------------------------------------
def group_candidates(text: str, candidates: Iterable[Candidate]) -> list[Attribution]:
    """Merge candidates of one attribution (same source and cue) into one."""
    groups: dict[tuple, list[Candidate]] = {}
    for c in sorted(candidates, key=lambda c: (c.start, c.end)):
        groups.setdefault((c.source_start, c.source_end, c.cue_start), []).append(c)
    return [
        Attribution(
            tuple((c.start, c.end) for c in cands),
            ((cands[0].source_start, cands[0].source_end),),
            ((cands[0].cue_start, cands[0].cue_end),),
            cands[0].kind == "direct",
        )
        for cands in groups.values()
    ]


def score(text: str, gold: list[Attribution], predicted: list[Attribution]) -> Score:
    """P/R/F1 counts and source accuracy for one attribution class."""
    result = Score(gold=len(gold), predicted=len(predicted))
    gold_chars = [_trimmed(text, g.content) for g in gold]
    pred_chars = [_trimmed(text, p.content) for p in predicted]
    pairs = []
    for i, gc in enumerate(gold_chars):
        for j, pc in enumerate(pred_chars):
            if not gc or not pc:
                continue
            inter = len(gc & pc)
            if inter and inter / max(len(gc), len(pc)) >= MATCH_THRESHOLD:
                pairs.append((inter / max(len(gc), len(pc)), i, j))
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _ratio, i, j in sorted(pairs, reverse=True):
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        result.matched += 1
        if gold[i].source:
            result.source_scored += 1
            if _overlaps(gold[i].source, predicted[j].source):
                result.source_correct += 1
    return result


def evaluate_document(
    text: str, gold: list[Attribution], candidates: Iterable[Candidate]
) -> tuple[Score, Score]:
    """(direct, other) scores of one document."""
    return _score_classes(text, _flag_direct(text, gold), group_candidates(text, candidates))


def _flag_direct(text: str, attributions: list[Attribution]) -> list[Attribution]:
    return [
        Attribution(a.content, a.source, a.cue, is_direct(text, a.content)) for a in attributions
    ]


def _score_classes(
    text: str, gold: list[Attribution], predicted: list[Attribution]
) -> tuple[Score, Score]:
    direct = score(text, [g for g in gold if g.direct], [p for p in predicted if p.direct])
    other = score(text, [g for g in gold if not g.direct], [p for p in predicted if not p.direct])
    return direct, other


def _annotations_by_article(folder: Path) -> dict[str, list[Path]]:
    """Article name -> its annotators' .ann files, in lexicographic order."""
    found: dict[str, list[Path]] = {}
    ann_dir = folder / "attributions"
    for name in sorted(os.listdir(ann_dir)):
        if name.endswith(".ann"):
            found.setdefault(re.sub(r"_[^_]+\.ann$", "", name), []).append(ann_dir / name)
    return found


def _annotation_files(folder: Path) -> dict[str, Path]:
    """Article name -> the lexicographically first annotator's .ann file."""
    return {article: files[0] for article, files in _annotations_by_article(folder).items()}


def _article_dates(folder: Path) -> dict[str, dt.date]:
    """Publication dates from a metadata.tsv next to (or one level above) the folder."""
    for meta in (folder / "metadata.tsv", folder.parent / "metadata.tsv"):
        if meta.is_file():
            dates = {}
            lines = meta.read_text(encoding="utf-8").splitlines()
            header = lines[0].split("\t") if lines else []
            if "filename" not in header or "publication_date" not in header:
                return {}
            fi, di = header.index("filename"), header.index("publication_date")
            for line in lines[1:]:
                cols = line.split("\t")
                try:
                    dates[cols[fi]] = dt.date.fromisoformat(cols[di])
                except (IndexError, ValueError):
                    continue
            return dates
    return {}


def evaluate_folder(
    path: str | os.PathLike[str],
    extractor: Callable[..., list[Candidate]] = extract,
) -> Report:
    """Run the extractor on every annotated article of a brat folder and score it."""
    folder = Path(path)
    dates = _article_dates(folder)
    report = Report()
    for article, ann_path in sorted(_annotation_files(folder).items()):
        text_path = folder / "text" / f"{article}.txt"
        if not text_path.is_file():
            continue
        text = text_path.read_text(encoding="utf-8")
        gold = parse_brat(ann_path.read_text(encoding="utf-8"))
        candidates = extractor(text, dates.get(article))
        direct, other = evaluate_document(text, gold, candidates)
        report.documents += 1
        report.direct.add(direct)
        report.other.add(other)
    return report


def annotator_agreement(path: str | os.PathLike[str]) -> Report:
    """How far the corpus's own annotators agree: on every article two of them did, the second
    one's attributions scored against the first one's, as the extractor's are.

    The scores of a careful human, under the same matching, bound what the extractor can be
    expected to reach on this corpus.
    """
    folder = Path(path)
    report = Report()
    for article, files in sorted(_annotations_by_article(folder).items()):
        text_path = folder / "text" / f"{article}.txt"
        if len(files) < 2 or not text_path.is_file():
            continue
        text = text_path.read_text(encoding="utf-8")
        first, second = (
            _flag_direct(text, parse_brat(f.read_text(encoding="utf-8"))) for f in files[:2]
        )
        direct, other = _score_classes(text, first, second)
        report.documents += 1
        report.direct.add(direct)
        report.other.add(other)
    return report


def format_report(report: Report, title: str = "") -> str:
    """A plain-text table of the report."""
    head = (
        f"{'class':<8} {'gold':>6} {'pred':>6} {'match':>6} {'P':>6} {'R':>6} {'F1':>6} {'src':>6}"
    )
    lines = []
    if title:
        lines.append(title)
    lines.append(f"documents: {report.documents}")
    lines.append(head)
    lines.append("-" * len(head))
    for name, s in (("direct", report.direct), ("other", report.other), ("all", report.overall)):
        lines.append(
            f"{name:<8} {s.gold:>6} {s.predicted:>6} {s.matched:>6} {s.precision:>6.3f} "
            f"{s.recall:>6.3f} {s.f1:>6.3f} {s.source_accuracy:>6.3f}"
        )
    return "\n".join(lines)


__all__ = [
    "Attribution",
    "Report",
    "Score",
    "annotator_agreement",
    "evaluate_document",
    "evaluate_folder",
    "format_report",
    "group_candidates",
    "is_direct",
    "parse_brat",
    "score",
]
