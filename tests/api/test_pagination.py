"""Page numbers on the small tables: the first page is read before anything is counted."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def get_people(api, **params):
    with CaptureQueriesContext(connection) as captured:
        response = api.get("/api/v1/people/", params)
    counts = [query["sql"] for query in captured if query["sql"].startswith("SELECT COUNT(")]
    return response, counts


@pytest.fixture
def five_people():
    return [PersonFactory(name=f"Person {n}", sort_name=f"Person {n}") for n in range(5)]


def test_a_short_first_page_is_counted_by_its_rows_not_by_a_count_query(api, five_people):
    response, count_queries = get_people(api, page_size=20)
    body = response.json()
    assert (body["count"], len(body["results"]), body["next"]) == (5, 5, None)
    assert count_queries == []


def test_a_first_page_holding_exactly_every_row_has_no_next_page(api, five_people):
    response, count_queries = get_people(api, page_size=5)
    body = response.json()
    assert (body["count"], len(body["results"]), body["next"]) == (5, 5, None)
    assert count_queries == []


def test_a_full_first_page_is_counted_by_one_query_and_links_the_next(api, five_people):
    response, count_queries = get_people(api, page_size=2)
    body = response.json()
    assert (body["count"], len(body["results"])) == (5, 2)
    assert "page=2" in body["next"]
    assert len(count_queries) == 1


def test_later_pages_are_counted_and_continue_where_the_first_stopped(api, five_people):
    first, _ = get_people(api, page_size=2)
    last, _ = get_people(api, page_size=2, page=3)
    assert [row["name"] for row in first.json()["results"]] == ["Person 0", "Person 1"]
    assert [row["name"] for row in last.json()["results"]] == ["Person 4"]
    assert (last.json()["count"], last.json()["next"]) == (5, None)


def test_a_page_past_the_last_is_a_404(api, five_people):
    response, _ = get_people(api, page_size=2, page=4)
    assert response.status_code == 404
