from __future__ import annotations

import functools

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actors.api.serializers import OrganizationRefSerializer, PersonRefSerializer
from actors.choices import OrganizationClassification
from actors.models import Affiliation, Organization, Person
from config.api.serializers import (
    ModelCleanSerializer,
    ReadModelSerializer,
    SluggedWriteSerializer,
    SlugReference,
    StrictInputMixin,
)
from quotes import citations, selectors
from quotes.choices import Channel, QuoteKind, ReviewStatus
from quotes.ingest import payload
from quotes.models import Article, Publisher, Quote, Topic


class PublisherSerializer(ReadModelSerializer):
    class Meta:
        model = Publisher
        fields = ["id", "name", "slug", "website"]


class PublisherRefSerializer(ReadModelSerializer):
    class Meta:
        model = Publisher
        fields = ["id", "name", "slug"]


class TopicSerializer(ReadModelSerializer):
    class Meta:
        model = Topic
        fields = ["id", "name", "slug"]


class ArticleRefSerializer(ReadModelSerializer):
    publisher = PublisherRefSerializer()

    class Meta:
        model = Article
        fields = ["id", "title", "publisher", "published_on", "url"]


class RoleSerializer(ReadModelSerializer):
    """The role the speaker held when speaking (stored on the quote, resolved on save)."""

    # Reads the quote's ``role_ref`` (QuoteQuerySet.with_relations).

    title = serializers.CharField(source="role")
    organization = OrganizationRefSerializer()

    class Meta:
        model = Affiliation
        fields = ["title", "organization", "start_date", "end_date"]


class QuoteSerializer(ReadModelSerializer):
    speaker = PersonRefSerializer(allow_null=True, help_text="The named person who said it.")
    speaking_organization = OrganizationRefSerializer(
        source="speaking_organization_ref",
        allow_null=True,
        help_text="An organization speaking as a body.",
    )
    source_organization = OrganizationRefSerializer(
        source="source_organization_ref",
        allow_null=True,
        help_text="An unnamed source's organization ('a Hamas official').",
    )
    anonymous = serializers.BooleanField(source="is_anonymous")
    unattributed = serializers.BooleanField(
        source="is_unattributed",
        help_text="Reported without a source ('accusations have mounted'); `cue` has the words.",
    )
    role = RoleSerializer(source="role_ref", allow_null=True)
    article = ArticleRefSerializer()
    topics = TopicSerializer(many=True, source="topic_refs")

    class Meta:
        model = Quote
        fields = [
            "id",
            "text",
            "kind",
            "speaker",
            "speaking_organization",
            "source_organization",
            "attribution",
            "anonymous",
            "source_label",
            "unattributed",
            "role",
            "said_on",
            "channel",
            "cue",
            "place",
            "article",
            "start_offset",
            "end_offset",
            "language",
            "status",
            "retraction_reason",
            "extractor_version",
            "extraction_confidence",
            "topics",
        ]


CONTEXT_HELP = "The sentence(s) of the article around the quote; null without offsets."
CITATION_HELP = (
    "Who said it, in which role, worded by kind (said, paraphrased, according to), with the "
    "publisher and date, ready to paste."
)
# What a list adds to each quote when asked (``?include=context&include=citation``).
LIST_INCLUDES = ("context", "citation")


class QuoteListSerializer(QuoteSerializer):
    highlight = serializers.SerializerMethodField(
        help_text="With `q`: the quote text, HTML-escaped, matched terms in <mark>; else null."
    )
    context = serializers.SerializerMethodField(
        help_text=f"{CONTEXT_HELP} Only with `include=context`."
    )
    citation = serializers.SerializerMethodField(
        help_text=f"{CITATION_HELP} Only with `include=citation`."
    )

    class Meta(QuoteSerializer.Meta):
        fields = [*QuoteSerializer.Meta.fields, "highlight", *LIST_INCLUDES]
        present_only_when_asked = LIST_INCLUDES

    @classmethod
    @functools.cache
    def including(cls, names: frozenset[str]) -> type[QuoteListSerializer]:
        """This serializer without the extras not asked for (one class per choice, built
        once, so that a list pays nothing for an extra it did not ask for)."""
        left_out = {name: None for name in LIST_INCLUDES if name not in names}
        meta = type(
            "Meta", (cls.Meta,), {"fields": [n for n in cls.Meta.fields if n not in left_out]}
        )
        return type(cls.__name__, (cls,), {**left_out, "Meta": meta, "__module__": cls.__module__})

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_highlight(self, quote):
        return getattr(quote, "highlight", None)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_context(self, quote):
        return selectors.quote_context(quote)

    @extend_schema_field(serializers.CharField())
    def get_citation(self, quote):
        return citations.citation(quote)


