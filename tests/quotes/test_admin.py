"""The quotes admin: pages in pinned queries, the quote in context, review actions, validation."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db.models import F
from django.urls import reverse

from quotes.admin import NullsLastBothWays, QuoteAdmin
from quotes.choices import Channel, QuoteKind, ReviewStatus
from quotes.models import Article, Quote
from quotes.roles import EDITORS
from tests.admin_pages import changelist_queries
from tests.factories import (
    AffiliationFactory,
    AliasFactory,
    ArticleFactory,
    OrganizationFactory,
    PersonFactory,
    PublisherFactory,
    QuoteFactory,
    TopicFactory,
    UserFactory,
)
from tests.plans import explain

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cold_content_type_cache")]

BODY = (
    "JERUSALEM — Talks resumed on Monday.\n\n"
    'The minister spoke first. "We will not stop," the minister said on Tuesday. '
    "Officials listened.\n\n"
    '"There is no deal yet," a second official said.'
)


def quote_by_person():
    role = AffiliationFactory()
    quote = QuoteFactory(speaker=role.person)
    quote.topics.add(TopicFactory())
    return quote


def quote_by_organization():
    return QuoteFactory(
        speaker=None, speaking_organization=OrganizationFactory(), attribution="the army"
    )


def quote_by_unnamed_source():
    return QuoteFactory(
        speaker=None,
        is_anonymous=True,
        source_organization=OrganizationFactory(),
        attribution="a second official",
        text="There is no deal yet,",
    )


def quote_row():
    """Quotes by a person with a role, by an organization, by an unnamed source, in turn."""
    builders = [quote_by_person, quote_by_organization, quote_by_unnamed_source]
    return builders[Quote.objects.count() % 3]()


ROWS = {
    "publisher": PublisherFactory,
    "topic": TopicFactory,
    "article": lambda: quote_by_person().article,
    "quote": quote_row,
}


def staff_client(client, *codenames):
    user = UserFactory(is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client.force_login(user)
    return user


def quote_form(quote=None, **values):
    """The quote change form's POST data, from ``quote`` (or blank), with ``values`` on top."""
    data = {
        "article": "",
        "text": "",
        "kind": QuoteKind.DIRECT,
        "language": "en",
        "speaker": "",
        "affiliation": "",
        "speaking_organization": "",
        "attribution": "",
        "source_organization": "",
        "source_label": "",
        "said_on": "",
        "channel": Channel.OTHER,
        "cue": "",
        "place": "",
        "status": ReviewStatus.DRAFT,
        "retraction_reason": "",
        "extractor_version": "",
        "extraction_confidence": "",
    }
    if quote is not None:
        data.update(
            article=quote.article_id,
            text=quote.text,
            speaker=quote.speaker_id or "",
            affiliation=quote.affiliation_id or "",
            attribution=quote.attribution,
            said_on=quote.said_on.isoformat(),
            status=quote.status,
        )
    data.update(values)
    return data


# Pages render, in a pinned number of queries (2 of them: the session and the user).


