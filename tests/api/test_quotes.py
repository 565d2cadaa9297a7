"""/api/v1/quotes/: fields, visibility, search, filters, cursor pages, errors."""

import datetime
from urllib.parse import parse_qs, urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quotes.choices import QuoteKind, ReviewStatus
from quotes.filtersets import QUOTE_ORDERINGS
from quotes.models import Quote
from tests.factories import (
    AffiliationFactory,
    AliasFactory,
    ArticleFactory,
    OrganizationFactory,
    PersonFactory,
    QuoteFactory,
    TopicFactory,
)
from tests.plans import explain

pytestmark = pytest.mark.django_db

URL = "/api/v1/quotes/"
D = datetime.date
BODY = (
    "“The negotiations will continue at the café,” said Dana Levi. Officials were hopeful. "
    "“No deal yet on the hostages,” an official said. “Aid must flow,” the ministry said. "
    "“We will not stop,” she said."
)
TALKS = "The negotiations will continue at the café,"


def ids(response):
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


@pytest.fixture
def article():
    return ArticleFactory(body=BODY, published_on=D(2023, 12, 20))


@pytest.fixture
def levi():
    person = PersonFactory(name="Dana Levi", slug="dana-levi")
    AliasFactory(person=person, name="Levi")
    return person


def test_a_quote_carries_speaker_role_article_and_topics(api, article, levi):
    ministry = OrganizationFactory(name="Harbor Ministry", slug="harbor-ministry")
    AffiliationFactory(person=levi, organization=ministry, role="Minister")
    topic = TopicFactory(slug="talks")
    quote = QuoteFactory(article=article, speaker=levi, text=TALKS)
    quote.topics.add(topic)
    (row,) = api.get(URL).json()["results"]
    assert row["speaker"] == {"id": levi.pk, "name": "Dana Levi", "slug": "dana-levi"}
    assert row["role"]["title"] == "Minister"
    assert row["role"]["organization"]["slug"] == "harbor-ministry"
    assert row["article"]["publisher"]["slug"] == article.publisher.slug
    assert row["article"]["published_on"] == "2023-12-20"
    assert (row["start_offset"], row["end_offset"]) == (quote.start_offset, quote.end_offset)
    assert row["topics"] == [{"id": topic.pk, "name": topic.name, "slug": "talks"}]
    assert row["highlight"] is None


def test_detail_adds_context_and_citation(api, article, levi):
    quote = QuoteFactory(article=article, speaker=levi, text=TALKS)
    body = api.get(f"{URL}{quote.pk}/").json()
    assert body["context"] == f"“{TALKS}” said Dana Levi."
    assert body["citation"].startswith("Dana Levi, ")
    assert "December 20, 2023" in body["citation"]


def test_a_proposed_quote_shows_which_extractor_proposed_it_and_how_sure_it_was(api, article):
    quote = QuoteFactory(
        article=article, text=TALKS, extractor_version="rules-1.8", extraction_confidence=0.85
    )
    for body in (api.get(URL).json()["results"][0], api.get(f"{URL}{quote.pk}/").json()):
        assert (body["extractor_version"], body["extraction_confidence"]) == ("rules-1.8", 0.85)


def test_a_quote_entered_by_hand_has_no_extractor_and_no_confidence(api, article):
    QuoteFactory(article=article, text=TALKS)
    (row,) = api.get(URL).json()["results"]
    assert (row["extractor_version"], row["extraction_confidence"]) == ("", None)


def test_detail_is_found_by_its_url_whatever_list_filters_say(api, article, levi):
    quote = QuoteFactory(article=article, speaker=levi, text=TALKS)
    response = api.get(f"{URL}{quote.pk}/", {"speaker": "someone-else", "q": "unrelated"})
    assert response.status_code == 200
    assert response.json()["id"] == quote.pk


