import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .choices import AliasKind, OrganizationClassification
from .name_search import trigram_name_index
from .validators import country_code_validator, wikidata_id_validator


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def _wikidata_field():
    return models.CharField(
        "Wikidata id", max_length=20, blank=True, validators=[wikidata_id_validator]
    )


# People


class Person(TimestampedModel):
    name = models.CharField(max_length=200, help_text="The name as usually printed.")
    sort_name = models.CharField(
        max_length=200, blank=True, help_text="How the name sorts, e.g. 'Netanyahu, Benjamin'."
    )
    slug = models.SlugField(max_length=200, unique=True)
    description = models.CharField(max_length=300, blank=True)
    wikidata_id = _wikidata_field()
    birth_date = models.DateField(null=True, blank=True)
    death_date = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_name", "name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                fields=["wikidata_id"],
                condition=~Q(wikidata_id=""),
                name="person_wikidata_id_unique",
                violation_error_message="Another person already has this Wikidata id.",
            ),
            models.CheckConstraint(
                condition=Q(death_date__isnull=True)
                | Q(birth_date__isnull=True)
                | Q(death_date__gte=models.F("birth_date")),
                name="person_death_after_birth",
                violation_error_message="The death date cannot be before the birth date.",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="person_name_not_empty"),
        ]
        indexes = [trigram_name_index("person_name_trgm")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.sort_name:
            self.sort_name = self.name
        super().save(*args, **kwargs)

    def role_on(self, date: datetime.date, organization=None):
        """The affiliation this person held on ``date`` (optionally within ``organization``)."""
        return Affiliation.objects.role_on(self, date, organization)


class PersonRedirect(models.Model):
    """The slug of a person merged into another: the old address answers with the survivor."""

    old_slug = models.SlugField(max_length=200, unique=True)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.old_slug} → {self.person.slug}"


# Organizations


class Organization(TimestampedModel):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    classification = models.CharField(
        max_length=40,
        choices=OrganizationClassification.choices,
        default=OrganizationClassification.OTHER,
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The body this one belongs to, e.g. the Mossad under the Government of Israel.",
    )
    country = models.CharField(
        max_length=2, blank=True, validators=[country_code_validator], help_text="ISO 3166-1."
    )
    wikidata_id = _wikidata_field()

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["wikidata_id"],
                condition=~Q(wikidata_id=""),
                name="organization_wikidata_id_unique",
                violation_error_message="Another organization already has this Wikidata id.",
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="organization_not_own_parent"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="organization_name_not_empty"),
        ]
        indexes = [trigram_name_index("organization_name_trgm")]

    def __str__(self):
        return self.name

    def clean(self):
        ancestor = self.parent
        # A cycle higher up (made outside the admin) must not hang validation.
        seen = set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError({"parent": "An organization cannot sit under itself."})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


# Aliases


class Alias(TimestampedModel):
    """Another name journalists use: a surname, a transliteration, a nickname, a former name."""

    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="aliases"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="aliases"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=AliasKind.choices, default=AliasKind.OTHER)

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "aliases"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, organization__isnull=True)
                | Q(person__isnull=True, organization__isnull=False),
                name="alias_of_exactly_one_actor",
                violation_error_message="An alias belongs to one person or one organization.",
            ),
            models.UniqueConstraint(fields=["person", "name"], name="alias_unique_per_person"),
            models.UniqueConstraint(
                fields=["organization", "name"], name="alias_unique_per_organization"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="alias_name_not_empty"),
        ]
        indexes = [trigram_name_index("alias_name_trgm")]

    def __str__(self):
        return self.name


# Affiliations


class AffiliationQuerySet(models.QuerySet):
    def active_on(self, date: datetime.date):
        """Affiliations held on ``date``; unknown start or end dates count as open."""
        return self.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=date),
            Q(end_date__isnull=True) | Q(end_date__gte=date),
        )

    def role_on(self, person, date: datetime.date, organization=None):
        """The one affiliation that answers "which role did ``person`` hold on ``date``".

        Among several concurrent roles the most recently started wins (a known start beats an
        unknown one); ``organization`` narrows the choice to roles in that body.
        """
        candidates = self.filter(person=person).active_on(date)
        if organization is not None:
            candidates = candidates.filter(organization=organization)
        return (
            candidates.select_related("organization")
            .order_by(models.F("start_date").desc(nulls_last=True), "-pk")
            .first()
        )


class Affiliation(TimestampedModel):
    """A membership in the Popolo sense: a person holding a role in an organization for a time."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="affiliations"
    )
    role = models.CharField(max_length=200, help_text='E.g. "Prime Minister".')
    start_date = models.DateField(null=True, blank=True, help_text="Blank when unknown.")
    end_date = models.DateField(null=True, blank=True, help_text="Blank while the role is held.")

    objects = AffiliationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", models.F("start_date").desc(nulls_last=True)]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="affiliation_ends_after_start",
                violation_error_message="An affiliation cannot end before it starts.",
            ),
            models.UniqueConstraint(
                fields=["person", "organization", "role", "start_date"],
                name="affiliation_unique",
                nulls_distinct=False,
                violation_error_message="This person already holds this role from this date.",
            ),
        ]
        indexes = [models.Index(fields=["organization", "start_date", "end_date"])]

    def __str__(self):
        return f"{self.person}: {self.role}, {self.organization}"
