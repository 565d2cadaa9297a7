"""The two curator roles, kept as groups after every ``migrate``.

- **Editors** add, change and delete people, organizations, aliases, roles, publishers,
  articles, topics and draft quotes, see drafts, and handle readers' correction reports.
- **Reviewers** are editors who may also verify, retract and reopen quotes (``verify_quote``)
  and change quotes once verified.

Give a user one of these groups in the admin; superusers need none. Permissions added to a
group by hand are kept: this only adds what is missing.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

CURATED_MODELS = {
    "actors": ["person", "organization", "alias", "affiliation"],
    "quotes": ["publisher", "article", "topic", "quote", "correctionreport"],
}
ACTIONS = ["view", "add", "change", "delete"]
EDITORS = "Editors"
REVIEWERS = "Reviewers"


def _editor_permissions():
    wanted = Q()
    for app_label, models in CURATED_MODELS.items():
        wanted |= Q(
            content_type__app_label=app_label,
            codename__in=[f"{action}_{model}" for model in models for action in ACTIONS],
        )
    return Permission.objects.filter(wanted)


def ensure_role_groups(**kwargs):
    editor_permissions = list(_editor_permissions())
    review = Permission.objects.filter(content_type__app_label="quotes", codename="verify_quote")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(*editor_permissions)
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS)
    reviewers.permissions.add(*editor_permissions, *review)
