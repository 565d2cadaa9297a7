from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from simple_history.models import HistoricalRecords

from actors.models import Affiliation, Organization, Person, TimestampedModel

from . import verbatim
from .choices import Channel, Problem, QuoteKind, ReviewStatus


class Publisher(TimestampedModel):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Topic(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Article(TimestampedModel):
    publisher = models.ForeignKey(Publisher, on_delete=models.PROTECT, related_name="articles")
    title = models.CharField(max_length=500)
    url = models.URLField("canonical URL", max_length=1000, blank=True)
    published_on = models.DateField()
    authors = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    language = models.CharField(max_length=10, default="en")
    body = models.TextField(blank=True, help_text="The full text the quotes are taken from.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["url"],
                condition=~Q(url=""),
                name="article_url_unique",
                violation_error_message="An article with this canonical URL already exists.",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="article_title_not_empty"),
        ]
        indexes = [
            models.Index(fields=["publisher", "-published_on"]),
            # The admin's language filters list the languages in use on every page: read from
            # this small index, not from every article row.
            models.Index(fields=["language"], name="article_language"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        # Quotes are spans of the body: changing it under them would break their offsets.
        if self.pk is not None and self.quotes.exists():
            stored_body = Article.objects.filter(pk=self.pk).values_list("body", flat=True).first()
            if stored_body is not None and stored_body != self.body:
                raise ValidationError(
                    {
                        "body": "The body cannot change once quotes are taken from it: delete or "
                        "move its quotes first."
                    }
                )


# The related rows a quote's API representation shows, as JSON built by PostgreSQL. Their SQL
# is written out rather than composed from Subquery, ArraySubquery and JSONObject: composed,
# building and compiling them cost more CPU than PostgreSQL spent running a page. The keys are
# each quote's own columns, so the expressions follow table aliases.
_ORGANIZATION_JSON = "jsonb_build_object('id', o.id, 'name', o.name, 'slug', o.slug)"


class _RelatedJson(models.Func):
    """``template``, SQL giving JSON, applied to the quote's ``field`` (``%(expressions)s``)."""

    output_field = models.JSONField()

    def __init__(self, template: str, field: str, **extra):
        super().__init__(models.F(field), template=template, **extra)


def _organization_ref(field: str) -> _RelatedJson:
    """The organization a quote's ``field`` points to, as ``{"id", "name", "slug"}``."""
    return _RelatedJson(
        f"(SELECT {_ORGANIZATION_JSON} FROM actors_organization o WHERE o.id = %(expressions)s)",
        field,
    )


def _role_ref() -> _RelatedJson:
    """The quote's affiliation as ``{"role", "organization", "start_date", "end_date"}``."""
    return _RelatedJson(
        "(SELECT jsonb_build_object('role', a.role, 'organization', "
        f"{_ORGANIZATION_JSON}, 'start_date', a.start_date, 'end_date', a.end_date)"
        " FROM actors_affiliation a JOIN actors_organization o ON o.id = a.organization_id"
        " WHERE a.id = %(expressions)s)",
        "affiliation",
    )


def _topic_refs() -> _RelatedJson:
    """The quote's topics as ``[{"id", "name", "slug"}, ...]`` by name."""
    return _RelatedJson(
        "ARRAY(SELECT jsonb_build_object('id', t.id, 'name', t.name, 'slug', t.slug)"
        " FROM quotes_topic t JOIN quotes_quote_topics qt ON qt.topic_id = t.id"
        " WHERE qt.quote_id = %(expressions)s ORDER BY t.name)",
        "pk",
        output_field=ArrayField(models.JSONField()),
    )


def sees_unreviewed(user) -> bool:
    """Staff and editors see drafts and retractions too; everyone sees verified quotes."""
    return user is not None and (
        user.is_staff or user.has_perm("quotes.view_quote") or user.has_perm("quotes.change_quote")
    )


class QuoteQuerySet(models.QuerySet):
    # A search (quotes.filtersets): its text, which the page's highlights mark, and its
    # ranking by the index (quotes.search.Ranking), by which the pagination pages.
    search_text = ""
    search_ranking = None

    def _clone(self):
        clone = super()._clone()
        clone.search_text = self.search_text
        clone.search_ranking = self.search_ranking
        return clone

    def searched(self, text: str, ranking=None):
        clone = self._chain()
        clone.search_text = text
        clone.search_ranking = ranking
        return clone

    def visible_to(self, user):
        """Verified quotes for everyone; drafts and retractions for staff and editors too."""
        if sees_unreviewed(user):
            return self
        return self.filter(status=ReviewStatus.VERIFIED)

    def with_relations(self):
        """Everything a quote's API representation shows, in one query.

        Article, publisher and speaker are joined. The organizations, the role and the topics
        come with each row as JSON built by PostgreSQL (``speaking_organization_ref``,
        ``source_organization_ref``, ``role_ref``, ``topic_refs``): planning time grows steeply
        with the number of joined tables, while a subquery is planned on its own; and
        prefetching would make a query and model instances per relation.
        """
        return (
            self.select_related("article__publisher", "speaker")
            .with_topic_refs()
            .annotate(
                speaking_organization_ref=_organization_ref("speaking_organization"),
                source_organization_ref=_organization_ref("source_organization"),
                role_ref=_role_ref(),
            )
        )

    def with_topic_refs(self):
        """Each quote's topics as ``topic_refs``: ``[{"id", "name", "slug"}, ...]`` by name."""
        return self.annotate(topic_refs=_topic_refs())


class Quote(TimestampedModel):
    # Indexed by quote_article_offset (article, start_offset); a second index would only slow
    # down inserts.
    article = models.ForeignKey(
        Article, on_delete=models.PROTECT, related_name="quotes", db_index=False
    )
    text = models.TextField(help_text="Exactly as printed in the article body.")
    kind = models.CharField(max_length=20, choices=QuoteKind.choices, default=QuoteKind.DIRECT)

    speaker = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="quotes",
        help_text="The named person who said it; blank for an organization or an unnamed source.",
    )
    speaking_organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        db_index=False,  # quote_speaking_org_set
        on_delete=models.PROTECT,
        related_name="statements",
        help_text='An organization speaking as a body, e.g. "the Israeli military".',
    )
    attribution = models.CharField(
        max_length=500,
        blank=True,
        help_text='The source as the article words it: "a second Hamas official, who requested '
        'anonymity".',
    )
    is_anonymous = models.BooleanField("anonymous source", default=False)
    is_unattributed = models.BooleanField(
        "unattributed",
        default=False,
        db_default=False,  # the bulk importer's COPY leaves it out
        help_text="The article reports it without saying whose it is ('accusations have "
        "mounted', 'is expected'): no source; the cue keeps the wording.",
    )
    source_organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        db_index=False,  # quote_source_org_set
        on_delete=models.PROTECT,
        related_name="unnamed_source_quotes",
        help_text='The unnamed source\'s organization: "a senior Hamas official" -> Hamas.',
    )
    source_label = models.CharField(
        max_length=100,
        blank=True,
        help_text="Tells unnamed sources apart within one article, e.g. 'Hamas official 2'.",
    )
    affiliation = models.ForeignKey(
        Affiliation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="quotes",
        help_text="The speaker's role when speaking; found from the date when left blank.",
    )
    said_on = models.DateField(
        null=True,
        blank=True,
        help_text="When it was said, if the article tells; blank when it does not (the role is "
        "then the one held on the article's date).",
    )
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.OTHER)
    cue = models.CharField(max_length=50, blank=True, help_text='"said", "vowed", ...')
    place = models.CharField(max_length=200, blank=True)
    start_offset = models.PositiveIntegerField(null=True, blank=True)
    end_offset = models.PositiveIntegerField(null=True, blank=True)
    language = models.CharField(max_length=10, default="en")
    topics = models.ManyToManyField(Topic, blank=True, related_name="quotes")

    status = models.CharField(
        max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        db_index=False,  # quote_reviewed_by_set
        on_delete=models.SET_NULL,
        related_name="reviewed_quotes",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    retraction_reason = models.TextField(blank=True)

    extractor_version = models.CharField(
        max_length=40,
        blank=True,
        help_text="The extractor that proposed the quote ('rules-1.8'); empty if entered by hand.",
    )
    extraction_confidence = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="How sure the extractor was, from 0 to 1; null if entered by hand.",
    )

    # Kept current by a database trigger (migration quotes 0002): quote text, attribution and
    # the speaker's names, so bulk imports and name edits stay searchable without Python.
    search_document = SearchVectorField(null=True, editable=False)

    objects = QuoteQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_document"])

    class Meta:
        ordering = [models.F("said_on").desc(nulls_last=True), "-pk"]
        permissions = [("verify_quote", "Can verify or retract quotes")]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="quote_text_not_empty"),
            models.CheckConstraint(
                condition=Q(start_offset__isnull=True, end_offset__isnull=True)
                | Q(start_offset__isnull=False, end_offset__gt=models.F("start_offset")),
                name="quote_offsets_ordered",
                violation_error_message="Offsets come in pairs, the end after the start.",
            ),
            models.CheckConstraint(
                condition=Q(speaker__isnull=False)
                | Q(speaking_organization__isnull=False)
                | ~Q(attribution="")
                | Q(is_unattributed=True),
                name="quote_has_source",
                violation_error_message="Give a speaker, a speaking organization or the "
                "attribution as worded, or mark the quote unattributed.",
            ),
            models.CheckConstraint(
                condition=Q(is_unattributed=False)
                | Q(
                    speaker__isnull=True,
                    speaking_organization__isnull=True,
                    source_organization__isnull=True,
                    attribution="",
                    is_anonymous=False,
                ),
                name="quote_unattributed_has_no_source",
                violation_error_message="An unattributed quote has no speaker, organization, "
                "attribution or anonymous source.",
            ),
            models.CheckConstraint(
                condition=Q(speaker__isnull=True) | Q(speaking_organization__isnull=True),
                name="quote_one_speaker",
                violation_error_message="A quote has a speaker or a speaking organization, "
                "not both.",
            ),
            models.CheckConstraint(
                condition=Q(is_anonymous=False) | Q(speaker__isnull=True),
                name="quote_anonymous_has_no_speaker",
                violation_error_message="An anonymous quote cannot name its speaker.",
            ),
            models.CheckConstraint(
                condition=Q(affiliation__isnull=True) | Q(speaker__isnull=False),
                name="quote_affiliation_needs_speaker",
                violation_error_message="A role needs a speaker.",
            ),
            # One rule for every path (admin, API, imports): a retraction says why, and only a
            # retraction has a reason.
            models.CheckConstraint(
                condition=~Q(status=ReviewStatus.RETRACTED) | Q(retraction_reason__regex=r"\S"),
                name="quote_retraction_has_reason",
                violation_error_message="Say why the quote is retracted.",
            ),
            models.CheckConstraint(
                condition=Q(status=ReviewStatus.RETRACTED) | Q(retraction_reason=""),
                name="quote_reason_only_when_retracted",
                violation_error_message="Only a retracted quote has a retraction reason.",
            ),
            models.CheckConstraint(
                condition=Q(extraction_confidence__isnull=True)
                | Q(extraction_confidence__gte=0, extraction_confidence__lte=1),
                name="quote_confidence_in_range",
                violation_error_message="A confidence is a number from 0 to 1.",
            ),
        ]
        indexes = [
            GinIndex(fields=["search_document"], name="quote_search_document_gin"),
            # Newest first, undated quotes last; read backwards, oldest first after the undated.
            models.Index(
                models.F("said_on").desc(nulls_last=True),
                models.F("id").desc(),
                name="quote_said_on_undated_last",
            ),
            models.Index(fields=["article", "start_offset"], name="quote_article_offset"),
            # The review queue: drafts by the extractor's confidence (only drafts: small). The
            # admin breaks ties newest first whichever way its column is sorted, so each way has
            # its index; the API's ascending order reads the second backwards, its descending
            # order (quotes entered by hand last) the third.
            *(
                models.Index(
                    fields=[confidence, "-id"], condition=Q(status=ReviewStatus.DRAFT), name=name
                )
                for confidence, name in [
                    ("extraction_confidence", "quote_review_queue"),
                    ("-extraction_confidence", "quote_review_queue_desc"),
                ]
            ),
            models.Index(
                models.F("extraction_confidence").desc(nulls_last=True),
                models.F("id").desc(),
                condition=Q(status=ReviewStatus.DRAFT),
                name="quote_review_confident_first",
            ),
            # Most quotes have none of these: indexing only the rows that have one keeps these
            # indexes small and spares an insert of a NULL entry into each. Lookups by value
            # (filters, foreign-key checks: "= $1", "= ANY(...)") imply NOT NULL, so the
            # planner uses them.
            *(
                models.Index(fields=[field], condition=Q(**{f"{field}__isnull": False}), name=name)
                for field, name in [
                    ("speaking_organization", "quote_speaking_org_set"),
                    ("source_organization", "quote_source_org_set"),
                    ("reviewed_by", "quote_reviewed_by_set"),
                ]
            ),
        ]

    def __str__(self):
        return self.text if len(self.text) <= 80 else self.text[:79] + "…"

    # Derived fields, filled the same way by the admin, the API and the importers.

    def locate_in_article(self):
        """Set the offsets (and the exact body text) where the quote occurs in the article."""
        body = self.article.body
        if not body:
            return
        start, end = verbatim.locate(body, self.text, self.start_offset)
        self.start_offset, self.end_offset = start, end
        self.text = body[start:end]

    def resolve_affiliation(self):
        """The role the speaker held when speaking: on ``said_on``, or when that is unknown on
        the article's date, the day the article describes its speakers' roles."""
        day = self.said_on or self.article.published_on
        if self.affiliation_id is None and self.speaker_id is not None and day:
            self.affiliation = Affiliation.objects.role_on(self.speaker_id, day)

    def prepare(self):
        """Fill what can be derived; raises ValidationError when the text is not verbatim."""
        if self.article_id is None and not Quote.article.is_cached(self):
            return
        try:
            self.locate_in_article()
        except verbatim.VerbatimError as error:
            raise ValidationError({"text": str(error)}) from error
        self.resolve_affiliation()

    def clean(self):
        errors = {}
        try:
            self.prepare()
        except ValidationError as error:
            errors.update(error.message_dict)
        if self.affiliation_id and self.affiliation.person_id != self.speaker_id:
            errors["affiliation"] = ["This role belongs to another person, not the speaker."]
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # Every save stores the quote verbatim; loaddata bypasses save(), so tests check fixtures.
        self.prepare()
        super().save(*args, **kwargs)

    def mark_reviewed(self, status: str, user, reason: str = ""):
        self.status = status
        self.reviewed_by = user
        self.reviewed_at = timezone.now()
        self.retraction_reason = reason if status == ReviewStatus.RETRACTED else ""


CORRECTION_DETAILS_MAX_LENGTH = 2000


class CorrectionReport(models.Model):
    """A reader's report that a published quote is wrong, for curators; never shown publicly."""

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="correction_reports")
    problem = models.CharField("what is wrong", max_length=20, choices=Problem.choices)
    details = models.TextField(blank=True, max_length=CORRECTION_DETAILS_MAX_LENGTH)
    email = models.EmailField(
        "reader's e-mail", blank=True, help_text="Given by the reader to hear back; optional."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    handled = models.BooleanField(default=False, help_text="A curator has dealt with it.")

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(problem__in=Problem.values), name="correction_report_problem_known"
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("details"), CORRECTION_DETAILS_MAX_LENGTH),
                name="correction_report_details_length",
            ),
        ]
        indexes = [
            # The curators' queue: reports not handled yet, newest first (small).
            models.Index(
                fields=["-created_at"],
                condition=Q(handled=False),
                name="correction_report_open",
            )
        ]

    def __str__(self):
        return f"{self.get_problem_display()}: quote {self.quote_id}"
