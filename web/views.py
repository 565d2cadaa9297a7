"""The journalists' site: public, read-only pages on verified quotes, and one form to report a
problem with a quote.

Lists of quotes are read through ``web.listing`` (the API's FilterSet, cursors and highlights).
A malformed value of a known parameter gives the page back with the message at its field (400);
unknown parameters are ignored. Public pages may be kept by a cache for ``SITE_CACHE_SECONDS``;
ConditionalGetMiddleware answers a repeated request with 304.
"""

import datetime
from functools import wraps

from django import forms
from django.conf import settings
from django.db.models import CharField, F, Value
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_safe

from actors import selectors as actor_selectors
from actors.models import Affiliation, Organization, Person, PersonRedirect
from config.api.filters import IsoDateField
from quotes import citations, selectors
from quotes.choices import Channel, QuoteKind
from quotes.ingest import exporting
from quotes.models import Article, Publisher, Quote, Topic

from . import charts, marking
from .forms import ReportForm, ReportThrottle
from .listing import (
    PAGING_PARAMETERS,
    query_string,
    quote_listing,
    scoped_to,
    without_empty_values,
    without_value,
)

ORDERINGS = [("relevance", "Relevance"), ("-said_on", "Newest first"), ("said_on", "Oldest first")]
# How many names the search page looks up for a speaker or organization it does not know.
SUGGESTIONS = 5


def public_page(view):
    """GET and HEAD only; a page that answers 200 may be kept by any cache for a while."""

    @require_safe
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=settings.SITE_CACHE_SECONDS)
        return response

    return wrapper


def not_found(request):
    """The designed page, also under DEBUG (where raising Http404 shows Django's)."""
    return render(request, "404.html", status=404)


def _cleaned_url(request):
    """A redirect to this URL without empty form fields, or None when it has none."""
    kept = without_empty_values(request.GET)
    if kept is None:
        return None
    return redirect(request.path + query_string(kept))


def _listing_context(request, listing) -> dict:
    """What the result list (``web/_results.html``) needs: quotes, paging links, the count."""
    return {
        "listing": listing,
        "form": listing.form,
        "errors": _error_list(listing.form),
        "next_url": listing.next_cursor and query_string(request.GET, cursor=listing.next_cursor),
        "previous_url": listing.previous_cursor
        and query_string(request.GET, cursor=listing.previous_cursor),
        "first_url": "cursor" in request.GET
        and request.path + query_string(request.GET, drop=["cursor"]),
        "feed_query": query_string(request.GET, drop=[*PAGING_PARAMETERS, "ordering"]),
        "restart_url": request.path + query_string(request.GET, drop=PAGING_PARAMETERS),
    }


def _status(listing) -> int:
    return 200 if listing.is_valid else 400


# Search


def _named(model, slugs: list[str]) -> dict[str, str]:
    return dict(model.objects.filter(slug__in=slugs).values_list("slug", "name")) if slugs else {}


def _suggestions(request, model, parameter: str, unknown: list[str]) -> list[dict]:
    """People or organizations named like the first value no slug matched ("netanyahoo",
    "Benjamin Netanyahu"), each with the URL of the search had it named them."""
    if not unknown:
        return []
    value = unknown[0]
    text = value.replace("-", " ").replace("_", " ")[:200]
    similar = actor_selectors.search_by_name(model.objects.all(), text, model._meta.model_name)
    found = []
    for slug, name in similar.values_list("slug", "name")[:SUGGESTIONS]:
        query = request.GET.copy()
        query.setlist(
            parameter, [slug if item == value else item for item in query.getlist(parameter)]
        )
        found.append({"name": name, "url": query_string(query, drop=PAGING_PARAMETERS)})
    return found


def _publishers_and_topics() -> dict[str, dict[str, str]]:
    """``{"publisher": {slug: name}, "topic": {slug: name}}`` by name, for the form's lists (one
    query: every search page shows them)."""
    publishers = Publisher.objects.annotate(kind=Value("publisher", output_field=CharField()))
    topics = Topic.objects.annotate(kind=Value("topic", output_field=CharField()))
    rows = (
        publishers.values_list("kind", "slug", "name")
        .union(topics.values_list("kind", "slug", "name"), all=True)
        .order_by("kind", "name")
    )
    found = {"publisher": {}, "topic": {}}
    for kind, slug, name in rows:
        found[kind][slug] = name
    return found


