"""A synthetic corpus at scale: people, organizations, roles over time, articles and quotes.

Deterministic for a seed. Text is drawn from English word frequencies (``wordfreq``), so
common words are common and rare words rare, as in news text, which matters for search
benchmarks. Every quote is written into its article's body and its offsets are recorded as the
body is built, so each one obeys the verbatim rule by construction. Quotes are written through
the importer's bulk path (``quotes.ingest.writer.write_articles``: COPY, whole articles per
transaction).
"""

from __future__ import annotations

import datetime
import itertools
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db import transaction

from actors.choices import AliasKind, OrganizationClassification
from actors.models import Affiliation, Alias, Organization, Person
from quotes.choices import Channel, QuoteKind, ReviewStatus
from quotes.models import Publisher, Topic

from .catalog import Catalog
from .plans import ArticlePlan, QuotePlan
from .writer import analyze_after_bulk_write, write_articles

_FIRST_NAMES = (
    "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara "
    "Richard Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Lisa Matthew Nancy "
    "Anthony Betty Mark Sandra Donald Ashley Steven Kimberly Paul Emily Andrew Donna Joshua "
    "Michelle Kenneth Carol Kevin Amanda Brian Melissa George Deborah Timothy Stephanie "
    "Ronald Rebecca Yusuf Amira Omar Leila Ahmed Noura Hassan Fatima Avi Noa Yael Ori Dmitri "
    "Olga Ivan Anya Wei Mei Hiroshi Yuki Raj Priya Carlos Lucia Pedro Sofia Kwame Ama Chidi "
    "Ngozi Lars Ingrid"
)
_SYLLABLES = (
    "al an ar ber bran cal car dan del der en fer gal gar hal han har ber kal kan lan ler man "
    "mar mer nor ol or par per ran ren ros sal san sel son ster tan ter thal ton val ver wal "
    "win yar zen ko mi ra shi ta lo vi na de ri"
)
FIRST_NAMES = _FIRST_NAMES.split()
SYLLABLES = _SYLLABLES.split()
ORG_PATTERNS = [
    ("Ministry of {W}", OrganizationClassification.GOVERNMENT_BODY),
    ("{W} Party", OrganizationClassification.POLITICAL_PARTY),
    ("{W} Institute", OrganizationClassification.NGO),
    ("{W} Brigades", OrganizationClassification.ARMED_GROUP),
    ("{W} Corporation", OrganizationClassification.COMPANY),
    ("{W} Council", OrganizationClassification.INTERNATIONAL_ORGANIZATION),
    ("{W} Security Service", OrganizationClassification.INTELLIGENCE_AGENCY),
    ("{W} Defense Forces", OrganizationClassification.MILITARY),
    ("{W} News", OrganizationClassification.NEWS_ORGANIZATION),
]
ROLES = [
    "Minister", "Spokesperson", "Director", "Chair", "Member", "Secretary-General",
    "Deputy Minister", "Chief Executive", "Commander", "Senior Adviser", "President",
]  # fmt: skip
CUES = ["said", "told reporters", "added", "warned", "argued", "insisted", "wrote", "stated"]
# 13.7 % of PolNeAR's quotes hold a hyphenated word ('cease-fire'); joining one pair of words
# in 110 gives as many of the 5-30 word quotes here one, so that search documents hold joined
# words as real ones do (migration quotes 0007).
HYPHENATED = 1 / 110
# Share of drafts that the extractor proposed (the rest were entered by hand), and the version
# they record: the review queue sorted by confidence then has real work.
PROPOSED_DRAFTS = 0.8
GENERATED_PROPOSALS = "generated"
START = datetime.date(2005, 1, 1)
END = datetime.date(2025, 12, 31)


class Vocabulary:
    """Words drawn in proportion to their English frequency (wordfreq's top list)."""

    def __init__(self, rng: random.Random, size: int = 25_000):
        from wordfreq import top_n_list, word_frequency

        words = [word for word in top_n_list("en", size) if word.isalpha()]
        weights = [word_frequency(word, "en") for word in words]
        self.words = words
        self.cum_weights = list(itertools.accumulate(weights))
        self.rng = rng
        self._buffer: list[str] = []
        self._position = 0

    def take(self, count: int) -> list[str]:
        if self._position + count > len(self._buffer):
            self._buffer = self._buffer[self._position :] + self.rng.choices(
                self.words, cum_weights=self.cum_weights, k=max(count, 50_000)
            )
            self._position = 0
        taken = self._buffer[self._position : self._position + count]
        self._position += count
        return taken

    def phrase(self, low: int, high: int) -> str:
        first, *others = self.take(self.rng.randint(low, high))
        draw = self.rng.random
        return first + "".join(("-" if draw() < HYPHENATED else " ") + word for word in others)

    def sentence(self, low: int = 8, high: int = 24) -> str:
        text = self.phrase(low, high)
        return text[:1].upper() + text[1:] + "."


