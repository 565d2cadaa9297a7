from django.db import transaction
from django.db.models import F, Prefetch
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.decorators import action

from actors import merging, selectors
from actors.filtersets import (
    AffiliationFilterSet,
    AliasFilterSet,
    OrganizationFilterSet,
    OrganizationMemberFilterSet,
    PersonFilterSet,
)
from actors.models import Affiliation, Alias, Organization, Person, PersonRedirect
from config.api.history import HistoryMixin
from config.api.permissions import CanMergePeople
from config.api.viewsets import (
    SLUG_PATH_PARAMETER,
    ListViewSet,
    NestedListMixin,
    ResourceViewSet,
    SlugLookupMixin,
    WritableModelMixin,
)

from .serializers import (
    AffiliationSerializer,
    AffiliationWriteSerializer,
    AliasSerializer,
    AliasWriteSerializer,
    OrganizationDetailSerializer,
    OrganizationSerializer,
    OrganizationWriteSerializer,
    PersonDetailSerializer,
    PersonMergeSerializer,
    PersonSerializer,
    PersonWriteSerializer,
)

NEWEST_ROLE_FIRST = (F("start_date").desc(nulls_last=True), "-id")


# The queryset's prefetches serve the detail: a list row reads none of them. (No docstring:
# drf-spectacular would show it for a view set without its own.)
class DetailPrefetchesMixin:
    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list":
            queryset = queryset.prefetch_related(None)
        return queryset


class PersonViewSet(
    DetailPrefetchesMixin, SlugLookupMixin, HistoryMixin, WritableModelMixin, ResourceViewSet
):
    """People who are quoted; the detail adds their current and past roles.

    A person merged into another answers 301 at their old slug.
    """

    queryset = (
        selectors.with_alias_names(Person.objects.all())
        .prefetch_related(
            Prefetch(
                "affiliations",
                queryset=Affiliation.objects.select_related("organization").order_by(
                    *NEWEST_ROLE_FIRST
                ),
            ),
        )
        .order_by("sort_name", "id")
    )
    serializer_class = PersonSerializer
    detail_serializer_class = PersonDetailSerializer
    write_serializer_class = PersonWriteSerializer
    filterset_class = PersonFilterSet

    @extend_schema(
        summary="A person, with their roles",
        responses={
            200: PersonDetailSerializer,
            301: OpenApiResponse(description="Merged into another person: see `Location`."),
        },
    )
    def retrieve(self, request, *args, **kwargs):
        try:
            return super().retrieve(request, *args, **kwargs)
        except Http404:
            redirect = PersonRedirect.objects.filter(old_slug=kwargs["slug"]).select_related(
                "person"
            )
            if not (redirect := redirect.first()):
                raise
            return HttpResponsePermanentRedirect(
                reverse("api:person-detail", kwargs={"slug": redirect.person.slug})
            )

    @extend_schema(
        summary="Merge a duplicate into this person",
        description="Quotes, roles and aliases of `duplicate` move to this person in one "
        "transaction; the duplicate's name becomes an alias, its slug answers 301 here, and "
        "the merge is recorded in the history. Needs the change and delete person permissions. "
        "Honours `If-Match` (the survivor's `ETag`).",
        request=PersonMergeSerializer,
        responses={200: PersonDetailSerializer},
    )
    @action(detail=True, methods=["post"], permission_classes=[CanMergePeople])
    def merge(self, request, slug=None):
        survivor = self.get_object()
        serializer = PersonMergeSerializer(data=request.data, context={"survivor": survivor})
        serializer.is_valid(raise_exception=True)
        duplicate = serializer.validated_data["duplicate"]
        with transaction.atomic():
            merging.lock_pair(survivor, duplicate)
            self.check_if_match(self.get_queryset().get(pk=survivor.pk))
            merged = merging.merge_people(survivor, duplicate, user=request.user)
        return self.detail_response(merged)


class OrganizationViewSet(
    DetailPrefetchesMixin, SlugLookupMixin, HistoryMixin, WritableModelMixin, ResourceViewSet
):
    """Organizations: governments, ministries, armed groups, agencies.

    The detail adds the organizations directly below.
    """

    queryset = (
        selectors.with_alias_names(Organization.objects.select_related("parent"))
        .prefetch_related(Prefetch("children", Organization.objects.order_by("name")))
        .order_by("name", "id")
    )
    serializer_class = OrganizationSerializer
    detail_serializer_class = OrganizationDetailSerializer
    write_serializer_class = OrganizationWriteSerializer
    filterset_class = OrganizationFilterSet


AFFILIATIONS = Affiliation.objects.select_related("person", "organization").order_by(
    *NEWEST_ROLE_FIRST
)


class AffiliationViewSet(HistoryMixin, WritableModelMixin, ResourceViewSet):
    """Who held which role in which organization, and when."""

    queryset = AFFILIATIONS
    serializer_class = AffiliationSerializer
    write_serializer_class = AffiliationWriteSerializer
    filterset_class = AffiliationFilterSet


class AliasViewSet(HistoryMixin, WritableModelMixin, ResourceViewSet):
    """Other names of people and organizations: surnames, transliterations, former names."""

    queryset = Alias.objects.select_related("person", "organization").order_by("name", "id")
    serializer_class = AliasSerializer
    write_serializer_class = AliasWriteSerializer
    filterset_class = AliasFilterSet


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
