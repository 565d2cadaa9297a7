"""Under /api/ every error is the documented JSON, whatever failed and wherever."""

import psycopg
import pytest
from django.db import OperationalError
from rest_framework.test import APIClient

from quotes.api.views import TopicViewSet

pytestmark = pytest.mark.django_db


@pytest.fixture
def raw_api():
    """A client that receives the 500 a user would, instead of the exception."""
    return APIClient(raise_request_exception=False)


@pytest.mark.parametrize("debug", [False, True], ids=["production", "development"])
def test_an_unknown_url_under_the_api_is_a_json_404(api, settings, debug):
    settings.DEBUG = debug
    response = api.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_a_method_no_view_serves_is_a_json_405(editor_api):
    response = editor_api.delete("/api/v1/topics/")
    assert response.status_code == 405
    assert set(response.json()) == {"detail"}


def fail_with(monkeypatch, error):
    def broken(self):
        raise error

    monkeypatch.setattr(TopicViewSet, "get_queryset", broken)


def database_error(cause) -> OperationalError:
    error = OperationalError(str(cause))
    error.__cause__ = cause
    return error


def test_an_unavailable_database_is_a_503_with_retry_after(raw_api, monkeypatch):
    fail_with(monkeypatch, database_error(psycopg.OperationalError("connection refused")))
    response = raw_api.get("/api/v1/topics/")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "database is unavailable" in response.json()["detail"]


def test_a_statement_timeout_is_a_504(raw_api, monkeypatch):
    fail_with(monkeypatch, database_error(psycopg.errors.QueryCanceled("statement timeout")))
    response = raw_api.get("/api/v1/topics/")
    assert response.status_code == 504
    assert set(response.json()) == {"detail"}


def test_a_full_disk_is_a_503_with_retry_after(raw_api, monkeypatch):
    fail_with(monkeypatch, database_error(psycopg.errors.DiskFull("no space left on device")))
    response = raw_api.get("/api/v1/topics/")
    assert response.status_code == 503
    assert "storage is full" in response.json()["detail"]
    assert "Retry-After" in response


@pytest.mark.parametrize("debug", [False, True], ids=["production", "development"])
def test_any_other_failure_is_a_json_500(raw_api, monkeypatch, settings, debug):
    settings.DEBUG = debug
    fail_with(monkeypatch, RuntimeError("a bug"))
    response = raw_api.get("/api/v1/topics/")
    assert response.status_code == 500
    assert response.json() == {"detail": "Server error: it has been logged."}


def test_pages_outside_the_api_keep_django_error_pages(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert not response["Content-Type"].startswith("application/json")
