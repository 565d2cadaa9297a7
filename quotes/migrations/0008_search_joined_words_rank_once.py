from importlib import import_module

from django.db import migrations

_0007 = import_module("quotes.migrations.0007_search_joins_hyphenated_words")

# ts_rank counts every position of a lexeme, so a joined word at two positions (0007) ranked a
# text saying 'cease-fire' 0.760 and one saying 'ceasefire' 0.608 for 'ceasefire'. Its second
# position now has the lowest weight, D (0.623 against 0.608): the weight is applied inside
# quotes_search_vector, since setweight would give every position the part's weight.
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

DROP FUNCTION IF EXISTS quotes_search_vector(text);
"""

REVERSE_SQL = _0007.SEARCH_SQL + 'DROP FUNCTION IF EXISTS quotes_search_vector(text, "char");'


class Migration(migrations.Migration):
    dependencies = [("quotes", "0007_search_joins_hyphenated_words")]

    operations = [
        migrations.RunSQL(
            SEARCH_SQL + _0007.REINDEX_SQL, REVERSE_SQL + _0007.REINDEX_SQL
        ),
    ]
