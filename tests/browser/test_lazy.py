"""install(load="interaction"|"idle"): no SDK request before intent; hover, focus, click,
`Chat.open()` and idle load it; the placeholder launcher follows position, theme and language,
works from the keyboard and gives way to the real launcher where it stood.

Pages: tests/pages/lazy.py, its head variants in tests/pages/lazy.json (the shim's data-*).
"""

import pytest
from playwright.sync_api import Page, expect

from twt_py.testing import assert_accessible

SDK = "twt-mock-sdk.js"


def sdk_requests(page: Page) -> "list[str]":
    seen: "list[str]" = []
    page.on("request", lambda r: seen.append(r.url) if SDK in r.url else None)
    return seen


def open_page(page: Page, runtime: str, query: str, *, settle: bool = True) -> "list[str]":
    seen = sdk_requests(page)
    page.goto("/_t/%s/lazy?%s" % (runtime, query))
    if settle:
        page.wait_for_function("window.__twt_done__ === true", timeout=60_000)
        # everything the page loads by itself has loaded
        page.wait_for_load_state("networkidle")
    return seen


def mock_state(page: Page) -> "dict[str, object]":
    return page.evaluate("window.__twt_mock__ ? window.__twt_mock__.state() : null")


def wait_ready(page: Page) -> None:
    page.wait_for_function("window.__twt_mock__ && window.__twt_mock__.state().ready", timeout=15_000)


def wait_open(page: Page) -> None:
    page.wait_for_function(
        "window.__twt_mock__ && window.__twt_mock__.state().ready && window.__twt_mock__.state().open",
        timeout=15_000,
    )


def open_calls(page: Page) -> int:
    return page.evaluate("window.__twt_mock__.calls.filter(c => c.method === 'open').length")


def layout_box(locator) -> "list[float]":  # type: ignore[no-untyped-def]
    # Where layout put it, before transforms (the real launcher grows a little on hover).
    return locator.evaluate("e => [e.offsetLeft, e.offsetTop, e.offsetWidth, e.offsetHeight]")


def release_python(page: Page) -> None:
    page.evaluate("window.__twt_release()")
    page.wait_for_function("window.__twt_done__ === true", timeout=60_000)


def test_nothing_before_intent_then_hover_loads_in_place(page: Page, runtime: str) -> None:
    seen = open_page(page, runtime, "hold=0&lang=de")
    placeholder = page.get_by_role("button", name="Chat öffnen")  # install(lang="de") relabels it
    expect(placeholder).to_be_visible()
    assert seen == []
    assert page.evaluate("window.__twt_early__.lazy.requested") is False
    assert mock_state(page) is None
    before = layout_box(placeholder)

    placeholder.hover()
    wait_ready(page)
    assert len([u for u in seen if "twt_weight_chunk" not in u]) == 1
    assert page.evaluate("window.__twt_early__.lazy.wanted") == "hover"
    state = mock_state(page)
    assert state["open"] is False  # hover loads, it does not open
    expect(page.locator("#twt-early-launcher")).to_have_count(0)
    launcher = page.get_by_test_id("twt-launcher")
    expect(launcher).to_be_visible()
    assert layout_box(launcher) == before  # no layout shift


def test_click_loads_shows_progress_and_opens_once(page: Page, runtime: str) -> None:
    seen = open_page(page, runtime, "delay=1500")
    placeholder = page.get_by_test_id("twt-placeholder")
    assert seen == []
    placeholder.click()
    expect(placeholder).to_have_attribute("aria-busy", "true")
    expect(placeholder).to_have_accessible_name("Loading chat…")
    wait_open(page)
    assert open_calls(page) == 1
    expect(page.locator("#log li").filter(has_text="visibility maximized True").first).to_be_attached()


@pytest.mark.parametrize("command", ["open", "toggle"])
def test_chat_open_from_python_loads_and_opens_with_identity(
    page: Page, runtime: str, command: str
) -> None:
    seen = open_page(page, runtime, "customer=1")
    assert seen == []
    page.evaluate("window.dispatchEvent(new CustomEvent('twt-test', {detail: '%s'}))" % command)
    wait_open(page)
    assert page.evaluate("window.__twt_early__.lazy.wanted") == "api"
    assert open_calls(page) == 1
    customer = mock_state(page)["customer"]
    assert customer["sbs"] == "1001" and customer["name"] == "Ada"


