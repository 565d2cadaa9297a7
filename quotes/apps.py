from django.apps import AppConfig
from django.db.models.signals import post_migrate


class QuotesConfig(AppConfig):
    name = "quotes"
    verbose_name = "Articles and quotes"

    def ready(self):
        from .roles import ensure_role_groups

        # After this app's migrations, when every curated model's permissions exist.
        post_migrate.connect(ensure_role_groups, sender=self)