class QuoteDetailSerializer(QuoteSerializer):
    context = serializers.SerializerMethodField(help_text=CONTEXT_HELP)
    citation = serializers.SerializerMethodField(help_text=CITATION_HELP)

    class Meta(QuoteSerializer.Meta):
        fields = [*QuoteSerializer.Meta.fields, "context", "citation"]

    get_context = QuoteListSerializer.get_context
    get_citation = QuoteListSerializer.get_citation


class ArticleSerializer(ReadModelSerializer):
    publisher = PublisherRefSerializer()

    class Meta:
        model = Article
        fields = ["id", "title", "url", "publisher", "published_on", "authors", "language"]


class ArticleQuoteSerializer(QuoteSerializer):
    class Meta(QuoteSerializer.Meta):
        fields = [name for name in QuoteSerializer.Meta.fields if name != "article"]


class ArticleDetailSerializer(ArticleSerializer):
    quotes = ArticleQuoteSerializer(
        many=True, source="visible_quotes", help_text="Its quotes, in reading order."
    )

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "body", "quotes"]
        extra_kwargs = {
            "body": {
                "help_text": "The article's text. Each quote is the span from its "
                "`start_offset` to its `end_offset`, counted in Unicode code points (a "
                "JavaScript string counts UTF-16 units: slice `Array.from(body)`)."
            }
        }


# Writes: the fields a client may set, validated by the models. Review status, reviewer,
# offsets (the body decides them) and timestamps are never assigned by clients.


def _slug_of(model, help_text):
    return SlugReference(
        queryset=model.objects.all(),
        required=False,
        allow_null=True,
        help_text=help_text,
    )


class QuoteWriteSerializer(ModelCleanSerializer):
    article = serializers.PrimaryKeyRelatedField(queryset=Article.objects.all())
    speaker = _slug_of(Person, "The speaker's slug.")
    speaking_organization = _slug_of(Organization, "Slug of an organization speaking as a body.")
    source_organization = _slug_of(Organization, "Slug of an unnamed source's organization.")
    anonymous = serializers.BooleanField(source="is_anonymous", required=False)
    unattributed = serializers.BooleanField(source="is_unattributed", required=False)
    role = serializers.PrimaryKeyRelatedField(
        source="affiliation",
        queryset=Affiliation.objects.all(),
        required=False,
        allow_null=True,
        help_text="The speaker's affiliation id; left out, the role held on `said_on` (or, "
        "when that is unknown, on the article's date).",
    )
    topics = SlugReference(queryset=Topic.objects.all(), many=True, required=False)

    class Meta:
        model = Quote
        fields = [
            "article",
            "text",
            "kind",
            "speaker",
            "speaking_organization",
            "source_organization",
            "attribution",
            "anonymous",
            "unattributed",
            "source_label",
            "role",
            "said_on",
            "channel",
            "cue",
            "place",
            "language",
            "topics",
            "extractor_version",
            "extraction_confidence",
        ]

    def prepare_candidate(self, candidate, attrs):
        # A new speaker or date means a new role, unless the client names one.
        role_may_change = {"speaker", "said_on"} & attrs.keys()
        if self.instance is not None and role_may_change and "affiliation" not in attrs:
            candidate.affiliation = attrs["affiliation"] = None


class PublisherWriteSerializer(SluggedWriteSerializer):
    class Meta:
        model = Publisher
        fields = ["name", "slug", "website"]
        extra_kwargs = {"slug": {"required": False}}


class ArticleWriteSerializer(ModelCleanSerializer):
    publisher = SlugReference(queryset=Publisher.objects.all(), help_text="The publisher's slug.")

    class Meta:
        model = Article
        fields = ["publisher", "title", "url", "published_on", "authors", "language", "body"]


class QuoteReviewSerializer(StrictInputMixin, serializers.Serializer):
    status = serializers.ChoiceField(choices=ReviewStatus.choices)
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=2000,
        help_text="Why the quote is retracted (required for a retraction, else empty).",
    )


# The article payload of POST /articles/ (and of import files), described for the schema from
# the contract that quotes.ingest validates it against: its keys (tests/ingest/test_contract.py
# holds the two together) and its length limits.


def _reference(
    text: str, keys: set, object_text: str, *, nullable=True, required=(), **types
) -> dict:
    """A reference: a string, or an object of the keys the importer reads (each may be null
    unless required)."""
    properties = {
        key: {
            "type": "string",
            **({} if key in required else {"nullable": True}),
            **types.get(key, {}),
        }
        for key in sorted(keys)
    }
    reference = {"type": "object", "properties": properties, "description": object_text}
    if required:
        reference["required"] = list(required)
    schema = {"oneOf": [{"type": "string", "description": text}, reference]}
    return {**schema, "nullable": True} if nullable else schema


