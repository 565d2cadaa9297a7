"""The browsable API: its filter form names and offers every filter, and its descriptions and
help texts are rendered, not shown as raw Markdown."""

import re

import pytest

from quotes.filtersets import PersonQuoteFilterSet, QuoteFilterSet
from tests.factories import PersonFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def page(client, url, **params) -> str:
    response = client.get(url, params, HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


def form_fields(html: str) -> dict[str, str]:
    """Each visible field of the filter form: its name -> its tag (input or select)."""
    form = html[html.index("Field filters") :]
    return {
        name: tag
        for tag, kind, name in re.findall(r'<(input|select)([^>]*?) name="([^"]+)"', form)
        if 'type="hidden"' not in kind
    }


def test_every_filter_has_a_label(client):
    QuoteFactory()
    for url in ("/api/v1/quotes/", "/api/v1/people/", "/api/v1/organizations/"):
        assert "[invalid name]" not in page(client, url), url


def test_slug_filters_are_text_boxes_in_the_form(client):
    fields = form_fields(page(client, "/api/v1/quotes/"))
    for name in ("speaker", "publisher", "topic", "organization", "q", "role"):
        assert fields.get(name) == "input", name


def test_a_true_or_false_filter_is_a_choice(client):
    html = page(client, "/api/v1/quotes/", anonymous="true")
    assert form_fields(html)["anonymous"] == "select"
    assert re.search(r'<option value="true" selected>yes</option>', html)


def test_repeated_slugs_show_in_their_box(client):
    html = page(client, "/api/v1/quotes/", speaker=["ana-ruiz", "dana-levi"])
    assert re.search(r'name="speaker" value="ana-ruiz dana-levi"', html)


def test_the_form_sends_only_the_fields_filled_in(client):
    # An empty parameter answers 400 ("Give a value or leave the parameter out").
    html = page(client, "/api/v1/quotes/")
    assert "field.disabled = true" in html


def test_descriptions_and_help_texts_show_code_not_backticks(client):
    html = page(client, "/api/v1/quotes/")
    assert "``" not in html
    assert "<code>verify_quote</code>" in html  # the view's description
    assert "<code>-said_on</code>" in html  # a filter's help text
    help_texts = re.findall(r'class="helptext"[^>]*>(.*?)</', html, re.S)
    assert help_texts and not any("`" in text for text in help_texts)


def test_a_help_text_shared_by_nested_lists_is_converted_once(client, monkeypatch):
    # The FilterSets of /quotes/ and /people/{slug}/quotes/ share their filters' form fields
    # once the schema has read them; each builds its form class once per process.
    for filterset in (QuoteFilterSet, PersonQuoteFilterSet):
        if "_form_class_built_once" in filterset.__dict__:
            monkeypatch.delattr(filterset, "_form_class_built_once")
    assert client.get("/api/schema/").status_code == 200
    PersonFactory(slug="ana-ruiz")
    for url in ("/api/v1/people/ana-ruiz/quotes/", "/api/v1/quotes/"):
        html = page(client, url)
        assert "<code>-said_on</code>" in html, url
        assert "&lt;code&gt;" not in html, url
