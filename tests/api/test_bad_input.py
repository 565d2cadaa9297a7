"""Bad input on writes: always a 4xx in the API's error format, never a 500."""

import pytest
from django.core.cache import cache

from tests.factories import ArticleFactory, PersonFactory

pytestmark = pytest.mark.django_db

PEOPLE = "/api/v1/people/"


def post_raw(api, body: bytes, content_type="application/json"):
    return api.generic("POST", PEOPLE, body, content_type=content_type)


def test_malformed_json_is_a_400(editor_api):
    response = post_raw(editor_api, b'{"name": "Ada",')
    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")


def test_a_body_that_is_not_json_is_a_415(editor_api):
    response = post_raw(editor_api, b"name=Ada", "application/x-www-form-urlencoded")
    assert response.status_code == 415


def test_a_json_list_instead_of_an_object_is_a_400(editor_api):
    response = post_raw(editor_api, b'["Ada"]')
    assert response.json() == {
        "detail": "Invalid input.",
        "errors": {"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]},
    }


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": 12}, "name"),
        ({"name": ["Ada"]}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "Ada", "birth_date": "2023-02-30"}, "birth_date"),
        ({"name": "Ada", "wikidata_id": "Ada"}, "wikidata_id"),
        ({"name": "Ada", "slug": "not a slug"}, "slug"),
        ({"name": "A\x00da"}, "name"),
    ],
)
def test_wrong_values_are_field_errors(editor_api, payload, field):
    response = editor_api.post(PEOPLE, payload)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]


def test_an_unknown_choice_is_a_field_error(editor_api):
    response = editor_api.post("/api/v1/organizations/", {"name": "X", "classification": "cult"})
    assert response.json()["errors"] == {"classification": ['"cult" is not a valid choice.']}


def test_an_oversized_body_is_a_413(editor_api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = editor_api.post(PEOPLE, {"name": "Ada", "description": "x" * 2000})
    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is larger than 1,000 bytes."}


def test_an_article_payload_of_the_wrong_shape_is_a_400(editor_api):
    response = editor_api.post(
        "/api/v1/articles/", {"publisher": "x", "title": "T", "published_on": "2023-02-30"}
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["published_on"]


def test_an_invalid_id_in_the_path_is_a_404(editor_api):
    assert editor_api.patch("/api/v1/quotes/abc/", {"cue": "x"}).status_code == 404
    assert editor_api.delete("/api/v1/quotes/99999999999999999999/").status_code == 404


def test_an_out_of_range_reference_id_is_a_field_error(editor_api):
    response = editor_api.post(
        "/api/v1/quotes/", {"article": 2**70, "text": "x", "attribution": "y"}
    )
    assert list(response.json()["errors"]) == ["article"]


def test_a_reference_of_the_wrong_type_is_a_field_error(editor_api):
    ArticleFactory()
    response = editor_api.post(
        "/api/v1/quotes/", {"article": {"id": 1}, "text": "x", "attribution": "y"}
    )
    assert list(response.json()["errors"]) == ["article"]


def test_anonymous_clients_are_rate_limited(api, settings):
    cache.clear()
    settings.API_THROTTLE_RATES = {"anonymous": "2/minute", "user": None}
    person = PersonFactory()
    statuses = [api.get(f"{PEOPLE}{person.slug}/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_signed_in_clients_have_their_own_limit(editor_api, settings):
    cache.clear()
    settings.API_THROTTLE_RATES = {"anonymous": "1/minute", "user": "3/minute"}
    statuses = [editor_api.get(PEOPLE).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
