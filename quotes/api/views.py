from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view

from actors.models import Organization, Person
from config.api.pagination import KeysetCursorPagination
from config.api.viewsets import (
    SLUG_PATH_PARAMETER,
    ListViewSet,
    NestedListMixin,
    ReadOnlyViewSet,
)
from quotes import search
from quotes.filtersets import (
    ArticleFilterSet,
    OrganizationQuoteFilterSet,
    PersonQuoteFilterSet,
    QuoteFilterSet,
)
from quotes.models import Article, Publisher, Quote, Topic

from .serializers import (
    ArticleDetailSerializer,
    ArticleSerializer,
    PublisherSerializer,
    QuoteDetailSerializer,
    QuoteListSerializer,
    TopicSerializer,
)

QUOTE_LIST_DESCRIPTION = (
    "Quotes, newest first, in cursor pages (follow `next`). With `q`, the best matches first "
    "(relevance paging stops after 1,000 results: narrow the search to go further), each with "
    "a `highlight`. Anonymous users see verified quotes; staff also see drafts and retractions."
)


class QuoteViewSet(ReadOnlyViewSet):
    """Quotes, paraphrases and attributed claims, each a verbatim span of its article."""

    queryset = Quote.objects.with_relations().defer("search_document")
    serializer_class = QuoteListSerializer
    detail_serializer_class = QuoteDetailSerializer
    filterset_class = QuoteFilterSet
    pagination_class = KeysetCursorPagination

    def get_queryset(self):
        queryset = super().get_queryset().visible_to(self.request.user)
        if self.action != "retrieve":
            queryset = queryset.defer("article__body")  # context is for the detail only
        return queryset

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        text = self.request.query_params.get("q", "").strip()
        if page is not None and text:
            marked = search.highlights(page, text)
            for quote in page:
                quote.highlight = marked.get(quote.pk)
        return page

    @extend_schema(summary="List and search quotes", description=QUOTE_LIST_DESCRIPTION)
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="A quote, with its context and a citation")
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


class NestedQuoteViewSet(NestedListMixin, QuoteViewSet):
    """Quotes under a person or an organization."""

    http_method_names = ["get", "head", "options"]


@extend_schema_view(
    list=extend_schema(
        summary="A person's quotes",
        description=QUOTE_LIST_DESCRIPTION,
        parameters=[SLUG_PATH_PARAMETER],
    )
)
class PersonQuoteViewSet(NestedQuoteViewSet):
    parent_model = Person
    filterset_class = PersonQuoteFilterSet


@extend_schema_view(
    list=extend_schema(
        summary="An organization's quotes",
        description="Quotes said in a role held in the organization, by the organization as "
        "a body, or by its unnamed sources ('a senior Hamas official'); "
        "`include_sub_organizations=true` adds the bodies below it. " + QUOTE_LIST_DESCRIPTION,
        parameters=[SLUG_PATH_PARAMETER],
    )
)
class OrganizationQuoteViewSet(NestedQuoteViewSet):
    parent_model = Organization
    filterset_class = OrganizationQuoteFilterSet


class ArticleViewSet(ReadOnlyViewSet):
    """Articles the quotes come from; the detail lists their quotes."""

    queryset = (
        Article.objects.select_related("publisher").defer("body").order_by("-published_on", "-id")
    )
    serializer_class = ArticleSerializer
    detail_serializer_class = ArticleDetailSerializer
    filterset_class = ArticleFilterSet

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "retrieve":
            quotes = (
                Quote.objects.visible_to(self.request.user)
                .with_relations()
                .defer("search_document", "article__body")
                .order_by("start_offset", "id")
            )
            queryset = queryset.prefetch_related(
                Prefetch("quotes", queryset=quotes, to_attr="visible_quotes")
            )
        return queryset


class PublisherViewSet(ListViewSet):
    """Publishers (newspapers, agencies, broadcasters)."""

    queryset = Publisher.objects.order_by("name", "id")
    serializer_class = PublisherSerializer


class TopicViewSet(ListViewSet):
    """Topics quotes are tagged with."""

    queryset = Topic.objects.order_by("name", "id")
    serializer_class = TopicSerializer


__all__ = [
    "ArticleViewSet",
    "OrganizationQuoteViewSet",
    "PersonQuoteViewSet",
    "PublisherViewSet",
    "QuoteViewSet",
    "TopicViewSet",
]
