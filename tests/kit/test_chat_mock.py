"""The `chat_mock` fixture of `twt_py.testing`: every control and view, the waits and their
failure messages, pages that load the mock themselves, and pages it must leave alone.

Most pages here are plain JavaScript sites (tests/kit/pages/) that install the SDK with the
vendor's own snippet and production URL; one test drives a twt_py page on every runtime. The
project harness fails any test whose page makes a non-local request, so every SDK load below
is the kit's mock.
"""

import json
import re
import textwrap

import pytest
from playwright.sync_api import Page, expect

from twt_py._cpython import pages as _pages
from twt_py.testing import PRODUCTION_SDK_URL, Call, ChatMock, ChatState

pytestmark = pytest.mark.browser

PRODUCTION_GLOB = "https://visitorchat.twt.com/install/core.js*"


@pytest.fixture
def vendor(page: Page, chat_mock: ChatMock, kit_site) -> Page:  # type: ignore[no-untyped-def]
    """The vendor-snippet site, loaded, with the SDK ready."""
    page.goto(kit_site.url("vendor.html"))
    chat_mock.wait_ready()
    return page


def events(page: Page) -> "list[list[object]]":
    return page.evaluate("window.__events")


# ---------------------------------------------------------------- routing


def test_the_production_url_gets_the_mock(vendor: Page, chat_mock: ChatMock) -> None:
    assert chat_mock.served == [PRODUCTION_SDK_URL]
    assert chat_mock.routes == [PRODUCTION_GLOB]
    state = chat_mock.state
    assert isinstance(state, ChatState)
    assert (state.phase, state.ready, state.error, state.open) == ("ready", True, None, False)
    assert (state.appid, state.config_name, state.language) == ("kit-appid", "__twt__config", "en")
    # The vendor's `version=v1.2` query is not taken for a mock option.
    assert state.version == "1.2.0-mock"
    assert events(vendor) == [["visibility", "minimized", False], ["ready", "1.2.0-mock"]]


def test_the_console_snippet_url_gets_the_mock_too(
    page: Page, chat_mock: ChatMock, kit_site
) -> None:  # type: ignore[no-untyped-def]
    page.goto(kit_site.url("console-snippet.html"))
    state = chat_mock.wait_ready()
    assert chat_mock.served == ["https://visitorchat.twt.com/install/core.js?version=1.2"]
    assert state.config_name == "__twt_config"
    assert state.language == "zh-cn"
    assert state.position == {"right": "80px", "bottom": "80px"}


def test_route_adds_a_url_the_user_configures(page: Page, chat_mock: ChatMock, kit_site) -> None:  # type: ignore[no-untyped-def]
    chat_mock.route("https://assets.example.com/vendor/twt/core.js*")
    page.goto(kit_site.url("self-hosted.html"))
    chat_mock.wait_ready()
    assert chat_mock.served == ["https://assets.example.com/vendor/twt/core.js?v=20240101"]
    assert chat_mock.routes == [PRODUCTION_GLOB, "https://assets.example.com/vendor/twt/core.js*"]


# ---------------------------------------------------------------- controls


def test_agent_message_raises_the_unread_count(vendor: Page, chat_mock: ChatMock) -> None:
    assert chat_mock.agent_message("Your order has shipped", author="Mia") == 1
    expect(vendor.locator("#badge")).to_have_text("1")
    assert chat_mock.agent_messages(["Tracking: 1Z999", "Anything else?"]) == 3
    assert chat_mock.agent_messages(2) == 5
    expect(vendor.locator("#badge")).to_have_text("5")
    expect(chat_mock.badge).to_have_text("5")
    messages = chat_mock.messages
    assert [(m.sender, m.text, m.author) for m in messages[:3]] == [
        ("agent", "Your order has shipped", "Mia"),
        ("agent", "Tracking: 1Z999", None),
        ("agent", "Anything else?", None),
    ]
    assert len(messages) == 5
    # Opening the window reads them.
    vendor.click("#contact")
    assert chat_mock.wait_for_state(open=True, unread=0).visibility == "maximized"
    expect(chat_mock.panel).to_be_visible()


def test_messages_sent_while_loading_arrive_at_ready(
    page: Page, chat_mock: ChatMock, kit_site
) -> None:  # type: ignore[no-untyped-def]
    chat_mock.set_boot_delay(60_000)  # before load: the `delay` option
    assert chat_mock.options == {"delay": 60_000}
    page.goto(kit_site.url("vendor.html"))
    assert chat_mock.agent_messages(3) == 0  # held by the loading SDK
    assert chat_mock.state.phase == "loading"
    chat_mock.set_boot_delay(0)  # live: the pending boot ends now
    state = chat_mock.wait_for_state(ready=True, unread=3)
    assert state.visibility == "minimized"
    expect(page.locator("#badge")).to_have_text("3")


