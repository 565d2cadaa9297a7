"""Typed filters shared by the FilterSets: strict parsing, and a schema that says exactly what
is accepted, so bad input answers 400 and fuzzers know what is valid.

Unknown query parameters are ignored, as in DRF and django-filter.
"""

import copy
import datetime
import re

import markdown
from django import forms
from django.core.validators import RegexValidator
from django.utils.html import escape
from django_filters import fields as filter_fields
from django_filters import rest_framework as filters
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.drainage import set_override

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
NO_NUL_PATTERN = r"^[^\x00]*$"
TEXT_MAX_LENGTH = 200
MAX_REPEATS = 20
MAX_ID = 2**63 - 1

slug_validator = RegexValidator(
    re.compile(SLUG_PATTERN), "Enter a slug: letters, digits, hyphens and underscores."
)


class RepeatableTextInput(forms.TextInput):
    """A text box that reads every repetition of its parameter (``?speaker=a&speaker=b``)."""

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def format_value(self, value):
        return " ".join(value) if isinstance(value, list | tuple) else super().format_value(value)


class BooleanSelect(forms.Select):
    """The browsable API's choice for a ``true``/``false`` parameter, or neither."""

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=[("", "---------"), ("true", "yes"), ("false", "no")])

    def format_value(self, value):
        return super().format_value({True: "true", False: "false"}.get(value, value))


class SlugListField(forms.Field):
    widget = RepeatableTextInput

    def to_python(self, value):
        if not value:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        if len(value) > MAX_REPEATS:
            raise forms.ValidationError(f"At most {MAX_REPEATS} values.", code="max_repeats")
        return [str(item) for item in value]

    def validate(self, value):
        super().validate(value)
        for item in value:
            if len(item) > TEXT_MAX_LENGTH:
                raise forms.ValidationError(
                    f"A slug has at most {TEXT_MAX_LENGTH} characters.", code="max_length"
                )
            slug_validator(item)


EMPTY = "Give a value or leave the parameter out."


class StrictField(forms.Field):
    """A present but empty parameter (``?said_after=``) is an error, not "no filter"."""

    def clean(self, value):
        if value == "":
            raise forms.ValidationError(EMPTY, code="empty")
        return super().clean(value)


class StrictBooleanField(StrictField):
    """``true``/``false`` (or ``1``/``0``); anything else is an error, not "no filter"."""

    widget = BooleanSelect

    TRUE, FALSE = {"true", "1"}, {"false", "0"}

    def to_python(self, value):
        if value is None:
            return None
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise forms.ValidationError("Enter true or false.", code="invalid")


class IsoDateField(StrictField):
    """A calendar date written YYYY-MM-DD, nothing else."""

    PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")

    def to_python(self, value):
        if value is None:
            return None
        if isinstance(value, datetime.date):
            return value
        text = str(value)
        if self.PATTERN.match(text):
            try:
                return datetime.date.fromisoformat(text)
            except ValueError:
                pass
        raise forms.ValidationError("Enter a date as YYYY-MM-DD.", code="invalid")


