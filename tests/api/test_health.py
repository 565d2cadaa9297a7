import pytest
from django.db import DatabaseError

from config.api import health


@pytest.mark.django_db
def test_healthz_is_200_when_the_database_answers(api):
    response = api.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "search": "fallback"}


@pytest.mark.django_db
def test_healthz_says_searches_use_the_index_once_it_is_built(api, search_index):
    assert api.get("/healthz").json()["search"] == "index"


def test_healthz_is_503_when_the_database_does_not_answer(api, monkeypatch):
    class Broken:
        def cursor(self):
            raise DatabaseError("connection refused")

    monkeypatch.setattr(health, "connection", Broken())
    response = api.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
