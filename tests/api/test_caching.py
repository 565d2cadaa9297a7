"""Cache-Control: anonymous reads are public for a short while; a signed-in user's reads,
writes and errors are never stored."""

import pytest

from tests.factories import QuoteFactory

pytestmark = pytest.mark.django_db


def directives(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def vary(response) -> set[str]:
    return {part.strip().lower() for part in response["Vary"].split(",")}


def test_an_anonymous_read_may_be_cached_publicly_for_a_minute(api):
    quote = QuoteFactory()
    for url in ["/api/v1/quotes/", f"/api/v1/quotes/{quote.pk}/", "/api/v1/people/"]:
        response = api.get(url)
        assert directives(response) == {"public", "max-age=60"}, url
        # No cache may hand an anonymous answer to a signed-in reader, who may see drafts.
        assert {"authorization", "cookie"} <= vary(response), url


def test_the_anonymous_lifetime_is_a_setting(api, settings):
    settings.API_CACHE_SECONDS = 0
    assert directives(api.get("/api/v1/quotes/")) == {"public", "no-cache"}


def test_a_revalidated_read_keeps_its_cache_control(api):
    quote = QuoteFactory()
    etag = api.get(f"/api/v1/quotes/{quote.pk}/")["ETag"]
    response = api.get(f"/api/v1/quotes/{quote.pk}/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert directives(response) == {"public", "max-age=60"}


def test_a_signed_in_users_reads_are_private_and_not_stored(editor_api, staff_api):
    quote = QuoteFactory()
    for client in (editor_api, staff_api):
        response = client.get(f"/api/v1/quotes/{quote.pk}/")
        assert response.status_code == 200
        assert directives(response) == {"private", "no-store"}


def test_writes_and_errors_are_not_stored(editor_api, api):
    created = editor_api.post(
        "/api/v1/publishers/", {"name": "The Daily", "website": ""}, format="json"
    )
    assert created.status_code == 201
    assert directives(created) == {"no-store"}
    missing = api.get("/api/v1/quotes/999999/")
    assert missing.status_code == 404
    assert directives(missing) == {"no-store"}
    invalid = api.get("/api/v1/quotes/", {"said_after": "yesterday"})
    assert invalid.status_code == 400
    assert directives(invalid) == {"no-store"}
