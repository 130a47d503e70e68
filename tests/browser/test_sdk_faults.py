"""A faulty SDK never takes the page's Python down with it, on every runtime.

Each fault is injected into a strict stand-in of the SDK (`tests/pages/sdk_faults.json`: the
mock, with any api method made to throw), into a script served by the test, or as events the
test dispatches itself; the page's Python logs what it saw and "alive <cmd>" after each
command, so a runtime that stopped running Python fails the wait.
"""

import re

import pytest
from playwright.sync_api import Page, expect

TIMEOUT = 60_000
BROKEN_SDK = (
    "window.__twt__api = {isReady: function () { return false; }};\n"
    "throw new Error('sdk boom while booting');\n"
)


def lines(page: Page) -> "list[str]":
    return page.locator("#log li").all_inner_texts()


def wait_line(page: Page, text: str) -> None:
    expect(page.locator("#log li").filter(has_text=text).first).to_be_attached(timeout=10_000)


def command(page: Page, cmd: str) -> None:
    page.evaluate("c => window.dispatchEvent(new CustomEvent('twt-test', {detail: c}))", cmd)
    wait_line(page, "alive " + cmd)


def faults(page: Page, *names: str) -> None:
    page.evaluate(
        "names => { const f = window.__twt_faults__; Object.keys(f).forEach(k => delete f[k]);"
        " names.forEach(n => { f[n] = true; }); }",
        list(names),
    )


def sdk_calls(page: Page) -> "list[list[object]]":
    return page.evaluate("window.__twt_mock__.calls.map(c => [c.method, c.args])")


def warnings(page: Page) -> "list[str]":
    return page.evaluate("window.__twt_warnings__")


@pytest.fixture
def watch_warnings(page: Page) -> Page:
    """Collect every console.warn of the page in window.__twt_warnings__ (before any script)."""
    page.add_init_script(
        "window.__twt_warnings__ = []; const warn = console.warn;"
        " console.warn = function () { window.__twt_warnings__.push("
        "Array.prototype.map.call(arguments, String).join(' ')); return warn.apply(this, arguments); };"
    )
    return page


def open_faults(page: Page, runtime: str, query: str = "") -> None:
    page.goto("/_t/%s/sdk_faults%s" % (runtime, query))
    page.wait_for_function("window.__twt_done__ === true", timeout=TIMEOUT)


def test_a_command_the_sdk_throws_on_is_a_chat_sdk_error_and_the_page_lives_on(
    page: Page, runtime: str
) -> None:
    open_faults(page, runtime)
    page.evaluate("window.__twt_mock__.boot()")
    wait_line(page, "visibility maximized True")  # the queued open() was applied

    faults(page, "open")
    command(page, "open")
    [raised] = [line for line in lines(page) if line.startswith("raised open")]
    assert raised == (
        "raised open ChatSDKError Chat.open() failed: the chat SDK's open() threw "
        "Error: SDK open exploded"
    ), lines(page)

    # Still usable: later commands reach the SDK and its events reach Python.
    faults(page)
    command(page, "close")
    wait_line(page, "visibility minimized False")
    page.evaluate("window.__twt_mock__.agentMessages(2)")
    wait_line(page, "unread 2")
    command(page, "open")
    wait_line(page, "visibility maximized True")
    assert [line for line in lines(page) if line.startswith("raised")] == [raised]
    assert [line for line in lines(page) if line.startswith("error")] == []  # not a failed SDK


def test_a_query_the_sdk_throws_on_falls_back_to_the_last_known_state(
    page: Page, runtime: str, watch_warnings: Page
) -> None:
    open_faults(page, runtime)
    page.evaluate("window.__twt_mock__.boot()")
    wait_line(page, "visibility maximized True")
    faults(page, "isOpen")
    command(page, "state")
    wait_line(page, "state True True 0 maximized None")
    command(page, "toggle")  # decided from the last known state: open, so close
    faults(page)
    wait_line(page, "visibility minimized False")
    threw = [w for w in warnings(page) if "isOpen() threw" in w]
    assert len(threw) == 2 and "SDK isOpen exploded" in threw[0], warnings(page)


