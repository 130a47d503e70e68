"""Lazy loading on every engine: no SDK request before intent, a placeholder launcher that
loads and opens the chat on a real click, `Chat.open()` from Python, and idle loading where
`requestIdleCallback` is missing (Safari). The essentials of tests/browser/test_lazy.py and
test_lazy_shim.py; the full cases run on Chromium."""

from _driver import EnginePage
from _pages import BOOT_MS, DONE, FETCHED, open_page, wait_line

SDK = "twt-mock-sdk.js"
PLACEHOLDER = "[data-testid=twt-placeholder]"
MOCK = "() => window.__twt_mock__ ? window.__twt_mock__.state() : null"
OPEN = "() => window.__twt_mock__ && window.__twt_mock__.state().ready && window.__twt_mock__.state().open"
OPEN_CALLS = "() => window.__twt_mock__.calls.filter(c => c.method === 'open').length"


def names(page: EnginePage, part: str) -> "list[str]":
    return [str(u).split("?")[0].rsplit("/", 1)[1] for u in page.evaluate(FETCHED, part)]  # type: ignore[attr-defined]


def test_lazy_click_on_the_placeholder_loads_and_opens_once(engine_page: EnginePage, runtime: str) -> None:
    page = engine_page
    open_page(page, "/_t/%s/lazy?lang=de" % runtime)
    page.wait_for("() => !!document.getElementById('twt-early-launcher')")
    assert page.count(PLACEHOLDER) == 1
    assert page.attribute(PLACEHOLDER, "aria-label") == "Chat öffnen"  # install(lang="de") relabels it
    assert names(page, SDK) == []
    assert page.evaluate("() => window.__twt_early__.lazy.requested") is False
    assert page.evaluate(MOCK) is None

    page.click(PLACEHOLDER)
    page.wait_for(OPEN, timeout_ms=20_000)
    assert page.evaluate(OPEN_CALLS) == 1
    # A real pointer passes over the placeholder before it clicks: hover may be first.
    assert page.evaluate("() => window.__twt_early__.lazy.wanted") in ("hover", "click")
    assert names(page, SDK) == [SDK]
    wait_line(page, "visibility maximized True")
    # The placeholder gave way to the SDK's own launcher.
    page.wait_for("() => !document.querySelector('#twt-early-launcher')")


def test_lazy_chat_open_from_python_loads_with_identity(engine_page: EnginePage, runtime: str) -> None:
    page = engine_page
    open_page(page, "/_t/%s/lazy?customer=1" % runtime)
    assert names(page, SDK) == []
    page.evaluate("() => window.dispatchEvent(new CustomEvent('twt-test', {detail: 'open'}))")
    page.wait_for(OPEN, timeout_ms=20_000)
    assert page.evaluate("() => window.__twt_early__.lazy.wanted") == "api"
    assert page.evaluate(OPEN_CALLS) == 1
    state = page.evaluate(MOCK)
    assert isinstance(state, dict)
    assert state["customer"]["sbs"] == "1001" and state["customer"]["name"] == "Ada"


def test_lazy_one_shim_file_and_idle_loading(engine_page: EnginePage, runtime: str) -> None:
    page = engine_page
    page.goto("/_t/%s/lazy?head=idle" % runtime)
    page.wait_for(DONE, timeout_ms=BOOT_MS)
    assert [n for n in names(page, "/static/twt-") if n != SDK] == ["twt-lazy.js"]  # the placeholder code in one file
    page.wait_for("() => window.__twt_mock__ && window.__twt_mock__.state().ready", timeout_ms=20_000)
    assert page.evaluate("() => window.__twt_early__.lazy.wanted") == "idle"
    state = page.evaluate(MOCK)
    assert isinstance(state, dict) and state["open"] is False
