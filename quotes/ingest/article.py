"""One article (the write API): validated, looked up one key at a time, written at once."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from quotes.models import Article

from .catalog import Catalog
from .plans import parse_article
from .writer import write_articles


@dataclass
class ArticleImport:
    article: Article
    created: bool
    counts: dict


def import_article(payload, *, create_people: bool = False) -> ArticleImport:
    """Import one article payload; an existing article (same URL or key) is left as it is.

    Raises PayloadError naming the field when the payload is invalid.
    """
    catalog = Catalog(preload=False)
    plan = parse_article(payload, catalog, create_people=create_people)
    if not catalog.claim_article(plan.key):
        if isinstance(plan.key, str):
            existing = Article.objects.get(url=plan.key)
        else:
            existing = Article.objects.filter(
                url="", publisher__slug=plan.key[0], title=plan.key[1], published_on=plan.key[2]
            ).first()
        return ArticleImport(existing, created=False, counts={})
    with transaction.atomic():
        counts = write_articles([plan], catalog.take_pending())
    return ArticleImport(Article.objects.get(pk=plan.article_id), created=True, counts=counts)
