"""CORS: browser frontends on the listed origins call the API, with credentials, and read the
headers a client needs; other origins get no CORS headers."""

import pytest

from tests.factories import QuoteFactory, UserFactory

pytestmark = pytest.mark.django_db

FRONTEND = "https://quotes-frontend.example"


@pytest.fixture(autouse=True)
def frontend_allowed(settings):
    settings.CORS_ALLOWED_ORIGINS = [FRONTEND]
    settings.CORS_ALLOWED_ORIGIN_REGEXES = []


def test_a_preflight_from_a_listed_origin_allows_a_conditional_write_with_a_token(client):
    quote = QuoteFactory()
    response = client.options(
        f"/api/v1/quotes/{quote.pk}/",
        HTTP_ORIGIN=FRONTEND,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="PATCH",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type, if-match",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == FRONTEND
    assert response["Access-Control-Allow-Credentials"] == "true"
    assert "PATCH" in response["Access-Control-Allow-Methods"]
    allowed = {h.strip() for h in response["Access-Control-Allow-Headers"].split(",")}
    assert {"authorization", "content-type", "if-match"} <= allowed
    assert response.content == b""  # not DRF's OPTIONS metadata


def test_a_credentialed_request_from_a_listed_origin_can_read_the_response_and_its_headers(
    client,
):
    quote = QuoteFactory()
    client.force_login(UserFactory(is_staff=True))
    response = client.get(f"/api/v1/quotes/{quote.pk}/", HTTP_ORIGIN=FRONTEND)
    assert response.status_code == 200
    # With credentials a browser needs the origin itself, never "*".
    assert response["Access-Control-Allow-Origin"] == FRONTEND
    assert response["Access-Control-Allow-Credentials"] == "true"
    exposed = {h.strip().lower() for h in response["Access-Control-Expose-Headers"].split(",")}
    assert {"etag", "link", "retry-after"} <= exposed
    assert "origin" in response["Vary"].lower()


def test_an_origin_not_listed_gets_no_cors_headers(client):
    response = client.get("/api/v1/quotes/", HTTP_ORIGIN="https://elsewhere.example")
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


def test_pages_outside_the_api_get_no_cors_headers(client):
    response = client.get("/admin/login/", HTTP_ORIGIN=FRONTEND)
    assert "Access-Control-Allow-Origin" not in response
