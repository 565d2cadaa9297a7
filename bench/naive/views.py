"""The DRF tutorial approach: ModelViewSets, nested ModelSerializers, no query tuning.

Deliberately naive, as a first version written from the tutorial would be: no
``select_related``/``prefetch_related`` (every nested object is a query per row),
``PageNumberPagination`` (a ``COUNT(*)`` per page), ``SearchFilter`` (``icontains`` on the
text, a sequential scan) and a CSV renderer that serialises the whole result in memory. The
queryset shows anonymous users' view (verified quotes), so the three systems answer with the
same rows.
"""

import csv
import io

import django_filters
from django.db.models import Q
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import filters, renderers, serializers, viewsets
from rest_framework.response import Response

from actors.models import Affiliation, Alias, Organization, Person
from quotes.models import Article, Publisher, Quote, Topic


class SearchFilter(filters.SearchFilter):
    search_param = "q"  # the same URLs as the project


# Serializers


class PersonRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "name", "slug"]


class OrganizationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "name", "slug"]


class PublisherSerializer(serializers.ModelSerializer):
    class Meta:
        model = Publisher
        fields = ["id", "name", "slug"]


class ArticleSerializer(serializers.ModelSerializer):
    publisher = PublisherSerializer()

    class Meta:
        model = Article
        fields = ["id", "title", "publisher", "published_on", "url"]


class TopicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["id", "name", "slug"]


class RoleSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="role")
    organization = OrganizationRefSerializer()

    class Meta:
        model = Affiliation
        fields = ["title", "organization", "start_date", "end_date"]


class QuoteSerializer(serializers.ModelSerializer):
    speaker = PersonRefSerializer(allow_null=True)
    speaking_organization = OrganizationRefSerializer(allow_null=True)
    source_organization = OrganizationRefSerializer(allow_null=True)
    anonymous = serializers.BooleanField(source="is_anonymous")
    role = RoleSerializer(source="affiliation", allow_null=True)
    article = ArticleSerializer()
    topics = TopicSerializer(many=True)

    class Meta:
        model = Quote
        fields = [
            "id", "text", "kind", "speaker", "speaking_organization", "source_organization",
            "attribution", "anonymous", "role", "said_on", "channel", "cue", "article",
            "start_offset", "end_offset", "language", "status", "topics",
        ]  # fmt: skip


class AliasSerializer(serializers.ModelSerializer):
    class Meta:
        model = Alias
        fields = ["name", "kind"]


class AffiliationSerializer(serializers.ModelSerializer):
    organization = OrganizationRefSerializer()

    class Meta:
        model = Affiliation
        fields = ["id", "organization", "role", "start_date", "end_date"]


class PersonSerializer(serializers.ModelSerializer):
    aliases = AliasSerializer(many=True)
    affiliations = AffiliationSerializer(many=True)

    class Meta:
        model = Person
        fields = [
            "id", "name", "sort_name", "slug", "description", "aliases", "wikidata_id",
            "birth_date", "death_date", "affiliations",
        ]  # fmt: skip


# CSV, the way a CSV renderer package does it: flatten the serialised list in memory.


def _flatten(value, prefix=""):
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            out.update(_flatten(item, f"{prefix}{key}."))
        return out
    if isinstance(value, list):
        return {prefix[:-1]: "|".join(str(_flatten(item).get("slug", item)) for item in value)}
    return {prefix[:-1]: value}


class CSVRenderer(renderers.BaseRenderer):
    media_type = "text/csv"
    format = "csv"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        rows = [_flatten(dict(item)) for item in data] if isinstance(data, list) else []
        header = list(rows[0]) if rows else []
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue().encode()


# Filters


class QuoteFilter(django_filters.FilterSet):
    speaker = django_filters.CharFilter(field_name="speaker__slug")
    said_after = django_filters.DateFilter(field_name="said_on", lookup_expr="gte")
    said_before = django_filters.DateFilter(field_name="said_on", lookup_expr="lte")
    organization = django_filters.CharFilter(method="filter_organization")
    include_sub_organizations = django_filters.BooleanFilter(method="ignore")

    class Meta:
        model = Quote
        fields = []

    def ignore(self, queryset, name, value):
        return queryset

    def filter_organization(self, queryset, name, value):
        organizations = list(Organization.objects.filter(slug=value))
        if self.data.get("include_sub_organizations") == "true":
            todo = list(organizations)
            while todo:
                children = list(todo.pop().children.all())
                organizations += children
                todo += children
        return queryset.filter(
            Q(affiliation__organization__in=organizations)
            | Q(speaking_organization__in=organizations)
            | Q(source_organization__in=organizations)
        )


# Views


class QuoteViewSet(viewsets.ModelViewSet):
    queryset = Quote.objects.filter(status="verified")  # the model orders by -said_on, -id
    serializer_class = QuoteSerializer
    filter_backends = [DjangoFilterBackend, SearchFilter]
    filterset_class = QuoteFilter
    search_fields = ["text"]
    renderer_classes = [renderers.JSONRenderer, renderers.BrowsableAPIRenderer, CSVRenderer]

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format == "csv":  # every match, unpaginated
            queryset = self.filter_queryset(self.get_queryset())
            return Response(self.get_serializer(queryset, many=True).data)
        return super().list(request, *args, **kwargs)


class PersonViewSet(viewsets.ModelViewSet):
    queryset = Person.objects.all()
    serializer_class = PersonSerializer
    lookup_field = "slug"
    filter_backends = [SearchFilter]
    search_fields = ["name", "aliases__name"]
