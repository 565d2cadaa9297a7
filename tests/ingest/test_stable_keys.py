"""An export re-imports to the same rows: references carry slugs, and imports match on them."""

import io

import pytest
from django.core.management import call_command

from actors.models import Person
from quotes.ingest import import_article
from quotes.models import Article, Publisher, Quote
from tests.factories import ArticleFactory, PersonFactory, PublisherFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def payload(number, publisher, speaker=None):
    quote = {"text": "We will not stop,", "attribution": "the minister"}
    if speaker:
        quote["speaker"] = speaker
    return {
        "publisher": publisher,
        "title": f"Talks {number}",
        "url": f"https://news.example/{number}",
        "published_on": "2023-12-20",
        "body": "We will not stop, the minister said.",
        "quotes": [quote],
    }


def test_publishers_sharing_a_name_stay_apart_when_their_slugs_differ():
    import_article(payload(1, {"slug": "times", "name": "The Times"}))
    import_article(payload(2, {"slug": "times-uk", "name": "The Times"}))
    assert sorted(Article.objects.values_list("url", "publisher__slug")) == [
        ("https://news.example/1", "times"),
        ("https://news.example/2", "times-uk"),
    ]


def test_people_sharing_a_name_stay_apart_when_their_slugs_differ():
    for number, slug in [(1, "john-smith"), (2, "john-smith-2")]:
        speaker = {"slug": slug, "name": "John Smith"}
        import_article(
            payload(number, {"slug": "daily-news", "name": "Daily News"}, speaker),
            create_people=True,
        )
    assert sorted(Quote.objects.values_list("article__url", "speaker__slug")) == [
        ("https://news.example/1", "john-smith"),
        ("https://news.example/2", "john-smith-2"),
    ]


def test_a_plain_name_still_finds_its_one_person():
    PersonFactory(slug="ana-ruiz", name="Ana Ruiz")
    import_article(payload(1, {"slug": "daily-news", "name": "Daily News"}, "Ana Ruiz"))
    assert Quote.objects.get().speaker.slug == "ana-ruiz"


def test_an_export_reimports_every_article_under_its_own_publisher(tmp_path):
    for slug in ("times", "times-uk"):
        publisher = PublisherFactory(slug=slug, name="The Times")
        speaker = PersonFactory(name="John Smith")
        QuoteFactory(article=ArticleFactory(publisher=publisher), speaker=speaker)
    before = sorted(
        Quote.objects.values_list("article__url", "article__publisher__slug", "speaker__slug")
    )
    dump = tmp_path / "dump.jsonl"
    call_command("export_quotes", "--output", str(dump))
    Quote.objects.all().delete()
    Article.objects.all().delete()
    Publisher.objects.all().delete()
    Person.objects.all().delete()
    call_command(
        "import_articles", str(dump), "--create-people", "--no-progress", stdout=io.StringIO()
    )
    after = sorted(
        Quote.objects.values_list("article__url", "article__publisher__slug", "speaker__slug")
    )
    assert after == before
    assert Publisher.objects.count() == 2
