"""/api/v1/ lists where everything is; /api/ leads there."""

import pytest

pytestmark = pytest.mark.django_db

COLLECTIONS = [
    "people",
    "organizations",
    "affiliations",
    "aliases",
    "quotes",
    "articles",
    "publishers",
    "topics",
]


def test_the_root_lists_every_collection_by_its_absolute_url(api):
    response = api.get("/api/v1/")
    assert response.status_code == 200
    root = response.json()
    for name in COLLECTIONS:
        assert root[name] == f"http://testserver/api/v1/{name}/"
        assert api.get(root[name]).status_code == 200, name


def test_the_root_links_the_schema_and_the_docs(api):
    root = api.get("/api/v1/").json()
    assert root["schema"] == "http://testserver/api/schema/"
    assert root["docs"] == "http://testserver/api/docs/"
    assert root["redoc"] == "http://testserver/api/redoc/"
    assert root["extract"] == "http://testserver/api/v1/extract/"
    for name in ("schema", "docs", "redoc"):
        assert api.get(root[name], HTTP_ACCEPT="*/*").status_code == 200, name


def test_api_leads_to_the_current_version(api):
    response = api.get("/api/")
    assert response.status_code == 302
    assert response["Location"] == "/api/v1/"


def test_the_root_is_a_browsable_page_too(api):
    response = api.get("/api/v1/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert b"/api/v1/quotes/" in response.content
