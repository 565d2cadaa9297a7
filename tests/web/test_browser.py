"""The site in a real browser: Debian's Chromium driven by Playwright, on the seed.

Playwright's own browser download cannot be fetched on our machines, so the tests launch the
system's Chromium (``CHROMIUM``, default /usr/bin/chromium; ``.ci/run`` installs it). Set
``SCREENSHOTS=docs/screenshots`` to write the README's screenshots (``make screenshots``).
"""

import os
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect, sync_playwright

from quotes.choices import Problem
from quotes.models import CorrectionReport

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 375, "height": 800}


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"No Chromium at {CHROMIUM}: apt-get install -y chromium (or set CHROMIUM).")
    # Playwright's synchronous API keeps an event loop running on this thread while it is
    # started, which Django takes for an async context: the tests' own ORM calls are safe (the
    # live server runs in its own thread), so allow them for this module only.
    environment = pytest.MonkeyPatch()
    environment.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()
    environment.undo()


@pytest.fixture
def site(browser, live_server, seed):
    """A new browser context on the live server, at desktop width."""
    contexts = []

    def open_page(viewport=DESKTOP, **options):
        context = browser.new_context(base_url=live_server.url, viewport=viewport, **options)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def result_texts(page) -> list[str]:
    return page.locator(".results .quote-link").all_inner_texts()


def test_a_search_with_a_phrase_and_a_filter(site):
    page = site()
    page.goto("/")
    page.get_by_label("Words", exact=True).fill('"no negotiations under fire"')
    page.get_by_label("Organization", exact=True).fill("hamas")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator(".result-count")).to_have_text(
        '1 quote match “"no negotiations under fire"”.'
    )
    assert re.search(r"/\?q=%22no\+negotiations\+under\+fire%22&organization=hamas", page.url)
    marks = page.locator(".results mark").all_inner_texts()
    assert {"negotiations", "fire"} <= {mark.lower() for mark in marks}
    expect(page.locator(".results .source")).to_have_text("Basem Naim")


def test_paging_forward_and_back(site):
    page = site()
    page.goto("/?page_size=10")
    first = result_texts(page)
    page.get_by_role("link", name="Next page →").click()
    second = result_texts(page)
    assert len(first) == len(second) == 10
    assert not set(first) & set(second)
    page.get_by_role("link", name="← Previous page").click()
    assert result_texts(page) == first


@pytest.mark.parametrize("typed", ["netanyahoo", "bibi"])
def test_the_speaker_type_ahead_finds_a_person_by_a_misspelling_or_nickname(site, typed):
    page = site()
    page.goto("/")
    speaker = page.get_by_role("combobox", name="Speaker")
    speaker.press_sequentially(typed, delay=30)
    option = page.get_by_role("option", name=re.compile("^Benjamin Netanyahu"))
    expect(option).to_be_visible()
    speaker.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    speaker.press("Enter")
    expect(speaker).to_have_value("benjamin-netanyahu")
    expect(page.locator("#speaker-hint")).to_have_text("Benjamin Netanyahu")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator(".result-count")).to_have_text("3 quotes.")


def test_opening_a_quote_and_copying_its_citation(site, live_server):
    page = site(permissions=["clipboard-read", "clipboard-write"])
    page.goto('/?q="no negotiations under fire"')
    page.locator(".results .quote-link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Basem Naim")
    expect(page.locator(".proof mark")).to_have_text("No negotiations under fire,")
    plain = page.locator("#citation-plain").inner_text()
    assert plain.startswith("Basem Naim, Member of the Political Bureau, Hamas, said, as quoted")
    copy = page.locator("button[data-copy=citation-plain]")
    copy.click()
    expect(copy).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == plain


def test_a_person_page_draws_the_chart_of_their_quotes(site):
    page = site()
    page.goto("/people/benjamin-netanyahu/")
    chart = page.get_by_role("img", name="Quotes by month")
    expect(chart).to_be_visible()
    bars = page.locator("svg rect.bar")
    expect(bars).to_have_count(12)
    assert float(bars.last.get_attribute("height")) > 0
    page.get_by_text("The numbers").click()
    expect(page.get_by_role("row", name="Dec 2023 3")).to_be_visible()


