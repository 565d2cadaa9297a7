"""One article at a time: ``import_article`` validates a payload, looks up one key at a time and
writes the article at once; ``create_article``, the service behind ``POST /articles/``, adds
what a signed-in writer brings: only reviewers create verified quotes, only those who may add
people create them inline, and the article and its quotes enter the history under the writer's
name. ``import_articles`` files go through the same validation (``batch``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from quotes import review
from quotes.models import Article, Quote

from .catalog import Catalog
from .plans import parse_article
from .writer import write_articles

API_CREATION = "Created through the API"


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


def _statuses(payload) -> list:
    quotes = payload.get("quotes") if isinstance(payload, dict) else None
    if not isinstance(quotes, list):
        return []
    # Only well-formed statuses matter here; the import names malformed ones by field.
    return [
        quote.get("status")
        for quote in quotes
        if isinstance(quote, dict) and isinstance(quote.get("status"), str)
    ]


def create_article(payload, user) -> ArticleImport:
    """Store ``payload`` all or nothing; an existing article comes back with ``created=False``.

    Raises ``PayloadError`` naming the field, ``PermissionDenied`` for a status the
    user may not set.
    """
    review.check_can_set_statuses(user, _statuses(payload))
    with transaction.atomic():
        stored = import_article(payload, create_people=user.has_perm("actors.add_person"))
        if stored.created:
            history = {"default_user": user, "default_change_reason": API_CREATION}
            Article.history.bulk_history_create([stored.article], **history)
            Quote.history.bulk_history_create(list(stored.article.quotes.all()), **history)
    return stored
