"""The search page: the API's parameters, cursors and highlights, in a form that forgives."""

import re

import pytest

from quotes.choices import QuoteKind, ReviewStatus
from quotes.models import Quote
from tests.factories import ArticleFactory, PersonFactory, QuoteFactory
from web.listing import Listing

pytestmark = pytest.mark.django_db


def quote_ids(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'class="quote-link" href="/quotes/(\d+)/"', html)]


def test_without_a_search_the_page_lists_the_newest_verified_quotes(client, seed):
    response = client.get("/")
    assert response.status_code == 200
    total = Quote.objects.filter(status=ReviewStatus.VERIFIED).count()
    assert f"{total} quotes." in response.text
    assert len(quote_ids(response.text)) == 20
    assert response.text.count("<h1") == 1


def test_a_phrase_and_a_filter_find_the_quote_with_its_words_marked(client, seed):
    response = client.get("/", {"q": '"no negotiations under fire"', "organization": "hamas"})
    assert response.status_code == 200
    assert "1 quote match" in response.text
    assert "<mark>negotiations</mark>" in response.text
    assert ">Basem Naim</a>" in response.text
    assert "Member of the Political Bureau" in response.text


def test_a_result_by_an_unnamed_source_shows_the_attribution_as_worded(client, seed):
    response = client.get("/", {"q": "initiated", "organization": "hamas"})
    assert "A second Hamas official, who requested anonymity" in response.text
    assert 'unnamed source from <a href="/organizations/hamas/">Hamas</a>' in response.text


def test_highlighted_words_are_marked_in_text_escaped_safely(client):
    article = ArticleFactory(body="He said: <b>We will not stop</b> & never will.")
    QuoteFactory(article=article, text="<b>We will not stop</b> & never")
    response = client.get("/", {"q": "stop"})
    assert "&lt;b&gt;We will not <mark>stop</mark>&lt;/b&gt; &amp; never" in response.text
    assert "<b>We" not in response.text


def test_a_site_search_lists_what_the_api_lists_for_the_same_parameters(client, seed):
    params = {"q": "hostages OR aid", "said_before": "2023-12-20", "page_size": "5"}
    api = client.get("/api/v1/quotes/", params).json()
    site = client.get("/", params)
    assert quote_ids(site.text) == [row["id"] for row in api["results"]]


def test_pages_follow_the_apis_cursors(client, seed):
    first = client.get("/", {"page_size": "10"})
    next_link = re.search(r'rel="next" href="([^"]+)"', first.text).group(1).replace("&amp;", "&")
    second = client.get("/" + next_link)
    assert second.status_code == 200
    assert set(quote_ids(first.text)).isdisjoint(quote_ids(second.text))
    assert 'rel="prev"' in second.text
    api = client.get("/api/v1/quotes/", {"page_size": "10"}).json()
    following = client.get(api["next"]).json()
    assert quote_ids(second.text) == [row["id"] for row in following["results"]]


def test_the_count_stops_at_the_limit(client, monkeypatch):
    monkeypatch.setattr(Listing, "limit", 2)
    article = ArticleFactory()
    for _ in range(4):
        QuoteFactory(article=article)
    response = client.get("/", {"page_size": "1"})
    assert "More than 2 quotes" in response.text


def test_an_empty_result_says_so_and_offers_to_loosen_each_filter(client, seed):
    response = client.get("/", {"q": "zebra", "kind": QuoteKind.CLAIM})
    assert response.status_code == 200
    assert "No quote matched" in response.text
    assert 'href="/?kind=claim"' in response.text  # without the words
    assert 'href="/?q=zebra"' in response.text  # without the kind


