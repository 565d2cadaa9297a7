from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actors.api.serializers import OrganizationRefSerializer, PersonRefSerializer
from actors.models import Affiliation
from quotes import selectors
from quotes.models import Article, Publisher, Quote, Topic


class PublisherSerializer(serializers.ModelSerializer):
    class Meta:
        model = Publisher
        fields = ["id", "name", "slug", "website"]


class PublisherRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Publisher
        fields = ["id", "name", "slug"]


class TopicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["id", "name", "slug"]


class ArticleRefSerializer(serializers.ModelSerializer):
    publisher = PublisherRefSerializer()

    class Meta:
        model = Article
        fields = ["id", "title", "publisher", "published_on", "url"]


class RoleSerializer(serializers.ModelSerializer):
    """The role the speaker held when speaking (stored on the quote, resolved on save)."""

    title = serializers.CharField(source="role")
    organization = OrganizationRefSerializer()

    class Meta:
        model = Affiliation
        fields = ["title", "organization", "start_date", "end_date"]


class QuoteSerializer(serializers.ModelSerializer):
    speaker = PersonRefSerializer(allow_null=True, help_text="The named person who said it.")
    speaking_organization = OrganizationRefSerializer(
        allow_null=True, help_text="An organization speaking as a body."
    )
    source_organization = OrganizationRefSerializer(
        allow_null=True, help_text="An unnamed source's organization ('a Hamas official')."
    )
    anonymous = serializers.BooleanField(source="is_anonymous")
    role = RoleSerializer(source="affiliation", allow_null=True)
    article = ArticleRefSerializer()
    topics = TopicSerializer(many=True)

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
            "role",
            "said_on",
            "channel",
            "cue",
            "article",
            "start_offset",
            "end_offset",
            "language",
            "status",
            "topics",
        ]


class QuoteListSerializer(QuoteSerializer):
    highlight = serializers.SerializerMethodField(
        help_text="With `q`: the quote text, HTML-escaped, matched terms in <mark>; else null."
    )

    class Meta(QuoteSerializer.Meta):
        fields = [*QuoteSerializer.Meta.fields, "highlight"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_highlight(self, quote):
        return getattr(quote, "highlight", None)


class QuoteDetailSerializer(QuoteSerializer):
    context = serializers.SerializerMethodField(
        help_text="The sentence(s) of the article around the quote."
    )
    citation = serializers.SerializerMethodField(
        help_text="Speaker, role, publisher and date, ready to paste."
    )

    class Meta(QuoteSerializer.Meta):
        fields = [*QuoteSerializer.Meta.fields, "context", "citation"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_context(self, quote):
        return selectors.quote_context(quote)

    @extend_schema_field(serializers.CharField())
    def get_citation(self, quote):
        return selectors.citation(quote)


class ArticleSerializer(serializers.ModelSerializer):
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
        fields = [*ArticleSerializer.Meta.fields, "quotes"]