def test_fail_after_ready(vendor: Page, chat_mock: ChatMock) -> None:
    chat_mock.fail("Agents are offline")
    assert chat_mock.wait_for_error() == "Agents are offline"
    expect(vendor.locator("#fallback")).to_have_text("Chat is unavailable: Agents are offline")
    state = chat_mock.state
    assert (state.phase, state.ready, state.visibility) == ("failed", False, "hidden")
    assert events(vendor)[-2:] == [["visibility", "hidden", False], ["error", "Agents are offline"]]
    expect(chat_mock.widget).to_have_count(0)


def test_fail_at_boot(page: Page, chat_mock: ChatMock, kit_site) -> None:  # type: ignore[no-untyped-def]
    chat_mock.fail("Blocked by the visitor's ad blocker")  # before load: the `fail` option
    page.goto(kit_site.url("vendor.html"))
    with pytest.raises(
        AssertionError,
        match="failed instead of becoming ready: Blocked by the visitor's ad blocker",
    ):
        chat_mock.wait_ready()
    expect(page.locator("#fallback")).to_contain_text("Blocked by the visitor's ad blocker")
    assert events(page) == [["error", "Blocked by the visitor's ad blocker"]]


def test_boot_delay(page: Page, chat_mock: ChatMock, kit_site) -> None:  # type: ignore[no-untyped-def]
    chat_mock.configure(delay=2_000)
    page.goto(kit_site.url("vendor.html"))
    assert (chat_mock.state.phase, chat_mock.state.ready) == ("loading", False)
    page.click("#contact")  # the page's guard: isReady() is not asked, open() is ignored
    assert chat_mock.wait_ready().open is False
    assert [c.method for c in chat_mock.calls].count("open") == 1


def test_never_ready_then_boot(page: Page, chat_mock: ChatMock, kit_site) -> None:  # type: ignore[no-untyped-def]
    chat_mock.never_ready()
    page.goto(kit_site.url("vendor.html"))
    with pytest.raises(AssertionError) as info:
        chat_mock.wait_ready(timeout=500)
    message = str(info.value)
    assert message.startswith("the TWT SDK did not become ready within 500 ms")
    assert "phase=loading" in message
    assert "the mock was told not to become ready (ready='never'" in message
    assert "configured: ready='never'" in message
    chat_mock.boot()
    assert chat_mock.wait_ready().ready


def test_never_ready_live(page: Page, chat_mock: ChatMock, kit_site) -> None:  # type: ignore[no-untyped-def]
    chat_mock.configure(delay=2_000)
    page.goto(kit_site.url("vendor.html"))
    chat_mock.never_ready()  # the mock is on the page: cancels its pending boot
    with pytest.raises(AssertionError, match="did not become ready within 2500 ms"):
        chat_mock.wait_ready(timeout=2_500)
    assert chat_mock.state.phase == "loading"


def test_reset(vendor: Page, chat_mock: ChatMock) -> None:
    vendor.click("#contact")
    chat_mock.wait_for_call("open")
    chat_mock.agent_message("hello")
    chat_mock.reset(unread=2, delay=0)
    state = chat_mock.wait_ready()
    assert (state.open, state.unread) == (False, 2)
    # calls are cleared, the page's listener stays registered and hears the new boot
    assert [c.method for c in chat_mock.calls] == []
    assert events(vendor)[-1] == ["ready", "1.2.0-mock"]
    assert ["visibility", "minimized", False] in events(vendor)[3:]
    chat_mock.reset(fail="Gone")
    assert chat_mock.wait_for_error() == "Gone"


def test_bad_options_fail_in_python() -> None:
    from twt_py.testing._mock import mock_options

    with pytest.raises(TypeError, match="unknown mock option 'dealy'; known options: delay"):
        mock_options({"dealy": 5})
    with pytest.raises(ValueError, match="ready must be"):
        mock_options({"ready": "later"})
    with pytest.raises(ValueError, match="unread must be a non-negative int"):
        mock_options({"unread": -1})
    assert mock_options({"initial_visibility": False, "ready": False}) == {
        "initialVisibility": False,
        "ready": "never",
    }


# ---------------------------------------------------------------- views


