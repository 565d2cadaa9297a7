"""The article payload: one shape for JSON Lines files and the write API, and its field checks.

One article per payload (one per line in a file)::

    {
      "publisher": "new-york-times",            # slug, or {"slug", "name", "website"}
      "title": "Hamas leaders ...",            # required
      "url": "https://www.nytimes.com/...",    # canonical URL; optional
      "published_on": "2023-12-20",            # required, YYYY-MM-DD
      "authors": ["Adam Rasgon"],              # optional
      "language": "en",                        # optional, default "en"
      "body": "The full text ...",             # required when there are quotes
      "quotes": [                              # optional, in any order
        {
          "text": "We will not stop",          # required: verbatim from the body
          "kind": "direct",                    # direct | paraphrase | claim (default direct)
          "speaker": "ismail-haniyeh",         # slug, Wikidata id ("Q..."), name or alias,
                                               # or {"slug", "wikidata_id", "name"}
          "speaking_organization": null,       # an organization speaking as a body (same refs;
                                               # the object may add "classification")
          "source_organization": null,         # an unnamed source's organization
          "attribution": "the Hamas leader",   # the source as the article words it
          "anonymous": false,
          "source_label": "",
          "role": null,                        # {"title", "organization", "start_date",
                                               #  "end_date"}; null: the role held on said_on
          "said_on": null,                     # default: the article's date
          "channel": "statement",              # quotes.choices.Channel, default "other"
          "cue": "said",
          "place": "",
          "start_offset": 12, "end_offset": 29,  # optional hints; the body decides
          "language": "en",                    # default: the article's language
          "status": "draft",                   # draft | verified | retracted
          "topics": ["ceasefire"],             # slugs, or {"slug", "name"}; created if new
          "extractor_version": "", "extraction_confidence": null
        }
      ]
    }

Rules:

- Every quote obeys the verbatim rule of ``quotes.verbatim`` (the same as ``Quote.prepare``):
  its text must be a span of the body; the stored offsets and text are the body's.
- People and organizations must exist unless ``create_people`` is set: then an unknown
  reference that names someone (an object with ``name``, or a plain name) creates them, and an
  unknown ``role`` creates the affiliation. Publishers and topics are created when new.
- An article is identified by its canonical URL, or without one by publisher, title and date.
  An article that already exists is skipped as a whole (nothing is updated), so importing the
  same file twice changes nothing. To reload an article, delete it first.
- Errors name the field path, e.g. ``quotes[3].text: The article matches "..." but then
  differs at ...``.
- An optional field sent as null is the same as one left out (``"quotes": null``: no quotes).
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models

from actors.models import Affiliation, Organization, Person
from quotes.models import Article, Publisher, Quote, Topic

ARTICLE_KEYS = {
    "publisher",
    "title",
    "url",
    "published_on",
    "authors",
    "language",
    "body",
    "quotes",
}
QUOTE_KEYS = {
    "text",
    "kind",
    "speaker",
    "speaking_organization",
    "source_organization",
    "attribution",
    "anonymous",
    "source_label",
    "role",
    "said_on",
    "channel",
    "cue",
    "place",
    "start_offset",
    "end_offset",
    "language",
    "status",
    "topics",
    "extractor_version",
    "extraction_confidence",
}
PERSON_REF_KEYS = {"slug", "wikidata_id", "name"}
ORGANIZATION_REF_KEYS = {"slug", "wikidata_id", "name", "classification"}
ROLE_KEYS = {"title", "organization", "start_date", "end_date"}
PUBLISHER_KEYS = {"slug", "name", "website"}
TOPIC_KEYS = {"slug", "name"}
WIKIDATA_ID = re.compile(r"^Q[1-9][0-9]*$")
SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
_url_validator = URLValidator(schemes=["http", "https"])


def max_length(model: type[models.Model], field_name: str) -> int:
    """The longest value the model's field stores (for an array, each item's)."""
    field = model._meta.get_field(field_name)
    return getattr(field, "base_field", field).max_length


def constraint_message(model: type[models.Model], name: str) -> str:
    """The message of the model's constraint ``name``: the rule said once, where it is kept."""
    constraint = next(c for c in model._meta.constraints if c.name == name)
    return str(constraint.get_violation_error_message())


