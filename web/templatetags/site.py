"""Template helpers of the site: the presenters of ``web.presenters``, JSON-LD, lookups."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from web import presenters

register = template.Library()


register.simple_tag(presenters.source_of)
register.simple_tag(presenters.byline)
register.simple_tag(presenters.results)
register.simple_tag(presenters.options)
register.simple_tag(presenters.field_errors)
register.filter("day", presenters.day)


@register.filter
def get(mapping, key):
    return mapping.get(key)


_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data) -> str:
    """JSON safe inside a <script> element (as Django's json_script escapes it)."""
    return mark_safe(json.dumps(data, cls=DjangoJSONEncoder).translate(_SCRIPT_ESCAPES))
