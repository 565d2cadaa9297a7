"""Writes through the API follow the same rules as the admin, and answer in the read shape."""

import datetime

import pytest

from actors.models import Person
from quotes.choices import ReviewStatus
from quotes.models import Article, Quote
from tests.factories import (
    AffiliationFactory,
    ArticleFactory,
    OrganizationFactory,
    PersonFactory,
    PublisherFactory,
    QuoteFactory,
)

pytestmark = pytest.mark.django_db

V1 = "/api/v1"
BODY = (
    '"We will not stop," the minister, Dana Levi, said on Tuesday. '
    "Talks continued, officials said. "
    '"There is no deal yet," a second official said.'
)


@pytest.fixture
def api(editor_api):
    editor_api.default_format = "json"
    return editor_api


@pytest.fixture
def article():
    return ArticleFactory(body=BODY, published_on=datetime.date(2023, 12, 20))


def errors(response, status=400):
    assert response.status_code == status, response.content
    return response.json()["errors"]


# People, organizations, roles


def test_a_new_person_gets_a_slug_from_the_name(api):
    response = api.post(f"{V1}/people/", {"name": "Basem Naim"})
    assert response.status_code == 201
    assert response.json()["slug"] == "basem-naim"
    assert response.json()["current_affiliations"] == []  # the detail representation


def test_a_taken_slug_is_a_field_error(api):
    PersonFactory(slug="basem-naim")
    assert "slug" in errors(api.post(f"{V1}/people/", {"name": "Basem Naim"}))


def test_a_death_before_the_birth_is_refused_by_the_model_rule(api):
    response = api.post(
        f"{V1}/people/",
        {"name": "A. Person", "birth_date": "1990-01-01", "death_date": "1980-01-01"},
    )
    assert errors(response) == {
        "non_field_errors": ["The death date cannot be before the birth date."]
    }


def test_a_wikidata_id_belongs_to_one_person(api):
    PersonFactory(wikidata_id="Q43723")
    assert "wikidata_id" in errors(
        api.post(f"{V1}/people/", {"name": "B", "wikidata_id": "Q43723"})
    )


def test_an_organization_cannot_sit_under_its_own_descendant(api):
    top = OrganizationFactory()
    child = OrganizationFactory(parent=top)
    response = api.patch(f"{V1}/organizations/{top.slug}/", {"parent": child.slug})
    assert errors(response) == {"parent": ["An organization cannot sit under itself."]}


def test_a_role_cannot_end_before_it_starts(api):
    response = api.post(
        f"{V1}/affiliations/",
        {
            "person": PersonFactory().slug,
            "organization": OrganizationFactory().slug,
            "role": "Envoy",
            "start_date": "2023-01-02",
            "end_date": "2023-01-01",
        },
    )
    assert errors(response) == {"non_field_errors": ["An affiliation cannot end before it starts."]}


def test_the_same_role_twice_is_refused(api):
    role = AffiliationFactory()
    payload = {
        "person": role.person.slug,
        "organization": role.organization.slug,
        "role": role.role,
        "start_date": role.start_date.isoformat(),
    }
    assert errors(api.post(f"{V1}/affiliations/", payload)) == {
        "non_field_errors": ["This person already holds this role from this date."]
    }


def test_an_unknown_slug_reference_is_a_field_error(api):
    response = api.post(
        f"{V1}/affiliations/",
        {"person": "nobody", "organization": OrganizationFactory().slug, "role": "Envoy"},
    )
    assert list(errors(response)) == ["person"]


def test_read_only_and_unknown_fields_are_refused_not_ignored(api):
    response = api.patch(f"{V1}/people/{PersonFactory().slug}/", {"id": 5, "nmae": "typo"})
    assert errors(response) == {"id": ["Not a writable field."], "nmae": ["Not a writable field."]}


def test_deleting_a_quoted_person_is_refused_with_the_reason(api):
    quote = QuoteFactory()
    response = api.delete(f"{V1}/people/{quote.speaker.slug}/")
    assert response.status_code == 409
    assert response.json()["detail"] == (
        "This person cannot be deleted. It is still referenced by 1 quote: "
        "reassign or delete them first."
    )
    assert Person.objects.filter(pk=quote.speaker_id).exists()


def test_deleting_a_person_takes_their_roles_and_aliases_with_them(api):
    role = AffiliationFactory()
    assert api.delete(f"{V1}/people/{role.person.slug}/").status_code == 204
    assert not Person.objects.filter(pk=role.person_id).exists()


# Quotes


def test_a_new_quote_is_a_verbatim_draft_with_its_offsets(api, article):
    response = api.post(
        f"{V1}/quotes/",
        {"article": article.pk, "text": "There is no deal yet,", "attribution": "an official"},
    )
    assert response.status_code == 201, response.content
    quote = response.json()
    assert quote["status"] == "draft"
    assert BODY[quote["start_offset"] : quote["end_offset"]] == "There is no deal yet,"


