"""Factories for every model; the seed fixture covers end-to-end cases."""

import datetime

import factory
from django.contrib.auth import get_user_model

from actors.models import Affiliation, Alias, Organization, Person
from quotes.choices import QuoteKind, ReviewStatus
from quotes.models import Article, Publisher, Quote, Topic


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.Sequence(lambda n: f"organization-{n}")


class AliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alias

    person = factory.SubFactory(PersonFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliation

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = "Spokesperson"
    start_date = datetime.date(2020, 1, 1)


class PublisherFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publisher

    name = factory.Sequence(lambda n: f"Publisher {n}")
    slug = factory.Sequence(lambda n: f"publisher-{n}")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    publisher = factory.SubFactory(PublisherFactory)
    title = factory.Sequence(lambda n: f"Article {n}")
    url = factory.Sequence(lambda n: f"https://news.example/{n}")
    published_on = datetime.date(2023, 12, 20)
    body = (
        '"We will not stop," the minister said on Tuesday. Talks continued, officials said. '
        '"There is no deal yet," a second official said.'
    )


class QuoteFactory(factory.django.DjangoModelFactory):
    """A verified direct quote of the factory article's first sentence."""

    class Meta:
        model = Quote
        skip_postgeneration_save = True

    article = factory.SubFactory(ArticleFactory)
    text = "We will not stop,"
    kind = QuoteKind.DIRECT
    speaker = factory.SubFactory(PersonFactory)
    attribution = "the minister"
    status = ReviewStatus.VERIFIED
    # A retraction always says why (a check constraint).
    retraction_reason = factory.Maybe(
        factory.LazyAttribute(lambda quote: quote.status == ReviewStatus.RETRACTED),
        yes_declaration="The speaker denies saying it.",
        no_declaration="",
    )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct horse battery staple")
