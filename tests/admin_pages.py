"""Shared by the admin tests of every app."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse


def changelist_queries(client, app_label, model):
    """How many queries the model's admin changelist runs (it must render)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(f"admin:{app_label}_{model}_changelist"))
    assert response.status_code == 200
    return len(queries)