CREATES = "creates the {} when unknown (needs the add_person permission)"


@extend_schema_field(
    _reference(
        "A slug, a Wikidata id (Q...), a name or an alias; a name " + CREATES.format("person"),
        payload.PERSON_REF_KEYS,
        "With `name`, " + CREATES.format("person"),
    )
)
class PersonReferenceField(serializers.JSONField):
    pass


@extend_schema_field(
    _reference(
        "A slug, a Wikidata id (Q...), a name or an alias; a name "
        + CREATES.format("organization"),
        payload.ORGANIZATION_REF_KEYS,
        "With `name`, " + CREATES.format("organization"),
        classification={"enum": OrganizationClassification.values},
    )
)
class OrganizationReferenceField(serializers.JSONField):
    pass


@extend_schema_field(
    _reference(
        "A slug, or a name.",
        payload.PUBLISHER_KEYS,
        "With `name`, creates the publisher when unknown.",
        nullable=False,
    )
)
class PublisherReferenceField(serializers.JSONField):
    pass


@extend_schema_field(
    _reference(
        "A slug.",
        payload.TOPIC_KEYS,
        "Creates the topic when unknown (`name` defaults to the slug).",
        nullable=False,
        required=("slug",),
    )
)
class TopicReferenceField(serializers.JSONField):
    pass


def _optional_text(max_length: int, **kwargs) -> serializers.CharField:
    """A text that may be left out, sent null or empty: the three mean the same."""
    return serializers.CharField(
        max_length=max_length, required=False, allow_null=True, allow_blank=True, **kwargs
    )


class RolePayloadSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=payload.ROLE_LIMITS["title"])
    organization = OrganizationReferenceField()
    start_date = serializers.DateField(required=False, allow_null=True)
    end_date = serializers.DateField(required=False, allow_null=True)


class QuotePayloadSerializer(serializers.Serializer):
    """A quote of an article payload. An optional field may be null: the same as leaving it out."""

    text = serializers.CharField(help_text="Verbatim from the body.")
    kind = serializers.ChoiceField(choices=QuoteKind.choices, required=False, allow_null=True)
    speaker = PersonReferenceField(required=False)
    speaking_organization = OrganizationReferenceField(required=False)
    source_organization = OrganizationReferenceField(required=False)
    attribution = _optional_text(payload.QUOTE_LIMITS["attribution"])
    anonymous = serializers.BooleanField(required=False)
    unattributed = serializers.BooleanField(
        required=False, help_text="Reported without a source: then no speaker or attribution."
    )
    source_label = _optional_text(payload.QUOTE_LIMITS["source_label"])
    role = RolePayloadSerializer(required=False, allow_null=True)
    said_on = serializers.DateField(required=False, allow_null=True)
    channel = serializers.ChoiceField(choices=Channel.choices, required=False, allow_null=True)
    cue = _optional_text(payload.QUOTE_LIMITS["cue"])
    place = _optional_text(payload.QUOTE_LIMITS["place"])
    start_offset = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    end_offset = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    language = _optional_text(payload.QUOTE_LIMITS["language"], help_text="Default: the article's.")
    status = serializers.ChoiceField(
        choices=ReviewStatus.choices,
        required=False,
        allow_null=True,
        help_text="Not draft: reviewers only.",
    )
    retraction_reason = _optional_text(
        None, help_text="Why it is retracted: required with status retracted, else empty."
    )
    topics = serializers.ListField(child=TopicReferenceField(), required=False, allow_null=True)
    extractor_version = _optional_text(
        payload.QUOTE_LIMITS["extractor_version"],
        help_text="What proposed the quote; empty when by hand.",
    )
    extraction_confidence = serializers.FloatField(
        min_value=0, max_value=1, required=False, allow_null=True
    )


class ArticlePayloadSerializer(serializers.Serializer):
    """An article with its quotes, the shape ``import_articles`` reads. An optional field may be
    null: the same as leaving it out."""

    publisher = PublisherReferenceField()
    title = serializers.CharField(max_length=payload.ARTICLE_LIMITS["title"])
    url = serializers.URLField(
        max_length=payload.ARTICLE_LIMITS["url"],
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="Canonical URL.",
    )
    published_on = serializers.DateField()
    authors = serializers.ListField(
        child=serializers.CharField(max_length=payload.ARTICLE_LIMITS["authors"]),
        required=False,
        allow_null=True,
    )
    language = _optional_text(payload.ARTICLE_LIMITS["language"], help_text='Default: "en".')
    body = serializers.CharField(
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="Required when there are quotes.",
    )
    quotes = QuotePayloadSerializer(many=True, required=False, allow_null=True)