@dataclass
class Actors:
    people: list[Person]
    organizations: list[Organization]
    roles: dict[int, list[Affiliation]]  # by person id


def _surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _date(rng: random.Random, low=START, high=END) -> datetime.date:
    return low + datetime.timedelta(days=rng.randint(0, (high - low).days))


def create_actors(
    rng: random.Random, vocabulary: Vocabulary, *, people: int, organizations: int, seed: int
) -> Actors:
    """People (some with aliases), organizations (some under others) and affiliations."""
    orgs = []
    for index in range(organizations):
        pattern, classification = ORG_PATTERNS[index % len(ORG_PATTERNS)]
        word = " ".join(w.capitalize() for w in vocabulary.take(rng.randint(1, 2)))
        name = pattern.format(W=word)
        orgs.append(
            Organization(
                name=name,
                slug=f"g{seed}-org-{index}",
                classification=classification,
                country=rng.choice(["", "US", "GB", "IL", "PS", "QA", "EG", "DE", "FR"]),
            )
        )
    Organization.objects.bulk_create(orgs, batch_size=2000)
    for org in orgs[len(orgs) // 10 :]:  # some bodies sit under an earlier one
        if rng.random() < 0.2:
            org.parent_id = orgs[rng.randrange(len(orgs) // 10 or 1)].pk
    Organization.objects.bulk_update([org for org in orgs if org.parent_id], ["parent"], 2000)

    persons, aliases, affiliations = [], [], []
    for index in range(people):
        surname = _surname(rng)
        name = f"{rng.choice(FIRST_NAMES)} {surname}"
        persons.append(
            Person(name=name, sort_name=f"{surname}, {name.split()[0]}", slug=f"g{seed}-{index}")
        )
    Person.objects.bulk_create(persons, batch_size=2000)
    for person in persons:
        if rng.random() < 0.3:
            aliases.append(
                Alias(person=person, name=person.name.split()[-1], kind=AliasKind.SURNAME)
            )
        start = _date(rng, START, datetime.date(2018, 1, 1))
        for _ in range(rng.randint(1, 3)):
            end = None if rng.random() < 0.4 else _date(rng, start, END)
            affiliations.append(
                Affiliation(
                    person=person,
                    organization=rng.choice(orgs),
                    role=rng.choice(ROLES),
                    start_date=start if rng.random() < 0.9 else None,
                    end_date=end,
                )
            )
            if end is None:
                break
            start = end + datetime.timedelta(days=1)
            if start > END:
                break
    Alias.objects.bulk_create(aliases, batch_size=5000)
    Affiliation.objects.bulk_create(affiliations, batch_size=5000)
    roles = {}
    for affiliation in affiliations:
        roles.setdefault(affiliation.person_id, []).append(affiliation)
    return Actors(people=persons, organizations=orgs, roles=roles)


class _Body:
    """An article body written sentence by sentence, keeping count of its length."""

    def __init__(self, rng: random.Random):
        self.rng, self.parts, self.length = rng, [], 0

    def add(self, text: str):
        if self.parts:
            self.parts.append(" " if self.rng.random() < 0.8 else "\n\n")
            self.length += len(self.parts[-1])
        self.parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts)


def article_plans(
    rng: random.Random,
    vocabulary: Vocabulary,
    actors: Actors,
    catalog: Catalog,
    publishers: list,
    topics: list,
    *,
    quotes: int,
    articles: int,
    seed: int,
) -> Iterator[ArticlePlan]:
    """Articles whose bodies contain their quotes, offsets recorded while writing."""
    # Their own stream, so that adding them left the rest of a seed's corpus as it was.
    proposals = random.Random(f"{seed}:proposals")
    per_article, extra = divmod(quotes, articles)
    for index in range(articles):
        count = per_article + (1 if index < extra else 0)
        published_on = _date(rng, datetime.date(2015, 1, 1), END)
        publisher = publishers[index % len(publishers)]
        body = _Body(rng)
        quote_plans = []
        body.add(vocabulary.sentence())
        for _ in range(count):
            quote_plans.append(
                _quote_plan(rng, proposals, vocabulary, actors, catalog, topics, body, published_on)
            )
        body.add(vocabulary.sentence())
        title = vocabulary.phrase(5, 11).capitalize()
        yield ArticlePlan(
            key=index,
            publisher=publisher,
            values={
                "title": title,
                "url": f"https://{publisher.slug}.example/{seed}/{published_on:%Y/%m/%d}/{index}",
                "published_on": published_on,
                "authors": [f"{rng.choice(FIRST_NAMES)} {_surname(rng)}"],
                "language": "en",
                "body": body.text(),
            },
            quotes=quote_plans,
        )


def _quote_plan(
    rng: random.Random,
    proposals: random.Random,
    vocabulary: Vocabulary,
    actors: Actors,
    catalog: Catalog,
    topics: list,
    body: _Body,
    published_on: datetime.date,
) -> QuotePlan:
    """One quote written into ``body`` (a sentence before it half the time), with its plan."""
    if rng.random() < 0.5:
        body.add(vocabulary.sentence())
    quote = vocabulary.phrase(5, 30)
    quote = quote[:1].upper() + quote[1:]
    kind = QuoteKind.DIRECT if rng.random() < 0.6 else QuoteKind.PARAPHRASE
    roll = rng.random()
    speaker = organization = None
    if roll < 0.8:
        speaker = rng.choice(actors.people)
        source = speaker.name if rng.random() < 0.7 else speaker.name.split()[-1]
    elif roll < 0.9:
        organization = rng.choice(actors.organizations)
        source = "the " + vocabulary.phrase(1, 2) + " office"
    else:
        source = "an official who requested anonymity"
    cue = rng.choice(CUES)
    if kind == QuoteKind.DIRECT:
        prefix = "“"
        sentence = f"“{quote},” {source} {cue}."
    else:
        prefix = f"{source[:1].upper()}{source[1:]} {cue} that "
        sentence = f"{prefix}{quote.lower()}."
        quote = quote.lower()
    body.add(sentence)
    start = body.length - len(sentence) + len(prefix)
    said_on = published_on - datetime.timedelta(days=rng.choice([0, 0, 0, 1, 2]))
    channel = rng.choice(Channel.values)
    status = ReviewStatus.VERIFIED if rng.random() < 0.9 else ReviewStatus.DRAFT
    # Most drafts wait in the review queue as the extractor's proposals.
    proposed = status == ReviewStatus.DRAFT and proposals.random() < PROPOSED_DRAFTS
    return QuotePlan(
        values={
            "text": quote,
            "kind": kind,
            "speaker": speaker,
            "speaking_organization": organization,
            "attribution": source,
            "is_anonymous": speaker is None and organization is None,
            "source_organization": None,
            "source_label": "",
            "affiliation": catalog.role_on(speaker, said_on) if speaker else None,
            "said_on": said_on,
            "channel": channel,
            "cue": cue,
            "place": "",
            "start_offset": start,
            "end_offset": start + len(quote),
            "language": "en",
            "status": status,
            "retraction_reason": "",
            "extractor_version": GENERATED_PROPOSALS if proposed else "",
            "extraction_confidence": round(proposals.uniform(0.05, 1), 2) if proposed else None,
        },
        topics=rng.sample(topics, rng.randint(0, 2)),
    )


def generate(
    *,
    quotes: int = 1_000_000,
    people: int = 20_000,
    organizations: int = 2_000,
    articles: int = 100_000,
    publishers: int = 50,
    seed: int = 20231220,
    batch_quotes: int = 20_000,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Fill the database; returns counts. Whole articles are committed batch by batch."""
    rng = random.Random(seed)
    vocabulary = Vocabulary(rng)
    articles = max(1, min(articles, quotes or 1))
    with transaction.atomic():
        actors = create_actors(
            rng, vocabulary, people=people, organizations=organizations, seed=seed
        )
        publisher_rows = Publisher.objects.bulk_create(
            Publisher(name=f"The {vocabulary.phrase(1, 2).title()} {kind}", slug=f"g{seed}-p{i}")
            for i, kind in zip(
                range(publishers),
                itertools.cycle(["Times", "Post", "Herald", "Wire"]),
                strict=False,
            )
        )
        topic_rows = Topic.objects.bulk_create(
            Topic(name=f"{word.capitalize()} ({seed}-{i})", slug=f"g{seed}-t{i}")
            for i, word in enumerate(vocabulary.take(40))
        )
    catalog = Catalog(preload=False)
    for person in actors.people:
        catalog.add_person(person, roles=actors.roles.get(person.pk, ()))
    batch, batch_quotes_count, written = [], 0, 0
    plans = article_plans(
        rng, vocabulary, actors, catalog, publisher_rows, topic_rows, quotes=quotes,
        articles=articles, seed=seed,
    )  # fmt: skip
    for plan in plans:
        batch.append(plan)
        batch_quotes_count += len(plan.quotes)
        if batch_quotes_count >= batch_quotes:
            with transaction.atomic():
                write_articles(batch, catalog.take_pending())
            written += batch_quotes_count
            if progress:
                progress(batch_quotes_count)
            batch, batch_quotes_count = [], 0
    if batch:
        with transaction.atomic():
            write_articles(batch, catalog.take_pending())
        written += batch_quotes_count
        if progress:
            progress(batch_quotes_count)
    analyze_after_bulk_write(written)
    return {
        "quotes": written,
        "articles": articles,
        "people": people,
        "organizations": organizations,
        "publishers": publishers,
    }
