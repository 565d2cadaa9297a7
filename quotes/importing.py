"""Import articles with their quotes: one payload shape for JSON Lines files and the write API.

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
          "speaking_organization": null,       # an organization speaking as a body (same refs)
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

``import_article`` imports one payload (the write API); ``BatchImporter`` is the fast path for
files: lines are validated in Python against lookups loaded once, then whole articles are
written in batches with PostgreSQL COPY, one transaction per batch, so an interrupted run leaves
only whole articles and a re-run completes it.
"""

from __future__ import annotations

import datetime
import io
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import orjson
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from actors.choices import OrganizationClassification
from actors.models import Affiliation, Alias, Organization, Person
from actors.validators import wikidata_id_validator

from . import verbatim
from .choices import Channel, QuoteKind, ReviewStatus
from .models import Article, Publisher, Quote, Topic

ARTICLE_FIELDS = {"publisher", "title", "url", "published_on", "authors", "language", "body"}
ARTICLE_KEYS = ARTICLE_FIELDS | {"quotes"}
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
WIKIDATA_ID = re.compile(r"^Q[1-9][0-9]*$")
SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
_url_validator = URLValidator(schemes=["http", "https"])


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


# Lookups


class Catalog:
    """People, organizations, publishers, topics, affiliations and existing articles by key.

    ``preload`` loads everything once (a file import: a fixed number of queries whatever the
    file size); otherwise each key is fetched on first use (one article from the API). New,
    still unsaved objects are registered here too, so later lines find them.
    """

    def __init__(self, *, preload: bool):
        self.preload = preload
        self.people_by_slug: dict[str, Person] = {}
        self.people_by_wikidata: dict[str, Person] = {}
        self.people_by_name: dict[str, list[Person]] = defaultdict(list)
        self.orgs_by_slug: dict[str, Organization] = {}
        self.orgs_by_wikidata: dict[str, Organization] = {}
        self.orgs_by_name: dict[str, list[Organization]] = defaultdict(list)
        self.publishers_by_slug: dict[str, Publisher] = {}
        self.publishers_by_name: dict[str, Publisher] = {}
        self.topics_by_slug: dict[str, Topic] = {}
        self.article_keys: set = set()
        self.checked_keys: set = set()
        self.pending: list = []  # unsaved objects, in creation order
        if preload:
            self._load_everything()

    # loading

    def _add_person(self, person: Person, aliases: Iterable[str] = ()):
        person._import_roles = getattr(person, "_import_roles", [])
        self.people_by_slug[person.slug] = person
        if person.wikidata_id:
            self.people_by_wikidata[person.wikidata_id] = person
        for name in {name_key(person.name), *(name_key(alias) for alias in aliases)}:
            if person not in self.people_by_name[name]:
                self.people_by_name[name].append(person)

    def _add_org(self, org: Organization, aliases: Iterable[str] = ()):
        self.orgs_by_slug[org.slug] = org
        if org.wikidata_id:
            self.orgs_by_wikidata[org.wikidata_id] = org
        for name in {name_key(org.name), *(name_key(alias) for alias in aliases)}:
            if org not in self.orgs_by_name[name]:
                self.orgs_by_name[name].append(org)

    def _add_publisher(self, publisher: Publisher):
        self.publishers_by_slug[publisher.slug] = publisher
        self.publishers_by_name.setdefault(name_key(publisher.name), publisher)

    def _load_everything(self):
        aliases = defaultdict(list)
        org_aliases = defaultdict(list)
        for person_id, org_id, name in Alias.objects.values_list(
            "person_id", "organization_id", "name"
        ):
            if person_id:
                aliases[person_id].append(name)
            else:
                org_aliases[org_id].append(name)
        people = {}
        for person in Person.objects.only("id", "slug", "name", "wikidata_id").order_by("pk"):
            people[person.pk] = person
            self._add_person(person, aliases.get(person.pk, ()))
        orgs = {}
        for org in Organization.objects.only("id", "slug", "name", "wikidata_id").order_by("pk"):
            orgs[org.pk] = org
            self._add_org(org, org_aliases.get(org.pk, ()))
        for affiliation in Affiliation.objects.order_by("pk"):
            affiliation.organization = orgs[affiliation.organization_id]
            people[affiliation.person_id]._import_roles.append(affiliation)
        for publisher in Publisher.objects.all():
            self._add_publisher(publisher)
        for topic in Topic.objects.all():
            self.topics_by_slug[topic.slug] = topic
        self.article_keys.update(
            Article.objects.exclude(url="").values_list("url", flat=True).iterator(10_000)
        )
        self.article_keys.update(
            (slug, title, date.isoformat())
            for slug, title, date in Article.objects.filter(url="")
            .values_list("publisher__slug", "title", "published_on")
            .iterator(10_000)
        )

    def _fetch_people(self, **lookup):
        if self.preload:
            return
        for person in Person.objects.filter(**lookup).prefetch_related("aliases", "affiliations"):
            if person.slug in self.people_by_slug:
                continue
            person._import_roles = list(person.affiliations.select_related("organization"))
            self._add_person(person, [alias.name for alias in person.aliases.all()])

    def _fetch_orgs(self, **lookup):
        if self.preload:
            return
        for org in Organization.objects.filter(**lookup).prefetch_related("aliases"):
            if org.slug not in self.orgs_by_slug:
                self._add_org(org, [alias.name for alias in org.aliases.all()])

    # people and organizations

    def person(self, ref, path: str, create: bool) -> Person | None:
        return self._actor(ref, path, create, person=True)

    def organization(self, ref, path: str, create: bool) -> Organization | None:
        return self._actor(ref, path, create, person=False)

    def _actor(self, ref, path, create, *, person):
        if ref is None:
            return None
        keys = PERSON_REF_KEYS if person else ORGANIZATION_REF_KEYS
        if isinstance(ref, str):
            text = _without_nul(ref, path).strip()
            if not text:
                raise PayloadError(path, "Give a slug, a Wikidata id or a name.")
            ref = {"wikidata_id": text} if WIKIDATA_ID.match(text) else {"slug": text}
            if not WIKIDATA_ID.match(text):
                ref["name"] = text
            plain = True
        elif isinstance(ref, dict):
            _check_reference(ref, keys, path)
            if not (ref.get("slug") or ref.get("wikidata_id") or ref.get("name")):
                raise PayloadError(path, "Give a slug, a Wikidata id or a name.")
            plain = False
        else:
            raise PayloadError(path, "Must be a slug, a Wikidata id, a name or an object.")
        by_slug, by_wikidata, by_name = (
            (self.people_by_slug, self.people_by_wikidata, self.people_by_name)
            if person
            else (self.orgs_by_slug, self.orgs_by_wikidata, self.orgs_by_name)
        )
        fetch = self._fetch_people if person else self._fetch_orgs
        slug, wikidata_id, name = ref.get("slug"), ref.get("wikidata_id"), ref.get("name")
        if slug:
            if slug not in by_slug:
                fetch(slug=slug)
            if slug in by_slug:
                return by_slug[slug]
        if wikidata_id:
            if wikidata_id not in by_wikidata:
                fetch(wikidata_id=wikidata_id)
            if wikidata_id in by_wikidata:
                return by_wikidata[wikidata_id]
        if name:
            key = name_key(name)
            if key not in by_name:
                fetch(name__iexact=clean_name(name))
                fetch(aliases__name__iexact=clean_name(name))
            matches = by_name.get(key, [])
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                slugs = ", ".join(sorted(match.slug for match in matches)[:5])
                raise PayloadError(path, f'"{name}" is ambiguous ({slugs}); give the slug.')
        what = "person" if person else "organization"
        if not create:
            raise PayloadError(
                path,
                f"No {what} matches {_describe(ref, plain)}; import with create_people "
                f"(--create-people) to create one.",
            )
        if not name or (plain and (WIKIDATA_ID.match(name) or _looks_like_slug(name))):
            raise PayloadError(path, f"No {what} matches {_describe(ref, plain)}; give a name.")
        return self._new_actor(ref, plain, path, person=person)

    def _new_actor(self, ref, plain, path, *, person):
        name = clean_name(ref["name"])
        if len(name) > 200:
            raise PayloadError(f"{path}.name", "At most 200 characters.")
        wikidata_id = ref.get("wikidata_id") or ""
        if wikidata_id:
            try:
                wikidata_id_validator(wikidata_id)
            except ValidationError as error:
                raise PayloadError(f"{path}.wikidata_id", " ".join(error.messages)) from error
        taken = self.people_by_slug if person else self.orgs_by_slug
        slug = "" if plain else (ref.get("slug") or "")
        if slug and not SLUG.match(slug):
            raise PayloadError(f"{path}.slug", "Letters, digits, hyphens and underscores only.")
        slug = self._free_slug(
            slug or slugify(name) or "unnamed", taken, Person if person else Organization
        )
        if person:
            actor = Person(name=name, sort_name=name, slug=slug, wikidata_id=wikidata_id)
            self._add_person(actor)
        else:
            classification = ref.get("classification") or OrganizationClassification.OTHER
            if classification not in OrganizationClassification.values:
                raise PayloadError(f"{path}.classification", "Not a known classification.")
            actor = Organization(
                name=name, slug=slug, wikidata_id=wikidata_id, classification=classification
            )
            self._add_org(actor)
        self.pending.append(actor)
        return actor

    def _free_slug(self, slug, taken, model):
        slug = slug[:190]
        candidate, number = slug, 1
        while candidate in taken or (
            not self.preload and model.objects.filter(slug=candidate).exists()
        ):
            number += 1
            candidate = f"{slug}-{number}"
        return candidate

    # roles

    def role(self, speaker: Person, ref, path: str, create: bool) -> Affiliation:
        if not isinstance(ref, dict):
            raise PayloadError(path, 'Must be an object {"title", "organization", ...} or null.')
        _check_fields(ref, ROLE_KEYS, path)
        title = _string(ref, "title", path, 200, required=True)
        organization = self.organization(ref.get("organization"), f"{path}.organization", create)
        if organization is None:
            raise PayloadError(f"{path}.organization", "Required.")
        start = _date(ref.get("start_date"), f"{path}.start_date")
        end = _date(ref.get("end_date"), f"{path}.end_date")
        for role in _roles(speaker):
            same_org = role.organization is organization or (
                organization.pk is not None and role.organization.pk == organization.pk
            )
            if same_org and role.role == title and role.start_date == start:
                return role
        if not create:
            raise PayloadError(
                path,
                f'{speaker.name} holds no role "{title}" in {organization.name} from '
                f"{start or 'an unknown date'}; import with --create-people to create it.",
            )
        if start and end and end < start:
            raise PayloadError(f"{path}.end_date", "An affiliation cannot end before it starts.")
        role = Affiliation(
            person=speaker, organization=organization, role=title, start_date=start, end_date=end
        )
        speaker._import_roles = [*_roles(speaker), role]
        self.pending.append(role)
        return role

    # publishers, topics, articles

    def publisher(self, ref, path: str) -> Publisher:
        if isinstance(ref, str):
            ref = {"slug": ref} if _looks_like_slug(ref) else {"name": _without_nul(ref, path)}
        if not isinstance(ref, dict):
            raise PayloadError(path, 'Required: a slug or {"slug", "name", "website"}.')
        _check_reference(ref, PUBLISHER_KEYS, path)
        slug, name = ref.get("slug"), ref.get("name")
        if slug:
            if slug not in self.publishers_by_slug and not self.preload:
                for publisher in Publisher.objects.filter(slug=slug):
                    self._add_publisher(publisher)
            if slug in self.publishers_by_slug:
                return self.publishers_by_slug[slug]
        if name:
            if name_key(name) not in self.publishers_by_name and not self.preload:
                for publisher in Publisher.objects.filter(name__iexact=clean_name(name)):
                    self._add_publisher(publisher)
            if name_key(name) in self.publishers_by_name:
                return self.publishers_by_name[name_key(name)]
        if not name:
            raise PayloadError(path, f'No publisher "{slug}"; give its name to create it.')
        name = clean_name(_string(ref, "name", path, 200, required=True))
        if slug and not SLUG.match(slug):
            raise PayloadError(f"{path}.slug", "Letters, digits, hyphens and underscores only.")
        website = _string(ref, "website", path, 200)
        if website:
            _check_url(website, f"{path}.website")
        slug = self._free_slug(
            slug or slugify(name) or "publisher", self.publishers_by_slug, Publisher
        )
        publisher = Publisher(name=name, slug=slug, website=website)
        self._add_publisher(publisher)
        self.pending.append(publisher)
        return publisher

    def topic(self, ref, path: str) -> Topic:
        if isinstance(ref, str):
            ref = {"slug": ref}
        if not isinstance(ref, dict) or not isinstance(ref.get("slug"), str):
            raise PayloadError(path, 'A topic slug or {"slug", "name"}.')
        slug = _without_nul(ref["slug"], path)
        if slug not in self.topics_by_slug and not self.preload:
            for topic in Topic.objects.filter(slug=slug):
                self.topics_by_slug[slug] = topic
        if slug in self.topics_by_slug:
            return self.topics_by_slug[slug]
        if not SLUG.match(slug) or len(slug) > 100:
            raise PayloadError(path, "A slug: letters, digits, hyphens and underscores.")
        name = ref.get("name") or slug.replace("-", " ").capitalize()
        if not isinstance(name, str) or len(name) > 100:
            raise PayloadError(f"{path}.name", "A string of at most 100 characters.")
        _without_nul(name, f"{path}.name")
        topic = Topic(slug=slug, name=name)
        self.topics_by_slug[slug] = topic
        self.pending.append(topic)
        return topic

    def claim_article(self, key) -> bool:
        """Reserve ``key``; False when the article exists already (or earlier in the file)."""
        if key in self.article_keys:
            return False
        if not self.preload and key not in self.checked_keys:
            self.checked_keys.add(key)
            if isinstance(key, str):
                exists = Article.objects.filter(url=key).exists()
            else:
                exists = Article.objects.filter(
                    url="", publisher__slug=key[0], title=key[1], published_on=key[2]
                ).exists()
            if exists:
                self.article_keys.add(key)
                return False
        self.article_keys.add(key)
        return True

    def release_article(self, key):
        self.article_keys.discard(key)

    # writing the new objects

    def take_pending(self) -> list:
        """Hand the new, unsaved objects over (to the writer of the batch that uses them)."""
        pending, self.pending = self.pending, []
        return pending


