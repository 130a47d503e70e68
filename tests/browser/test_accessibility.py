"""Accessibility: axe-core finds nothing, and the chat works from the keyboard.

- the mock SDK's widget (no Python) in both themes, closed, with unread messages and open;
- what a good widget does: names in the configured language, focus into the panel on open and
  back to the trigger on close, Escape closes, agent messages announced politely;
- the demo (`demo/`): the index page, and each runtime's shop with the chat closed and open,
  on each of its views, then the same keyboard walk through the shop's own "Contact us" button.

Every audit is `twt_py.testing.assert_accessible`, the check the test kit gives site owners:
zero violations of any impact, and a failure lists each rule, its impact and the elements.
"""

import json

import pytest
from playwright.sync_api import Locator, Page, expect

from twt_py.testing import AccessibilityError, ChatMock, assert_accessible, audit

pytestmark = pytest.mark.browser

MOCK_PAGE = "/tests/pages/mock/basic.html"
BOOT_MS = 60_000  # Python up (Pyodide: ~5 s, more on a busy machine)
STEP_MS = 10_000
LABELS = {
    "pyodide": "PyScript + Pyodide",
    "micropython": "PyScript + MicroPython",
    "brython": "Brython",
}


# ---------------------------------------------------------------- helpers


def open_mock(page: Page, config: "dict[str, str] | None" = None, query: str = "") -> None:
    """The mock SDK's plain test page (a `main` landmark and a heading), widget ready."""
    if config is not None:
        page.add_init_script("window.__twt__config = %s" % json.dumps(config))
    page.goto(MOCK_PAGE + query)
    page.wait_for_function("() => !!(window.__twt__api && window.__twt__api.isReady())")


# The `data-testid` (or id) of the focused element, looking through open shadow roots.
_JS_FOCUSED = """() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  return el && el !== document.body ? (el.getAttribute('data-testid') || el.id) : null;
}"""


def focused(page: Page) -> "str | None":
    return page.evaluate(_JS_FOCUSED)


def expect_focus(page: Page, testid: str) -> None:
    page.wait_for_function("(want) => (%s)() === want" % _JS_FOCUSED, arg=testid, timeout=STEP_MS)


def panel(page: Page) -> Locator:
    return page.get_by_test_id("twt-panel")


# ---------------------------------------------------------------- the audit helper itself


def test_audit_reports_rule_impact_and_target(page: Page) -> None:
    # A page with known faults: the helper must fail, and say what and where.
    page.set_content(
        '<html lang="en"><head><title>t</title></head><body><main><h1>Shop</h1>'
        '<p style="color:#aaa;background:#fff" id="faint">Faint text</p>'
        '<button id="blank"></button></main></body></html>'
    )
    report = audit(page)
    rules = {v.rule: v for v in report.violations}
    assert set(rules) == {"color-contrast", "button-name"}, report.format()
    assert rules["button-name"].impact == "critical"
    assert rules["color-contrast"].targets == ("#faint",)
    with pytest.raises(AccessibilityError) as failure:
        assert_accessible(page)
    message = str(failure.value)
    assert "button-name (critical)" in message
    assert "color-contrast (serious)" in message
    assert "- #blank" in message and "- #faint" in message
    assert message.index("button-name") < message.index("color-contrast")  # worst first
    # Limited to a part of the page, and a rule switched off on purpose.
    assert assert_accessible(page, include="#faint", disable=["color-contrast"]).ok
    with pytest.raises(ValueError, match="#nothing-here"):
        audit(page, include="#nothing-here")
    with pytest.raises(TypeError, match="CSS selector"):
        audit(page, include=[""])
    with pytest.raises(ValueError, match="not a valid CSS selector"):
        audit(page, include="p[")


def test_audit_reaches_into_shadow_roots(page: Page) -> None:
    page.set_content(
        '<html lang="en"><head><title>t</title></head><body><main><h1>Shop</h1>'
        '<div id="host"></div></main></body></html>'
    )
    page.evaluate(
        "() => { document.getElementById('host').attachShadow({mode: 'open'}).innerHTML ="
        " '<button class=\"empty\"></button>' }"
    )
    report = audit(page)
    assert [(v.rule, v.targets) for v in report.violations] == [
        ("button-name", ("#host >>> button",))
    ], report.format()


