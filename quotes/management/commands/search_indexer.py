"""``manage.py search_indexer``: keep this node's search index current (``make run`` starts it)."""

import contextlib
import logging

from django.conf import settings
from django.core.management.base import BaseCommand

from quotes.search import indexer


class Command(BaseCommand):
    help = (
        "Build this node's quote search index from the database if it has none, then apply "
        "every change as the database records it. One per index: Tantivy has one writer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--poll", type=float, default=1.0, help="Seconds between checks without a notice."
        )

    def handle(self, *args, poll, **options):
        logging.getLogger("quotes.search").setLevel(logging.INFO)
        self.stdout.write(f"Search index: {settings.SEARCH_INDEX_DIR}")
        with contextlib.suppress(KeyboardInterrupt):
            indexer.run(settings.SEARCH_INDEX_DIR, poll=poll)
