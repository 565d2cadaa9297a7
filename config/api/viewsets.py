"""The base view sets: read-only, filtered by a FilterSet, paginated, one error format."""

from drf_spectacular.utils import OpenApiParameter
from rest_framework import mixins, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from .writing import etag_of


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    # Any path segment reaches the view, so a malformed id answers the API's JSON 404.
    lookup_value_regex = "[^/]+"

    # List and detail. Subclasses declare ``queryset`` (with every select_related and
    # prefetch_related its serializer needs), ``serializer_class`` and ``filterset_class``;
    # ``detail_serializer_class`` when the detail says more. Their docstring is the schema's
    # description of their operations.

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
