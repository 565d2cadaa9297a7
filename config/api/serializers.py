"""The base serializers: read serializers whose fields are built once, and write serializers
whose input the model validates, exactly as the admin validates it (``full_clean``: fields,
``clean()``, constraints, uniqueness)."""

import copy

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.text import slugify
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject
from rest_framework.settings import api_settings

from .filters import SLUG_PATTERN, slug_validator


# ModelSerializer inspects the model (field types, lengths, choices, validators) every time it
# is instantiated, and a response instantiates several (each nested serializer, each role list
# of a person): close to half of a quote detail's time. The fields of a read serializer depend
# on its class alone, so they are built once and copied for each instance, the way DRF copies
# declared fields.
#
# Representing an object does not even need the copies: a field turns a value into JSON without
# changing itself, so every instance of a class reads through one set of bound fields rather
# than copying them for each row of a list. Two consequences: a method field is called on the
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


@extend_schema_field({"type": "string", "pattern": SLUG_PATTERN})
class SlugReference(serializers.SlugRelatedField):
    """A reference by slug; anything that cannot be a slug is refused before the lookup."""

    def __init__(self, queryset, **kwargs):
        super().__init__(slug_field="slug", queryset=queryset, **kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str) or not slug_validator.regex.match(data):
            self.fail("invalid")
        return super().to_internal_value(data)


def _longer_than(field: serializers.CharField, value) -> bool:
    return isinstance(value, str) and field.max_length is not None and len(value) > field.max_length


class StrictInputMixin:
    """Input exactly as the schema describes it: DRF would otherwise turn ``12`` into the text
    "12", read ``""`` as no reference, and drop fields it does not know."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            errors = {}
            for name in sorted(data):
                field = self.fields.get(name)
                value = data[name]
                if field is None or field.read_only:
                    errors[name] = ["Not a writable field."]
                elif isinstance(field, serializers.CharField) and not (
                    isinstance(value, str) or (value is None and field.allow_null)
                ):
                    errors[name] = ["Must be a string."]
                elif isinstance(field, serializers.RelatedField) and value == "":
                    errors[name] = ["Must not be empty: send null for none."]
                elif isinstance(field, serializers.CharField) and _longer_than(field, value):
                    # Counted as sent, before DRF trims the ends: the schema's maxLength is
                    # the limit on the request, as the article import counts it.
                    message = field.error_messages["max_length"]
                    errors[name] = [message.format(max_length=field.max_length)]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


class ModelCleanSerializer(StrictInputMixin, serializers.ModelSerializer):
    """A write serializer whose input the model validates (one set of rules with the admin).

    Subclasses name their writable fields explicitly; nothing else can be assigned.
    """

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        candidate = copy.copy(self.instance) if self.instance is not None else model()
        many_to_many = {field.name for field in model._meta.many_to_many}
        for name, value in attrs.items():
            if name not in many_to_many:
                setattr(candidate, name, value)
        self.prepare_candidate(candidate, attrs)
        try:
            candidate.full_clean(exclude=many_to_many)
        except DjangoValidationError as error:
            raise DjangoValidationError(self._field_names(error)) from error
        return attrs

    def _field_names(self, error: DjangoValidationError) -> dict:
        """The model's errors under the serializer's field names (``affiliation`` -> ``role``);
        DRF answers them as any validation error."""
        names = {field.source: name for name, field in self.fields.items()}
        names[NON_FIELD_ERRORS] = api_settings.NON_FIELD_ERRORS_KEY
        return {
            names.get(key, key): value
            for key, value in serializers.as_serializer_error(error).items()
        }

    def prepare_candidate(self, candidate, attrs):
        """Hook: derive what the model needs before validation (e.g. a slug)."""


class SluggedWriteSerializer(ModelCleanSerializer):
    """``slug`` may be left out: it is made from the name (a taken slug is a 400)."""

    def prepare_candidate(self, candidate, attrs):
        if not candidate.slug:
            candidate.slug = attrs["slug"] = slugify(candidate.name)[:200]
