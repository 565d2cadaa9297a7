from django.db.models import F, Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view

from actors.filtersets import (
    AffiliationFilterSet,
    OrganizationFilterSet,
    OrganizationMemberFilterSet,
    PersonFilterSet,
)
from actors.models import Affiliation, Organization, Person
from config.api.viewsets import (
    SLUG_PATH_PARAMETER,
    ListViewSet,
    NestedListMixin,
    ReadOnlyViewSet,
    SlugLookupMixin,
)

from .serializers import (
    AffiliationSerializer,
    OrganizationDetailSerializer,
    OrganizationSerializer,
    PersonDetailSerializer,
    PersonSerializer,
)

NEWEST_ROLE_FIRST = (F("start_date").desc(nulls_last=True), "-id")


class PersonViewSet(SlugLookupMixin, ReadOnlyViewSet):
    """People who are quoted; the detail adds their current and past roles."""

    queryset = Person.objects.prefetch_related(
        "aliases",
        Prefetch(
            "affiliations",
            queryset=Affiliation.objects.select_related("organization").order_by(
                *NEWEST_ROLE_FIRST
            ),
        ),
    ).order_by("sort_name", "id")
    serializer_class = PersonSerializer
    detail_serializer_class = PersonDetailSerializer
    filterset_class = PersonFilterSet

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action != "retrieve":
            queryset = queryset.prefetch_related(None).prefetch_related("aliases")
        return queryset


class OrganizationViewSet(SlugLookupMixin, ReadOnlyViewSet):
    """Organizations: governments, ministries, armed groups, agencies.

    The detail adds the organizations directly below.
    """

    queryset = (
        Organization.objects.select_related("parent")
        .prefetch_related("aliases", Prefetch("children", Organization.objects.order_by("name")))
        .order_by("name", "id")
    )
    serializer_class = OrganizationSerializer
    detail_serializer_class = OrganizationDetailSerializer
    filterset_class = OrganizationFilterSet

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action != "retrieve":
            queryset = queryset.prefetch_related(None).prefetch_related("aliases")
        return queryset


AFFILIATIONS = Affiliation.objects.select_related("person", "organization").order_by(
    *NEWEST_ROLE_FIRST
)


class AffiliationViewSet(ListViewSet):
    """Who held which role in which organization, and when."""

    queryset = AFFILIATIONS
    serializer_class = AffiliationSerializer
    filterset_class = AffiliationFilterSet


@extend_schema_view(
    list=extend_schema(
        summary="An organization's members (affiliations)",
        description="Who held which role in the organization; `active_on=YYYY-MM-DD` answers "
        "'who was in it on that day', `include_sub_organizations=true` adds the bodies below "
        "it (ministries, offices).",
        parameters=[SLUG_PATH_PARAMETER],
    )
)
class OrganizationMemberViewSet(NestedListMixin, ListViewSet):
    """An organization's members: the roles held in it."""

    parent_model = Organization
    queryset = AFFILIATIONS
    serializer_class = AffiliationSerializer
    filterset_class = OrganizationMemberFilterSet
