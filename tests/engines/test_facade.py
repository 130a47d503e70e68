"""The facade on every engine: the essentials of tests/browser/test_facade.py."""

import pytest
from _driver import EnginePage

LINES = "() => [...document.querySelectorAll('#log li')].map(li => li.textContent)"


def wait_line(page: EnginePage, text: str) -> None:
    page.wait_for("(t) => [...document.querySelectorAll('#log li')].some(li => li.textContent.includes(t))", text, 20_000)


def command(page: EnginePage, cmd: str) -> None:
    page.evaluate(
        "async c => { window.dispatchEvent(new CustomEvent('twt-test', {detail: c}));"
        " await window.__twt_command__; }",
        cmd,
    )


@pytest.fixture(params=["files", "fast"])
def facade(request: pytest.FixtureRequest, engine_page: EnginePage, runtime: str) -> EnginePage:
    engine_page.goto("/_t/%s/facade?delivery=%s" % (runtime, request.param))
    engine_page.wait_for("() => window.__twt_done__ === true")
    return engine_page


def test_facade_before_ready_state_and_bad_input(facade: EnginePage) -> None:
    results = facade.evaluate("() => window.__twt_results__")
    assert results == {
        "ready_at_start": False,
        "unread_at_start": 0,
        "visibility_at_start": None,
        "version_at_start": None,
    }
    lines = [str(x) for x in facade.evaluate(LINES)]  # type: ignore[attr-defined]
    bad = {line.split(" ")[1]: line for line in lines if line.startswith("bad ")}
    assert bad["language"].startswith("bad language ValueError"), bad
    assert "'xx'" in bad["language"]
    assert bad["position-type"].startswith("bad position-type TypeError")
    assert bad["customer-mm"].startswith("bad customer-mm ValueError")
    assert bad["language-ok"] == "bad language-ok ok"
    calls = facade.evaluate("() => window.__twt_mock__.calls.map(c => c.method)")
    assert calls == ["isReady", "getError"], calls
