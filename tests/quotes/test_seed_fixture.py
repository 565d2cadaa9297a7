"""The seed fixture (fixtures/seed.json): the NYT article of 2023-12-20 on the cease-fire talks.

loaddata bypasses Model.save(), so these tests check what save() would have derived: offsets,
dates and roles, and that every row passes model validation.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from actors.models import Affiliation, Alias, Organization, Person
from quotes.choices import Channel, QuoteKind, ReviewStatus
from quotes.models import Article, Quote

D = datetime.date
ARTICLE_DATE = D(2023, 12, 20)
SOURCE_FILE = (
    Path(__file__).parents[1] / "extraction" / "data" / "nyt-2023-12-20-ceasefire-talks.txt"
)
SEED_MODELS = [
    "quotes.Publisher",
    "quotes.Topic",
    "quotes.Article",
    "quotes.Quote",
    "actors.Person",
    "actors.Organization",
    "actors.Alias",
    "actors.Affiliation",
]

pytestmark = pytest.mark.django_db


def counts():
    return {label: apps.get_model(label).objects.count() for label in SEED_MODELS}


def article():
    return Article.objects.get(publisher__slug="new-york-times", published_on=ARTICLE_DATE)


def quote_starting(prefix):
    return Quote.objects.get(article=article(), text__startswith=prefix)


def test_seed_loads_the_article_with_its_publisher(seed):
    seed_article = article()
    assert seed_article.publisher.website == "https://www.nytimes.com"
    assert seed_article.language == "en"
    assert seed_article.quotes.exists()


def test_loading_the_seed_twice_changes_no_counts(seed):
    before = counts()
    call_command("loaddata", "seed", verbosity=0)
    assert counts() == before


def test_seed_counts(seed):
    assert Person.objects.count() >= 9
    assert Quote.objects.count() >= 18
    assert Quote.objects.filter(kind=QuoteKind.DIRECT).count() == 6


def test_article_body_is_the_source_file_without_its_date_line(seed):
    raw = SOURCE_FILE.read_text(encoding="utf-8")
    date_line = re.match(r"\s*date\s+(\d{4}-\d{2}-\d{2})\s*", raw)
    assert D.fromisoformat(date_line.group(1)) == article().published_on
    assert article().body == raw[date_line.end() :]


def test_every_quote_passes_full_clean(seed):
    for quote in Quote.objects.all():
        quote.full_clean()


def test_every_actor_and_role_passes_full_clean(seed):
    for model in (Person, Organization, Alias, Affiliation):
        for row in model.objects.all():
            row.full_clean()


def test_every_quote_text_is_its_span_of_the_body(seed):
    for quote in Quote.objects.select_related("article"):
        assert quote.article.body[quote.start_offset : quote.end_offset] == quote.text


def test_stored_derived_fields_are_what_save_would_derive(seed):
    for quote in Quote.objects.select_related("article"):
        stored = (quote.text, quote.start_offset, quote.end_offset, quote.said_on)
        quote.prepare()
        assert (quote.text, quote.start_offset, quote.end_offset, quote.said_on) == stored


def test_every_quote_is_verified_and_has_a_topic(seed):
    for quote in Quote.objects.prefetch_related("topics"):
        assert quote.status == ReviewStatus.VERIFIED
        assert quote.topics.all(), quote.text


def test_every_speaker_quote_has_the_role_held_on_its_date(seed):
    for quote in Quote.objects.filter(speaker__isnull=False):
        day = quote.said_on or ARTICLE_DATE
        assert quote.affiliation is not None, quote.text
        assert quote.affiliation.person_id == quote.speaker_id
        assert quote.affiliation == Affiliation.objects.role_on(quote.speaker, day)


def test_only_the_quotes_the_article_dates_have_a_date(seed):
    dated = Quote.objects.filter(said_on__isnull=False).order_by("start_offset")
    assert [q.text.split()[:2] for q in dated] == [
        ["Anyone", "who"],  # Netanyahu "in a statement Wednesday"
        ["its", "forces"],  # the military's "announcement Friday"
        ["to", "bring"],  # "On Tuesday", Netanyahu pledged
        ["the", "country"],  # and Herzog "also told"
        ["Israel", "is"],  # at that meeting
        ["only", "cautious"],  # "on Tuesday", Biden
        ["There’s", "no"],
    ]


def test_according_to_covers_the_figures_not_the_reporters_sentence(seed):
    authorities = Quote.objects.filter(cue="according to", speaking_organization__isnull=False)
    assert sorted(q.text for q in authorities) == [
        "Oct. 7 attack on Israel that left 1,200 dead",
        "killing about 20,000 people",
        "killing roughly 1,200 people and abducting over 240",
    ]


def test_israel_vowing_to_topple_hamas_is_a_quote_of_its_own(seed):
    vow = quote_starting("to topple Hamas")
    assert (vow.speaking_organization.slug, vow.attribution, vow.cue) == (
        "government-of-israel",
        "Israel",
        "has vowed",
    )


def test_israeli_officials_including_gallant_speak_as_the_government(seed):
    claim = quote_starting("the fighting could go on")
    assert claim.speaker is None
    assert claim.speaking_organization.slug == "government-of-israel"
    assert (
        claim.attribution
        == "Israeli officials, including Yoav Gallant, the Israeli defense minister"
    )


def test_both_quotes_of_bidens_milwaukee_answer_have_its_place(seed):
    biden = Quote.objects.filter(speaker__slug="joe-biden")
    assert {(q.place, q.channel, q.said_on) for q in biden} == {
        ("Milwaukee", Channel.PRESS_CONFERENCE, D(2023, 12, 19))
    }


def test_the_seed_article_has_no_url_or_authors_it_does_not_give(seed):
    assert (article().url, article().authors) == ("", [])


def test_quotes_without_a_speaker_have_no_role(seed):
    assert not Quote.objects.filter(speaker__isnull=True, affiliation__isnull=False).exists()


def test_quotes_said_on_tuesday_are_dated_december_19(seed):
    assert quote_starting("There’s no expectation").said_on == D(2023, 12, 19)  # Biden
    assert quote_starting("to bring them home").said_on == D(2023, 12, 19)  # Netanyahu


def test_military_announcement_on_friday_is_dated_december_15(seed):
    announcement = quote_starting("its forces had mistakenly shot")
    assert announcement.speaking_organization.slug == "israel-defense-forces"
    assert announcement.said_on == D(2023, 12, 15)


def test_netanyahu_statement_on_wednesday_is_the_article_date(seed):
    statement = quote_starting("Anyone who thinks we will stop")
    assert statement.speaker.slug == "benjamin-netanyahu"
    assert (statement.channel, statement.said_on) == (Channel.STATEMENT, ARTICLE_DATE)


def test_naim_text_exchange_quotes_are_text_messages(seed):
    exchange = Quote.objects.filter(speaker__slug="basem-naim", kind=QuoteKind.DIRECT)
    assert [q.text.split()[0] for q in exchange.order_by("start_offset")] == ["No", "Allow"]
    assert {q.channel for q in exchange} == {Channel.TEXT_MESSAGE}


def test_senior_hamas_official_paraphrase_is_basem_naim(seed):
    paraphrase = Quote.objects.get(attribution="A senior Hamas official")
    assert paraphrase.speaker.slug == "basem-naim"
    assert not paraphrase.is_anonymous


def test_haniyeh_political_bureau_role_ended_on_his_death(seed):
    haniyeh = Person.objects.get(slug="ismail-haniyeh")
    (role,) = haniyeh.affiliations.all()
    assert role.organization.slug == "hamas"
    assert (role.start_date, role.end_date) == (D(2017, 5, 6), D(2024, 7, 31))
    assert haniyeh.death_date == D(2024, 7, 31)


def test_haniyeh_role_on_a_date(seed):
    haniyeh = Person.objects.get(slug="ismail-haniyeh")
    role = Affiliation.objects.role_on(haniyeh, ARTICLE_DATE)
    assert (role.organization.slug, role.role) == ("hamas", "Head of the Political Bureau")
    assert Affiliation.objects.role_on(haniyeh, D(2024, 8, 1)) is None


def test_anonymous_quotes_have_no_speaker_and_a_source_label(seed):
    anonymous = Quote.objects.filter(is_anonymous=True)
    assert anonymous.exists()
    for quote in anonymous:
        assert quote.speaker is None
        assert quote.source_label, quote.text


def test_second_hamas_official_statements_share_one_label(seed):
    hamas = Organization.objects.get(slug="hamas")
    second = Quote.objects.filter(is_anonymous=True, source_organization=hamas)
    assert second.count() == 3
    assert len({q.source_label for q in second}) == 1
    first = second.order_by("start_offset").first()
    assert first.attribution.startswith("a second Hamas official, who requested anonymity")


def test_quote_search_document_is_filled(seed):
    assert Quote.objects.exists()
    assert not Quote.objects.filter(search_document__isnull=True).exists()
