"""The kit's example site (`examples/shop/`) on every engine: each page starts, the chat works.

The shop is served as `twt_py.testing.serve_site` serves a site owner's folder (its files, the
runtimes at `/runtimes/`, twt_py at `/dist/`, the shim and the mock SDK at `/static/`), behind
the test server's page guard (`twt_py/_cpython/pageguard.py`: the same CSP, error recorder and
log), with one change: its pages load the vendor's production SDK URL (https), which
`chat_mock` answers in Chromium by routing the request. WebDriver cannot route requests, and a
local proxy cannot answer https without a certificate the browser trusts, so the three pages
are copied here with that one URL replaced by the kit's mock SDK at `/static/twt-mock-sdk.js`
(the file `chat_mock` serves for it). Everything else is as written.

On each page: the Python starts (`data-app="ready"`), the chat comes online, agent messages
show on the unread badge, "Contact us" opens the chat (reading the messages clears the badge),
and the language picker reaches the SDK. `examples/shop/tests/` keeps the other cases.
"""

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _driver import EnginePage
from _steps import BOOT_MS, STEP_MS, has_text, mock_state
from starlette.applications import Starlette
from starlette.routing import Mount

from twt_py._cpython.pageguard import GuardLog, PageGuardMiddleware
from twt_py._cpython.site_app import create_site_app, running
from twt_py.testing._routing import PRODUCTION_SDK_URL

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOP = ROOT / "examples" / "shop"
PAGES = {"micropython": "/index.html", "brython": "/brython.html", "pyodide": "/pyodide.html"}


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator["tuple[str, GuardLog]"]:
    """The shop's base URL and its server's guard log (HTTP errors, CSP reports)."""
    site = tmp_path_factory.mktemp("shop")
    for source in SHOP.iterdir():
        if source.is_file():
            shutil.copy(source, site / source.name)
    for name in PAGES.values():
        page = site / name.lstrip("/")
        html = page.read_text("utf-8")
        assert html.count(PRODUCTION_SDK_URL) == 1, "%s: the vendor's snippet changed" % name
        page.write_text(html.replace(PRODUCTION_SDK_URL, "./static/twt-mock-sdk.js"), "utf-8")
    log = GuardLog()
    files = create_site_app(site, node_modules=ROOT / "node_modules")
    app = Starlette(routes=[*log.routes(), Mount("/", files)])
    with running(PageGuardMiddleware(app, log)) as url:
        yield url, log


def server_problems(log: GuardLog, since: int) -> "list[str]":
    # Firefox and WebKit ask for /favicon.ico by themselves; the shop has none (the browser's
    # request, not the site's).
    return [e for e in log.entries[since:] if e != "HTTP 404 for /favicon.ico"]


def test_shop_page_starts_and_the_chat_works(
    engine_page: EnginePage, runtime: str, shop: "tuple[str, GuardLog]"
) -> None:
    url, log = shop
    seen = len(log.entries)
    engine_page.goto(url + PAGES[runtime])
    try:
        engine_page.wait_for("() => document.body.dataset.app === 'ready'", timeout_ms=BOOT_MS)
    except AssertionError:
        raise AssertionError(
            "the shop's Python did not start: %s"
            % (server_problems(log, seen) or "no server errors")
        ) from None
    # The page guard is on this server too: the page's own errors reach `problems()`.
    assert engine_page.evaluate("() => !!window.__twt_guard__") is True
    has_text(engine_page, "#chat-status", "Chat online")
    assert mock_state(engine_page, "appid") == "paper-and-pine"

    # Agent messages: the page's badge counts them.
    assert engine_page.evaluate("() => document.getElementById('unread').hidden") is True
    engine_page.evaluate("() => { window.__twt_mock__.agentMessage('Your order has shipped'); }")
    has_text(engine_page, "#unread", "1")
    engine_page.evaluate("() => { window.__twt_mock__.agentMessages(2); }")
    has_text(engine_page, "#unread", "3")
    assert engine_page.evaluate("() => document.getElementById('unread').hidden") is False

    # "Contact us" opens the chat, the page follows the window, reading clears the badge.
    engine_page.click("#contact")
    engine_page.wait_for(
        "() => { const s = window.__twt_mock__.state();"
        " return s.open && s.visibility === 'maximized' && s.unread === 0; }",
        timeout_ms=STEP_MS,
    )
    engine_page.wait_for(
        "() => document.getElementById('contact').getAttribute('aria-expanded') === 'true'",
        timeout_ms=STEP_MS,
    )
    engine_page.wait_for("() => document.getElementById('unread').hidden", timeout_ms=STEP_MS)

    # The language picker: a <select>, changed as a visitor's choice does (value, then the
    # change event); opening a native select's list differs per engine and platform.
    engine_page.evaluate(
        "() => { const s = document.getElementById('language'); s.value = 'ja';"
        " s.dispatchEvent(new Event('change', {bubbles: true})); }"
    )
    engine_page.wait_for("() => window.__twt_mock__.state().language === 'ja'", timeout_ms=STEP_MS)
    calls: Any = engine_page.evaluate(
        "() => window.__twt_mock__.calls.map((c) => [c.method, c.args])"
    )
    assert ["setLanguage", ["ja"]] in calls, calls
    # The shop's server saw no HTTP error and no CSP report (the page's own errors: the fixture).
    assert server_problems(log, seen) == []
