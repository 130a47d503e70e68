"""The mock's switches from the page URL, and the recipes of docs/mock-sdk.md ("Recipes").

`tests/pages/mock/switches.html` loads the mock with a plain script URL, as a site does when
its URL says `?mock`: `?mock&fail=...` reaches the mock; without `mock` the page's switches are
ignored and named once in a warning. The recipes run as written: from the browser console
(`page.evaluate`) and from a test with the kit's `chat_mock`. No Python runtime.
"""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from twt_py.testing import PRODUCTION_SDK_GLOB, ChatMock

pytestmark = pytest.mark.browser

PAGE = "/tests/pages/mock/switches.html"


def open_page(page: Page, query: str = "") -> None:
    page.goto(PAGE + query)
    page.wait_for_function("() => !!window.__twt_mock__")


def mock_state(page: Page) -> "dict[str, Any]":
    return page.evaluate("() => window.__twt_mock__.state()")


def mock_warnings(page: Page) -> "list[str]":
    return page.evaluate("() => window.__rec.warnings.filter(w => w.startsWith('[twt-mock]'))")


def wait_ready(page: Page) -> None:
    page.wait_for_function("() => window.__twt__api.isReady()")


# ---------------------------------------------------------------- the page URL's switches


def test_mock_in_the_page_query_applies_its_switches(page: Page) -> None:
    open_page(page, "?mock&fail=Down%20for%20maintenance")
    page.wait_for_function("() => window.__rec.of('__twt__sdk_error').length === 1")
    assert page.evaluate("() => window.__twt__api.getError()") == {"message": "Down for maintenance"}
    assert mock_state(page)["phase"] == "failed"
    assert mock_warnings(page) == []


def test_page_switches_without_mock_are_ignored_with_one_warning(page: Page) -> None:
    open_page(page, "?fail=1&unread=2&lang=de")
    wait_ready(page)
    state = mock_state(page)
    assert (state["phase"], state["error"]) == ("ready", None)
    assert page.evaluate("() => window.__twt_mock__.messages().length") == 0
    [warning] = mock_warnings(page)
    # names what was ignored, where it works, and the page URL that would apply it
    assert "fail=1&unread=2 is ignored" in warning
    assert "twt-mock-sdk.js?fail=1&unread=2" in warning
    assert "?mock&fail=1&unread=2" in warning
    assert "lang" not in warning  # the site's own parameters are not the mock's business


@pytest.mark.parametrize("query", ["?mock=0&fail=1", "?mock=no&fail=1"])
def test_mock_switched_off_applies_nothing(page: Page, query: str) -> None:
    open_page(page, query)
    wait_ready(page)
    assert len(mock_warnings(page)) == 1


def test_the_script_url_wins_over_the_page_url(page: Page) -> None:
    # the page's own tag says what it wants; a switch on the page URL does not override it
    open_page(page, "?mock&delay=60000&unread=2&script=delay%3D0")
    wait_ready(page)
    assert page.evaluate("() => window.__twt_mock__.options()")["delay"] == 0
    page.wait_for_function("() => window.__twt_mock__.state().unread === 2")
    assert mock_warnings(page) == []


def test_forwarded_switches_are_not_called_ignored(page: Page) -> None:
    # A page (the demo, the test pages) that passes its URL's switches on to the script.
    open_page(page, "?fail=1&script=fail%3D1")
    page.wait_for_function("() => window.__rec.of('__twt__sdk_error').length === 1")
    assert mock_warnings(page) == []


# ---------------------------------------------------------------- recipes: the browser console


def test_console_recipes(page: Page) -> None:
    open_page(page, "?mock&delay=0")
    wait_ready(page)
    page.evaluate("() => window.__twt__api.open()")  # open
    assert mock_state(page)["open"] is True
    page.evaluate("() => window.__twt__api.close()")
    page.evaluate("() => window.__twt_mock__.agentMessages(3)")  # N agent messages
    assert mock_state(page)["unread"] == 3
    expect(page.get_by_test_id("twt-badge")).to_have_text("3")
    page.evaluate("() => window.__twt_mock__.reset({delay: 60000})")  # slow (from now)
    assert mock_state(page)["booting"] is True
    page.evaluate("() => window.__twt_mock__.neverReady()")  # never ready
    assert (mock_state(page)["booting"], mock_state(page)["phase"]) == (False, "loading")
    page.evaluate("() => window.__twt_mock__.fail('Down for maintenance')")  # fail
    page.wait_for_function("() => window.__rec.of('__twt__sdk_error').length === 1")
    assert mock_state(page)["error"] == {"message": "Down for maintenance"}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("?mock&unread=3", {"unread": 3, "phase": "ready"}),
        ("?mock&delay=60000", {"booting": True, "phase": "loading"}),
        ("?mock&ready=never", {"booting": False, "phase": "loading"}),
    ],
)
def test_page_url_recipes(page: Page, query: str, expected: "dict[str, Any]") -> None:
    open_page(page, query)
    if expected["phase"] == "ready":
        page.wait_for_function("() => window.__twt_mock__.state().unread === 3")
    state = mock_state(page)
    assert {k: state[k] for k in expected} == expected


def test_the_site_button_on_an_eager_page_opens_the_chat(page: Page) -> None:
    # twt-early.js without data-load: a click on `data-twt-open` before ready opens at ready
    # (the placeholder's code is fetched for it), after ready at once.
    open_page(page, "?mock&delay=60000")
    page.locator("#contact").click()
    page.wait_for_function("() => window.__twt_early__.lazy.openOnReady === true")
    page.evaluate("() => window.__twt_mock__.setBootDelay(0)")
    page.wait_for_function("() => window.__twt_mock__.state().open")
    page.evaluate("() => window.__twt__api.close()")
    page.locator("#contact").click()
    assert mock_state(page)["open"] is True


# ---------------------------------------------------------------- recipes: a test with chat_mock


def test_kit_recipes(page: Page, chat_mock: ChatMock) -> None:
    chat_mock.configure(delay=0, unread=3)  # N agent messages waiting at ready
    page.goto(PAGE + "?sdk=vendor")
    assert chat_mock.wait_ready().unread == 3
    chat_mock.agent_messages(2)  # and more, later
    assert chat_mock.state.unread == 5
    chat_mock.launcher.click()  # open, as a visitor does
    chat_mock.wait_for_state(open=True)
    chat_mock.fail("Down for maintenance")  # fail, now
    assert chat_mock.wait_for_error() == "Down for maintenance"


def test_kit_recipe_slow_and_fail_at_boot(page: Page, chat_mock: ChatMock) -> None:
    chat_mock.configure(delay=60_000)  # slow: ready a minute after the script runs
    page.goto(PAGE + "?sdk=vendor")
    chat_mock.wait_loaded()
    assert chat_mock.state.phase == "loading"
    chat_mock.reset(delay=0, fail="Blocked")  # fail at boot, booting again at once
    assert chat_mock.wait_for_error() == "Blocked"


def test_kit_recipe_404(page: Page, chat_mock: ChatMock, console_errors: Any) -> None:
    console_errors.allow(r"404")
    # A page route wins over the kit's context route: the SDK's script answers 404.
    page.route(PRODUCTION_SDK_GLOB, lambda route: route.fulfill(status=404, body="not found"))
    page.goto(PAGE + "?sdk=vendor")
    page.wait_for_function("() => window.__rec.of('__twt__sdk_error').length === 1")
    assert page.evaluate("() => window.__twt_early__.error.load") is True
    assert chat_mock.loaded is False
