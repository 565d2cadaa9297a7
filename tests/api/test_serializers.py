"""Read serializers: fields worked out from the model once per class, copied per instance, and
shared by every representation."""

import pytest
from rest_framework import serializers

from actors.api.serializers import PersonSerializer
from actors.models import Person
from config.api.serializers import ReadModelSerializer
from quotes.api.serializers import QuoteDetailSerializer, QuoteListSerializer
from quotes.models import Quote
from tests.factories import (
    AffiliationFactory,
    OrganizationFactory,
    PersonFactory,
    QuoteFactory,
    TopicFactory,
)


def test_a_read_serializer_inspects_its_model_once(monkeypatch):
    monkeypatch.delattr(PersonSerializer, "_fields_built_once", raising=False)
    built = []
    build_field = serializers.ModelSerializer.build_field

    def counting_build_field(self, *args, **kwargs):
        built.append(args[0])
        return build_field(self, *args, **kwargs)

    monkeypatch.setattr(serializers.ModelSerializer, "build_field", counting_build_field)
    first = list(PersonSerializer().fields)
    built_by_the_first = len(built)
    second = list(PersonSerializer().fields)
    assert first == second
    assert built_by_the_first > 0
    assert len(built) == built_by_the_first


def test_each_instance_has_fields_of_its_own():
    first, second = PersonSerializer(), PersonSerializer()
    assert first.fields["name"] is not second.fields["name"]
    assert first.fields["name"].parent is first
    assert second.fields["name"].parent is second


def _quotes_with_every_relation_and_none():
    speaker = PersonFactory()
    by_person = QuoteFactory(speaker=speaker, affiliation=AffiliationFactory(person=speaker))
    by_person.topics.set(TopicFactory.create_batch(2))
    quotes = [
        by_person,
        QuoteFactory(speaker=None, speaking_organization=OrganizationFactory()),
        QuoteFactory(speaker=None, is_anonymous=True, source_organization=OrganizationFactory()),
        QuoteFactory(speaker=None, attribution="a witness"),
    ]
    return list(Quote.objects.with_relations().filter(pk__in=[quote.pk for quote in quotes]))


@pytest.mark.django_db
def test_a_representation_is_the_one_drf_builds():
    for quote in _quotes_with_every_relation_and_none():
        serializer = QuoteDetailSerializer(quote)
        drf_representation = serializers.ModelSerializer.to_representation(serializer, quote)
        assert serializer.data == drf_representation


@pytest.mark.django_db
def test_representing_objects_copies_no_fields(monkeypatch):
    quotes = _quotes_with_every_relation_and_none()
    QuoteListSerializer(quotes, many=True).data  # noqa: B018 (builds each class's fields once)
    copies = []
    get_fields = ReadModelSerializer.get_fields
    monkeypatch.setattr(
        ReadModelSerializer, "get_fields", lambda self: copies.append(self) or get_fields(self)
    )
    assert len(QuoteListSerializer(quotes, many=True).data) == 4
    assert copies == []


def test_a_method_field_is_called_on_the_serializer_being_represented():
    class ViewerSerializer(PersonSerializer):
        viewer = serializers.SerializerMethodField()

        class Meta(PersonSerializer.Meta):
            fields = ["name", "viewer"]

        def get_viewer(self, person):
            return self.context["viewer"]

    person = Person(name="Basem Naim")
    first = ViewerSerializer(person, context={"viewer": "first"}).data
    second = ViewerSerializer(person, context={"viewer": "second"}).data
    assert first["viewer"] == "first"
    assert second["viewer"] == "second"