def test_calls_record_methods_and_arguments(vendor: Page, chat_mock: ChatMock) -> None:
    vendor.click("#login")
    vendor.select_option("#lang", "ja")
    vendor.click("#move")
    vendor.click("#hide")
    chat_mock.wait_for_call("setLanguage", "ja")
    # key order of an object argument does not matter
    call = chat_mock.wait_for_call("setPosition", {"right": "40px", "bottom": "90px"})
    assert call == Call("setPosition", ({"bottom": "90px", "right": "40px"},))
    chat_mock.wait_for_call("hideBadge")
    assert chat_mock.calls_to("login") == [("1001", "sig", "ranstr-0123456789", "Ada Lovelace")]
    assert ("hideBadge", ()) in chat_mock.calls
    assert chat_mock.calls[0] == (
        "TWTChatWidget.on",
        ("visibility_changed", "[function anonymous]"),
    )
    vendor.select_option("#lang", "de")
    vendor.select_option("#lang", "ja")
    assert chat_mock.wait_for_call("setLanguage", "ja", count=2).args == ("ja",)
    chat_mock.clear_calls()
    assert chat_mock.calls == []


def test_state_reflects_what_the_page_did(vendor: Page, chat_mock: ChatMock) -> None:
    vendor.click("#login")
    vendor.select_option("#lang", "ja")
    vendor.click("#move")
    vendor.click("#hide")
    state = chat_mock.wait_for_state(language="ja", launcher=False)
    assert state.visibility == "hidden"
    expect(chat_mock.launcher).to_be_hidden()
    assert state.position == {"right": "40px", "bottom": "90px"}
    assert state.customer == {
        "sbs": "1001",
        "sbs_mm": "sig",
        "ranstr": "ranstr-0123456789",
        "name": "Ada Lovelace",
        "nickname": None,
        "email": None,
        "phone": None,
    }
    vendor.click("#contact")
    assert chat_mock.wait_for_state(open=True).visibility == "maximized"
    assert events(vendor)[-1] == ["visibility", "maximized", True]


def test_wait_for_state_rechecks_a_predicate_on_each_change(
    vendor: Page, chat_mock: ChatMock
) -> None:
    # Messages arrive one by one from the page's own timers.
    vendor.evaluate(
        "() => [300, 600, 900].forEach(ms => setTimeout(() => window.__twt_mock__.agentMessage('m' + ms), ms))"
    )
    state = chat_mock.wait_for_state(lambda s: s.unread >= 3, timeout=10_000)
    assert state.unread == 3
    with pytest.raises(AssertionError) as info:
        chat_mock.wait_for_state(lambda s: s.unread > 3, timeout=300)
    assert "the TWT SDK's state did not reach <lambda> within 300 ms" in str(info.value)
    with pytest.raises(TypeError, match="unknown fields unred"):
        chat_mock.wait_for_state(unred=3)


def test_wait_messages_say_what_happened(vendor: Page, chat_mock: ChatMock) -> None:
    vendor.select_option("#lang", "ja")
    chat_mock.wait_for_call("setLanguage")
    with pytest.raises(AssertionError) as info:
        chat_mock.wait_for_call("open", timeout=300)
    message = str(info.value)
    assert message.startswith("the page did not call open(...) within 300 ms (page ")
    assert (
        'API calls so far: TWTChatWidget.on["visibility_changed", "[function anonymous]"], setLanguage["ja"]'
        in message
    )
    with pytest.raises(AssertionError, match=r"did not reach open=True, unread=0 within 300 ms"):
        chat_mock.wait_for_state(open=True, unread=0, timeout=300)


# ---------------------------------------------------------------- a page that loads the mock itself


def test_attaches_to_a_mock_the_page_loads_itself(
    page: Page, chat_mock: ChatMock, kit_site
) -> None:  # type: ignore[no-untyped-def]
    page.goto(kit_site.url("own-mock.html"))
    state = chat_mock.wait_ready()
    assert chat_mock.served == []
    assert (state.unread, state.version) == (2, "9.9.9-own")  # the page's own URL options
    assert chat_mock.agent_message("hi") == 3
    chat_mock.fail("down")
    assert chat_mock.wait_for_error() == "down"


def test_configure_with_a_page_that_loads_its_own_mock(
    page: Page, chat_mock: ChatMock, kit_site
) -> None:  # type: ignore[no-untyped-def]
    chat_mock.configure(unread=5)
    page.goto(kit_site.url("own-mock.html"))
    with pytest.raises(
        AssertionError,
        match=r"configure\(unread=5\) applies to SDK loads the kit serves.*twt-mock-sdk\.js\?unread=2",
    ):
        chat_mock.wait_ready()


def test_route_the_pages_own_mock_to_configure_it(
    page: Page, chat_mock: ChatMock, kit_site
) -> None:  # type: ignore[no-untyped-def]
    chat_mock.route("**/static/twt-mock-sdk.js*").configure(unread=5)
    page.goto(kit_site.url("own-mock.html"))
    state = chat_mock.wait_ready()
    assert chat_mock.served == [
        kit_site.base_url + "/static/twt-mock-sdk.js?unread=2&version=9.9.9-own"
    ]
    assert (state.unread, state.version) == (5, "1.2.0-mock")


