"""Quote search through the Tantivy index: it follows the database, and the database decides.

Each test builds a tiny index in a folder of its own (``search_index``); ``sync()`` is one
round of the index writer.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.merging import merge_people
from quotes.choices import QuoteKind, ReviewStatus
from quotes.search import indexer
from tests.factories import (
    AffiliationFactory,
    AliasFactory,
    ArticleFactory,
    OrganizationFactory,
    PersonFactory,
    PublisherFactory,
    QuoteFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/quotes/"
D = datetime.date


def found(client, q, **params):
    response = client.get(URL, {"q": q, **params})
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def aid_quote(**fields):
    article = fields.pop("article", None) or ArticleFactory(body="“Aid must flow,” he said.")
    return QuoteFactory(article=article, text="Aid must flow,", **fields)


# Consistency: after a round of the writer, the index says what the database says.


def test_a_new_quote_is_found_once_the_writer_has_run(api, search_index):
    quote = aid_quote()
    assert found(api, "aid") == []  # the index has not seen it yet: nothing wrong shown
    search_index.sync()
    assert found(api, "aid") == [quote.pk]


def test_an_edited_quote_is_found_by_its_new_words_only(api, search_index):
    article = ArticleFactory(body="“Aid must flow,” he said. “Talks will resume,” he added.")
    quote = aid_quote(article=article)
    search_index.sync()
    quote.text = "Talks will resume,"
    quote.save()
    search_index.sync()
    assert found(api, "aid") == []
    assert found(api, "talks") == [quote.pk]


def test_a_retracted_quote_leaves_public_search_but_staff_still_find_it(
    api, staff_api, search_index
):
    quote = aid_quote()
    search_index.sync()
    Quote = type(quote)
    Quote.objects.filter(pk=quote.pk).update(
        status=ReviewStatus.RETRACTED, retraction_reason="Misattributed."
    )
    search_index.sync()
    assert found(api, "aid") == []
    assert found(staff_api, "aid") == [quote.pk]
    assert found(staff_api, "aid", status="retracted") == [quote.pk]


def test_a_deleted_quote_is_gone_from_the_index(api, search_index, settings):
    quote = aid_quote()
    search_index.sync()
    quote.delete()
    search_index.sync()
    assert found(api, "aid") == []
    assert indexer.verify(settings.SEARCH_INDEX_DIR) == []


def test_an_edit_replaces_the_document_rather_than_adding_one(search_index, settings):
    quote = aid_quote()
    search_index.sync()
    for cue in ("said", "told", "wrote"):
        quote.cue = cue
        quote.save()
        search_index.sync()
    assert indexer.verify(settings.SEARCH_INDEX_DIR) == []


def test_a_merged_speaker_is_found_by_either_name(api, search_index):
    survivor = PersonFactory(name="Laozi", slug="laozi")
    duplicate = PersonFactory(name="Lao Tzu", slug="lao-tzu")
    quote = aid_quote(speaker=duplicate)
    search_index.sync()
    merge_people(survivor, duplicate)
    search_index.sync()
    assert found(api, "laozi") == [quote.pk]
    assert found(api, "tzu") == [quote.pk]  # the duplicate's name is an alias now
    assert found(api, "aid", speaker="laozi") == [quote.pk]


def test_a_renamed_speaker_and_a_new_alias_reach_the_index(api, search_index):
    person = PersonFactory(name="Dana Levi")
    quote = aid_quote(speaker=person)
    search_index.sync()
    person.name = "Dana Cohen"
    person.save()
    AliasFactory(person=person, name="Dolly")
    search_index.sync()
    assert found(api, "cohen") == [quote.pk]
    assert found(api, "dolly") == [quote.pk]
    assert found(api, "levi") == []


def test_a_renamed_organization_reaches_the_quotes_it_said(api, search_index):
    body = OrganizationFactory(name="Harbor Ministry")
    quote = aid_quote(speaker=None, speaking_organization=body)
    search_index.sync()
    body.name = "Port Authority"
    body.save()
    search_index.sync()
    assert found(api, "port authority") == [quote.pk]


def test_a_topic_tag_and_an_article_date_reach_the_filters(api, search_index):
    quote = aid_quote(said_on=D(2023, 12, 20))
    topic = TopicFactory(slug="aid")
    search_index.sync()
    quote.topics.add(topic)
    type(quote.article).objects.filter(pk=quote.article_id).update(published_on=D(2020, 1, 1))
    search_index.sync()
    assert found(api, "aid", topic="aid") == [quote.pk]
    assert found(api, "aid", published_before="2020-06-01") == [quote.pk]


def test_a_role_moved_to_another_organization_follows_in_the_index(api, search_index):
    person = PersonFactory()
    first, second = OrganizationFactory(slug="first"), OrganizationFactory(slug="second")
    role = AffiliationFactory(person=person, organization=first)
    quote = aid_quote(speaker=person, affiliation=role)
    search_index.sync()
    type(role).objects.filter(pk=role.pk).update(organization=second)
    search_index.sync()
    assert found(api, "aid", organization="second") == [quote.pk]
    assert found(api, "aid", organization="first") == []


# The database decides what is shown.


def test_a_quote_retracted_since_the_index_last_ran_is_never_shown(api, search_index):
    quotes = [aid_quote() for _ in range(4)]
    search_index.sync()
    Quote = type(quotes[0])
    Quote.objects.filter(pk=quotes[1].pk).update(
        status=ReviewStatus.RETRACTED, retraction_reason="Misattributed."
    )
    Quote.objects.filter(pk=quotes[2].pk).delete()
    assert sorted(found(api, "aid")) == sorted([quotes[0].pk, quotes[3].pk])


def test_a_page_skips_hidden_quotes_and_fills_itself_from_further_down(api, search_index):
    quotes = [aid_quote() for _ in range(7)]
    search_index.sync()
    ranked = found(api, "aid", page_size=7)
    Quote = type(quotes[0])
    Quote.objects.filter(pk__in=ranked[:2]).update(status=ReviewStatus.DRAFT)
    first = api.get(URL, {"q": "aid", "page_size": 3}).json()
    second = api.get(first["next"]).json()
    assert [row["id"] for row in first["results"]] == ranked[2:5]
    assert [row["id"] for row in second["results"]] == ranked[5:7]
    assert second["next"] is None


def test_relevance_pages_follow_the_ranking_without_overlap_or_gap(api, search_index):
    quotes = [aid_quote() for _ in range(5)]
    search_index.sync()
    seen, page = [], api.get(URL, {"q": "aid", "page_size": 2}).json()
    seen += [row["id"] for row in page["results"]]
    while page["next"]:
        page = api.get(page["next"]).json()
        seen += [row["id"] for row in page["results"]]
    assert sorted(seen) == sorted(quote.pk for quote in quotes)
    assert len(seen) == len(set(seen))


# Filters are applied inside the index, then again by the database.


def test_every_filter_combines_with_q_in_the_index(api, search_index):
    hamas = OrganizationFactory(slug="hamas")
    bureau = OrganizationFactory(slug="bureau", parent=hamas)
    levi = PersonFactory(slug="dana-levi")
    role = AffiliationFactory(person=levi, organization=bureau, role="Political Bureau member")
    publisher = PublisherFactory(slug="times")
    article = ArticleFactory(
        body="“Aid must flow,” he said.", publisher=publisher, published_on=D(2024, 1, 5)
    )
    named = aid_quote(article=article, speaker=levi, affiliation=role, said_on=D(2023, 12, 1))
    unnamed = aid_quote(
        speaker=None,
        is_anonymous=True,
        source_organization=hamas,
        attribution="a Hamas official",
        kind=QuoteKind.PARAPHRASE,
        said_on=D(2023, 11, 1),
        language="fr",
        channel="interview",
    )
    unnamed.topics.add(TopicFactory(slug="relief"))
    other = aid_quote(said_on=D(2022, 1, 1))
    claim_article = ArticleFactory(body="“Aid must flow,” it was said.", published_on=D(2023, 6, 1))
    claim = aid_quote(
        article=claim_article, speaker=None, attribution="", is_unattributed=True, said_on=None
    )
    search_index.sync()
    cases = {
        "speaker": ("dana-levi", [named]),
        "organization": ("hamas", [unnamed]),
        "role": ("political bureau", [named]),
        "article": (str(article.pk), [named]),
        "publisher": ("times", [named]),
        "said_after": ("2023-11-15", [named]),
        "said_before": ("2022-06-01", [other]),
        "published_after": ("2024-01-01", [named]),
        "published_before": ("2024-01-01", [unnamed, other, claim]),
        "kind": ("paraphrase", [unnamed]),
        "anonymous": ("true", [unnamed]),
        "unattributed": ("true", [claim]),
        "topic": ("relief", [unnamed]),
        "language": ("fr", [unnamed]),
        "channel": ("interview", [unnamed]),
    }
    for name, (value, expected) in cases.items():
        assert sorted(found(api, "aid", **{name: value})) == sorted(q.pk for q in expected), name
    both = {"organization": "hamas", "include_sub_organizations": "true"}
    assert sorted(found(api, "aid", **both)) == sorted([named.pk, unnamed.pk])
    assert found(api, "aid", speaker="nobody") == []


def test_the_sites_count_of_a_search_comes_from_the_index_with_its_filters(client, search_index):
    for _ in range(3):
        aid_quote()
    aid_quote(speaker=None, attribution="", is_unattributed=True)
    search_index.sync()
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/", {"q": "aid", "page_size": 1}).content.decode()
    assert "4 quotes match" in page
    assert not any("COUNT(" in query["sql"].upper() for query in queries)
    page = client.get("/", {"q": "aid", "unattributed": "false", "page_size": 1}).content.decode()
    assert "3 quotes match" in page


def test_a_nested_list_searches_the_person_or_organization_of_its_url(api, search_index):
    levi = PersonFactory(slug="dana-levi")
    mine = aid_quote(speaker=levi)
    aid_quote()
    search_index.sync()
    response = api.get("/api/v1/people/dana-levi/quotes/", {"q": "aid"})
    assert [row["id"] for row in response.json()["results"]] == [mine.pk]


def test_a_search_page_reads_its_rows_in_one_query_and_marks_them_without_any(api, search_index):
    for _ in range(25):
        aid_quote(speaker=PersonFactory())
    search_index.sync()
    with CaptureQueriesContext(connection) as captured:
        assert len(found(api, "aid", page_size=20)) == 20
    assert len(captured) == 1


def test_a_filter_by_slug_costs_one_query_to_find_its_ids(api, search_index):
    levi = PersonFactory(slug="dana-levi")
    aid_quote(speaker=levi)
    search_index.sync()
    with CaptureQueriesContext(connection) as captured:
        assert len(found(api, "aid", speaker="dana-levi")) == 1
    assert len(captured) == 2


# Ranking: BM25, the quote text above names and attributions.


def test_a_word_in_the_quote_outranks_the_same_word_in_a_name(api, search_index):
    article = ArticleFactory(body="“Officials were hopeful.” “Aid must flow,” he said.")
    by_name = QuoteFactory(
        article=article, speaker=PersonFactory(name="Aid Levi"), text="Officials were hopeful."
    )
    in_text = aid_quote(article=article)
    search_index.sync()
    assert found(api, "aid") == [in_text.pk, by_name.pk]


def test_a_short_quote_about_the_word_outranks_a_long_one_that_mentions_it(api, search_index):
    body = (
        "“Hostages must come home,” she said. “We discussed the budget, the roads, the schools, "
        "the hospitals, the harbor and, briefly, the hostages,” he said."
    )
    article = ArticleFactory(body=body)
    short = QuoteFactory(article=article, text="Hostages must come home,")
    long = QuoteFactory(
        article=article,
        text="We discussed the budget, the roads, the schools, the hospitals, the harbor and, "
        "briefly, the hostages,",
    )
    search_index.sync()
    assert found(api, "hostages") == [short.pk, long.pk]


def test_the_seed_ranks_netanyahus_words_on_hostages_first(api, seed, search_index):
    search_index.sync()
    rows = api.get(URL, {"q": "netanyahu hostages"}).json()["results"]
    assert rows[0]["speaker"]["slug"] == "benjamin-netanyahu"
    assert "<mark>hostages</mark>" in rows[0]["highlight"]


def test_the_seed_ranks_hamas_officials_first_for_hamas_official(api, seed, search_index):
    search_index.sync()
    rows = api.get(URL, {"q": "hamas official"}).json()["results"]
    assert rows
    first = rows[0]
    assert "hamas" in (first["attribution"] + str(first["source_organization"])).lower()


# Without an index, and the commands.


def test_without_an_index_search_answers_from_postgresql(api):
    quote = aid_quote()
    assert found(api, "aid") == [quote.pk]
    assert api.get("/healthz").json()["search"] == "fallback"


def test_an_index_of_another_format_is_not_used(api, search_index, settings):
    quote = aid_quote()
    current = indexer.IndexDirectory(settings.SEARCH_INDEX_DIR).current()
    (current / "whosaid.json").write_text('{"format": 0}')
    assert found(api, "aid") == [quote.pk]  # from PostgreSQL: the index never saw it
    assert api.get("/healthz").json()["search"] == "fallback"


def test_rebuild_makes_a_new_index_current_and_keeps_the_previous_one(settings):
    from django.core.management import call_command

    quote = aid_quote()
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    directory = indexer.IndexDirectory(settings.SEARCH_INDEX_DIR)
    first = directory.current()
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert directory.current() != first
    assert first.exists()
    from quotes.search import SearchRequest, current_engine

    assert current_engine().ranked_ids(SearchRequest("aid"), 0, 10) == [quote.pk]


def test_verify_fails_when_the_index_misses_a_quote(settings, search_index):
    from django.core.management import CommandError, call_command

    aid_quote()  # recorded in the outbox, not yet applied
    with pytest.raises(CommandError, match="differs"):
        call_command("verify_search_index", attempts=1, stderr=open("/dev/null", "w"))  # noqa: SIM115
    search_index.sync()
    call_command("verify_search_index", attempts=1, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_writer_builds_the_index_when_there_is_none(settings, api):
    quote = aid_quote()
    indexer.run(settings.SEARCH_INDEX_DIR, poll=0, rounds=2)
    assert api.get("/healthz").json()["search"] == "index"
    assert found(api, "aid") == [quote.pk]


def test_an_index_whose_position_is_older_than_the_outbox_keeps_is_rebuilt(settings, api):
    from quotes.search import outbox

    stale = indexer.rebuild(settings.SEARCH_INDEX_DIR)
    quote = aid_quote()
    outbox.Position(0, set()).save(stale.path, 0.0)  # as if the writer had stopped long ago
    indexer.run(settings.SEARCH_INDEX_DIR, poll=0, rounds=1)
    assert indexer.IndexDirectory(settings.SEARCH_INDEX_DIR).current() != stale.path
    assert found(api, "aid") == [quote.pk]


def test_a_rebuild_reads_each_quote_as_the_writer_does(seed):
    from django.db import transaction

    with transaction.atomic():
        rebuilt = {row.id: row for batch in indexer.all_quote_rows() for row in batch}
    one_by_one = {row.id: row for row in indexer.quote_rows(list(rebuilt))}
    assert rebuilt.keys() == one_by_one.keys()
    for pk, row in rebuilt.items():
        other = one_by_one[pk]
        assert sorted(row.names.split()) == sorted(other.names.split())
        assert sorted(row.topic_ids) == sorted(other.topic_ids)
        assert (row.text, row.status, row.published_on) == (
            other.text,
            other.status,
            other.published_on,
        )


def test_the_writer_waits_for_a_database_that_stops_answering(settings, api, monkeypatch):
    from django.db import DatabaseError

    quote = aid_quote()
    failures = iter([DatabaseError("connection lost")])

    def flaky_sync(self, original=indexer.Indexer.sync):
        if (error := next(failures, None)) is not None:
            raise error
        return original(self)

    monkeypatch.setattr(indexer.Indexer, "sync", flaky_sync)
    monkeypatch.setattr(indexer.time, "sleep", lambda seconds: None)
    indexer.run(settings.SEARCH_INDEX_DIR, poll=0, rounds=3)
    assert found(api, "aid") == [quote.pk]


def test_a_bulk_insert_records_every_quote_in_the_outbox(search_index):
    from quotes.models import Quote

    first = aid_quote()
    search_index.sync()
    Quote.objects.bulk_create(
        Quote(
            article=first.article, text="Aid must flow,", speaker=first.speaker, status="verified"
        )
        for _ in range(30)
    )
    assert search_index.sync() == 30


def test_an_index_whose_writer_has_gone_silent_is_not_used(api, search_index, settings):
    import os
    import time

    quote = aid_quote()  # never applied: the writer is gone
    current = indexer.IndexDirectory(settings.SEARCH_INDEX_DIR).current()
    an_hour_ago = time.time() - 3600
    os.utime(current / "position.json", (an_hour_ago, an_hour_ago))
    assert api.get("/healthz").json()["search"] == "fallback"
    assert found(api, "aid") == [quote.pk]


def test_a_download_of_a_search_holds_its_matches_only(api, search_index):
    article = ArticleFactory(body="“Aid must flow,” he said. “Talks will resume,” he added.")
    match = aid_quote(article=article)
    QuoteFactory(article=article, text="Talks will resume,")
    search_index.sync()
    response = api.get("/api/v1/quotes.csv", {"q": "aid"})
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == [str(match.pk)]


def test_a_page_reads_its_rows_by_id_without_matching_the_words_again(api, search_index):
    quote, other = aid_quote(), aid_quote()
    search_index.sync()
    # Edited since the writer last ran: the index matched 'aid', and PostgreSQL decides only
    # what may be shown, so the quote stays until the writer's next round.
    type(quote).objects.filter(pk=quote.pk).update(text="Talks will resume,")
    assert sorted(found(api, "aid")) == sorted([quote.pk, other.pk])
    search_index.sync()
    assert found(api, "aid") == [other.pk]