def save_new_objects(objs: list) -> dict[str, int]:
    """Create new people, organizations, publishers, topics and affiliations (inside the
    caller's transaction); counts by kind."""
    counts: dict[str, int] = defaultdict(int)
    by_model = defaultdict(list)
    for obj in objs:
        by_model[type(obj)].append(obj)
    for model in (Person, Organization, Publisher, Topic, Affiliation):
        objs = by_model.get(model, [])
        if model is Affiliation:
            for role in objs:
                # Assigning the objects again sets the ids and keeps them cached (assigning
                # person_id would drop the cache and cost a query on the next access).
                role.person, role.organization = role.person, role.organization
        if objs:
            model.objects.bulk_create(objs)
            counts[model._meta.verbose_name_plural] += len(objs)
    return counts


def unsave(objs: list):
    """The transaction that created ``objs`` rolled back: make them new again."""
    for obj in objs:
        obj.pk = None
        obj._state.adding = True


def _describe(ref, plain):
    if plain:
        return f'"{ref.get("name") or ref.get("wikidata_id")}"'
    return ", ".join(f"{key} {value!r}" for key, value in ref.items() if value)


def _looks_like_slug(text: str) -> bool:
    return bool(re.fullmatch(r"[a-z0-9]+(?:[-_][a-z0-9]+)*", text)) and (
        "-" in text or "_" in text or text.islower()
    )


