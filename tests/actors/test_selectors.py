"""Read-side queries on people and organizations: fuzzy name search, organization trees."""

import pytest

from actors import selectors
from actors.models import Organization, Person
from tests.factories import AliasFactory, OrganizationFactory, PersonFactory, QuoteFactory
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


def test_ranking_equal_matches_by_quotes_reads_the_speaker_index_not_the_quotes():
    Person.objects.bulk_create(
        Person(name=f"Filler Person {n}", slug=f"filler-{n}") for n in range(2000)
    )
    QuoteFactory.create_batch(3, speaker=PersonFactory(name="Basem Naim"))
    queryset = selectors.search_by_name(
        Person.objects.all(), "Basem Naim", "person", then_by_count_of="quotes"
    )[:20]
    plan = explain(queryset, "actors_person", "actors_alias", "quotes_quote")
    assert "Seq Scan" not in plan
    assert "quotes_quote_speaker_id" in plan


def test_a_ranked_search_works_as_a_subquery_under_another_tables_alias():
    wanted = PersonFactory(name="Basem Naim")
    PersonFactory(name="Someone Else")
    best_two = selectors.search_by_name(Person.objects.all(), "basem naim", "person")[:2]
    assert list(Person.objects.filter(pk__in=best_two.values("pk"))) == [wanted]


def test_an_organization_is_found_and_ranked_by_its_best_alias():
    hamas = OrganizationFactory(name="Hamas")
    AliasFactory(organization=hamas, person=None, name="Islamic Resistance Movement")
    OrganizationFactory(name="Islamic Resistance")
    found = selectors.search_by_name(
        Organization.objects.all(), "islamic resistance movement", "organization"
    )
    assert [org.name for org in found] == ["Hamas", "Islamic Resistance"]
    assert found[0].search_score == 1.0 > found[1].search_score


def test_organization_ids_with_descendants_include_children_and_grandchildren():
    government = OrganizationFactory()
    military = OrganizationFactory(parent=government)
    unit = OrganizationFactory(parent=military)
    OrganizationFactory()
    found = selectors.organization_ids([government.slug], include_descendants=True)
    assert set(found) == {government.pk, military.pk, unit.pk}


def test_organization_ids_without_descendants_are_the_named_ones():
    government = OrganizationFactory()
    OrganizationFactory(parent=government)
    assert selectors.organization_ids([government.slug]) == [government.pk]
