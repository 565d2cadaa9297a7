from django.db import models


class HealthProbe(models.Model):
    """One row the readiness check (``/healthz?deep=1``) writes, proving writes go through."""

    checked_at = models.DateTimeField()

    class Meta:
        verbose_name = "health probe"

    def __str__(self):
        return f"checked at {self.checked_at:%Y-%m-%d %H:%M:%S}"