def _roles(person: Person) -> list[Affiliation]:
    roles = getattr(person, "_import_roles", None)
    if roles is None:  # a person fetched elsewhere
        roles = person._import_roles = list(
            Affiliation.objects.filter(person_id=person.pk).select_related("organization")
        )
    return roles


def role_on(person: Person, date: datetime.date) -> Affiliation | None:
    """``Affiliation.objects.role_on`` over the roles in memory: same choice, no query."""
    active = [
        role
        for role in _roles(person)
        if (role.start_date is None or role.start_date <= date)
        and (role.end_date is None or role.end_date >= date)
    ]
    if not active:
        return None
    return max(
        active,
        key=lambda role: (role.start_date is not None, role.start_date or date, role.pk or 0),
    )


# Validation


def _check_fields(data: dict, allowed: set, path: str):
    """Reject the first field of ``data`` that is not in ``allowed``."""
    if not allowed.issuperset(data):  # checked for every quote: no set built when all is well
        unknown = sorted(set(data) - allowed)[0]
        raise PayloadError(f"{path}.{unknown}" if path else unknown, "Unknown field.")


def _string(data, key, path, max_length, *, required=False, default=""):
    value = data.get(key)
    if value is None:
        value = default
    if not isinstance(value, str):
        raise PayloadError(f"{path}.{key}" if path else key, "Must be a string.")
    if required and not value.strip():
        raise PayloadError(f"{path}.{key}" if path else key, "Required.")
    if max_length and len(value) > max_length:
        raise PayloadError(f"{path}.{key}" if path else key, f"At most {max_length} characters.")
    return _without_nul(value, f"{path}.{key}" if path else key)


