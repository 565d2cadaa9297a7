"""Downloads stream whole, so only a few run at once across all workers."""

import threading

import pytest
from django.db import connection

from config.concurrency import AllSlotsBusy
from quotes.api import downloads
from tests.factories import QuoteFactory
from tests.reliability.conftest import held_by_another_worker

pytestmark = pytest.mark.django_db(transaction=True)

CSV = "/api/v1/quotes.csv"


def in_another_worker(action):
    """Run ``action`` on its own database session, as another worker would; its result."""
    result = {}

    def run():
        try:
            result["value"] = action()
        except AllSlotsBusy as busy:
            result["value"] = busy
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return result["value"]


def test_beyond_the_concurrent_downloads_the_answer_is_503_with_retry_after(api, settings):
    settings.DOWNLOAD_CONCURRENCY = 1
    QuoteFactory()
    streaming = api.get(CSV)  # holds the only slot until it is read to the end
    busy = in_another_worker(lambda: downloads.download_slots().take())
    assert isinstance(busy, AllSlotsBusy)
    b"".join(streaming.streaming_content)
    freed = in_another_worker(lambda: downloads.download_slots().take().release())
    assert freed is None


def test_a_download_refused_for_lack_of_slots_says_when_to_retry(api, settings):
    settings.DOWNLOAD_CONCURRENCY = 1
    with held_by_another_worker(downloads.download_slots()):
        response = api.get(CSV)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "downloads" in response.json()["detail"]
