"""The lean representations are the serializers' own, key for key (and so the same ETag)."""

import datetime

import pytest
from rest_framework.test import APIRequestFactory

from config.api.viewsets import etag_of
from quotes import representations
from quotes.api.serializers import QuoteDetailSerializer, QuoteListSerializer
from quotes.choices import QuoteKind, ReviewStatus
from quotes.models import Quote
from tests.factories import (
    AffiliationFactory,
    ArticleFactory,
    OrganizationFactory,
    PersonFactory,
    QuoteFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def varied_quotes(seed):
    """The seed, plus quotes with every optional part set or not."""
    article = ArticleFactory(body="“Aid must flow,” he said. “We will not stop,” she said.")
    person = PersonFactory()
    role = AffiliationFactory(
        person=person, start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2024, 1, 1)
    )
    confident = QuoteFactory(
        article=article,
        text="Aid must flow,",
        speaker=person,
        affiliation=role,
        said_on=datetime.date(2023, 12, 1),
        extractor_version="rules-1.10",
        extraction_confidence=0.75,
    )
    confident.topics.set([TopicFactory(name="b"), TopicFactory(name="a")])
    QuoteFactory(
        article=article,
        text="We will not stop,",
        speaker=None,
        speaking_organization=OrganizationFactory(),
        status=ReviewStatus.RETRACTED,
        retraction_reason="Misattributed.",
    )
    QuoteFactory(
        article=article,
        text="We will not stop,",
        speaker=None,
        is_anonymous=True,
        source_organization=OrganizationFactory(),
        attribution="an official",
        source_label="official 2",
        place="Cairo",
    )
    QuoteFactory(
        article=article,
        text="Aid must flow,",
        kind=QuoteKind.CLAIM,
        speaker=None,
        is_unattributed=True,
        attribution="",
        cue="it is expected",
    )
    return list(Quote.objects.with_relations().order_by("pk"))


def same(lean: dict, serialized) -> bool:
    """Equal key for key, in the same order (so the same ETag)."""
    return list(lean.items()) == list(serialized.items()) and etag_of(lean) == etag_of(serialized)


@pytest.mark.parametrize(
    "includes", [frozenset(), frozenset({"citation"}), frozenset({"context", "citation"})]
)
def test_a_list_row_is_the_list_serializers_representation(varied_quotes, includes):
    rows = representations.list_rows(Quote.objects.all(), [q.pk for q in varied_quotes], includes)
    serializer_class = QuoteListSerializer.including(includes)
    for quote in varied_quotes:
        assert same(rows[quote.pk], serializer_class(quote).data)


def test_a_detail_is_the_detail_serializers_representation(varied_quotes):
    request = APIRequestFactory().get("/")
    for quote in varied_quotes:
        expected = QuoteDetailSerializer(quote, context={"request": request}).data
        assert same(representations.detail(quote.pk, include_unreviewed=True), expected)


def test_a_list_row_is_read_only_when_the_queryset_holds_it(varied_quotes):
    ids = [quote.pk for quote in varied_quotes]
    rows = representations.list_rows(Quote.objects.filter(status=ReviewStatus.VERIFIED), ids)
    assert set(rows) == {q.pk for q in varied_quotes if q.status == ReviewStatus.VERIFIED}


def test_a_detail_of_an_unreviewed_quote_is_only_for_those_who_may_see_it(varied_quotes):
    retracted = next(q for q in varied_quotes if q.status == ReviewStatus.RETRACTED)
    assert representations.detail(retracted.pk, include_unreviewed=False) is None
    assert representations.detail(retracted.pk, include_unreviewed=True)["id"] == retracted.pk