@pytest.mark.parametrize(
    ("model", "queries"), [("publisher", 5), ("topic", 5), ("article", 8), ("quote", 6)]
)
def test_changelist_renders_in_pinned_queries(
    admin_client, django_assert_num_queries, model, queries
):
    ROWS[model]()
    with django_assert_num_queries(queries):
        response = admin_client.get(reverse(f"admin:quotes_{model}_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("model", list(ROWS))
def test_changelist_queries_do_not_grow_with_rows(admin_client, model):
    for _ in range(3):
        ROWS[model]()
    with_3_rows = changelist_queries(admin_client, "quotes", model)
    for _ in range(27):
        ROWS[model]()
    assert changelist_queries(admin_client, "quotes", model) == with_3_rows


@pytest.mark.parametrize(
    ("model", "queries"), [("publisher", 3), ("topic", 3), ("article", 3), ("quote", 3)]
)
def test_add_page_renders_in_pinned_queries(
    admin_client, django_assert_num_queries, model, queries
):
    with django_assert_num_queries(queries):
        response = admin_client.get(reverse(f"admin:quotes_{model}_add"))
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("model", "queries"), [("publisher", 4), ("topic", 4), ("article", 7), ("quote", 9)]
)
def test_change_page_renders_in_pinned_queries(
    admin_client, django_assert_num_queries, model, queries
):
    obj = ROWS[model]()
    with django_assert_num_queries(queries):
        response = admin_client.get(reverse(f"admin:quotes_{model}_change", args=[obj.pk]))
    assert response.status_code == 200


# The quote in its article


def test_quote_change_page_marks_the_quote_within_its_paragraph(admin_client):
    quote = QuoteFactory(article=ArticleFactory(body=BODY))
    response = admin_client.get(reverse("admin:quotes_quote_change", args=[quote.pk]))
    html = response.text
    assert (
        "The minister spoke first. &quot;<mark>We will not stop,</mark>&quot; the minister said "
        "on Tuesday. Officials listened.</p>"
    ) in html
    assert "Talks resumed" not in html
    assert "There is no deal yet" not in html


def test_quote_context_escapes_html_in_the_article_body(admin_client):
    article = ArticleFactory(body='<b>Bold</b> claim: "We will not stop," he said & left.')
    quote = QuoteFactory(article=article)
    response = admin_client.get(reverse("admin:quotes_quote_change", args=[quote.pk]))
    assert "&lt;b&gt;Bold&lt;/b&gt; claim" in response.text
    assert "he said &amp; left." in response.text


def test_quote_context_follows_the_quote_when_the_body_was_edited(admin_client):
    quote = QuoteFactory(article=ArticleFactory(body=BODY))
    Quote.objects.filter(pk=quote.pk).update(start_offset=0, end_offset=17)
    response = admin_client.get(reverse("admin:quotes_quote_change", args=[quote.pk]))
    assert "<mark>We will not stop,</mark>" in response.text


# Review actions


def test_mark_verified_sets_status_and_reviewer(client):
    user = staff_client(client, "view_quote", "change_quote", "verify_quote")
    quotes = [QuoteFactory(status=ReviewStatus.DRAFT) for _ in range(2)]
    response = client.post(
        reverse("admin:quotes_quote_changelist"),
        {"action": "mark_verified", "_selected_action": [quote.pk for quote in quotes]},
    )
    assert response.status_code == 302
    for quote in quotes:
        quote.refresh_from_db()
        assert (quote.status, quote.reviewed_by) == (ReviewStatus.VERIFIED, user)
        assert quote.reviewed_at is not None


def test_mark_retracted_sets_status_and_reviewer(client):
    user = staff_client(client, "view_quote", "change_quote", "verify_quote")
    quote = QuoteFactory(status=ReviewStatus.VERIFIED)
    client.post(
        reverse("admin:quotes_quote_changelist"),
        {"action": "mark_retracted", "_selected_action": [quote.pk]},
    )
    quote.refresh_from_db()
    assert (quote.status, quote.reviewed_by) == (ReviewStatus.RETRACTED, user)
    assert quote.reviewed_at is not None


def test_review_actions_are_not_offered_without_verify_permission(client):
    staff_client(client, "view_quote", "change_quote")
    QuoteFactory()
    response = client.get(reverse("admin:quotes_quote_changelist"))
    assert 'value="mark_verified"' not in response.text
    assert 'value="mark_retracted"' not in response.text


def test_review_actions_are_offered_with_verify_permission(client):
    staff_client(client, "view_quote", "change_quote", "verify_quote")
    QuoteFactory()
    response = client.get(reverse("admin:quotes_quote_changelist"))
    assert 'value="mark_verified"' in response.text
    assert 'value="mark_retracted"' in response.text


def test_review_action_posted_without_verify_permission_changes_nothing(client):
    staff_client(client, "view_quote", "change_quote")
    quote = QuoteFactory(status=ReviewStatus.DRAFT)
    client.post(
        reverse("admin:quotes_quote_changelist"),
        {"action": "mark_verified", "_selected_action": [quote.pk]},
    )
    quote.refresh_from_db()
    assert (quote.status, quote.reviewed_by) == (ReviewStatus.DRAFT, None)


def test_status_is_read_only_without_verify_permission(client):
    staff_client(client, "view_quote", "change_quote")
    quote = QuoteFactory(status=ReviewStatus.DRAFT)
    client.post(
        reverse("admin:quotes_quote_change", args=[quote.pk]),
        quote_form(quote, status=ReviewStatus.VERIFIED),
    )
    quote.refresh_from_db()
    assert quote.status == ReviewStatus.DRAFT


def test_changing_status_on_the_form_records_the_reviewer(client):
    user = staff_client(client, "view_quote", "change_quote", "verify_quote")
    quote = QuoteFactory(status=ReviewStatus.DRAFT)
    response = client.post(
        reverse("admin:quotes_quote_change", args=[quote.pk]),
        quote_form(quote, status=ReviewStatus.VERIFIED),
    )
    assert response.status_code == 302
    quote.refresh_from_db()
    assert (quote.status, quote.reviewed_by) == (ReviewStatus.VERIFIED, user)


# Validation surfaces on the form


def test_text_not_in_the_article_shows_the_verbatim_error_on_the_text_field(admin_client):
    article = ArticleFactory()
    response = admin_client.post(
        reverse("admin:quotes_quote_add"),
        quote_form(article=article.pk, text="We will never stop,", attribution="the minister"),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert 'matches "We will "' in errors["text"][0]
    assert not Quote.objects.exists()


def test_role_of_another_person_is_rejected_on_the_affiliation_field(admin_client):
    quote = QuoteFactory()
    someone_elses_role = AffiliationFactory()
    response = admin_client.post(
        reverse("admin:quotes_quote_change", args=[quote.pk]),
        quote_form(quote, affiliation=someone_elses_role.pk),
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["affiliation"] == [
        "This role belongs to another person, not the speaker."
    ]


def test_added_quote_gets_its_offsets_date_and_role(admin_client):
    article = ArticleFactory(body=BODY)
    role = AffiliationFactory()
    response = admin_client.post(
        reverse("admin:quotes_quote_add"),
        quote_form(article=article.pk, text='"We will not stop,"', speaker=role.person.pk),
    )
    assert response.status_code == 302
    quote = Quote.objects.get()
    assert article.body[quote.start_offset : quote.end_offset] == quote.text
    assert (quote.said_on, quote.affiliation) == (article.published_on, role)


# Lists and search


def test_quote_list_shows_the_role_at_the_time(admin_client):
    role = AffiliationFactory(role="Defence Minister", organization__name="Ministry of Defence")
    QuoteFactory(speaker=role.person)
    response = admin_client.get(reverse("admin:quotes_quote_changelist"))
    assert "Defence Minister, Ministry of Defence" in response.text


def test_quote_list_shows_the_attribution_of_an_unnamed_source(admin_client):
    quote_by_unnamed_source()
    response = admin_client.get(reverse("admin:quotes_quote_changelist"))
    assert "a second official (Organization" in response.text


def test_quote_search_finds_a_quote_by_its_speakers_alias(admin_client):
    speaker = PersonFactory(name="Yahya Sinwar")
    AliasFactory(person=speaker, name="Abu Ibrahim")
    quote = QuoteFactory(speaker=speaker)
    QuoteFactory()
    response = admin_client.get(reverse("admin:quotes_quote_changelist"), {"q": "ibrahim"})
    assert list(response.context["cl"].result_list) == [quote]


def test_quote_search_finds_a_quote_by_its_words(admin_client):
    quote = QuoteFactory(text="There is no deal yet,")
    QuoteFactory()
    response = admin_client.get(reverse("admin:quotes_quote_changelist"), {"q": "deal"})
    assert list(response.context["cl"].result_list) == [quote]


def test_quote_search_finds_a_hyphenated_word_by_its_joined_spelling(admin_client):
    quote = QuoteFactory(
        article=ArticleFactory(body="The cease-fire held, officials said."),
        text="The cease-fire held,",
    )
    QuoteFactory()
    response = admin_client.get(reverse("admin:quotes_quote_changelist"), {"q": "ceasefire"})
    assert list(response.context["cl"].result_list) == [quote]


# The review queue


def proposal(confidence, status=ReviewStatus.DRAFT):
    return QuoteFactory(
        status=status, extractor_version="rules-1.7", extraction_confidence=confidence
    )


def review_queue(admin_client, **params):
    response = admin_client.get(
        reverse("admin:quotes_quote_changelist"), {"status__exact": "draft", **params}
    )
    return list(response.context["cl"].result_list)


# The column's number in the changelist's ?o= (the action checkbox is column 0).
CONFIDENCE_COLUMN = QuoteAdmin.list_display.index("confidence") + 1


@pytest.mark.parametrize(("sort", "expected"), [("", [0.4, 0.6, 0.9]), ("-", [0.9, 0.6, 0.4])])
def test_the_review_queue_sorts_drafts_by_the_extractors_confidence(admin_client, sort, expected):
    for confidence in (0.6, 0.9, 0.4):
        proposal(confidence)
    proposal(0.1, status=ReviewStatus.VERIFIED)
    queue = review_queue(admin_client, o=f"{sort}{CONFIDENCE_COLUMN}")
    assert [quote.extraction_confidence for quote in queue] == expected


@pytest.mark.parametrize("sort", ["", "-"])
def test_drafts_entered_by_hand_come_last_in_the_review_queue_both_ways(admin_client, sort):
    by_hand = QuoteFactory(status=ReviewStatus.DRAFT)
    proposal(0.6)
    proposal(0.9)
    assert review_queue(admin_client, o=f"{sort}{CONFIDENCE_COLUMN}")[-1] == by_hand


def test_the_quote_list_shows_the_confidence_and_version_of_a_proposal(admin_client):
    proposal(0.85)
    response = admin_client.get(reverse("admin:quotes_quote_changelist"))
    assert "0.85 (rules-1.7)" in response.text


def test_quotes_are_filtered_by_who_entered_them(admin_client):
    proposed = proposal(0.5)
    by_hand = QuoteFactory(status=ReviewStatus.DRAFT)
    assert review_queue(admin_client, entered_by="extractor") == [proposed]
    assert review_queue(admin_client, entered_by="hand") == [by_hand]


@pytest.mark.parametrize(
    ("descending", "index"),
    [(False, "quote_review_queue"), (True, "quote_review_confident_first")],
)
def test_the_review_queue_is_read_from_an_index_either_way(descending, index):
    # The changelist's order: the column's expression, then "-pk" to make it total.
    confidence = NullsLastBothWays(F("extraction_confidence"), descending=descending)
    queue = Quote.objects.filter(status=ReviewStatus.DRAFT).order_by(confidence, "-id")[:100]
    # Sorting priced out as well: the plan must not depend on how bloated earlier tests left
    # the table (rolled-back rows stay as dead pages until a vacuum).
    plan = explain(queue, "quotes_quote", setup=("SET LOCAL enable_sort = off",))
    assert f"Index Scan using {index} " in plan
    assert "Sort" not in plan


def test_the_language_filters_read_the_languages_in_use_from_an_index():
    languages = Article.objects.order_by("language").values_list("language").distinct()
    assert "article_language" in explain(languages, "quotes_article")


def test_article_list_counts_quotes(admin_client):
    quote = QuoteFactory()
    QuoteFactory(article=quote.article, text="There is no deal yet,")
    response = admin_client.get(reverse("admin:quotes_article_changelist"))
    assert response.context["cl"].result_list[0].quote_total == 2


def article_form(publisher, **values):
    data = {
        "publisher": publisher.pk,
        "title": "Israel and Hamas",
        "url": "https://news.example/israel-hamas",
        "published_on": "2023-12-20",
        "authors": "",
        "language": "en",
        "body": BODY,
        "quotes-TOTAL_FORMS": "1",
        "quotes-INITIAL_FORMS": "0",
        "quotes-0-text": "There is no deal yet,",
        "quotes-0-speaker": "",
        "quotes-0-attribution": "a second official",
    }
    data.update(values)
    return data


def test_article_can_be_added_with_a_quote_inline(admin_client):
    response = admin_client.post(
        reverse("admin:quotes_article_add"), article_form(PublisherFactory())
    )
    assert response.status_code == 302
    quote = Quote.objects.get()
    assert quote.article.body[quote.start_offset : quote.end_offset] == quote.text


def test_inline_quote_not_in_the_article_shows_the_verbatim_error(admin_client):
    response = admin_client.post(
        reverse("admin:quotes_article_add"),
        article_form(PublisherFactory(), **{"quotes-0-text": "There is a deal,"}),
    )
    assert response.status_code == 200
    [formset] = response.context["inline_admin_formsets"]
    assert "differs" in formset.formset.forms[0].errors["text"][0]
    assert not Quote.objects.exists()


def test_article_page_lists_its_quotes_with_links(admin_client):
    quote = QuoteFactory()
    response = admin_client.get(reverse("admin:quotes_article_change", args=[quote.article_id]))
    assert reverse("admin:quotes_quote_change", args=[quote.pk]) in response.text


PROPOSAL_BODY = "“We will not stop,” Dana Levi said on Tuesday. “No deal yet,” Dana Levi added."


def run_propose_action(client, article):
    return client.post(
        reverse("admin:quotes_article_changelist"),
        {"action": "propose_quotes", "_selected_action": [article.pk]},
        follow=True,
    )


def test_propose_action_creates_draft_quotes_and_reports_counts(client):
    PersonFactory(name="Dana Levi")
    article = ArticleFactory(body=PROPOSAL_BODY)
    staff_client(client, "view_article", "change_article", "add_quote")
    response = run_propose_action(client, article)
    quotes = Quote.objects.filter(article=article)
    assert {q.status for q in quotes} == {ReviewStatus.DRAFT}
    assert quotes.count() == 2
    assert "2 draft quotes proposed; 0 already present" in response.content.decode()


def test_propose_action_run_twice_adds_nothing_new(client):
    PersonFactory(name="Dana Levi")
    article = ArticleFactory(body=PROPOSAL_BODY)
    staff_client(client, "view_article", "change_article", "add_quote")
    run_propose_action(client, article)
    response = run_propose_action(client, article)
    assert Quote.objects.filter(article=article).count() == 2
    assert "0 draft quotes proposed; 2 already present" in response.content.decode()


def test_propose_action_needs_add_quote_permission(client):
    article = ArticleFactory(body=PROPOSAL_BODY)
    staff_client(client, "view_article", "change_article")
    response = client.get(reverse("admin:quotes_article_changelist"))
    assert "propose_quotes" not in response.content.decode()
    run_propose_action(client, article)
    assert not Quote.objects.filter(article=article).exists()


def test_a_verified_quote_opens_read_only_for_editors(client):
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    quote = QuoteFactory()
    response = client.get(reverse("admin:quotes_quote_change", args=[quote.pk]))
    assert response.status_code == 200
    assert b'name="text"' not in response.content  # shown, not editable


def test_a_draft_opens_editable_for_editors(client):
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    quote = QuoteFactory(status=ReviewStatus.DRAFT)
    response = client.get(reverse("admin:quotes_quote_change", args=[quote.pk]))
    assert b'name="text"' in response.content


def test_api_tokens_are_managed_in_the_admin(admin_client):
    response = admin_client.get(reverse("admin:authtoken_tokenproxy_changelist"))
    assert response.status_code == 200


def test_reviewed_quotes_are_read_only_in_the_article_page_for_editors(client):
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    verified = QuoteFactory()
    QuoteFactory(article=verified.article, status=ReviewStatus.DRAFT, text="There is no deal yet")
    response = client.get(reverse("admin:quotes_article_change", args=[verified.article_id]))
    formset = response.context["inline_admin_formsets"][0].formset
    disabled = {form.instance.status: form.fields["text"].disabled for form in formset.forms}
    assert disabled == {ReviewStatus.VERIFIED: True, ReviewStatus.DRAFT: False}
