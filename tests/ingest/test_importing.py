"""import_articles and the import service: one article per line, whole articles only."""

import io
import json
import os
import signal
import subprocess
import sys
import time
from urllib.parse import quote as url_quote
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from actors.models import Affiliation, Organization, Person
from quotes import verbatim
from quotes.ingest import (
    BatchImporter,
    Catalog,
    PayloadError,
    import_article,
    parse_article,
    read_lines,
)
from quotes.models import Article, Quote
from tests.factories import (
    AffiliationFactory,
    ArticleFactory,
    OrganizationFactory,
    PersonFactory,
    PublisherFactory,
    QuoteFactory,
)

BODY = (
    '"We will not stop," the minister said on Tuesday. Talks continued, officials said. '
    '"There is no deal yet," a second official said.'
)


def article(number=1, **overrides):
    payload = {
        "publisher": "daily",
        "title": f"Talks continue {number}",
        "url": f"https://news.example/{number}",
        "published_on": "2023-12-20",
        "authors": ["A. Writer"],
        "body": BODY,
        "quotes": [
            {"text": "We will not stop,", "speaker": "minister", "attribution": "the minister"},
            {
                "text": "There is no deal yet,",
                "attribution": "a second official",
                "anonymous": True,
            },
        ],
    }
    payload.update(overrides)
    return payload


def write(path, payloads):
    path.write_text("".join(json.dumps(p) + "\n" if isinstance(p, dict) else p for p in payloads))
    return path


@pytest.fixture
def known(db):
    PublisherFactory(slug="daily", name="The Daily")
    return PersonFactory(slug="minister", name="Ana Minister")


def run(path, *args):
    call_command("import_articles", str(path), "--no-progress", *args, stdout=io.StringIO())


def test_import_a_good_file(known, tmp_path):
    run(write(tmp_path / "a.jsonl", [article(1), article(2)]))
    assert Article.objects.count() == 2
    quote = Quote.objects.get(article__url="https://news.example/1", speaker=known)
    assert (quote.start_offset, quote.end_offset) == (1, 18)
    assert quote.said_on.isoformat() == "2023-12-20"
    assert quote.search_document  # the trigger ran on COPY


def test_the_example_file_imports_after_the_seed(db, tmp_path):
    call_command("loaddata", "seed", verbosity=0)
    call_command(
        "import_articles",
        "fixtures/example-import.jsonl",
        "--no-progress",
        "--rejects",
        str(tmp_path / "r.jsonl"),
        stdout=io.StringIO(),
    )
    assert Article.objects.filter(publisher__slug="example-wire").count() == 2
    assert not (tmp_path / "r.jsonl").exists()


def test_a_bad_line_is_reported_and_the_run_goes_on(known, tmp_path):
    bad = article(2)
    bad["quotes"][0]["text"] = "We will never stop"
    run(write(tmp_path / "a.jsonl", [article(1), bad, "{not json\n", article(3)]))
    assert sorted(Article.objects.values_list("url", flat=True)) == [
        "https://news.example/1",
        "https://news.example/3",
    ]
    rejects = [json.loads(line) for line in (tmp_path / "a.jsonl.rejects.jsonl").open()]
    assert [(r["line"], r["field"]) for r in rejects] == [(2, "quotes[0].text"), (3, "(line)")]
    assert 'but then differs at "never stop"' in rejects[0]["reason"]


def test_atomic_rolls_everything_back_on_one_bad_line(known, tmp_path):
    bad = article(2, published_on="2023-13-45")
    with pytest.raises(CommandError, match="nothing was imported"):
        run(write(tmp_path / "a.jsonl", [article(1), bad, article(3)]), "--atomic")
    assert Article.objects.count() == 0
    assert Quote.objects.count() == 0


def test_atomic_stops_reading_at_the_first_rejected_line(known, tmp_path):
    lines = [article(1), article(2, published_on="2023-13-45"), article(3), "{not json\n"]
    with pytest.raises(CommandError, match="1 line\\(s\\) rejected"):
        run(write(tmp_path / "a.jsonl", lines), "--atomic")
    rejects = (tmp_path / "a.jsonl.rejects.jsonl").read_text().splitlines()
    assert [json.loads(line)["line"] for line in rejects] == [2]


def test_rerunning_the_same_file_changes_nothing(known, tmp_path):
    path = write(tmp_path / "a.jsonl", [article(1), article(2, url="")])
    run(path)
    before = list(Quote.objects.order_by("pk").values_list("pk", "text", "updated_at"))
    run(path)
    assert list(Quote.objects.order_by("pk").values_list("pk", "text", "updated_at")) == before
    assert Article.objects.count() == 2


