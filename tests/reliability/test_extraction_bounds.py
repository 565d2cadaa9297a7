"""/extract/ cannot occupy the service: a rate per user and a bound across all workers."""

import pytest
from django.core.cache import cache

from quotes.api import extraction
from tests.reliability.conftest import held_by_another_worker

pytestmark = pytest.mark.django_db

URL = "/api/v1/extract/"
TEXT = "“We will not stop,” the minister said on Tuesday."


def test_each_user_has_a_rate_of_extractions(editor_api, settings):
    cache.clear()
    settings.API_THROTTLE_RATES = {"anonymous": None, "user": None, "extract": "2/minute"}
    answers = [editor_api.post(URL, {"text": TEXT}).status_code for _ in range(3)]
    assert answers == [200, 200, 429]


@pytest.mark.django_db(transaction=True)
def test_beyond_the_concurrent_extractions_the_answer_is_503_with_retry_after(editor_api, settings):
    settings.EXTRACT_CONCURRENCY = 1
    with held_by_another_worker(extraction.extraction_slots()):
        busy = editor_api.post(URL, {"text": TEXT})
    assert busy.status_code == 503
    assert int(busy["Retry-After"]) > 0
    assert editor_api.post(URL, {"text": TEXT}).status_code == 200  # the slot is free again


@pytest.mark.django_db(transaction=True)
def test_a_failed_extraction_frees_its_slot(editor_api, settings, monkeypatch):
    settings.EXTRACT_CONCURRENCY = 1

    def crash(*args, **kwargs):
        raise RuntimeError("extractor bug")

    monkeypatch.setattr(extraction, "extract", crash)
    with pytest.raises(RuntimeError):
        editor_api.post(URL, {"text": TEXT})
    monkeypatch.undo()
    settings.EXTRACT_CONCURRENCY = 1
    assert editor_api.post(URL, {"text": TEXT}).status_code == 200