def test_click_before_python_runs_opens_the_chat(page: Page, runtime: str) -> None:
    # hold=1: the page's Python does not import twt_py until released. On Pyodide the click
    # also lands before the interpreter has booted at all.
    seen = sdk_requests(page)
    page.goto("/_t/%s/lazy?hold=1" % runtime, wait_until="commit")
    page.get_by_test_id("twt-placeholder").click()
    booted = page.evaluate("window.__twt_results__ !== undefined")
    if runtime == "pyodide":
        assert booted is False
    assert page.evaluate("window.__twt_early__.lazy.openOnReady") is True
    assert seen == []  # nothing can load the SDK before install() runs
    release_python(page)
    wait_open(page)
    assert open_calls(page) == 1


def test_idle_loads_without_interaction(page: Page, runtime: str) -> None:
    open_page(page, runtime, "head=idle", settle=False)
    page.wait_for_function("window.__twt_done__ === true", timeout=60_000)  # install() ran
    wait_ready(page)
    assert page.evaluate("window.__twt_early__.lazy.wanted") == "idle"
    assert mock_state(page)["open"] is False


@pytest.mark.parametrize("connection", ["{saveData: true, effectiveType: '4g'}", "{saveData: false, effectiveType: 'slow-2g'}"])
def test_idle_does_not_load_when_saving_data(page: Page, runtime: str, connection: str) -> None:
    page.add_init_script(
        "Object.defineProperty(Navigator.prototype, 'connection', {get: () => (%s), configurable: true})"
        % connection
    )
    seen = open_page(page, runtime, "head=idle")
    # the idle timeout (1.5 s after load) has passed when this resolves
    page.wait_for_function(
        "performance.now() - performance.timing.loadEventEnd + performance.timing.navigationStart > 2500",
        polling=200,
    )
    assert seen == []
    events = page.evaluate("window.__twt_early__.events.map(e => e[0])")
    assert "idle-skipped" in events
    page.get_by_test_id("twt-placeholder").click()  # intent still loads it
    wait_open(page)


def test_placeholder_follows_position_theme_language_and_keyboard(page: Page, runtime: str) -> None:
    seen = open_page(page, runtime, "head=styled&delay=1500")
    # the SDK's launcher goes where the shim's data-right/data-bottom put the placeholder
    page.evaluate("window.dispatchEvent(new CustomEvent('twt-test', {detail: 'position'}))")
    expect(page.get_by_role("button", name="チャットを開く")).to_be_visible()
    placeholder = page.get_by_test_id("twt-placeholder")
    expect(placeholder).to_have_attribute("data-theme", "dark")
    box = placeholder.bounding_box()
    width = page.evaluate("document.documentElement.clientWidth")
    height = page.evaluate("document.documentElement.clientHeight")
    assert (width - box["x"] - box["width"], height - box["y"] - box["height"]) == (44, 120)
    dark_ring = placeholder.evaluate("b => getComputedStyle(b).boxShadow")
    assert seen == []

    # Keyboard: Tab reaches it (focus loads), Enter opens.
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == "twt-early-launcher":
            break
    else:
        pytest.fail("Tab never reached the placeholder launcher")
    page.keyboard.press("Enter")
    expect(placeholder).to_have_attribute("aria-busy", "true")
    wait_open(page)
    assert open_calls(page) == 1
    assert page.evaluate("window.__twt_early__.lazy.wanted") == "focus"
    assert page.evaluate("document.activeElement !== document.body")
    # the light placeholder looks different (its shadow), same place by default
    page.goto("/_t/%s/lazy?head=interaction" % runtime)
    light = page.get_by_role("button", name="Open chat")
    expect(light).to_have_attribute("data-theme", "light")
    assert light.evaluate("b => getComputedStyle(b).boxShadow") != dark_ring


