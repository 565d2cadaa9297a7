"""The Editors and Reviewers groups exist after migrate, with the permissions they promise."""

import pytest
from django.contrib.auth.models import Group

from quotes.roles import EDITORS, REVIEWERS, ensure_role_groups

pytestmark = pytest.mark.django_db


def codenames(group_name):
    return set(Group.objects.get(name=group_name).permissions.values_list("codename", flat=True))


def test_editors_curate_everything_but_do_not_review():
    granted = codenames(EDITORS)
    assert {"add_quote", "change_person", "delete_affiliation", "add_article"} <= granted
    assert "verify_quote" not in granted


def test_reviewers_are_editors_who_verify():
    assert codenames(REVIEWERS) == codenames(EDITORS) | {"verify_quote"}


def test_permissions_added_by_hand_are_kept():
    group = Group.objects.get(name=EDITORS)
    group.permissions.add(
        Group.objects.get(name=REVIEWERS).permissions.get(codename="verify_quote")
    )
    ensure_role_groups()
    assert "verify_quote" in codenames(EDITORS)
