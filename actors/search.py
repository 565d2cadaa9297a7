"""Name search: fuzzy, accent-insensitive, alias-aware, ranked by trigram similarity."""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db.models import Func, TextField
from django.db.models.functions import Lower


class ImmutableUnaccent(Func):
    """``unaccent`` through the IMMUTABLE wrapper created in actors' first migration."""

    function = "immutable_unaccent"
    output_field = TextField()


def folded(expression):
    """Lower-cased and accent-free: the form names are indexed and compared in."""
    return Lower(ImmutableUnaccent(expression))


def trigram_name_index(name: str) -> GinIndex:
    return GinIndex(OpClass(folded("name"), name="gin_trgm_ops"), name=name)
