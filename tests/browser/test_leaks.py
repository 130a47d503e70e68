"""Subscribing, cancelling, disposing and re-binding leave no JS listeners or proxies behind.

Listeners are counted by Chromium itself (DevTools `DOMDebugger.getEventListeners` on
`window`), the SDK's visibility handlers by the mock, proxies by the runtime adapter.
"""

from playwright.sync_api import Page, expect

from twt_py.testing import window_listeners


def test_ten_thousand_cycles_leave_nothing(page: Page, runtime: str) -> None:
    page.goto("/_t/%s/leak" % runtime)
    page.wait_for_function("window.__twt_done__ === true", timeout=60_000)
    listeners_before = window_listeners(page)
    handlers_before = page.evaluate("window.__twt_mock__.state().listeners")
    assert listeners_before.get("__twt__custom_event", 0) >= 1  # the facade is listening

    page.evaluate("window.dispatchEvent(new CustomEvent('twt-test', {detail: 'cycle'}))")
    expect(page.locator("#log li").filter(has_text="cycled")).to_be_attached(timeout=120_000)

    results = page.evaluate("window.__twt_results__")
    assert results["live_after"] == results["live_before"], results
    assert window_listeners(page) == listeners_before
    assert page.evaluate("window.__twt_mock__.state().listeners") == handlers_before

    # Still working after all that: a new unread count reaches the lasting subscriber.
    page.evaluate("window.__twt_mock__.agentMessages(4)")
    page.wait_for_function("window.__twt_mock__.state().unread === 4")
    page.evaluate("window.dispatchEvent(new CustomEvent('twt-test', {detail: 'cycle'}))")
    expect(page.locator("#log li").filter(has_text="cycled")).to_have_count(2, timeout=120_000)
    assert page.evaluate("window.__twt_results__.seen") > results["seen"]
