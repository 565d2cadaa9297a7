from importlib import import_module

from django.db import migrations

# 'cease-fire' and 'ceasefire' are one word to a reader, not to PostgreSQL's parser: it indexes
# the hyphenated word and its parts ('cease-fir', 'ceas', 'fire'), never the joined spelling.
# Every part of a search document (quote text, names, attribution) now also holds each
# hyphenated word joined ('ceasefir'), at the positions of its first and its last part, so that
# a phrase matches on either side ('new ceasefire', 'ceasefire talks'); the query joins its
# hyphenated words too (quotes.search). The last part's position has the lowest weight (D):
# ts_rank counts every position, and with the part's weight on both, 'a new cease-fire held'
# would rank 0.760 against 0.608 for 'a new ceasefire held' on 'ceasefire' (0.623 with D). So
# the weight is applied inside quotes_search_vector, as setweight would give every position the
# part's. Quotes, names and attributions with a hyphen are re-indexed.
SEARCH_SQL = r"""
CREATE OR REPLACE FUNCTION quotes_search_vector(part text, weight "char")
RETURNS tsvector LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    folded text := immutable_unaccent(part);  -- which also turns dashes into hyphens
    document tsvector := setweight(to_tsvector('english', folded), weight);
BEGIN
    IF strpos(folded, '-') = 0 THEN
        RETURN document;
    END IF;
    -- Through text: tsvector's || would shift the added positions past the document's.
    RETURN (document::text || ' ' || coalesce((
        SELECT string_agg(format('''%s'':%s%s,%s',
            replace(replace(replace(lexeme, '-', ''), '\', '\\'), '''', ''''''),
            position, weight, position + parts), ' ')
        FROM (
            SELECT lexeme, unnest(positions) AS position,
                length(lexeme) - length(replace(lexeme, '-', '')) + 1 AS parts
            FROM unnest(document)
            WHERE lexeme ~ '^[^-]+(-[^-]+)+$'
        ) AS compounds), ''))::tsvector;
END
$$;

CREATE OR REPLACE FUNCTION quotes_quote_search_part(part text, weight "char")
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT quotes_search_vector(part, weight)
$$;

CREATE OR REPLACE FUNCTION quotes_quote_search_names_vector(
    speaker bigint, speaking_org bigint, source_org bigint
) RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT quotes_search_vector(quotes_quote_search_names(speaker, speaking_org, source_org), 'B')
$$;
"""

# Migration 0004's functions, which call to_tsvector directly.
REVERSE_SQL = (
    import_module("quotes.migrations.0004_bulk_import_search_document").SEARCH_SQL
    + 'DROP FUNCTION IF EXISTS quotes_search_vector(text, "char");'
)

# Setting the document to NULL makes the trigger compute it afresh (migration 0004). Only
# documents that can hold a hyphenated word change (unaccent turns dashes into hyphens).
REINDEX_SQL = r"""
UPDATE quotes_quote q SET search_document = NULL
WHERE strpos(immutable_unaccent(q.text), '-') > 0
    OR strpos(immutable_unaccent(q.attribution), '-') > 0
    OR strpos(immutable_unaccent(quotes_quote_search_names(
        q.speaker_id, q.speaking_organization_id, q.source_organization_id)), '-') > 0;
"""


class Migration(migrations.Migration):
    dependencies = [("quotes", "0006_partial_indexes_for_optional_references")]

    operations = [
        migrations.RunSQL(SEARCH_SQL + REINDEX_SQL, REVERSE_SQL + REINDEX_SQL),
    ]
