from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actors import selectors
from actors.models import Affiliation, Alias, Organization, Person
from config.api.serializers import (
    ModelCleanSerializer,
    ReadModelSerializer,
    SluggedWriteSerializer,
    SlugReference,
    StrictInputMixin,
)


class PersonRefSerializer(ReadModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "name", "slug"]


class OrganizationRefSerializer(ReadModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "name", "slug"]


class AliasNamesField(serializers.ListField):
    """The names of the aliases (``selectors.with_alias_names``)."""

    child = serializers.CharField()

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("source", "alias_names")
        kwargs.setdefault("help_text", "Other names the press uses: surnames, transliterations.")
        super().__init__(**kwargs)


class PersonAffiliationSerializer(ReadModelSerializer):
    organization = OrganizationRefSerializer()

    class Meta:
        model = Affiliation
        fields = ["id", "organization", "role", "start_date", "end_date"]


class AffiliationSerializer(ReadModelSerializer):
    person = PersonRefSerializer()
    organization = OrganizationRefSerializer()

    class Meta:
        model = Affiliation
        fields = ["id", "person", "organization", "role", "start_date", "end_date"]


class PersonSerializer(ReadModelSerializer):
    aliases = AliasNamesField()

    class Meta:
        model = Person
        fields = [
            "id",
            "name",
            "sort_name",
            "slug",
            "description",
            "aliases",
            "wikidata_id",
            "birth_date",
            "death_date",
        ]


class PersonDetailSerializer(PersonSerializer):
    current_affiliations = serializers.SerializerMethodField(
        help_text="Roles not ended today (or with no known end)."
    )
    past_affiliations = serializers.SerializerMethodField(help_text="Roles that have ended.")

    class Meta(PersonSerializer.Meta):
        fields = [*PersonSerializer.Meta.fields, "current_affiliations", "past_affiliations"]

    def _split(self, person):
        if not hasattr(person, "_split_affiliations"):
            person._split_affiliations = selectors.split_affiliations(person.affiliations.all())
        return person._split_affiliations

    @extend_schema_field(PersonAffiliationSerializer(many=True))
    def get_current_affiliations(self, person):
        return PersonAffiliationSerializer(self._split(person)[0], many=True).data

    @extend_schema_field(PersonAffiliationSerializer(many=True))
    def get_past_affiliations(self, person):
        return PersonAffiliationSerializer(self._split(person)[1], many=True).data


class OrganizationSerializer(ReadModelSerializer):
    parent = OrganizationRefSerializer(allow_null=True)
    aliases = AliasNamesField()

    class Meta:
        model = Organization
        fields = [
            "id",
            "name",
            "slug",
            "classification",
            "country",
            "parent",
            "aliases",
            "wikidata_id",
        ]


class OrganizationDetailSerializer(OrganizationSerializer):
    children = OrganizationRefSerializer(many=True, help_text="The organizations directly below.")

    class Meta(OrganizationSerializer.Meta):
        fields = [*OrganizationSerializer.Meta.fields, "children"]


# Writes: the fields a client may set, validated by the models.


class PersonWriteSerializer(SluggedWriteSerializer):
    class Meta:
        model = Person
        fields = [
            "name",
            "sort_name",
            "slug",
            "description",
            "wikidata_id",
            "birth_date",
            "death_date",
        ]
        extra_kwargs = {"slug": {"required": False}}


class OrganizationWriteSerializer(SluggedWriteSerializer):
    parent = SlugReference(
        queryset=Organization.objects.all(),
        required=False,
        allow_null=True,
        help_text="The parent organization's slug.",
    )

    class Meta:
        model = Organization
        fields = ["name", "slug", "classification", "country", "parent", "wikidata_id"]
        extra_kwargs = {"slug": {"required": False}}


class AffiliationWriteSerializer(ModelCleanSerializer):
    person = SlugReference(queryset=Person.objects.all())
    organization = SlugReference(queryset=Organization.objects.all())

    class Meta:
        model = Affiliation
        fields = ["person", "organization", "role", "start_date", "end_date"]
        validators = []  # the model's constraints answer, with their own messages


class AliasSerializer(ReadModelSerializer):
    person = PersonRefSerializer(allow_null=True)
    organization = OrganizationRefSerializer(allow_null=True)

    class Meta:
        model = Alias
        fields = ["id", "name", "kind", "person", "organization"]


class AliasWriteSerializer(ModelCleanSerializer):
    person = SlugReference(queryset=Person.objects.all(), required=False, allow_null=True)
    organization = SlugReference(
        queryset=Organization.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Alias
        fields = ["name", "kind", "person", "organization"]
        validators = []


class PersonMergeSerializer(StrictInputMixin, serializers.Serializer):
    duplicate = SlugReference(
        queryset=Person.objects.all(),
        help_text="The slug of the person entered twice; it is merged into this one and deleted.",
    )

    def validate_duplicate(self, duplicate):
        if duplicate.pk == self.context["survivor"].pk:
            raise serializers.ValidationError("A person cannot be merged into themselves.")
        return duplicate
