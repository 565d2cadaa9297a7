"""The site's one write: a reader's report of a problem with a quote."""

from django import forms
from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from quotes.choices import Problem
from quotes.models import CORRECTION_DETAILS_MAX_LENGTH, CorrectionReport


class ReportForm(forms.ModelForm):
    problem = forms.ChoiceField(
        label="What is wrong?", choices=Problem.choices, widget=forms.RadioSelect
    )

    class Meta:
        model = CorrectionReport
        fields = ["problem", "details", "email"]
        labels = {"details": "Tell us more", "email": "Your e-mail (optional)"}
        help_texts = {
            "details": f"What is right, and where it says so. At most "
            f"{CORRECTION_DETAILS_MAX_LENGTH:,} characters.",
            "email": "Only if you would like an answer. Curators see it; nobody else does.",
        }
        widgets = {"details": forms.Textarea(attrs={"rows": 5})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("problem") == Problem.OTHER and not cleaned.get("details"):
            self.add_error("details", "Tell us what is wrong.")
        return cleaned


class ReportThrottle(SimpleRateThrottle):
    """Reports per client (as the API's throttles tell clients apart), counted in the cache."""

    scope = "correction_reports"

    def get_rate(self):
        return settings.SITE_REPORT_RATE

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
