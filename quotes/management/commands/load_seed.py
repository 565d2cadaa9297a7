"""``manage.py load_seed``: the seed article and its actors, into an empty database only."""

import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

SEED_FIXTURE = "seed"


def seed_models() -> list:
    """The models the seed fixture has rows of."""
    (path,) = (
        path
        for folder in settings.FIXTURE_DIRS
        if (path := Path(folder) / f"{SEED_FIXTURE}.json").exists()
    )
    labels = {row["model"] for row in json.loads(path.read_text(encoding="utf-8"))}
    return [apps.get_model(label) for label in sorted(labels)]


class Command(BaseCommand):
    help = (
        "Load the seed (fixtures/seed.json) when none of its tables holds a row yet. Over any "
        "existing data it does nothing: loaddata would overwrite the rows curators edited."
    )

    def handle(self, *args, **options):
        present = [
            str(model._meta.verbose_name_plural)
            for model in seed_models()
            if model._default_manager.exists()
        ]
        if present:
            self.stdout.write(
                f"Seed not loaded: the database already holds {', '.join(present)}. The seed "
                "loads into an empty database only, so edits to its rows are kept. To start "
                "afresh on the embedded database: make clean-db."
            )
            return
        call_command("loaddata", SEED_FIXTURE, verbosity=0)
        self.stdout.write(self.style.SUCCESS("Seed loaded: the article of fixtures/seed.json."))
