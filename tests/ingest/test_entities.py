"""Entity typing of named sources: people apart from organizations, places, works and groups."""

import pytest

from quotes.ingest.entities import Kind, NameEvidence, kind_of, person_tokens

BODIES = [
    "Trump rallies\n\nDonald Trump spoke at a tower in Ohio. Mr. Trump said the cash was there. "
    "Aides said groups of parents came. A judge and an actor watched, and Mr. Obama did not.",
    "Clinton Cash Debunks Hillary\n\nThe book was out. Hillary Clinton said it was wrong, and "
    "she said that a camp of aides had read it.",
]


@pytest.fixture(scope="module")
def evidence():
    return NameEvidence.from_corpus(BODIES, [["Donald", "Trump"], ["Hillary", "Clinton"]])


def kind(name, evidence, *, written=None, before="said ", headline=False):
    return kind_of(
        name.split(),
        written=written or name,
        before=before,
        headline=headline,
        evidence=evidence,
    )


@pytest.mark.parametrize(
    "name",
    ["Donald Trump", "George Will", "Hope Hicks", "Charlie Black", "Recep Tayyip Erdogan"],
)
def test_people_stay_people_even_when_their_names_are_words(evidence, name):
    assert kind(name, evidence) == Kind.PERSON


def test_a_thing_named_after_a_person_is_not_that_person(evidence):
    assert kind("Trump Tower", evidence) == Kind.ORGANIZATION
    assert kind("Trump World", evidence) == Kind.ORGANIZATION


def test_a_capitalised_headline_does_not_make_common_words_names(evidence):
    assert kind("Clinton Cash", evidence, headline=True) != Kind.PERSON
    assert kind("Hillary Camp", evidence, headline=True) != Kind.PERSON
    assert kind("Donald Trump", evidence, headline=True) == Kind.PERSON


def test_what_belongs_to_someone_is_not_a_person(evidence):
    written = "Schweizer’s Clinton Cash"
    assert kind("Schweizer Clinton Cash", evidence, written=written) == Kind.ORGANIZATION
    assert kind("Clinton Cash", evidence, before="the book “") == Kind.WORK


def test_a_name_after_the_article_is_an_organizations(evidence):
    assert kind("Daily Caller", evidence, written="The Daily Caller") == Kind.ORGANIZATION
    assert kind("Boston Globe", evidence, before="reported by the ") == Kind.ORGANIZATION


@pytest.mark.parametrize("name", ["North Carolina", "Puerto Rico", "Western Europe", "St. Paul"])
def test_places_are_places(evidence, name):
    assert kind(name, evidence) == Kind.PLACE


@pytest.mark.parametrize(
    "name", ["Frustrated Parents", "Anti-Trump Groups", "Federal Judge", "Wisconsin Republican"]
)
def test_descriptions_of_people_name_nobody(evidence, name):
    assert kind(name, evidence) == Kind.DESCRIPTION


def test_organization_words_and_acronyms_make_organizations(evidence):
    assert kind("Judicial Watch", evidence) == Kind.ORGANIZATION
    assert kind("Junge SVP", evidence) == Kind.ORGANIZATION


def test_a_place_or_an_outlet_before_a_name_is_cut_off(evidence):
    assert person_tokens(["Florida", "Rick", "Wilson"], evidence=evidence) == ["Rick", "Wilson"]
    assert person_tokens(["USA", "TODAY", "Paul", "Singer"], evidence=evidence) == [
        "Paul",
        "Singer",
    ]
    assert person_tokens(["Austan", "D.", "Goolsbee"], evidence=evidence) == [
        "Austan",
        "D.",
        "Goolsbee",
    ]
