"""Files (the fast path): lines validated against lookups loaded once, whole articles written
in batches, one transaction each, so an interrupted run leaves only whole articles."""

from __future__ import annotations

import io
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import orjson
from django.db import DatabaseError, transaction

from .catalog import Catalog, unsave
from .payload import PayloadError
from .plans import ArticlePlan, parse_article
from .writer import analyze_after_bulk_write, write_articles


@dataclass
class Reject:
    line: int
    field: str
    reason: str

    def as_json(self) -> bytes:
        return orjson.dumps({"line": self.line, "field": self.field, "reason": self.reason})


@dataclass
class Summary:
    articles: int = 0
    quotes: int = 0
    skipped: int = 0
    rejected: int = 0
    created: dict = field(default_factory=lambda: defaultdict(int))
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.quotes / self.seconds if self.seconds else 0.0

    def add(self, counts: dict):
        for key, value in counts.items():
            if key == "articles":
                self.articles += value
            elif key == "quotes":
                self.quotes += value
            else:
                self.created[key] += value

    def describe(self) -> str:
        made = ", ".join(f"{count:,} {kind}" for kind, count in sorted(self.created.items()))
        return (
            f"{self.articles:,} articles and {self.quotes:,} quotes imported, "
            f"{self.skipped:,} articles already present (skipped), {self.rejected:,} rejected; "
            f"created {made or 'no people, organizations, publishers or topics'}; "
            f"{self.seconds:.1f} s, {self.rate:,.0f} quotes/s."
        )


class BatchImporter:
    """Validate lines in Python, write whole articles in batches (one transaction each).

    A batch that the database refuses (a constraint, a concurrent writer) is retried one
    article at a time, each in its own transaction, so only the faulty article is rejected.
    """

    def __init__(
        self,
        *,
        create_people: bool = False,
        batch_quotes: int = 5000,
        batch_articles: int = 1000,
        on_reject: Callable[[Reject], None] | None = None,
        stop_on_reject: bool = False,
    ):
        self.create_people = create_people
        self.batch_quotes = batch_quotes
        self.batch_articles = batch_articles
        self.on_reject = on_reject
        self.stop_on_reject = stop_on_reject
        self.catalog = Catalog(preload=True)
        self.summary = Summary()
        self.batch: list[ArticlePlan] = []
        self.batch_quote_count = 0
        self.unsaved: list = []  # new objects whose articles all failed: saved with the next

    def reject(self, line: int, field_path: str, reason: str):
        self.summary.rejected += 1
        if self.on_reject:
            self.on_reject(Reject(line, field_path, reason))

    def feed(self, line_number: int, raw: bytes | str):
        if isinstance(raw, str):
            raw = raw.encode()
        if not raw.strip():
            return
        try:
            payload = orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            self.reject(line_number, "(line)", f"Not valid JSON: {error}")
            return
        self.feed_payload(line_number, payload)

    def feed_payload(self, line_number: int, payload):
        checkpoint = self.catalog.checkpoint()
        try:
            plan = parse_article(payload, self.catalog, create_people=self.create_people)
        except PayloadError as error:
            self.catalog.forget_since(checkpoint)
            self.reject(line_number, error.field, error.reason)
            return
        if not self.catalog.claim_article(plan.key):
            self.catalog.forget_since(checkpoint)
            self.summary.skipped += 1
            return
        plan.line = line_number
        self.batch.append(plan)
        self.batch_quote_count += len(plan.quotes)
        if len(self.batch) >= self.batch_articles or self.batch_quote_count >= self.batch_quotes:
            self.flush()

    def flush(self):
        """Write the current batch with the new people, roles, ... it needs."""
        batch, self.batch, self.batch_quote_count = self.batch, [], 0
        new_objects, self.unsaved = [*self.unsaved, *self.catalog.take_pending()], []
        if not batch and not new_objects:
            return
        try:
            self._write(batch, new_objects)
        except DatabaseError:
            unsave(new_objects)
            for plan in batch:
                new_objects = self._write_one(plan, new_objects)
            self.unsaved = new_objects

    def _write_one(self, plan: ArticlePlan, new_objects: list) -> list:
        """Write one article (with the batch's new objects not saved yet); returns those
        still unsaved."""
        try:
            self._write([plan], new_objects)
        except DatabaseError as error:
            unsave(new_objects)
            self.catalog.release_article(plan.key)
            self.reject(plan.line or 0, "(database)", str(error).strip().splitlines()[0])
            return new_objects
        return []

    def _write(self, plans: list[ArticlePlan], new_objects: list):
        with transaction.atomic():
            counts = write_articles(plans, new_objects)
        self.summary.add(counts)

    def run(self, lines: Iterable[tuple[int, bytes]]) -> Summary:
        started = time.monotonic()
        for line_number, raw in lines:
            self.feed(line_number, raw)
            if self.stop_on_reject and self.summary.rejected:
                break
        self.finish()
        self.summary.seconds = time.monotonic() - started
        return self.summary

    def finish(self):
        """Write what is left, then bring the planner's statistics up to date if needed."""
        self.flush()
        analyze_after_bulk_write(self.summary.quotes)


def read_lines(stream: io.BufferedIOBase, progress: Callable[[int], None] | None = None):
    """(line number, bytes) for each line of a binary stream, reporting bytes read."""
    for number, raw in enumerate(stream, start=1):
        if progress:
            progress(len(raw))
        yield number, raw