def test_a_queued_command_the_sdk_throws_on_is_reported_and_the_rest_apply(
    page: Page, runtime: str, console_errors, watch_warnings: Page
) -> None:
    console_errors.allow(r"set_language\('ja'\) \(made before ready\).*SDK setLanguage exploded")
    # isReady and getError throw too: Python asks them when it binds.
    open_faults(page, runtime, "?faults=setLanguage,isReady,getError")
    page.evaluate("window.__twt_mock__.boot()")
    wait_line(page, "ready 3.2.1")
    wait_line(page, "visibility maximized True")
    commands = [c for c in sdk_calls(page) if c[0] in ("setLanguage", "open", "setPosition")]
    # setLanguage threw before reaching the mock; the two after it were applied, in order.
    assert commands == [["open", []], ["setPosition", [{"right": "30px", "bottom": "90px"}]]]
    state = page.evaluate("window.__twt_mock__.state()")
    assert state["open"] is True and state["position"] == {"right": "30px", "bottom": "90px"}
    assert state["language"] != "ja"
    reported = [e for e in console_errors.errors if "made before ready" in e]
    assert len(reported) == 1 and "ChatSDKError" in reported[0], console_errors.errors
    threw = [w for w in warnings(page) if "threw" in w]
    assert any("isReady() threw" in w for w in threw), threw
    assert any("getError() threw" in w for w in threw), threw
    command(page, "state")
    wait_line(page, "state True True 0 maximized None")


def test_an_sdk_whose_on_ready_throws(page: Page, runtime: str) -> None:
    # twt_py learns of ready from the ready event, not from onReady.
    open_faults(page, runtime, "?faults=onReady")
    page.evaluate("window.__twt_mock__.boot()")
    wait_line(page, "ready 3.2.1")
    wait_line(page, "visibility maximized True")
    command(page, "state")
    wait_line(page, "state True True 0 maximized None")


def test_commands_go_to_a_replaced_api_object(page: Page, runtime: str) -> None:
    """A widget that reloads replaces window.__twt__api after ready: commands follow it."""
    open_faults(page, runtime)
    page.evaluate("window.__twt_mock__.boot()")
    wait_line(page, "visibility maximized True")
    before = len(sdk_calls(page))
    page.evaluate(
        """() => {
      window.__twt_new_calls__ = [];
      const rec = (name, value) => function () { window.__twt_new_calls__.push(name); return value; };
      window.__twt__api = {
        open: rec('open'), close: rec('close'), isOpen: rec('isOpen', false),
        isReady: rec('isReady', true), getError: rec('getError', null),
        hideBadge: function () { throw new TypeError('reloading'); },
      };
    }"""
    )
    command(page, "close")
    command(page, "state")
    command(page, "hide")
    assert page.evaluate("window.__twt_new_calls__") == ["close", "isOpen"]
    assert len(sdk_calls(page)) == before  # nothing went to the old object
    wait_line(page, "state True False")
    wait_line(page, "raised hide ChatSDKError Chat.hide_badge() failed")
    assert any("hideBadge() threw TypeError: reloading" in line for line in lines(page))


def test_a_command_after_the_api_is_gone_raises_and_the_next_api_takes_commands(
    page: Page, runtime: str
) -> None:
    """The SDK said ready, then took its api away: a command says so rather than wait for a
    ready that will not come again; an api put back takes the next one."""
    open_faults(page, runtime)
    page.evaluate("window.__twt_mock__.boot()")
    wait_line(page, "visibility maximized True")
    page.evaluate("() => { window.__twt_kept__ = window.__twt__api; delete window.__twt__api; }")
    command(page, "close")
    wait_line(
        page,
        "raised close ChatSDKError Chat.close() cannot run: window.__twt__api is missing "
        "although the SDK said ready",
    )
    page.evaluate("() => { window.__twt__api = window.__twt_kept__; }")
    command(page, "close")
    wait_line(page, "visibility minimized False")
    assert sum(1 for line in lines(page) if line.startswith("raised close")) == 1


