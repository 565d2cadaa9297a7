import datetime
import importlib

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from quotes.choices import ReviewStatus
from quotes.models import Quote
from tests.factories import (
    AffiliationFactory,
    AliasFactory,
    ArticleFactory,
    OrganizationFactory,
    PersonFactory,
    QuoteFactory,
    UserFactory,
)
from tests.plans import explain

D = datetime.date
REINDEX_0007 = importlib.import_module(
    "quotes.migrations.0007_search_joins_hyphenated_words"
).REINDEX_SQL


@pytest.mark.django_db
class TestVerbatimRule:
    def test_quote_gets_its_offsets_in_the_article(self):
        quote = QuoteFactory(text="There is no deal yet,")
        assert quote.article.body[quote.start_offset : quote.end_offset] == quote.text

    def test_text_typed_with_straight_quotes_is_stored_as_printed(self):
        article = ArticleFactory(body="He said: “Enough.” Then he left.")
        quote = QuoteFactory(article=article, text='said: "Enough."')
        assert quote.text == "said: “Enough.”"

    def test_text_not_in_the_article_is_rejected_naming_the_difference(self):
        quote = QuoteFactory.build(article=ArticleFactory(), speaker=PersonFactory())
        quote.text = "We will never stop,"
        with pytest.raises(ValidationError) as error:
            quote.full_clean()
        assert 'matches "We will "' in error.value.message_dict["text"][0]

    def test_repeated_text_takes_the_occurrence_the_offsets_choose(self):
        article = ArticleFactory(body="Officials said no. Later, officials said no again.")
        quote = QuoteFactory(article=article, text="said no", start_offset=40)
        assert (quote.start_offset, quote.end_offset) == (36, 43)

    def test_article_without_body_accepts_any_text(self):
        quote = QuoteFactory(article=ArticleFactory(body=""), text="Anything at all")
        assert quote.start_offset is None


@pytest.mark.django_db
class TestDerivedFields:
    def test_a_date_the_article_does_not_give_stays_unknown(self):
        assert QuoteFactory().said_on is None

    def test_role_at_the_time_is_resolved_from_the_date(self):
        earlier = AffiliationFactory(start_date=D(2020, 1, 1), end_date=D(2021, 1, 1))
        AffiliationFactory(person=earlier.person, start_date=D(2022, 12, 29))
        assert QuoteFactory(speaker=earlier.person, said_on=D(2020, 6, 1)).affiliation == earlier

    def test_an_undated_quote_takes_the_role_held_on_the_article_date(self):
        role = AffiliationFactory(start_date=D(2022, 12, 29))
        assert QuoteFactory(speaker=role.person).affiliation == role

    def test_ended_role_is_not_used_for_a_later_quote(self):
        role = AffiliationFactory(start_date=D(2017, 5, 6), end_date=D(2023, 1, 1))
        assert QuoteFactory(speaker=role.person).affiliation is None

    def test_role_of_another_person_is_rejected(self):
        quote = QuoteFactory()
        quote.affiliation = AffiliationFactory()
        with pytest.raises(ValidationError, match="belongs to another person"):
            quote.full_clean()


@pytest.mark.django_db
class TestConstraints:
    def test_quote_needs_a_speaker_or_an_attribution(self):
        with pytest.raises(IntegrityError):
            QuoteFactory(speaker=None, attribution="")

    def test_anonymous_quote_cannot_name_a_speaker(self):
        with pytest.raises(IntegrityError):
            QuoteFactory(is_anonymous=True)

    def test_quote_cannot_have_both_a_speaker_and_a_speaking_organization(self):
        with pytest.raises(IntegrityError):
            QuoteFactory(speaking_organization=OrganizationFactory())

    @pytest.mark.parametrize("confidence", [-0.01, 1.01, float("nan")])
    def test_a_confidence_lies_between_zero_and_one(self, confidence):
        with pytest.raises(IntegrityError):
            QuoteFactory(extractor_version="rules-1.8", extraction_confidence=confidence)

    def test_an_unattributed_claim_needs_no_source(self):
        quote = QuoteFactory(
            speaker=None, attribution="", is_unattributed=True, cue="accusations have mounted"
        )
        quote.full_clean()

    @pytest.mark.parametrize(
        "source",
        [
            {"attribution": "officials"},
            {"speaker": None, "speaking_organization": None, "is_anonymous": True},
        ],
    )
    def test_an_unattributed_claim_names_no_source(self, source):
        with pytest.raises(IntegrityError):
            QuoteFactory(**{"speaker": None, "attribution": "", **source}, is_unattributed=True)

    def test_unnamed_source_with_attribution_is_accepted(self):
        quote = QuoteFactory(
            speaker=None,
            is_anonymous=True,
            attribution="a second official",
            source_organization=OrganizationFactory(name="Hamas"),
            source_label="Hamas official 2",
        )
        quote.full_clean()


