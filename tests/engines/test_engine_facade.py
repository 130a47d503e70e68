"""The facade on every engine: the essentials of tests/browser/test_facade.py (which keeps
every member and case on Chromium)."""

import pytest
from _driver import EnginePage
from _pages import command, lines, open_page, wait_line


@pytest.fixture
def facade(engine_page: EnginePage, runtime: str) -> EnginePage:
    """The facade page, twt_py delivered as plain files."""
    open_page(engine_page, "/_t/%s/facade" % runtime)
    return engine_page


@pytest.mark.parametrize("delivery", ["files", "fast"])
def test_facade_before_ready_state_and_bad_input(engine_page: EnginePage, runtime: str, delivery: str) -> None:
    """Both deliveries: the plain files, and what `twt-py build` adds (the fast path)."""
    facade = engine_page
    open_page(facade, "/_t/%s/facade?delivery=%s" % (runtime, delivery))
    results = facade.evaluate("() => window.__twt_results__")
    assert results == {
        "ready_at_start": False,
        "unread_at_start": 0,
        "visibility_at_start": None,
        "version_at_start": None,
    }
    bad = {line.split(" ")[1]: line for line in lines(facade) if line.startswith("bad ")}
    assert bad["language"].startswith("bad language ValueError"), bad
    assert "'xx'" in bad["language"] and "zh-tw" in bad["language"]
    assert bad["position-css"].startswith("bad position-css ValueError")
    assert bad["position-nan"].startswith("bad position-nan ValueError")
    assert bad["position-type"].startswith("bad position-type TypeError")
    assert bad["customer-mm"].startswith("bad customer-mm ValueError")
    assert bad["callback"].startswith("bad callback TypeError")
    assert bad["language-ok"] == "bad language-ok ok"
    assert bad["position-ok"] == "bad position-ok ok"
    calls = facade.evaluate("() => window.__twt_mock__.calls.map(c => c.method)")
    assert calls == ["isReady", "getError"], calls


def test_facade_commands_at_ready_then_state_and_subscribers(facade: EnginePage) -> None:
    facade.allow(r"callback broke on \d")
    facade.evaluate("() => window.__twt_mock__.boot()")
    wait_line(facade, "ready 9.8.7 True")
    calls = facade.evaluate("() => window.__twt_mock__.calls.map(c => [c.method, c.args])")
    queries = ("isReady", "getError", "isOpen")
    applied = [c for c in calls if c[0] not in queries and "." not in c[0]]  # type: ignore[union-attr]
    assert [c[0] for c in applied][:4] == ["setLanguage", "setPosition", "login", "open"], calls
    assert applied[1][1] == [{"right": "24px", "bottom": "80px"}]
    wait_line(facade, "visibility maximized True")
    # The customer's name is text in the SDK's panel (in its shadow root), not markup.
    assert facade.text("[data-testid=twt-customer-name]") == "<b>Ada</b>"

    command(facade, "close")
    wait_line(facade, "visibility minimized False")
    facade.evaluate("() => window.__twt_mock__.agentMessages(3)")
    wait_line(facade, "unread 3")
    command(facade, "state")
    wait_line(facade, "state True False 3 minimized 9.8.7 None True")
    # A subscriber that raises is reported (console.error) and the others still run.
    command(facade, "raise")
    wait_line(facade, "after-broken 3")
    reported = [p for p in facade.problems(allowed=True) if "callback broke on 3" in p]
    assert reported and "RuntimeError" in reported[0], reported
    command(facade, "async")
    wait_line(facade, "async-unread 3")
    command(facade, "await")
    wait_line(facade, "awaited 9.8.7")

