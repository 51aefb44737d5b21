"""The workspace at /app/, driven in a real Chromium against a real server.

Debian's chromium package is the browser (`.ci/run` installs it); Playwright drives it and
never downloads a browser of its own.
"""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from tests.helpers import ADMIN_KEY
from tests.web import world as worlds
from tests.web.browser import CHROMIUM, launch

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium package is not installed (.ci/run installs it)"
)

TIMEOUT_MS = 20_000  # a loaded two-core machine runs a browser, a server and the tests


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server(start_server):
    return start_server()


@pytest.fixture
def world(server, engine) -> worlds.World:
    # `engine` empties the tables after the test, so each test starts from its own world.
    return worlds.build(server.url, ADMIN_KEY)


class Session:
    """One person's browser context, recording every request the page makes."""

    def __init__(self, browser: Browser, base_url: str, *, width: int = 1440) -> None:
        self.context: BrowserContext = browser.new_context(
            viewport={"width": width, "height": 900}, base_url=base_url
        )
        self.context.set_default_timeout(TIMEOUT_MS)
        expect.set_options(timeout=TIMEOUT_MS)
        self.requests: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page: Page = self.context.new_page()

    def sign_in_link(self, key: str, extra: str = "") -> Page:
        self.page.goto(f"/app/#key={key}{extra}")
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def people(browser, server) -> Iterator:
    opened: list[Session] = []

    def open_as(width: int = 1440) -> Session:
        session = Session(browser, server.url, width=width)
        opened.append(session)
        return session

    yield open_as
    for session in opened:
        session.close()


def test_an_owner_signs_in_reads_advice_and_opens_twenty_explained_matches(world, people, server):
    owner = people()
    page = owner.sign_in_link(world.owner_key)
    expect(page.locator("#who")).to_contain_text("Rosa's Bakery")
    assert "key=" not in page.url  # the sign-in link's fragment leaves the address bar

    advice = page.locator("#advice-body")
    expect(advice.locator(".advice")).to_have_count(2)
    first = advice.locator(".advice").first
    expect(first).to_contain_text("Monthly books")
    expect(first.locator(".badge")).to_have_text("outsource")
    expect(first.locator("svg.chart rect.band")).to_have_count(1)
    expect(first.locator("figcaption")).to_contain_text("hours a month freed")

    page.get_by_role("button", name="Matches for Monthly books").click()
    matches = page.locator("#matches-body .match")
    expect(matches).to_have_count(worlds.MATCHES)
    top = matches.first
    expect(top).to_contain_text("Northwind Books")
    expect(top.locator(".factor")).to_have_count(6)
    expect(top.locator(".factor-detail").first).not_to_be_empty()
    assert all(url.startswith(server.url) for url in owner.requests), owner.requests


def test_a_proposal_accepted_in_another_browser_shows_as_active_without_reloading(world, people):
    owner = people()
    page = owner.sign_in_link(world.owner_key)
    page.get_by_role("button", name="Matches for Monthly books").click()
    page.get_by_role("button", name="Propose to Northwind Books").click()
    expect(page.locator("#engagements-body .engagement .badge")).to_have_text("proposed")
    expect(page.locator("#live")).to_contain_text("Live")

    vendor = people()
    vendor_page = vendor.sign_in_link(world.vendor_key)
    expect(vendor_page.locator("#who")).to_contain_text("Northwind Books")
    inbox = vendor_page.locator("#proposals-body .engagement")
    expect(inbox).to_have_count(1)
    inbox.get_by_role("button", name=re.compile("^Accept")).click()
    expect(vendor_page.locator("#proposals-body")).to_contain_text("Nothing waiting")

    # The owner's page learns of it from the event feed: no reload, no click.
    expect(page.locator("#engagements-body .engagement .badge")).to_have_text("active")


def test_a_vendor_sees_the_listed_task_as_an_opportunity_with_its_rank(world, people):
    vendor = people()
    page = vendor.sign_in_link(world.vendor_key)
    expect(page.locator("#services-body .service")).to_have_count(1)
    expect(page.locator("#services-body")).to_contain_text("0 of 2000 units")
    page.get_by_role("button", name="Opportunities for bookkeeping").click()
    opportunity = page.locator("#opportunities-body .opportunity")
    expect(opportunity).to_have_count(1)
    expect(opportunity).to_contain_text("Rank 1")
    expect(opportunity).to_contain_text(world.task_id)
    expect(page.locator("#opportunities-body")).not_to_contain_text("Rosa")  # never the name
    expect(page.locator("#opportunities-body .sensitivity li")).to_have_count(3)


