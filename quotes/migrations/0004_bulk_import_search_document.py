from django.db import migrations

# The bulk import computes quotes' search documents itself and inserts them with the rows, the
# speaker's names once per distinct speaker rather than once per row. So that the stored
# document stays exactly the trigger's, both use the same functions below; and the trigger
# keeps a given document only in a session that set ``whosaid.bulk_import`` to ``on`` for the
# statement (``set_config(..., true)``, see ``quotes.ingest.writer``). Everywhere else it behaves
# as before: it computes the document on every insert and relevant update.
SEARCH_SQL = r"""
CREATE OR REPLACE FUNCTION quotes_quote_search_names_vector(
    speaker bigint, speaking_org bigint, source_org bigint
) RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT setweight(to_tsvector('english', immutable_unaccent(
        quotes_quote_search_names(speaker, speaking_org, source_org))), 'B')
$$;

CREATE OR REPLACE FUNCTION quotes_quote_search_part(part text, weight "char")
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('english', immutable_unaccent(part)), weight)
$$;

CREATE OR REPLACE FUNCTION quotes_quote_search_document(
    quote_text text, names tsvector, attribution text
) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT quotes_quote_search_part(quote_text, 'A') || names
        || quotes_quote_search_part(attribution, 'C')
$$;

CREATE OR REPLACE FUNCTION quotes_quote_search_document_refresh() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.search_document IS NOT NULL
        AND current_setting('whosaid.bulk_import', true) = 'on' THEN
        RETURN NEW;
    END IF;
    NEW.search_document := quotes_quote_search_document(
        NEW.text,
        quotes_quote_search_names_vector(
            NEW.speaker_id, NEW.speaking_organization_id, NEW.source_organization_id),
        NEW.attribution);
    RETURN NEW;
END
$$;
"""

# The trigger function of 0002, then the new functions go.
REVERSE_SQL = r"""
CREATE OR REPLACE FUNCTION quotes_quote_search_document_refresh() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_document :=
        setweight(to_tsvector('english', immutable_unaccent(NEW.text)), 'A')
        || setweight(to_tsvector('english', immutable_unaccent(quotes_quote_search_names(
            NEW.speaker_id, NEW.speaking_organization_id, NEW.source_organization_id))), 'B')
        || setweight(to_tsvector('english', immutable_unaccent(NEW.attribution)), 'C');
    RETURN NEW;
END
$$;
DROP FUNCTION IF EXISTS quotes_quote_search_document(text, tsvector, text);
DROP FUNCTION IF EXISTS quotes_quote_search_part(text, "char");
DROP FUNCTION IF EXISTS quotes_quote_search_names_vector(bigint, bigint, bigint);
"""


class Migration(migrations.Migration):
    dependencies = [("quotes", "0003_history")]

    operations = [migrations.RunSQL(SEARCH_SQL, REVERSE_SQL)]
