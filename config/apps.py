from django.apps import AppConfig


class WhosaidConfig(AppConfig):
    """The project itself: its system checks and the health probe's table."""

    name = "config"
    label = "whosaid"
    verbose_name = "whosaid"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401 (registers them)