@pytest.mark.parametrize("head", ["install", "shim"])
def test_an_sdk_script_that_throws_while_it_runs_is_noticed_at_once(
    page: Page, runtime: str, head: str, console_errors
) -> None:
    console_errors.allow(r"sdk boom while booting")
    page.route(
        "**/broken/install/core.js",
        lambda route: route.fulfill(body=BROKEN_SDK, content_type="text/javascript"),
    )
    page.goto("/_t/%s/sdk_throws%s" % (runtime, "?head=shim" if head == "shim" else ""))
    page.wait_for_function("window.__twt_done__ === true", timeout=TIMEOUT)
    found = lines(page)
    errors = [line for line in found if line.startswith("error ")]
    assert len(errors) == 1, found
    assert errors[0].startswith("error ChatSDKError 1 the TWT Chat SDK's script (")
    assert "threw while it ran" in errors[0] and "sdk boom while booting" in errors[0]
    assert "raised ChatSDKError True" in found
    if head == "install":
        results = page.evaluate("window.__twt_results__")
        elapsed = results["error_at"] - results["installed_at"]
        assert elapsed < 1000, elapsed  # install(timeout=5): not the timeout
    else:
        early = page.evaluate("[window.__twt_t0, window.__twt_early__.events]")
        t0, events = early
        [error] = [e for e in events if e[0] == "error"]
        assert error[2] - t0 < 1000, early
        assert "load" not in error[1]


@pytest.mark.parametrize("head", ["install", "shim"])
def test_an_sdk_that_throws_after_it_said_ready_stays_ready(
    page: Page, runtime: str, head: str, console_errors
) -> None:
    """E.g. an onReady callback of the SDK's own throws after the ready event."""
    console_errors.allow(r"onReady callbacks exploded")
    body = (
        "window.__twt__api = {isReady: function () { return true; }, getError: function () {"
        " return null; }, isOpen: function () { return false; }};\n"
        "dispatchEvent(new CustomEvent('__twt__sdk_ready', {detail: {version: 'r1', timestamp: 1}}));\n"
        "throw new Error('onReady callbacks exploded');\n"
    )
    page.route(
        "**/broken/install/core.js",
        lambda route: route.fulfill(body=body, content_type="text/javascript"),
    )
    page.goto("/_t/%s/sdk_throws%s" % (runtime, "?head=shim" if head == "shim" else ""))
    page.wait_for_function("window.__twt_done__ === true", timeout=TIMEOUT)
    assert lines(page) == ["ready r1"]
    assert any("onReady callbacks exploded" in e for e in console_errors.errors)


def test_malformed_values_are_ignored_with_one_warning_each(
    page: Page, runtime: str, watch_warnings: Page
) -> None:
    page.goto("/_t/%s/sdk_values" % runtime)
    page.wait_for_function("window.__twt_done__ === true", timeout=TIMEOUT)

    def unread(detail: str) -> None:
        page.evaluate(
            "d => dispatchEvent(new CustomEvent('__twt__custom_event', {detail: eval(d)}))",
            detail,
        )

    unread("({unread: 3})")
    wait_line(page, "unread 3")
    for bad in (
        "({unread: -1})",
        "({unread: 1.5})",
        "({unread: 'abc'})",
        "({unread: true})",
        "({unread: NaN})",
        "null",
        "({})",
    ):
        unread(bad)
    # The SDK's visibility_changed listener (twt_py's, still in the vendor queue: no SDK).
    page.evaluate(
        """() => { const entry = window.TWTChatWidget._q.find(e => e[1][0] === 'visibility_changed');
        entry[1][1]({visibility: 'sideways', isOpen: false});
        entry[1][1]({visibility: 'minimized', isOpen: false}); }"""
    )
    wait_line(page, "visibility minimized False")
    page.evaluate(
        "dispatchEvent(new CustomEvent('__twt__sdk_ready', {detail: {version: 12, timestamp: 5}}))"
    )
    wait_line(page, "ready None 5.0")
    page.evaluate("dispatchEvent(new CustomEvent('__twt__sdk_ready', {detail: {version: '1.0'}}))")
    page.evaluate("window.dispatchEvent(new CustomEvent('twt-test', {detail: 'state'}))")
    wait_line(page, "state 3 minimized '1.0'")
    assert [line for line in lines(page) if line.startswith("unread")] == ["unread 3"]
    assert [line for line in lines(page) if line.startswith("ready")] == ["ready None 5.0"]
    found = [w for w in warnings(page) if w.startswith("twt_py:")]
    expected = ["-1", "1.5", "'abc'", "True", "nan", "'sideways'", "version 12"]
    assert len(found) == len(expected), found
    for value, warning in zip(expected, found, strict=True):
        assert value in warning, (value, warning)
    assert all("kept 3" in w for w in found[:5]), found