def test_unknown_speaker_is_rejected_without_create_people(known, tmp_path):
    payload = article(1)
    payload["quotes"][0]["speaker"] = "Nadia Newcomer"
    run(write(tmp_path / "a.jsonl", [payload]))
    assert Article.objects.count() == 0
    reject = json.loads((tmp_path / "a.jsonl.rejects.jsonl").read_text())
    assert reject["field"] == "quotes[0].speaker"
    assert "--create-people" in reject["reason"]


def test_create_people_creates_the_unknown_speaker_once(known, tmp_path):
    first, second = article(1), article(2)
    first["quotes"][0]["speaker"] = second["quotes"][0]["speaker"] = "Nadia Newcomer"
    run(write(tmp_path / "a.jsonl", [first, second]), "--create-people")
    person = Person.objects.get(name="Nadia Newcomer")
    assert person.slug == "nadia-newcomer"
    assert person.quotes.count() == 2


def test_a_rejected_line_leaves_no_person_role_or_organization_it_named(known, tmp_path):
    held = AffiliationFactory(person=known, role="Minister", start_date="2021-01-01")
    new_role = {
        "title": "Envoy",
        "organization": {"name": "New Office"},
        "start_date": "2023-01-01",
    }
    first, second = article(1), article(2)
    first["quotes"][0].update(speaker={"name": "Nadia Newcomer"}, role=new_role)
    first["quotes"][1].update(speaker="minister", anonymous=False, role=new_role)
    first["quotes"].append({"text": "Not in the body", "attribution": "someone"})
    second["quotes"][0]["speaker"] = "Nadia Newcomer"
    second["quotes"][1].update(speaker="minister", anonymous=False)
    run(write(tmp_path / "a.jsonl", [first, second]), "--create-people")
    assert Person.objects.get(name="Nadia Newcomer").slug == "nadia-newcomer"
    assert not Organization.objects.filter(name="New Office").exists()
    assert list(Affiliation.objects.all()) == [held]
    assert Quote.objects.get(speaker=known).affiliation == held


def test_speakers_resolve_by_slug_wikidata_id_name_and_alias(known, db):
    known.wikidata_id = "Q42"
    known.save()
    known.aliases.create(name="Minister Ana")
    catalog = Catalog(preload=True)
    for ref in ["minister", "Q42", "ana minister", "Minister Ana", {"slug": "minister"}]:
        assert catalog.person(ref, "speaker", create=False) == known


def test_errors_name_the_field_path(known):
    payload = article(1)
    payload["quotes"][1]["kind"] = "rumour"
    with pytest.raises(PayloadError) as error:
        parse_article(payload, Catalog(preload=True))
    assert error.value.field == "quotes[1].kind"


@pytest.mark.parametrize("confidence", [1.5, -1, float("nan"), "high", True])
def test_a_confidence_that_is_not_a_number_from_zero_to_one_is_rejected(known, confidence):
    payload = article(1)
    payload["quotes"][0]["extraction_confidence"] = confidence
    with pytest.raises(PayloadError) as error:
        parse_article(payload, Catalog(preload=True))
    assert error.value.field == "quotes[0].extraction_confidence"


def test_a_topic_object_with_an_unknown_field_is_rejected_like_other_objects(known):
    payload = article(1)
    payload["quotes"][0]["topics"] = [{"slug": "truce", "label": "Truce"}]
    with pytest.raises(PayloadError) as error:
        parse_article(payload, Catalog(preload=True))
    assert (error.value.field, error.value.reason) == (
        "quotes[0].topics[0].label",
        "Unknown field.",
    )


def test_an_author_with_a_nul_character_is_rejected_not_a_database_error(known):
    # PostgreSQL text cannot hold NUL: found by the schemathesis run on POST /articles/.
    with pytest.raises(PayloadError) as error:
        parse_article(article(1, authors=["A.\x00Writer"]), Catalog(preload=True))
    assert error.value.field == "authors"


@pytest.mark.parametrize(
    "key", ["attribution", "source_label", "cue", "place", "language", "extractor_version"]
)
def test_a_quote_text_longer_than_the_model_stores_is_rejected(known, key):
    limit = Quote._meta.get_field(key).max_length
    payload = article(1)
    payload["quotes"][0][key] = "x" * (limit + 1)
    with pytest.raises(PayloadError) as error:
        parse_article(payload, Catalog(preload=True))
    assert (error.value.field, error.value.reason) == (
        f"quotes[0].{key}",
        f"At most {limit} characters.",
    )


