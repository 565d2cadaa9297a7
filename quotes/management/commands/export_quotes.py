"""``manage.py export_quotes``: stream quotes as CSV or JSON-LD, or their articles as JSON Lines."""

from django.core.management.base import BaseCommand, CommandError

from quotes import selectors
from quotes.ingest import exporting
from quotes.models import Article


class Command(BaseCommand):
    help = (
        "Export quotes, streamed in flat memory. --format articles writes JSON Lines, one "
        "article per line with its quotes, the shape import_articles reads (without filters: "
        "every article, those without quotes too); csv one quote per row; jsonld a schema.org "
        "document of Quotation nodes. --filter takes the list endpoint's query parameters "
        "(e.g. --filter speaker=benjamin-netanyahu --filter q=ceasefire)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--format",
            choices=sorted(exporting.FORMATS),
            default="articles",
            help="Default articles.",
        )
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")
        parser.add_argument(
            "--filter",
            action="append",
            default=[],
            metavar="KEY=VALUE",
            help="A filter of /api/v1/quotes/ (repeatable; repeat a key for several values).",
        )

    def handle(self, *args, **options):
        params = {}
        for item in options["filter"]:
            key, sep, value = item.partition("=")
            if not sep or not key:
                raise CommandError(f"--filter takes KEY=VALUE, not {item!r}.")
            params.setdefault(key.strip(), []).append(value)
        try:
            quotes = selectors.filter_quotes(params)
        except selectors.FilterError as error:
            raise CommandError(f"Invalid filter: {error}") from error
        if options["format"] == "articles":
            chunks = exporting.jsonl_articles(
                quotes, articles=None if params else Article.objects.all()
            )
        else:
            chunks = exporting.FORMATS[options["format"]](quotes)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8", newline="") as output:
                for chunk in chunks:
                    output.write(chunk)
        else:
            for chunk in chunks:
                self.stdout.write(chunk, ending="")
