"""Articles written through the API: the import path, with the user's permissions and history.

``POST /articles/`` and ``import_articles`` accept one payload and validate it with one
implementation (``quotes.importing``); this adds what a signed-in writer brings: only
reviewers create verified quotes, only those who may add people create them inline, and
the article and its quotes enter the history under the writer's name.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from . import review
from .importing import ArticleImport, import_article
from .models import Article, Quote

API_CREATION = "Created through the API"
# Each quote is located in the body: a bound on the work one request may ask for.
MAX_QUOTES = 1000


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

    Raises ``importing.PayloadError`` naming the field, ``ValidationError`` for more than
    ``MAX_QUOTES`` quotes, ``PermissionDenied`` for a status the user may not set.
    """
    quotes = payload.get("quotes") if isinstance(payload, dict) else None
    if isinstance(quotes, list) and len(quotes) > MAX_QUOTES:
        message = f"At most {MAX_QUOTES:,} quotes per article here; import_articles takes more."
        raise ValidationError({"quotes": message})
    review.check_can_set_statuses(user, _statuses(payload))
    with transaction.atomic():
        stored = import_article(payload, create_people=user.has_perm("actors.add_person"))
        if stored.created:
            history = {"default_user": user, "default_change_reason": API_CREATION}
            Article.history.bulk_history_create([stored.article], **history)
            Quote.history.bulk_history_create(list(stored.article.quotes.all()), **history)
    return stored
