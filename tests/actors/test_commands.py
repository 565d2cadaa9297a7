"""Development commands: check_port (before `make run` serves), ensure_admin, dbserver."""

import io
import os
import socket
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError


@pytest.fixture
def listening_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield server.getsockname()[1]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_taken_port_fails_with_what_to_do(listening_port):
    with pytest.raises(CommandError) as failure:
        call_command("check_port", str(listening_port))
    message = str(failure.value)
    assert f"Port {listening_port} on 127.0.0.1 is already in use" in message
    assert f"make run PORT={listening_port + 1}" in message


def test_a_free_port_passes():
    call_command("check_port", str(free_port()))


def test_a_port_out_of_range_is_refused():
    with pytest.raises(CommandError, match="from 1 to 65535"):
        call_command("check_port", "70000")


def test_the_admin_login_names_the_port_served(db, settings, tmp_path, monkeypatch):
    monkeypatch.setattr(
        "actors.management.commands.ensure_admin.PASSWORD_FILE", tmp_path / "admin-password"
    )
    settings.DEBUG = True
    out = io.StringIO()
    call_command("ensure_admin", "--port", "8017", stdout=out)
    assert "http://127.0.0.1:8017/admin/" in out.getvalue()


def test_dbserver_status_reports_a_stopped_server_without_starting_it(tmp_path):
    environ = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, "manage.py", "dbserver", "status"],
        cwd=settings.BASE_DIR,
        env={**environ, "WHOSAID_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    try:
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip().endswith("postgres: stopped")
        assert not (tmp_path / "postgres" / "postmaster.pid").exists()
    finally:
        if (tmp_path / "postgres" / "postmaster.pid").exists():  # started by mistake
            subprocess.run(
                [sys.executable, "manage.py", "dbserver", "stop"],
                cwd=settings.BASE_DIR,
                env={**environ, "WHOSAID_DATA_DIR": str(tmp_path)},
                timeout=120,
            )
