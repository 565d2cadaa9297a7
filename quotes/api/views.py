import functools
from dataclasses import replace

from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from actors.models import Organization, Person
from config.api.filters import MAX_ID
from config.api.history import HistoryMixin
from config.api.pagination import KeysetCursorPagination
from config.api.permissions import CanReviewQuotes
from config.api.viewsets import (
    SLUG_PATH_PARAMETER,
    Conflict,
    ListViewSet,
    NestedListMixin,
    ResourceViewSet,
    SlugLookupMixin,
    WritableModelMixin,
    etag_of,
)
from quotes import representations, review, search
from quotes.filtersets import (
    ArticleFilterSet,
    OrganizationQuoteFilterSet,
    PersonQuoteFilterSet,
    QuoteFilterSet,
)
from quotes.ingest import create_article
from quotes.models import Article, Publisher, Quote, Topic, sees_unreviewed

from . import downloads
from .serializers import (
    LIST_INCLUDES,
    ArticleDetailSerializer,
    ArticlePayloadSerializer,
    ArticleSerializer,
    ArticleWriteSerializer,
    PublisherSerializer,
    PublisherWriteSerializer,
    QuoteDetailSerializer,
    QuoteListSerializer,
    QuoteReviewSerializer,
    QuoteWriteSerializer,
    TopicSerializer,
)

QUOTE_LIST_DESCRIPTION = (
    "Quotes, newest first, in cursor pages (follow `next`). With `q`, the best matches first "
    "(relevance paging stops after 1,000 results: narrow the search to go further), each with "
    "a `highlight`. Anonymous users see verified quotes; staff also see drafts and retractions."
)


INCLUDE = OpenApiParameter(
    "include",
    str,
    OpenApiParameter.QUERY,
    enum=list(LIST_INCLUDES),
    many=True,
    description="Adds to each quote its `context` (the sentences around it) or its `citation`; "
    "repeat for both. Without it a list carries neither.",
)


# What a quote's representation does not show: timestamps and curation fields of the quote, its
# article, publisher and speaker: not reading them saves a good part of a page's CPU.
NOT_SHOWN = [
    "created_at",
    "updated_at",
    "reviewed_at",
    "article__authors",
    "article__created_at",
    "article__updated_at",
    "article__publisher__website",
    "article__publisher__created_at",
    "article__publisher__updated_at",
    "speaker__description",
    "speaker__wikidata_id",
    "speaker__birth_date",
    "speaker__death_date",
    "speaker__created_at",
    "speaker__updated_at",
]


