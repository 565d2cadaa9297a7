"""``?format=``: one rule for every endpoint, as the schema says."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from tests.factories import PersonFactory, QuoteFactory

pytestmark = pytest.mark.django_db

LISTS = ["/api/v1/quotes/", "/api/v1/people/", "/api/v1/people/p/quotes/", "/api/v1/articles/"]


@pytest.fixture
def data():
    QuoteFactory(speaker=PersonFactory(slug="p"))


@pytest.mark.parametrize("url", LISTS)
def test_format_json_answers_the_json_list(api, data, url):
    response = api.get(url, {"format": "json"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["results"]


@pytest.mark.parametrize("url", LISTS)
def test_format_api_answers_the_browsable_api(api, data, url):
    response = api.get(url, {"format": "api"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("url", [*LISTS, "/api/v1/people/p/"])
def test_any_other_format_is_a_400_naming_the_accepted_ones(api, data, url):
    response = api.get(url, {"format": "xlsx"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["errors"] == {"format": ['"xlsx" is not a format here: json, api.']}


def test_csv_on_a_list_without_a_download_is_a_400_not_ignored(api, data):
    response = api.get("/api/v1/people/", {"format": "csv"})
    assert response.status_code == 400
    assert "csv" in response.json()["errors"]["format"][0]


def test_the_schema_declares_the_format_parameter_on_every_json_read():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    for path, item in schema["paths"].items():
        operation = item.get("get")
        if operation is None or path == "/healthz":
            continue
        declared = {p["name"]: p for p in operation.get("parameters", [])}
        is_download = "application/json" not in operation["responses"]["200"]["content"]
        assert (
            ("format" not in declared)
            if is_download
            else (declared["format"]["schema"]["enum"] == ["json"])
        ), path


def test_an_empty_format_is_a_400_like_any_empty_parameter(api, data):
    response = api.get("/api/v1/", {"format": ""})
    assert response.status_code == 400
    assert response.json()["errors"] == {"format": ["Give a value or leave the parameter out."]}
