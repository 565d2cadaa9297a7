"""Review: only reviewers (the ``verify_quote`` permission) verify, retract or reopen a quote.

A verified or retracted quote is what readers see and cite, so only a reviewer may change or
delete it; editors work on drafts. A retraction keeps the quote, its text and its history,
and says why.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from .choices import ReviewStatus
from .models import Quote

REVIEW_PERMISSION = "quotes.verify_quote"
REVIEWED = {ReviewStatus.VERIFIED, ReviewStatus.RETRACTED}
# What a review writes: a concurrent edit of anything else survives it.
REVIEW_FIELDS = ["status", "reviewed_by", "reviewed_at", "retraction_reason", "updated_at"]


def is_reviewer(user) -> bool:
    return user.has_perm(REVIEW_PERMISSION)


def can_edit(user, quote: Quote) -> bool:
    return quote.status not in REVIEWED or is_reviewer(user)


def check_can_edit(user, quote: Quote):
    if not can_edit(user, quote):
        raise PermissionDenied(
            f"This quote is {quote.status}: only reviewers (verify_quote) may change it."
        )


def check_can_set_statuses(user, statuses):
    """For new quotes: a status other than draft needs a reviewer."""
    if set(statuses) & REVIEWED and not is_reviewer(user):
        raise PermissionDenied(
            "Only reviewers (verify_quote) may create verified or retracted quotes."
        )


def review(quote: Quote, status: str, user, reason: str = "") -> Quote:
    """Set the review status; a retraction needs its reason."""
    if not is_reviewer(user):
        raise PermissionDenied("Only reviewers (verify_quote) may review quotes.")
    if status == ReviewStatus.RETRACTED and not reason.strip():
        raise ValidationError({"reason": "Say why the quote is retracted."})
    if status != ReviewStatus.RETRACTED and reason:
        raise ValidationError({"reason": "Only a retraction takes a reason."})
    with transaction.atomic():
        quote.mark_reviewed(status, user, reason.strip())
        quote._change_reason = f"Reviewed: {status}" + (f" ({reason.strip()})" if reason else "")
        quote.save(update_fields=REVIEW_FIELDS)
    return quote
