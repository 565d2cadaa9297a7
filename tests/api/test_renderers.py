"""The API's JSON comes from orjson and reads exactly as DRF's renderer writes it."""

import datetime
import decimal

import orjson
import pytest
from django.utils.translation import gettext_lazy
from rest_framework import renderers
from rest_framework.exceptions import ErrorDetail

from config.api.renderers import JSONRenderer
from tests.factories import QuoteFactory

DRF = renderers.JSONRenderer()


@pytest.mark.parametrize(
    "data",
    [
        {"text": "“Aid must flow,” the café’s owner said… — ok", "ids": [1, 2], "none": None},
        {"confidence": 0.85, "count": 10**12, "flags": (True, False)},
        {"said_on": datetime.date(2023, 12, 20)},
        {"at": datetime.datetime(2023, 12, 20, 9, 30, 15, 123456, tzinfo=datetime.UTC)},
        {"errors": {"said_after": [ErrorDetail("Enter a valid date.", code="invalid")]}},
        {"detail": gettext_lazy("Not found."), "amount": decimal.Decimal("1.50")},
        {"topics": {"talks"}},
        {"big": 2**70},
    ],
    ids=["text", "numbers", "date", "datetime", "errors", "lazy-and-decimal", "set", "bigint"],
)
def test_it_renders_the_bytes_drf_renders(data):
    assert JSONRenderer().render(data) == DRF.render(data)


def test_line_and_paragraph_separators_are_escaped_for_javascript():
    rendered = JSONRenderer().render({"text": "one\u2028two\u2029three"})
    assert rendered == b'{"text":"one\\u2028two\\u2029three"}'


def test_an_indent_asked_for_in_the_accept_header_is_honoured():
    rendered = JSONRenderer().render({"a": 1}, "application/json; indent=2")
    assert rendered == b'{\n  "a": 1\n}'


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/api/v1/quotes/", "/api/v1/quotes/?q=hostages", "/api/v1/people/?q=netanyahu"],
)
def test_api_pages_of_the_seed_read_as_drf_would_write_them(api, seed, url):
    response = api.get(url)
    assert response.status_code == 200
    assert response.content == DRF.render(response.data)


@pytest.mark.django_db
def test_api_responses_and_etags_are_written_by_orjson(api, monkeypatch):
    written = []

    def dumps(data, **options):
        written.append(data)
        return orjson_dumps(data, **options)

    orjson_dumps = orjson.dumps
    monkeypatch.setattr(orjson, "dumps", dumps)
    quote = QuoteFactory()
    response = api.get(f"/api/v1/quotes/{quote.pk}/")
    assert response.status_code == 200
    assert len(written) == 2  # the ETag's digest and the response
