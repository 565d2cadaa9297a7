"""The curators' admin for publishers, topics, articles and quotes.

Quotes are checked by the model (``Quote.clean``): the verbatim rule, the role belonging to the
speaker and the constraints all surface on the form through ``full_clean``. Verifying and
retracting is reserved to holders of ``quotes.verify_quote``.
"""

from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, F, OrderBy, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from simple_history.admin import SimpleHistoryAdmin

from config.concurrency import AllSlotsBusy

from . import proposals, review, search, selectors
from .choices import ReviewStatus
from .models import Article, CorrectionReport, Publisher, Quote, Topic

REVIEW_FIELDS = ["status", "reviewed_by", "reviewed_at", "retraction_reason", "updated_at"]
MAX_ARTICLES_TO_PROPOSE = 10


class NullsLastBothWays(OrderBy):
    """A column sort that keeps NULLs last when the admin reverses it.

    The changelist reverses an ``OrderBy`` with ``reverse_ordering()``, which also moves NULLs
    to the other end: sorting by confidence, most confident first, would open on the drafts
    entered by hand, which have none.
    """

    def __init__(self, expression, descending=False):
        super().__init__(expression, descending=descending, nulls_last=True)

    def reverse_ordering(self):
        self.descending = not self.descending
        return self


# A web address typed without its scheme is taken as https (Django 6's default; 5.2 warns).
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Publisher)
class PublisherAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["name", "website"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class QuoteInlineFormSet(BaseInlineFormSet):
    """Reviewed quotes are shown read-only to editors: only reviewers change or delete them."""

    may_edit_reviewed = False

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if form.instance.pk and form.instance.status in review.REVIEWED:
            for field in form.fields.values():
                field.disabled = field.disabled or not self.may_edit_reviewed
        return form


class QuoteInline(admin.TabularInline):
    model = Quote
    formset = QuoteInlineFormSet
    fields = ["text", "speaker", "attribution", "status"]
    readonly_fields = ["status"]
    autocomplete_fields = ["speaker"]
    show_change_link = True
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.may_edit_reviewed = review.is_reviewer(request.user)
        return formset


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["title", "publisher", "published_on", "language", "quote_count"]
    list_filter = ["publisher", "language", "published_on"]
    list_select_related = ["publisher"]
    search_fields = ["title", "=url"]
    autocomplete_fields = ["publisher"]
    date_hierarchy = "published_on"
    show_full_result_count = False
    readonly_fields = ["created_at", "updated_at"]
    inlines = [QuoteInline]
    actions = ["propose_quotes"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if _is_changelist(request):
            # A subquery, not Count("quotes"): no GROUP BY in the page's COUNT(*) and filters.
            quotes = Quote.objects.filter(article=OuterRef("pk")).order_by().values("article")
            quote_total = Subquery(quotes.annotate(total=Count("pk")).values("total"))
            queryset = queryset.annotate(quote_total=Coalesce(quote_total, 0))
        return queryset

    @admin.display(description="quotes", ordering="quote_total")
    def quote_count(self, article):
        return getattr(article, "quote_total", None)

    def has_add_quote_permission(self, request):
        return request.user.has_perm("quotes.add_quote")

    @admin.action(description="Propose draft quotes (extractor)", permissions=["add_quote"])
    def propose_quotes(self, request, queryset):
        # The extractor runs in this request: a few articles at a time, and within the
        # service's bound on concurrent extractions (/extract/'s).
        articles = list(queryset[: MAX_ARTICLES_TO_PROPOSE + 1])
        if len(articles) > MAX_ARTICLES_TO_PROPOSE:
            self.message_user(
                request,
                f"Select at most {MAX_ARTICLES_TO_PROPOSE} articles: the extractor runs while "
                "you wait.",
                messages.WARNING,
            )
            return
        totals = proposals.ProposalResult()
        try:
            with proposals.extraction_slots().take():
                gazetteer = proposals.build_gazetteer()
                for article in articles:
                    result = proposals.propose_quotes(article, gazetteer=gazetteer)
                    totals.created += result.created
                    totals.duplicates += result.duplicates
                    totals.invalid += result.invalid
        except AllSlotsBusy as busy:
            self.message_user(request, str(busy), messages.WARNING)
            return
        self.message_user(
            request,
            f"{totals.created} draft quotes proposed; {totals.duplicates} already present, "
            f"{totals.invalid} rejected by the verbatim checks.",
            messages.SUCCESS if totals.created else messages.INFO,
        )


class EnteredByFilter(admin.SimpleListFilter):
    """Quotes the extractor proposed, or ones entered by hand (two fixed choices: no scan of
    every quote's extractor version for them)."""

    title = "entered by"
    parameter_name = "entered_by"

    def lookups(self, request, model_admin):
        return [("extractor", "the extractor"), ("hand", "hand")]

    def queryset(self, request, queryset):
        if self.value() == "extractor":
            return queryset.exclude(extractor_version="")
        if self.value() == "hand":
            return queryset.filter(extractor_version="")
        return queryset


class CorrectionReportInline(admin.TabularInline):
    """Readers' reports on this quote (sent from the site); curators only mark them handled."""

    model = CorrectionReport
    fields = ["created_at", "problem", "details", "email", "handled"]
    readonly_fields = ["created_at", "problem", "details", "email"]
    extra = 0
    can_delete = False
    verbose_name_plural = "problems reported by readers"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(CorrectionReport)
class CorrectionReportAdmin(admin.ModelAdmin):
    """Readers' reports from the site's "Report a problem" form, newest first."""

    list_display = ["created_at", "problem", "short_details", "quote_link", "email", "handled"]
    list_filter = ["handled", "problem"]
    list_select_related = ["quote"]
    list_editable = ["handled"]
    search_fields = ["details", "email"]
    fields = ["quote_link", "problem", "details", "email", "created_at", "handled"]
    readonly_fields = ["quote_link", "problem", "details", "email", "created_at"]
    show_full_result_count = False
    actions = ["mark_handled"]

    def has_add_permission(self, request):
        return False  # reports come from readers

    @admin.display(description="details")
    def short_details(self, report):
        return Truncator(report.details).chars(90)

    @admin.display(description="quote")
    def quote_link(self, report):
        url = reverse("admin:quotes_quote_change", args=[report.quote_id])
        return format_html('<a href="{}">{}</a>', url, Truncator(report.quote.text).chars(70))

    @admin.action(description="Mark handled", permissions=["change"])
    def mark_handled(self, request, queryset):
        count = queryset.update(handled=True)
        self.message_user(request, f"{count} report(s) marked handled.", messages.SUCCESS)


@admin.register(Quote)
class QuoteAdmin(SimpleHistoryAdmin):
    list_display = ["short_text", "source", "role", "article", "said_on", "status", "confidence"]
    list_filter = [
        "status",
        EnteredByFilter,
        "kind",
        "channel",
        "is_anonymous",
        "is_unattributed",
        "article__publisher",
        # The quote's own language and a date hierarchy would each scan every quote for their
        # choices on every page; the articles' languages and
        # the date ranges of the said_on filter cost nothing of the kind.
        "article__language",
        "said_on",
    ]
    list_select_related = [
        "article",
        "speaker",
        "speaking_organization",
        "source_organization",
        "affiliation__organization",
    ]
    # The box searches the stored full-text document (text, speaker names and aliases,
    # attribution); see get_search_results. A field is needed for the box to show.
    search_fields = ["text"]
    search_help_text = "Words of the quote, the speaker's names or aliases, or the attribution."
    autocomplete_fields = [
        "article",
        "speaker",
        "speaking_organization",
        "source_organization",
        "affiliation",
        "topics",
    ]
    # Sized for millions of rows: no second COUNT(*) and no per-option facet counts.
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    actions = ["mark_verified", "mark_retracted"]
    readonly_fields = [
        "in_context",
        "start_offset",
        "end_offset",
        "reviewed_by",
        "reviewed_at",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["article", "in_context", "text", "kind", "language", "topics"]}),
        (
            "Source",
            {
                "fields": [
                    "speaker",
                    "affiliation",
                    "speaking_organization",
                    "attribution",
                    ("is_anonymous", "source_organization", "source_label"),
                    "is_unattributed",
                ]
            },
        ),
        ("Circumstances", {"fields": ["said_on", "channel", "cue", "place"]}),
        (
            "Review",
            {"fields": ["status", "retraction_reason", ("reviewed_by", "reviewed_at")]},
        ),
        (
            "Provenance",
            {
                "classes": ["collapse"],
                "fields": [
                    ("start_offset", "end_offset"),
                    ("extractor_version", "extraction_confidence"),
                    ("created_at", "updated_at"),
                ],
            },
        ),
    ]

    def get_queryset(self, request):
        # A queryset that already selects related objects makes the changelist skip
        # list_select_related, so select them all here (the change page needs the article).
        return super().get_queryset(request).select_related(*self.list_select_related)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "affiliation":
            # The selected role is shown as "person: role, organization": one query, not three.
            kwargs["queryset"] = db_field.related_model.objects.select_related(
                "person", "organization"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_inlines(self, request, obj):
        # A new quote has no reports yet.
        return [CorrectionReportInline] if obj is not None else []

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_verify_permission(request):
            readonly.append("status")  # changing it is verifying or retracting
        return readonly

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.filter(search_document=search.search_query(search_term)), False

    def has_verify_permission(self, request):
        return review.is_reviewer(request.user)

    def has_change_permission(self, request, obj=None):
        # Verified and retracted quotes open read-only for editors: reviewers change them.
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or review.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or review.can_edit(request.user, obj))

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.mark_reviewed(obj.status, request.user, obj.retraction_reason)
        super().save_model(request, obj, form, change)

    # Columns

    @admin.display(description="quote", ordering="text")
    def short_text(self, quote):
        return Truncator(quote.text).chars(90)

    @admin.display(description="said by")
    def source(self, quote):
        if quote.speaker_id:
            return quote.speaker
        if quote.speaking_organization_id:
            return quote.speaking_organization
        if quote.source_organization_id:
            return f"{quote.attribution} ({quote.source_organization})"
        if quote.is_unattributed:
            return f"unattributed ({quote.cue})" if quote.cue else "unattributed"
        return quote.attribution

    @admin.display(description="role at the time", ordering="affiliation__role")
    def role(self, quote):
        if quote.affiliation is None:
            return "—"
        return f"{quote.affiliation.role}, {quote.affiliation.organization}"

    @admin.display(description="confidence", ordering=NullsLastBothWays(F("extraction_confidence")))
    def confidence(self, quote):
        """The extractor's, for a quote it proposed: sorting drafts by it orders the review
        queue, those entered by hand last (the quote_review_queue indexes)."""
        if quote.extraction_confidence is None:
            return "—"
        return f"{quote.extraction_confidence:.2f} ({quote.extractor_version})"

    @admin.display(description="in the article")
    def in_context(self, quote):
        """The paragraph of the article body holding the quote, the quote marked."""
        if not quote.article_id or not quote.article.body or quote.start_offset is None:
            return "—"
        parts = selectors.paragraph_around(quote)
        if parts is None:
            return "The quote no longer occurs in the article body."
        return format_html(
            '<p style="white-space: pre-wrap; max-width: 60em">{}<mark>{}</mark>{}</p>', *parts
        )

    # Review actions

    @admin.action(description="Mark verified", permissions=["verify"])
    def mark_verified(self, request, queryset):
        self._review(request, queryset, ReviewStatus.VERIFIED)

    @admin.action(description="Mark retracted (asks why)", permissions=["verify"])
    def mark_retracted(self, request, queryset):
        reason = request.POST.get("retraction_reason")
        if reason is None or not reason.strip():
            context = {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "quotes": queryset,
                "error": "Say why the quotes are retracted." if reason is not None else "",
                "title": "Retract quotes",
            }
            return TemplateResponse(request, "admin/quotes/quote/retract.html", context)
        return self._review(request, queryset, ReviewStatus.RETRACTED, reason.strip())

    def _review(self, request, queryset, status, reason=""):
        quotes = list(queryset.select_related(None).only("pk", *REVIEW_FIELDS))
        now = timezone.now()
        for quote in quotes:
            quote.mark_reviewed(status, request.user, reason)
            quote.updated_at = now
        Quote.objects.bulk_update(quotes, REVIEW_FIELDS)
        label = ReviewStatus(status).label.lower()
        self.message_user(request, f"{len(quotes)} quote(s) marked {label}.", messages.SUCCESS)


def _is_changelist(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return bool(match and match.url_name and match.url_name.endswith("_changelist"))
