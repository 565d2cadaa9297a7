"""Production settings refuse to start without their secrets and pass Django's deploy checks."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from actors.models import Person
from config import embedded_db
from quotes.models import Quote

STRONG_KEY = "k" * 20 + "Zq9!xP2@vL7#tR4$wN8%yB3^mC6&hJ1*"


def manage(*args, **environ):
    return python("manage.py", *args, **environ)


def python(*args, **environ):
    unset = {"SECRET_KEY", "DEBUG", "WHOSAID_WEB_PROCESS"}
    env = {key: value for key, value in os.environ.items() if key not in unset}
    env.update(environ)
    env.setdefault("DATABASE_URL", settings_database_url())
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_database_url():
    return os.environ.get("DATABASE_URL") or embedded_db.database_url()


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"ALLOWED_HOSTS": "quotes.example"}, "SECRET_KEY"),
        ({"SECRET_KEY": STRONG_KEY}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": "short", "ALLOWED_HOSTS": "quotes.example"}, "SECRET_KEY"),
    ],
)
def test_production_refuses_to_start_without_its_settings(environ, message):
    result = manage("check", DEBUG="false", **environ)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_settings_pass_the_deploy_checks():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="quotes.example",
        REDIS_URL="redis://127.0.0.1:6379/0",  # not contacted by the checks
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_run_without_database_url():
    result = manage(
        "check",
        DEBUG="false",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="quotes.example",
        DATABASE_URL="",
    )
    assert "DATABASE_URL" in result.stderr


SHOW_STATEMENT_TIMEOUT = (
    "from django.db import connection\n"
    "with connection.cursor() as cursor:\n"
    "    cursor.execute('SHOW statement_timeout')\n"
    "    print(cursor.fetchone()[0])\n"
)


def test_web_workers_get_a_statement_timeout():
    result = python(
        "-c", "import config.wsgi\n" + SHOW_STATEMENT_TIMEOUT, WEB_STATEMENT_TIMEOUT_MS="1500"
    )
    assert result.stdout.strip() == "1500ms", result.stderr


def test_management_commands_run_without_a_statement_timeout():
    result = manage("shell", "-c", SHOW_STATEMENT_TIMEOUT, WEB_STATEMENT_TIMEOUT_MS="1500")
    assert result.stdout.splitlines()[-1] == "0", result.stderr


@pytest.mark.django_db
def test_a_statement_a_connection_runs_often_is_prepared():
    for _ in range(settings.DATABASES["default"]["OPTIONS"]["prepare_threshold"] + 1):
        list(Person.objects.filter(slug="basem-naim"))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%FROM "actors_person" WHERE "actors_person"."slug" = $1%'],
        )
        assert cursor.fetchone()[0] == 1


@pytest.mark.django_db
def test_a_text_search_is_never_prepared_however_often_it_runs():
    # A prepared search would get one generic plan for every word after five runs.
    for _ in range(settings.DATABASES["default"]["OPTIONS"]["prepare_threshold"] + 1):
        list(Quote.objects.filter(search_document=SearchQuery("ceasefire")))
        list(Person.objects.filter(slug="basem-naim"))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%FROM "quotes_quote"%'],
        )
        assert cursor.fetchall() == []
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        assert cursor.fetchone()[0] >= 1  # the person lookup still is


PRINT_PREPARE_THRESHOLD = (
    "from django.db import connection\n"
    "connection.ensure_connection()\n"
    "print(connection.connection.prepare_threshold)\n"
)


def test_prepared_statements_can_be_turned_off_for_a_pooler_that_cannot_hold_them():
    result = manage("shell", "-c", PRINT_PREPARE_THRESHOLD, DATABASE_PREPARE_THRESHOLD="off")
    assert result.stdout.splitlines()[-1] == "None", result.stderr


def test_a_prepare_threshold_that_is_not_a_number_is_refused():
    result = manage("check", DATABASE_PREPARE_THRESHOLD="sometimes")
    assert result.returncode != 0
    assert "DATABASE_PREPARE_THRESHOLD must be a whole number" in result.stderr


def test_production_allows_no_cross_origin_caller_unless_told():
    code = (
        "from django.conf import settings as s; "
        "print(s.CORS_ALLOWED_ORIGINS, getattr(s, 'CORS_ALLOWED_ORIGIN_REGEXES', []))"
    )
    environ = {"DEBUG": "false", "SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "quotes.example"}
    default = python(
        "-c",
        f"import django; django.setup(); {code}",
        DJANGO_SETTINGS_MODULE="config.settings",
        **environ,
    )
    listed = python(
        "-c",
        f"import django; django.setup(); {code}",
        DJANGO_SETTINGS_MODULE="config.settings",
        CORS_ALLOWED_ORIGINS="https://a.example, https://b.example",
        **environ,
    )
    assert default.stdout.split() == ["[]", "[]"], default.stderr
    assert listed.stdout.strip() == "['https://a.example', 'https://b.example'] []", listed.stderr
