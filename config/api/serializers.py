"""The base of the read serializers."""

import copy

from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject


# ModelSerializer inspects the model (field types, lengths, choices, validators) every time it
# is instantiated, and a response instantiates several (each nested serializer, each role list
# of a person), a large part of a quote detail's time. The fields of a read serializer depend on its
# class alone, so they are built once and copied for each instance, the way DRF copies declared
# fields.
#
# Representing an object does not even need the copies: a field turns a value into JSON without
# changing itself, so every instance of a class reads through one set of bound fields, and a
# list does not pay for a copy per row. Two consequences: a method field is called on the
# serializer being represented, not on the field's parent; and a nested field never sees the
# request's context, so read serializers keep their fields context-free (no hyperlinks).
#
# A response always carries every field (null where it may be null), so the fields made from
# the model are required: the schema's components then say so, and generated clients do not
# type them `T | undefined`. (Read-only would say it too, but drops what a field allows, such
# as a blank URL.) Read serializers never validate input.
# (No docstring: drf-spectacular would describe every schema component with it.)
class ReadModelSerializer(serializers.ModelSerializer):
    def include_extra_kwargs(self, kwargs, extra_kwargs):
        kwargs = super().include_extra_kwargs(kwargs, extra_kwargs)
        if not kwargs.get("read_only"):
            kwargs.pop("default", None)
            kwargs["required"] = True
        return kwargs

    def get_fields(self):
        cls = type(self)
        fields = cls.__dict__.get("_fields_built_once")
        if fields is None:
            fields = super().get_fields()
            cls._fields_built_once = fields
        return copy.deepcopy(fields)

    @classmethod
    def _shared_readable_fields(cls):
        fields = cls.__dict__.get("_readable_fields_shared")
        if fields is None:
            fields = [field for field in cls().fields.values() if not field.write_only]
            cls._readable_fields_shared = fields
        return fields

    def to_representation(self, instance):
        # Serializer.to_representation, over the shared fields.
        representation = {}
        for field in self._shared_readable_fields():
            if isinstance(field, serializers.SerializerMethodField):
                representation[field.field_name] = getattr(self, field.method_name)(instance)
                continue
            try:
                attribute = field.get_attribute(instance)
            except SkipField:
                continue
            is_none = (attribute.pk if isinstance(attribute, PKOnlyObject) else attribute) is None
            representation[field.field_name] = (
                None if is_none else field.to_representation(attribute)
            )
        return representation
