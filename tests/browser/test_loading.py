"""No event missed in any load order: {install(), snippet + shim, snippet} x {before, after}."""

import pytest
from playwright.sync_api import Page, expect

MOCK_VERSION = "1.2.0-mock"


def wait_line(page: Page, text: str) -> None:
    expect(page.locator("#log li").filter(has_text=text).first).to_be_attached(timeout=15_000)


def lines(page: Page) -> "list[str]":
    return page.locator("#log li").all_inner_texts()


@pytest.mark.parametrize("delivery", ["files", "fast"])
@pytest.mark.parametrize("how", ["install", "shim", "snippet"])
@pytest.mark.parametrize("mode", ["before", "after"])
def test_load_order(page: Page, runtime: str, how: str, mode: str, delivery: str) -> None:
    page.goto("/_t/%s/loading?head=%s&mode=%s&delivery=%s" % (runtime, how, mode, delivery))
    page.wait_for_function("window.__twt_done__ === true", timeout=60_000)
    results = page.evaluate("window.__twt_results__")
    sdk_ready_first = mode == "before" and how != "install"
    assert results["ready_at_bind"] is sdk_ready_first
    # `_install` loads on first use of `install`, which the package still exports
    assert results["install_loaded_at_import"] is False
    assert results["install_is_one"] is True
    if mode == "after" and how != "install":
        page.evaluate("window.__twt_mock__.boot()")
    if mode == "after":
        page.wait_for_function("window.__twt_mock__ && window.__twt_mock__.state().ready")
        page.evaluate("window.__twt_mock__.state().unread === 2 || window.__twt_mock__.agentMessages(2)")

    # What every subscriber sees, whenever it subscribed.
    recoverable = not (how == "snippet" and mode == "before")
    wait_line(page, "ready %s" % (MOCK_VERSION if recoverable else "None"))
    if recoverable:
        wait_line(page, "unread 2")
    # The launcher was hidden by a command: the last visibility is hidden.
    wait_line(page, "visibility hidden False")
    page.evaluate("window.dispatchEvent(new CustomEvent('twt-test', {detail: 'state'}))")
    wait_line(page, "state True")
    state_line = next(line for line in lines(page) if line.startswith("state "))
    unread = "2" if recoverable else "0"
    version = MOCK_VERSION if recoverable else "None"
    assert state_line == "state True %s %s hidden None" % (version, unread), lines(page)
    assert not [line for line in lines(page) if line.startswith("error")]

    # Commands made at Python start reached the SDK in order, once each.
    calls = page.evaluate(
        "window.__twt_mock__.calls.map(c => c.method)"
        ".filter(m => ['setLanguage', 'setPosition', 'hideBadge'].includes(m))"
    )
    assert calls == ["setLanguage", "setPosition", "hideBadge"]
    state = page.evaluate("window.__twt_mock__.state()")
    assert state["language"] == "de"
    assert state["position"] == {"right": "10px", "bottom": "90px"}
    assert state["launcher"] is False
