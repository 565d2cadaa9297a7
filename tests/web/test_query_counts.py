"""Every page runs a fixed number of queries, whatever the number of rows (pinned here)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.test_query_counts import build  # the API's rows: the counts compare

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cold_content_type_cache")]

# page -> queries. Search: the publishers and topics of the form (one query), the page of quotes
# (with article, publisher, speaker, organizations, role and topics in one query), the count up to
# 1,001 when more quotes match than the page holds (page_size=1 here), highlights marked in
# Python; + the names of the speakers and organizations asked for, and the organization tree. A
# quote: the quote, its JSON-LD row. A person: the person with aliases, roles, quotes per month,
# the page (one quote: no count). An organization: itself with parent, its sub-organizations,
# members, the tree of ids (filterset), the page and count; + the tree again for the members with
# sub-organizations. An article: the article, its quotes. Feeds: the quotes; + the person or
# organization (+ its tree). Report form: the quote.
QUERY_COUNTS = {
    "/?page_size=1": 3,
    "/?q=stop&page_size=1": 3,
    "/?speaker=p0&organization=org&include_sub_organizations=true&topic=t0&page_size=1": 5,
    "/quotes/{quote}/": 2,
    "/people/p0/?page_size=1": 4,
    "/people/p0/?q=aid&page_size=1": 4,
    "/organizations/org/?page_size=1": 6,
    "/organizations/parent/?include_sub_organizations=true&page_size=1": 7,
    "/articles/{article}/": 2,
    "/feed/?q=aid": 1,
    "/people/p0/feed/": 2,
    "/organizations/org/feed/": 3,
    "/quotes/{quote}/report/": 1,
    "/quotes/{quote}/report/sent/": 0,
}


def counts(client, rows):
    keys = build(rows)
    result = {}
    for pattern in QUERY_COUNTS:
        url = pattern.format(**keys)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (url, response.content[:500])
        result[pattern] = len(captured)
    return result


@pytest.mark.parametrize("rows", [1, 25])
def test_query_counts_are_pinned_and_independent_of_rows(client, rows):
    assert counts(client, rows) == QUERY_COUNTS
