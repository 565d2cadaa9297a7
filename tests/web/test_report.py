"""Report a problem: the site's one write, stored for curators, protected and limited."""

import pytest
from django.test import Client

from quotes.choices import Problem, ReviewStatus
from quotes.models import CORRECTION_DETAILS_MAX_LENGTH, CorrectionReport
from tests.factories import QuoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def quote():
    return QuoteFactory()


def send(client, quote, **fields):
    data = {"problem": Problem.WRONG_SPEAKER, "details": "", "email": "", **fields}
    return client.post(f"/quotes/{quote.pk}/report/", data)


def test_every_quote_page_links_to_the_report_form(client, quote):
    response = client.get(f"/quotes/{quote.pk}/")
    assert f'href="/quotes/{quote.pk}/report/">Report a problem with this quote</a>' in (
        response.text
    )


def test_the_form_asks_what_is_wrong_with_labels_for_every_field(client, quote):
    response = client.get(f"/quotes/{quote.pk}/report/")
    assert response.status_code == 200
    for label in ["Wrong speaker", "Wrong words", "Wrong date", "Something else"]:
        assert f">{label}</label>" in response.text
    assert '<label for="id_details">' in response.text
    assert '<label for="id_email">' in response.text
    assert 'name="csrfmiddlewaretoken"' in response.text
    assert f'maxlength="{CORRECTION_DETAILS_MAX_LENGTH}"' in response.text


def test_a_report_is_stored_for_the_quote_and_thanked_for(client, quote):
    response = send(client, quote, details="It was her deputy.", email="reader@example.org")
    assert response.status_code == 302
    assert response["Location"] == f"/quotes/{quote.pk}/report/sent/"
    stored = CorrectionReport.objects.get()
    assert (stored.quote, stored.problem, stored.details, stored.email, stored.handled) == (
        quote,
        Problem.WRONG_SPEAKER,
        "It was her deputy.",
        "reader@example.org",
        False,
    )
    thanks = client.get(response["Location"])
    assert "Thank you: your report was sent" in thanks.text


def test_reports_are_never_shown_on_the_public_pages(client, quote):
    send(client, quote, details="A very secret remark.", email="reader@example.org")
    for url in [f"/quotes/{quote.pk}/", "/", f"/articles/{quote.article_id}/"]:
        page = client.get(url).text
        assert "A very secret remark." not in page
        assert "reader@example.org" not in page


def test_a_report_without_a_problem_gives_the_form_back_with_the_message(client, quote):
    response = send(client, quote, problem="", details="Hm.")
    assert response.status_code == 400
    assert 'id="problem-errors"' in response.text
    assert "Hm." in response.text  # what was typed is kept
    assert not CorrectionReport.objects.exists()


def test_something_else_needs_details(client, quote):
    response = send(client, quote, problem=Problem.OTHER)
    assert response.status_code == 400
    assert "Tell us what is wrong." in response.text


def test_details_over_the_limit_are_refused(client, quote):
    response = send(client, quote, details="x" * (CORRECTION_DETAILS_MAX_LENGTH + 1))
    assert response.status_code == 400
    assert "at most 2000 characters" in response.text
    assert not CorrectionReport.objects.exists()


def test_a_malformed_email_is_refused(client, quote):
    response = send(client, quote, email="not an address")
    assert response.status_code == 400
    assert "Enter a valid email address." in response.text


def test_a_report_without_the_csrf_token_is_refused(quote):
    client = Client(enforce_csrf_checks=True)
    response = send(client, quote)
    assert response.status_code == 403
    assert "The form has expired" in response.text
    assert not CorrectionReport.objects.exists()


def test_a_report_with_the_csrf_token_from_the_form_is_accepted(quote):
    client = Client(enforce_csrf_checks=True)
    form = client.get(f"/quotes/{quote.pk}/report/")
    token = form.context["csrf_token"]
    response = send(client, quote, csrfmiddlewaretoken=str(token))
    assert response.status_code == 302


def test_reports_are_limited_per_client(client, quote, settings):
    settings.SITE_REPORT_RATE = "2/hour"
    assert send(client, quote).status_code == 302
    assert send(client, quote).status_code == 302
    response = send(client, quote)
    assert response.status_code == 429
    assert "Too many reports" in response.text
    assert CorrectionReport.objects.count() == 2


def test_the_form_is_never_kept_by_a_cache(client, quote):
    response = client.get(f"/quotes/{quote.pk}/report/")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_a_quote_not_published_cannot_be_reported(client):
    draft = QuoteFactory(status=ReviewStatus.DRAFT)
    assert send(client, draft).status_code == 404
    assert not CorrectionReport.objects.exists()