def _without_nul(text: str, path: str) -> str:
    # PostgreSQL refuses NUL in text, in a lookup as in a stored row: a 500, not a 400.
    if "\x00" in text:
        raise PayloadError(path, "Contains a NUL character.")
    return text


def _check_reference(ref: dict, allowed: set, path: str):
    """A reference object: known keys, each a string (or null) that can be looked up."""
    _check_fields(ref, allowed, path)
    for key, value in ref.items():
        if value is None:
            continue
        if not isinstance(value, str):
            raise PayloadError(f"{path}.{key}", "Must be a string.")
        _without_nul(value, f"{path}.{key}")


def _date(value, path, *, required=False):
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


def _choice(data, key, path, choices, default):
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


def _offset(data, key, path):
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise PayloadError(f"{path}.{key}", "A character offset: an integer from 0.")
    return value


def _check_url(url, path):
    try:
        _url_validator(url)
    except ValidationError as error:
        raise PayloadError(path, "Not a valid http(s) URL.") from error


@dataclass
class QuotePlan:
    values: dict
    topics: list = field(default_factory=list)


@dataclass
class ArticlePlan:
    key: object
    publisher: Publisher
    values: dict
    quotes: list[QuotePlan]
    line: int | None = None


def locate_quote(body: str, text: str, start: int | None, end: int | None) -> tuple[int, int]:
    """The verbatim rule as ``Quote.prepare`` applies it, with a shortcut when the given
    offsets already hold exactly the (trimmed) text: ``verbatim.locate`` returns that very span
    then, and this skips normalising the whole body for each quote."""
    if start is not None and end is not None and body[start:end] == text and text.strip() == text:
        return start, end
    return verbatim.locate(body, text, start)


