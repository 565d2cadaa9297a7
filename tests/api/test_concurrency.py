"""ETags on detail responses; If-Match on writes so curators never overwrite each other."""

import pytest

from quotes.choices import ReviewStatus
from quotes.models import Quote
from tests.factories import PersonFactory, QuoteFactory
from tests.races import run_beside_a_paused_patch

pytestmark = pytest.mark.django_db


@pytest.fixture
def quote():
    return QuoteFactory(status=ReviewStatus.DRAFT)


def url(quote):
    return f"/api/v1/quotes/{quote.pk}/"


def test_a_detail_response_carries_an_etag(editor_api, quote):
    assert editor_api.get(url(quote))["ETag"].startswith('"')


def test_the_etag_changes_when_the_resource_changes(editor_api, quote):
    before = editor_api.get(url(quote))["ETag"]
    after = editor_api.patch(url(quote), {"cue": "told"})["ETag"]
    assert before != after
    assert editor_api.get(url(quote))["ETag"] == after


def test_a_stale_if_match_answers_412_and_changes_nothing(editor_api, quote):
    stale = editor_api.get(url(quote))["ETag"]
    editor_api.patch(url(quote), {"cue": "told"})  # another curator's edit
    response = editor_api.patch(url(quote), {"cue": "insisted"}, HTTP_IF_MATCH=stale)
    assert response.status_code == 412
    assert Quote.objects.get(pk=quote.pk).cue == "told"


def test_a_current_if_match_lets_the_write_through(editor_api, quote):
    current = editor_api.get(url(quote))["ETag"]
    response = editor_api.put(
        url(quote),
        {"article": quote.article_id, "text": quote.text, "attribution": "the minister"},
        HTTP_IF_MATCH=current,
    )
    assert response.status_code == 200, response.content


def test_a_stale_if_match_stops_a_delete(editor_api):
    person = PersonFactory()
    path = f"/api/v1/people/{person.slug}/"
    stale = editor_api.get(path)["ETag"]
    editor_api.patch(path, {"description": "changed meanwhile"})
    assert editor_api.delete(path, HTTP_IF_MATCH=stale).status_code == 412
    assert editor_api.get(path).status_code == 200


def test_if_none_match_answers_304_when_nothing_changed(api):
    quote = QuoteFactory()
    etag = api.get(url(quote))["ETag"]
    assert api.get(url(quote), HTTP_IF_NONE_MATCH=etag).status_code == 304


@pytest.mark.django_db(transaction=True)
def test_two_curators_with_the_same_etag_cannot_both_write(monkeypatch, client_as):
    """The row is locked from the If-Match check to the write: while the first curator's
    request sits between the two, the second waits, then sees a changed ETag."""
    quote = QuoteFactory(status=ReviewStatus.DRAFT)
    first, second = client_as("editor"), client_as("editor")
    etag = first.get(url(quote))["ETag"]
    statuses = run_beside_a_paused_patch(
        monkeypatch,
        lambda: first.patch(url(quote), {"cue": "told"}, HTTP_IF_MATCH=etag),
        lambda: second.patch(url(quote), {"cue": "insisted"}, HTTP_IF_MATCH=etag),
    )
    assert statuses == {"patch": 200, "other": 412}
    assert Quote.objects.get(pk=quote.pk).cue == "told"
