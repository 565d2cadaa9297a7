"""Readers' correction reports: stored whole, checked by the database, listed for curators."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from quotes.choices import Problem
from quotes.models import CORRECTION_DETAILS_MAX_LENGTH, CorrectionReport
from tests.admin_pages import changelist_queries
from tests.factories import QuoteFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cold_content_type_cache")]


def report(**fields):
    fields.setdefault("quote", QuoteFactory())
    fields.setdefault("problem", Problem.WRONG_SPEAKER)
    return CorrectionReport.objects.create(**fields)


def test_an_unknown_problem_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        report(problem="typo")


def test_details_longer_than_the_limit_are_refused_by_the_database():
    with pytest.raises(IntegrityError):
        report(details="x" * (CORRECTION_DETAILS_MAX_LENGTH + 1))


def test_the_quote_page_of_the_admin_lists_its_reports(admin_client):
    stored = report(details="It was the other minister.", email="reader@example.org")
    response = admin_client.get(reverse("admin:quotes_quote_change", args=[stored.quote_id]))
    assert "problems reported by readers" in response.text.lower()
    assert "It was the other minister." in response.text
    assert "reader@example.org" in response.text


def test_the_reports_list_links_each_report_to_its_quote(admin_client):
    stored = report(details="Wrong day.", problem=Problem.WRONG_DATE)
    response = admin_client.get(reverse("admin:quotes_correctionreport_changelist"))
    quote_url = reverse("admin:quotes_quote_change", args=[stored.quote_id])
    assert f'href="{quote_url}"' in response.text
    assert "Wrong date" in response.text


def test_the_reports_list_runs_the_same_queries_whatever_its_length(admin_client):
    report()
    one = changelist_queries(admin_client, "quotes", "correctionreport")
    for _ in range(4):
        report()
    assert changelist_queries(admin_client, "quotes", "correctionreport") == one


def test_marking_reports_handled(admin_client):
    stored = report()
    admin_client.post(
        reverse("admin:quotes_correctionreport_changelist"),
        {"action": "mark_handled", "_selected_action": [stored.pk]},
    )
    stored.refresh_from_db()
    assert stored.handled
