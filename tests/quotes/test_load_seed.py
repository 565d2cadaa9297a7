"""load_seed (what `make run` and `make demo` call): the seed, into an empty database only."""

import io

import pytest
from django.core.management import call_command

from actors.models import Person
from quotes.models import Article, Quote
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def load_seed() -> str:
    out = io.StringIO()
    call_command("load_seed", stdout=out)
    return out.getvalue()


def test_an_empty_database_gets_the_seed():
    assert "Seed loaded" in load_seed()
    assert Article.objects.count() == 1
    assert Quote.objects.filter(speaker__slug="benjamin-netanyahu").exists()


def test_a_curated_seed_row_survives_the_next_run():
    load_seed()
    quote = Quote.objects.get(text__startswith="Anyone who thinks we will stop")
    quote.cue = "said in a written statement"
    quote.save()

    load_seed()

    quote.refresh_from_db()
    assert quote.cue == "said in a written statement"


def test_a_deleted_seed_row_is_not_brought_back():
    load_seed()
    Quote.objects.filter(text__startswith="Hamas’ leaders are hiding").delete()
    load_seed()
    assert not Quote.objects.filter(text__startswith="Hamas’ leaders are hiding").exists()


def test_other_data_keeps_the_seed_out_and_says_why():
    PersonFactory(name="Ana Ruiz")
    output = load_seed()
    assert "Seed not loaded: the database already holds people" in output
    assert not Article.objects.exists()
    assert list(Person.objects.values_list("name", flat=True)) == ["Ana Ruiz"]