def parse_article(payload, catalog: Catalog, *, create_people: bool = False) -> ArticlePlan:
    """Validate one payload against ``catalog``; raises PayloadError naming the field."""
    if not isinstance(payload, dict):
        raise PayloadError("(line)", "An article must be a JSON object.")
    _check_fields(payload, ARTICLE_KEYS, "")
    if payload.get("publisher") is None:
        raise PayloadError("publisher", 'Required: a slug or {"slug", "name", "website"}.')
    title = " ".join(_string(payload, "title", "", 500, required=True).split())
    url = _string(payload, "url", "", 1000).strip()
    if url:
        _check_url(url, "url")
    published_on = _date(payload.get("published_on"), "published_on", required=True)
    authors = payload.get("authors") or []
    if not isinstance(authors, list) or not all(
        isinstance(author, str) and 0 < len(author) <= 200 and "\x00" not in author
        for author in authors
    ):
        raise PayloadError("authors", "A list of names of 1 to 200 characters, without NUL.")
    language = _string(payload, "language", "", 10, default="en") or "en"
    body = _string(payload, "body", "", 0)
    quotes = payload.get("quotes") or []
    if not isinstance(quotes, list):
        raise PayloadError("quotes", "Must be a list.")
    if quotes and not body.strip():
        raise PayloadError("body", "Required when there are quotes: they are checked against it.")
    publisher = catalog.publisher(payload["publisher"], "publisher")
    key = url or (publisher.slug, title, published_on.isoformat())
    plan = ArticlePlan(
        key=key,
        publisher=publisher,
        values={
            "title": title,
            "url": url,
            "published_on": published_on,
            "authors": authors,
            "language": language,
            "body": body,
        },
        quotes=[],
    )
    for index, quote in enumerate(quotes):
        plan.quotes.append(
            _parse_quote(quote, f"quotes[{index}]", plan.values, catalog, create_people)
        )
    return plan


def _parse_quote(data, path, article, catalog, create) -> QuotePlan:
    if not isinstance(data, dict):
        raise PayloadError(path, "A quote must be an object.")
    _check_fields(data, QUOTE_KEYS, path)
    text = _string(data, "text", path, 0, required=True)
    start, end = _offset(data, "start_offset", path), _offset(data, "end_offset", path)
    try:
        start, end = locate_quote(article["body"], text, start, end)
    except verbatim.VerbatimError as error:
        raise PayloadError(f"{path}.text", str(error)) from error
    speaker = catalog.person(data.get("speaker"), f"{path}.speaker", create)
    speaking_org = catalog.organization(
        data.get("speaking_organization"), f"{path}.speaking_organization", create
    )
    source_org = catalog.organization(
        data.get("source_organization"), f"{path}.source_organization", create
    )
    attribution = _string(data, "attribution", path, 500)
    anonymous = data.get("anonymous", False)
    if not isinstance(anonymous, bool):
        raise PayloadError(f"{path}.anonymous", "true or false.")
    if speaker is not None and speaking_org is not None:
        raise PayloadError(path, "A quote has a speaker or a speaking organization, not both.")
    if speaker is None and speaking_org is None and not attribution:
        raise PayloadError(
            path, "Give a speaker, a speaking organization or the attribution as worded."
        )
    if anonymous and speaker is not None:
        raise PayloadError(f"{path}.anonymous", "An anonymous quote cannot name its speaker.")
    said_on = _date(data.get("said_on"), f"{path}.said_on") or article["published_on"]
    role = None
    if data.get("role") is not None:
        if speaker is None:
            raise PayloadError(f"{path}.role", "A role needs a speaker.")
        role = catalog.role(speaker, data["role"], f"{path}.role", create)
    elif speaker is not None:
        role = role_on(speaker, said_on)
    confidence = data.get("extraction_confidence")
    if confidence is not None and (
        not isinstance(confidence, int | float)
        or isinstance(confidence, bool)
        or not 0 <= confidence <= 1  # also refuses NaN
    ):
        raise PayloadError(f"{path}.extraction_confidence", "A number from 0 to 1, or null.")
    topics = data.get("topics") or []
    if not isinstance(topics, list):
        raise PayloadError(f"{path}.topics", "A list of topic slugs.")
    return QuotePlan(
        values={
            "text": article["body"][start:end],
            "kind": _choice(data, "kind", path, QuoteKind, QuoteKind.DIRECT),
            "speaker": speaker,
            "speaking_organization": speaking_org,
            "attribution": attribution,
            "is_anonymous": anonymous,
            "source_organization": source_org,
            "source_label": _string(data, "source_label", path, 100),
            "affiliation": role,
            "said_on": said_on,
            "channel": _choice(data, "channel", path, Channel, Channel.OTHER),
            "cue": _string(data, "cue", path, 50),
            "place": _string(data, "place", path, 200),
            "start_offset": start,
            "end_offset": end,
            "language": _string(data, "language", path, 10) or article["language"],
            "status": _choice(data, "status", path, ReviewStatus, ReviewStatus.DRAFT),
            "extractor_version": _string(data, "extractor_version", path, 40),
            "extraction_confidence": confidence,
        },
        topics=list(
            {
                id(topic): topic
                for topic in (
                    catalog.topic(topic, f"{path}.topics[{index}]")
                    for index, topic in enumerate(topics)
                )
            }.values()
        ),
    )