def test_an_anonymous_quote_naming_its_speaker_gets_the_models_message(known):
    payload = article(1)
    payload["quotes"][0]["anonymous"] = True
    constraint = next(
        c for c in Quote._meta.constraints if c.name == "quote_anonymous_has_no_speaker"
    )
    with pytest.raises(PayloadError) as error:
        parse_article(payload, Catalog(preload=True))
    assert error.value.reason == constraint.violation_error_message


def test_every_imported_quote_is_verbatim(known, tmp_path):
    payload = article(1)
    payload["quotes"][0].update(start_offset=3, end_offset=9)  # wrong hints: the body decides
    payload["quotes"][1]["text"] = "“There  is no deal yet,”"  # curly marks, double space
    run(write(tmp_path / "a.jsonl", [payload]))
    for quote in Quote.objects.select_related("article"):
        body = quote.article.body
        assert body[quote.start_offset : quote.end_offset] == quote.text
        assert verbatim.locate(body, quote.text, quote.start_offset) == (
            quote.start_offset,
            quote.end_offset,
        )


def test_role_is_the_one_held_on_the_day(known, tmp_path):
    AffiliationFactory(
        person=known, role="Old role", start_date="2010-01-01", end_date="2019-12-31"
    )
    current = AffiliationFactory(person=known, role="Minister", start_date="2021-01-01")
    run(write(tmp_path / "a.jsonl", [article(1)]))
    quote = Quote.objects.get(speaker=known)
    assert quote.affiliation == current
    assert quote.affiliation == known.role_on(quote.said_on)


def test_role_on_in_memory_matches_the_database(known):
    AffiliationFactory(person=known, start_date=None)
    AffiliationFactory(person=known, start_date="2020-05-01")
    AffiliationFactory(person=known, start_date="2020-05-01", role="Other")
    catalog = Catalog(preload=True)
    person = catalog.people_by_slug["minister"]
    for day in ["2019-01-01", "2020-06-01"]:
        date = __import__("datetime").date.fromisoformat(day)
        assert catalog.role_on(person, date).pk == known.role_on(date).pk


def test_import_article_service_creates_then_finds_the_article(known):
    created = import_article(article(7))
    again = import_article(article(7))
    assert created.created and not again.created
    assert again.article == created.article
    assert created.article.quotes.count() == 2


def test_a_new_publisher_name_is_stored_cleaned_and_found_again(db):
    # Lookup and creation clean a name the same way, or the second article makes a twin.
    publisher = {"name": "  The\x1eEvening   Post "}
    first = import_article(article(1, publisher=publisher, quotes=[]))
    second = import_article(article(2, publisher=publisher, quotes=[]))
    assert first.article.publisher.name == "The Evening Post"
    assert second.article.publisher == first.article.publisher


def test_a_new_speaker_name_is_stored_cleaned_and_found_again(known):
    payloads = [article(1), article(2)]
    for payload in payloads:
        payload["quotes"][0]["speaker"] = {"name": " Nadia   Newcomer\t"}
    first, second = (import_article(p, create_people=True) for p in payloads)
    speakers = {
        quote.speaker for result in (first, second) for quote in result.article.quotes.all()
    }
    assert {speaker.name for speaker in speakers if speaker} == {"Nadia Newcomer"}
    assert Person.objects.filter(name="Nadia Newcomer").count() == 1


@pytest.mark.parametrize("count", [1, 20])
def test_query_count_does_not_grow_with_the_file(known, tmp_path, count):
    path = write(tmp_path / "a.jsonl", [article(n) for n in range(count)])
    with CaptureQueriesContext(connection) as queries:
        run(path)
    assert Quote.objects.count() == 2 * count
    assert len(queries) <= 20


def planner_row_estimate(model) -> float:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [model._meta.db_table]
        )
        return cursor.fetchone()[0]


def analyze_empty_quotes_table():
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE quotes_quote")
    assert planner_row_estimate(Quote) == 0


def test_an_import_that_grows_the_quotes_past_autovacuums_threshold_analyzes_them(known, tmp_path):
    analyze_empty_quotes_table()
    run(write(tmp_path / "a.jsonl", [article(n) for n in range(30)]))  # 60 quotes: over 50 + 0
    assert planner_row_estimate(Quote) == Quote.objects.count() == 60


