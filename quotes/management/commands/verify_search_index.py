"""``manage.py verify_search_index``: compare the search index with the database."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from quotes.search import indexer


class Command(BaseCommand):
    help = (
        "Compare the quote search index with the database: the number of quotes, and a random "
        "sample of quotes (indexed once, with the same status, speaker, article and date). "
        "Exits non-zero on any difference."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sample", type=int, default=1000, help="Quotes compared (1000).")
        parser.add_argument(
            "--attempts",
            type=int,
            default=3,
            help="Tries, a second apart, so changes the writer is applying are not drift (3).",
        )

    def handle(self, *args, sample, attempts, **options):
        for attempt in range(attempts):
            problems = indexer.verify(settings.SEARCH_INDEX_DIR, sample)
            if not problems:
                self.stdout.write(f"The search index matches the database ({sample} sampled).")
                return
            if attempt + 1 < attempts:
                time.sleep(1)
        for problem in problems[:50]:
            self.stderr.write(problem)
        raise CommandError(f"The search index differs from the database ({len(problems)}).")
