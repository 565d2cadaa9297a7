"""FilterSets for quotes and articles (query parameters of the API)."""

from django.db.models import Exists, F, OuterRef

from actors.filtersets import OrganizationScopedFilterSet
from actors.models import Affiliation, Person
from config.api.filters import (
    ChoiceFilter,
    DateFilter,
    FilterSet,
    IdFilter,
    SlugsFilter,
    StrictBooleanFilter,
    TextFilter,
)

from . import search, selectors
from .choices import Channel, QuoteKind, ReviewStatus
from .models import Article, Publisher, Quote, Topic, sees_unreviewed

RELEVANCE = "relevance"
QUOTE_ORDERINGS = {
    # Undated quotes (the article does not say when) sort as older than any dated one: last
    # newest first, first oldest first, as the index on (said_on, id) reads either way.
    "-said_on": (F("said_on").desc(nulls_last=True), "-id"),
    "said_on": (F("said_on").asc(nulls_first=True), "id"),
    RELEVANCE: ("-search_rank", "-id"),
    # The review queue: drafts by the extractor's confidence, those entered by hand (no
    # confidence) last either way. Each has its index on drafts (Quote.Meta.indexes).
    "confidence": ("extraction_confidence", "id"),
    "-confidence": (F("extraction_confidence").desc(nulls_last=True), "-id"),
}


class QuoteFilterSet(OrganizationScopedFilterSet):
    q = TextFilter(
        method="filter_nothing",
        help_text='Full-text search in web-search syntax: words, "exact phrase", OR, -word. '
        "English stemming (negotiation matches negotiations), accent-insensitive, either "
        "spelling of a hyphenated word (ceasefire matches cease-fire), over the "
        "quote text (weighted highest), the speaker's names and aliases, and the attribution. "
        "Results are ordered by relevance unless `ordering` says otherwise, and carry a "
        "`highlight`.",
    )
    speaker = SlugsFilter(field_name="speaker__slug", help_text="Person slug; repeatable.")
    role = TextFilter(
        method="filter_role", help_text="Role held when speaking (any part, e.g. 'minister')."
    )
    article = IdFilter(field_name="article_id", help_text="Article id.")
    publisher = SlugsFilter(
        field_name="article__publisher__slug", help_text="Publisher slug; repeatable."
    )
    said_after = DateFilter(
        field_name="said_on",
        lookup_expr="gte",
        help_text="Said on or after (quotes whose article does not say when are left out: "
        "`published_after` selects by the article's date).",
    )
    said_before = DateFilter(
        field_name="said_on", lookup_expr="lte", help_text="Said on or before (dated quotes only)."
    )
    published_after = DateFilter(
        field_name="article__published_on", lookup_expr="gte", help_text="On or after."
    )
    published_before = DateFilter(
        field_name="article__published_on", lookup_expr="lte", help_text="On or before."
    )
    kind = ChoiceFilter(choices=QuoteKind.choices)
    channel = ChoiceFilter(choices=Channel.choices)
    anonymous = StrictBooleanFilter(field_name="is_anonymous", help_text="Unnamed sources.")
    unattributed = StrictBooleanFilter(
        field_name="is_unattributed", help_text="Reported without a source (no one named)."
    )
    topic = SlugsFilter(method="filter_topic", help_text="Topic slug; repeatable (any of).")
    language = TextFilter(field_name="language", help_text="Language code, e.g. en.")
    status = ChoiceFilter(
        choices=ReviewStatus.choices,
        help_text="Review status. Only staff see drafts and retracted quotes; others see "
        "verified quotes whatever this says.",
    )
    ordering = ChoiceFilter(
        method="filter_nothing",
        choices=[(key, key) for key in QUOTE_ORDERINGS],
        help_text="`-said_on` (newest first, the default without `q`), `said_on` (undated "
        "quotes count as the oldest), "
        "`relevance` (the default with `q`; without `q` it means the default), or the "
        "extractor's `confidence` (`-confidence`: most confident first), for the review queue "
        "with `status=draft`; quotes entered by hand have none and come last either way. Ties "
        "break on id.",
    )

    class Meta:
        model = Quote
        fields = []

    def filter_role(self, queryset, name, value):
        roles = Affiliation.objects.filter(role__icontains=value).values("pk")
        return queryset.filter(affiliation_id__in=roles)

    def filter_topic(self, queryset, name, value):
        tagged = Quote.topics.through.objects.filter(quote=OuterRef("pk"), topic__slug__in=value)
        return queryset.filter(Exists(tagged))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        org_ids = self.scoped_organization_ids()
        if org_ids is not None:
            queryset = selectors.quotes_of_organizations(queryset, org_ids)
        text = self.search_text
        ordering = self.form.cleaned_data.get("ordering") or RELEVANCE
        if ordering == RELEVANCE and not text:
            ordering = "-said_on"
        shown = queryset
        if text:
            # PostgreSQL's match stays on the queryset: a download or an export of a search
            # reads it whole.
            queryset = search.search(queryset, text)
        queryset = queryset.order_by(*QUOTE_ORDERINGS[ordering])
        if text:
            ranking = self.ranking(shown, org_ids) if ordering == RELEVANCE else None
            queryset = queryset.searched(text, ranking)
        return queryset

    def ranking(self, shown, org_ids: list[int] | None) -> search.Ranking | None:
        """The index's ranking of this search, None without an index (PostgreSQL ranks).
        Its pages read their rows by id from ``shown``, the quotes that the request's filters
        and visibility leave: the index has matched the words."""
        if (engine := search.current_engine()) is None:
            return None
        request = search.SearchRequest(
            self.search_text,
            self.index_filters(org_ids),
            include_unreviewed=sees_unreviewed(getattr(self.request, "user", None)),
        )
        return search.Ranking(engine, request, shown)

    def speaker_slugs(self) -> list[str] | None:
        return self.form.cleaned_data.get("speaker") or None

    def index_filters(self, org_ids: list[int] | None) -> search.IndexFilters:
        """The filters of this request as the index applies them: slugs become ids."""
        data = self.form.cleaned_data

        def ids(model, slugs):
            if not slugs:
                return None
            return list(model.objects.filter(slug__in=slugs).values_list("pk", flat=True))

        roles = None
        if data.get("role"):
            matching = Affiliation.objects.filter(role__icontains=data["role"])
            roles = list(matching.values_list("pk", flat=True))
        return search.IndexFilters(
            speakers=ids(Person, self.speaker_slugs()),
            organizations=org_ids,
            affiliations=roles,
            articles=[data["article"]] if data.get("article") is not None else None,
            publishers=ids(Publisher, data.get("publisher")),
            topics=ids(Topic, data.get("topic")),
            said_after=data.get("said_after"),
            said_before=data.get("said_before"),
            published_after=data.get("published_after"),
            published_before=data.get("published_before"),
            kind=data.get("kind") or None,
            channel=data.get("channel") or None,
            anonymous=data.get("anonymous"),
            unattributed=data.get("unattributed"),
            language=data.get("language") or None,
            status=data.get("status") or None,
        )

    @property
    def search_text(self) -> str:
        return self.form.cleaned_data.get("q") or ""


