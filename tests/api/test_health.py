import pytest
from django.db import DatabaseError
from django.test import override_settings

from config import cache as resilient_cache
from config.api import health


@pytest.fixture(autouse=True)
def fresh_deep_check(monkeypatch):
    monkeypatch.setattr(health, "last_deep_check", health._LastDeepCheck())


@pytest.mark.django_db
def test_healthz_is_200_when_the_database_answers(api):
    response = api.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "search": "fallback",
    }


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


@pytest.mark.django_db
def test_the_deep_check_commits_a_write(api):
    response = api.get("/healthz?deep=1")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "writes": "ok",
        "search": "fallback",
    }
    assert health.HealthProbe.objects.count() == 1


@pytest.mark.django_db
def test_the_deep_check_is_503_when_writes_fail(api, monkeypatch):
    def refuse(*args, **kwargs):
        raise DatabaseError("could not extend file: No space left on device")

    monkeypatch.setattr(health.HealthProbe.objects, "update_or_create", refuse)
    assert api.get("/healthz").status_code == 200  # liveness stays cheap: no write
    response = api.get("/healthz?deep=1")
    assert response.status_code == 503
    assert response.json()["writes"] == "unavailable"


@pytest.mark.django_db
def test_the_deep_check_runs_at_most_once_in_a_while(api, django_assert_num_queries):
    api.get("/healthz?deep=1")
    with django_assert_num_queries(1):  # the liveness SELECT 1 only
        api.get("/healthz?deep=1")


REDIS_DOWN = {
    "default": {
        "BACKEND": "config.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on the discard port
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


@pytest.fixture
def redis_down(monkeypatch):
    monkeypatch.setattr(resilient_cache, "availability", resilient_cache._Availability())
    with override_settings(CACHES=REDIS_DOWN):
        yield


@pytest.mark.django_db
def test_with_redis_down_the_service_is_degraded_not_down(api, redis_down):
    response = api.get("/healthz?deep=1")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["cache"] == "unavailable"
