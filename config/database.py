"""The database cursor: every statement may be prepared except a text search."""

from django.db.backends.postgresql.base import ServerBindingCursor

# websearch_to_tsquery(), plainto_tsquery(), phraseto_tsquery(), to_tsquery()
TEXT_SEARCH_CALL = "to_tsquery("


class Cursor(ServerBindingCursor):
    """Runs a text search as a plain statement, planned for its words every time.

    psycopg prepares a statement once a connection has run it ``prepare_threshold`` times, and
    after five runs PostgreSQL may keep one generic plan for all later ones. A search's best
    plan depends on its words: after five common words on a connection, every later search
    there would get the generic plan, a parallel scan that evaluates the query for each row,
    several times slower than a plan made for the words.
    """

    def execute(self, query, params=None, *, prepare=None, binary=None):
        if prepare is None and isinstance(query, str) and TEXT_SEARCH_CALL in query:
            prepare = False
        return super().execute(query, params, prepare=prepare, binary=binary)