PARAMETER_LABELS = {
    "q": "Words",
    "speaker": "Speaker",
    "organization": "Organization",
    "include_sub_organizations": "With sub-organizations",
    "kind": "Kind",
    "channel": "Channel",
    "said_after": "Said on or after",
    "said_before": "Said on or before",
    "publisher": "Publisher",
    "topic": "Topic",
    "ordering": "Order",
    "role": "Role",
    "anonymous": "Unnamed sources",
    "published_after": "Published on or after",
    "published_before": "Published on or before",
    "article": "Article",
    "language": "Language",
    "status": "Status",
    "active_on": "Members on",
}


def _error_list(*forms_with_errors) -> list[dict]:
    """Every field error, labelled, for the summary above a form (each links to its field)."""
    return [
        {"field": name, "label": PARAMETER_LABELS.get(name, name), "message": message}
        for form in forms_with_errors
        for name, messages in form.errors.items()
        for message in messages
    ]


def _active_filters(request, names: dict) -> list[dict]:
    """Every filter in use, each with the link that removes it: what to loosen."""
    shown = {"kind": dict(QuoteKind.choices), "channel": dict(Channel.choices)}
    active = []
    for key, label in PARAMETER_LABELS.items():
        if key == "ordering":
            continue
        for value in request.GET.getlist(key):
            display = names.get(key, {}).get(value) or shown.get(key, {}).get(value) or value
            active.append(
                {
                    "label": label,
                    "value": display,
                    "url": "/" + without_value(request.GET, key, value),
                }
            )
    return active


@public_page
def search(request):
    if (cleaned := _cleaned_url(request)) is not None:
        return cleaned
    listing = quote_listing(request, request.GET)
    speakers, organizations = request.GET.getlist("speaker"), request.GET.getlist("organization")
    names = {
        "speaker": _named(Person, speakers),
        "organization": _named(Organization, organizations),
        **_publishers_and_topics(),
    }
    unknown_speakers = [slug for slug in speakers if slug not in names["speaker"]]
    unknown_organizations = [slug for slug in organizations if slug not in names["organization"]]
    api_url = reverse("api:quote-list") + query_string(request.GET, drop=PAGING_PARAMETERS)
    first_values = {key: values[0] for key, values in request.GET.lists()}
    extra_values = [
        (key, value)
        for key in ("speaker", "organization", "publisher", "topic")
        for value in request.GET.getlist(key)[1:]
    ]
    context = {
        **_listing_context(request, listing),
        "searched": bool(request.GET),
        "values": first_values,
        "extra_values": extra_values,
        "names": names,
        "kinds": QuoteKind.choices,
        "channels": Channel.choices,
        "orderings": ORDERINGS,
        "speaker_suggestions": _suggestions(request, Person, "speaker", unknown_speakers),
        "organization_suggestions": _suggestions(
            request, Organization, "organization", unknown_organizations
        ),
        "unknown_speakers": unknown_speakers,
        "unknown_organizations": unknown_organizations,
        "active_filters": _active_filters(request, names),
        "downloads": [
            (label, api_url + ("&" if "?" in api_url else "?") + f"format={fmt}")
            for label, fmt in [("CSV", "csv"), ("JSON-LD", "jsonld")]
        ],
        "api_url": api_url,
    }
    return render(request, "web/search.html", context, status=_status(listing))


# A quote


KIND_IN_WORDS = {
    QuoteKind.DIRECT: "direct quote",
    QuoteKind.PARAPHRASE: "paraphrase",
    QuoteKind.CLAIM: "attributed claim",
}


def _quotation_jsonld(quote) -> dict:
    """The schema.org Quotation the JSON-LD download gives for this quote, with its page."""
    row = (
        Quote.objects.filter(pk=quote.pk)
        .with_topic_refs()
        .values(*exporting.QUOTATION_SOURCES)
        .get()
    )
    return {"@context": "https://schema.org", **exporting.quotation(row)}