class DocumentedFilter:
    """Gives the filter's exact schema, plus its ``help_text``, to drf-spectacular."""

    schema: dict = {"type": "string"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        schema = dict(self.schema)
        if self.extra.get("help_text"):
            schema["description"] = str(self.extra["help_text"])
        set_override(self, "field", schema)


class SlugsFilter(DocumentedFilter, filters.MultipleChoiceFilter):
    """One or more slugs, repeatable (``?speaker=a&speaker=b``); unknown slugs match nothing."""

    field_class = SlugListField
    schema = {
        "type": "string",
        "minLength": 1,
        "maxLength": TEXT_MAX_LENGTH,
        "pattern": SLUG_PATTERN,
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("lookup_expr", "in")
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        if self.method is not None:
            return self.method(qs, self.field_name, value)
        return self.get_method(qs)(**{f"{self.field_name}__{self.lookup_expr}": value})


class TextFilter(DocumentedFilter, filters.CharFilter):
    """Free text up to 200 characters; a NUL byte is refused (Django's CharField does it)."""

    schema = {"type": "string", "maxLength": TEXT_MAX_LENGTH, "pattern": NO_NUL_PATTERN}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", TEXT_MAX_LENGTH)
        super().__init__(*args, **kwargs)


class StrictBooleanFilter(DocumentedFilter, filters.Filter):
    field_class = StrictBooleanField
    schema = {"type": "boolean"}

    def filter(self, qs, value):
        if value is None:
            return qs
        return super().filter(qs, value)


class DateFilter(DocumentedFilter, filters.Filter):
    field_class = IsoDateField
    schema = {"type": "string", "format": "date"}


class StrictIntegerField(StrictField, forms.IntegerField):
    pass


class StrictChoiceField(StrictField, filter_fields.ChoiceField):
    pass


class ChoiceFilter(filters.ChoiceFilter):
    """A choice; an empty value is an error."""

    field_class = StrictChoiceField


class IdFilter(DocumentedFilter, filters.Filter):
    field_class = StrictIntegerField
    schema = {"type": "integer", "minimum": 1, "maximum": MAX_ID}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class _FiltersCopiedShallowly(dict):
    """A FilterSet class's filters. django-filter deep-copies them for every request (with their
    choices, lookups and validators) only to give each copy its FilterSet as ``parent``: nothing
    else on a filter changes per request, so a shallow copy of each does."""

    def __deepcopy__(self, memo):
        return {name: _copy_for_one_filterset(filter_) for name, filter_ in self.items()}


def _copy_for_one_filterset(filter_):
    copied = copy.copy(filter_)
    if copied.method is not None:
        copied.method = copied.method  # binds its FilterMethod to the copy, not to the original
    return copied


class _FieldsCopiedShallowly(dict):
    """A filter form class's fields. A Django form deep-copies its class's fields (widgets,
    choices, validators) so that one form may change its own; a filter form only cleans the
    query parameters and renders, changing none, so a shallow copy of each field does."""

    def __deepcopy__(self, memo):
        return {name: copy.copy(field) for name, field in self.items()}


# Labels of the browsable API's filter form, by parameter; others are named after it.
LABELS = {"q": "Search"}


class FilterSet(filters.FilterSet):
    """Base FilterSet: subclasses declare only typed filters from this module (or choices)."""

    @classmethod
    def get_filters(cls):
        filters_ = super().get_filters()
        for name, filter_ in filters_.items():
            # django-filter names a filter after its model field: "[invalid name]" for a
            # parameter that is none ("q", "ordering").
            if filter_._label is None:
                filter_.label = LABELS.get(name, name.replace("_", " ").capitalize())
        return _FiltersCopiedShallowly(filters_)

    # django-filter builds a new form class, and a form field for every filter, on each request,
    # most of the FilterSet's own cost. These filters' form fields depend on the
    # FilterSet's class alone (none takes a queryset from the request), so the form class is
    # built once per class, and each form copies its fields shallowly.
    def get_form_class(self):
        cls = type(self)
        form_class = cls.__dict__.get("_form_class_built_once")
        if form_class is None:
            form_class = cls._form_class_built_once = super().get_form_class()
            form_class.base_fields = _FieldsCopiedShallowly(form_class.base_fields)
            # A form field read before (the schema generator reads them) is shared by every
            # FilterSet inheriting its filter: each help text is made from the filter's own.
            for name, filter_ in self.filters.items():
                help_text = filter_.extra.get("help_text") or ""
                form_class.base_fields[name].help_text = inline_markdown(help_text)
        return form_class


def inline_markdown(text: str) -> str:
    """A help text (Markdown, as the schema shows it) as the HTML the browsable API's form
    shows: `code` becomes <code>, and markup in the text is escaped."""
    html = markdown.markdown(escape(str(text)))
    return html.removeprefix("<p>").removesuffix("</p>")


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend with a browsable-API form that sends only the fields filled in
    (an empty parameter is a 400, not "no filter")."""

    template = "api/filter_form.html"
