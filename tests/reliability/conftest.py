import contextlib
import threading

from django.db import connection

from tests.api.conftest import api, client_as, editor_api, reviewer_api, staff_api

__all__ = ["api", "client_as", "editor_api", "held_by_another_worker", "reviewer_api", "staff_api"]


@contextlib.contextmanager
def held_by_another_worker(slots):
    """One slot of ``slots`` (config.concurrency.Slots) taken by another database session, as
    another worker would, for the duration of the block."""
    holding, done = threading.Event(), threading.Event()

    def hold():
        try:
            with slots.take():
                holding.set()
                done.wait(timeout=10)
        finally:
            connection.close()

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        holding.wait(timeout=10)
        yield
    finally:
        done.set()
        thread.join()
