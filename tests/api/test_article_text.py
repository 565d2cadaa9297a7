"""The article detail carries its body, so a client shows each quote in its article."""

import pytest

from tests.factories import ArticleFactory, PersonFactory, QuoteFactory

pytestmark = pytest.mark.django_db

# An emoji counts one code point, two UTF-16 units: offsets count code points.
BODY = "The mayor posted 🌉 then spoke. “Every bridge will be inspected,” said Ana Ruiz."


def test_the_article_detail_carries_the_body_each_quote_is_a_span_of(api):
    article = ArticleFactory(body=BODY)
    QuoteFactory(article=article, speaker=PersonFactory(), text="Every bridge will be inspected,")
    detail = api.get(f"/api/v1/articles/{article.pk}/").json()
    assert detail["body"] == BODY
    (quote,) = detail["quotes"]
    assert detail["body"][quote["start_offset"] : quote["end_offset"]] == quote["text"]


def test_the_article_list_stays_without_bodies(api):
    ArticleFactory(body=BODY)
    (row,) = api.get("/api/v1/articles/").json()["results"]
    assert "body" not in row