def test_relevance_pages_follow_each_other_without_overlap(search_api, article):
    texts = [TALKS, "No deal yet on the hostages,", "Aid must flow,", "We will not stop,"]
    quotes = [
        QuoteFactory(article=article, text=text, attribution="the official") for text in texts
    ]
    first = search_api.get(URL, {"q": "official", "page_size": 3}).json()
    second = search_api.get(first["next"]).json()
    seen = [row["id"] for row in first["results"] + second["results"]]
    assert sorted(seen) == sorted(quote.pk for quote in quotes)
    assert second["next"] is None


def test_anonymous_users_see_verified_quotes_staff_see_all(api, staff_api, article):
    verified = QuoteFactory(article=article)
    draft = QuoteFactory(article=article, status=ReviewStatus.DRAFT)
    assert ids(api.get(URL)) == [verified.pk]
    assert api.get(f"{URL}{draft.pk}/").status_code == 404
    assert set(ids(staff_api.get(URL))) == {verified.pk, draft.pk}
    assert ids(staff_api.get(URL, {"status": "draft"})) == [draft.pk]
    assert ids(api.get(URL, {"status": "draft"})) == []


# Search


@pytest.fixture
def searchable(article, levi):
    other = PersonFactory(name="Ari Ben", slug="ari-ben")
    return {
        "talks": QuoteFactory(article=article, speaker=levi, text=TALKS),
        "hostages": QuoteFactory(
            article=article, speaker=other, text="No deal yet on the hostages,", attribution="x"
        ),
        "aid": QuoteFactory(article=article, speaker=other, text="Aid must flow,"),
    }


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("negotiation", ["talks"]),  # stemming
        ("cafe", ["talks"]),  # the accent in the text
        ("CAFÉ négotiations", ["talks"]),  # accents in the query
        ("levi", ["talks"]),  # the speaker's name
        ('"no deal"', ["hostages"]),  # phrase
        ("aid OR hostages", ["aid", "hostages"]),
        ("deal -hostages", []),
        ("dana hostages", []),  # every word must match
    ],
)
def test_search_in_websearch_syntax(search_api, searchable, q, expected):
    found = ids(search_api.get(URL, {"q": q}))
    assert sorted(found) == sorted(searchable[key].pk for key in expected)


def test_search_ranks_quote_text_above_names(search_api, article):
    aid_person = PersonFactory(name="Aid Levi", slug="aid-levi")
    by_name = QuoteFactory(article=article, speaker=aid_person, text="Officials were hopeful.")
    in_text = QuoteFactory(article=article, text="Aid must flow,")
    assert ids(search_api.get(URL, {"q": "aid"})) == [in_text.pk, by_name.pk]


def test_search_results_highlight_the_matches(search_api, searchable):
    (row,) = search_api.get(URL, {"q": "hostage"}).json()["results"]
    assert row["highlight"] == "No deal yet on the <mark>hostages</mark>,"


def test_highlight_escapes_markup(search_api):
    article = ArticleFactory(body="He said <b>aid</b> & more.")
    QuoteFactory(article=article, text="<b>aid</b> & more")
    (row,) = search_api.get(URL, {"q": "aid"}).json()["results"]
    assert row["highlight"] == "&lt;b&gt;<mark>aid</mark>&lt;/b&gt; &amp; more"


@pytest.fixture
def spellings():
    article = ArticleFactory(
        body="The cease-fire talks resumed. A ceasefire is near. The fire spread."
    )
    return {
        "hyphenated": QuoteFactory(article=article, text="The cease-fire talks resumed."),
        "joined": QuoteFactory(article=article, text="A ceasefire is near."),
        "fire": QuoteFactory(article=article, text="The fire spread."),
    }


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("ceasefire", ["hyphenated", "joined"]),
        ("cease-fire", ["hyphenated", "joined"]),
        ("Cease-Fires", ["hyphenated", "joined"]),
        ("cease\u2011fire", ["hyphenated", "joined"]),  # a non-breaking hyphen
        ('"ceasefire talks"', ["hyphenated"]),
        ('"new cease-fire"', []),
        ("fire", ["hyphenated", "fire"]),  # a part still matches on its own
        ("near -cease-fire", []),
        ("spread -ceasefire", ["fire"]),
    ],
)
def test_a_hyphenated_word_and_its_joined_spelling_find_each_other(
    search_api, spellings, q, expected
):
    found = ids(search_api.get(URL, {"q": q}))
    assert sorted(found) == sorted(spellings[key].pk for key in expected)


