"""What a newcomer sees running the site: each log line once, a favicon, no warnings."""

import os
import subprocess
import sys

from django.conf import settings

from config import embedded_db


def test_a_django_log_line_is_printed_once():
    environ = {key: value for key, value in os.environ.items() if key != "DEBUG"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, logging; django.setup(); "
            "logging.getLogger('django.request').warning('Not Found: /nowhere')",
        ],
        cwd=settings.BASE_DIR,
        env={**environ, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stderr.count("Not Found: /nowhere") == 1, result.stderr


def test_the_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    assert b"".join(response.streaming_content).startswith(b"\x00\x00\x01\x00")  # an icon file


def test_an_unreadable_list_of_server_handles_no_longer_stops_the_next_start(tmp_path, monkeypatch):
    monkeypatch.setattr(embedded_db, "DATA_DIR", tmp_path)
    (tmp_path / ".handle_pids.json").write_text("")  # a process killed while writing it
    embedded_db._reset_unreadable_handle_list()
    assert (tmp_path / ".handle_pids.json").read_text() == "[]"
