"""POST /api/v1/people/{slug}/merge/ and the 301 from a merged person's old slug."""

import pytest

from tests.factories import PersonFactory, QuoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    return PersonFactory(name="Lao Tzu", slug="lao-tzu"), PersonFactory(name="Laozi", slug="laozi")


def test_merging_answers_with_the_survivor(editor_api, pair):
    survivor, duplicate = pair
    QuoteFactory(speaker=duplicate)
    response = editor_api.post("/api/v1/people/lao-tzu/merge/", {"duplicate": "laozi"})
    assert response.status_code == 200
    assert (response.json()["slug"], response.json()["aliases"]) == ("lao-tzu", ["Laozi"])
    assert survivor.quotes.count() == 1


def test_the_old_slug_answers_301_to_the_survivor(api, editor_api, pair):
    editor_api.post("/api/v1/people/lao-tzu/merge/", {"duplicate": "laozi"})
    response = api.get("/api/v1/people/laozi/")
    assert (response.status_code, response["Location"]) == (301, "/api/v1/people/lao-tzu/")


def test_merging_into_oneself_is_a_400(editor_api, pair):
    response = editor_api.post("/api/v1/people/lao-tzu/merge/", {"duplicate": "lao-tzu"})
    assert response.json()["errors"] == {
        "duplicate": ["A person cannot be merged into themselves."]
    }


def test_merging_an_unknown_person_is_a_400(editor_api, pair):
    response = editor_api.post("/api/v1/people/lao-tzu/merge/", {"duplicate": "nobody"})
    assert list(response.json()["errors"]) == ["duplicate"]


def test_merging_needs_change_and_delete_permissions(client_as, pair):
    api = client_as("reader")
    assert api.post("/api/v1/people/lao-tzu/merge/", {"duplicate": "laozi"}).status_code == 403