# ---------------------------------------------------------------- the mock's widget


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_mock_widget_passes_axe_closed_and_open(page: Page, theme: str) -> None:
    open_mock(page, {"appid": "a", "theme": theme, "name": "Ada Lovelace"}, "?unread=2")
    chat = ChatMock.attach(page)
    expect(chat.badge).to_be_visible()
    assert_accessible(page)  # closed, with the unread badge
    page.evaluate("() => __twt__api.open()")
    expect(panel(page)).to_be_visible()
    page.get_by_test_id("twt-input").fill("Where is my order?")
    page.get_by_test_id("twt-input").press("Enter")
    chat.agent_message("It ships today.", author="Sam")
    expect(page.get_by_test_id("twt-message")).to_have_count(4)
    assert_accessible(page)  # open: greeting, agent and visitor messages, signed-in visitor
    page.evaluate("() => __twt__api.setLanguage('ja')")
    assert_accessible(page)
    page.evaluate("() => { __twt__api.close(); __twt__api.hideBadge() }")
    assert_accessible(page)  # no launcher


@pytest.mark.parametrize(
    ("lang", "open_name", "close_name", "title"),
    [
        ("en", "Open chat", "Close chat", "Chat with us"),
        ("ja", "チャットを開く", "チャットを閉じる", "チャットサポート"),
        ("de", "Chat öffnen", "Chat schließen", "Chatten Sie mit uns"),
    ],
)
def test_mock_widget_names_in_the_configured_language(
    page: Page, lang: str, open_name: str, close_name: str, title: str
) -> None:
    open_mock(page, {"appid": "a", "lang": lang})
    launcher = page.get_by_role("button", name=open_name, exact=True)
    expect(launcher).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_test_id("twt-widget")).to_have_attribute("lang", lang)
    launcher.click()
    dialog = page.get_by_role("dialog", name=title, exact=True)
    expect(dialog).to_be_visible()
    expect(page.get_by_role("button", name=close_name, exact=True)).to_have_count(2)  # launcher, X
    expect(page.get_by_test_id("twt-launcher")).to_have_attribute("aria-expanded", "true")


def test_mock_widget_by_keyboard_only(page: Page) -> None:
    # Launcher -> panel -> type -> Escape -> launcher, with nothing but keys.
    open_mock(page)
    page.keyboard.press("Tab")  # the test page has no other focusable element
    expect_focus(page, "twt-launcher")
    page.keyboard.press("Enter")
    expect(panel(page)).to_be_visible()
    expect_focus(page, "twt-input")
    page.keyboard.type("Where is my order?")
    page.keyboard.press("Enter")
    sent = page.locator("[data-testid=twt-message][data-from=visitor]")
    expect(sent.get_by_test_id("twt-message-text")).to_have_text("Where is my order?")
    page.keyboard.press("Tab")  # the send button, then Escape from there too
    expect_focus(page, "twt-send")
    page.keyboard.press("Escape")
    expect(panel(page)).to_be_hidden()
    expect_focus(page, "twt-launcher")
    assert page.evaluate("() => __twt__api.isOpen()") is False
    # Space opens it again; the close button returns focus to the launcher as well.
    page.keyboard.press("Space")
    expect_focus(page, "twt-input")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    expect_focus(page, "twt-close")
    page.keyboard.press("Enter")
    expect(panel(page)).to_be_hidden()
    expect_focus(page, "twt-launcher")


