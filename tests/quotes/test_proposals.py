"""Draft quotes proposed by the extractor for an article (quotes.proposals)."""

import datetime
import re

import pytest
from django.core.management import call_command

from actors.models import Alias
from quotes import proposals
from quotes.choices import QuoteKind, ReviewStatus
from quotes.extraction import EXTRACTOR_VERSION, Candidate
from quotes.models import Article, Quote
from tests.factories import ArticleFactory, OrganizationFactory, PersonFactory, QuoteFactory

pytestmark = pytest.mark.django_db

BODY = (
    "“We will not stop,” Prime Minister Dana Levi said on Tuesday. "
    "The Harbor Authority said the port would reopen next week. "
    "“There is no deal yet,” a senior Harbor Authority official said."
)


@pytest.fixture
def levi():
    return PersonFactory(name="Dana Levi", slug="dana-levi")


@pytest.fixture
def harbor():
    return OrganizationFactory(name="Harbor Authority", slug="harbor-authority")


@pytest.fixture
def article(levi, harbor):
    return ArticleFactory(body=BODY, published_on=datetime.date(2023, 12, 20))


def by_text(article):
    return {q.text: q for q in Quote.objects.filter(article=article)}


def test_creates_draft_quotes_with_version_and_confidence(article):
    result = proposals.propose_quotes(article)
    assert (result.candidates, result.created, result.duplicates, result.invalid) == (3, 3, 0, 0)
    quotes = Quote.objects.filter(article=article)
    assert {q.status for q in quotes} == {ReviewStatus.DRAFT}
    assert {q.extractor_version for q in quotes} == {EXTRACTOR_VERSION}
    assert all(0.0 < q.extraction_confidence <= 1.0 for q in quotes)


def test_offsets_are_verbatim_spans_of_the_body(article):
    proposals.propose_quotes(article)
    for quote in Quote.objects.filter(article=article):
        assert BODY[quote.start_offset : quote.end_offset] == quote.text


def test_named_person_is_the_speaker_with_cue_date_and_attribution(article, levi):
    proposals.propose_quotes(article)
    quote = by_text(article)["We will not stop,"]
    assert quote.kind == QuoteKind.DIRECT
    assert quote.speaker == levi
    assert quote.speaking_organization is None
    assert (quote.attribution, quote.cue) == ("Prime Minister Dana Levi", "said")
    assert quote.said_on == datetime.date(2023, 12, 19)


def test_organization_speaking_as_a_body_is_the_speaking_organization(article, harbor):
    proposals.propose_quotes(article)
    quote = by_text(article)["the port would reopen next week"]
    assert quote.kind == QuoteKind.PARAPHRASE
    assert (quote.speaker, quote.speaking_organization) == (None, harbor)


def test_unnamed_source_keeps_its_organization_as_source_organization(article, harbor):
    proposals.propose_quotes(article)
    quote = by_text(article)["There is no deal yet,"]
    assert quote.is_anonymous
    assert (quote.speaker, quote.speaking_organization) == (None, None)
    assert quote.source_organization == harbor
    assert quote.attribution == "a senior Harbor Authority official"


def test_alias_resolves_the_speaker(harbor):
    person = PersonFactory(name="Daniela Levi-Cohen", slug="daniela-levi-cohen")
    Alias.objects.create(person=person, name="Dana Levi")
    article = ArticleFactory(body="“We will not stop,” Dana Levi said.")
    proposals.propose_quotes(article)
    assert Quote.objects.get(article=article).speaker == person


def test_running_twice_adds_nothing(article):
    proposals.propose_quotes(article)
    again = proposals.propose_quotes(article)
    assert (again.created, again.duplicates) == (0, 3)
    assert Quote.objects.filter(article=article).count() == 3


def test_existing_overlapping_quote_is_not_duplicated(article, levi):
    QuoteFactory(article=article, text="We will not stop", speaker=levi, attribution="")
    result = proposals.propose_quotes(article)
    assert (result.created, result.duplicates) == (2, 1)
    assert Quote.objects.filter(article=article, text__startswith="We will").count() == 1


def test_candidate_failing_the_verbatim_rule_is_left_out(article, monkeypatch):
    good = Candidate("We will not stop,", 1, 18, "direct", "Dana Levi", 35, 44, "said", 45, 49)
    bad = Candidate("Words not in the body", 60, 81, "direct", "Dana Levi", 35, 44, "said", 45, 49)
    monkeypatch.setattr(proposals, "extract", lambda *args: [good, bad])
    result = proposals.propose_quotes(article)
    assert (result.created, result.invalid) == (1, 1)
    assert "differs" in result.errors[0]
    assert list(Quote.objects.filter(article=article).values_list("text", flat=True)) == [
        "We will not stop,"
    ]