def test_a_report_is_stored_and_shown_to_curators_in_the_admin(site):
    page = site()
    page.goto('/?q="no negotiations under fire"')
    page.locator(".results .quote-link").first.click()
    page.get_by_role("link", name="Report a problem with this quote").click()
    page.get_by_label("Wrong date").check()
    page.get_by_label("Tell us more").fill("It was said the day before, on Tuesday.")
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you: your report was sent")
    report = CorrectionReport.objects.get()
    assert report.problem == Problem.WRONG_DATE

    get_user_model().objects.create_superuser("curator", "c@example.org", "a long passphrase")
    page.goto("/admin/quotes/correctionreport/")
    page.get_by_label("Username").fill("curator")
    page.get_by_label("Password").fill("a long passphrase")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#result_list")).to_contain_text("It was said the day before")
    page.goto(f"/admin/quotes/quote/{report.quote_id}/change/")
    expect(page.get_by_text("It was said the day before, on Tuesday.")).to_be_visible()


def test_an_unknown_address_shows_the_designed_not_found_page(site):
    page = site()
    response = page.goto("/quotes/999999/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Nothing here")
    page.get_by_label("Search quotes instead").fill("hostages")
    page.keyboard.press("Enter")
    expect(page.locator(".result-count")).to_contain_text("match “hostages”")


@pytest.mark.parametrize(
    "path", ["/?q=hostages", "/quotes/5/", "/people/benjamin-netanyahu/", "/articles/1/"]
)
def test_pages_fit_a_phone_screen(site, path):
    page = site(viewport=PHONE)
    page.goto(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_the_search_works_at_phone_width(site):
    page = site(viewport=PHONE)
    page.goto("/")
    page.get_by_label("Words", exact=True).fill("hostages")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator(".result-count")).to_contain_text("match “hostages”")
    first = page.locator(".results .result").first
    assert first.bounding_box()["width"] <= PHONE["width"]


def test_the_site_is_usable_with_the_keyboard_alone(site):
    page = site()
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to the content")
    expect(skip).to_be_focused()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focus is visible
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Words")).to_be_focused()
    page.keyboard.type("hostages")
    page.keyboard.press("Enter")
    expect(page.locator(".result-count")).to_contain_text("match “hostages”")
    first_result = page.locator(".results .quote-link").first
    for _ in range(60):
        page.keyboard.press("Tab")
        if first_result.evaluate("element => element === document.activeElement"):
            break
    expect(first_result).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/quotes/\d+/$"))


def test_without_javascript_everything_but_the_enhancements_works(site):
    page = site(java_script_enabled=False)
    page.goto("/")
    page.get_by_label("Words", exact=True).fill("hostages")
    page.get_by_label("Speaker", exact=True).fill("netanyahoo")
    page.get_by_role("button", name="Search", exact=True).click()
    suggestion = page.locator(".suggestions").get_by_role("link", name="Benjamin Netanyahu")
    suggestion.click()
    expect(page.locator(".result-count")).to_have_text("1 quote match “hostages”.")
    page.locator(".results .quote-link").first.click()
    expect(page.locator("#citation-plain")).to_be_visible()
    expect(page.locator("button[data-copy]").first).to_be_hidden()


SCREENSHOTS = [
    ("search", "/?q=hostages", DESKTOP),
    ("search-phone", "/?q=hostages&organization=hamas", PHONE),
    ("quote", "/quotes/5/", DESKTOP),
    ("person", "/people/benjamin-netanyahu/", DESKTOP),
    ("organization", "/organizations/hamas/?active_on=2023-12-20", DESKTOP),
    ("article", "/articles/1/", DESKTOP),
    ("report", "/quotes/5/report/", DESKTOP),
    ("not-found", "/people/nobody/", DESKTOP),
]


def test_screenshots_of_every_page(site, tmp_path):
    folder = Path(os.environ.get("SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    for name, path, viewport in SCREENSHOTS:
        page = site(viewport=viewport)
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        target = folder / f"{name}.png"
        page.screenshot(path=target, full_page=name not in {"article"})
        assert target.read_bytes().startswith(b"\x89PNG")
