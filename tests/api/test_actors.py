"""/api/v1/people/, organizations/, affiliations/ and the nested lists."""

import datetime

import pytest

from tests.factories import (
    AffiliationFactory,
    AliasFactory,
    OrganizationFactory,
    PersonFactory,
    QuoteFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def slugs(response):
    assert response.status_code == 200, response.content
    return [row["slug"] if "slug" in row else row["id"] for row in response.json()["results"]]


@pytest.fixture
def people():
    netanyahu = PersonFactory(name="Benjamin Netanyahu", slug="benjamin-netanyahu")
    AliasFactory(person=netanyahu, name="Bibi")
    haniyeh = PersonFactory(name="Ismail Haniyeh", slug="ismail-haniyeh")
    herzog = PersonFactory(name="Isaac Herzog", slug="isaac-herzog")
    cafe = PersonFactory(name="José Müller", slug="jose-muller")
    return {"netanyahu": netanyahu, "haniyeh": haniyeh, "herzog": herzog, "cafe": cafe}


@pytest.mark.parametrize(
    ("q", "slug"),
    [
        ("netanyahoo", "benjamin-netanyahu"),
        ("Haniya", "ismail-haniyeh"),
        ("Herzog", "isaac-herzog"),
        ("bibi", "benjamin-netanyahu"),
        ("jose muller", "jose-muller"),
        ("MÜLLER", "jose-muller"),
    ],
)
def test_people_name_search_is_fuzzy_accent_insensitive_and_alias_aware(api, people, q, slug):
    assert slugs(api.get("/api/v1/people/", {"q": q}))[0] == slug


def test_people_search_ranks_the_closest_first(api, people):
    PersonFactory(name="Isaac Herzberg", slug="isaac-herzberg")
    assert slugs(api.get("/api/v1/people/", {"q": "isaac herzog"}))[:2] == [
        "isaac-herzog",
        "isaac-herzberg",
    ]


def test_people_search_puts_the_most_quoted_of_equal_matches_first(api):
    bill = PersonFactory(name="Bill Clinton", slug="bill-clinton")
    PersonFactory(name="Chelsea Clinton", slug="chelsea-clinton")
    hillary = PersonFactory(name="Hillary Clinton", slug="hillary-clinton")
    QuoteFactory.create_batch(3, speaker=hillary)
    QuoteFactory(speaker=bill)
    assert slugs(api.get("/api/v1/people/", {"q": "clinton"})) == [
        "hillary-clinton",
        "bill-clinton",
        "chelsea-clinton",
    ]


def test_a_closer_name_still_beats_a_more_quoted_one(api):
    PersonFactory(name="Bill Clinton", slug="bill-clinton")
    QuoteFactory.create_batch(3, speaker=PersonFactory(name="Hillary Clinton"))
    assert slugs(api.get("/api/v1/people/", {"q": "bill clinton"}))[0] == "bill-clinton"


def test_seed_people_search_finds_the_quoted_netanyahu_before_an_unquoted_one(api, seed):
    PersonFactory(name="Avner Netanyahu", slug="avner-netanyahu")  # sorts first by name
    assert slugs(api.get("/api/v1/people/", {"q": "netanyahu"})) == [
        "benjamin-netanyahu",
        "avner-netanyahu",
    ]


def test_organization_search_uses_aliases(api):
    idf = OrganizationFactory(name="Israel Defense Forces", slug="idf")
    AliasFactory(person=None, organization=idf, name="Israeli military")
    assert slugs(api.get("/api/v1/organizations/", {"q": "israeli militry"})) == ["idf"]


def test_person_detail_splits_current_and_past_roles(api, people):
    person = people["netanyahu"]
    AffiliationFactory(person=person, role="Prime Minister", start_date=D(2022, 12, 29))
    AffiliationFactory(
        person=person, role="Prime Minister", start_date=D(2009, 3, 31), end_date=D(2021, 6, 13)
    )
    body = api.get("/api/v1/people/benjamin-netanyahu/").json()
    assert [a["start_date"] for a in body["current_affiliations"]] == ["2022-12-29"]
    assert [a["end_date"] for a in body["past_affiliations"]] == ["2021-06-13"]
    assert body["aliases"] == ["Bibi"]


def test_aliases_are_listed_by_name_in_lists_and_details(api, people):
    AliasFactory(person=people["netanyahu"], name="Netanyahu")
    AliasFactory(person=people["netanyahu"], name="B. Netanyahu")
    AliasFactory(person=None, organization=OrganizationFactory(slug="idf"), name="Tsahal")
    expected = ["B. Netanyahu", "Bibi", "Netanyahu"]
    listed = api.get("/api/v1/people/", {"q": "netanyahu"}).json()["results"][0]
    assert listed["aliases"] == expected
    assert api.get("/api/v1/people/benjamin-netanyahu/").json()["aliases"] == expected
    assert api.get("/api/v1/organizations/idf/").json()["aliases"] == ["Tsahal"]


def test_people_filters_combine_on_one_affiliation(api, people):
    government = OrganizationFactory(slug="government")
    AffiliationFactory(
        person=people["herzog"], organization=government, role="President", start_date=D(2021, 7, 7)
    )
    AffiliationFactory(
        person=people["netanyahu"],
        organization=government,
        role="Prime Minister",
        start_date=D(2009, 3, 31),
        end_date=D(2021, 6, 13),
    )
    url = "/api/v1/people/"
    assert set(slugs(api.get(url, {"organization": "government"}))) == {
        "isaac-herzog",
        "benjamin-netanyahu",
    }
    assert slugs(api.get(url, {"organization": "government", "active_on": "2023-12-20"})) == [
        "isaac-herzog"
    ]
    assert slugs(api.get(url, {"role": "prime", "active_on": "2023-12-20"})) == []
    assert slugs(api.get(url, {"role": "prime", "active_on": "2015-01-01"})) == [
        "benjamin-netanyahu"
    ]


def test_organization_detail_has_parent_and_children(api):
    parent = OrganizationFactory(name="Government", slug="government")
    OrganizationFactory(name="Mossad", slug="mossad", parent=parent)
    body = api.get("/api/v1/organizations/government/").json()
    assert body["parent"] is None
    assert [child["slug"] for child in body["children"]] == ["mossad"]
    assert api.get("/api/v1/organizations/mossad/").json()["parent"]["slug"] == "government"


def test_members_on_a_date_including_sub_organizations(api, people):
    government = OrganizationFactory(slug="government")
    office = OrganizationFactory(slug="office", parent=government)
    current = AffiliationFactory(
        person=people["herzog"], organization=office, role="President", start_date=D(2021, 7, 7)
    )
    AffiliationFactory(
        person=people["haniyeh"], organization=government, role="Adviser", end_date=D(2020, 1, 2)
    )
    url = "/api/v1/organizations/government/members/"
    assert slugs(api.get(url, {"active_on": "2023-12-20"})) == []
    assert slugs(
        api.get(url, {"active_on": "2023-12-20", "include_sub_organizations": "true"})
    ) == [current.pk]
    assert api.get("/api/v1/organizations/nowhere/members/").status_code == 404


def test_nested_quote_lists(api, people):
    hamas = OrganizationFactory(slug="hamas")
    AffiliationFactory(person=people["haniyeh"], organization=hamas)
    said = QuoteFactory(speaker=people["haniyeh"])
    QuoteFactory()
    assert [
        r["id"] for r in api.get("/api/v1/people/ismail-haniyeh/quotes/").json()["results"]
    ] == [said.pk]
    assert [r["id"] for r in api.get("/api/v1/organizations/hamas/quotes/").json()["results"]] == [
        said.pk
    ]
    assert api.get("/api/v1/people/nobody/quotes/").status_code == 404
    assert api.get("/api/v1/people/nobody/").json() == {
        "detail": "No Person matches the given query."
    }


def test_unknown_routes_under_the_api_answer_json_404(api):
    response = api.get("/api/v1/people/not a slug/quotes/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
