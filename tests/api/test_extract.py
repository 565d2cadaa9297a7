"""POST /api/v1/extract/ (quotes.api.extraction): candidates for a text, nothing stored."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import path
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from quotes.api.extraction import MAX_TEXT_LENGTH, ExtractView
from quotes.extraction import EXTRACTOR_VERSION
from quotes.models import Quote
from tests.factories import (
    AffiliationFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
)

# The view under test on its own URL configuration, independent of the project's wiring.
urlpatterns = [path("api/v1/extract/", ExtractView.as_view(), name="extract")]
pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

URL = "/api/v1/extract/"
TEXT = "“We will not stop,” Prime Minister Dana Levi said on Tuesday."


@pytest.fixture
def client():
    api = APIClient()
    api.force_authenticate(UserFactory(is_superuser=True))
    return api


def test_requires_authentication():
    response = APIClient().post(URL, {"text": TEXT}, format="json")
    assert response.status_code == 401


def test_requires_the_permission_to_add_quotes():
    api = APIClient()
    api.force_authenticate(UserFactory())
    assert api.post(URL, {"text": TEXT}, format="json").status_code == 403


def test_returns_candidates_with_offsets_into_the_text(client):
    response = client.post(URL, {"text": TEXT}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["extractor_version"] == EXTRACTOR_VERSION
    (candidate,) = body["candidates"]
    assert candidate["kind"] == "direct"
    assert TEXT[candidate["start"] : candidate["end"]] == candidate["text"] == "We will not stop,"
    src = TEXT[candidate["source_start"] : candidate["source_end"]]
    assert src == candidate["source_text"] == "Prime Minister Dana Levi"
    assert candidate["cue"] == "said"


def test_article_date_resolves_relative_dates(client):
    response = client.post(URL, {"text": TEXT, "article_date": "2023-12-20"}, format="json")
    assert response.json()["candidates"][0]["said_on"] == "2023-12-19"


def test_without_article_date_the_date_stays_unknown(client):
    response = client.post(URL, {"text": TEXT}, format="json")
    assert response.json()["candidates"][0]["said_on"] is None


def test_speakers_and_organizations_resolve_to_database_ids(client):
    person = PersonFactory(name="Dana Levi", slug="dana-levi")
    harbor = OrganizationFactory(name="Harbor Authority", slug="harbor-authority")
    text = TEXT + " “No deal yet,” a senior Harbor Authority official said."
    first, second = client.post(URL, {"text": text}, format="json").json()["candidates"]
    assert (first["person"], first["organization"]) == (person.pk, None)
    assert (second["person"], second["organization"], second["is_anonymous"]) == (
        None,
        harbor.pk,
        True,
    )


def test_a_named_speaker_comes_with_the_role_held_on_the_day_said(client):
    levi = PersonFactory(name="Dana Levi", slug="dana-levi")
    AffiliationFactory(
        person=levi,
        role="Minister",
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2023, 12, 18),
    )
    premiership = AffiliationFactory(
        person=levi, role="Prime Minister", start_date=datetime.date(2023, 12, 19)
    )
    response = client.post(URL, {"text": TEXT, "article_date": "2023-12-20"}, format="json")
    (candidate,) = response.json()["candidates"]
    assert candidate["said_on"] == "2023-12-19"
    assert candidate["role"] == {
        "id": premiership.pk,
        "title": "Prime Minister",
        "organization": {
            "id": premiership.organization.pk,
            "name": premiership.organization.name,
            "slug": premiership.organization.slug,
        },
        "start_date": "2023-12-19",
        "end_date": None,
    }


def test_without_any_date_a_speaker_has_no_role(client):
    AffiliationFactory(person=PersonFactory(name="Dana Levi", slug="dana-levi"))
    response = client.post(URL, {"text": "“We will not stop,” Dana Levi said."}, format="json")
    assert response.json()["candidates"][0]["role"] is None


def test_roles_are_looked_up_once_per_speaker_and_day(client):
    AffiliationFactory(person=PersonFactory(name="Dana Levi", slug="dana-levi"))
    text = " ".join(f"“Point {n},” Dana Levi said on Tuesday." for n in range(5))
    with CaptureQueriesContext(connection) as one_speaker:
        response = client.post(URL, {"text": text, "article_date": "2023-12-20"}, format="json")
    assert len(response.json()["candidates"]) == 5
    assert all(c["role"]["title"] == "Spokesperson" for c in response.json()["candidates"])
    role_lookups = [q for q in one_speaker.captured_queries if "actors_affiliation" in q["sql"]]
    assert len(role_lookups) == 1


def test_nothing_is_stored(client):
    client.post(URL, {"text": TEXT}, format="json")
    assert not Quote.objects.exists()


def test_text_without_attributions_gives_an_empty_list(client):
    response = client.post(URL, {"text": "The weather was fine."}, format="json")
    assert response.status_code == 200
    assert response.json()["candidates"] == []


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "text"),
        ({"text": ""}, "text"),
        ({"text": TEXT, "article_date": "20 December"}, "article_date"),
        ({"text": ["not", "a", "string"]}, "text"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(client, payload, field):
    response = client.post(URL, payload, format="json")
    assert response.status_code == 400
    body = response.json()
    assert field in body.get("errors", body)  # the project's error envelope, or DRF's own


def test_a_text_over_the_limit_is_a_413_naming_the_limit(client):
    response = client.post(URL, {"text": "x" * (MAX_TEXT_LENGTH + 1)}, format="json")
    assert response.status_code == 413
    assert f"at most {MAX_TEXT_LENGTH:,}" in response.json()["detail"]


def test_longest_allowed_text_is_accepted(client):
    text = (TEXT + " ") * (MAX_TEXT_LENGTH // (len(TEXT) + 1))
    response = client.post(URL, {"text": text}, format="json")
    assert response.status_code == 200
    assert len(response.json()["candidates"]) == text.count("said")


def test_openapi_schema_documents_request_and_response():
    schema = SchemaGenerator(patterns=urlpatterns).get_schema(request=None, public=True)
    operation = schema["paths"][URL]["post"]
    assert operation["operationId"] == "extract_attributions"
    request_ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    response_ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    components = schema["components"]["schemas"]
    assert set(components[request_ref.rsplit("/", 1)[1]]["required"]) == {"text"}
    assert "candidates" in components[response_ref.rsplit("/", 1)[1]]["properties"]


def test_project_urls_route_the_endpoint():
    from django.urls import resolve

    match = resolve(URL, urlconf="config.urls")
    assert match.func.view_class is ExtractView
