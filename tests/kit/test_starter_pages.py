"""Every page `twt-py init` writes logs nothing on the console: no error, no failed request
(a missing /favicon.ico was one on every page), on each runtime, with the vendor's SDK URL
answered by the mock (as the site's own tests do) and with `?mock` (the page loads the mock
itself, as a site owner trying it with `twt-py serve` does).

The project harness (tests/conftest.py) also fails a test on any console error, failed
response or non-local request; this test names what it saw per page. Headless Chromium asks
for no icon, so the icon is checked as a headed browser fetches it: the page's
`<link rel="icon">`, else `/favicon.ico`, must load.
"""

from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from twt_py._cpython.starter import files, write_site
from twt_py.testing import ChatMock, serve_site

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_MS = 90_000


def _pages(runtime: str) -> "list[str]":
    return sorted(name for name in files(runtime) if name.endswith(".html"))


def test_the_starter_writes_one_page() -> None:
    # What "every page" below means; a new page must be added to the loop's URLs.
    for runtime in ("micropython", "pyodide", "brython"):
        assert _pages(runtime) == ["index.html"]


class Console:
    def __init__(self, page: Page) -> None:
        self.seen: "list[str]" = []
        page.on("console", self._message)
        page.on("pageerror", lambda exc: self.seen.append("uncaught: %s" % exc))
        page.on("requestfailed", lambda r: self.seen.append("failed: %s" % r.url))
        page.on(
            "response",
            lambda r: r.status >= 400 and self.seen.append("HTTP %d for %s" % (r.status, r.url)),
        )

    def _message(self, msg: ConsoleMessage) -> None:
        if msg.type == "error":
            self.seen.append("console.error: %s [at %s]" % (msg.text, msg.location.get("url")))


@pytest.mark.parametrize("query", ["", "?mock"])
def test_a_starter_page_logs_no_error(
    runtime: str, query: str, page: Page, chat_mock: ChatMock, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    write_site(site, runtime=runtime)
    console = Console(page)
    chat_mock.timeout = TIMEOUT_MS
    with serve_site(site, node_modules=ROOT / "node_modules") as url:
        for name in _pages(runtime):
            path = "/" if name == "index.html" else "/" + name
            page.goto(url + path + query)
            contact = page.get_by_role("button", name="Contact us")
            expect(contact).to_be_enabled(timeout=TIMEOUT_MS)
            page.wait_for_function(
                "() => window.__twt__api && window.__twt__api.isReady()", timeout=TIMEOUT_MS
            )
            contact.click()
            page.wait_for_function("() => window.__twt__api.isOpen()", timeout=TIMEOUT_MS)
            icon = page.evaluate(
                "() => (document.querySelector('link[rel~=icon]') || {}).href"
                " || new URL('/favicon.ico', location.href).href"
            )
            if not icon.startswith("data:"):
                answer = page.request.get(icon)
                if not answer.ok:
                    console.seen.append("a browser's icon request: HTTP %d for %s" % (answer.status, icon))
            assert not console.seen, "%s%s logged:\n%s" % (path, query, "\n".join(console.seen))