@pytest.mark.parametrize("q", ["ceasefire", "cease-fire"])
def test_either_spelling_highlights_both(search_api, spellings, q):
    rows = search_api.get(URL, {"q": q}).json()["results"]
    assert sorted(row["highlight"] for row in rows) == [
        "A <mark>ceasefire</mark> is near.",
        "The <mark>cease</mark>-<mark>fire</mark> talks resumed.",
    ]


def test_a_joined_spelling_highlights_a_word_with_a_unicode_hyphen(search_api):
    article = ArticleFactory(body="A cease\u2011fire held, officials said.")
    QuoteFactory(article=article, text="A cease\u2011fire held,")
    (row,) = search_api.get(URL, {"q": "ceasefire"}).json()["results"]
    assert row["highlight"] == "A <mark>cease</mark>\u2011<mark>fire</mark> held,"


def test_alias_edits_reach_the_search(search_api, searchable, levi):
    AliasFactory(person=levi, name="Dolly")
    assert ids(search_api.get(URL, {"q": "dolly"})) == [searchable["talks"].pk]


def test_search_can_be_ordered_by_date(search_api, article):
    old = QuoteFactory(article=article, text="Aid must flow,", said_on=D(2023, 1, 1))
    new = QuoteFactory(article=article, text="Aid must flow,", said_on=D(2023, 6, 1))
    assert ids(search_api.get(URL, {"q": "aid", "ordering": "said_on"})) == [old.pk, new.pk]
    assert ids(search_api.get(URL, {"q": "aid", "ordering": "-said_on"})) == [new.pk, old.pk]


# Filters


def test_unattributed_claims_are_listed_and_filtered_as_such(api, article):
    claim = QuoteFactory(
        article=article,
        speaker=None,
        attribution="",
        is_unattributed=True,
        cue="accusations have mounted",
    )
    QuoteFactory(article=article)
    (row,) = api.get(URL, {"unattributed": "true"}).json()["results"]
    assert (row["id"], row["unattributed"], row["cue"]) == (claim.pk, True, claim.cue)
    assert (row["speaker"], row["attribution"]) == (None, "")


