"""What a payload refers to: people, organizations, roles, publishers, topics and articles,
looked up by key and created (unsaved) when new."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from actors.choices import OrganizationClassification
from actors.models import Affiliation, Alias, Organization, Person
from actors.validators import wikidata_id_validator
from quotes.models import Article, Publisher, Topic

from .payload import (
    NAME_LIMITS,
    ORGANIZATION_REF_KEYS,
    PERSON_REF_KEYS,
    PUBLISHER_KEYS,
    PUBLISHER_LIMITS,
    ROLE_KEYS,
    ROLE_LIMITS,
    SLUG,
    TOPIC_KEYS,
    TOPIC_LIMITS,
    WIKIDATA_ID,
    PayloadError,
    check_fields,
    check_reference,
    check_url,
    clean_name,
    constraint_message,
    max_length,
    name_key,
    read_date,
    read_string,
    without_nul,
)

ROLE_ENDS_AFTER_START = constraint_message(Affiliation, "affiliation_ends_after_start")


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
        self.roles_by_person: dict[str, list[Affiliation]] = {}  # by the person's slug
        self.article_keys: set = set()
        self.checked_keys: set = set()
        self.pending: list = []  # unsaved objects, in creation order
        if preload:
            self._load_everything()

    # loading

    def add_person(
        self, person: Person, aliases: Iterable[str] = (), roles: Iterable[Affiliation] = ()
    ):
        """Register ``person`` with the names and the roles (affiliations) it is known by."""
        self.roles_by_person[person.slug] = list(roles)
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
            self.add_person(person, aliases.get(person.pk, ()))
        orgs = {}
        for org in Organization.objects.only("id", "slug", "name", "wikidata_id").order_by("pk"):
            orgs[org.pk] = org
            self._add_org(org, org_aliases.get(org.pk, ()))
        for affiliation in Affiliation.objects.order_by("pk"):
            affiliation.organization = orgs[affiliation.organization_id]
            self.roles_by_person[people[affiliation.person_id].slug].append(affiliation)
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
            self.add_person(
                person,
                [alias.name for alias in person.aliases.all()],
                person.affiliations.select_related("organization"),
            )

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
            text = without_nul(ref, path).strip()
            if not text:
                raise PayloadError(path, "Give a slug, a Wikidata id or a name.")
            ref = {"wikidata_id": text} if WIKIDATA_ID.match(text) else {"slug": text}
            if not WIKIDATA_ID.match(text):
                ref["name"] = text
            plain = True
        elif isinstance(ref, dict):
            check_reference(ref, keys, path)
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
        limit = NAME_LIMITS[Person if person else Organization]
        if len(name) > limit:
            raise PayloadError(f"{path}.name", f"At most {limit} characters.")
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
            self.add_person(actor)
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
        slug = slug[: max_length(model, "slug") - 10]  # room for a number
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
        check_fields(ref, ROLE_KEYS, path)
        title = read_string(ref, "title", path, ROLE_LIMITS["title"], required=True)
        organization = self.organization(ref.get("organization"), f"{path}.organization", create)
        if organization is None:
            raise PayloadError(f"{path}.organization", "Required.")
        start = read_date(ref.get("start_date"), f"{path}.start_date")
        end = read_date(ref.get("end_date"), f"{path}.end_date")
        for role in self.roles_of(speaker):
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
            raise PayloadError(f"{path}.end_date", ROLE_ENDS_AFTER_START)
        role = Affiliation(
            person=speaker, organization=organization, role=title, start_date=start, end_date=end
        )
        self.roles_of(speaker).append(role)
        self.pending.append(role)
        return role

    def roles_of(self, person: Person) -> list[Affiliation]:
        """The roles ``person`` holds, new ones included; fetched once for a person that the
        catalog did not load."""
        roles = self.roles_by_person.get(person.slug)
        if roles is None:
            roles = self.roles_by_person[person.slug] = list(
                Affiliation.objects.filter(person_id=person.pk).select_related("organization")
            )
        return roles

    def role_on(self, person: Person, date: datetime.date) -> Affiliation | None:
        """``Affiliation.objects.role_on`` over the roles in memory: same choice, no query."""
        active = [
            role
            for role in self.roles_of(person)
            if (role.start_date is None or role.start_date <= date)
            and (role.end_date is None or role.end_date >= date)
        ]
        if not active:
            return None
        return max(
            active,
            key=lambda role: (role.start_date is not None, role.start_date or date, role.pk or 0),
        )

    # publishers, topics, articles

    def publisher(self, ref, path: str) -> Publisher:
        if isinstance(ref, str):
            ref = {"slug": ref} if _looks_like_slug(ref) else {"name": without_nul(ref, path)}
        if not isinstance(ref, dict):
            raise PayloadError(path, 'Required: a slug or {"slug", "name", "website"}.')
        check_reference(ref, PUBLISHER_KEYS, path)
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
        name = clean_name(read_string(ref, "name", path, PUBLISHER_LIMITS["name"], required=True))
        if slug and not SLUG.match(slug):
            raise PayloadError(f"{path}.slug", "Letters, digits, hyphens and underscores only.")
        website = read_string(ref, "website", path, PUBLISHER_LIMITS["website"])
        if website:
            check_url(website, f"{path}.website")
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
        check_fields(ref, TOPIC_KEYS, path)
        slug = without_nul(ref["slug"], path)
        if slug not in self.topics_by_slug and not self.preload:
            for topic in Topic.objects.filter(slug=slug):
                self.topics_by_slug[slug] = topic
        if slug in self.topics_by_slug:
            return self.topics_by_slug[slug]
        if not SLUG.match(slug) or len(slug) > TOPIC_LIMITS["slug"]:
            raise PayloadError(path, "A slug: letters, digits, hyphens and underscores.")
        name = ref.get("name") or slug.replace("-", " ").capitalize()
        if not isinstance(name, str) or len(name) > TOPIC_LIMITS["name"]:
            raise PayloadError(
                f"{path}.name", f"A string of at most {TOPIC_LIMITS['name']} characters."
            )
        without_nul(name, f"{path}.name")
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

    def checkpoint(self) -> int:
        """A point to go back to with ``forget_since``."""
        return len(self.pending)

    def forget_since(self, checkpoint: int):
        """Forget the new objects made since ``checkpoint``, as if they had never been named
        (a rejected line must not create the people it named)."""
        for obj in reversed(self.pending[checkpoint:]):
            if isinstance(obj, Person):
                self.people_by_slug.pop(obj.slug, None)
                self.people_by_wikidata.pop(obj.wikidata_id, None)
                self.people_by_name[name_key(obj.name)].remove(obj)
                self.roles_by_person.pop(obj.slug, None)
            elif isinstance(obj, Organization):
                self.orgs_by_slug.pop(obj.slug, None)
                self.orgs_by_wikidata.pop(obj.wikidata_id, None)
                self.orgs_by_name[name_key(obj.name)].remove(obj)
            elif isinstance(obj, Publisher):
                self.publishers_by_slug.pop(obj.slug, None)
                self.publishers_by_name.pop(name_key(obj.name), None)
            elif isinstance(obj, Topic):
                self.topics_by_slug.pop(obj.slug, None)
            elif isinstance(obj, Affiliation):
                self.roles_by_person[obj.person.slug].remove(obj)
        del self.pending[checkpoint:]


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
