"""Read-side queries on people and organizations, shared by the API and the filters."""

import datetime

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import OuterRef, QuerySet

from .models import Affiliation, Alias, Organization
from .name_search import NameSimilarity, RelatedCount, matching_name_ids


def organization_ids(slugs, *, include_descendants: bool = False) -> list[int]:
    """Ids of the organizations with these slugs, and of every organization below them."""
    if not include_descendants:
        return list(Organization.objects.filter(slug__in=slugs).values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH RECURSIVE tree(id) AS (
                SELECT id FROM actors_organization WHERE slug = ANY(%s)
                UNION SELECT o.id FROM actors_organization o JOIN tree t ON o.parent_id = t.id
            ) SELECT id FROM tree
            """,
            [list(slugs)],
        )
        return [row[0] for row in cursor.fetchall()]


def with_alias_names(queryset: QuerySet) -> QuerySet:
    """People or organizations, each with its aliases' names as ``alias_names``, by name: one
    array per row built by PostgreSQL, where a prefetch made a query and an Alias per name."""
    owner = queryset.model._meta.model_name  # the alias's foreign key: person or organization
    names = Alias.objects.filter(**{owner: OuterRef("pk")}).order_by("name").values("name")
    return queryset.annotate(alias_names=ArraySubquery(names))


def search_by_name(
    queryset: QuerySet, text: str, alias_field: str, *, then_by_count_of: str = ""
) -> QuerySet:
    """Fuzzy, accent-insensitive, alias-aware name search ranked by trigram word similarity.

    Both the name and the alias branch use the trigram GIN indexes on ``folded(name)``
    (``%>``: the query matches some extent of the name). ``alias_field`` is the alias's foreign
    key to the searched model ("person" or "organization"). Equal matches (every Clinton
    matches 'clinton' fully) come most-cited first when ``then_by_count_of`` names a reverse
    relation to count ("quotes"), then by name.
    """
    queryset = queryset.filter(
        pk__in=matching_name_ids(queryset.model, alias_field, text)
    ).annotate(search_score=NameSimilarity(text, alias_field))
    if not then_by_count_of:
        return queryset.order_by("-search_score", "name", "pk")
    return queryset.annotate(search_count=RelatedCount(queryset.model, then_by_count_of)).order_by(
        "-search_score", "-search_count", "name", "pk"
    )


def matching_affiliations(
    *,
    organization_ids: list[int] | None = None,
    role: str | None = None,
    active_on: datetime.date | None = None,
) -> QuerySet:
    affiliations = Affiliation.objects.all()
    if organization_ids is not None:
        affiliations = affiliations.filter(organization_id__in=organization_ids)
    if role:
        affiliations = affiliations.filter(role__icontains=role)
    if active_on is not None:
        affiliations = affiliations.active_on(active_on)
    return affiliations


def split_affiliations(affiliations, today: datetime.date | None = None):
    """(current, past): current ones have not ended by ``today``; newest first in both."""
    today = today or datetime.date.today()
    current, past = [], []
    for affiliation in affiliations:
        ended = affiliation.end_date is not None and affiliation.end_date < today
        (past if ended else current).append(affiliation)
    return current, past
