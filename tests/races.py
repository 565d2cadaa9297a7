"""Two writes at once: one paused between its If-Match check and its write."""

import threading
import time

from django.db import connection

from config.api.viewsets import WritableModelMixin


def run_beside_a_paused_patch(monkeypatch, patcher, other_write):
    """``patcher`` PATCHes the quote's cue to "told" and pauses between its If-Match check
    and its write; ``other_write()`` runs meanwhile. Returns both status codes."""
    checked = threading.Event()
    original = WritableModelMixin.check_if_match

    def slow_check(view, instance):
        original(view, instance)
        if threading.current_thread().name == "patch":
            checked.set()
            time.sleep(0.5)

    monkeypatch.setattr(WritableModelMixin, "check_if_match", slow_check)
    statuses = {}

    def patch():
        try:
            statuses["patch"] = patcher().status_code
        finally:
            connection.close()

    thread = threading.Thread(target=patch, name="patch")
    thread.start()
    checked.wait(timeout=10)
    statuses["other"] = other_write().status_code
    thread.join()
    return statuses
