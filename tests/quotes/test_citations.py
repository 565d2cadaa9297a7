"""Citations are worded by kind, keep the attribution as worded, and never nest parentheses."""

import datetime

import pytest

from quotes import citations
from quotes.choices import QuoteKind
from quotes.models import Quote
from tests.factories import (
    AffiliationFactory,
    ArticleFactory,
    OrganizationFactory,
    PersonFactory,
    PublisherFactory,
    QuoteFactory,
)

pytestmark = pytest.mark.django_db

BODY = (
    "“We will not stop,” Dana Levi said on Tuesday. Talks continued, officials said. "
    "Aid is blocked, according to the United Nations and aid groups."
)


@pytest.fixture
def article():
    return ArticleFactory(
        body=BODY,
        title="Talks Resume.",
        url="https://news.example/talks",
        publisher=PublisherFactory(name="The Daily"),
        published_on=datetime.date(2023, 12, 20),
        authors=[],
    )


@pytest.fixture
def levi():
    ministry = OrganizationFactory(name="Ministry of Defense (Testland)")
    person = PersonFactory(name="Dana Levi")
    AffiliationFactory(person=person, organization=ministry, role="Minister", start_date=None)
    return person


def loaded(quote) -> Quote:
    return Quote.objects.with_relations().get(pk=quote.pk)


def by_organization(article, kind, attribution, text="Talks continued"):
    return loaded(
        QuoteFactory(
            article=article,
            text=text,
            kind=kind,
            speaker=None,
            speaking_organization=OrganizationFactory(name="United Nations"),
            attribution=attribution,
        )
    )


def by_unnamed_source(article, attribution):
    return loaded(
        QuoteFactory(
            article=article,
            text="Talks continued",
            kind=QuoteKind.PARAPHRASE,
            speaker=None,
            is_anonymous=True,
            source_organization=OrganizationFactory(name="Hamas"),
            attribution=attribution,
        )
    )


def test_a_direct_quote_is_said_by_the_speaker_in_their_role(article, levi):
    quote = loaded(QuoteFactory(article=article, text="We will not stop,", speaker=levi))
    assert citations.citation(quote) == (
        "Dana Levi, Minister, Ministry of Defense (Testland), said, as quoted in The Daily, "
        "December 20, 2023"
    )


def test_a_paraphrase_is_paraphrased(article, levi):
    quote = loaded(
        QuoteFactory(
            article=article, text="Talks continued", kind=QuoteKind.PARAPHRASE, speaker=levi
        )
    )
    assert citations.citation(quote) == (
        "Dana Levi, Minister, Ministry of Defense (Testland), as paraphrased in The Daily, "
        "December 20, 2023"
    )


def test_an_attributed_claim_is_according_to_its_source_as_worded(article):
    quote = by_organization(article, QuoteKind.CLAIM, "the United Nations and aid groups")
    assert citations.citation(quote) == (
        "According to the United Nations and aid groups, as reported in The Daily, "
        "December 20, 2023"
    )


def test_a_source_of_several_keeps_the_attribution_as_worded(article):
    quote = by_organization(article, QuoteKind.PARAPHRASE, "the United Nations and aid groups")
    assert citations.citation(quote).startswith("The United Nations and aid groups, as paraphrased")


def test_an_attribution_that_only_refers_back_gives_the_speaking_organization(article):
    quote = by_organization(article, QuoteKind.PARAPHRASE, "it")
    assert citations.citation(quote).startswith("United Nations, as paraphrased in")


@pytest.mark.parametrize("attribution", ["He", "the official"])
def test_an_unnamed_source_referred_back_to_is_named_by_its_organization(article, attribution):
    quote = by_unnamed_source(article, attribution)
    assert citations.citation(quote).startswith("An unnamed source from Hamas, as paraphrased")


def test_an_unnamed_source_drops_the_clause_saying_why_it_is_unnamed(article):
    quote = by_unnamed_source(article, "a second Hamas official, who requested anonymity")
    assert citations.citation(quote).startswith("A second Hamas official, as paraphrased in")


@pytest.mark.parametrize("style", citations.STYLES)
def test_an_unattributed_claim_says_so_in_every_style(article, style):
    quote = loaded(
        QuoteFactory(
            article=article,
            text="Talks continued",
            kind=QuoteKind.CLAIM,
            speaker=None,
            is_unattributed=True,
            attribution="",
            cue="continued",
        )
    )
    assert citations.citation(quote, style).startswith("Unattributed claim, ")


def test_the_day_it_was_said_is_given_when_it_is_not_the_publication_day(article, levi):
    quote = loaded(
        QuoteFactory(
            article=article,
            text="We will not stop,",
            speaker=levi,
            said_on=datetime.date(2023, 12, 19),
        )
    )
    assert citations.citation(quote).endswith("December 20, 2023 (said December 19, 2023)")


def test_no_citation_nests_parentheses(article, levi):
    quote = loaded(QuoteFactory(article=article, text="We will not stop,", speaker=levi))
    for text in citations.citations(quote).values():
        depth = 0
        for character in text:
            depth += {"(": 1, ")": -1}.get(character, 0)
            assert depth <= 1, text


CHICAGO = (
    "Patrick Kingsley and Adam Rasgon, “Talks Resume,” The Daily, December 20, 2023, "
    "https://news.example/talks."
)
APA = "Kingsley, P., & Rasgon, A. (2023, December 20). Talks Resume. The Daily. " + (
    "https://news.example/talks"
)


@pytest.mark.parametrize(
    ("style", "kind", "opening", "reference"),
    [
        (citations.CHICAGO, QuoteKind.DIRECT, "Dana Levi, quoted in", CHICAGO),
        (citations.CHICAGO, QuoteKind.PARAPHRASE, "Dana Levi, paraphrased in", CHICAGO),
        (citations.CHICAGO, QuoteKind.CLAIM, "According to Dana Levi, reported in", CHICAGO),
        (citations.APA, QuoteKind.DIRECT, "Dana Levi, as quoted in", APA),
        (citations.APA, QuoteKind.PARAPHRASE, "Dana Levi, as paraphrased in", APA),
        (citations.APA, QuoteKind.CLAIM, "According to Dana Levi, as cited in", APA),
    ],
)
def test_reference_styles_cite_the_article_as_the_source_worded_by_kind(
    article, levi, style, kind, opening, reference
):
    article.authors = ["Patrick Kingsley", "Adam Rasgon"]
    article.save()
    text = "We will not stop," if kind == QuoteKind.DIRECT else "Talks continued"
    quote = loaded(QuoteFactory(article=article, text=text, kind=kind, speaker=levi))
    assert citations.citation(quote, style) == f"{opening} {reference}"


def test_apa_without_authors_opens_with_the_title(article, levi):
    quote = loaded(QuoteFactory(article=article, text="We will not stop,", speaker=levi))
    assert citations.citation(quote, citations.APA).endswith(
        "as quoted in Talks Resume. (2023, December 20). The Daily. https://news.example/talks"
    )
