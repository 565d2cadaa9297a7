"""``manage.py import_articles FILE``: articles with their quotes from JSON Lines."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from quotes.ingest import BatchImporter, read_lines


class _RolledBack(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Import articles and their quotes from a JSON Lines file (one article per line, the "
        "write API's shape; see the README). Existing articles (same canonical URL, or same "
        "publisher, title and date) are skipped, so a re-run changes nothing. Bad lines go to a "
        "rejects file (line, field, reason) and the run goes on, unless --atomic."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON Lines file, or - for standard input.")
        parser.add_argument(
            "--create-people",
            action="store_true",
            help="Create the people and organizations (and their roles) that do not exist yet "
            "instead of rejecting the article.",
        )
        parser.add_argument(
            "--atomic",
            action="store_true",
            help="All or nothing: one transaction for the whole file; the first rejected line "
            "stops the run and rolls everything back.",
        )
        parser.add_argument(
            "--rejects",
            help="Where to write rejected lines as JSON Lines {line, field, reason} "
            "(default: FILE.rejects.jsonl, written only when something is rejected).",
        )
        parser.add_argument(
            "--batch-quotes",
            type=int,
            default=5000,
            help="Quotes per transaction on the fast path (whole articles; default 5000).",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        path = options["file"]
        if path != "-" and not Path(path).is_file():
            raise CommandError(f"No such file: {path}")
        rejects_path = Path(
            options["rejects"] or ("rejects.jsonl" if path == "-" else f"{path}.rejects.jsonl")
        )
        rejects_file = None

        def on_reject(reject):
            nonlocal rejects_file
            if rejects_file is None:
                rejects_file = rejects_path.open("wb")
            rejects_file.write(reject.as_json() + b"\n")
            if options["verbosity"] >= 2:
                self.stderr.write(f"line {reject.line}: {reject.field}: {reject.reason}")

        importer = BatchImporter(
            create_people=options["create_people"],
            batch_quotes=options["batch_quotes"],
            on_reject=on_reject,
            stop_on_reject=options["atomic"],
        )
        stream = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
        total = None if path == "-" else Path(path).stat().st_size
        bar = tqdm(
            total=total,
            unit="B",
            unit_scale=True,
            desc="import",
            disable=True if options["no_progress"] else None,
            file=sys.stderr,
        )
        try:
            lines = read_lines(stream, bar.update)
            if options["atomic"]:
                try:
                    with transaction.atomic():
                        summary = importer.run(lines)
                        if summary.rejected:
                            raise _RolledBack
                except _RolledBack:
                    raise CommandError(
                        f"{summary.rejected} line(s) rejected (see {rejects_path}); "
                        "--atomic: nothing was imported."
                    ) from None
            else:
                summary = importer.run(lines)
        finally:
            bar.close()
            if stream is not sys.stdin.buffer:
                stream.close()
            if rejects_file is not None:
                rejects_file.close()
        self.stdout.write(summary.describe())
        if summary.rejected:
            self.stdout.write(f"Rejected lines: {rejects_path}")
        return None