# Writing


ARTICLE_COLUMNS = [
    "id", "created_at", "updated_at", "publisher_id", "title", "url", "published_on",
    "authors", "language", "body",
]  # fmt: skip
QUOTE_COLUMNS = [
    "id", "created_at", "updated_at", "article_id", "text", "kind", "speaker_id",
    "speaking_organization_id", "attribution", "is_anonymous", "source_organization_id",
    "source_label", "affiliation_id", "said_on", "channel", "cue", "place", "start_offset",
    "end_offset", "language", "status", "retraction_reason", "extractor_version",
    "extraction_confidence",
]  # fmt: skip


# The bulk path's quotes: COPY into a temporary table, then one INSERT ... SELECT that adds the
# search document, the expression of ``quotes_quote_search_document`` (what the trigger
# computes, migration quotes 0004): the text part || the names part || the attribution part,
# the names worked out once per distinct speaker. ``whosaid.bulk_import`` (local to the
# transaction, reset right after the statement) makes the trigger keep that document.
STAGE_TABLE = "whosaid_import_quote"
CREATE_STAGE_SQL = f"""
CREATE TEMPORARY TABLE IF NOT EXISTS {STAGE_TABLE} (LIKE quotes_quote INCLUDING DEFAULTS);
TRUNCATE {STAGE_TABLE};
"""
INSERT_STAGED_QUOTES_SQL = f"""
SELECT set_config('whosaid.bulk_import', 'on', true);
INSERT INTO quotes_quote ({", ".join(QUOTE_COLUMNS)}, search_document)
SELECT {", ".join(f"q.{column}" for column in QUOTE_COLUMNS)},
    quotes_quote_search_part(q.text, 'A')
    || n.names
    || quotes_quote_search_part(q.attribution, 'C')
FROM {STAGE_TABLE} q
JOIN (
    SELECT speaker, speaking_org, source_org,
        quotes_quote_search_names_vector(
            nullif(speaker, 0), nullif(speaking_org, 0), nullif(source_org, 0)) AS names
    FROM (
        SELECT DISTINCT coalesce(speaker_id, 0) AS speaker,
            coalesce(speaking_organization_id, 0) AS speaking_org,
            coalesce(source_organization_id, 0) AS source_org
        FROM {STAGE_TABLE}
    ) AS distinct_names
) AS n ON n.speaker = coalesce(q.speaker_id, 0)
    AND n.speaking_org = coalesce(q.speaking_organization_id, 0)
    AND n.source_org = coalesce(q.source_organization_id, 0);
SELECT set_config('whosaid.bulk_import', 'off', true);
"""


def _pk(obj):
    return None if obj is None else obj.pk


def _next_ids(cursor, table: str, count: int) -> list[int]:
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
        [table, count],
    )
    return [row[0] for row in cursor.fetchall()]


def write_articles(plans: list[ArticlePlan], new_objects: list) -> dict[str, int]:
    """Insert ``new_objects`` (people, roles, ... the plans need), then whole articles with
    their quotes by COPY; call inside a transaction.

    Quotes are copied into a session's temporary table, then inserted with their search
    documents in one statement (``INSERT_STAGED_QUOTES_SQL``): the document the trigger would
    compute, with the speaker's names worked out once per distinct speaker, not per row.
    """
    created = dict(save_new_objects(new_objects))
    if not plans:
        return created
    now = timezone.now()
    quote_count = sum(len(plan.quotes) for plan in plans)
    # COPY is psycopg's own: wrap its errors as Django's, like cursor.execute's.
    with connection.wrap_database_errors, connection.cursor() as cursor:
        article_ids = _next_ids(cursor, Article._meta.db_table, len(plans))
        quote_ids = iter(_next_ids(cursor, Quote._meta.db_table, quote_count))
        topic_rows = []
        with cursor.copy(
            f"COPY {Article._meta.db_table} ({', '.join(ARTICLE_COLUMNS)}) FROM STDIN"
        ) as copy:
            for article_id, plan in zip(article_ids, plans, strict=True):
                values = plan.values
                copy.write_row(
                    (
                        article_id, now, now, plan.publisher.pk, values["title"], values["url"],
                        values["published_on"], values["authors"], values["language"],
                        values["body"],
                    )
                )  # fmt: skip
        cursor.execute(CREATE_STAGE_SQL)
        with cursor.copy(f"COPY {STAGE_TABLE} ({', '.join(QUOTE_COLUMNS)}) FROM STDIN") as copy:
            for article_id, plan in zip(article_ids, plans, strict=True):
                for quote in plan.quotes:
                    quote_id = next(quote_ids)
                    v = quote.values
                    copy.write_row(
                        (
                            quote_id, now, now, article_id, v["text"], v["kind"],
                            _pk(v["speaker"]), _pk(v["speaking_organization"]), v["attribution"],
                            v["is_anonymous"], _pk(v["source_organization"]), v["source_label"],
                            _pk(v["affiliation"]), v["said_on"], v["channel"], v["cue"],
                            v["place"], v["start_offset"], v["end_offset"], v["language"],
                            v["status"], "", v["extractor_version"], v["extraction_confidence"],
                        )
                    )  # fmt: skip
                    topic_rows.extend((quote_id, topic.pk) for topic in quote.topics)
        cursor.execute(INSERT_STAGED_QUOTES_SQL)
        if topic_rows:
            through = Quote.topics.through._meta.db_table
            with cursor.copy(f"COPY {through} (quote_id, topic_id) FROM STDIN") as copy:
                for row in topic_rows:
                    copy.write_row(row)
    for plan, article_id in zip(plans, article_ids, strict=True):
        plan.article_id = article_id
    created["articles"] = len(plans)
    created["quotes"] = quote_count
    return created