class PersonQuoteFilterSet(QuoteFilterSet):
    """``people/{slug}/quotes/``: the speaker comes from the URL."""

    speaker = None

    def speaker_slugs(self) -> list[str]:
        return [self.request.parser_context["kwargs"]["slug"]]

    def filter_queryset(self, queryset):
        slug = self.request.parser_context["kwargs"]["slug"]
        return super().filter_queryset(queryset.filter(speaker__slug=slug))


class OrganizationQuoteFilterSet(QuoteFilterSet):
    """``organizations/{slug}/quotes/``: the organization comes from the URL."""

    organization = None

    def scope_slugs(self):
        return [self.request.parser_context["kwargs"]["slug"]]


class ArticleFilterSet(FilterSet):
    publisher = SlugsFilter(field_name="publisher__slug", help_text="Publisher slug; repeatable.")
    published_after = DateFilter(
        field_name="published_on", lookup_expr="gte", help_text="On or after."
    )
    published_before = DateFilter(
        field_name="published_on", lookup_expr="lte", help_text="On or before."
    )
    has_quotes = StrictBooleanFilter(
        method="filter_has_quotes", help_text="Only articles with (or without) quotes you can see."
    )
    language = TextFilter(field_name="language", help_text="Language code, e.g. en.")

    class Meta:
        model = Article
        fields = []

    def filter_has_quotes(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        exists = selectors.has_visible_quotes(user)
        return queryset.filter(exists if value else ~exists)