def test_a_small_import_leaves_the_statistics_to_autovacuum(known, tmp_path):
    analyze_empty_quotes_table()
    run(write(tmp_path / "a.jsonl", [article(n) for n in range(10)]))  # 20 quotes
    assert planner_row_estimate(Quote) == 0


# The fast path: batches written by COPY, search documents computed set-based


def test_a_database_refusal_rejects_only_that_article_of_the_batch(known, tmp_path):
    """Lines pass validation, then the database refuses one article (here: its URL was taken
    by another writer after the importer loaded its catalog): the batch is retried article by
    article and only that one is rejected, with its line number."""
    path = write(tmp_path / "a.jsonl", [article(1), article(2), article(3)])
    rejects = []
    importer = BatchImporter(on_reject=rejects.append)
    ArticleFactory(url="https://news.example/2", title="Someone else's")
    with path.open("rb") as stream:
        summary = importer.run(read_lines(stream))
    assert sorted(Article.objects.values_list("url", "title")) == [
        ("https://news.example/1", "Talks continue 1"),
        ("https://news.example/2", "Someone else's"),
        ("https://news.example/3", "Talks continue 3"),
    ]
    assert [(reject.line, reject.field) for reject in rejects] == [(2, "(database)")]
    assert "article_url_unique" in rejects[0].reason
    assert (summary.articles, summary.quotes, summary.rejected) == (2, 4, 1)
    assert Quote.objects.filter(article__url="https://news.example/3").count() == 2


def test_a_batch_that_fails_keeps_its_new_people_for_the_articles_that_succeed(known, tmp_path):
    first, second = article(1), article(2)
    first["quotes"][0]["speaker"] = second["quotes"][0]["speaker"] = "Nadia Newcomer"
    path = write(tmp_path / "a.jsonl", [first, second])
    rejects = []
    importer = BatchImporter(create_people=True, on_reject=rejects.append)
    ArticleFactory(url="https://news.example/1")
    with path.open("rb") as stream:
        importer.run(read_lines(stream))
    assert [(reject.line, reject.field) for reject in rejects] == [(1, "(database)")]
    assert Person.objects.get(name="Nadia Newcomer").quotes.count() == 1


SEARCH_DOCUMENT = """
    quotes_search_vector(q.text, 'A')
    || quotes_search_vector(quotes_quote_search_names(
        q.speaker_id, q.speaking_organization_id, q.source_organization_id), 'B')
    || quotes_search_vector(q.attribution, 'C')
"""