class QuoteViewSet(HistoryMixin, WritableModelMixin, ResourceViewSet):
    """Quotes, paraphrases and attributed claims, each a verbatim span of its article.

    Writes need the model permissions; a verified or retracted quote is changed only by
    reviewers (``verify_quote``), who also set the review status (``review/``).
    """

    queryset = Quote.objects.with_relations().defer("search_document")
    serializer_class = QuoteListSerializer
    detail_serializer_class = QuoteDetailSerializer
    write_serializer_class = QuoteWriteSerializer
    filterset_class = QuoteFilterSet
    pagination_class = KeysetCursorPagination
    schema = downloads.QuoteListSchema()
    download_format = None  # set by the download URLs (quotes.csv, ...)

    def get_queryset(self):
        queryset = super().get_queryset().visible_to(self.request.user)
        if self.action == "list" and "context" not in self.includes:
            # The context is cut from the article's body: a list reads it only when asked.
            return queryset.defer(*NOT_SHOWN, "article__body")
        if self.action in {"list", "retrieve"}:
            return queryset.defer(*NOT_SHOWN)
        return queryset

    def get_serializer_class(self):
        if self.action == "list" and not getattr(self, "swagger_fake_view", False):
            return QuoteListSerializer.including(self.includes)
        return super().get_serializer_class()

    @functools.cached_property
    def includes(self) -> frozenset[str]:
        """The extras ``?include=`` asks each quote of a list for; 400 for an unknown one."""
        names = frozenset(self.request.query_params.getlist(INCLUDE.name))
        if unknown := sorted(names - set(LIST_INCLUDES)):
            accepted = " or ".join(LIST_INCLUDES)
            raise serializers.ValidationError({INCLUDE.name: [f'"{unknown[0]}": {accepted}.']})
        return names

    def perform_update(self, serializer):
        review.check_can_edit(self.request.user, serializer.instance)
        return super().perform_update(serializer)

    def perform_destroy(self, instance):
        review.check_can_edit(self.request.user, instance)
        super().perform_destroy(instance)

    @extend_schema(
        summary="Verify, retract or reopen a quote",
        description="Reviewers only (`verify_quote`). A retraction keeps the quote, its text "
        "and its history, and needs a `reason`. Honours `If-Match`.",
        request=QuoteReviewSerializer,
        responses={200: QuoteDetailSerializer},
    )
    @action(detail=True, methods=["post"], permission_classes=[CanReviewQuotes])
    def review(self, request, *args, **kwargs):
        serializer = QuoteReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            quote = self.get_object()
            self.check_if_match(quote)
            review.review(quote, **serializer.validated_data, user=request.user)
        return self.detail_response(quote)

    def perform_content_negotiation(self, request, force=False):
        # A download answers in the format its URL names, so an Accept header asking for that
        # format (text/csv, ...) is not a 406; its errors are JSON.
        if self.download_format is not None:
            force = True
        elif not force and (fmt := request.query_params.get("format")) in downloads.FORMATS:
            raise serializers.ValidationError({"format": [downloads.moved_message(request, fmt)]})
        return super().perform_content_negotiation(request, force)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if (ranking := getattr(queryset, "search_ranking", None)) is not None:
            # A page ranked by the search index is read as representations, in one query.
            rows = functools.partial(representations.list_rows, includes=self.includes)
            queryset = queryset.searched(queryset.search_text, replace(ranking, rows=rows))
        return queryset

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        search.mark_page(page, queryset.search_text)
        return page

    @extend_schema(
        summary="List and search quotes", description=QUOTE_LIST_DESCRIPTION, parameters=[INCLUDE]
    )
    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        if queryset.search_ranking is None:  # else the rows are representations already
            page = self.get_serializer(page, many=True).data
        return self.get_paginated_response(page)

    def download(self, request, *args, **kwargs):
        return downloads.download(self, request)

    @extend_schema(summary="A quote, with its context and a citation")
    def retrieve(self, request, *args, **kwargs):
        # Read as a representation in one query (quotes.representations), the same the
        # serializer gives, so the ETag is the one a write compares If-Match with.
        try:
            pk = int(kwargs[self.lookup_url_kwarg or self.lookup_field])
        except ValueError as error:
            raise Http404 from error
        visible = sees_unreviewed(request.user)
        data = representations.detail(pk, include_unreviewed=visible) if 0 < pk <= MAX_ID else None
        if data is None:
            raise Http404
        return Response(data, headers={"ETag": etag_of(data)})


class NestedQuoteViewSet(NestedListMixin, QuoteViewSet):
    """Quotes under a person or an organization."""

    http_method_names = ["get", "head", "options"]


@extend_schema_view(
    list=extend_schema(
        summary="A person's quotes",
        description=QUOTE_LIST_DESCRIPTION,
        parameters=[SLUG_PATH_PARAMETER, INCLUDE],
    ),
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
        parameters=[SLUG_PATH_PARAMETER, INCLUDE],
    ),
)
class OrganizationQuoteViewSet(NestedQuoteViewSet):
    parent_model = Organization
    filterset_class = OrganizationQuoteFilterSet


class ArticleViewSet(HistoryMixin, WritableModelMixin, ResourceViewSet):
    """Articles the quotes come from; the detail lists their quotes."""

    queryset = Article.objects.select_related("publisher").order_by("-published_on", "-id")
    serializer_class = ArticleSerializer
    detail_serializer_class = ArticleDetailSerializer
    write_serializer_class = ArticleWriteSerializer
    filterset_class = ArticleFilterSet

    @extend_schema(
        summary="Store an article with its quotes, all or nothing",
        description="The payload of `manage.py import_articles` (see the README). Quotes name "
        "their speaker by slug, Wikidata id, name or alias; an object with a `name` creates an "
        "unknown person (needs add_person). Errors name the failing field, e.g. "
        "`quotes[2].text`. An article with the same canonical URL answers 409.",
        request=ArticlePayloadSerializer,
        responses={201: ArticleDetailSerializer},
    )
    def create(self, request, *args, **kwargs):
        try:
            stored = create_article(request.data, request.user)
        except IntegrityError as error:  # the same article posted twice at the same moment
            raise Conflict("This article was just stored by another request.") from error
        if not stored.created:
            raise Conflict(
                f"An article with this canonical URL already exists (id {stored.article.pk}): "
                "change it with PUT or PATCH."
            )
        return self.detail_response(stored.article, status.HTTP_201_CREATED)

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list":
            queryset = queryset.defer("body")
        else:
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


class PublisherViewSet(SlugLookupMixin, WritableModelMixin, ResourceViewSet):
    """Publishers (newspapers, agencies, broadcasters)."""

    queryset = Publisher.objects.order_by("name", "id")
    serializer_class = PublisherSerializer
    write_serializer_class = PublisherWriteSerializer


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