def test_a_malformed_date_gives_the_form_back_with_the_message_at_the_field(client):
    response = client.get("/", {"said_after": "yesterday", "q": "aid"})
    assert response.status_code == 400
    field = re.search(r'<ul class="field-errors" id="said_after-errors">(.*?)</ul>', response.text)
    assert "Enter a date as YYYY-MM-DD." in field.group(1)
    assert 'value="aid"' in response.text  # the rest of the form is kept


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"kind": "rumour"}, "Select a valid choice."),
        ({"include_sub_organizations": "perhaps"}, "Enter true or false."),
        ({"q": "x" * 201}, "at most 200 characters"),
    ],
)
def test_malformed_values_of_known_parameters_answer_400_with_the_message(client, params, message):
    response = client.get("/", params)
    assert response.status_code == 400
    assert message in response.text


def test_a_bad_cursor_or_page_size_answers_400_with_a_way_back(client, seed):
    for params in [{"cursor": "not-a-cursor", "q": "aid"}, {"page_size": "500", "q": "aid"}]:
        response = client.get("/", params)
        assert response.status_code == 400
        assert 'href="/?q=aid">First page</a>' in response.text


def test_unknown_parameters_are_ignored(client, seed):
    response = client.get("/", {"q": "hostages", "utm_source": "newsletter", "fbclid": "x"})
    assert response.status_code == 200
    assert "quotes match" in response.text


def test_empty_form_fields_are_dropped_from_the_address(client):
    response = client.get("/?q=aid&speaker=&said_after=&kind=")
    assert response.status_code == 302
    assert response["Location"] == "/?q=aid"


def test_an_unknown_speaker_is_answered_with_people_of_a_similar_name(client, seed):
    response = client.get("/", {"speaker": "netanyahoo"})
    assert response.status_code == 200
    assert "No speaker is known as “netanyahoo”" in response.text
    assert '<a href="?speaker=benjamin-netanyahu">Benjamin Netanyahu</a>' in response.text


def test_a_name_typed_as_speaker_gets_the_slug_message_and_suggestions(client, seed):
    response = client.get("/", {"speaker": "Benjamin Netanyahu"})
    assert response.status_code == 400
    assert "Enter a slug" in response.text
    assert '<a href="?speaker=benjamin-netanyahu">Benjamin Netanyahu</a>' in response.text


def test_a_known_speaker_is_named_under_the_field_and_in_the_filters(client, seed):
    response = client.get("/", {"speaker": "benjamin-netanyahu"})
    assert 'id="speaker-hint">Benjamin Netanyahu</p>' in response.text
    assert "Speaker: <strong>Benjamin Netanyahu</strong>" in response.text


def test_downloads_and_the_feed_carry_the_same_filters(client, seed):
    response = client.get("/", {"q": "aid", "kind": "direct", "cursor": "eyJvIjoyMH0="})
    assert 'href="/api/v1/quotes/?q=aid&amp;kind=direct&amp;format=csv"' in response.text
    assert 'href="/api/v1/quotes/?q=aid&amp;kind=direct&amp;format=jsonld"' in response.text
    assert 'href="/feed/?q=aid&amp;kind=direct"' in response.text


def test_drafts_and_retracted_quotes_are_never_found(client, admin_client):
    person = PersonFactory(name="Dana Levi", slug="dana-levi")
    for status in [ReviewStatus.DRAFT, ReviewStatus.RETRACTED]:
        QuoteFactory(speaker=person, status=status)
    for browser in [client, admin_client]:
        response = browser.get("/", {"speaker": "dana-levi"})
        assert "0 quotes." in response.text
        assert quote_ids(response.text) == []


def test_the_search_page_answers_only_reads(client):
    assert client.post("/").status_code == 405
    assert client.head("/").status_code == 200


def test_the_form_shows_the_search_it_ran(client, seed):
    response = client.get(
        "/", {"q": "aid", "kind": "claim", "topic": "hostages", "said_after": "2023-12-01"}
    )
    assert 'id="q" name="q" value="aid"' in response.text
    assert '<option value="claim" selected>' in response.text
    assert '<option value="hostages" selected>Hostages</option>' in response.text
    assert 'name="said_after" value="2023-12-01"' in response.text