def test_filters(api, article, levi):
    hamas = OrganizationFactory(slug="hamas")
    bureau = OrganizationFactory(slug="bureau", parent=hamas)
    AffiliationFactory(person=levi, organization=bureau, role="Member of the Political Bureau")
    topic = TopicFactory(slug="aid")
    named = QuoteFactory(article=article, speaker=levi, said_on=D(2023, 12, 1))
    unnamed = QuoteFactory(
        article=article,
        speaker=None,
        is_anonymous=True,
        source_organization=hamas,
        attribution="a Hamas official",
        kind=QuoteKind.PARAPHRASE,
        said_on=D(2023, 11, 1),
    )
    unnamed.topics.add(topic)
    other = QuoteFactory(article=ArticleFactory(published_on=D(2022, 1, 1)))

    assert ids(api.get(URL, {"speaker": "dana-levi"})) == [named.pk]
    assert set(ids(api.get(URL, {"speaker": ["dana-levi", other.speaker.slug]}))) == {
        named.pk,
        other.pk,
    }
    assert ids(api.get(URL, {"organization": "hamas"})) == [unnamed.pk]
    assert ids(api.get(URL, {"organization": "hamas", "include_sub_organizations": "true"})) == [
        named.pk,
        unnamed.pk,
    ]
    assert ids(api.get(URL, {"organization": "bureau"})) == [named.pk]
    assert ids(api.get(URL, {"role": "political bureau"})) == [named.pk]
    assert ids(api.get(URL, {"anonymous": "true"})) == [unnamed.pk]
    assert ids(api.get(URL, {"kind": "paraphrase"})) == [unnamed.pk]
    assert ids(api.get(URL, {"topic": "aid"})) == [unnamed.pk]
    assert ids(api.get(URL, {"said_after": "2023-11-15"})) == [named.pk]
    assert ids(api.get(URL, {"said_before": "2023-11-15", "said_after": "2023-01-01"})) == [
        unnamed.pk
    ]
    assert ids(api.get(URL, {"article": other.article_id})) == [other.pk]
    assert ids(api.get(URL, {"publisher": other.article.publisher.slug})) == [other.pk]
    assert ids(api.get(URL, {"published_before": "2023-12-19"})) == [other.pk]
    assert ids(api.get(URL, {"speaker": "nobody"})) == []
    assert len(ids(api.get(URL, {"unknown_parameter": "x"}))) == 3


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": "aid\x00"}, "q"),
        ({"q": "x" * 201}, "q"),
        ({"said_after": "2023-13-01"}, "said_after"),
        ({"said_after": "20 December"}, "said_after"),
        ({"said_after": ""}, "said_after"),
        ({"anonymous": "maybe"}, "anonymous"),
        ({"kind": "rumour"}, "kind"),
        ({"article": "one"}, "article"),
        ({"speaker": "not a slug"}, "speaker"),
        ({"speaker": "bad\x00"}, "speaker"),
        ({"role": "x\x00"}, "role"),
        ({"ordering": "text"}, "ordering"),
        ({"page_size": "101"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "ten"}, "page_size"),
    ],
)
def test_invalid_parameters_answer_400_naming_the_field(api, params, field):
    response = api.get(URL, params)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Invalid input."
    assert list(body["errors"]) == [field]
    assert body["errors"][field][0]


def test_invalid_cursor_is_404(api):
    response = api.get(URL, {"cursor": "garbage"})
    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid cursor."}


# Cursor pagination


def test_cursor_pages_are_newest_first_and_stable_under_inserts(api, article):
    quotes = [QuoteFactory(article=article, said_on=D(2023, 1, 1 + n % 3)) for n in range(7)]
    expected = [q.pk for q in sorted(quotes, key=lambda q: (q.said_on, q.pk), reverse=True)]
    first = api.get(URL, {"page_size": 3}).json()
    assert [row["id"] for row in first["results"]] == expected[:3]
    assert first["previous"] is None
    # A newer quote arriving between pages shifts nothing.
    QuoteFactory(article=article, said_on=D(2024, 1, 1))
    second = api.get(first["next"]).json()
    assert [row["id"] for row in second["results"]] == expected[3:6]
    third = api.get(second["next"]).json()
    assert [row["id"] for row in third["results"]] == expected[6:]
    assert third["next"] is None
    back = api.get(third["previous"]).json()
    assert [row["id"] for row in back["results"]] == expected[3:6]
    assert "page_size=3" in first["next"]


def test_relevance_pages_by_offset_up_to_a_cap(search_api, article):
    for _ in range(5):
        QuoteFactory(article=article, text="Aid must flow,")
    first = search_api.get(URL, {"q": "aid", "page_size": 2}).json()
    cursor = parse_qs(urlparse(first["next"]).query)
    assert cursor["q"] == ["aid"]
    seen = [row["id"] for row in first["results"]]
    page = first
    while page["next"]:
        page = search_api.get(page["next"]).json()
        seen += [row["id"] for row in page["results"]]
    assert len(seen) == len(set(seen)) == 5


# The review queue


@pytest.fixture
def review_queue(article):
    """Drafts proposed with these confidences (two tie), one entered by hand, one verified."""
    drafts = [
        QuoteFactory(
            article=article,
            status=ReviewStatus.DRAFT,
            extractor_version="rules-1.8",
            extraction_confidence=confidence,
        )
        for confidence in (0.6, 0.3, 0.9, 0.6)
    ]
    by_hand = QuoteFactory(article=article, status=ReviewStatus.DRAFT)
    QuoteFactory(article=article, extractor_version="rules-1.8", extraction_confidence=0.1)
    return drafts, by_hand


