"""Loading on every engine: no event missed whichever loads first, Python or the SDK, with
the early shim or without (the essentials of tests/browser/test_loading.py, whose full
{install, shim, snippet} x {before, after} x delivery grid runs on Chromium)."""

import pytest
from _driver import EnginePage
from _pages import lines, open_page, wait_line

MOCK_VERSION = "1.2.0-mock"


@pytest.mark.parametrize(
    ("how", "mode", "delivery"),
    [("shim", "before", "files"), ("install", "after", "fast")],
    ids=["shim-before", "install-after-fast"],
)
def test_loading_misses_no_event(engine_page: EnginePage, runtime: str, how: str, mode: str, delivery: str) -> None:
    page = engine_page
    open_page(page, "/_t/%s/loading?head=%s&mode=%s&delivery=%s" % (runtime, how, mode, delivery))
    results = page.evaluate("() => window.__twt_results__")
    assert isinstance(results, dict)
    assert results["ready_at_bind"] is (mode == "before" and how != "install")
    assert results["install_loaded_at_import"] is False
    if mode == "after" and how != "install":
        page.evaluate("() => window.__twt_mock__.boot()")
    if mode == "after":
        page.wait_for("() => window.__twt_mock__ && window.__twt_mock__.state().ready")
        page.evaluate("() => window.__twt_mock__.state().unread === 2 || window.__twt_mock__.agentMessages(2)")
    wait_line(page, "ready %s" % MOCK_VERSION)
    wait_line(page, "unread 2")
    wait_line(page, "visibility hidden False")
    page.evaluate("() => window.dispatchEvent(new CustomEvent('twt-test', {detail: 'state'}))")
    wait_line(page, "state True")
    state_line = next(line for line in lines(page) if line.startswith("state "))
    assert state_line == "state True %s 2 hidden None" % MOCK_VERSION, lines(page)
    assert not [line for line in lines(page) if line.startswith("error")]
    calls = page.evaluate(
        "() => window.__twt_mock__.calls.map(c => c.method)"
        ".filter(m => ['setLanguage', 'setPosition', 'hideBadge'].includes(m))"
    )
    assert calls == ["setLanguage", "setPosition", "hideBadge"]
    state = page.evaluate("() => window.__twt_mock__.state()")
    assert isinstance(state, dict)
    assert state["language"] == "de" and state["position"] == {"right": "10px", "bottom": "90px"}
