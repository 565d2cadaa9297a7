"""FilterSets for people, organizations and affiliations (query parameters of the API)."""

from django.db.models import Exists, OuterRef

from config.api.filters import (
    ChoiceFilter,
    DateFilter,
    FilterSet,
    SlugsFilter,
    StrictBooleanFilter,
    TextFilter,
)

from . import selectors
from .choices import OrganizationClassification
from .models import Affiliation, Alias, Organization, Person

INCLUDE_SUB_HELP = "With `organization`: also the organizations below it (e.g. its ministries)."


class OrganizationScopedFilterSet(FilterSet):
    """``organization`` (repeatable slug) with the ``include_sub_organizations`` switch."""

    organization = SlugsFilter(
        method="filter_nothing", help_text="Organization slug; repeat for several."
    )
    include_sub_organizations = StrictBooleanFilter(
        method="filter_nothing", help_text=INCLUDE_SUB_HELP
    )

    def filter_nothing(self, queryset, name, value):
        return queryset  # applied together in filter_queryset

    def scope_slugs(self) -> list[str]:
        """Organization slugs fixed by the URL (``organizations/{slug}/...``); none here."""
        return []

    def scoped_organization_ids(self) -> list[int] | None:
        slugs = self.form.cleaned_data.get("organization") or self.scope_slugs()
        if not slugs:
            return None
        include = bool(self.form.cleaned_data.get("include_sub_organizations"))
        return selectors.organization_ids(slugs, include_descendants=include)


class PersonFilterSet(OrganizationScopedFilterSet):
    q = TextFilter(
        method="filter_nothing",
        help_text="Fuzzy name search: accent-insensitive, tolerant of misspellings and "
        "transliterations, and matching aliases ('bibi'); the closest names first, and among "
        "equally close ones the most quoted first ('clinton': Hillary Clinton before Bill).",
    )
    role = TextFilter(method="filter_nothing", help_text="Role held, e.g. 'Prime Minister'.")
    active_on = DateFilter(
        method="filter_nothing",
        help_text="Only people holding a (matching) role on this date.",
    )
    ordering = ChoiceFilter(
        method="filter_nothing",
        choices=[("name", "name"), ("-name", "-name")],
        help_text="Sort order; by default by sort name, or by relevance with `q`.",
    )

    class Meta:
        model = Person
        fields = []

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        org_ids = self.scoped_organization_ids()
        if org_ids is not None or data.get("role") or data.get("active_on"):
            held = selectors.matching_affiliations(
                organization_ids=org_ids, role=data.get("role"), active_on=data.get("active_on")
            ).filter(person=OuterRef("pk"))
            queryset = queryset.filter(Exists(held))
        if data.get("ordering"):
            sort = "sort_name" if data["ordering"] == "name" else "-sort_name"
            queryset = queryset.order_by(sort, "pk")
        if data.get("q"):
            queryset = selectors.search_by_name(
                queryset, data["q"], "person", then_by_count_of="quotes"
            )
            if data.get("ordering"):
                queryset = queryset.order_by(sort, "pk")
        return queryset


class OrganizationFilterSet(FilterSet):
    q = TextFilter(
        method="filter_q",
        help_text="Fuzzy name search over names and aliases ('IDF', 'Islamic Resistance "
        "Movement'), accent-insensitive, ranked by similarity.",
    )
    classification = ChoiceFilter(choices=OrganizationClassification.choices)
    parent = SlugsFilter(field_name="parent__slug", help_text="Parent organization slug.")
    country = TextFilter(lookup_expr="iexact", help_text="ISO 3166-1 alpha-2 code, e.g. IL.")

    class Meta:
        model = Organization
        fields = []

    def filter_q(self, queryset, name, value):
        return selectors.search_by_name(queryset, value, "organization")


class AffiliationFilterSet(OrganizationScopedFilterSet):
    person = SlugsFilter(field_name="person__slug", help_text="Person slug; repeatable.")
    role = TextFilter(field_name="role", lookup_expr="icontains", help_text="Role, any part.")
    active_on = DateFilter(
        method="filter_active_on", help_text="Only roles held on this date (who was in it on D)."
    )

    class Meta:
        model = Affiliation
        fields = []

    def filter_active_on(self, queryset, name, value):
        return queryset.active_on(value)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        org_ids = self.scoped_organization_ids()
        if org_ids is not None:
            queryset = queryset.filter(organization_id__in=org_ids)
        return queryset


class OrganizationMemberFilterSet(AffiliationFilterSet):
    """``organizations/{slug}/members/``: the organization comes from the URL."""

    organization = None

    def scope_slugs(self):
        return [self.request.parser_context["kwargs"]["slug"]]


class AliasFilterSet(FilterSet):
    person = SlugsFilter(field_name="person__slug", help_text="Person slug; repeatable.")
    organization = SlugsFilter(
        field_name="organization__slug", help_text="Organization slug; repeatable."
    )

    class Meta:
        model = Alias
        fields = []
