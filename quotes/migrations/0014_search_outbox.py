from django.db import migrations

# The outbox of the search index (quotes.search.outbox): every change that can alter what a
# quote's index document holds adds the quote's id, in the same transaction, with the id of
# that transaction. Statement-level triggers with transition tables: a bulk import's
# INSERT ... SELECT of 5,000 quotes writes its 5,000 rows in one statement, not 5,000 calls.
OUTBOX_SQL = r"""
CREATE TABLE quotes_search_outbox (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    quote_id bigint NOT NULL,
    xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX quotes_search_outbox_xid ON quotes_search_outbox (xid);
CREATE INDEX quotes_search_outbox_created_at ON quotes_search_outbox (created_at);

CREATE FUNCTION quotes_search_outbox_add(quote_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF cardinality(quote_ids) > 0 THEN
        INSERT INTO quotes_search_outbox (quote_id) SELECT unnest(quote_ids);
        PERFORM pg_notify('quotes_search', '');
    END IF;
END
$$;

CREATE FUNCTION quotes_search_outbox_quotes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM quotes_search_outbox_add(ARRAY(SELECT id FROM old_rows));
    ELSE
        PERFORM quotes_search_outbox_add(ARRAY(SELECT id FROM new_rows));
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER quotes_search_outbox_insert AFTER INSERT ON quotes_quote
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION quotes_search_outbox_quotes();
CREATE TRIGGER quotes_search_outbox_update AFTER UPDATE ON quotes_quote
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION quotes_search_outbox_quotes();
CREATE TRIGGER quotes_search_outbox_delete AFTER DELETE ON quotes_quote
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION quotes_search_outbox_quotes();

CREATE FUNCTION quotes_search_outbox_topics() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM quotes_search_outbox_add(ARRAY(SELECT DISTINCT quote_id FROM old_rows));
    ELSE
        PERFORM quotes_search_outbox_add(ARRAY(SELECT DISTINCT quote_id FROM new_rows));
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER quotes_search_outbox_topic_added AFTER INSERT ON quotes_quote_topics
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION quotes_search_outbox_topics();
CREATE TRIGGER quotes_search_outbox_topic_removed AFTER DELETE ON quotes_quote_topics
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION quotes_search_outbox_topics();

-- An article's date or publisher, and the organization of a role, are indexed with the quote.
CREATE FUNCTION quotes_search_outbox_articles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM quotes_search_outbox_add(ARRAY(
        SELECT q.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        JOIN quotes_quote q ON q.article_id = n.id
        WHERE (n.published_on, n.publisher_id) IS DISTINCT FROM (o.published_on, o.publisher_id)
    ));
    RETURN NULL;
END
$$;
CREATE TRIGGER quotes_search_outbox_article_changed AFTER UPDATE ON quotes_article
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION quotes_search_outbox_articles();

CREATE FUNCTION quotes_search_outbox_roles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM quotes_search_outbox_add(ARRAY(
        SELECT q.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        JOIN quotes_quote q ON q.affiliation_id = n.id
        WHERE n.organization_id IS DISTINCT FROM o.organization_id
    ));
    RETURN NULL;
END
$$;
CREATE TRIGGER quotes_search_outbox_role_moved AFTER UPDATE ON actors_affiliation
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION quotes_search_outbox_roles();
"""

REVERSE_SQL = r"""
DROP TRIGGER IF EXISTS quotes_search_outbox_role_moved ON actors_affiliation;
DROP TRIGGER IF EXISTS quotes_search_outbox_article_changed ON quotes_article;
DROP TRIGGER IF EXISTS quotes_search_outbox_topic_removed ON quotes_quote_topics;
DROP TRIGGER IF EXISTS quotes_search_outbox_topic_added ON quotes_quote_topics;
DROP TRIGGER IF EXISTS quotes_search_outbox_delete ON quotes_quote;
DROP TRIGGER IF EXISTS quotes_search_outbox_update ON quotes_quote;
DROP TRIGGER IF EXISTS quotes_search_outbox_insert ON quotes_quote;
DROP FUNCTION IF EXISTS quotes_search_outbox_roles();
DROP FUNCTION IF EXISTS quotes_search_outbox_articles();
DROP FUNCTION IF EXISTS quotes_search_outbox_topics();
DROP FUNCTION IF EXISTS quotes_search_outbox_quotes();
DROP FUNCTION IF EXISTS quotes_search_outbox_add(bigint[]);
DROP TABLE IF EXISTS quotes_search_outbox;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("quotes", "0013_retraction_needs_a_reason"),
        ("actors", "0003_history_and_person_redirects"),
    ]

    operations = [migrations.RunSQL(OUTBOX_SQL, REVERSE_SQL)]
