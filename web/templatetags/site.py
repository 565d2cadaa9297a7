"""Template helpers of the site: who a quote is by, as a result and the quote page show it."""

import json
from dataclasses import dataclass

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.safestring import mark_safe

register = template.Library()


@dataclass
class QuoteSource:
    name: str  # the speaker, else the attribution as worded, else the organization
    url: str | None  # the person's page
    as_worded: str  # the attribution, when it says more than the speaker's name
    organization: dict | None  # {"name", "url", "relation"}: whom an unnamed source speaks for
    unnamed: bool = False  # an anonymous source of no known organization


def _organization(ref: dict, relation: str) -> dict:
    return {
        "name": ref["name"],
        "url": reverse("web:organization", args=[ref["slug"]]),
        "relation": relation,
    }


@register.simple_tag
def source_of(quote) -> QuoteSource:
    attribution = quote.attribution.strip()
    if quote.speaker_id:
        speaker = quote.speaker
        as_worded = attribution if attribution and attribution != speaker.name else ""
        url = reverse("web:person", args=[speaker.slug])
        return QuoteSource(speaker.name, url, as_worded, None)
    if quote.speaking_organization_id:
        ref = quote.speaking_organization_ref
        name = attribution[:1].upper() + attribution[1:] if attribution else ref["name"]
        return QuoteSource(name, None, "", _organization(ref, ""))
    name = attribution[:1].upper() + attribution[1:] if attribution else "Unnamed source"
    if quote.source_organization_id:
        relation = "unnamed source from" if quote.is_anonymous else "source from"
        return QuoteSource(name, None, "", _organization(quote.source_organization_ref, relation))
    return QuoteSource(name, None, "", None, unnamed=quote.is_anonymous)


@register.filter
def day(date) -> str:
    """'December 20, 2023'."""
    return f"{date:%B} {date.day}, {date.year}" if date else ""


@register.filter
def get(mapping, key):
    return mapping.get(key)


_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data) -> str:
    """JSON safe inside a <script> element (as Django's json_script escapes it)."""
    return mark_safe(json.dumps(data, cls=DjangoJSONEncoder).translate(_SCRIPT_ESCAPES))
