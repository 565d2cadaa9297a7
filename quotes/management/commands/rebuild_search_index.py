"""``manage.py rebuild_search_index``: a new index of every quote, swapped in when complete."""

from django.conf import settings
from django.core.management.base import BaseCommand

from quotes.search import indexer


class Command(BaseCommand):
    help = (
        "Build the quote search index from the database into a new directory, then make it "
        "current. Searches keep answering meanwhile; a running search_indexer follows the swap."
    )

    def add_arguments(self, parser):
        parser.add_argument("--threads", type=int, default=2, help="Indexing threads (2).")

    def handle(self, *args, threads, **options):
        build = indexer.rebuild(settings.SEARCH_INDEX_DIR, threads=threads)
        rate = build.documents / build.seconds if build.seconds else 0
        self.stdout.write(
            f"{build.documents:,} quotes indexed in {build.seconds:.1f} s ({rate:,.0f} quotes/s),"
            f" {build.size_mb:,.1f} MB on disk: {build.path}"
        )
