"""``manage.py generate_corpus``: a synthetic corpus for benchmarks (fixed seed)."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError
from tqdm import tqdm

from quotes.ingest.generation import generate


class Command(BaseCommand):
    help = (
        "Fill the database with synthetic quotes (default 1,000,000) across people, "
        "organizations and articles scaled to match (20,000 / 2,000 / 100,000 for a million), "
        "text drawn from English word frequencies, a fixed random seed, the bulk COPY path."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quotes", type=int, default=1_000_000)
        parser.add_argument("--people", type=int, help="Default: quotes / 50.")
        parser.add_argument("--organizations", type=int, help="Default: quotes / 500.")
        parser.add_argument("--articles", type=int, help="Default: quotes / 10.")
        parser.add_argument("--seed", type=int, default=20231220)
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        quotes = options["quotes"]
        if quotes < 1:
            raise CommandError("--quotes must be at least 1.")
        people = options["people"] or max(10, quotes // 50)
        organizations = options["organizations"] or max(5, quotes // 500)
        articles = options["articles"] or max(1, quotes // 10)
        started = time.monotonic()
        with tqdm(
            total=quotes,
            unit="quote",
            unit_scale=True,
            desc="generate",
            disable=True if options["no_progress"] else None,
            file=sys.stderr,
        ) as bar:
            try:
                counts = generate(
                    quotes=quotes,
                    people=people,
                    organizations=organizations,
                    articles=articles,
                    publishers=min(50, max(3, articles // 100)),
                    seed=options["seed"],
                    progress=bar.update,
                )
            except IntegrityError as error:
                raise CommandError(
                    f"Seed {options['seed']} was generated in this database already; use "
                    f"another --seed. ({str(error).splitlines()[0]})"
                ) from error
        seconds = time.monotonic() - started
        self.stdout.write(
            f"Generated {counts['quotes']:,} quotes in {counts['articles']:,} articles, "
            f"{counts['people']:,} people, {counts['organizations']:,} organizations, "
            f"{counts['publishers']:,} publishers (seed {options['seed']}) in {seconds:.1f} s "
            f"({counts['quotes'] / seconds:,.0f} quotes/s)."
        )