# The longest text each payload field takes: the model's limit for the field it fills.
ARTICLE_LIMITS = {key: max_length(Article, key) for key in ("title", "url", "authors", "language")}
QUOTE_LIMITS = {
    key: max_length(Quote, key)
    for key in ("attribution", "source_label", "cue", "place", "language", "extractor_version")
}
ROLE_LIMITS = {"title": max_length(Affiliation, "role")}
PUBLISHER_LIMITS = {key: max_length(Publisher, key) for key in ("name", "website")}
TOPIC_LIMITS = {key: max_length(Topic, key) for key in ("name", "slug")}
NAME_LIMITS = {Person: max_length(Person, "name"), Organization: max_length(Organization, "name")}


class PayloadError(ValueError):
    """A payload that cannot be imported; ``field`` is the path of the offending value."""

    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def clean_name(name: str) -> str:
    """A name as stored: inner runs of whitespace become one space, none at either end."""
    return " ".join(name.split())


def name_key(name: str) -> str:
    return clean_name(name).casefold()


# Reading one value: each raises PayloadError naming its field


def check_fields(data: dict, allowed: set, path: str):
    """Reject the first field of ``data`` that is not in ``allowed``."""
    if not allowed.issuperset(data):  # checked for every quote: no set built when all is well
        unknown = sorted(set(data) - allowed)[0]
        raise PayloadError(f"{path}.{unknown}" if path else unknown, "Unknown field.")


def read_string(data, key, path, max_length, *, required=False, default=""):
    value = data.get(key)
    if value is None:
        value = default
    if not isinstance(value, str):
        raise PayloadError(f"{path}.{key}" if path else key, "Must be a string.")
    if required and not value.strip():
        raise PayloadError(f"{path}.{key}" if path else key, "Required.")
    if max_length and len(value) > max_length:
        raise PayloadError(f"{path}.{key}" if path else key, f"At most {max_length} characters.")
    return without_nul(value, f"{path}.{key}" if path else key)


def without_nul(text: str, path: str) -> str:
    # PostgreSQL refuses NUL in text, in a lookup as in a stored row: a 500, not a 400.
    if "\x00" in text:
        raise PayloadError(path, "Contains a NUL character.")
    return text


def check_reference(ref: dict, allowed: set, path: str):
    """A reference object: known keys, each a string (or null) that can be looked up."""
    check_fields(ref, allowed, path)
    for key, value in ref.items():
        if value is None:
            continue
        if not isinstance(value, str):
            raise PayloadError(f"{path}.{key}", "Must be a string.")
        without_nul(value, f"{path}.{key}")


def read_date(value, path, *, required=False):
    if value is None:
        if required:
            raise PayloadError(path, "Required (YYYY-MM-DD).")
        return None
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise PayloadError(path, "A date written YYYY-MM-DD.")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise PayloadError(path, f"Not a date: {error}.") from error


_CHOICE_VALUES: dict = {}


def read_choice(data, key, path, choices, default):
    value = data.get(key)
    if value is None:
        return default
    allowed_values = _CHOICE_VALUES.get(choices)
    if allowed_values is None:  # TextChoices.values builds a new list on every access
        allowed_values = _CHOICE_VALUES[choices] = frozenset(choices.values)
    if value not in allowed_values:
        allowed = ", ".join(choices.values)
        raise PayloadError(f"{path}.{key}", f"{value!r} is not one of: {allowed}.")
    return value


def read_offset(data, key, path):
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise PayloadError(f"{path}.{key}", "A character offset: an integer from 0.")
    return value


def read_confidence(data, key, path):
    value = data.get(key)
    if value is not None and (
        not isinstance(value, int | float)
        or isinstance(value, bool)
        or not 0 <= value <= 1  # also refuses NaN
    ):
        raise PayloadError(f"{path}.{key}", "A number from 0 to 1, or null.")
    return value


def check_url(url, path):
    try:
        _url_validator(url)
    except ValidationError as error:
        raise PayloadError(path, "Not a valid http(s) URL.") from error