def test_a_quote_proposed_by_an_extractor_records_its_version_and_confidence(api, article):
    proposal = {"extractor_version": "rules-1.8", "extraction_confidence": 0.72}
    payload = {"article": article.pk, "text": "There is no deal yet,", "attribution": "an official"}
    response = api.post(f"{V1}/quotes/", {**payload, **proposal})
    assert response.status_code == 201, response.content
    quote = Quote.objects.get(pk=response.json()["id"])
    assert (quote.extractor_version, quote.extraction_confidence) == ("rules-1.8", 0.72)


@pytest.mark.parametrize("confidence", [-0.1, 1.5])
def test_a_confidence_outside_zero_to_one_is_a_field_error(api, article, confidence):
    response = api.post(
        f"{V1}/quotes/",
        {
            "article": article.pk,
            "text": "There is no deal yet,",
            "attribution": "an official",
            "extraction_confidence": confidence,
        },
    )
    assert list(errors(response)) == ["extraction_confidence"]


def test_a_quote_not_in_the_article_is_a_text_error(api, article):
    response = api.post(
        f"{V1}/quotes/", {"article": article.pk, "text": "We will stop", "attribution": "x"}
    )
    assert list(errors(response)) == ["text"]


def test_the_role_is_found_from_the_date(api, article):
    role = AffiliationFactory(start_date=datetime.date(2023, 1, 1))
    response = api.post(
        f"{V1}/quotes/",
        {"article": article.pk, "text": "We will not stop,", "speaker": role.person.slug},
    )
    assert response.json()["role"]["title"] == role.role


def test_a_role_of_another_person_is_a_role_error(api, article):
    response = api.post(
        f"{V1}/quotes/",
        {
            "article": article.pk,
            "text": "We will not stop,",
            "speaker": PersonFactory().slug,
            "role": AffiliationFactory().pk,
        },
    )
    assert errors(response) == {"role": ["This role belongs to another person, not the speaker."]}


def test_a_quote_needs_a_source(api, article):
    response = api.post(f"{V1}/quotes/", {"article": article.pk, "text": "We will not stop,"})
    assert errors(response) == {
        "non_field_errors": [
            "Give a speaker, a speaking organization or the attribution as worded, or mark "
            "the quote unattributed."
        ]
    }


def test_a_new_speaker_gets_the_role_they_held_not_the_old_one(api, article):
    quote = QuoteFactory(article=article, status=ReviewStatus.DRAFT)
    new_role = AffiliationFactory(start_date=datetime.date(2020, 1, 1))
    response = api.patch(f"{V1}/quotes/{quote.pk}/", {"speaker": new_role.person.slug})
    assert response.json()["role"]["organization"]["slug"] == new_role.organization.slug


def test_status_and_offsets_cannot_be_assigned(api, article):
    quote = QuoteFactory(article=article, status=ReviewStatus.DRAFT)
    response = api.patch(f"{V1}/quotes/{quote.pk}/", {"status": "verified", "start_offset": 3})
    assert set(errors(response)) == {"status", "start_offset"}


def test_editors_see_and_change_drafts_but_not_verified_quotes(api, article):
    draft = QuoteFactory(article=article, status=ReviewStatus.DRAFT)
    verified = QuoteFactory(article=article)
    assert api.get(f"{V1}/quotes/{draft.pk}/").status_code == 200
    assert api.patch(f"{V1}/quotes/{verified.pk}/", {"cue": "told"}).status_code == 403


# Review


def test_verifying_records_the_reviewer(reviewer_api, article):
    quote = QuoteFactory(article=article, status=ReviewStatus.DRAFT)
    response = reviewer_api.post(f"{V1}/quotes/{quote.pk}/review/", {"status": "verified"})
    assert response.status_code == 200
    quote.refresh_from_db()
    assert (quote.status, quote.reviewed_by) == (ReviewStatus.VERIFIED, reviewer_api.user)


def test_a_retraction_needs_a_reason(reviewer_api, article):
    quote = QuoteFactory(article=article)
    response = reviewer_api.post(f"{V1}/quotes/{quote.pk}/review/", {"status": "retracted"})
    assert errors(response) == {"reason": ["Say why the quote is retracted."]}


def test_a_retracted_quote_keeps_its_text_and_says_why(reviewer_api, article):
    quote = QuoteFactory(article=article)
    reason = "The minister's office says the quote was misattributed."
    reviewer_api.post(f"{V1}/quotes/{quote.pk}/review/", {"status": "retracted", "reason": reason})
    shown = reviewer_api.get(f"{V1}/quotes/{quote.pk}/").json()
    assert (shown["status"], shown["text"], shown["retraction_reason"]) == (
        "retracted",
        quote.text,
        reason,
    )


