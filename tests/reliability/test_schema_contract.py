"""The schema states what the server enforces, so clients and fuzzers read the real rules."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from config.api.schema import URL_PATTERN


@pytest.fixture(scope="module")
def components():
    return SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]


def test_every_request_body_rejects_unknown_properties(components):
    requests = {name: schema for name, schema in components.items() if name.endswith("Request")}
    assert requests
    for name, schema in requests.items():
        assert schema["additionalProperties"] is False, name


@pytest.mark.django_db
def test_an_unknown_body_property_is_a_400(editor_api):
    response = editor_api.post("/api/v1/people/", {"name": "Ada", "colour": "blue"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["colour"]


def test_request_urls_carry_the_pattern_urlvalidator_takes(components):
    for component in ("ArticlePayloadRequest", "ArticleWriteRequest", "PublisherWriteRequest"):
        field = "website" if component.startswith("Publisher") else "url"
        url, empty = components[component]["properties"][field]["oneOf"]
        assert (url["format"], url["pattern"], empty["maxLength"]) == ("uri", URL_PATTERN, 0)


def test_an_article_payloads_publisher_is_not_nullable(components):
    publisher = components["ArticlePayloadRequest"]["properties"]["publisher"]
    assert not publisher.get("nullable")
    assert "publisher" in components["ArticlePayloadRequest"]["required"]
