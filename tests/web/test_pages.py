"""The quote, person, organization and article pages; not found and failure pages; caching."""

import datetime
import json
import re

import pytest
from django.test import Client

from actors.models import PersonRedirect
from quotes.choices import QuoteKind, ReviewStatus
from tests.factories import (
    AffiliationFactory,
    ArticleFactory,
    OrganizationFactory,
    PersonFactory,
    QuoteFactory,
)

pytestmark = pytest.mark.django_db


def seed_quote(client, phrase: str) -> int:
    (row,) = client.get("/api/v1/quotes/", {"q": f'"{phrase}"'}).json()["results"]
    return row["id"]


# A quote


def test_a_quote_page_shows_the_quote_in_its_paragraph_with_who_said_it(client, seed):
    pk = seed_quote(client, "no negotiations under fire")
    response = client.get(f"/quotes/{pk}/")
    assert response.status_code == 200
    html = response.text
    assert html.count("<h1") == 1
    assert "“<mark>No negotiations under fire,</mark>” the official, Basem Naim, said" in html
    assert '<a href="/people/basem-naim/">Basem Naim</a>' in html
    assert 'Member of the Political Bureau, <a href="/organizations/hamas/">Hamas</a>' in html
    assert "<dd>Direct quote</dd>" in html
    assert "<dd>“said”</dd>" in html
    assert f'href="/articles/1/#quote-{pk}"' in html


@pytest.mark.parametrize(
    ("phrase", "kind", "wording"),
    [
        ("no negotiations under fire", "Direct quote", "said, as quoted in The New York Times"),
        ("far outmatched", "Paraphrase", "as paraphrased in The New York Times"),
        ("leaders are hiding", "Attributed claim", "According to Israel, as reported in"),
    ],
)
def test_the_citation_is_worded_for_the_kind(client, seed, phrase, kind, wording):
    response = client.get(f"/quotes/{seed_quote(client, phrase)}/")
    assert f"<dd>{kind}</dd>" in response.text
    plain = re.search(r'id="citation-plain">(.*?)</p>', response.text).group(1)
    assert wording in plain
    assert 'id="citation-chicago"' in response.text
    assert 'id="citation-apa"' in response.text


def test_a_quote_page_embeds_a_schema_org_quotation(client, seed):
    pk = seed_quote(client, "no negotiations under fire")
    response = client.get(f"/quotes/{pk}/")
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.text, re.S)
    data = json.loads(raw.group(1))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Quotation"
    assert data["text"] == "No negotiations under fire,"
    assert data["creator"]["name"] == "Basem Naim"
    assert data["isPartOf"]["@type"] == "NewsArticle"
    assert data["url"] == f"http://testserver/quotes/{pk}/"


def test_markup_in_a_quote_cannot_break_out_of_the_json_ld(client):
    article = ArticleFactory(body="He wrote </script><script>alert(1)</script> today.")
    quote = QuoteFactory(article=article, text="</script><script>alert(1)</script>")
    response = client.get(f"/quotes/{quote.pk}/")
    assert "<script>alert(1)" not in response.text
    assert "\\u003C/script\\u003E" in response.text


@pytest.mark.parametrize("status", [ReviewStatus.DRAFT, ReviewStatus.RETRACTED])
def test_a_quote_not_verified_has_no_page(admin_client, status):
    quote = QuoteFactory(status=status)
    response = admin_client.get(f"/quotes/{quote.pk}/")
    assert response.status_code == 404
    assert "Nothing here" in response.text


def test_an_unknown_quote_answers_the_designed_not_found_page(client):
    response = client.get("/quotes/999999/")
    assert response.status_code == 404
    assert "<h1>Nothing here</h1>" in response.text
    assert 'action="/"' in response.text  # a search box to go on


@pytest.mark.parametrize("debug", [False, True], ids=["production", "development"])
def test_an_address_no_page_answers_is_the_designed_not_found_page(client, settings, debug):
    settings.DEBUG = debug
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "<h1>Nothing here</h1>" in response.text


def test_an_address_missing_its_slash_is_redirected_in_development_too(client, settings):
    settings.DEBUG = True
    response = client.get("/quotes/999999")
    assert response.status_code == 301
    assert response["Location"] == "/quotes/999999/"


