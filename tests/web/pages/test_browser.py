"""The pages in a real browser: Debian's Chromium driven by Playwright, against `cxo serve` on localhost.

Every request to anything but this server is aborted and recorded (none may be attempted), and
every console error fails the test: a violation of the content security policy, which the pages
send, is one. Needs the chromium package (.ci/run installs it); Playwright cannot fetch a browser here.
"""

from __future__ import annotations

import json
import os
import urllib.parse
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

playwright = pytest.importorskip("playwright.sync_api", reason="needs the test extra (pip install -e '.[test]')")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base_url(server) -> str:
    """The address of the session's `cxo serve` (tests/web/conftest.py)."""
    port, _log = server
    return f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        missing = "needs Debian's chromium at /usr/bin/chromium (apt-get install chromium fonts-wqy-microhei; .ci/run does)"
        if os.environ.get("CI") == "true":
            pytest.fail(missing)
        pytest.skip(missing)
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """A browser context cut off from everything but the server, recording what it tried and what it logged."""

    def __init__(self, browser, server: str, **options: object) -> None:
        self.server, self.outside, self.errors = server, [], []
        self.context = browser.new_context(**options)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route) -> None:
        parts = urlsplit(route.request.url)
        if parts.hostname in ("127.0.0.1", "localhost") and f"{parts.scheme}://{parts.netloc}" == self.server:
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def open(self, path: str) -> None:
        self.page.goto(self.server + path)

    def close(self) -> None:
        self.context.close()
        assert self.outside == [], f"requests outside the service: {self.outside}"
        assert self.errors == [], f"console errors: {self.errors}"


@pytest.fixture()
def visit(browser, base_url):
    visits = []

    def start(**options: object) -> Visit:
        visits.append(Visit(browser, base_url, **options))
        return visits[-1]

    yield start
    for one in visits:
        one.close()


# Layout shifts while the page is open, added up (the Cumulative Layout Shift of web vitals, recent input included).
WATCH_SHIFTS = """() => { window.shifts = 0; new PerformanceObserver((list) => { for (const e of list.getEntries()) window.shifts += e.value; })
  .observe({type: "layout-shift", buffered: false}); }"""


@pytest.mark.parametrize(
    ("typed", "link", "name", "lang"),
    [
        ("clinical tri", "/terms/clinical-trial", "clinical trial", "en"),
        ("临床试验", "/terms/clinical-trial", "临床试验", "zh-Hans"),
        ("臨床試驗", "/terms/clinical-trial", "臨床試驗", "zh-Hant"),
        ("GMP", "/terms/gmp", "GMP", "en"),
    ],
)
def test_results_come_as_you_type_without_a_reload_or_a_layout_shift(visit, typed, link, name, lang):
    v = visit(viewport={"width": 1280, "height": 800})
    v.open("/")
    page = v.page
    page.evaluate("() => { window.sameDocument = true; }")
    page.evaluate(WATCH_SHIFTS)
    box = page.locator("#q").bounding_box()
    page.locator("#q").press_sequentially(typed, delay=40)
    first = page.locator(f"#results ol.hits a[href='{link}']").first
    first.wait_for()
    assert (first.locator("span").inner_text(), first.locator("span").get_attribute("lang")) == (name, lang)
    assert page.evaluate("() => window.sameDocument") is True  # no page load: the results came by script
    assert page.locator("#q").bounding_box() == box
    assert page.evaluate("() => window.shifts") < 0.01
    assert page.url.endswith("?" + urllib.parse.urlencode({"q": typed}))
    assert f"for {typed}" in page.locator("#status").inner_text()  # the status line read to screen readers


def test_an_abbreviation_typed_shows_every_sense_and_the_keyboard_opens_a_card(visit):
    v = visit()
    v.open("/")
    page = v.page
    page.locator("#q").press_sequentially("CMO", delay=40)
    senses = page.locator("#results section.senses li")
    senses.first.wait_for()
    assert senses.count() == 7
    assert senses.first.locator("a").first.get_attribute("href") == "/terms/cmo"
    assert page.locator("#results .apart h3").inner_text() == "How to tell them apart"
    page.locator("#q").press("ArrowDown")
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == "/terms/cmo"
    page.keyboard.press("Enter")
    page.wait_for_url("**/terms/cmo")
    assert page.locator("h1").inner_text() == "contract manufacturing organization CMO"