# ---------------------------------------------------------------- pages without the SDK


def test_a_page_that_never_loads_the_sdk(page: Page, chat_mock: ChatMock, kit_site) -> None:  # type: ignore[no-untyped-def]
    page.goto(kit_site.url("no-sdk.html"))
    expect(page.locator("#app")).to_have_text("app ready")
    assert chat_mock.loaded is False
    chat_mock.timeout = 500
    for action in (
        chat_mock.wait_ready,
        lambda: chat_mock.agent_message("hi"),
        lambda: chat_mock.state,
    ):
        with pytest.raises(AssertionError) as info:
            action()
        message = str(info.value)
        assert message.startswith(
            "the page never requested the TWT SDK (routes: %s); did it load core.js? "
            "requested URLs: %s, %s"
            % (PRODUCTION_GLOB, kit_site.url("no-sdk.html"), kit_site.url("js/core.js"))
        ), message
        assert (
            "these requests look like an SDK the kit does not route: %s"
            % kit_site.url("js/core.js")
            in message
        )


def test_pages_without_the_sdk_are_untouched(
    page: Page,
    chat_mock: ChatMock,
    kit_site,
    new_guarded_context,  # type: ignore[no-untyped-def]
) -> None:
    """With every kit setting in use, a page that does not load the SDK is the same as in a
    context without the kit. (The kit's page watch reports through a Playwright binding, for
    which Playwright itself adds its `__playwright__binding__*` globals: those are not the
    kit's, and any suite with a binding has them.)"""
    chat_mock.configure(delay=10, unread=1).route("https://assets.example.com/**")
    snapshot = """() => ({
        globals: Object.getOwnPropertyNames(window).filter(
            (name) => !name.startsWith("__playwright__binding__")).sort(),
        html: document.documentElement.outerHTML,
        currentScript: Object.getOwnPropertyDescriptor(document, 'currentScript') !== undefined,
    })"""
    page.goto(kit_site.url("no-sdk.html"))
    expect(page.locator("#app")).to_have_text("app ready")
    with_kit = page.evaluate(snapshot)

    other, _ = new_guarded_context()
    other.route(kit_site.base_url + "/_kit/**", kit_site.handle)
    plain = other.new_page()
    plain.goto(kit_site.url("no-sdk.html"))
    expect(plain.locator("#app")).to_have_text("app ready")
    assert with_kit == plain.evaluate(snapshot)
    assert not [g for g in with_kit["globals"] if "twt" in g.lower()]
    assert with_kit["currentScript"] is False
    assert chat_mock.served == []


def test_the_served_script_leaves_current_script_alone(vendor: Page, chat_mock: ChatMock) -> None:
    # The kit hides the vendor's query from the mock while it starts, then restores the DOM API.
    assert vendor.evaluate("Object.getOwnPropertyDescriptor(document, 'currentScript')") is None
    assert vendor.evaluate("document.currentScript") is None


# ---------------------------------------------------------------- twt_py pages on every runtime

SHOP_PY = textwrap.dedent(
    """
    from twt_py import Chat

    try:
        from browser import document  # Brython
    except ImportError:
        from pyscript import document  # PyScript: Pyodide or MicroPython


    def show(count):
        document.getElementById("badge").textContent = str(count)


    Chat.on_unread(show)
    Chat.set_language("ja")
    Chat.open()
    document.body.setAttribute("data-python", "done")
    """
)

SNIPPET = (
    "<script>window.__twt__config = {appid: 'kit-appid'};"
    "(function () { var s = document.createElement('script'); s.async = true;"
    " s.src = %s; document.head.appendChild(s); })();</script>" % json.dumps(PRODUCTION_SDK_URL)
)


def test_twt_py_page_on_each_runtime(
    page: Page, chat_mock: ChatMock, kit_site, runtime: str
) -> None:  # type: ignore[no-untyped-def]
    html = _pages.render(runtime, SHOP_PY, head=SNIPPET, body='<span id="badge"></span>')
    page.goto(kit_site.add("shop-%s.html" % runtime, html))
    chat_mock.wait_for_call("setLanguage", "ja", timeout=60_000)
    state = chat_mock.wait_for_state(open=True, language="ja")
    assert state.ready
    expect(page.locator("body")).to_have_attribute("data-python", "done", timeout=60_000)
    page.evaluate("window.__twt__api.close()")
    chat_mock.agent_messages(2)
    expect(page.locator("#badge")).to_have_text("2")
    methods = [c.method for c in chat_mock.calls]
    assert methods.index("setLanguage") < methods.index("open")
    assert re.search(r"\bTWTChatWidget\.on\b", " ".join(methods))
