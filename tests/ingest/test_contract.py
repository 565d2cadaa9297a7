"""One contract for the article payload: what the importer reads (quotes.ingest.payload) is what
the OpenAPI schema of POST /articles/ describes and what the payload's docstring shows."""

import re

import pytest
from drf_spectacular.generators import SchemaGenerator

from quotes.ingest import payload

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def components():
    return SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]


def object_keys(reference: dict) -> set:
    return set(next(s for s in reference["oneOf"] if s["type"] == "object")["properties"])


def max_length(schema: dict) -> int:
    """The longest string a property takes (of its items for an array; "" counts for none)."""
    schema = schema.get("items", schema)
    return max(choice.get("maxLength", 0) for choice in schema.get("oneOf", [schema]))


def test_the_schema_describes_every_field_the_importer_reads_and_no_other(components):
    properties = {
        name: set(components[f"{name}PayloadRequest"]["properties"])
        for name in ["Article", "Quote", "Role"]
    }
    assert properties == {
        "Article": payload.ARTICLE_KEYS,
        "Quote": payload.QUOTE_KEYS,
        "Role": payload.ROLE_KEYS,
    }


def test_the_schema_describes_each_reference_object_as_the_importer_reads_it(components):
    article = components["ArticlePayloadRequest"]["properties"]
    quote = components["QuotePayloadRequest"]["properties"]
    role = components["RolePayloadRequest"]["properties"]
    assert object_keys(article["publisher"]) == payload.PUBLISHER_KEYS
    assert object_keys(quote["speaker"]) == payload.PERSON_REF_KEYS
    for organization in [
        quote["speaking_organization"],
        quote["source_organization"],
        role["organization"],
    ]:
        assert object_keys(organization) == payload.ORGANIZATION_REF_KEYS
    assert object_keys(quote["topics"]["items"]) == payload.TOPIC_KEYS


def test_the_schemas_length_limits_are_the_importers(components):
    for name, limits in [
        ("Article", payload.ARTICLE_LIMITS),
        ("Quote", payload.QUOTE_LIMITS),
        ("Role", payload.ROLE_LIMITS),
    ]:
        properties = components[f"{name}PayloadRequest"]["properties"]
        described = {key: max_length(properties[key]) for key in limits}
        assert described == limits


def test_the_documented_example_shows_every_field():
    shown = set(re.findall(r'"(\w+)":', payload.__doc__))
    assert (payload.ARTICLE_KEYS | payload.QUOTE_KEYS) - shown == set()
