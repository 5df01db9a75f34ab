"""Screenshots of the pages for the README: search, a concept card, an ambiguous abbreviation, a classification.

Serves the app with `cxo serve` on a free port of localhost, drives Debian's chromium with
Playwright (both as in tests/web/pages/test_browser.py) and writes PNGs to docs/screenshots/.
Chinese needs a CJK font (apt-get install fonts-wqy-microhei). With Pillow installed the PNGs are
reduced to a 128-colour palette, about a third of the size; each is printed with its size.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import io
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
VIEWPORT = {"width": 1100, "height": 760}
DESCRIPTIONS = "提供从临床前到商业化阶段的原料药工艺开发与GMP生产，不承担临床试验\nOur CMO leads brand marketing across Asia"


def search(page: Page) -> None:
    page.goto("/")
    page.locator("#q").press_sequentially("clinical tr", delay=60)
    page.locator("#results ol.hits li").first.wait_for()


def concept_card(page: Page) -> None:
    page.goto("/terms/cro")


def ambiguous_abbreviation(page: Page) -> None:
    page.goto("/?q=CMO")


def classification(page: Page) -> None:
    page.goto("/classify")
    page.locator("#text").fill(DESCRIPTIONS)
    page.locator("form.classify button[type=submit]").click()
    page.locator("section.decision").first.wait_for()
    page.locator("section.decision").first.scroll_into_view_if_needed()
    page.evaluate("() => window.scrollBy(0, -60)")
    page.locator("section.decision p.text mark.term a").nth(3).hover()


SHOTS = {"search": search, "concept-card": concept_card, "ambiguous-abbreviation": ambiguous_abbreviation, "classification": classification}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "docs" / "screenshots")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    with serving() as base, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport=VIEWPORT, base_url=base).new_page()
        for name, show in SHOTS.items():
            show(page)
            page.wait_for_timeout(300)  # the last search result and the hover's reason in place
            path = out / f"{name}.png"
            path.write_bytes(smaller(page.screenshot()))
            print(f"{path}: {path.stat().st_size / 1024:.0f} KB")
        browser.close()


class serving:
    """`cxo serve` on a free port for the duration of a with block; gives its base URL."""

    def __enter__(self) -> str:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        cxo = Path(sys.executable).parent / "cxo"
        self.process = subprocess.Popen([str(cxo), "serve", "--port", str(port), "--workers", "1"], stdout=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1).close()
                return base
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("cxo serve did not start") from None
                time.sleep(0.2)

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def smaller(png: bytes) -> bytes:
    """Return the PNG with a 128-colour palette when Pillow is installed (text stays sharp), else as it is."""
    try:
        from PIL import Image
    except ImportError:
        return png
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


if __name__ == "__main__":
    main()