def walk(client, params):
    """The ids of every page, following `next`, then of every page again, back from the last
    one following `previous`."""
    page = client.get(URL, params).json()
    forward = [row["id"] for row in page["results"]]
    while page["next"]:
        page = client.get(page["next"]).json()
        forward += [row["id"] for row in page["results"]]
    backward = [row["id"] for row in reversed(page["results"])]
    while page["previous"]:
        page = client.get(page["previous"]).json()
        backward += [row["id"] for row in reversed(page["results"])]
    return forward, backward[::-1]


def test_the_review_queue_pages_drafts_least_confident_first_hand_entered_last(
    staff_api, review_queue
):
    (at_six, at_three, at_nine, also_at_six), by_hand = review_queue
    params = {"status": "draft", "ordering": "confidence", "page_size": 2}
    expected = [at_three.pk, at_six.pk, also_at_six.pk, at_nine.pk, by_hand.pk]
    assert walk(staff_api, params) == (expected, expected)


def test_the_review_queue_pages_drafts_most_confident_first_hand_entered_still_last(
    staff_api, review_queue
):
    (at_six, at_three, at_nine, also_at_six), by_hand = review_queue
    params = {"status": "draft", "ordering": "-confidence", "page_size": 2}
    expected = [at_nine.pk, also_at_six.pk, at_six.pk, at_three.pk, by_hand.pk]
    assert walk(staff_api, params) == (expected, expected)


@pytest.mark.parametrize("ordering", ["confidence", "-confidence"])
def test_the_review_queue_is_read_from_an_index_in_order(ordering):
    queue = Quote.objects.filter(status=ReviewStatus.DRAFT).order_by(*QUOTE_ORDERINGS[ordering])
    plan = explain(queue[:21], "quotes_quote")
    assert "quote_review_" in plan
    assert "Sort" not in plan


def test_nul_in_any_text_parameter_is_400_not_500(api):
    for name in ["q", "role", "language", "speaker", "organization", "topic", "cursor"]:
        response = api.get(URL, {name: "a\x00b"})
        assert response.status_code in (400, 404), name


@pytest.mark.parametrize(
    "cursor",
    [
        {"k": ["2023-12-20", 10**30]},
        {"k": [None, "x"]},
        {"k": [[1], [2]]},
        {"k": "ab"},
        {"k": ["not a date", 1]},
        {"o": 5},
        [1, 2],
    ],
)
def test_forged_cursors_never_fail_with_500(api, article, cursor):
    import base64
    import json

    QuoteFactory(article=article)
    token = base64.urlsafe_b64encode(json.dumps(cursor).encode()).decode()
    response = api.get(URL, {"cursor": token})
    assert response.status_code in (200, 404)
    response = api.get(URL, {"cursor": token, "q": "stop"})
    assert response.status_code in (200, 404)


def test_a_quote_list_reads_neither_article_bodies_nor_timestamps_it_does_not_show(api):
    QuoteFactory(speaker=PersonFactory())
    with CaptureQueriesContext(connection) as captured:
        assert api.get(URL).status_code == 200
    (sql,) = (query["sql"] for query in captured)
    for column in (
        '"quotes_article"."body"',
        '"quotes_quote"."created_at"',
        '"quotes_publisher"."updated_at"',
        '"actors_person"."description"',
    ):
        assert column not in sql
    assert '"actors_person"."name"' in sql


def test_a_quote_detail_reads_the_article_body_but_no_timestamps_it_does_not_show(api):
    quote = QuoteFactory(speaker=PersonFactory())
    with CaptureQueriesContext(connection) as captured:
        assert api.get(f"{URL}{quote.pk}/").status_code == 200
    (sql,) = (query["sql"] for query in captured)
    for column in ("created_at", "updated_at", "reviewed_at", "description"):
        assert column not in sql
    assert "a.body" in sql