def documents_unlike_the_triggers() -> int:
    """How many quotes' documents differ from a search document as migrations 0007 and 0008
    define it: each part's words with the part's weight, hyphenated words also joined."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM quotes_quote q "
            f"WHERE q.search_document IS DISTINCT FROM ({SEARCH_DOCUMENT})"
        )
        return cursor.fetchone()[0]


def import_in_batches(importer, *batches):
    """Feed each list of payloads to ``importer`` and write it as a batch of its own."""
    line = 0
    for payloads in batches:
        for payload in payloads:
            line += 1
            importer.feed_payload(line, payload)
        importer.flush()


def test_the_search_document_is_exactly_the_triggers(known, tmp_path):
    known.aliases.create(name="Ana 'the Hawk' Minister")
    known.aliases.create(name="Minística Señora")
    OrganizationFactory(slug="ministry", name="Ministry of Ça-va & Déjà-vu")
    body = (
        "“Café déjà vu,” she said; \"the the and of\" — a backslash \\ and O'Brien's "
        "l'été... 50% of 1,000,000 https://x.example/a?b=c e-mail user@example.org. "
        "Ünïcödé ＦＵＬＬ width. " * 3
    )
    payloads = []
    for number, (speaker, org, source_org, attribution) in enumerate(
        [
            ("minister", None, None, "the minister, O'Brien's deputy"),
            (None, "ministry", None, ""),
            (None, None, "ministry", "a source at the ministry"),
            ("minister", None, "ministry", "Señora"),
        ]
    ):
        payloads.append(
            article(
                number,
                body=body,
                quotes=[
                    {
                        "text": text,
                        "speaker": speaker,
                        "speaking_organization": org,
                        "source_organization": source_org,
                        "attribution": attribution,
                    }
                    for text in ["Café déjà vu,", '"the the and of"', "backslash \\ and O'Brien"]
                ],
            )
        )
    run(write(tmp_path / "a.jsonl", payloads))
    assert Quote.objects.count() == 12
    assert documents_unlike_the_triggers() == 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, search_document::text FROM quotes_quote ORDER BY id")
        imported = cursor.fetchall()
        # And the trigger itself: clearing the document makes it compute it again.
        cursor.execute("UPDATE quotes_quote SET search_document = NULL")
        cursor.execute("SELECT id, search_document::text FROM quotes_quote ORDER BY id")
        assert cursor.fetchall() == imported
    assert all(document for _, document in imported)


def test_the_trigger_keeps_a_given_document_only_in_a_bulk_import_statement(known):
    quote = QuoteFactory(speaker=known)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE quotes_quote SET search_document = 'forged' WHERE id = %s", [quote.pk]
        )
        cursor.execute("SELECT search_document::text FROM quotes_quote WHERE id = %s", [quote.pk])
        assert "forged" not in cursor.fetchone()[0]
        cursor.execute("SELECT set_config('whosaid.bulk_import', 'on', true)")
        cursor.execute(
            "UPDATE quotes_quote SET search_document = 'forged' WHERE id = %s", [quote.pk]
        )
        cursor.execute("SELECT search_document::text FROM quotes_quote WHERE id = %s", [quote.pk])
        assert cursor.fetchone()[0] == "'forged'"
        cursor.execute("SELECT set_config('whosaid.bulk_import', 'off', true)")
        cursor.execute("UPDATE quotes_quote SET search_document = NULL WHERE id = %s", [quote.pk])
        cursor.execute("SELECT current_setting('whosaid.bulk_import', true)")
        assert cursor.fetchone() == ("off",)


def test_an_import_leaves_the_bulk_setting_off(known, tmp_path):
    run(write(tmp_path / "a.jsonl", [article(1)]))
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(current_setting('whosaid.bulk_import', true), '')")
        assert cursor.fetchone()[0] in ("", "off")


def test_a_name_added_during_a_run_is_in_the_documents_of_the_later_batches(known):
    importer = BatchImporter()
    import_in_batches(importer, [article(1)])
    known.aliases.create(name="Zebediah")
    import_in_batches(importer, [article(2)])
    later = Quote.objects.filter(article__url="https://news.example/2", speaker=known)
    assert later.filter(search_document="zebediah").count() == 1
    assert documents_unlike_the_triggers() == 0


def test_speakers_created_by_the_run_get_the_triggers_documents(known):
    first, second = article(1), article(2)
    first["quotes"][0]["speaker"] = second["quotes"][0]["speaker"] = "Nadia Newcomer"
    import_in_batches(BatchImporter(create_people=True), [first], [second, article(3)])
    assert Quote.objects.filter(search_document="newcomer").count() == 2
    assert documents_unlike_the_triggers() == 0


def _database_url(settings_dict) -> str:
    """The URL of the database these tests run on, for a ``manage.py`` child process (the
    embedded server is reached through a socket folder given as ``?host=``)."""
    user = url_quote(settings_dict["USER"] or "", safe="")
    password = url_quote(settings_dict["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}@" if password else f"{user}@"
    address = url_quote(settings_dict["HOST"] or "", safe="")
    if settings_dict["PORT"]:
        address += f":{settings_dict['PORT']}"
    options = urlencode(settings_dict["OPTIONS"])
    return f"postgres://{credentials}{address}/{settings_dict['NAME']}" + (
        f"?{options}" if options else ""
    )


@pytest.mark.django_db(transaction=True)
def test_a_killed_import_leaves_whole_articles_and_a_rerun_completes_it(tmp_path):
    PublisherFactory(slug="daily", name="The Daily")
    PersonFactory(slug="minister", name="Ana Minister")
    total = 1000
    path = write(tmp_path / "big.jsonl", [article(n) for n in range(1, total + 1)])
    # One article per transaction, so the kill lands between (or inside) many commits.
    command = ["import_articles", str(path), "--no-progress", "--batch-quotes", "2"]
    child = subprocess.Popen(
        [sys.executable, "manage.py", *command],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": _database_url(connection.settings_dict)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while Article.objects.count() < 20 and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert child.poll() is None, child.stderr.read().decode()
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stderr.close()

    interrupted = Article.objects.count()
    assert 20 <= interrupted < total
    assert not Article.objects.annotate(n=Count("quotes")).exclude(n=2).exists()

    run(path)
    assert Article.objects.count() == total
    assert Quote.objects.count() == 2 * total
