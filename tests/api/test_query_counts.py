"""Every endpoint runs a fixed number of queries, whatever the page size (pinned here)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    AffiliationFactory,
    AliasFactory,
    ArticleFactory,
    OrganizationFactory,
    PersonFactory,
    PublisherFactory,
    QuoteFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

# endpoint -> queries. Page-number lists: the page (people and organizations with their alias
# names) + one per prefetch (+ a COUNT when the first page is full, which none is here). Quotes,
# in lists and details: one query, with their article, publisher, speaker, organizations, role
# and topics (the highlights of a search cost none). Nested lists first check their parent
# exists (+ resolve its organization tree).
QUERY_COUNTS = {
    "/api/v1/quotes/": 1,
    "/api/v1/quotes/?q=aid": 1,
    "/api/v1/quotes/?include=context&include=citation": 1,
    "/api/v1/quotes/?organization=org&include_sub_organizations=true&topic=t0": 2,
    "/api/v1/quotes/{quote}/": 1,
    "/api/v1/people/": 1,
    "/api/v1/people/?q=person": 1,
    "/api/v1/people/?organization=org&active_on=2023-12-20": 2,
    "/api/v1/people/p0/": 2,
    "/api/v1/people/p0/quotes/": 2,
    "/api/v1/people/p0/quotes/?include=context&include=citation": 2,
    "/api/v1/organizations/": 1,
    "/api/v1/organizations/parent/": 2,
    "/api/v1/organizations/parent/members/?include_sub_organizations=true": 3,
    "/api/v1/organizations/org/quotes/": 3,
    "/api/v1/affiliations/": 1,
    "/api/v1/affiliations/{affiliation}/": 1,
    "/api/v1/aliases/": 1,
    "/api/v1/aliases/?person=p0": 1,
    "/api/v1/articles/": 1,
    "/api/v1/articles/?has_quotes=true": 1,
    "/api/v1/articles/{article}/": 2,
    "/api/v1/publishers/": 1,
    "/api/v1/publishers/{publisher}/": 1,
    "/api/v1/topics/": 1,
    "/api/v1/quotes/{quote}/history/": 2,
    "/api/v1/people/p0/history/": 3,
}


def build(rows):
    parent = OrganizationFactory(slug="parent")
    org = OrganizationFactory(slug="org", parent=parent)
    OrganizationFactory.create_batch(rows - 1, parent=parent)
    article = ArticleFactory(body="“We will not stop,” she said. “Aid must flow,” he said.")
    ArticleFactory.create_batch(rows - 1)
    PublisherFactory.create_batch(rows)
    topics = [TopicFactory(slug=f"t{n}") for n in range(rows)]
    for n in range(rows):
        person = PersonFactory(name=f"Person {n}", slug=f"p{n}")
        AliasFactory.create_batch(2, person=person)
        AliasFactory(person=None, organization=org, name=f"Org alias {n}")
        AffiliationFactory(person=person, organization=org)
        AffiliationFactory(person=person, organization=parent, end_date="2021-01-01")
        quote = QuoteFactory(article=article, speaker=person, text="Aid must flow,")
        quote.topics.set(topics[:3])
    # Organizations speaking and unnamed sources: every prefetch of a quote list has rows.
    QuoteFactory(article=article, speaker=None, speaking_organization=org)
    QuoteFactory(article=article, speaker=None, is_anonymous=True, source_organization=org)
    # A few changes, so each history has entries to compare.
    for n in range(min(rows, 5)):
        quote.cue = f"said {n}"
        quote.save()
        person.description = f"version {n}"
        person.save()
    return {
        "quote": quote.pk,
        "article": article.pk,
        "affiliation": person.affiliations.first().pk,
        "publisher": article.publisher.slug,
    }


def counts(client, rows):
    keys = build(rows)
    result = {}
    for pattern in QUERY_COUNTS:
        url = pattern.format(**keys)
        is_list = "{" not in pattern and not pattern.rstrip("/").endswith(
            ("p0", "parent", "history")
        )
        if is_list:
            url += ("&" if "?" in url else "?") + "page_size=100"
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (url, response.content)
        if is_list:
            assert len(response.json()["results"]) >= min(rows, 1), url
        result[pattern] = len(captured)
    return result


@pytest.mark.parametrize("rows", [1, 25])
def test_query_counts_are_pinned_and_independent_of_rows(api, rows):
    assert counts(api, rows) == QUERY_COUNTS