def test_set_position_from_python_moves_the_placeholder(page: Page, runtime: str) -> None:
    open_page(page, runtime, "head=interaction")
    page.evaluate("window.dispatchEvent(new CustomEvent('twt-test', {detail: 'position'}))")
    placeholder = page.get_by_test_id("twt-placeholder")
    expect(placeholder).to_have_css("right", "44px")
    box = layout_box(placeholder)
    placeholder.hover()
    wait_ready(page)
    assert layout_box(page.get_by_test_id("twt-launcher")) == box


def test_custom_launcher_draws_nothing_and_the_site_button_opens(page: Page, runtime: str) -> None:
    seen = open_page(page, runtime, "head=custom&launcher=custom")
    expect(page.locator("#twt-early-launcher")).to_have_count(0)
    assert seen == []
    page.locator("#site-chat").click()
    wait_open(page)
    assert open_calls(page) == 1


def test_vendor_snippet_opts_in_with_a_marked_script(page: Page, runtime: str) -> None:
    seen = open_page(page, runtime, "head=snippet&install=0")
    assert seen == []
    page.get_by_role("button", name="Ouvrir le chat").click()  # the shim's data-lang
    wait_open(page)
    expect(page.locator("#log li").filter(has_text="ready 1.2.0-mock").first).to_be_attached()


@pytest.mark.parametrize("mode", ["interaction", "idle"])
def test_the_demo_shows_the_mode(page: Page, runtime: str, mode: str) -> None:
    seen = sdk_requests(page)
    page.goto("/demo/%s.html?load=%s&launcher=shown&weight=50" % (runtime, mode))
    expect(page.locator('#event-log li[data-kind="python"]').filter(has_text="load=%s" % mode).first).to_be_attached(
        timeout=60_000
    )
    if mode == "interaction":
        page.wait_for_load_state("networkidle")
        assert seen == []
        page.get_by_role("button", name="Open chat").click()
        wait_open(page)
        assert open_calls(page) == 1
    else:
        wait_ready(page)
        assert mock_state(page)["open"] is False
    # the visitor's signed identity, a command made before the SDK loaded, still reached it
    page.wait_for_function("window.__twt_mock__.state().customer !== null")


def test_marked_snippet_runs_under_a_content_security_policy(page: Page, runtime: str) -> None:
    # The policy docs/loading.md gives (tests/pages/csp.json); the marked snippet carries the page's nonce.
    # Locators only: under this policy Playwright's string evaluations are blocked.
    seen = sdk_requests(page)
    page.goto("/_t/%s/lazy?head=csp&install=0" % runtime)
    expect(page.locator("#log li")).to_have_count(0)
    placeholder = page.get_by_role("button", name="Ouvrir le chat")
    assert placeholder.bounding_box()["width"] == 60  # its stylesheet applied
    assert seen == []
    placeholder.click()
    expect(page.get_by_test_id("twt-panel")).to_be_visible(timeout=60_000)
    expect(page.locator("#log li").filter(has_text="ready 1.2.0-mock").first).to_be_attached(timeout=60_000)
    assert len(seen) == 1


def test_a_failing_sdk_removes_the_placeholder_and_reports_the_error(
    page: Page, runtime: str, console_errors
) -> None:
    console_errors.allow(r"down for maintenance")
    open_page(page, runtime, "fail=down%20for%20maintenance")
    page.get_by_test_id("twt-placeholder").click()
    expect(page.locator("#log li").filter(has_text="error ChatSDKError down for maintenance")).to_have_count(1)
    expect(page.locator("#twt-early-launcher")).to_have_count(0)
    assert page.evaluate("window.__twt_early__.lazy.openOnReady") is False


@pytest.mark.parametrize("head", ["interaction", "styled"])  # light, en / dark, ja
def test_the_placeholder_passes_axe_core(page: Page, runtime: str, head: str) -> None:
    seen = open_page(page, runtime, "head=%s" % head)
    expect(page.get_by_test_id("twt-placeholder")).to_be_visible()
    # (#log is the test page's own record of events, not something twt-py draws)
    assert_accessible(page, exclude="#log")  # the placeholder at rest, in its shadow root
    assert seen == []  # the audit itself showed no intent
    page.get_by_test_id("twt-placeholder").click()
    wait_open(page)
    assert_accessible(page, exclude="#log")  # and the chat it gave way to
