"""The curators' admin for people, organizations, their aliases and their roles.

Every changelist reads its rows in a fixed number of queries: related objects are joined
(``list_select_related``), per-row collections are prefetched and counts are annotated.
"""

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from simple_history.admin import SimpleHistoryAdmin

from . import merging
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
        # Each row is labelled "person: role, organization".
        return super().get_queryset(request).select_related("person", "organization")


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
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
    actions = ["merge_people"]

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
        return "; ".join(f"{role.role}, {role.organization}" for role in roles) or "—"

    @admin.display(description="quotes", ordering="quote_total")
    def quote_count(self, person):
        return getattr(person, "quote_total", None)

    def has_merge_permission(self, request):
        return request.user.has_perms(["actors.change_person", "actors.delete_person"])

    @admin.action(
        description="Merge the selected people (entered twice) into one", permissions=["merge"]
    )
    def merge_people(self, request, queryset):
        people = list(
            queryset.annotate(
                quote_total=Count("quotes", distinct=True),
                role_total=Count("affiliations", distinct=True),
            ).order_by("-quote_total", "pk")
        )
        if len(people) < 2:
            self.message_user(request, "Select at least two people to merge.", messages.WARNING)
            return None
        chosen = request.POST.get("survivor")
        if chosen is None:
            context = {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "people": people,
                "title": "Merge people",
            }
            return TemplateResponse(request, "admin/actors/person/merge.html", context)
        survivor = next((p for p in people if str(p.pk) == chosen), None)
        if survivor is None:
            self.message_user(request, "Choose one of the selected people to keep.", messages.ERROR)
            return None
        with transaction.atomic():
            for duplicate in people:
                if duplicate.pk != survivor.pk:
                    survivor = merging.merge_people(survivor, duplicate, user=request.user)
        merged = len(people) - 1
        noun = "person" if merged == 1 else "people"
        self.message_user(
            request, f"Merged {merged} {noun} into {survivor.name}.", messages.SUCCESS
        )
        return None


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
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
class AliasAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "person", "organization"]
    list_filter = ["kind"]
    list_select_related = ["person", "organization"]
    search_fields = [*NAME_SEARCH, "person__name__unaccent", "organization__name__unaccent"]
    autocomplete_fields = ["person", "organization"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(Affiliation)
class AffiliationAdmin(SimpleHistoryAdmin):
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
