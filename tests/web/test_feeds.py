"""Atom feeds of a search, a person and an organization: newest first, cited, linked."""

import xml.etree.ElementTree as ET

import pytest

from quotes.choices import ReviewStatus
from quotes.models import Quote
from tests.factories import QuoteFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def test_a_search_feed_carries_each_quote_with_its_citation_and_link(client, seed):
    response = client.get("/feed/", {"q": "hostages", "organization": "hamas"})
    feed = ET.fromstring(response.content)
    assert feed.find(f"{ATOM}title").text == "whosaid: quotes matching “hostages”"
    (entry,) = entries(response)
    link = entry.find(f"{ATOM}link").get("href")
    assert link.startswith("http://testserver/quotes/")
    summary = entry.find(f"{ATOM}summary").text
    assert "Israel would need to abide" in summary
    assert "Basem Naim, Member of the Political Bureau, Hamas, as paraphrased in" in summary


def test_a_feed_is_newest_first_whatever_the_order_asked(client, seed):
    def quotes(params):
        links = [
            entry.find(f"{ATOM}link").get("href") for entry in entries(client.get("/feed/", params))
        ]
        return [Quote.objects.get(pk=link.rstrip("/").rsplit("/", 1)[1]) for link in links]

    newest_first = quotes({"q": "hostages"})
    assert quotes({"q": "hostages", "ordering": "said_on"}) == newest_first
    said = [quote.said_on for quote in newest_first if quote.said_on]
    assert said == sorted(said, reverse=True)
    assert newest_first[0].said_on == max(said)


def test_a_person_feed_has_their_quotes(client, seed):
    found = entries(client.get("/people/benjamin-netanyahu/feed/"))
    assert len(found) == 3
    assert all(entry.find(f"{ATOM}author/{ATOM}name").text for entry in found)


def test_an_organization_feed_has_its_members_and_unnamed_officials(client, seed):
    titles = [
        entry.find(f"{ATOM}title").text
        for entry in entries(client.get("/organizations/hamas/feed/"))
    ]
    assert any(title.startswith("Basem Naim:") for title in titles)
    assert any(title.startswith("A second Hamas official:") for title in titles)


def test_a_feed_with_a_malformed_parameter_answers_400(client):
    response = client.get("/feed/", {"said_after": "soon"})
    assert response.status_code == 400
    assert "said_after" in response.text


def test_a_feed_of_an_unknown_person_answers_404(client):
    assert client.get("/people/nobody/feed/").status_code == 404


def test_feeds_never_carry_drafts(client):
    QuoteFactory(status=ReviewStatus.DRAFT)
    assert entries(client.get("/feed/")) == []
