"""The README's API tour, end to end on the seed article (NYT, 2023-12-20)."""

import pytest

pytestmark = pytest.mark.django_db


def results(api, url, params=None):
    response = api.get(url, params or {})
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_netanyahus_quotes(api, seed):
    rows = results(api, "/api/v1/people/benjamin-netanyahu/quotes/")
    assert rows and {row["speaker"]["slug"] for row in rows} == {"benjamin-netanyahu"}
    assert {row["role"]["title"] for row in rows} == {"Prime Minister"}
    assert results(api, "/api/v1/quotes/", {"speaker": "benjamin-netanyahu"}) == rows


def test_netanyahu_on_hostages(search_api, seed):
    rows = results(search_api, "/api/v1/quotes/", {"q": "netanyahu hostages"})
    assert rows[0]["speaker"]["slug"] == "benjamin-netanyahu"
    assert "<mark>hostages</mark>" in rows[0]["highlight"]


def test_ceasefire_finds_the_cease_fire_the_seed_article_writes(search_api, seed):
    rows = results(search_api, "/api/v1/quotes/", {"q": "ceasefire"})
    assert {row["id"] for row in rows} == {
        row["id"] for row in results(search_api, "/api/v1/quotes/", {"q": "cease-fire"})
    }
    assert len(rows) == 4
    assert all("<mark>cease</mark>-<mark>fire</mark>" in row["highlight"] for row in rows)


def test_everything_hamas_officials_said_named_or_not(api, seed):
    rows = results(api, "/api/v1/organizations/hamas/quotes/")
    named = {row["speaker"]["slug"] for row in rows if row["speaker"]}
    assert named == {"basem-naim", "zaher-jabareen"}
    assert any(row["anonymous"] for row in rows)
    assert all(
        (row["role"] or {}).get("organization", {}).get("slug") == "hamas"
        or (row["source_organization"] or {}).get("slug") == "hamas"
        for row in rows
    )


def test_december_2023_quotes_mentioning_aid(search_api, seed):
    rows = results(
        search_api,
        "/api/v1/quotes/",
        {"q": "aid", "said_after": "2023-12-01", "said_before": "2023-12-31"},
    )
    assert rows
    assert all("2023-12-01" <= row["said_on"] <= "2023-12-31" for row in rows)
    assert any(row["speaker"] and row["speaker"]["slug"] == "isaac-herzog" for row in rows)


def test_government_of_israel_on_2023_12_20(api, seed):
    rows = results(
        api,
        "/api/v1/organizations/government-of-israel/members/",
        {"active_on": "2023-12-20", "include_sub_organizations": "true"},
    )
    held = {(row["person"]["slug"], row["role"]) for row in rows}
    assert ("benjamin-netanyahu", "Prime Minister") in held
    assert ("yoav-gallant", "Minister of Defense") in held
    assert ("isaac-herzog", "President") in held


def test_people_search_on_the_seed(api, seed):
    for q, slug in [
        ("netanyahoo", "benjamin-netanyahu"),
        ("Haniya", "ismail-haniyeh"),
        ("Herzog", "isaac-herzog"),
        ("bibi", "benjamin-netanyahu"),
    ]:
        assert results(api, "/api/v1/people/", {"q": q})[0]["slug"] == slug


def test_quote_detail_on_the_seed(search_api, seed):
    (quote,) = results(search_api, "/api/v1/quotes/", {"q": '"no negotiations under fire"'})
    body = search_api.get(f"/api/v1/quotes/{quote['id']}/").json()
    assert body["context"].startswith("“No negotiations under fire,”")
    assert body["citation"] == (
        "Basem Naim, Member of the Political Bureau, Hamas, said, as quoted in The New York "
        "Times, December 20, 2023"
    )


def test_a_citation_keeps_the_attribution_of_several_sources_as_worded(api, seed):
    (quote,) = results(api, "/api/v1/quotes/", {"q": '"far outmatched"'})
    body = api.get(f"/api/v1/quotes/{quote['id']}/").json()
    assert body["citation"].startswith("The United Nations and aid groups, as paraphrased in ")
