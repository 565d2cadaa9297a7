"""Atom feeds of the newest quotes of a search, a person or an organization.

A feed reads its parameters as the search does (the API's QuoteFilterSet) but is always newest
first and never paged; each entry carries the quote, its citation and a link to its page.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest, QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.text import Truncator

from actors.models import Organization, Person
from quotes import citations
from quotes.filtersets import QuoteFilterSet

from .listing import PAGING_PARAMETERS, published_quotes, query_string, scoped_to

ENTRIES = 20


class InvalidParameters(Exception):
    pass


@dataclass
class Source:
    title: str
    link: str
    quotes: list


def newest_quotes(request, data: QueryDict) -> list:
    data = data.copy()
    for key in PAGING_PARAMETERS:
        data.pop(key, None)
    data["ordering"] = "-said_on"
    filterset = QuoteFilterSet(data=data, queryset=published_quotes(), request=request)
    if not filterset.is_valid():
        raise InvalidParameters(
            "; ".join(f"{key}: {' '.join(errors)}" for key, errors in filterset.errors.items())
        )
    return list(filterset.qs[:ENTRIES])


class QuoteFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        try:
            response = super().__call__(request, *args, **kwargs)
        except InvalidParameters as error:
            return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
        patch_cache_control(response, public=True, max_age=settings.SITE_CACHE_SECONDS)
        return response

    def title(self, source):
        return f"whosaid: {source.title}"

    def link(self, source):
        return source.link

    def subtitle(self, source):
        return f"The newest verified quotes: {source.title}."

    def items(self, source):
        return source.quotes

    def item_title(self, quote):
        source = citations.source(quote)
        return f"{source[:1].upper()}{source[1:]}: “{Truncator(quote.text).chars(90)}”"

    def item_description(self, quote):
        return format_html(
            "<blockquote><p>{}</p></blockquote><p>{}</p>", quote.text, citations.citation(quote)
        )

    def item_link(self, quote):
        return reverse("web:quote", args=[quote.pk])

    def item_author_name(self, quote):
        return quote.speaker.name if quote.speaker_id else quote.attribution or None

    def item_pubdate(self, quote):
        day = quote.said_on or quote.article.published_on
        return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)

    def item_updateddate(self, quote):
        return quote.updated_at

    def item_categories(self, quote):
        return [topic["name"] for topic in quote.topic_refs]


class SearchFeed(QuoteFeed):
    def get_object(self, request):
        query = query_string(request.GET, drop=[*PAGING_PARAMETERS, "ordering"])
        text = request.GET.get("q", "").strip()
        title = f"quotes matching “{text}”" if text else "quotes"
        return Source(title, reverse("web:search") + query, newest_quotes(request, request.GET))


class ScopedFeed(QuoteFeed):
    """The quotes of one person or organization (``model``), as its page (``page``) lists them."""

    model, parameter, page = None, "", ""

    def get_object(self, request, slug):
        owner = get_object_or_404(self.model, slug=slug)
        link = reverse(self.page, args=[owner.slug])
        quotes = newest_quotes(request, scoped_to(request.GET, self.parameter, owner.slug))
        return Source(self.title_of(owner), link, quotes)

    def title_of(self, owner) -> str:
        return owner.name


class PersonFeed(ScopedFeed):
    model, parameter, page = Person, "speaker", "web:person"


class OrganizationFeed(ScopedFeed):
    model, parameter, page = Organization, "organization", "web:organization"

    def title_of(self, owner):
        return f"{owner.name}, its members and its unnamed officials"