def test_mock_focus_returns_to_the_pages_own_button(page: Page) -> None:
    # Opened through the API by a button of the page: closing gives the focus back to it.
    open_mock(page, {"appid": "a", "icon": "2"})
    page.evaluate(
        """() => {
          const b = document.createElement('button');
          b.id = 'contact'; b.textContent = 'Contact us';
          b.addEventListener('click', () => __twt__api.open());
          document.querySelector('main').appendChild(b);
        }"""
    )
    page.locator("#contact").focus()
    page.keyboard.press("Enter")
    expect(panel(page)).to_be_visible()
    expect_focus(page, "twt-input")
    page.keyboard.press("Escape")
    expect(panel(page)).to_be_hidden()
    expect_focus(page, "contact")
    # Closed by the API while the visitor works elsewhere on the page: focus stays there.
    page.keyboard.press("Enter")
    expect_focus(page, "twt-input")
    page.evaluate(
        """() => { const i = document.createElement('input'); i.id = 'search';
          i.setAttribute('aria-label', 'Search'); document.querySelector('main').appendChild(i); }"""
    )
    page.locator("#search").focus()
    page.evaluate("() => __twt__api.close()")
    expect(panel(page)).to_be_hidden()
    assert focused(page) == "search"


def test_mock_announces_agent_messages_politely(page: Page) -> None:
    open_mock(page)
    chat = ChatMock.attach(page)
    live = page.get_by_test_id("twt-announcer")
    expect(live).to_have_attribute("aria-live", "polite")
    # Closed: the unread count is announced.
    chat.agent_message("Your order has shipped")
    expect(live).to_have_text("1 unread messages")
    # Open: the message itself, with its author.
    page.evaluate("() => __twt__api.open()")
    chat.agent_message("Anything else?", author="Sam")
    expect(live).to_have_text("Sam: Anything else?")
    # The visitor's own messages are not read back to them.
    page.get_by_test_id("twt-input").fill("No, thanks")
    page.get_by_test_id("twt-input").press("Enter")
    expect(page.locator("[data-testid=twt-message][data-from=visitor]")).to_have_count(1)
    expect(live).to_have_text("Sam: Anything else?")


# ---------------------------------------------------------------- the demo


def test_demo_index_passes_axe(page: Page) -> None:
    page.goto("/demo/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


def test_demo_passes_axe_and_works_by_keyboard(
    page: Page, runtime: str, chat_mock: ChatMock
) -> None:
    page.goto("/demo/%s.html?delay=0" % runtime)
    expect(page.locator("#runtime-name")).to_contain_text(LABELS[runtime], timeout=BOOT_MS)
    expect(page.locator("#chat-status")).to_have_attribute("data-state", "ready", timeout=STEP_MS)
    chat_mock.agent_messages(2)  # the site's own unread badge shows
    expect(page.locator("#unread-badge")).to_have_text("2", timeout=STEP_MS)
    chat_mock.audit()  # the shop, chat closed (the kit's method: the same check)

    # Keyboard only, from the shop's own "Contact us" button (the vendor launcher is off).
    contact = page.locator("#contact-btn")
    contact.focus()
    page.keyboard.press("Enter")
    expect(panel(page)).to_be_visible(timeout=STEP_MS)
    expect_focus(page, "twt-input")
    page.keyboard.type("Do you ship to Norway?")
    page.keyboard.press("Enter")
    expect(page.locator("[data-testid=twt-message][data-from=visitor]")).to_have_count(1)
    assert_accessible(page)  # chat open, with messages
    page.keyboard.press("Escape")
    expect(panel(page)).to_be_hidden()
    expect_focus(page, "contact-btn")
    expect(page.locator("#st-open")).to_have_text("no", timeout=STEP_MS)

    # The other views, chat open and closed.
    for view in ("help", "checkout"):
        page.locator("#tab-%s" % view).click()
        expect(page.locator("#view-%s" % view)).to_be_visible()
        assert_accessible(page)
        page.evaluate("() => __twt__api.open()")
        expect(panel(page)).to_be_visible()
        assert_accessible(page)
        page.evaluate("() => __twt__api.close()")
        expect(panel(page)).to_be_hidden()

    # The console's reload switches unfolded, then the SDK fails: the fallback contact shows.
    page.locator("details.reload summary").click()
    expect(page.locator("#real-sdk")).to_be_visible()
    chat_mock.fail("the chat service is down")
    expect(page.locator("#fallback-contact")).to_be_visible(timeout=STEP_MS)
    assert_accessible(page)
