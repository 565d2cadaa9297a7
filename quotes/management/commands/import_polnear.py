"""``manage.py import_polnear DIR``: the PolNeAR corpus as articles, quotes and people."""

import sys
import time
from pathlib import Path

import orjson
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from actors.choices import AliasKind
from actors.models import Alias, Person
from quotes.choices import ReviewStatus
from quotes.ingest import BatchImporter
from quotes.ingest.polnear import read_corpus


class Command(BaseCommand):
    help = (
        "Load a PolNeAR folder (metadata.tsv and split folders with text/ and attributions/): "
        "each article once (the first annotator's attributions), every attribution as a quote "
        "with its exact span, named sources linked to people (created), surname mentions as "
        "aliases. Re-running skips the articles already there."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The PolNeAR folder, e.g. shared/corpora/polnear.")
        parser.add_argument(
            "--status",
            choices=ReviewStatus.values,
            default=ReviewStatus.VERIFIED,
            help="Review status of the imported quotes (default verified: hand-annotated).",
        )
        parser.add_argument(
            "--rejects", help="Write the rejected attributions and articles here (JSON Lines)."
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        folder = Path(options["folder"])
        if not folder.is_dir():
            raise CommandError(f"No such folder: {folder}")
        started = time.monotonic()
        corpus = read_corpus(folder, status=options["status"])
        if not corpus.payloads:
            raise CommandError(f"No PolNeAR articles under {folder} (expected */text/*.txt).")
        rejects = list(corpus.rejects)

        def on_reject(reject):
            rejects.append(
                {
                    "file": corpus.lines[reject.line - 1],
                    "annotation": reject.field,
                    "reason": reject.reason,
                }
            )

        importer = BatchImporter(create_people=True, on_reject=on_reject)
        for number, payload in enumerate(
            tqdm(
                corpus.payloads,
                desc="polnear",
                unit="article",
                disable=True if options["no_progress"] else None,
                file=sys.stderr,
            ),
            start=1,
        ):
            importer.feed_payload(number, payload)
        importer.finish()
        summary = importer.summary
        aliases = self.create_aliases(corpus.aliases)
        summary.seconds = time.monotonic() - started
        if options["rejects"]:
            with open(options["rejects"], "wb") as handle:
                for reject in rejects:
                    handle.write(orjson.dumps(reject) + b"\n")
        counts = corpus.counts
        attribution_rejects = len(corpus.rejects)
        self.stdout.write(
            f"PolNeAR: {counts['articles']:,} articles read, {counts['attributions']:,} "
            f"attributions in the chosen annotations, {attribution_rejects:,} attributions "
            f"rejected, {counts['discontinuous spans kept whole']:,} discontinuous spans kept "
            f"whole, {counts['quotes with a named speaker']:,} quotes with a named speaker, "
            f"{counts['people']:,} distinct people named, {aliases:,} aliases added."
        )
        self.stdout.write(summary.describe())
        if options["rejects"]:
            self.stdout.write(f"Rejects: {options['rejects']}")

    @transaction.atomic
    def create_aliases(self, aliases: dict[str, set[str]]) -> int:
        people = Person.objects.in_bulk(list(aliases), field_name="slug")
        existing = set(
            Alias.objects.filter(person__in=people.values()).values_list("person_id", "name")
        )
        new = [
            Alias(
                person=person,
                name=name[:200],
                kind=AliasKind.SURNAME if " " not in name else AliasKind.OTHER,
            )
            for slug, names in aliases.items()
            if (person := people.get(slug)) is not None
            for name in sorted(names)
            if name != person.name and (person.pk, name[:200]) not in existing
        ]
        Alias.objects.bulk_create(new, ignore_conflicts=True)
        return len(new)