@public_page
def quote(request, pk):
    found = (
        Quote.objects.visible_to(None)
        .with_relations()
        .defer("search_document")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        return not_found(request)
    jsonld = _quotation_jsonld(found)
    jsonld["url"] = request.build_absolute_uri(reverse("web:quote", args=[found.pk]))
    styles = citations.citations(found)
    context = {
        "quote": found,
        "kind_in_words": KIND_IN_WORDS[found.kind],
        "paragraph": selectors.paragraph_around(found),
        "citations": [
            {"style": style, "label": citations.STYLES[style], "text": text}
            for style, text in styles.items()
        ],
        "jsonld": jsonld,
    }
    return render(request, "web/quote.html", context)


# Reporting a problem


@require_http_methods(["GET", "HEAD", "POST"])
def report(request, pk):
    found = Quote.objects.visible_to(None).filter(pk=pk).first()
    if found is None:
        return not_found(request)
    status, throttled = 200, False
    if request.method == "POST":
        form = ReportForm(request.POST)
        if not ReportThrottle().allow_request(request, None):
            status, throttled = 429, True
        elif form.is_valid():
            form.instance.quote = found
            form.save()
            return redirect("web:report-sent", pk=found.pk)
        else:
            status = 400
    else:
        form = ReportForm()
    response = render(
        request,
        "web/report.html",
        {"quote": found, "form": form, "throttled": throttled},
        status=status,
    )
    patch_cache_control(response, private=True, no_store=True)  # it holds a CSRF token
    return response


@public_page
def report_sent(request, pk):
    return render(request, "web/report_sent.html", {"quote_url": reverse("web:quote", args=[pk])})


# A person


@public_page
def person(request, slug):
    found = actor_selectors.with_alias_names(Person.objects.filter(slug=slug)).first()
    if found is None:
        moved = PersonRedirect.objects.filter(old_slug=slug).select_related("person").first()
        if moved is not None:
            return redirect("web:person", slug=moved.person.slug, permanent=True)
        return not_found(request)
    if (cleaned := _cleaned_url(request)) is not None:
        return cleaned
    listing = quote_listing(request, scoped_to(request.GET, "speaker", found.slug))
    affiliations = (
        Affiliation.objects.filter(person=found)
        .select_related("organization")
        .order_by(F("start_date").desc(nulls_last=True), "-pk")
    )
    per_month = selectors.quotes_per_month(Quote.objects.visible_to(None).filter(speaker=found))
    context = {
        **_listing_context(request, listing),
        "person": found,
        "affiliations": affiliations,
        "chart": charts.quotes_over_time(per_month),
    }
    return render(request, "web/person.html", context, status=_status(listing))


# An organization


class MembersForm(forms.Form):
    active_on = IsoDateField(required=False, label="Members on")


@public_page
def organization(request, slug):
    found = Organization.objects.select_related("parent").filter(slug=slug).first()
    if found is None:
        return not_found(request)
    if (cleaned := _cleaned_url(request)) is not None:
        return cleaned
    listing = quote_listing(request, scoped_to(request.GET, "organization", found.slug))
    members_form = MembersForm(request.GET)
    members_valid = members_form.is_valid()
    on = (members_valid and members_form.cleaned_data["active_on"]) or datetime.date.today()
    with_subs = bool(listing.form.cleaned_data.get("include_sub_organizations"))
    ids = (
        actor_selectors.organization_ids([found.slug], include_descendants=True)
        if with_subs
        else [found.pk]
    )
    members = (
        actor_selectors.matching_affiliations(organization_ids=ids, active_on=on)
        .select_related("person", "organization")
        .order_by("organization__name", "role", "person__sort_name", "pk")
        if members_valid
        else []
    )
    context = {
        **_listing_context(request, listing),
        "organization": found,
        "children": found.children.order_by("name"),
        "members": members,
        "members_form": members_form,
        "members_on": on,
        "with_subs": with_subs,
    }
    status = _status(listing) if members_valid else 400
    return render(request, "web/organization.html", context, status=status)


# An article


@public_page
def article(request, pk):
    found = Article.objects.select_related("publisher").filter(pk=pk).first()
    if found is None:
        return not_found(request)
    quotes = list(
        Quote.objects.visible_to(None)
        .with_relations()
        .defer("search_document", "article__body")
        .filter(article=found)
        .order_by("start_offset", "id")
    )
    spans = [(q.start_offset, q.end_offset, q.pk) for q in quotes if q.start_offset is not None]
    context = {
        "article": found,
        "quotes": quotes,
        "paragraphs": marking.marked_paragraphs(found.body, spans),
    }
    return render(request, "web/article.html", context)
