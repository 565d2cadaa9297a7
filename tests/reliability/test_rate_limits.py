"""Rate limits hold: one client is one client, whatever it writes in its headers; counted in
a shared cache in production; and a cache that fails slows nothing down."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from config import cache as resilient_cache
from tests.api.test_health import REDIS_DOWN
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

PEOPLE = "/api/v1/people/"


@pytest.fixture
def two_per_minute(settings):
    cache.clear()
    settings.API_THROTTLE_RATES = {"anonymous": "2/minute", "user": None}


def test_a_new_x_forwarded_for_on_each_request_does_not_escape_the_limit(api, two_per_minute):
    answers = [
        api.get(PEOPLE, HTTP_X_FORWARDED_FOR=f"198.51.100.{i}").status_code for i in range(3)
    ]
    assert answers == [200, 200, 429]


def test_behind_a_trusted_proxy_clients_are_told_apart_by_x_forwarded_for(
    api, two_per_minute, settings
):
    settings.TRUSTED_PROXIES = ["127.0.0.0/8"]
    answers = [
        api.get(PEOPLE, HTTP_X_FORWARDED_FOR=f"198.51.100.{i}", REMOTE_ADDR="127.0.0.1").status_code
        for i in range(3)
    ]
    assert answers == [200, 200, 200]


def test_what_a_client_prepends_before_the_proxy_is_not_believed(api, two_per_minute, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    answers = [
        api.get(
            PEOPLE, HTTP_X_FORWARDED_FOR=f"198.51.100.{i}, 203.0.113.7", REMOTE_ADDR="10.0.0.1"
        ).status_code
        for i in range(3)
    ]
    assert answers == [200, 200, 429]


@pytest.fixture
def redis_down(monkeypatch):
    monkeypatch.setattr(resilient_cache, "availability", resilient_cache._Availability())
    with override_settings(CACHES=REDIS_DOWN):
        yield


def test_with_redis_down_requests_are_served_unthrottled(api, settings, redis_down):
    settings.API_THROTTLE_RATES = {"anonymous": "2/minute", "user": None}
    person = PersonFactory()
    answers = [api.get(f"{PEOPLE}{person.slug}/").status_code for _ in range(3)]
    assert answers == [200, 200, 200]
    assert resilient_cache.cache_state() == "unavailable"


@override_settings(
    DEBUG=False, CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
)
def test_production_without_a_shared_cache_fails_the_deploy_check():
    with pytest.raises(SystemCheckError, match=r"whosaid\.E001"):
        call_command("check", deploy=True, tags=["caches"])


@override_settings(DEBUG=False, CACHES=REDIS_DOWN)
def test_production_with_redis_passes_the_deploy_check():
    call_command("check", deploy=True, tags=["caches"])


def test_the_admin_login_locks_out_after_repeated_wrong_passwords(client, admin_user, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post("/admin/login/", {"username": admin_user.username, "password": "wrong"})
    response = client.post(
        "/admin/login/", {"username": admin_user.username, "password": "password"}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
