"""manage.py evaluate_extraction DIR: score the extractor on a PolNeAR-style brat folder.

Prints the precision / recall / F1 table for DIR and, where two annotators did the same
article, how far they agree under the same scoring (the corpus's own ceiling). Then it checks
the extractor against the reference quotes stored in the database (the seed fixture's article,
or --article): how many of them it finds (content overlap of at least 80%) and with which
speaker. Without the seed fixture loaded that second part says so and the command still
succeeds.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from quotes.extraction import EXTRACTOR_VERSION, extract
from quotes.extraction.evaluation import (
    MATCH_THRESHOLD,
    Attribution,
    annotator_agreement,
    evaluate_folder,
    format_report,
    score,
)
from quotes.models import Article, Quote
from quotes.proposals import build_gazetteer


class Command(BaseCommand):
    help = "Score the quote extractor on a PolNeAR folder and on the seed article's quotes."

    def add_arguments(self, parser):
        parser.add_argument(
            "folder", help="A brat folder with text/ and attributions/ (e.g. polnear/dev)."
        )
        parser.add_argument(
            "--article",
            type=int,
            action="append",
            help="Article id(s) to check against their stored quotes (default: every article "
            "with hand-entered quotes, i.e. the seed fixture's).",
        )

    def handle(self, *args, **options):
        folder = Path(options["folder"])
        if not (folder / "text").is_dir() or not (folder / "attributions").is_dir():
            raise CommandError(f"{folder} has no text/ and attributions/ folders (brat layout).")
        report = evaluate_folder(folder)
        self.stdout.write(format_report(report, f"{folder} ({EXTRACTOR_VERSION})"))
        self.stdout.write("")
        agreement = annotator_agreement(folder)
        if agreement.documents:
            self.stdout.write(
                format_report(
                    agreement,
                    "The annotators against each other (the second one's attributions scored "
                    "against the first one's, on the articles two of them did):",
                )
            )
            self.stdout.write("")
        self._reference_articles(options.get("article"))

    def _reference_articles(self, ids: list[int] | None) -> None:
        try:
            if ids:
                articles = list(Article.objects.filter(pk__in=ids))
                missing = set(ids) - {a.pk for a in articles}
                if missing:
                    raise CommandError(f"No article with id {sorted(missing)}.")
            else:
                articles = list(
                    Article.objects.filter(quotes__extractor_version="")
                    .exclude(body="")
                    .distinct()
                    .order_by("pk")
                )
            if not articles:
                self.stdout.write(
                    "Seed article: not in the database (load it with "
                    "`manage.py loaddata seed` to compare against its quotes)."
                )
                return
            gazetteer = build_gazetteer()
            for article in articles:
                self._check_article(article, gazetteer)
        except DatabaseError as error:
            self.stdout.write(f"Seed article: database not available ({error.__class__.__name__}).")

    def _check_article(self, article: Article, gazetteer) -> None:
        reference = [
            q
            for q in article.quotes.filter(extractor_version="").order_by("start_offset", "pk")
            if q.start_offset is not None and q.end_offset is not None
        ]
        candidates = extract(article.body, article.published_on, gazetteer)
        predicted = [
            Attribution(((c.start, c.end),), ((c.source_start, c.source_end),)) for c in candidates
        ]
        self.stdout.write(f"Article {article.pk}: {article.title}")
        if not reference:
            self.stdout.write("  no reference quotes with offsets")
            return
        found = same_speaker = 0
        for quote in reference:
            gold = Attribution(((quote.start_offset, quote.end_offset),))
            result = score(article.body, [gold], predicted)
            match = _best(quote, candidates) if result.matched else None
            mark = "found" if match is not None else "missed"
            speaker = ""
            if match is not None:
                found += 1
                if _same_source(quote, match):
                    same_speaker += 1
                    speaker = ", same speaker"
                else:
                    speaker = f", source {match.source_text!r}"
            self.stdout.write(f"  [{mark}{speaker}] {quote.kind}: {_short(quote.text)}")
        self.stdout.write(
            f"  reference quotes: {len(reference)}, found: {found}, with the same speaker: "
            f"{same_speaker}, candidates: {len(candidates)} "
            f"(match: >= {MATCH_THRESHOLD:.0%} overlap)"
        )


def _best(quote: Quote, candidates):
    best, best_ratio = None, 0.0
    gold = set(range(quote.start_offset, quote.end_offset))
    for c in candidates:
        pred = set(range(c.start, c.end))
        ratio = len(gold & pred) / max(len(gold), len(pred), 1)
        if ratio > best_ratio:
            best, best_ratio = c, ratio
    return best


def _same_source(quote: Quote, candidate) -> bool:
    keys = {str(k) for k in (quote.speaker_id, quote.speaking_organization_id) if k is not None}
    if quote.source_organization_id is not None:
        keys.add(str(quote.source_organization_id))
    if candidate.person_key in keys or candidate.organization_key in keys:
        return True
    return bool(quote.attribution) and quote.attribution.strip().lower() in {
        candidate.source_text.strip().lower()
    }


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
