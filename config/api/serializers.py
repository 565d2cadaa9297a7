"""The base of the read serializers."""

import copy

from rest_framework import serializers


# ModelSerializer inspects the model (field types, lengths, choices, validators) every time it
# is instantiated, and a response instantiates several (each nested serializer, each role list
# of a person): 2.2 ms of a 4.8 ms quote detail. The fields of a read serializer depend on its
# class alone, so they are built once and copied for each instance, the way DRF copies declared
# fields. (No docstring: drf-spectacular would describe every schema component with it.)
class ReadModelSerializer(serializers.ModelSerializer):
    def get_fields(self):
        cls = type(self)
        fields = cls.__dict__.get("_fields_built_once")
        if fields is None:
            fields = super().get_fields()
            cls._fields_built_once = fields
        return copy.deepcopy(fields)
