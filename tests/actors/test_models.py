import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from actors.models import Affiliation, Organization
from tests.factories import AffiliationFactory, AliasFactory, OrganizationFactory, PersonFactory

D = datetime.date


@pytest.mark.django_db
class TestAffiliation:
    def test_end_before_start_is_rejected_by_validation(self):
        affiliation = AffiliationFactory.build(
            person=PersonFactory(),
            organization=OrganizationFactory(),
            start_date=D(2024, 1, 1),
            end_date=D(2023, 1, 1),
        )
        with pytest.raises(ValidationError, match="cannot end before it starts"):
            affiliation.full_clean()

    def test_end_before_start_is_rejected_by_the_database(self):
        with pytest.raises(IntegrityError):
            AffiliationFactory(start_date=D(2024, 1, 1), end_date=D(2023, 1, 1))

    def test_open_ended_role_is_held_on_any_later_date(self):
        role = AffiliationFactory(start_date=D(2022, 12, 29), end_date=None)
        assert Affiliation.objects.role_on(role.person, D(2030, 1, 1)) == role

    def test_ended_role_is_not_held_after_its_end(self):
        role = AffiliationFactory(start_date=D(2017, 5, 6), end_date=D(2024, 7, 31))
        assert Affiliation.objects.role_on(role.person, D(2024, 7, 31)) == role
        assert Affiliation.objects.role_on(role.person, D(2024, 8, 1)) is None

    def test_role_is_not_held_before_its_start(self):
        role = AffiliationFactory(start_date=D(2021, 1, 20))
        assert role.person.role_on(D(2021, 1, 19)) is None

    def test_role_with_unknown_start_counts_as_held(self):
        role = AffiliationFactory(start_date=None)
        assert role.person.role_on(D(1990, 1, 1)) == role

    def test_most_recently_started_of_concurrent_roles_wins(self):
        person = PersonFactory()
        AffiliationFactory(person=person, role="Member", start_date=D(2000, 1, 1))
        chair = AffiliationFactory(person=person, role="Chair", start_date=D(2020, 1, 1))
        assert person.role_on(D(2023, 12, 20)) == chair

    def test_role_on_can_be_narrowed_to_an_organization(self):
        person = PersonFactory()
        party = AffiliationFactory(person=person, start_date=D(2000, 1, 1))
        AffiliationFactory(person=person, start_date=D(2020, 1, 1))
        assert person.role_on(D(2023, 1, 1), organization=party.organization) == party

    def test_same_role_from_same_date_cannot_be_entered_twice(self):
        role = AffiliationFactory(start_date=None)
        with pytest.raises(IntegrityError):
            AffiliationFactory(
                person=role.person, organization=role.organization, role=role.role, start_date=None
            )


@pytest.mark.django_db
class TestPerson:
    def test_wikidata_id_must_look_like_q_and_digits(self):
        person = PersonFactory.build(wikidata_id="43723")
        with pytest.raises(ValidationError, match="Wikidata id"):
            person.full_clean()

    def test_wikidata_id_is_unique_when_set(self):
        PersonFactory(wikidata_id="Q43723")
        with pytest.raises(IntegrityError):
            PersonFactory(wikidata_id="Q43723")

    def test_people_without_wikidata_id_do_not_collide(self):
        PersonFactory(wikidata_id="")
        PersonFactory(wikidata_id="")

    def test_sort_name_defaults_to_name(self):
        assert PersonFactory(name="Basem Naim").sort_name == "Basem Naim"


@pytest.mark.django_db
class TestOrganization:
    def test_organization_cannot_sit_under_its_own_descendant(self):
        government = OrganizationFactory()
        military = OrganizationFactory(parent=government)
        government.parent = military
        with pytest.raises(ValidationError, match="cannot sit under itself"):
            government.full_clean()

    def test_validation_ends_on_a_cycle_among_its_ancestors(self):
        first = OrganizationFactory()
        second = OrganizationFactory(parent=first)
        Organization.objects.filter(pk=first.pk).update(parent=second)
        unit = OrganizationFactory.build(parent=Organization.objects.get(pk=second.pk))
        unit.clean()
        assert unit.parent.parent.parent.pk == second.pk

    def test_country_must_be_an_iso_code(self):
        organization = OrganizationFactory.build(country="Israel")
        with pytest.raises(ValidationError, match="ISO 3166"):
            organization.full_clean()


@pytest.mark.django_db
class TestAlias:
    def test_alias_belongs_to_exactly_one_actor(self):
        with pytest.raises(IntegrityError):
            AliasFactory(person=PersonFactory(), organization=OrganizationFactory())
