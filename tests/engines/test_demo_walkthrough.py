"""The demo's main scenario on every engine: the essentials of `tests/browser/test_demo.py`.

One page load per runtime (Pyodide boots in seconds): the page's Python runs and the chat is
ready with the server-signed visitor; the cookie banner lifts the chat and lets it down again;
"Contact us" opens the chat and the page follows; agent messages count on the page's own badge
up to "99+"; a language reaches the widget and the page; a failing SDK shows the fallback
contact. The Chromium suite keeps every other scenario.

Clicks: with the vendor's launcher off (the demo's default) and the chat closed, nothing of the
widget is near the buttons clicked. The cookie banner, fixed at the bottom, would cover a
button that WebDriver scrolls to the bottom edge, so it is accepted first.
"""

from typing import Any

import pytest
from _driver import EnginePage
from _steps import focus_on, has_text, hidden, logged, mock_state, open_demo, shown

pytestmark = pytest.mark.browser

OUTAGE = "the chat service stopped answering (simulated outage)"


def is_hidden(page: EnginePage, element_id: str) -> bool:
    return page.evaluate("(id) => document.getElementById(id).hidden", element_id) is True


def test_demo_walkthrough(engine_page: EnginePage, runtime: str) -> None:
    open_demo(engine_page, runtime, "?delay=0")
    # Ready: the line the page's Python writes from Chat's state, the event log, the identity.
    has_text(engine_page, "#status-line", "ready: yes · version: 1.2.0-mock · error: none")
    logged(engine_page, "ready", "SDK ready, version 1.2.0-mock")
    has_text(engine_page, "#st-visitor", "Demo Visitor (demo-1001)")
    assert mock_state(engine_page, "customer")["sbs"] == "demo-1001"

    # The cookie banner lifts the chat above it; accepted, the chat goes back down.
    lift: Any = engine_page.evaluate(
        "() => document.getElementById('cookie-banner').offsetHeight + 16"
    )
    position = "(want) => window.__twt_mock__.state().position.bottom === want"
    engine_page.wait_for(position, "%dpx" % lift, timeout_ms=10_000)
    engine_page.click("#cookie-accept")
    engine_page.wait_for(position, "20px", timeout_ms=10_000)

    # "Contact us" opens the chat (the focus moves into it); Escape closes it; the page follows.
    engine_page.click("#contact-btn")
    shown(engine_page, "twt-panel")
    focus_on(engine_page, "twt-input")
    has_text(engine_page, "#st-open", "yes")
    logged(engine_page, "visibility", "maximized (open)")
    engine_page.press("Escape")
    hidden(engine_page, "twt-panel")
    has_text(engine_page, "#st-open", "no")
    logged(engine_page, "visibility", "hidden (closed)")

    # Agent messages: the badge on the page's button counts them, up to 99+.
    assert is_hidden(engine_page, "unread-badge")
    engine_page.click("#sim-message")
    has_text(engine_page, "#unread-badge", "1")
    assert not is_hidden(engine_page, "unread-badge")
    engine_page.click("#sim-burst")
    has_text(engine_page, "#unread-badge", "6")
    engine_page.click("#sim-flood")
    has_text(engine_page, "#unread-badge", "99+")
    has_text(engine_page, "#st-unread", "126")
    logged(engine_page, "unread", "126 unread messages")

    # A language: the widget and the site's own button follow.
    engine_page.click('#languages [data-lang="ja"]')
    engine_page.wait_for(
        "() => document.getElementById('twt-mock-widget').shadowRoot"
        ".querySelector('[data-testid=twt-widget]').dataset.lang === 'ja'",
        timeout_ms=10_000,
    )
    has_text(engine_page, "#contact-label", "お問い合わせ")
    logged(engine_page, "command", "Chat.set_language('ja')")

    # The SDK fails: the fallback contact, and the page says why.
    engine_page.click("#sim-fail")
    has_text(engine_page, "#chat-status", "Chat unavailable")
    assert not is_hidden(engine_page, "fallback-contact")
    has_text(engine_page, "#fallback-reason", "Why: " + OUTAGE)
    logged(engine_page, "error", OUTAGE)
    engine_page.click("#contact-btn")
    has_text(engine_page, "#notice", "Live chat is unavailable right now: please email or call us.")