# One article (the write API)


@dataclass
class ArticleImport:
    article: Article
    created: bool
    counts: dict


# Autovacuum analyses a table once its rows changed by a threshold plus a share of its size,
# but only on its next round; until then the planner plans with the old statistics. Right after
# a bulk load into an empty database that plan sorts every quote: a page of the quote list took
# 380 ms instead of 3 ms on 20,000 freshly imported quotes.
BULK_WRITTEN_MODELS = (
    Publisher,
    Topic,
    Organization,
    Person,
    Alias,
    Affiliation,
    Article,
    Quote,
    Quote.topics.through,
)


def analyze_after_bulk_write(quotes_written: int) -> None:
    """ANALYZE the tables a bulk write fills when it added as many quotes as autovacuum's own
    rule asks for (``autovacuum_analyze_threshold`` plus ``autovacuum_analyze_scale_factor``
    of the rows last counted)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT greatest(reltuples, 0) * current_setting('autovacuum_analyze_scale_factor')"
            "::float8 + current_setting('autovacuum_analyze_threshold')::int "
            "FROM pg_class WHERE oid = %s::regclass",
            [Quote._meta.db_table],
        )
        (threshold,) = cursor.fetchone()
        if quotes_written >= threshold:
            tables = ", ".join(
                connection.ops.quote_name(model._meta.db_table) for model in BULK_WRITTEN_MODELS
            )
            cursor.execute(f"ANALYZE {tables}")


def import_article(payload, *, create_people: bool = False) -> ArticleImport:
    """Import one article payload; an existing article (same URL or key) is left as it is.

    Raises PayloadError naming the field when the payload is invalid.
    """
    catalog = Catalog(preload=False)
    plan = parse_article(payload, catalog, create_people=create_people)
    if not catalog.claim_article(plan.key):
        if isinstance(plan.key, str):
            existing = Article.objects.get(url=plan.key)
        else:
            existing = Article.objects.filter(
                url="", publisher__slug=plan.key[0], title=plan.key[1], published_on=plan.key[2]
            ).first()
        return ArticleImport(existing, created=False, counts={})
    with transaction.atomic():
        counts = write_articles([plan], catalog.take_pending())
    return ArticleImport(Article.objects.get(pk=plan.article_id), created=True, counts=counts)


# Files (the fast path)


@dataclass
class Reject:
    line: int
    field: str
    reason: str

    def as_json(self) -> bytes:
        return orjson.dumps({"line": self.line, "field": self.field, "reason": self.reason})


@dataclass
class Summary:
    articles: int = 0
    quotes: int = 0
    skipped: int = 0
    rejected: int = 0
    created: dict = field(default_factory=lambda: defaultdict(int))
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.quotes / self.seconds if self.seconds else 0.0

    def add(self, counts: dict):
        for key, value in counts.items():
            if key == "articles":
                self.articles += value
            elif key == "quotes":
                self.quotes += value
            else:
                self.created[key] += value

    def describe(self) -> str:
        made = ", ".join(f"{count:,} {kind}" for kind, count in sorted(self.created.items()))
        return (
            f"{self.articles:,} articles and {self.quotes:,} quotes imported, "
            f"{self.skipped:,} articles already present (skipped), {self.rejected:,} rejected; "
            f"created {made or 'no people, organizations, publishers or topics'}; "
            f"{self.seconds:.1f} s, {self.rate:,.0f} quotes/s."
        )


class BatchImporter:
    """Validate lines in Python, write whole articles in batches (one transaction each).

    A batch that the database refuses (a constraint, a concurrent writer) is retried one
    article at a time, each in its own transaction, so only the faulty article is rejected.
    """

    def __init__(
        self,
        *,
        create_people: bool = False,
        batch_quotes: int = 5000,
        batch_articles: int = 1000,
        on_reject: Callable[[Reject], None] | None = None,
        stop_on_reject: bool = False,
    ):
        self.create_people = create_people
        self.batch_quotes = batch_quotes
        self.batch_articles = batch_articles
        self.on_reject = on_reject
        self.stop_on_reject = stop_on_reject
        self.catalog = Catalog(preload=True)
        self.summary = Summary()
        self.batch: list[ArticlePlan] = []
        self.batch_quote_count = 0
        self.unsaved: list = []  # new objects whose articles all failed: saved with the next

    def reject(self, line: int, field_path: str, reason: str):
        self.summary.rejected += 1
        if self.on_reject:
            self.on_reject(Reject(line, field_path, reason))

    def feed(self, line_number: int, raw: bytes | str):
        if isinstance(raw, str):
            raw = raw.encode()
        if not raw.strip():
            return
        try:
            payload = orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            self.reject(line_number, "(line)", f"Not valid JSON: {error}")
            return
        self.feed_payload(line_number, payload)

    def feed_payload(self, line_number: int, payload):
        pending_before = len(self.catalog.pending)
        try:
            plan = parse_article(payload, self.catalog, create_people=self.create_people)
        except PayloadError as error:
            self._drop_pending(pending_before)
            self.reject(line_number, error.field, error.reason)
            return
        if not self.catalog.claim_article(plan.key):
            self._drop_pending(pending_before)
            self.summary.skipped += 1
            return
        plan.line = line_number
        self.batch.append(plan)
        self.batch_quote_count += len(plan.quotes)
        if len(self.batch) >= self.batch_articles or self.batch_quote_count >= self.batch_quotes:
            self.flush()

    def _drop_pending(self, keep: int):
        """A rejected line must not create the people it named: forget its new objects."""
        catalog = self.catalog
        for obj in catalog.pending[keep:]:
            if isinstance(obj, Person):
                catalog.people_by_slug.pop(obj.slug, None)
                catalog.people_by_wikidata.pop(obj.wikidata_id, None)
                catalog.people_by_name[name_key(obj.name)].remove(obj)
            elif isinstance(obj, Organization):
                catalog.orgs_by_slug.pop(obj.slug, None)
                catalog.orgs_by_wikidata.pop(obj.wikidata_id, None)
                catalog.orgs_by_name[name_key(obj.name)].remove(obj)
            elif isinstance(obj, Publisher):
                catalog.publishers_by_slug.pop(obj.slug, None)
                catalog.publishers_by_name.pop(name_key(obj.name), None)
            elif isinstance(obj, Topic):
                catalog.topics_by_slug.pop(obj.slug, None)
            elif isinstance(obj, Affiliation):
                obj.person._import_roles.remove(obj)
        del catalog.pending[keep:]

    def flush(self):
        """Write the current batch with the new people, roles, ... it needs."""
        batch, self.batch, self.batch_quote_count = self.batch, [], 0
        new_objects, self.unsaved = [*self.unsaved, *self.catalog.take_pending()], []
        if not batch and not new_objects:
            return
        try:
            self._write(batch, new_objects)
        except DatabaseError:
            unsave(new_objects)
            for plan in batch:
                new_objects = self._write_one(plan, new_objects)
            self.unsaved = new_objects

    def _write_one(self, plan: ArticlePlan, new_objects: list) -> list:
        """Write one article (with the batch's new objects not saved yet); returns those
        still unsaved."""
        try:
            self._write([plan], new_objects)
        except DatabaseError as error:
            unsave(new_objects)
            self.catalog.release_article(plan.key)
            self.reject(plan.line or 0, "(database)", str(error).strip().splitlines()[0])
            return new_objects
        return []

    def _write(self, plans: list[ArticlePlan], new_objects: list):
        with transaction.atomic():
            counts = write_articles(plans, new_objects)
        self.summary.add(counts)

    def run(self, lines: Iterable[tuple[int, bytes]]) -> Summary:
        started = time.monotonic()
        for line_number, raw in lines:
            self.feed(line_number, raw)
            if self.stop_on_reject and self.summary.rejected:
                break
        self.finish()
        self.summary.seconds = time.monotonic() - started
        return self.summary

    def finish(self):
        """Write what is left, then bring the planner's statistics up to date if needed."""
        self.flush()
        analyze_after_bulk_write(self.summary.quotes)


def read_lines(stream: io.BufferedIOBase, progress: Callable[[int], None] | None = None):
    """(line number, bytes) for each line of a binary stream, reporting bytes read."""
    for number, raw in enumerate(stream, start=1):
        if progress:
            progress(len(raw))
        yield number, raw
