"""No acknowledged write is lost: every write action locks its row, honours If-Match and
writes only what it changes."""

import pytest

from config.api.viewsets import WritableModelMixin
from quotes.choices import ReviewStatus
from quotes.models import Quote
from tests.factories import PersonFactory, QuoteFactory
from tests.races import run_beside_a_paused_patch


def url(quote):
    return f"/api/v1/quotes/{quote.pk}/"


@pytest.mark.django_db(transaction=True)
def test_a_review_beside_an_edit_does_not_revert_the_edit(monkeypatch, client_as):
    quote = QuoteFactory(status=ReviewStatus.DRAFT, cue="said")
    editor, reviewer = client_as("editor"), client_as("reviewer")
    statuses = run_beside_a_paused_patch(
        monkeypatch,
        lambda: editor.patch(url(quote), {"cue": "told"}),
        lambda: reviewer.post(url(quote) + "review/", {"status": "verified"}),
    )
    assert statuses == {"patch": 200, "other": 200}
    stored = Quote.objects.get(pk=quote.pk)
    assert (stored.cue, stored.status) == ("told", ReviewStatus.VERIFIED)


@pytest.mark.django_db(transaction=True)
def test_a_review_and_an_edit_with_the_same_etag_cannot_both_succeed(monkeypatch, client_as):
    quote = QuoteFactory(status=ReviewStatus.DRAFT, cue="said")
    editor, reviewer = client_as("editor"), client_as("reviewer")
    etag = editor.get(url(quote))["ETag"]
    statuses = run_beside_a_paused_patch(
        monkeypatch,
        lambda: editor.patch(url(quote), {"cue": "told"}, HTTP_IF_MATCH=etag),
        lambda: reviewer.post(url(quote) + "review/", {"status": "verified"}, HTTP_IF_MATCH=etag),
    )
    assert statuses == {"patch": 200, "other": 412}
    assert Quote.objects.get(pk=quote.pk).status == ReviewStatus.DRAFT


@pytest.mark.django_db
def test_a_merge_with_a_stale_if_match_answers_412(client_as):
    editor = client_as("superuser")
    survivor, duplicate = PersonFactory(), PersonFactory()
    path = f"/api/v1/people/{survivor.slug}/"
    stale = editor.get(path)["ETag"]
    editor.patch(path, {"description": "changed meanwhile"})
    response = editor.post(path + "merge/", {"duplicate": duplicate.slug}, HTTP_IF_MATCH=stale)
    assert response.status_code == 412


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["place", "source_label"])
def test_a_writable_quote_field_is_in_its_representation_and_etag(editor_api, field):
    quote = QuoteFactory(status=ReviewStatus.DRAFT)
    before = editor_api.get(url(quote))
    after = editor_api.patch(url(quote), {field: "changed"})
    assert after.json()[field] == "changed"
    assert after["ETag"] != before["ETag"]


def test_every_writable_field_is_readable():
    """Whatever a client may write, it reads back, so the ETag covers it."""
    from config.urls import urlpatterns  # noqa: F401 (registers every view set)

    viewsets = {cls for cls in _subclasses(WritableModelMixin) if cls.write_serializer_class}
    assert viewsets
    for viewset in viewsets:
        written = {
            name
            for name, field in viewset.write_serializer_class().fields.items()
            if not field.read_only
        }
        readable = set(
            (getattr(viewset, "detail_serializer_class", None) or viewset.serializer_class)().fields
        )
        assert written <= readable, f"{viewset.__name__}: {written - readable} not readable"


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_write_action_on_one_resource_locks_its_row():
    from rest_framework.viewsets import GenericViewSet

    from config.urls import urlpatterns  # noqa: F401

    for viewset in _subclasses(WritableModelMixin):
        if not issubclass(viewset, GenericViewSet):
            continue
        for action in viewset.get_extra_actions():
            if action.detail and set(action.mapping) - {"get", "head", "options"}:
                locked = action.__name__ in viewset.locking_actions
                assert locked or action.__name__ == "merge", (viewset.__name__, action.__name__)


@pytest.mark.django_db
def test_a_retracted_quote_posted_with_its_article_needs_a_reason(reviewer_api):
    from tests.factories import PublisherFactory

    PublisherFactory(slug="daily")
    payload = {
        "publisher": "daily",
        "title": "Talks",
        "published_on": "2023-12-20",
        "body": "We will not stop, the minister said.",
        "quotes": [
            {"text": "We will not stop,", "attribution": "the minister", "status": "retracted"}
        ],
    }
    response = reviewer_api.post("/api/v1/articles/", payload)
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "quotes[0].retraction_reason": ["Say why the quote is retracted."]
    }
