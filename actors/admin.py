"""The curators' admin for people, organizations, their aliases and their roles.

Every changelist reads its rows in a fixed number of queries: related objects are joined
(``list_select_related``), per-row collections are prefetched and counts are annotated.
"""

from django.contrib import admin
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join

from .models import Affiliation, Alias, Organization, Person

# Accent-insensitive on the stored side: "Gallant" finds "Gallánt".
NAME_SEARCH = ["name__unaccent"]


class PersonAliasInline(admin.TabularInline):
    model = Alias
    fk_name = "person"
    fields = ["name", "kind"]
    extra = 0


class OrganizationAliasInline(PersonAliasInline):
    fk_name = "organization"


class PersonAffiliationInline(admin.TabularInline):
    model = Affiliation
    fk_name = "person"
    fields = ["role", "organization", "start_date", "end_date"]
    autocomplete_fields = ["organization"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization")


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "current_roles", "quote_count", "wikidata_id"]
    search_fields = [*NAME_SEARCH, "sort_name__unaccent", "aliases__name__unaccent", "=wikidata_id"]
    # People by the kind of body they hold roles in ("everyone in an armed group").
    list_filter = ["affiliations__organization__classification"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]
    fields = [
        "name",
        "sort_name",
        "slug",
        "description",
        "wikidata_id",
        ("birth_date", "death_date"),
        ("created_at", "updated_at"),
    ]
    inlines = [PersonAliasInline, PersonAffiliationInline]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if _is_changelist(request):
            current = Affiliation.objects.active_on(timezone.localdate()).select_related(
                "organization"
            )
            # A subquery, not Count("quotes"): the changelist's COUNT(*) then drops it instead of
            # grouping every person with every quote.
            quotes = Person._meta.get_field("quotes").related_model.objects.filter(
                speaker=OuterRef("pk")
            )
            quote_total = Subquery(
                quotes.order_by().values("speaker").annotate(total=Count("pk")).values("total")
            )
            queryset = queryset.annotate(quote_total=Coalesce(quote_total, 0)).prefetch_related(
                Prefetch("affiliations", queryset=current, to_attr="current_affiliations")
            )
        return queryset

    @admin.display(description="current roles")
    def current_roles(self, person):
        roles = getattr(person, "current_affiliations", None)
        if roles is None:
            roles = Affiliation.objects.active_on(timezone.localdate()).filter(person=person)
        return "; ".join(str(role) for role in roles) or "—"

    @admin.display(description="quotes", ordering="quote_total")
    def quote_count(self, person):
        return getattr(person, "quote_total", None)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "classification", "parent", "country", "wikidata_id"]
    list_filter = ["classification", "country"]
    list_select_related = ["parent"]
    search_fields = [*NAME_SEARCH, "aliases__name__unaccent", "=wikidata_id"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["child_organizations", "created_at", "updated_at"]
    fields = [
        "name",
        "slug",
        "classification",
        "parent",
        "country",
        "wikidata_id",
        "child_organizations",
        ("created_at", "updated_at"),
    ]
    inlines = [OrganizationAliasInline]

    @admin.display(description="child organizations")
    def child_organizations(self, organization):
        if organization.pk is None:
            return "—"
        children = organization.children.order_by("name").only("pk", "name")
        links = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            (
                (reverse("admin:actors_organization_change", args=[child.pk]), child.name)
                for child in children
            ),
        )
        return links or "—"


@admin.register(Alias)
class AliasAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "person", "organization"]
    list_filter = ["kind"]
    list_select_related = ["person", "organization"]
    search_fields = [*NAME_SEARCH, "person__name__unaccent", "organization__name__unaccent"]
    autocomplete_fields = ["person", "organization"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(Affiliation)
class AffiliationAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "organization", "start_date", "end_date"]
    list_filter = [
        "organization__classification",
        ("start_date", admin.DateFieldListFilter),
        ("end_date", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["person", "organization"]
    search_fields = ["person__name__unaccent", "role", "organization__name__unaccent"]
    autocomplete_fields = ["person", "organization"]
    readonly_fields = ["created_at", "updated_at"]

    def get_queryset(self, request):
        # Here rather than only in list_select_related: the change page's title and the
        # "role, organization" options of the autocomplete need the joins too.
        return super().get_queryset(request).select_related(*self.list_select_related)


def _is_changelist(request) -> bool:
    """Annotations and prefetches serve the list page only, not the forms or autocompletes."""
    match = getattr(request, "resolver_match", None)
    return bool(match and match.url_name and match.url_name.endswith("_changelist"))