# Articles with their quotes


def article_payload(**changes):
    payload = {
        "publisher": PublisherFactory().slug,
        "title": "Hamas leader in Cairo",
        "url": "https://news.example/cairo",
        "published_on": "2023-12-20",
        "body": BODY,
        "quotes": [
            {"text": "We will not stop,", "speaker": {"name": "Dana Levi"}, "cue": "said"},
            {"text": "There is no deal yet,", "attribution": "a second official"},
        ],
    }
    return payload | changes


def test_an_article_with_its_quotes_is_stored_in_one_request(api):
    response = api.post(f"{V1}/articles/", article_payload())
    assert response.status_code == 201, response.content
    assert [quote["text"] for quote in response.json()["quotes"]] == [
        "We will not stop,",
        "There is no deal yet,",
    ]
    assert Person.objects.filter(name="Dana Levi").exists()  # created inline


def test_a_failing_quote_stores_nothing_and_is_named_by_index_and_field(api):
    payload = article_payload()
    payload["quotes"][1]["text"] = "There is a deal"
    assert list(errors(api.post(f"{V1}/articles/", payload))) == ["quotes[1].text"]
    assert not Article.objects.exists() and not Quote.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"publisher": {"slug": "news\x00", "name": "News"}}, "publisher.slug"),
        ({"publisher": "The News\x00"}, "publisher"),
        ({"speaker": "Dana\x00Levi"}, "quotes[0].speaker"),
        ({"speaker": {"slug": "dana\x00levi"}}, "quotes[0].speaker.slug"),
        (
            {"speaking_organization": {"wikidata_id": "Q1\x00"}},
            "quotes[0].speaking_organization.wikidata_id",
        ),
        ({"topics": ["ceasefire\x00"]}, "quotes[0].topics[0]"),
        ({"topics": [{"slug": "truce", "name": "Truce\x00"}]}, "quotes[0].topics[0].name"),
    ],
)
def test_a_nul_character_in_a_reference_is_refused_before_any_lookup(api, change, field):
    payload = article_payload()
    if "publisher" in change:
        payload.update(change)
    else:
        payload["quotes"][0].update(change)
    assert list(errors(api.post(f"{V1}/articles/", payload))) == [field]


def test_optional_fields_sent_as_null_are_left_out(api):
    payload = article_payload(authors=None, language=None)
    payload["quotes"][1].update(kind=None, cue=None, channel=None, topics=None, status=None)
    response = api.post(f"{V1}/articles/", payload)
    assert response.status_code == 201, response.content
    quote = Quote.objects.get(text="There is no deal yet,")
    assert (quote.kind, quote.cue, quote.status) == ("direct", "", "draft")
    assert Article.objects.get().authors == []


def test_an_article_without_quotes_may_send_null(api):
    response = api.post(f"{V1}/articles/", article_payload(quotes=None))
    assert response.status_code == 201, response.content
    assert not Quote.objects.exists()


def test_the_same_article_posted_again_is_a_conflict(api):
    payload = article_payload()
    assert api.post(f"{V1}/articles/", payload).status_code == 201
    response = api.post(f"{V1}/articles/", payload)
    assert response.status_code == 409
    assert Article.objects.count() == 1


def test_only_people_who_may_add_people_create_them_inline(client_as):
    api = client_as("reader")
    api.user.user_permissions.add(*_permissions("quotes", "add_article", "add_quote"))
    response = api.post(f"{V1}/articles/", article_payload(), format="json")
    assert list(errors(response)) == ["quotes[0].speaker"]


def test_editors_cannot_post_verified_quotes(api):
    payload = article_payload()
    payload["quotes"][0]["status"] = "verified"
    assert api.post(f"{V1}/articles/", payload).status_code == 403


def test_an_article_body_is_fixed_once_quotes_are_taken_from_it(api, article):
    QuoteFactory(article=article, status=ReviewStatus.DRAFT)
    response = api.patch(f"{V1}/articles/{article.pk}/", {"body": "Something else."})
    assert list(errors(response)) == ["body"]


def test_deleting_an_article_with_quotes_is_refused(api, article):
    QuoteFactory(article=article, status=ReviewStatus.DRAFT)
    response = api.delete(f"{V1}/articles/{article.pk}/")
    assert response.status_code == 409
    assert "referenced by 1 quote" in response.json()["detail"]


def _permissions(app_label, *codenames):
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)


def test_a_text_longer_than_its_schema_limit_is_refused_even_when_trimming_would_fit(api):
    # "\f" + 200 characters: 201 as sent, 200 once DRF strips the form feed.
    response = api.post(f"{V1}/people/", {"name": "Basem Naim", "sort_name": "\f" + "N" * 200})
    assert errors(response) == {"sort_name": ["Ensure this field has no more than 200 characters."]}
