"""generate_corpus: deterministic for a seed, verbatim by construction."""

import io
import random

from django.core.management import call_command
from django.db.models import Min

from quotes import verbatim
from quotes.choices import ReviewStatus
from quotes.ingest.generation import Vocabulary, generate
from quotes.models import Article, Quote


def snapshot():
    return list(
        Quote.objects.order_by("pk").values_list(
            "text", "kind", "speaker__name", "affiliation__role", "start_offset", "article__url"
        )
    )


def test_generator_is_deterministic_for_a_seed(db):
    generate(quotes=60, people=8, organizations=4, articles=6, publishers=2, seed=7)
    first = snapshot()
    Quote.objects.all().delete()
    Article.objects.all().delete()
    generate(quotes=60, people=8, organizations=4, articles=6, publishers=2, seed=8)
    other = snapshot()
    assert [row[0] for row in first] != [row[0] for row in other]
    Quote.objects.all().delete()
    Article.objects.all().delete()
    from actors.models import Affiliation, Alias, Organization, Person
    from quotes.models import Publisher, Topic

    for model in (Alias, Affiliation, Person):
        model.objects.all().delete()
    Organization.objects.filter(parent__isnull=False).delete()
    for model in (Organization, Publisher, Topic):
        model.objects.all().delete()
    generate(quotes=60, people=8, organizations=4, articles=6, publishers=2, seed=7)
    assert snapshot() == first


def test_every_generated_quote_is_verbatim_with_a_role_when_one_is_held(db):
    call_command("generate_corpus", "--quotes", "200", "--no-progress", stdout=io.StringIO())
    assert Quote.objects.count() == 200
    for quote in Quote.objects.select_related("article"):
        body = quote.article.body
        assert verbatim.locate(body, quote.text, quote.start_offset) == (
            quote.start_offset,
            quote.end_offset,
        )
        if quote.speaker_id:
            expected = quote.speaker.role_on(quote.said_on)
            assert quote.affiliation_id == (expected.pk if expected else None)


def test_vocabulary_follows_english_word_frequencies():
    words = Vocabulary(random.Random(1)).take(20_000)
    assert words.count("the") > 500
    assert words.count("the") > 20 * words.count("government")


def test_about_one_quote_in_seven_holds_a_hyphenated_word_as_in_real_news():
    vocabulary = Vocabulary(random.Random(1))
    phrases = [vocabulary.phrase(5, 30) for _ in range(2_000)]
    hyphenated = sum("-" in phrase for phrase in phrases)
    assert 0.10 < hyphenated / len(phrases) < 0.18


def test_most_generated_drafts_are_proposals_with_a_confidence(db):
    generate(quotes=400, people=8, organizations=4, articles=20, publishers=2, seed=3)
    drafts = Quote.objects.filter(status=ReviewStatus.DRAFT)
    proposals = drafts.exclude(extractor_version="")
    assert 0.6 < proposals.count() / drafts.count() < 0.95
    assert not proposals.filter(extraction_confidence__isnull=True).exists()
    assert proposals.aggregate(Min("extraction_confidence"))["extraction_confidence__min"] < 0.5
    reviewed = Quote.objects.exclude(status=ReviewStatus.DRAFT)
    assert not reviewed.exclude(extractor_version="").exists()