def test_a_concept_card_copies_a_term_and_marks_its_languages(visit):
    v = visit(permissions=["clipboard-read", "clipboard-write"])
    v.open("/terms/cro")
    page = v.page
    item = page.locator("li.name", has=page.locator("span.text[lang='zh-Hant']")).first
    term = item.locator("span.text").inner_text()
    item.locator("button.copy").click()
    # the button says so for 1.5 s: wait for it rather than read it once (a busy machine may be slower to paint)
    playwright.expect(item.locator("button.copy")).to_have_text("Copied")
    assert page.evaluate("() => navigator.clipboard.readText()") == term
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".columns h3[lang='zh-Hant']").first.inner_text() == "繁體中文"


@pytest.mark.parametrize(
    ("text", "label", "marks"),
    [
        (
            "提供从临床前到商业化阶段的原料药工艺开发与GMP生产，不承担临床试验",
            "CDMO",
            {("term", "工艺开发", "/terms/process-development"), ("term", "GMP", "/terms/gmp"), ("negated", "临床试验", "/terms/clinical-trial")},
        ),
        (
            "Our CMO leads brand marketing",
            "NONE",
            {("other-sense", "CMO", "/terms/chief-marketing-officer")},
        ),
        (
            "We are a CDMO offering process development and cGMP manufacturing of biologics for clients; we do not run clinical trials.",
            "CDMO",
            {("term", "CDMO", "/terms/cdmo"), ("term", "process development", "/terms/process-development"), ("negated", "clinical trials", "/terms/clinical-trial")},
        ),
    ],
)
def test_a_classified_description_has_its_evidence_highlighted_with_the_reason_on_hover(visit, text, label, marks):
    v = visit()
    v.open("/classify")
    page = v.page
    page.locator("#text").fill(text)
    page.locator("form.classify button[type=submit]").click()
    decision = page.locator("section.decision").first
    decision.wait_for()
    assert decision.locator("h2 .label").first.inner_text() == label
    found = set()
    for mark in decision.locator("p.text mark").all():
        kind = mark.get_attribute("class").removeprefix("ev ")
        if mark.locator("a").count():
            found.add((kind, mark.locator("a").inner_text(), mark.locator("a").get_attribute("href")))
    assert marks <= found
    reason = decision.locator("p.text mark a").first.locator("xpath=..").locator(".why")
    assert reason.bounding_box()["width"] <= 1  # read by screen readers, not shown
    decision.locator("p.text mark a").first.hover()
    assert reason.bounding_box()["width"] > 50 and reason.inner_text().startswith("(")


def test_the_api_reference_lists_every_endpoint_with_no_network_beyond_localhost(visit, base_url):
    v = visit()
    v.open("/docs")
    page = v.page
    operations = page.locator(".opblock")
    operations.first.wait_for(timeout=20_000)
    spec = json.loads(urllib.request.urlopen(f"{base_url}/openapi.json", timeout=5).read())
    expected = sorted((method.upper(), path) for path, item in spec["paths"].items() for method in item if method in ("get", "post"))
    shown = sorted((o.locator(".opblock-summary-method").inner_text(), o.locator(".opblock-summary-path").get_attribute("data-path")) for o in operations.all())
    assert shown == expected
    assert page.locator(".info .title").inner_text().startswith("CXO glossary and classifier")


@pytest.mark.parametrize("path", ["/", "/?q=CMO", "/terms/cmo", "/browse", "/classify", "/check", "/docs"])
def test_a_phone_shows_every_page_without_sideways_scrolling(visit, path):
    v = visit(viewport={"width": 375, "height": 740}, is_mobile=True, device_scale_factor=2)
    v.open(path)
    if path == "/docs":
        v.page.locator(".opblock").first.wait_for(timeout=20_000)
    assert v.page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def test_the_browse_filter_hides_what_does_not_match(visit):
    v = visit()
    v.open("/browse?category=clinical")
    page = v.page
    page.locator("#filter").fill("监查")
    visible = page.locator("#concepts li:visible")
    assert visible.count() >= 1
    assert all("监查" in item.inner_text() for item in visible.all())


def test_the_checks_can_fail_a_request_outside_is_recorded_and_inline_script_is_refused(visit):
    v = visit()
    v.page.set_content('<img src="https://cdn.example.invalid/x.png" alt="">')
    v.page.wait_for_timeout(300)
    assert v.outside == ["https://cdn.example.invalid/x.png"]
    v.open("/")
    v.page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1'; document.head.append(s); }")
    assert v.page.evaluate("() => window.injected") is None
    assert any("Content Security Policy" in error for error in v.errors)
    v.outside, v.errors = [], []  # seen: these were the point of the test
