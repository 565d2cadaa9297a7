"""The OpenAPI schema: no warnings, valid OpenAPI 3, every parameter declared; docs offline."""

import io
import re

import pytest
import yaml
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_spectacular_validates_with_no_warnings():
    out = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    assert yaml.safe_load(out.getvalue())["openapi"].startswith("3.")


def test_schema_is_valid_openapi_3(schema):
    validate(schema)


def parameters(schema, path):
    return {p["name"]: p for p in schema["paths"][path]["get"].get("parameters", [])}


def test_quote_list_declares_every_parameter_it_reads(schema):
    declared = set(parameters(schema, "/api/v1/quotes/"))
    assert declared == {
        "q",
        "speaker",
        "organization",
        "include_sub_organizations",
        "role",
        "article",
        "publisher",
        "said_after",
        "said_before",
        "published_after",
        "published_before",
        "kind",
        "channel",
        "anonymous",
        "unattributed",
        "topic",
        "language",
        "status",
        "ordering",
        "cursor",
        "page_size",
        "format",
        "include",
    }
    q = parameters(schema, "/api/v1/quotes/")["q"]
    assert q["schema"]["maxLength"] == 200
    assert re.fullmatch(q["schema"]["pattern"], "netanyahu hostages")
    assert not re.fullmatch(q["schema"]["pattern"], "a\x00b")
    assert "websearch" in q["description"] or "web-search" in q["description"]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/api/v1/people/", {"q", "organization", "role", "active_on", "ordering"}),
        ("/api/v1/articles/", {"publisher", "published_after", "published_before", "has_quotes"}),
        ("/api/v1/organizations/{slug}/members/", {"active_on", "include_sub_organizations"}),
        ("/api/v1/people/{slug}/quotes/", {"q", "organization", "cursor"}),
    ],
)
def test_other_lists_declare_their_filters(schema, path, expected):
    assert expected <= set(parameters(schema, path))


def test_nested_lists_do_not_offer_the_filter_the_url_fixes(schema):
    assert "speaker" not in parameters(schema, "/api/v1/people/{slug}/quotes/")
    assert "organization" not in parameters(schema, "/api/v1/organizations/{slug}/quotes/")
    assert "organization" not in parameters(schema, "/api/v1/organizations/{slug}/members/")


def test_every_read_documents_its_errors(schema):
    for path, item in schema["paths"].items():
        operation = item.get("get")
        if operation is None or path == "/healthz":
            continue
        assert "404" in operation["responses"], path
        assert "400" in operation["responses"], path  # ?format=, filters, pages


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_docs_pages_reference_no_other_host(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "drf_spectacular_sidecar" in html
    # Every URL the page names is on this host (the fonts and the CDN are gone).
    hosts = set(re.findall(r"(?:https?:)?//([\w.-]+)", html))
    assert hosts <= {"testserver"}, hosts


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_docs_pages_forbid_the_browser_to_load_from_other_hosts(client, url):
    # ReDoc's bundle shows a logo from its maker's CDN: the policy blocks it.
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in client.get(url)["Content-Security-Policy"].split(";")
    )
    for directive in ("default-src", "img-src", "font-src", "connect-src", "style-src"):
        sources = policy[directive].split()
        assert all(source in {"'self'", "data:", "blob:", "'unsafe-inline'"} for source in sources)


def test_swagger_ui_shows_no_validator_badge_from_another_host(client):
    assert '"validatorUrl": null' in client.get("/api/docs/").content.decode()


def test_schema_endpoint_serves_json(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert "/api/v1/quotes/" in response.json()["paths"]


def test_the_article_payload_documents_null_as_absent_for_optional_fields(schema):
    # The import parser reads null as "left out"; the schema says so, or clients and fuzzers
    # take an accepted null for a bug.
    components = schema["components"]["schemas"]
    article, quote = components["ArticlePayloadRequest"], components["QuotePayloadRequest"]
    assert {"url", "authors", "language", "body", "quotes"} <= {
        name for name, field in article["properties"].items() if field.get("nullable")
    }
    assert {"kind", "cue", "channel", "status", "topics"} <= {
        name for name, field in quote["properties"].items() if field.get("nullable")
    }
    assert "null" in article["description"]


def test_responses_require_every_field_they_always_carry(schema):
    # Generated clients type an optional field as `T | undefined`; only a list's extras
    # (?include=) and a 400's `errors` may be absent, and /healthz adds `writes` only with ?deep=1.
    may_be_absent = {
        "QuoteList": {"context", "citation"},
        "ValidationError": {"errors"},
        "Health": {"writes"},
    }
    for name, component in schema["components"]["schemas"].items():
        if name.endswith("Request") or "properties" not in component:
            continue
        absent = set(component["properties"]) - set(component.get("required", []))
        assert absent == may_be_absent.get(name, set()), name


def test_a_field_that_may_be_null_is_nullable(schema):
    quote = schema["components"]["schemas"]["QuoteList"]["properties"]
    for name in ("said_on", "start_offset", "extraction_confidence", "speaker", "role"):
        assert quote[name].get("nullable"), name
    for name in ("text", "kind", "status", "cue", "article"):
        assert not quote[name].get("nullable"), name


def test_every_response_has_one_media_type(schema):
    # A union of JSON and text makes a generated client cast every JSON answer.
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            for code, response in operation["responses"].items():
                assert len(response.get("content", {})) <= 1, (method, path, code)