def test_whole_numbers_arrive_exactly(page: Page, runtime: str) -> None:
    """MicroPython's FFI wraps whole numbers to 32 bits; twt_py reads them exactly."""
    page.goto("/_t/%s/sdk_values" % runtime)
    page.wait_for_function("window.__twt_done__ === true", timeout=TIMEOUT)
    sent = page.evaluate(
        """() => {
      const ts = Date.now() + 1e9, big = Math.pow(2, 40);
      dispatchEvent(new CustomEvent('__twt__custom_event', {detail: {unread: -0}}));
      dispatchEvent(new CustomEvent('__twt__custom_event', {detail: {unread: Math.pow(2, 31)}}));
      dispatchEvent(new CustomEvent('__twt__sdk_ready', {detail: {version: 'v', timestamp: ts}}));
      dispatchEvent(new CustomEvent('__twt__custom_event', {detail: {unread: big}}));
      return [ts, big];
    }"""
    )
    ts, big = sent
    wait_line(page, "ready 'v'")
    got = [line for line in lines(page) if line.startswith(("ready", "unread"))]
    # -0 is the count 0 (an int), not -0.0
    assert got == ["unread 0", "unread 2147483648", "ready 'v' %r" % float(ts), "unread %d" % big], got
    assert ts > 2**40
    ready = re.search(r"ready 'v' ([0-9.e+]+)", got[2])
    assert ready and float(ready.group(1)) == ts


# ---------------------------------------------------------------- the TWTChatWidget listener
# Binding is one call into JavaScript on every runtime (`host.bind`): these follow the
# listener it hands TWTChatWidget.on through dispose and a new bind.

OPENED = "{visibility: 'maximized', isOpen: true}"


def open_widget_page(page: Page, runtime: str, query: str = "") -> None:
    page.goto("/_t/%s/widget_listener%s" % (runtime, query))
    page.wait_for_function("window.__twt_done__ === true", timeout=TIMEOUT)


def widget(page: Page) -> "dict[str, int]":
    return page.evaluate(
        "({ons: TWTChatWidget.ons, offs: TWTChatWidget.offs, held: TWTChatWidget.held.length})"
    )


def test_dispose_takes_the_listener_off_and_a_new_bind_hands_the_sdk_a_new_one(
    page: Page, runtime: str
) -> None:
    open_widget_page(page, runtime)
    page.evaluate("TWTChatWidget.fire(%s)" % OPENED)
    wait_line(page, "visibility maximized True")
    command(page, "dispose")
    assert widget(page) == {"ons": 1, "offs": 1, "held": 0}
    command(page, "rebind")
    assert widget(page) == {"ons": 2, "offs": 1, "held": 1}
    page.evaluate("TWTChatWidget.fire(%s)" % OPENED)
    wait_line(page, "again maximized True")
    assert [line for line in lines(page) if line.startswith("visibility")] == [
        "visibility maximized True"
    ]


def test_an_off_that_throws_is_warned_about_and_its_listener_stays_silent_then_reused(
    page: Page, runtime: str, watch_warnings: Page
) -> None:
    open_widget_page(page, runtime, "?faults=off")
    command(page, "dispose")
    assert any(
        "TWTChatWidget.off('visibility_changed') threw Error: off exploded" in w
        for w in warnings(page)
    ), warnings(page)
    assert widget(page) == {"ons": 1, "offs": 1, "held": 1}  # the SDK still holds it
    page.evaluate("TWTChatWidget.fire(%s)" % OPENED)  # a disposed widget hears nothing
    command(page, "rebind")  # handed on: not registered again
    assert widget(page)["ons"] == 1
    page.evaluate("TWTChatWidget.fire(%s)" % OPENED)
    wait_line(page, "again maximized True")
    assert not [line for line in lines(page) if line.startswith("visibility")], lines(page)


def test_an_on_that_throws_is_reported_and_the_page_lives_on(
    page: Page, runtime: str, console_errors
) -> None:
    console_errors.allow(
        r"TWTChatWidget\.on\('visibility_changed'\) threw Error: on exploded; "
        r"Chat\.on_visibility will not be called"
    )
    open_widget_page(page, runtime, "?faults=on")
    reported = [e for e in console_errors.errors if "on exploded" in e]
    assert len(reported) == 1, console_errors.errors
    command(page, "dispose")
    assert widget(page) == {"ons": 1, "offs": 0, "held": 0}
