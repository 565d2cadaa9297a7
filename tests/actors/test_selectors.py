"""Fuzzy name search: alias-aware, ranked, and index-backed."""

import pytest

from actors import selectors
from actors.models import Person
from tests.factories import AliasFactory, PersonFactory
from tests.plans import explain

pytestmark = pytest.mark.django_db


def test_a_person_is_found_by_name_or_alias_once_best_match_first():
    exact = PersonFactory(name="Basem Naim")
    aliased = PersonFactory(name="Mohammed bin Abdulrahman Al Thani")
    AliasFactory(person=aliased, name="Basem Naimi")
    AliasFactory(person=exact, name="B. Naim")
    PersonFactory(name="Someone Else")
    found = list(selectors.search_by_name(Person.objects.all(), "basem naim", "person"))
    assert found == [exact, aliased]


def test_people_are_read_by_key_from_the_matching_ids_not_scanned():
    Person.objects.bulk_create(
        Person(name=f"Filler Person {n}", slug=f"filler-{n}") for n in range(2000)
    )
    queryset = selectors.search_by_name(Person.objects.all(), "Basem Naim", "person")[:20]
    plan = explain(queryset, "actors_person", "actors_alias")
    assert "Seq Scan" not in plan
    assert "actors_person_pkey" in plan