def test_the_why_not_view_names_the_blocker_and_its_fix(world, people):
    owner = people()
    page = owner.sign_in_link(world.owner_key)
    page.get_by_role("button", name="Matches for Monthly books").click()
    page.get_by_label("Service id").fill(world.blocked_service_id)
    page.get_by_role("button", name="Explain").click()
    single = page.locator("#matches-body .single")
    expect(single).to_contain_text("Not eligible")
    expect(single.locator(".blockers li")).to_contain_text("budget")
    expect(single.locator(".fix")).to_contain_text("price")

    vendor = people()
    vendor_page = vendor.sign_in_link(world.vendor_key)
    vendor_page.get_by_label("Task id").fill(world.task_id)
    vendor_page.get_by_role("button", name="Explain").click()
    expect(vendor_page.locator("#why-not-body .single")).to_contain_text("Eligible: rank 1")


def test_an_owner_creates_pauses_and_edits_a_task_with_the_keyboard_and_labels(world, people):
    owner = people()
    page = owner.sign_in_link(world.owner_key)
    page.get_by_role("button", name="New task").click()
    page.get_by_label("Type of work").select_option("invoicing")
    page.get_by_label("Title").fill("Send invoices")
    page.get_by_label("Volume (units a month)").fill("40")
    page.get_by_label("Budget from (USD a month)").fill("50")
    page.get_by_label("Budget up to (USD a month)").press_sequentially("150")
    page.keyboard.press("Enter")  # submits the form
    row = page.locator("tr", has_text="Send invoices")
    expect(row).to_contain_text("$50.00\u2013$150.00")  # an en dash
    row.get_by_role("button", name="Pause Send invoices").click()
    expect(row.locator(".badge")).to_have_text("paused")
    row.get_by_role("button", name="Edit Send invoices").click()
    page.get_by_label("Volume (units a month)").fill("60")
    page.get_by_role("button", name="Save").click()
    expect(row.locator("td").nth(1)).to_have_text("60")


def test_a_bad_key_is_refused_with_a_plain_message_and_nothing_is_kept(world, people):
    visitor = people()
    page = visitor.page
    page.goto("/app/")
    page.get_by_label("API key").fill("ofk_not-a-real-key")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("That key was not accepted")
    expect(page.locator("#sign-in")).to_be_visible()
    assert page.evaluate("sessionStorage.length") == 0


def test_a_problem_from_the_api_is_shown_in_words(world, people):
    owner = people()
    page = owner.sign_in_link(world.owner_key)
    page.get_by_role("button", name="New task").click()
    page.get_by_label("Title").fill("Impossible budget")
    page.get_by_label("Volume (units a month)").fill("10")
    page.get_by_label("Budget from (USD a month)").fill("900")
    page.get_by_label("Budget up to (USD a month)").fill("100")
    page.get_by_role("button", name="Create task").click()
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text(re.compile("budget", re.IGNORECASE))
    expect(page.locator("tr", has_text="Impossible budget")).to_have_count(0)


@pytest.mark.parametrize("width", [390, 1440])
def test_every_view_fits_the_screen_without_sideways_scrolling(world, people, width):
    owner = people(width)
    page = owner.sign_in_link(world.owner_key)
    page.get_by_role("button", name="Matches for Monthly books").click()
    expect(page.locator("#matches-body .match")).to_have_count(worlds.MATCHES)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    vendor = people(width)
    vendor_page = vendor.sign_in_link(world.vendor_key)
    vendor_page.get_by_role("button", name="Opportunities for bookkeeping").click()
    expect(vendor_page.locator("#opportunities-body .opportunity")).to_have_count(1)
    assert vendor_page.evaluate("document.documentElement.scrollWidth") <= width


def test_every_control_has_a_label(world, people):
    owner = people()
    page = owner.sign_in_link(world.owner_key)
    page.get_by_role("button", name="New task").click()
    page.get_by_role("button", name="Matches for Monthly books").click()
    expect(page.locator("#matches-body .match")).to_have_count(worlds.MATCHES)
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('input, select, button')]
            .filter((el) => !el.closest('[hidden]'))
            .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                            && !el.textContent.trim())
            .map((el) => el.outerHTML)"""
    )
    assert unlabelled == []


def test_the_page_allows_no_inline_script_and_no_other_origin(server, people):
    visitor = people()
    response = visitor.page.goto("/app/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "connect-src 'self'" in policy and "default-src 'none'" in policy
    assert response.headers["referrer-policy"] == "no-referrer"
