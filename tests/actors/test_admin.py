"""The actors admin: every page renders in a fixed number of queries; search knows aliases."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from actors.choices import OrganizationClassification
from actors.models import Affiliation, Alias, Organization, Person
from tests.admin_pages import changelist_queries
from tests.factories import (
    AffiliationFactory,
    AliasFactory,
    OrganizationFactory,
    PersonFactory,
    QuoteFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cold_content_type_cache")]


def person_row():
    person = PersonFactory()
    AliasFactory(person=person)
    AffiliationFactory(person=person, start_date=datetime.date(2020, 1, 1))
    AffiliationFactory(person=person, role="Former minister", end_date=datetime.date(2021, 1, 1))
    QuoteFactory(speaker=person)
    return person


def organization_row():
    organization = OrganizationFactory(parent=OrganizationFactory())
    AliasFactory(person=None, organization=organization)
    return organization


def alias_row():
    AliasFactory(person=None, organization=OrganizationFactory())
    return AliasFactory()


ROWS = {
    "person": person_row,
    "organization": organization_row,
    "alias": alias_row,
    "affiliation": AffiliationFactory,
}


# Pages render, in a pinned number of queries (2 of them: the session and the user).


@pytest.mark.parametrize(
    ("model", "queries"), [("person", 6), ("organization", 6), ("alias", 5), ("affiliation", 5)]
)
def test_changelist_renders_in_pinned_queries(
    admin_client, django_assert_num_queries, model, queries
):
    ROWS[model]()
    with django_assert_num_queries(queries):
        response = admin_client.get(reverse(f"admin:actors_{model}_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("model", list(ROWS))
def test_changelist_queries_do_not_grow_with_rows(admin_client, model):
    for _ in range(3):
        ROWS[model]()
    with_3_rows = changelist_queries(admin_client, "actors", model)
    for _ in range(27):
        ROWS[model]()
    assert changelist_queries(admin_client, "actors", model) == with_3_rows


@pytest.mark.parametrize(
    ("model", "queries"), [("person", 3), ("organization", 3), ("alias", 3), ("affiliation", 3)]
)
def test_add_page_renders_in_pinned_queries(
    admin_client, django_assert_num_queries, model, queries
):
    with django_assert_num_queries(queries):
        response = admin_client.get(reverse(f"admin:actors_{model}_add"))
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("model", "queries"), [("person", 8), ("organization", 7), ("alias", 5), ("affiliation", 6)]
)
def test_change_page_renders_in_pinned_queries(
    admin_client, django_assert_num_queries, model, queries
):
    obj = ROWS[model]()
    with django_assert_num_queries(queries):
        response = admin_client.get(reverse(f"admin:actors_{model}_change", args=[obj.pk]))
    assert response.status_code == 200


# People


def test_person_search_finds_a_person_by_alias(admin_client):
    sinwar = PersonFactory(name="Yahya Sinwar")
    AliasFactory(person=sinwar, name="Abu Ibrahim")
    PersonFactory(name="Someone Else")
    response = admin_client.get(reverse("admin:actors_person_changelist"), {"q": "ibrahim"})
    assert list(response.context["cl"].result_list) == [sinwar]


def test_person_search_lists_a_person_once_when_several_aliases_match(admin_client):
    person = PersonFactory(name="Benjamin Netanyahu")
    AliasFactory(person=person, name="Bibi")
    AliasFactory(person=person, name="Bibi Netanyahu")
    response = admin_client.get(reverse("admin:actors_person_changelist"), {"q": "bibi"})
    assert list(response.context["cl"].result_list) == [person]


def test_person_search_ignores_accents_in_stored_names(admin_client):
    person = PersonFactory(name="Yoav Gallánt")
    response = admin_client.get(reverse("admin:actors_person_changelist"), {"q": "gallant"})
    assert list(response.context["cl"].result_list) == [person]


def test_person_list_shows_current_roles_only(admin_client):
    person = PersonFactory()
    AffiliationFactory(person=person, role="Defence Minister", end_date=None)
    AffiliationFactory(
        person=person,
        role="Chief of Staff",
        end_date=datetime.date(2019, 1, 1),
        start_date=datetime.date(2015, 1, 1),
    )
    response = admin_client.get(reverse("admin:actors_person_changelist"))
    assert "Defence Minister" in response.text
    assert "Chief of Staff" not in response.text


def test_person_list_counts_quotes(admin_client):
    person = PersonFactory()
    QuoteFactory(speaker=person)
    QuoteFactory(speaker=person)
    response = admin_client.get(reverse("admin:actors_person_changelist"))
    assert response.context["cl"].result_list[0].quote_total == 2


def test_person_can_be_added_with_an_alias_and_a_role(admin_client):
    organization = OrganizationFactory()
    response = admin_client.post(
        reverse("admin:actors_person_add"),
        {
            "name": "Herzi Halevi",
            "slug": "herzi-halevi",
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "0",
            "aliases-0-name": "Halevi",
            "aliases-0-kind": "surname",
            "affiliations-TOTAL_FORMS": "1",
            "affiliations-INITIAL_FORMS": "0",
            "affiliations-0-role": "Chief of Staff",
            "affiliations-0-organization": organization.pk,
            "affiliations-0-start_date": "2023-01-16",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(slug="herzi-halevi")
    assert Alias.objects.get(person=person).name == "Halevi"
    assert Affiliation.objects.get(person=person).organization == organization


# Organizations


def test_organization_page_links_its_children(admin_client):
    government = OrganizationFactory(name="Government of Israel")
    mossad = OrganizationFactory(name="Mossad", parent=government)
    response = admin_client.get(reverse("admin:actors_organization_change", args=[government.pk]))
    url = reverse("admin:actors_organization_change", args=[mossad.pk])
    assert f'<a href="{url}">Mossad</a>' in response.text


def test_organization_list_filters_by_classification(admin_client):
    hamas = OrganizationFactory(classification=OrganizationClassification.ARMED_GROUP)
    OrganizationFactory(classification=OrganizationClassification.NGO)
    response = admin_client.get(
        reverse("admin:actors_organization_changelist"), {"classification__exact": "armed_group"}
    )
    assert list(response.context["cl"].result_list) == [hamas]


def test_organization_cannot_be_put_under_its_own_child(admin_client):
    parent = OrganizationFactory()
    child = OrganizationFactory(parent=parent)
    response = admin_client.post(
        reverse("admin:actors_organization_change", args=[parent.pk]),
        {
            "name": parent.name,
            "slug": parent.slug,
            "classification": parent.classification,
            "parent": child.pk,
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["parent"] == [
        "An organization cannot sit under itself."
    ]
    parent.refresh_from_db()
    assert parent.parent is None
    assert Organization.objects.count() == 2


# Merging people


def test_merge_action_asks_which_person_to_keep(admin_client):
    keep, duplicate = PersonFactory(name="Lao Tzu"), PersonFactory(name="Laozi")
    response = admin_client.post(
        reverse("admin:actors_person_changelist"),
        {"action": "merge_people", "_selected_action": [keep.pk, duplicate.pk]},
    )
    assert response.status_code == 200
    assert b'name="survivor"' in response.content
    assert Person.objects.count() == 2


def test_merge_action_merges_into_the_chosen_person(admin_client):
    keep, duplicate = PersonFactory(name="Lao Tzu"), PersonFactory(name="Laozi")
    response = admin_client.post(
        reverse("admin:actors_person_changelist"),
        {
            "action": "merge_people",
            "_selected_action": [keep.pk, duplicate.pk],
            "survivor": keep.pk,
        },
    )
    assert response.status_code == 302
    assert list(Person.objects.all()) == [keep]
    assert list(keep.aliases.values_list("name", flat=True)) == ["Laozi"]


def test_merge_action_is_offered_only_with_change_and_delete_permissions(client):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_person", "change_person"])
    )
    client.force_login(user)
    response = client.get(reverse("admin:actors_person_changelist"))
    assert b"merge_people" not in response.content


def test_the_history_page_lists_changes(admin_client):
    person = PersonFactory()
    person.description = "Hamas spokesman"
    person.save()
    response = admin_client.get(reverse("admin:actors_person_history", args=[person.pk]))
    assert response.status_code == 200
    assert b"Changed" in response.content or b"changed" in response.content
