"""Every public member of the Chat facade, on every runtime, against the mock SDK."""

import pytest
from playwright.sync_api import Page, expect

TIMEOUT = 60_000


def log(page: Page):
    return page.locator("#log li")


def wait_line(page: Page, text: str) -> None:
    expect(log(page).filter(has_text=text).first).to_be_attached(timeout=10_000)


def command(page: Page, cmd: str) -> None:
    # In a worker (tests/browser/test_workers.py) the page hands the command over and keeps
    # the Promise of the worker's call: wait for it, as the main thread runs it before returning.
    page.evaluate(
        "async c => { window.dispatchEvent(new CustomEvent('twt-test', {detail: c}));"
        " await window.__twt_command__; }",
        cmd,
    )


def lines(page: Page) -> "list[str]":
    return log(page).all_inner_texts()


@pytest.fixture(params=["files", "fast"])
def delivery(request: pytest.FixtureRequest) -> str:
    """How the page gets twt_py: the plain `.py` files, or what `twt-py build` adds."""
    return str(request.param)


@pytest.fixture
def facade(page: Page, runtime: str, delivery: str) -> Page:
    page.goto("/_t/%s/facade?delivery=%s" % (runtime, delivery))
    page.wait_for_function("window.__twt_done__ === true", timeout=TIMEOUT)
    return page


def test_before_ready_state_and_bad_input(facade: Page) -> None:
    results = facade.evaluate("window.__twt_results__")
    assert results == {
        "ready_at_start": False,
        "unread_at_start": 0,
        "visibility_at_start": None,
        "version_at_start": None,
    }
    bad = {line.split(" ")[1]: line for line in lines(facade) if line.startswith("bad ")}
    assert bad["language"].startswith("bad language ValueError")
    for code in ("en", "zh-cn", "zh-tw", "ja", "ko", "de", "fr", "pt", "ru"):
        assert code in bad["language"]
    assert "'xx'" in bad["language"]
    assert bad["position-css"].startswith("bad position-css ValueError")
    assert "background:red" in bad["position-css"]
    assert bad["position-negative"].startswith("bad position-negative ValueError")
    assert bad["position-nan"].startswith("bad position-nan ValueError")
    assert bad["position-type"].startswith("bad position-type TypeError")
    assert bad["customer-mm"].startswith("bad customer-mm ValueError")
    assert "32 lower-case hex" in bad["customer-mm"]
    assert bad["customer-type"].startswith("bad customer-type TypeError")
    assert bad["callback"].startswith("bad callback TypeError")
    assert bad["language-ok"] == "bad language-ok ok"
    assert bad["position-ok"] == "bad position-ok ok"
    # No command reached the SDK before ready: the facade only asked for its state.
    calls = facade.evaluate("window.__twt_mock__.calls.map(c => c.method)")
    assert calls == ["isReady", "getError"], calls


def test_pending_commands_apply_in_order_at_ready(facade: Page) -> None:
    facade.evaluate("window.__twt_mock__.boot()")
    wait_line(facade, "ready 9.8.7 True")
    calls = facade.evaluate("window.__twt_mock__.calls.map(c => [c.method, c.args])")
    queries = ("isReady", "getError", "isOpen")
    calls = [c for c in calls if c[0] not in queries and "." not in c[0]]
    methods = [c[0] for c in calls]
    assert methods[:4] == ["setLanguage", "setPosition", "login", "open"], calls
    assert calls[0][1] == ["zh-tw"]
    assert calls[1][1] == [{"right": "24px", "bottom": "80px"}]
    assert calls[2][1][:4] == ["1001", "0123456789abcdef0123456789abcdef", "r" * 16, "<b>Ada</b>"]
    state = facade.evaluate("window.__twt_mock__.state()")
    assert state["open"] is True
    assert state["language"] == "zh-tw"
    assert state["position"] == {"right": "24px", "bottom": "80px"}
    assert state["customer"]["name"] == "<b>Ada</b>"
    wait_line(facade, "visibility maximized True")
    # The customer name is text in the panel, not markup.
    expect(facade.get_by_test_id("twt-customer-name")).to_have_text("<b>Ada</b>")


def test_commands_state_and_subscribers_after_ready(facade: Page, console_errors) -> None:
    console_errors.allow(r"callback broke on \d")
    facade.evaluate("window.__twt_mock__.boot()")
    wait_line(facade, "visibility maximized True")
    command(facade, "close")
    wait_line(facade, "visibility minimized False")
    facade.evaluate("window.__twt_mock__.agentMessages(3)")
    wait_line(facade, "unread 3")
    command(facade, "state")
    wait_line(facade, "state True False 3 minimized 9.8.7 None True")

    command(facade, "late")
    wait_line(facade, "late-ready 9.8.7")
    wait_line(facade, "late-unread 3")
    wait_line(facade, "late-visibility minimized")

    command(facade, "raise")
    wait_line(facade, "after-broken 3")
    errors = [e for e in console_errors.errors if "callback broke on 3" in e]
    assert errors and "RuntimeError" in errors[0], console_errors.errors
    assert "broken" in errors[0]  # the traceback names the user's function

    command(facade, "async")
    wait_line(facade, "async-unread 3")

    command(facade, "toggle")
    wait_line(facade, "visibility maximized True")
    wait_line(facade, "unread 0")  # opening reads the messages
    command(facade, "toggle")
    command(facade, "hide")
    wait_line(facade, "visibility hidden False")
    assert facade.evaluate("window.__twt_mock__.state().launcher") is False

    command(facade, "cancel")
    wait_line(facade, "cancelled True")
    before = len([line for line in lines(facade) if line.startswith("late-")])
    facade.evaluate("window.__twt_mock__.agentMessages(2)")
    wait_line(facade, "unread 2")
    after = len([line for line in lines(facade) if line.startswith("late-")])
    assert after == before, "a cancelled subscription was called"

    command(facade, "await")
    wait_line(facade, "awaited 9.8.7")


def test_ready_timeout_then_ready_releases_its_timers(page: Page, runtime: str, delivery: str) -> None:
    page.goto("/_t/%s/ready_timeout?delivery=%s" % (runtime, delivery))
    page.wait_for_function("window.__twt_done__ === true", timeout=TIMEOUT)
    assert lines(page) == ["timeout True", "live-after-timeout 0", "ready 1.2.0-mock 0"]
