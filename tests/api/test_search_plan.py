"""Quote search reads the GIN index on the stored document; no per-row to_tsvector()."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quotes import search
from quotes.filtersets import QUOTE_ORDERINGS
from quotes.models import Quote
from tests import plans
from tests.factories import QuoteFactory

pytestmark = pytest.mark.django_db


def explain(queryset):
    # No GIN pending list left by earlier tests' (rolled back) inserts: the planner prices
    # those pages into the index scan.
    return plans.explain(
        queryset,
        "quotes_quote",
        setup=("SELECT gin_clean_pending_list('quote_search_document_gin')",),
    )


def fill_quotes(count=2000):
    """Enough quotes that a planner on fresh statistics prefers the index to a scan."""
    quote = QuoteFactory()
    Quote.objects.bulk_create(
        Quote(article=quote.article, speaker=quote.speaker, text=f"Filler {n}", status=quote.status)
        for n in range(count)
    )


@pytest.mark.parametrize("ordering", list(QUOTE_ORDERINGS))
def test_search_uses_the_gin_index(ordering):
    fill_quotes()
    queryset = search.search(Quote.objects.visible_to(None).with_relations(), "netanyahu hostages")
    plan = explain(queryset.order_by(*QUOTE_ORDERINGS[ordering])[:20])
    assert "quote_search_document_gin" in plan
    assert "to_tsvector(" not in plan


def test_the_query_is_unaccented_like_the_document():
    sql = str(search.search(Quote.objects.all(), "négociations").query)
    assert "websearch_to_tsquery(english::regconfig, immutable_unaccent(" in sql.replace("'", "")
    assert "to_tsvector" not in sql


def test_search_column_statistics_target_is_raised():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstattarget FROM pg_attribute WHERE attrelid = 'quotes_quote'::regclass "
            "AND attname = 'search_document'"
        )
        assert cursor.fetchone()[0] >= 1000


@pytest.mark.parametrize("text", ["", "filler", "netanyahu"])
def test_a_ranked_page_reads_its_rows_by_id_not_by_joining_every_quote(text):
    from quotes import representations

    fill_quotes()
    ids = list(Quote.objects.order_by("-pk").values_list("pk", flat=True)[:20])
    queryset = Quote.objects.visible_to(None).order_by("-said_on")
    if text:
        queryset = search.search(queryset, text).order_by(*QUOTE_ORDERINGS["relevance"])
    with CaptureQueriesContext(connection) as captured:
        representations.list_rows(queryset, ids)
    (query,) = captured
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE quotes_quote")
        cursor.execute(f"EXPLAIN {query['sql']}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Scan using quotes_quote_pkey on quotes_quote q" in plan
