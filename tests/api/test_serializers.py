"""Read serializers: fields worked out from the model once per class, copied per instance."""

from rest_framework import serializers

from actors.api.serializers import PersonSerializer


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