def test_a_failure_answers_the_designed_error_page_not_a_traceback(seed, monkeypatch):
    def broken(quote):
        raise RuntimeError("the disk is on fire")

    monkeypatch.setattr("web.views.selectors.paragraph_around", broken)
    client = Client(raise_request_exception=False)
    response = client.get("/quotes/5/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.text
    assert "disk is on fire" not in response.text


# A person


def test_a_person_page_shows_names_roles_chart_and_quotes(client, seed):
    response = client.get("/people/benjamin-netanyahu/")
    assert response.status_code == 200
    html = response.text
    assert "<h1>Benjamin Netanyahu</h1>" in html
    assert "Bibi" in html
    assert 'href="https://www.wikidata.org/wiki/Q43723"' in html
    assert "December 29, 2022 – no known end" in html
    assert 'Prime Minister, <a href="/organizations/prime-ministers-office-israel/">' in html
    assert re.search(r'<svg viewBox="[^"]+" role="img"', html)
    assert '<rect class="bar"' in html
    assert "<title>Dec 2023: 3 quotes</title>" in html
    assert html.count('class="quote-link"') == 3
    assert 'href="/people/benjamin-netanyahu/feed/"' in html


def test_a_person_page_searches_within_their_quotes(client, seed):
    response = client.get("/people/benjamin-netanyahu/", {"q": "hostages"})
    assert "1 quote match “hostages”" in response.text
    assert "<mark>hostages</mark>" in response.text


def test_a_merged_person_redirects_to_the_person_kept(client, seed):
    PersonRedirect.objects.create(old_slug="bibi-netanyahu", person_id=4)
    response = client.get("/people/bibi-netanyahu/")
    assert response.status_code == 301
    assert response["Location"] == "/people/benjamin-netanyahu/"


def test_an_unknown_person_answers_the_designed_not_found_page(client):
    response = client.get("/people/nobody/")
    assert response.status_code == 404
    assert "Nothing here" in response.text


# An organization


def test_an_organization_page_shows_everything_it_and_its_officials_said(client, seed):
    response = client.get("/organizations/hamas/", {"active_on": "2023-12-20"})
    assert response.status_code == 200
    html = response.text
    assert "<h1>Hamas</h1>" in html
    assert '<a href="/organizations/gaza-health-ministry/">Gaza Health Ministry</a>' in html
    assert "Members on December 20, 2023" in html
    assert '<a href="/people/ismail-haniyeh/">Ismail Haniyeh</a>, Head of the Political Bureau' in (
        html
    )
    sources = {"Basem Naim", "Zaher Jabareen", "A second Hamas official"}
    assert all(source in html for source in sources)


def test_members_default_to_today(client):
    organization = OrganizationFactory(slug="ministry")
    AffiliationFactory(organization=organization, person=PersonFactory(name="Ana Ruiz"))
    AffiliationFactory(
        organization=organization,
        person=PersonFactory(name="Old Minister"),
        start_date=datetime.date(2001, 1, 1),
        end_date=datetime.date(2002, 1, 1),
    )
    response = client.get("/organizations/ministry/")
    assert f"Members on {datetime.date.today():%B} {datetime.date.today().day}," in response.text
    assert "Ana Ruiz" in response.text
    assert "Old Minister" not in response.text


def test_sub_organizations_are_included_on_request(client, seed):
    without = client.get("/organizations/hamas/", {"q": "20,000"})
    with_subs = client.get(
        "/organizations/hamas/", {"q": "20,000", "include_sub_organizations": "true"}
    )
    assert "Gaza health authorities" not in without.text
    assert "Gaza health authorities" in with_subs.text


def test_a_malformed_members_date_answers_400_at_the_field(client, seed):
    response = client.get("/organizations/hamas/", {"active_on": "20/12/2023"})
    assert response.status_code == 400
    assert 'id="active_on-errors"' in response.text


# An article


def test_an_article_page_marks_every_verified_quote_with_a_link(client):
    body = "“We will not stop,” she said. “Aid must flow,” he said. “Never,” they said."
    article = ArticleFactory(body=body, title="Talks")
    first = QuoteFactory(article=article, text="We will not stop,")
    second = QuoteFactory(article=article, text="Aid must flow,", kind=QuoteKind.PARAPHRASE)
    QuoteFactory(article=article, text="Never,", status=ReviewStatus.DRAFT)
    response = client.get(f"/articles/{article.pk}/")
    html = response.text
    for quote in (first, second):
        assert f'<a class="marked" href="/quotes/{quote.pk}/"><mark>{quote.text}</mark></a>' in html
        assert f'id="quote-{quote.pk}"' in html
    assert "<mark>Never,</mark>" not in html
    assert "2 verified" in html


def test_an_unknown_article_answers_the_designed_not_found_page(client):
    assert client.get("/articles/424242/").status_code == 404


# Caching


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/?q=hostages",
        "/quotes/5/",
        "/people/benjamin-netanyahu/",
        "/organizations/hamas/",
        "/articles/1/",
        "/feed/",
    ],
)
def test_public_pages_may_be_cached_and_answer_a_repeat_with_304(client, seed, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert "max-age=60" in response["Cache-Control"]
    assert "Cookie" not in response.get("Vary", "")
    repeat = client.get(url, headers={"if-none-match": response["ETag"]})
    assert repeat.status_code == 304


def test_pages_in_error_are_not_marked_for_caches(client):
    response = client.get("/", {"said_after": "soon"})
    assert "public" not in response.get("Cache-Control", "")


def test_the_error_page_renders_without_static_files_or_a_database(settings):
    from django.template.loader import render_to_string

    settings.STATIC_URL = None  # {% static %} would fail
    assert "Something went wrong on our side" in render_to_string("500.html")
