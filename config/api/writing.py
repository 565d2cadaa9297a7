"""Writes through the API: model validation, conditional requests and refused deletions.

A write is validated by the model itself (``full_clean``: fields, ``clean()``, constraints,
uniqueness), exactly as the admin validates it, and answers with the resource's read
representation. Detail responses carry an ``ETag``; ``PUT``/``PATCH``/``DELETE`` with an
``If-Match`` that no longer matches answer 412 and change nothing. The row is locked from that
check to the write, so two curators cannot both pass it.
"""

import copy
import hashlib

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.text import slugify
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, status
from rest_framework.exceptions import APIException
from rest_framework.response import Response
from rest_framework.settings import api_settings

from .filters import SLUG_PATTERN, slug_validator
from .renderers import JSONRenderer


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = (
        "The resource changed since you read it (If-Match does not match its ETag). "
        "Fetch it again and reapply your change."
    )
    default_code = "precondition_failed"


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def etag_of(representation) -> str:
    digest = hashlib.sha256(JSONRenderer().render(representation)).hexdigest()
    return f'"{digest[:32]}"'


def _matches(if_match: str, etag: str) -> bool:
    tags = {tag.strip().removeprefix("W/") for tag in if_match.split(",")}
    return "*" in tags or etag in tags


def describe_dependents(error: ProtectedError | RestrictedError) -> str:
    if isinstance(error, ProtectedError):
        dependents = error.protected_objects
    else:
        dependents = error.restricted_objects
    counts: dict[type, int] = {}
    for obj in dependents:
        counts[type(obj)] = counts.get(type(obj), 0) + 1
    listed = ", ".join(
        f"{count} {model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural}"
        for model, count in sorted(counts.items(), key=lambda item: item[0]._meta.label)
    )
    return f"It is still referenced by {listed}: reassign or delete them first."


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


class WritableModelMixin(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin
):
    """Create, update and delete for a ``ReadOnlyViewSet``.

    Declare ``write_serializer_class`` (a ``ModelCleanSerializer``); responses use the detail
    serializer, so a client reads back exactly what ``GET`` would answer.
    """

    write_serializer_class = None
    # Every write to one resource, custom actions included: the row is locked from the
    # If-Match check to the write.
    locking_actions = {"update", "partial_update", "destroy", "review"}

    def get_serializer_class(self):
        if self.action in {"create", "update", "partial_update"}:
            return self.write_serializer_class
        return super().get_serializer_class()

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action in self.locking_actions:
            queryset = queryset.select_for_update(of=("self",))
        return queryset

    def reread(self, instance):
        """The saved instance as a GET would load it (every relation the serializer reads)."""
        action, self.action = self.action, "retrieve"
        try:
            return self.get_queryset().get(pk=instance.pk)
        finally:
            self.action = action

    def detail_response(self, instance, status_code=status.HTTP_200_OK):
        data = self.representation(self.reread(instance))
        return Response(data, status=status_code, headers={"ETag": etag_of(data)})

    def check_if_match(self, instance):
        if_match = self.request.headers.get("If-Match")
        if if_match and not _matches(if_match, etag_of(self.representation(instance))):
            raise PreconditionFailed()

    # writes

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            instance = self.perform_create(serializer)
        return self.detail_response(instance, status.HTTP_201_CREATED)

    def perform_create(self, serializer):
        return serializer.save()

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        with transaction.atomic():
            instance = self.get_object()
            self.check_if_match(instance)
            serializer = self.get_serializer(instance, data=request.data, partial=partial)
            serializer.is_valid(raise_exception=True)
            instance = self.perform_update(serializer)
        return self.detail_response(instance)

    def perform_update(self, serializer):
        return serializer.save()

    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            instance = self.get_object()
            self.check_if_match(instance)
            self.perform_destroy(instance)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def perform_destroy(self, instance):
        try:
            with transaction.atomic():
                instance.delete()
        except (ProtectedError, RestrictedError) as error:
            label = instance._meta.verbose_name
            raise Conflict(
                f"This {label} cannot be deleted. {describe_dependents(error)}"
            ) from error
