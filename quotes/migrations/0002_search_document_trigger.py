from django.db import migrations

# The stored search document of a quote: its text (weight A), the speaker's names and aliases
# (B) and the attribution as worded (C), unaccented, English stemming. A trigger rather than
# Python keeps it current on every path, bulk inserts and name edits included.
SEARCH_SQL = r"""
CREATE OR REPLACE FUNCTION quotes_quote_search_names(
    speaker bigint, speaking_org bigint, source_org bigint
) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT concat_ws(' ',
        (SELECT p.name FROM actors_person p WHERE p.id = speaker),
        (SELECT string_agg(a.name, ' ') FROM actors_alias a WHERE a.person_id = speaker),
        (SELECT o.name FROM actors_organization o WHERE o.id = speaking_org),
        (SELECT string_agg(a.name, ' ') FROM actors_alias a WHERE a.organization_id = speaking_org),
        (SELECT o.name FROM actors_organization o WHERE o.id = source_org)
    )
$$;

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

CREATE TRIGGER quotes_quote_search_document
BEFORE INSERT OR UPDATE OF text, attribution, speaker_id, speaking_organization_id,
    source_organization_id, search_document
ON quotes_quote FOR EACH ROW EXECUTE FUNCTION quotes_quote_search_document_refresh();

-- A renamed person or organization, or a changed alias, refreshes the quotes that name them.
CREATE OR REPLACE FUNCTION quotes_refresh_quotes_of_actor() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    row_data record;
BEGIN
    IF TG_OP = 'DELETE' THEN row_data := OLD; ELSE row_data := NEW; END IF;
    IF TG_TABLE_NAME = 'actors_person' THEN
        UPDATE quotes_quote SET search_document = NULL WHERE speaker_id = row_data.id;
    ELSIF TG_TABLE_NAME = 'actors_organization' THEN
        UPDATE quotes_quote SET search_document = NULL
        WHERE speaking_organization_id = row_data.id OR source_organization_id = row_data.id;
    ELSIF row_data.person_id IS NOT NULL THEN
        UPDATE quotes_quote SET search_document = NULL WHERE speaker_id = row_data.person_id;
    ELSE
        UPDATE quotes_quote SET search_document = NULL
        WHERE speaking_organization_id = row_data.organization_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER quotes_person_renamed AFTER UPDATE OF name ON actors_person
FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
EXECUTE FUNCTION quotes_refresh_quotes_of_actor();
CREATE TRIGGER quotes_organization_renamed AFTER UPDATE OF name ON actors_organization
FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
EXECUTE FUNCTION quotes_refresh_quotes_of_actor();
CREATE TRIGGER quotes_alias_changed AFTER INSERT OR UPDATE OR DELETE ON actors_alias
FOR EACH ROW EXECUTE FUNCTION quotes_refresh_quotes_of_actor();

-- At a million rows a LIMITed, date-ordered search otherwise walks the date index row by row
-- because the default statistics underestimate how rare a word is.
ALTER TABLE quotes_quote ALTER COLUMN search_document SET STATISTICS 1000;
"""

REVERSE_SQL = """
DROP TRIGGER IF EXISTS quotes_alias_changed ON actors_alias;
DROP TRIGGER IF EXISTS quotes_organization_renamed ON actors_organization;
DROP TRIGGER IF EXISTS quotes_person_renamed ON actors_person;
DROP FUNCTION IF EXISTS quotes_refresh_quotes_of_actor();
DROP TRIGGER IF EXISTS quotes_quote_search_document ON quotes_quote;
DROP FUNCTION IF EXISTS quotes_quote_search_document_refresh();
DROP FUNCTION IF EXISTS quotes_quote_search_names(bigint, bigint, bigint);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("quotes", "0001_initial"),
        ("actors", "0002_name_search_indexes"),
    ]

    operations = [migrations.RunSQL(SEARCH_SQL, REVERSE_SQL)]
