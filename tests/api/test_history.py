"""Every change is recorded: who, when, what changed; visible at {resource}/{id}/history/."""

import pytest

from quotes.choices import ReviewStatus
from tests.factories import ArticleFactory, PublisherFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def quote_url(editor_api):
    article = ArticleFactory()
    response = editor_api.post(
        "/api/v1/quotes/",
        {"article": article.pk, "text": "We will not stop,", "attribution": "the minister"},
    )
    return f"/api/v1/quotes/{response.json()['id']}/"


def test_a_change_is_recorded_with_who_and_what(editor_api, quote_url):
    editor_api.patch(quote_url, {"cue": "vowed"})
    latest, created = editor_api.get(quote_url + "history/").json()
    assert (latest["type"], latest["user"]) == ("changed", editor_api.user.username)
    assert latest["changes"] == [{"field": "cue", "old": "", "new": "vowed"}]
    assert created["type"] == "created"


def test_a_retraction_stays_in_the_history_with_its_reason(reviewer_api, quote_url):
    reviewer_api.post(quote_url + "review/", {"status": "verified"})
    reviewer_api.post(quote_url + "review/", {"status": "retracted", "reason": "Misquoted."})
    latest = reviewer_api.get(quote_url + "history/").json()[0]
    assert latest["reason"] == "Reviewed: retracted (Misquoted.)"
    assert {"field": "status", "old": ReviewStatus.VERIFIED, "new": "retracted"} in latest[
        "changes"
    ]


def test_anonymous_readers_do_not_see_curator_names(api, reviewer_api, quote_url):
    reviewer_api.post(quote_url + "review/", {"status": "verified"})
    entries = api.get(quote_url + "history/").json()
    assert entries and all(entry["user"] is None for entry in entries)


def test_an_article_posted_through_the_api_enters_the_history(editor_api):
    response = editor_api.post(
        "/api/v1/articles/",
        {
            "publisher": PublisherFactory().slug,
            "title": "T",
            "published_on": "2023-12-20",
            "body": "A said B.",
            "quotes": [{"text": "B", "attribution": "A"}],
        },
    )
    quote_id = response.json()["quotes"][0]["id"]
    [entry] = editor_api.get(f"/api/v1/quotes/{quote_id}/history/").json()
    assert (entry["type"], entry["user"], entry["reason"]) == (
        "created",
        editor_api.user.username,
        "Created through the API",
    )


def test_a_resource_loaded_from_a_fixture_has_an_empty_history(api, seed):
    response = api.get("/api/v1/people/benjamin-netanyahu/history/")
    assert (response.status_code, response.json()) == (200, [])


def test_signed_in_users_do_not_see_who_else_changed_it(
    editor_api, reviewer_api, client_as, quote_url
):
    editor_api.patch(quote_url, {"cue": "vowed"})
    reviewer_api.post(quote_url + "review/", {"status": "verified"})
    reader = client_as("reader")
    assert {entry["user"] for entry in reader.get(quote_url + "history/").json()} == {None}


def test_staff_see_who_changed_it(editor_api, staff_api, quote_url):
    editor_api.patch(quote_url, {"cue": "vowed"})
    latest = staff_api.get(quote_url + "history/").json()[0]
    assert latest["user"] == editor_api.user.username
