from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actors import selectors
from actors.models import Affiliation, Organization, Person


class PersonRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "name", "slug"]


class OrganizationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "name", "slug"]


class AliasNamesField(serializers.ListField):
    """The names of the prefetched ``aliases`` (declare it as ``aliases``)."""

    child = serializers.CharField()

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("help_text", "Other names the press uses: surnames, transliterations.")
        super().__init__(**kwargs)

    def to_representation(self, aliases):
        return [alias.name for alias in aliases.all()]


class PersonAffiliationSerializer(serializers.ModelSerializer):
    organization = OrganizationRefSerializer()

    class Meta:
        model = Affiliation
        fields = ["id", "organization", "role", "start_date", "end_date"]


class AffiliationSerializer(serializers.ModelSerializer):
    person = PersonRefSerializer()
    organization = OrganizationRefSerializer()

    class Meta:
        model = Affiliation
        fields = ["id", "person", "organization", "role", "start_date", "end_date"]


class PersonSerializer(serializers.ModelSerializer):
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


class OrganizationSerializer(serializers.ModelSerializer):
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
