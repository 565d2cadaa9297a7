"""The base view sets: list and detail filtered by a FilterSet and paginated, and writes.

A write is validated by the model (``serializers.ModelCleanSerializer``) and answers with the
resource's read representation. Detail responses carry an ``ETag``; ``PUT``/``PATCH``/``DELETE``
with an ``If-Match`` that no longer matches answer 412 and change nothing. The row is locked
from that check to the write, so two curators cannot both pass it. A deletion that other rows
still depend on answers 409.
"""

import hashlib

from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from drf_spectacular.utils import OpenApiParameter
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import APIException, NotFound
from rest_framework.response import Response

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


# A resource's list and detail; ``WritableModelMixin`` adds its writes. Subclasses declare
# ``queryset`` (with every select_related and prefetch_related its serializer needs),
# ``serializer_class`` and ``filterset_class``; ``detail_serializer_class`` when the detail says
# more. Their docstring is the schema's description of their operations (so this class has
# none: drf-spectacular would show it for a subclass without one).
class ResourceViewSet(viewsets.ReadOnlyModelViewSet):
    # Any path segment reaches the view, so a malformed id answers the API's JSON 404.
    lookup_value_regex = "[^/]+"

    def get_serializer_class(self):
        if self.action == "retrieve" and getattr(self, "detail_serializer_class", None):
            return self.detail_serializer_class
        return super().get_serializer_class()

    def filter_queryset(self, queryset):
        # Query parameters select lists. A detail (and a write to it) is found by its URL alone,
        # so it does not pay for building the FilterSet's form on every request.
        if self.detail:
            return queryset
        return super().filter_queryset(queryset)

    def representation(self, instance):
        serializer_class = getattr(self, "detail_serializer_class", None) or self.serializer_class
        return serializer_class(instance, context=self.get_serializer_context()).data

    def retrieve(self, request, *args, **kwargs):
        # The ETag is what If-Match is compared with when the resource is written.
        data = self.representation(self.get_object())
        return Response(data, headers={"ETag": etag_of(data)})


class WritableModelMixin(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin
):
    """Create, update and delete for a ``ResourceViewSet``.

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


class ListViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    # List only, for the small reference tables.
    pass


class SlugLookupMixin:
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"


SLUG_PATH_PARAMETER = OpenApiParameter(
    "slug",
    str,
    OpenApiParameter.PATH,
    description="The parent's slug.",
    pattern="^[-a-zA-Z0-9_]+$",
)


class NestedListMixin:
    """Lists under a parent (``people/{slug}/quotes/``): 404 when the parent does not exist.

    The FilterSet reads the parent's slug from the URL; the schema gets it from
    ``SLUG_PATH_PARAMETER``.
    """

    parent_model = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not self.parent_model.objects.filter(slug=kwargs["slug"]).exists():
            raise NotFound(f"No {self.parent_model._meta.verbose_name} with this slug.")
