"""Relevance as a journalist expects it, on the index and on PostgreSQL alike: the speaker's
name with a word puts that speaker's quote on it first, and a word in the quote outranks the
same word only in the attribution."""

import pytest

from tests.factories import ArticleFactory, OrganizationFactory, PersonFactory, QuoteFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/quotes/"


def ranked(client, q) -> list[int]:
    response = client.get(URL, {"q": q})
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def said(text, attribution, speaker=None, **fields):
    article = ArticleFactory(body=f"“{text}” {attribution} said.")
    return QuoteFactory(
        article=article, text=text, attribution=attribution, speaker=speaker, **fields
    )


@pytest.fixture
def campaign():
    """Quotes as a 2016 campaign article gives them (the polnear corpus' kind)."""
    trump = PersonFactory(name="Donald Trump", slug="donald-trump")
    clinton = PersonFactory(name="Hillary Clinton", slug="hillary-clinton")
    pence = PersonFactory(name="Mike Pence", slug="mike-pence")
    return {
        "trump_wall": said("We will build a great wall along the border,", "Trump", trump),
        "trump_economy": said("Our economy is a disaster,", "Mr. Trump", trump),
        "clinton_immigration": said(
            "Comprehensive immigration reform is long overdue,", "Mrs. Clinton", clinton
        ),
        "clinton_wall": said("A wall is not a policy,", "Clinton", clinton),
        "pence_border": said(
            "He will secure the border and stop illegal immigration,", "Pence", pence
        ),
        "adviser_wall": said(
            "It would cost billions and take a decade,",
            "a Trump campaign adviser, speaking of the wall",
            source_organization=OrganizationFactory(name="Trump campaign"),
        ),
        "economy_aide": said("Jobs are leaving the state,", "an aide on the economy"),
    }


@pytest.mark.parametrize(
    ("q", "first"),
    [
        ("trump wall", "trump_wall"),
        ("clinton wall", "clinton_wall"),
        ("clinton immigration", "clinton_immigration"),
        ("pence immigration", "pence_border"),
        ("trump economy", "trump_economy"),
    ],
)
def test_a_speakers_name_and_a_word_put_that_speakers_quote_on_it_first(
    search_api, campaign, q, first
):
    assert ranked(search_api, q)[0] == campaign[first].pk


@pytest.mark.parametrize(
    ("q", "in_text", "in_attribution"),
    [
        ("wall", ["trump_wall", "clinton_wall"], ["adviser_wall"]),
        ("economy", ["trump_economy"], ["economy_aide"]),
    ],
)
def test_a_word_in_the_quote_outranks_the_same_word_only_in_the_attribution(
    search_api, campaign, q, in_text, in_attribution
):
    order = ranked(search_api, q)
    assert sorted(order[: len(in_text)]) == sorted(campaign[key].pk for key in in_text)
    assert order[len(in_text) :] == [campaign[key].pk for key in in_attribution]


@pytest.mark.parametrize(
    ("q", "speaker"),
    [
        ("netanyahu hostages", "benjamin-netanyahu"),
        ("netanyahu fighting", "benjamin-netanyahu"),
        ("herzog cease-fire", "isaac-herzog"),
        ("biden deal", "joe-biden"),
        ("naim aid", "basem-naim"),
    ],
)
def test_the_seed_puts_the_named_speakers_quote_on_the_word_first(search_api, seed, q, speaker):
    rows = search_api.get(URL, {"q": q}).json()["results"]
    assert rows[0]["speaker"]["slug"] == speaker


def test_the_seed_ranks_quotes_saying_hamas_above_those_attributed_to_it(search_api, seed):
    rows = search_api.get(URL, {"q": "hamas"}).json()["results"]
    says = ["hamas" in row["text"].casefold() for row in rows]
    assert any(says) and not all(says)
    assert says == sorted(says, reverse=True)
