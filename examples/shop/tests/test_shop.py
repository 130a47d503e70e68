"""Paper & Pine's chat, tested offline on each runtime with `twt_py.testing`.

The pages load the vendor's production SDK URL; the `chat_mock` fixture answers it with the
mock SDK and lets the tests play the agents' side.
"""

from collections.abc import Callable

from playwright.sync_api import Page, expect

from twt_py.testing import ChatMock

OpenShop = Callable[[], Page]


def test_contact_us_opens_the_chat(open_shop: OpenShop, chat_mock: ChatMock) -> None:
    page = open_shop()
    chat_mock.wait_ready()
    expect(page.locator("#chat-status")).to_have_text("Chat online")
    page.get_by_role("button", name="Contact us").click()
    chat_mock.wait_for_call("open")
    state = chat_mock.wait_for_state(open=True)
    assert state.visibility == "maximized"
    expect(chat_mock.panel).to_be_visible()
    expect(page.get_by_role("button", name="Contact us")).to_have_attribute("aria-expanded", "true")


def test_contact_us_while_the_chat_is_loading(open_shop: OpenShop, chat_mock: ChatMock) -> None:
    chat_mock.configure(autoboot=False)  # the SDK waits for chat_mock.boot()
    page = open_shop()
    page.get_by_role("button", name="Contact us").click()
    assert chat_mock.calls_to("open") == []  # nothing to open yet: twt_py keeps the command
    chat_mock.boot()
    chat_mock.wait_for_call("open")
    assert chat_mock.wait_for_state(ready=True, open=True).visibility == "maximized"


def test_unread_badge(open_shop: OpenShop, chat_mock: ChatMock) -> None:
    page = open_shop()
    chat_mock.wait_ready()
    badge = page.get_by_label("unread chat messages")
    expect(badge).to_be_hidden()
    chat_mock.agent_message("Your order #1042 has shipped", author="Mia")
    expect(badge).to_have_text("1")
    chat_mock.agent_messages(2)
    expect(badge).to_have_text("3")
    page.get_by_role("button", name="Contact us").click()  # reading them clears the badge
    chat_mock.wait_for_state(open=True, unread=0)
    expect(badge).to_be_hidden()


def test_messages_waiting_when_the_page_loads(open_shop: OpenShop, chat_mock: ChatMock) -> None:
    chat_mock.configure(unread=2)
    page = open_shop()
    expect(page.get_by_label("unread chat messages")).to_have_text("2")


def test_language_picker(open_shop: OpenShop, chat_mock: ChatMock) -> None:
    page = open_shop()
    page.get_by_label("Chat language").select_option("ja")
    chat_mock.wait_for_call("setLanguage", "ja")
    assert chat_mock.wait_ready().language == "ja"


def test_fallback_when_the_chat_cannot_load(open_shop: OpenShop, chat_mock: ChatMock) -> None:
    chat_mock.fail("Blocked by the visitor's ad blocker")
    page = open_shop()
    expect(page.locator("#chat-fallback")).to_be_visible()
    expect(page.locator("#chat-fallback")).to_contain_text("Blocked by the visitor's ad blocker")
    expect(page.get_by_role("link", name="help@example.com")).to_be_visible()
    expect(page.get_by_role("button", name="Contact us")).to_be_hidden()
    expect(page.locator("#chat-status")).to_have_text("Chat offline")


def test_fallback_when_the_chat_fails_later(open_shop: OpenShop, chat_mock: ChatMock) -> None:
    page = open_shop()
    chat_mock.wait_ready()
    expect(page.locator("#chat-status")).to_have_text("Chat online")
    chat_mock.agent_message("Are you still there?")
    badge = page.get_by_label("unread chat messages")
    expect(badge).to_have_text("1")
    chat_mock.fail("Agents are offline")
    expect(page.locator("#chat-fallback")).to_contain_text("Agents are offline")
    expect(badge).to_be_hidden()
    expect(page.get_by_label("Chat language")).to_be_disabled()
    assert chat_mock.state.visibility == "hidden"