@pytest.mark.django_db
class TestSearchDocument:
    def test_quote_text_and_speaker_name_are_searchable(self):
        quote = QuoteFactory(speaker=PersonFactory(name="Benjamin Netanyahu"))
        document = str(type(quote).objects.values_list("search_document", flat=True).get())
        assert "'stop':" in document
        assert "'netanyahu':" in document

    def test_new_alias_reaches_the_search_document(self):
        quote = QuoteFactory()
        AliasFactory(person=quote.speaker, name="Bibi")
        document = str(type(quote).objects.values_list("search_document", flat=True).get())
        assert "'bibi':" in document

    def test_accents_are_folded(self):
        quote = QuoteFactory(speaker=PersonFactory(name="Zoë Señora"))
        document = str(type(quote).objects.values_list("search_document", flat=True).get())
        assert "'zoe'" in document

    def test_a_hyphenated_word_is_also_stored_joined_at_its_first_and_last_part(self):
        # the last part's position has the lowest weight (D, not printed): see the rank test
        article = ArticleFactory(body="A new cease-fire held, officials said.")
        quote = QuoteFactory(article=article, text="A new cease-fire held,")
        document = str(type(quote).objects.values_list("search_document", flat=True).get())
        assert "'cease-fir':3A" in document
        assert "'ceas':4A" in document
        assert "'fire':5A" in document
        assert "'ceasefir':3A,5" in document

    def test_the_joined_word_ranks_a_hyphenated_spelling_about_as_high_as_a_joined_one(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT ts_rank(quotes_search_vector(%s, 'A'), to_tsquery('english', 'ceasefire'))"
                " / ts_rank(quotes_search_vector(%s, 'A'), to_tsquery('english', 'ceasefire'))",
                ["A new cease-fire held.", "A new ceasefire held."],
            )
            (ratio,) = cursor.fetchone()
        assert 1 <= ratio < 1.05

    def test_hyphenated_names_and_attributions_are_also_stored_joined(self):
        quote = QuoteFactory(
            speaker=PersonFactory(name="Jean-Pierre Dupont"), attribution="the vice-president"
        )
        document = str(type(quote).objects.values_list("search_document", flat=True).get())
        assert "'jeanpierr':" in document
        assert "'vicepresid':" in document

    def test_migration_0007_reindexes_documents_written_before_it(self):
        article = ArticleFactory(body="A new cease-fire held, officials said.")
        quote = QuoteFactory(article=article, text="A new cease-fire held,")
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('whosaid.bulk_import', 'on', false)")
            cursor.execute("UPDATE quotes_quote SET search_document = to_tsvector('english', text)")
            cursor.execute("SELECT set_config('whosaid.bulk_import', 'off', false)")
            stale = str(Quote.objects.values_list("search_document", flat=True).get(pk=quote.pk))
            cursor.execute(REINDEX_0007)
        document = str(Quote.objects.values_list("search_document", flat=True).get(pk=quote.pk))
        assert "ceasefir" not in stale
        assert "'ceasefir':3A,5" in document


@pytest.mark.django_db
def test_retracted_quote_keeps_its_text_and_reason():
    quote = QuoteFactory()
    reviewer = UserFactory()
    quote.mark_reviewed(ReviewStatus.RETRACTED, reviewer, reason="Misattributed.")
    quote.save()
    quote.refresh_from_db()
    assert (quote.status, quote.retraction_reason, quote.reviewed_by) == (
        ReviewStatus.RETRACTED,
        "Misattributed.",
        reviewer,
    )
    assert quote.text == "We will not stop,"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "index"),
    [
        ("speaking_organization", "quote_speaking_org_set"),
        ("source_organization", "quote_source_org_set"),
        ("reviewed_by", "quote_reviewed_by_set"),
    ],
)
@pytest.mark.parametrize("lookup", ["exact", "in"])
def test_optional_references_are_looked_up_through_their_partial_index(field, index, lookup):
    value = [1, 2] if lookup == "in" else 1
    quotes = Quote.objects.filter(**{f"{field}__{lookup}": value}).order_by()
    plan = explain(quotes, "quotes_quote")
    assert index in plan


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "reason"),
    [(ReviewStatus.RETRACTED, ""), (ReviewStatus.RETRACTED, "  "), (ReviewStatus.VERIFIED, "Why")],
)
def test_the_database_refuses_a_retraction_without_a_reason_and_a_reason_without_one(
    status, reason
):
    quote = QuoteFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.filter(pk=quote.pk).update(status=status, retraction_reason=reason)


@pytest.mark.django_db
def test_the_model_refuses_a_retraction_without_a_reason():
    quote = QuoteFactory()
    quote.status = ReviewStatus.RETRACTED
    with pytest.raises(ValidationError, match="Say why the quote is retracted"):
        quote.full_clean()
