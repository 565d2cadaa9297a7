"""The SQL of name search for people and organizations (``selectors.search_by_name``): fuzzy,
accent-insensitive, alias-aware, ranked by trigram similarity, with the indexes it uses."""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db.models import F, FloatField, Func, IntegerField, TextField
from django.db.models.expressions import RawSQL
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


# The search's SQL is written out below rather than composed from ``folded`` and
# ``TrigramWordSimilarity``: composed, building and compiling a people search's query took more
# CPU than PostgreSQL spent running it. The folded name keeps the exact form of
# ``trigram_name_index``, so the indexes still serve it.
_FOLDED_TEXT = "lower(immutable_unaccent(%s::text))"


def _folded_column(column: str) -> str:
    return f"lower(immutable_unaccent({column}))"


def matching_name_ids(model, alias_field: str, text: str) -> RawSQL:
    """Ids of the rows whose name or one of whose aliases contains ``text`` fuzzily (``%>``).

    One id list (UNION) rather than 'in names OR in aliases': PostgreSQL cannot turn an OR of
    two subqueries into a join, and scans every row to test both. ``alias_field`` is the
    alias's foreign key to ``model`` ("person" or "organization").
    """
    table, owner = model._meta.db_table, f"actors_alias.{alias_field}_id"
    return RawSQL(
        f"SELECT id FROM {table} WHERE {_folded_column(f'{table}.name')} %%> {_FOLDED_TEXT}"
        f" UNION SELECT {owner} FROM actors_alias"
        f" WHERE {owner} IS NOT NULL AND {_folded_column('actors_alias.name')} %%> {_FOLDED_TEXT}",
        (text, text),
    )


class NameSimilarity(Func):
    """How well ``text`` matches a row's name or its best alias: trigram word similarity, 0-1.

    The row's name and key are ordinary column references, so the expression follows the
    query's table aliases (it works inside a subquery too).
    """

    output_field = FloatField()

    def __init__(self, text: str, alias_field: str):
        super().__init__(F("name"), F("pk"))
        self.text, self.alias_field = text, alias_field

    def as_sql(self, compiler, connection, **extra_context):
        (name, name_params), (pk, pk_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        best_alias = (
            f"SELECT max(word_similarity({_FOLDED_TEXT}, {_folded_column('actors_alias.name')}))"
            f" FROM actors_alias WHERE actors_alias.{self.alias_field}_id = {pk}"
        )
        sql = (
            f"GREATEST(word_similarity({_FOLDED_TEXT}, {_folded_column(name)}),"
            f" COALESCE(({best_alias}), 0))"
        )
        return sql, (self.text, *name_params, self.text, *pk_params)


class RelatedCount(Func):
    """How many rows of a reverse relation point to the row (a person's ``quotes``).

    A correlated count, which the relation's foreign-key index answers; written out like
    ``NameSimilarity``, and following the query's table alias for the row's key.
    """

    output_field = IntegerField()

    def __init__(self, model, related_name: str):
        super().__init__(F("pk"))
        relation = model._meta.get_field(related_name)
        self.table = relation.related_model._meta.db_table
        self.column = relation.field.column

    def as_sql(self, compiler, connection, **extra_context):
        pk, params = compiler.compile(self.get_source_expressions()[0])
        table, column = (
            connection.ops.quote_name(self.table),
            connection.ops.quote_name(self.column),
        )
        return f"(SELECT count(*) FROM {table} WHERE {table}.{column} = {pk})", params
