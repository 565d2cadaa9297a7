"""Merging a person entered twice: everything moves to the survivor, nothing is lost."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from actors.merging import merge_people
from actors.models import Affiliation, Person, PersonRedirect
from tests.factories import AffiliationFactory, AliasFactory, PersonFactory, QuoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    return PersonFactory(name="Lao Tzu", slug="lao-tzu"), PersonFactory(name="Laozi", slug="laozi")


def test_quotes_move_to_the_survivor(pair):
    survivor, duplicate = pair
    quote = QuoteFactory(speaker=duplicate)
    merge_people(survivor, duplicate)
    quote.refresh_from_db()
    assert quote.speaker == survivor


def test_the_duplicate_is_deleted_and_its_name_becomes_an_alias(pair):
    survivor, duplicate = pair
    merge_people(survivor, duplicate)
    assert not Person.objects.filter(pk=duplicate.pk).exists()
    assert list(survivor.aliases.values_list("name", flat=True)) == ["Laozi"]


def test_aliases_move_without_doubling(pair):
    survivor, duplicate = pair
    AliasFactory(person=survivor, name="Lao-tse")
    AliasFactory(person=duplicate, name="Lao-tse")
    AliasFactory(person=duplicate, name="Li Er")
    merge_people(survivor, duplicate)
    assert sorted(survivor.aliases.values_list("name", flat=True)) == ["Lao-tse", "Laozi", "Li Er"]


def test_a_role_the_survivor_already_holds_absorbs_the_duplicates(pair):
    survivor, duplicate = pair
    held = AffiliationFactory(person=survivor, role="Archivist")
    twin = AffiliationFactory(
        person=duplicate,
        organization=held.organization,
        role="Archivist",
        start_date=held.start_date,
    )
    other = AffiliationFactory(person=duplicate, role="Sage", start_date=datetime.date(2021, 1, 1))
    quote = QuoteFactory(speaker=duplicate, affiliation=twin)
    merge_people(survivor, duplicate)
    quote.refresh_from_db()
    assert quote.affiliation == held
    assert set(Affiliation.objects.filter(person=survivor)) == {held, other}


def test_facts_the_survivor_lacks_are_taken_over(pair):
    survivor, duplicate = pair
    duplicate.wikidata_id = "Q9333"
    duplicate.save()
    merge_people(survivor, duplicate)
    survivor.refresh_from_db()
    assert survivor.wikidata_id == "Q9333"


def test_the_old_slug_redirects_even_after_a_second_merge(pair):
    survivor, duplicate = pair
    merge_people(survivor, duplicate)
    third = PersonFactory(name="Laotse", slug="laotse")
    merge_people(third, survivor)
    assert dict(PersonRedirect.objects.values_list("old_slug", "person__slug")) == {
        "laozi": "laotse",
        "lao-tzu": "laotse",
    }


def test_the_merge_is_in_the_history(pair):
    survivor, duplicate = pair
    QuoteFactory(speaker=duplicate)
    merge_people(survivor, duplicate)
    reason = "Merged Laozi (laozi) into Lao Tzu (lao-tzu)."
    assert survivor.history.latest().history_change_reason == reason
    assert Person.history.filter(id=duplicate.pk, history_type="-").get().history_change_reason == (
        reason
    )
    assert survivor.quotes.get().history.latest().history_change_reason == reason


def test_a_person_cannot_be_merged_into_themselves(pair):
    survivor, _ = pair
    with pytest.raises(ValidationError):
        merge_people(survivor, survivor)