def test_quotes_are_created_in_one_transaction(article, monkeypatch):
    calls = []
    original = Quote.save

    def failing_save(self, *args, **kwargs):
        calls.append(self.text)
        if len(calls) == 2:
            raise RuntimeError("database went away")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Quote, "save", failing_save)
    with pytest.raises(RuntimeError):
        proposals.propose_quotes(article)
    assert not Quote.objects.filter(article=article).exists()


def test_minimum_confidence_filters_candidates(article):
    result = proposals.propose_quotes(article, min_confidence=0.9)
    assert (result.created, result.below_confidence) == (2, 1)


def test_article_without_body_gives_nothing():
    result = proposals.propose_quotes(ArticleFactory(body=""))
    assert result.as_dict() == {
        "candidates": 0,
        "created": 0,
        "duplicates": 0,
        "invalid": 0,
        "below_confidence": 0,
    }


def test_gazetteer_holds_people_organizations_and_aliases(levi, harbor):
    Alias.objects.create(organization=harbor, name="the port authority")
    gazetteer = proposals.build_gazetteer()
    assert gazetteer.resolve_person("Prime Minister Dana Levi") == str(levi.pk)
    assert gazetteer.resolve_organization("officials at the port authority") == str(harbor.pk)


# manage.py evaluate_extraction


def brat_folder(tmp_path):
    text = "Headline\n“We will win,” Smith said.\n"
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc.txt").write_text(text, encoding="utf-8")
    (tmp_path / "attributions" / "doc_a.ann").write_text(
        "T1\tContent 9 23\t“We will win,”\nT2\tSource 24 29\tSmith\nT3\tCue 30 34\tsaid\n"
        "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2\n",
        encoding="utf-8",
    )
    return tmp_path


def test_evaluate_extraction_prints_the_table_without_the_seed(tmp_path, capsys):
    call_command("evaluate_extraction", str(brat_folder(tmp_path)))
    out = capsys.readouterr().out
    assert "documents: 1" in out
    assert any(line.startswith("direct ") and "1.000" in line for line in out.splitlines())
    assert "The annotators against each other" not in out  # one annotator only
    assert "Seed article: not in the database" in out


def test_evaluate_extraction_prints_the_annotators_agreement_when_two_did_an_article(
    tmp_path, capsys
):
    folder = brat_folder(tmp_path)
    first = (folder / "attributions" / "doc_a.ann").read_text(encoding="utf-8")
    (folder / "attributions" / "doc_b.ann").write_text(first, encoding="utf-8")
    call_command("evaluate_extraction", str(folder))
    out = capsys.readouterr().out
    assert "The annotators against each other" in out
    assert out.count("documents: 1") == 2


def test_evaluate_extraction_checks_stored_reference_quotes(tmp_path, article, levi, capsys):
    QuoteFactory(article=article, text="We will not stop,", speaker=levi, attribution="")
    call_command("evaluate_extraction", str(brat_folder(tmp_path)))
    out = capsys.readouterr().out
    assert f"Article {article.pk}:" in out
    assert "[found, same speaker] direct: We will not stop," in out
    assert "reference quotes: 1, found: 1, with the same speaker: 1" in out


def test_evaluate_extraction_rejects_a_folder_without_brat_layout(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("evaluate_extraction", str(tmp_path))


def test_evaluate_extraction_reports_the_seed_article(seed, tmp_path, capsys):
    call_command("evaluate_extraction", str(brat_folder(tmp_path)))
    out = capsys.readouterr().out
    (summary,) = [line for line in out.splitlines() if "reference quotes:" in line]
    numbers = [int(n) for n in re.findall(r": (\d+)", summary)]
    reference, found = numbers[0], numbers[1]
    assert reference > 0
    assert found >= 0.75 * reference  # a regression floor for the rule-based extractor


def test_proposing_for_the_seed_article_never_duplicates_its_quotes(seed):
    article = Article.objects.filter(quotes__extractor_version="").distinct().first()
    before = {(q.start_offset, q.end_offset) for q in article.quotes.all()}
    result = proposals.propose_quotes(article)
    assert result.duplicates > 0
    created = Quote.objects.filter(article=article, extractor_version=EXTRACTOR_VERSION)
    spans = [(q.start_offset, q.end_offset) for q in created]
    assert len(spans) == result.created
    for start, end in spans:
        assert not any(start < e and s < end for s, e in before if s is not None)
