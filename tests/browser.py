"""Debian's Chromium, headless, driven by Playwright: where the browser tests find it and keep their
screenshots."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The browser itself, not Debian's wrapper script around it.
CANDIDATES = ("/usr/lib/chromium/chromium", shutil.which("chromium") or "/usr/bin/chromium")


def chromium_path() -> str:
    for candidate in CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    pytest.fail("Chromium is not installed: `apt-get install -y chromium` (.ci/run does it)")


def artifacts_dir(name: str) -> Path:
    """Where a test keeps its screenshots: $NEWSFACTS_TEST_ARTIFACTS, else test-artifacts/ in the checkout."""
    folder = Path(os.environ.get("NEWSFACTS_TEST_ARTIFACTS", ROOT / "test-artifacts")) / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextmanager
def browser_page(allowed: tuple[str, ...], width: int = 1200, height: int = 900) -> Iterator:
    """A page that may load only URLs starting with one of `allowed`: any other request is aborted
    and listed in `page.blocked`. `page.errors` gathers console errors and uncaught exceptions,
    `page.failed` the requests that failed."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox", "--disable-gpu"])
        try:
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            page.errors, page.failed, page.blocked, page.requests = [], [], [], []

            def route(r):
                if r.request.url.startswith(allowed):
                    r.continue_()
                else:
                    page.blocked.append(r.request.url)
                    r.abort()

            context.route("**/*", route)
            page.on("request", lambda r: page.requests.append(r.url))
            page.on("requestfailed", lambda r: page.failed.append(f"{r.url}: {r.failure}"))
            page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: page.errors.append(str(e)))
            yield page
        finally:
            browser.close()
