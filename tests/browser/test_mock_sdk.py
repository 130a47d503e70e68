"""The mock TWT Chat SDK (`static/twt-mock-sdk.js`) in Chromium, with no Python runtime.

Three groups:

- the vendor's own JavaScript examples, copied as written into `tests/pages/mock/seed-*.html`,
  run against the mock, and every visible effect asserted;
- every documented `__twt__api` member and event: argument handling and `detail` shapes, the
  listener-order rule, bad arguments, and a customer name that is HTML;
- the control object `window.__twt_mock__` and the script-URL options (docs/mock-sdk.md).

Pages record console output and the SDK's window events through `tests/pages/mock/_capture.js`
(`window.__rec`). Nothing sleeps: tests wait on page state with `wait_for_function`/`expect`.
"""

import json
import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from twt_py._contract import COMMANDS, OWN_METHODS, QUERIES

pytestmark = pytest.mark.browser

MOCK = "/tests/pages/mock/"
UNSET: Any = object()
XSS_NAME = "<img src=x onerror=alert(1)>"

# title, input placeholder, greeting: the mock's texts in the nine documented languages
TEXTS = {
    "en": ("Chat with us", "Type a message…", "Hi there! How can we help you today?"),
    "zh-cn": ("在线客服", "输入消息…", "您好!请问有什么可以帮您?"),
    "zh-tw": ("線上客服", "輸入訊息…", "您好!請問有什麼可以幫您?"),
    "ja": ("チャットサポート", "メッセージを入力…", "こんにちは!ご用件をお聞かせください。"),
    "ko": ("채팅 상담", "메시지를 입력하세요…", "안녕하세요! 무엇을 도와드릴까요?"),
    "de": (
        "Chatten Sie mit uns",
        "Nachricht eingeben…",
        "Hallo! Wie können wir Ihnen heute helfen?",
    ),
    "fr": (
        "Discutez avec nous",
        "Écrivez un message…",
        "Bonjour ! Comment pouvons-nous vous aider ?",
    ),
    "pt": ("Fale conosco", "Digite uma mensagem…", "Olá! Como podemos ajudar hoje?"),
    "ru": ("Чат с поддержкой", "Введите сообщение…", "Здравствуйте! Чем мы можем помочь?"),
}

MINIMIZED = {"visibility": "minimized", "isOpen": False}
MAXIMIZED = {"visibility": "maximized", "isOpen": True}
HIDDEN = {"visibility": "hidden", "isOpen": False}


# ---------------------------------------------------------------- helpers


def goto(
    page: Page,
    name: str = "basic.html",
    query: str = "",
    *,
    config: Any = UNSET,
    config_name: str = "__twt__config",
    options: "dict[str, Any] | None" = None,
    ready: bool = True,
) -> None:
    """Open a mock test page; `config` (None: no config at all) and `options` are set first."""
    if config is not UNSET:
        if config is None:
            page.add_init_script("window.__twt_test_no_config = true")
        else:
            page.add_init_script("window[%s] = %s" % (json.dumps(config_name), json.dumps(config)))
    if options is not None:
        page.add_init_script("window.__twt_mock_options__ = %s" % json.dumps(options))
    page.goto(MOCK + name + query)
    if ready:
        wait_ready(page)
    else:
        page.wait_for_function("() => !!window.__twt_mock__")


def wait_ready(page: Page) -> None:
    page.wait_for_function("() => !!(window.__twt__api && window.__twt__api.isReady())")


def state(page: Page) -> "dict[str, Any]":
    return page.evaluate("() => window.__twt_mock__.state()")


def events(page: Page, kind: str) -> "list[dict[str, Any]]":
    return page.evaluate("(kind) => window.__rec.of(kind)", kind)


def logs(page: Page) -> "list[str]":
    return page.evaluate("() => window.__rec.logs")


def warnings(page: Page) -> "list[str]":
    return page.evaluate("() => window.__rec.warnings")


def wait_log(page: Page, text: str) -> None:
    page.wait_for_function("(t) => window.__rec.logs.includes(t)", arg=text)


def wait_events(page: Page, kind: str, count: int) -> None:
    page.wait_for_function("([k, n]) => window.__rec.of(k).length >= n", arg=[kind, count])


def last_call(page: Page) -> "dict[str, Any]":
    return page.evaluate("() => window.__twt_mock__.calls[window.__twt_mock__.calls.length - 1]")


def css(page: Page, testid: str, prop: str) -> str:
    return page.get_by_test_id(testid).evaluate("(el, p) => getComputedStyle(el)[p]", prop)


# ================================================================ the vendor's examples


def test_seed_ready_event_logs_the_user_in(page: Page) -> None:
    goto(page, "seed-ready-login.html")
    wait_log(page, "SDK 已就绪,版本: 1.2.0-mock")
    out = logs(page)
    assert "SDK 已加载完成" in out and "版本: 1.2.0-mock" in out
    assert any(re.fullmatch(r"时间戳: \d{13}", line) for line in out)
    assert state(page)["customer"] == {
        "sbs": "u-2024",
        "sbs_mm": "0cc175b9c0f1b6a831c399e269772661",
        "ranstr": "k3j5h6g7f8d9s0a1",
        "name": "李雷",
        "nickname": "雷雷",
        "email": None,
        "phone": None,
    }
    page.get_by_test_id("twt-launcher").click()
    expect(page.get_by_test_id("twt-panel")).to_be_visible()
    expect(page.get_by_test_id("twt-title")).to_have_text("在线客服")
    expect(page.get_by_test_id("twt-customer-name")).to_have_text("李雷")


def test_seed_login_from_the_ready_listener(page: Page) -> None:
    goto(page, "seed-login-on-ready.html")
    wait_log(page, "已将用户信息同步到客服系统")
    customer = state(page)["customer"]
    assert customer["sbs"] == "10086" and customer["sbs_mm"] == "e04e335818b69b2abc56ba28b539d092"
    assert (customer["name"], customer["nickname"]) == ("张三", "三哥")
    page.get_by_test_id("twt-launcher").click()
    expect(page.get_by_test_id("twt-customer-name")).to_have_text("张三")
    expect(page.get_by_test_id("twt-customer")).to_contain_text("当前用户")


def test_seed_login_from_on_ready(page: Page) -> None:
    goto(page, "seed-onready.html")
    wait_log(page, "SDK 就绪,已完成初始化配置")
    assert any(line.startswith("SDK 已加载完成") for line in logs(page))
    assert state(page)["customer"] == {
        "sbs": "10086",
        "sbs_mm": "sign_hash",
        "ranstr": "random_str",
        "name": "张三",
        "nickname": "三哥",
        "email": None,
        "phone": None,
    }
    # both onReady callbacks ran once, in order, with the api object
    calls = page.evaluate("() => __twt_mock__.calls.map(c => c.method)")
    assert calls.count("onReady") == 2 and calls.index("onReady") < calls.index("login")
    page.get_by_test_id("twt-launcher").click()
    expect(page.get_by_test_id("twt-customer-name")).to_have_text("张三")


def test_seed_fallback_contact_when_loading_fails(page: Page) -> None:
    fallback = page.locator("#fallback-contact")
    goto(page, "seed-error-fallback.html", "?fail=CDN%20unreachable", ready=False)
    expect(fallback).to_be_visible()
    expect(fallback).to_have_text("在线客服暂不可用,请发送邮件至 support@example.com")
    assert logs(page).count("SDK 加载错误: CDN unreachable") == 2
    assert state(page)["phase"] == "failed"
    expect(page.get_by_test_id("twt-root")).to_have_count(0)


def test_seed_fallback_contact_when_the_sdk_fails_later(page: Page) -> None:
    fallback = page.locator("#fallback-contact")
    goto(page, "seed-error-fallback.html")
    expect(page.get_by_test_id("twt-launcher")).to_be_visible()
    expect(fallback).to_be_hidden()
    page.evaluate("() => __twt_mock__.fail('Connection lost')")
    expect(fallback).to_be_visible()
    expect(fallback).to_have_text("在线客服暂不可用,请发送邮件至 support@example.com")
    expect(page.get_by_test_id("twt-launcher")).to_have_count(0)


def test_seed_unread_badge_on_the_sites_own_button(page: Page) -> None:
    goto(page, "seed-unread-badge.html")
    badge = page.locator("#unread-badge")
    widget_badge = page.get_by_test_id("twt-badge")
    expect(badge).to_be_hidden()
    expect(widget_badge).to_be_hidden()

    page.evaluate("() => __twt_mock__.agentMessage('Your parcel is on its way', {from: 'Mia'})")
    expect(badge).to_be_visible()
    expect(badge).to_have_text("1")
    expect(widget_badge).to_have_text("1")
    assert "未读消息数: 1" in logs(page)

    page.evaluate("() => __twt_mock__.agentMessages(98)")
    expect(badge).to_have_text("99")
    expect(widget_badge).to_have_text("99")
    page.evaluate("() => __twt_mock__.agentMessage('one more')")
    expect(badge).to_have_text("99+")
    expect(widget_badge).to_have_text("99+")
    assert state(page)["unread"] == 100

    # opening the chat window reads everything: the count goes back to 0 and the badges away
    page.get_by_test_id("twt-launcher").click()
    expect(badge).to_be_hidden()
    expect(widget_badge).to_be_hidden()
    assert events(page, "__twt__custom_event")[-1] == {"unread": 0}
    assert "未读消息数: 0" in logs(page)


def test_seed_video_pauses_while_the_chat_is_open(page: Page) -> None:
    goto(page, "seed-video.html")
    video = page.locator("#hero-video")
    # a real video (canvas.captureStream frames) that is playing
    page.wait_for_function(
        "() => { const v = document.getElementById('hero-video'); return !v.paused && v.currentTime > 0 }"
    )

    page.get_by_test_id("twt-launcher").click()
    page.wait_for_function("() => document.getElementById('hero-video').paused")
    assert "可见性: maximized" in logs(page) and "是否打开: true" in logs(page)

    page.get_by_test_id("twt-close").click()
    page.wait_for_function("() => !document.getElementById('hero-video').paused")
    assert video.evaluate("v => v.paused") is False
    assert logs(page)[-2:] == ["可见性: minimized", "是否打开: false"]


def test_seed_custom_button_without_the_launcher(page: Page) -> None:
    page.emulate_media(reduced_motion="reduce")  # no opening animation: measure the final box
    goto(page, "seed-custom-button.html")
    expect(page.get_by_test_id("twt-root")).to_be_attached()
    expect(page.get_by_test_id("twt-launcher")).to_be_hidden()
    assert state(page)["launcher"] is False and state(page)["visibility"] == "hidden"

    page.locator("#my-support-btn").click()
    expect(page.get_by_test_id("twt-panel")).to_be_visible()
    expect(page.get_by_test_id("twt-title")).to_have_text("在线客服")
    expect(page.get_by_test_id("twt-launcher")).to_be_hidden()
    # with no launcher the panel sits in the launcher's corner
    box = page.get_by_test_id("twt-panel").bounding_box()
    viewport = page.viewport_size
    assert box and viewport
    assert abs((box["y"] + box["height"]) - (viewport["height"] - 20)) <= 1


def test_seed_custom_button_before_the_sdk_has_loaded(page: Page) -> None:
    alerts: "list[str]" = []

    def on_dialog(dialog: Any) -> None:
        alerts.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(MOCK + "seed-custom-button.html?nosdk")
    page.locator("#my-support-btn").click()
    assert alerts == ["客服系统正在加载,请稍后重试"]

    page.add_script_tag(url="/static/twt-mock-sdk.js")  # the SDK arrives late
    wait_ready(page)
    page.locator("#my-support-btn").click()
    expect(page.get_by_test_id("twt-panel")).to_be_visible()
    assert alerts == ["客服系统正在加载,请稍后重试"]


def test_seed_language_switcher(page: Page) -> None:
    goto(page, "seed-language.html")
    page.evaluate("() => __twt__api.open()")
    expect(page.get_by_test_id("twt-title")).to_have_text(TEXTS["zh-cn"][0])
    labels = {
        "en": "English",
        "zh-cn": "简体中文",
        "zh-tw": "繁體中文",
        "ja": "日本語",
        "ko": "한국어",
        "de": "Deutsch",
        "fr": "Français",
        "pt": "Português",
        "ru": "Русский",
    }
    for lang, label in labels.items():
        page.get_by_role("button", name=label, exact=True).click()
        title, placeholder, greeting = TEXTS[lang]
        expect(page.get_by_test_id("twt-title")).to_have_text(title)
        expect(page.get_by_test_id("twt-input")).to_have_attribute("placeholder", placeholder)
        expect(page.get_by_test_id("twt-greeting").get_by_test_id("twt-message-text")).to_have_text(
            greeting
        )
        assert logs(page)[-1] == "聊天组件语言已切换为: " + lang
        assert state(page)["language"] == lang


def test_seed_toggle_button(page: Page) -> None:
    goto(page, "seed-toggle.html")
    panel = page.get_by_test_id("twt-panel")
    toggle = page.locator("#toggle-chat")
    expect(panel).to_be_hidden()
    toggle.click()
    expect(panel).to_be_visible()
    assert page.evaluate("() => __twt__api.isOpen()") is True
    toggle.click()
    expect(panel).to_be_hidden()
    assert page.evaluate("() => __twt__api.isOpen()") is False
    toggle.click()
    expect(panel).to_be_visible()


def test_seed_launcher_moves_above_the_cookie_banner(page: Page) -> None:
    goto(page, "seed-cookie-banner.html")
    launcher = page.get_by_test_id("twt-launcher")
    banner = page.locator("#cookie-banner")
    expect(launcher).to_have_css("bottom", "80px")
    launcher_box, banner_box = launcher.bounding_box(), banner.bounding_box()
    assert launcher_box and banner_box
    assert launcher_box["y"] + launcher_box["height"] <= banner_box["y"]  # not covered
    assert state(page)["position"] == {"right": "20px", "bottom": "80px"}

    page.locator("#cookie-accept").click()
    expect(banner).to_be_hidden()
    expect(launcher).to_have_css("bottom", "20px")
    expect(launcher).to_have_css("right", "20px")
    viewport = page.viewport_size
    launcher_box = launcher.bounding_box()
    assert launcher_box and viewport
    assert abs(launcher_box["y"] + launcher_box["height"] - (viewport["height"] - 20)) <= 1


def test_seed_fullscreen_hides_the_launcher(page: Page) -> None:
    goto(page, "seed-fullscreen.html")
    launcher = page.get_by_test_id("twt-launcher")
    expect(launcher).to_be_visible()
    page.locator("#present").click()  # a real user gesture: real fullscreen
    page.wait_for_function("() => !!document.fullscreenElement")
    expect(launcher).to_be_hidden()
    assert state(page)["visibility"] == "hidden"
    # the chat window still opens without the launcher
    page.evaluate("() => __twt__api.open()")
    expect(page.get_by_test_id("twt-panel")).to_be_visible()


GUARDED_BUTTONS = [
    "#do-set-language",
    "#do-open",
    "#do-close",
    "#do-is-open",
    "#do-hide-badge",
    "#do-set-position",
    "#do-is-ready",
    "#do-get-error",
    "#do-open-safely",
    "#do-check-health",
]


def test_seed_guarded_calls_without_the_sdk(page: Page) -> None:
    page.goto(MOCK + "seed-guarded.html?nosdk")
    for selector in GUARDED_BUTTONS:
        page.locator(selector).click()
    assert logs(page) == ["SDK 尚未就绪,请稍后", "SDK 尚未加载"]
    expect(page.locator("#chat-status")).to_have_text("—")
    expect(page.get_by_test_id("twt-root")).to_have_count(0)


def test_seed_guarded_calls_before_ready(page: Page) -> None:
    goto(page, "seed-guarded.html", "?ready=never", ready=False)
    for selector in GUARDED_BUTTONS:
        page.locator(selector).click()
    assert logs(page) == ["聊天窗口是否打开: false", "null", "SDK 尚未就绪,请稍后"]
    expect(page.locator("#chat-status")).to_have_text("客服在线")
    expect(page.get_by_test_id("twt-root")).to_have_count(0)
    assert all("called before the SDK is ready" in w for w in warnings(page))
    assert len(warnings(page)) == 5  # setLanguage, open, close, hideBadge, setPosition
    s = state(page)
    assert (s["ready"], s["open"], s["language"], s["launcher"]) == (False, False, "zh-cn", True)


def test_seed_guarded_calls_when_ready(page: Page) -> None:
    goto(page, "seed-guarded.html")
    panel = page.get_by_test_id("twt-panel")
    page.locator("#do-open").click()
    expect(panel).to_be_visible()
    page.locator("#do-set-language").click()
    expect(page.get_by_test_id("twt-title")).to_have_text("Chat with us")
    page.locator("#do-is-open").click()
    assert logs(page)[-1] == "聊天窗口是否打开: true"
    page.locator("#do-close").click()
    expect(panel).to_be_hidden()
    page.locator("#do-is-ready").click()
    assert logs(page)[-1] == "SDK 已加载完成"
    page.locator("#do-get-error").click()
    assert logs(page)[-1] == "null"
    page.locator("#do-set-position").click()
    expect(page.get_by_test_id("twt-launcher")).to_have_css("bottom", "20px")
    page.locator("#do-hide-badge").click()
    expect(page.get_by_test_id("twt-launcher")).to_be_hidden()
    page.locator("#do-open-safely").click()
    expect(panel).to_be_visible()
    # The open panel is an overlay, as a real widget's is: it may cover the page's buttons.
    # Close it, as a visitor would, before the next click.
    page.get_by_test_id("twt-close").click()
    expect(panel).to_be_hidden()
    page.locator("#do-check-health").click()
    expect(page.locator("#chat-status")).to_have_text("客服在线")
    assert warnings(page) == []


def test_seed_guarded_calls_after_a_failure(page: Page) -> None:
    goto(page, "seed-guarded.html", "?fail=boom", ready=False)
    wait_events(page, "__twt__sdk_error", 1)
    page.locator("#do-check-health").click()
    expect(page.locator("#chat-status")).to_have_text("客服系统暂时不可用")
    page.locator("#do-get-error").click()
    page.locator("#do-open-safely").click()
    assert logs(page) == ["SDK 加载出错: boom", '{"message":"boom"}', "SDK 尚未就绪,请稍后"]


def test_seed_complete_integration(page: Page) -> None:
    goto(page, "seed-full.html")
    wait_log(page, "SDK 已加载完成,版本: 1.2.0-mock")
    page.evaluate("() => __twt_mock__.agentMessage('Hello from the agent')")
    page.get_by_test_id("twt-launcher").click()
    expect(page.get_by_test_id("twt-panel")).to_be_visible()
    assert logs(page) == [
        "可见性: minimized 是否打开: false",  # the initial state, at ready
        "SDK 已加载完成,版本: 1.2.0-mock",
        "未读消息数: 1",
        "可见性: maximized 是否打开: true",
        "未读消息数: 0",
    ]
    expect(page.get_by_test_id("twt-message").get_by_test_id("twt-message-text")).to_have_text(
        "Hello from the agent"
    )


# ================================================================ members and events


# The api's members as the contract declares them (tests/unit/test_contract.py checks the
# mock's source against the same list; this checks what the running mock exposes).
API_MEMBERS = sorted(
    [c[1] for c in COMMANDS if c[1] not in OWN_METHODS] + list(QUERIES)
)


def test_api_exists_once_the_script_has_run_and_waits_for_ready(page: Page) -> None:
    goto(page, query="?ready=never", ready=False)
    members = page.evaluate(
        "() => Object.keys(window.__twt__api).sort().map(k => [k, typeof window.__twt__api[k]])"
    )
    assert members == [[name, "function"] for name in API_MEMBERS]
    assert page.evaluate(
        "() => [__twt__api.isReady(), __twt__api.isOpen(), __twt__api.getError()]"
    ) == [
        False,
        False,
        None,
    ]
    page.evaluate("() => __twt__api.open()")
    assert warnings(page)[-1] == (
        "[twt-mock] open() called before the SDK is ready; ignored. "
        "Wait for __twt__sdk_ready or use onReady()."
    )
    assert last_call(page)["method"] == "open" and last_call(page)["ready"] is False
    s = state(page)
    assert (s["phase"], s["booting"], s["ready"], s["open"]) == ("loading", False, False, False)
    expect(page.get_by_test_id("twt-root")).to_have_count(0)


def test_ready_event_detail(page: Page) -> None:
    goto(page, query="?version=v1.2")
    (detail,) = events(page, "__twt__sdk_ready")
    assert set(detail) == {"version", "timestamp"}
    assert detail["version"] == "v1.2"
    now = page.evaluate("() => Date.now()")
    assert isinstance(detail["timestamp"], int) and 0 <= now - detail["timestamp"] < 60_000
    assert page.evaluate("() => __twt_mock__.version") == "v1.2"


def test_default_version_and_boot_order(page: Page) -> None:
    goto(page)
    assert events(page, "__twt__sdk_ready")[0]["version"] == "1.2.0-mock"
    # the queue is consumed at ready; the initial visibility reaches the queued listener
    assert page.evaluate("() => window.__visibility") == [MINIMIZED]
    assert events(page, "__twt__custom_event") == []


def test_error_event_detail_and_get_error(page: Page) -> None:
    goto(page, query="?fail=Network%20down", ready=False)
    wait_events(page, "__twt__sdk_error", 1)
    (detail,) = events(page, "__twt__sdk_error")
    assert detail == {"error": {"message": "Network down"}}
    assert page.evaluate("() => [__twt__api.isReady(), __twt__api.getError()]") == [
        False,
        {"message": "Network down"},
    ]
    # getError returns a copy
    assert (
        page.evaluate(
            "() => { __twt__api.getError().message = 'x'; return __twt__api.getError().message }"
        )
        == "Network down"
    )
    page.evaluate("() => __twt__api.open()")
    assert warnings(page)[-1] == "[twt-mock] open() ignored: the SDK failed to load (Network down)."
    assert page.evaluate("() => window.__visibility") == []
    assert events(page, "__twt__sdk_ready") == []


def test_unread_event_follows_the_count(page: Page) -> None:
    goto(page)
    page.evaluate("() => { __twt_mock__.agentMessage('a'); __twt_mock__.agentMessage('b') }")
    assert events(page, "__twt__custom_event") == [{"unread": 1}, {"unread": 2}]
    page.evaluate("() => __twt__api.open()")
    assert events(page, "__twt__custom_event")[-1] == {"unread": 0}
    page.evaluate("() => __twt_mock__.agentMessage('read at once')")  # window open: no change
    assert len(events(page, "__twt__custom_event")) == 3 and state(page)["unread"] == 0
    page.evaluate("() => { __twt__api.close(); __twt_mock__.agentMessage('c') }")
    assert events(page, "__twt__custom_event")[-1] == {"unread": 1}
    expect(page.get_by_test_id("twt-badge")).to_have_text("1")


def test_visibility_changed_on_every_change(page: Page) -> None:
    goto(page)
    page.evaluate(
        """() => {
          __twt__api.open(); __twt__api.open();        // the second open changes nothing
          __twt__api.close();
          __twt__api.hideBadge();
          __twt__api.open();
          __twt__api.hideBadge();                       // already hidden: no event
          __twt__api.close();
        }"""
    )
    assert page.evaluate("() => window.__visibility") == [
        MINIMIZED,
        MAXIMIZED,
        MINIMIZED,
        HIDDEN,
        MAXIMIZED,
        HIDDEN,
    ]
    for detail in page.evaluate("() => window.__visibility"):
        assert set(detail) == {"visibility", "isOpen"}


def test_open_close_and_is_open_drive_the_panel(page: Page) -> None:
    goto(page)
    panel, launcher = page.get_by_test_id("twt-panel"), page.get_by_test_id("twt-launcher")
    expect(launcher).to_be_visible()
    expect(launcher).to_have_attribute("aria-expanded", "false")
    page.evaluate("() => __twt__api.open()")
    expect(panel).to_be_visible()
    expect(launcher).to_have_attribute("aria-expanded", "true")
    assert page.evaluate("() => __twt__api.isOpen()") is True
    page.evaluate("() => __twt__api.close()")
    expect(panel).to_be_hidden()
    assert page.evaluate("() => __twt__api.isOpen()") is False
    # the visitor's own clicks do the same
    launcher.click()
    expect(panel).to_be_visible()
    page.get_by_test_id("twt-close").click()
    expect(panel).to_be_hidden()
    assert page.evaluate("() => window.__visibility") == [
        MINIMIZED,
        MAXIMIZED,
        MINIMIZED,
        MAXIMIZED,
        MINIMIZED,
    ]


def test_hide_badge_keeps_open_working(page: Page) -> None:
    goto(page)
    page.evaluate("() => { __twt__api.open(); __twt__api.hideBadge() }")
    expect(page.get_by_test_id("twt-launcher")).to_be_hidden()
    expect(page.get_by_test_id("twt-panel")).to_be_visible()
    assert page.evaluate("() => window.__visibility") == [MINIMIZED, MAXIMIZED]  # still maximized
    page.evaluate("() => __twt__api.close()")
    expect(page.get_by_test_id("twt-panel")).to_be_hidden()
    assert page.evaluate("() => window.__visibility")[-1] == HIDDEN
    page.evaluate("() => __twt__api.open()")
    expect(page.get_by_test_id("twt-panel")).to_be_visible()


def test_set_position_moves_launcher_and_panel(page: Page) -> None:
    page.emulate_media(reduced_motion="reduce")  # no opening animation: measure the final box
    goto(page)
    launcher = page.get_by_test_id("twt-launcher")
    page.evaluate("() => __twt__api.setPosition({right: '40px', bottom: '120px'})")
    expect(launcher).to_have_css("right", "40px")
    expect(launcher).to_have_css("bottom", "120px")
    page.evaluate("() => __twt__api.setPosition({bottom: '2rem'})")  # one side only
    expect(launcher).to_have_css("bottom", "32px")
    expect(launcher).to_have_css("right", "40px")
    assert state(page)["position"] == {"right": "40px", "bottom": "2rem"}
    page.evaluate("() => __twt__api.open()")
    panel_box, launcher_box = (
        page.get_by_test_id("twt-panel").bounding_box(),
        launcher.bounding_box(),
    )
    assert panel_box and launcher_box
    assert panel_box["y"] + panel_box["height"] <= launcher_box["y"]  # the panel sits above
    assert (
        abs((panel_box["x"] + panel_box["width"]) - (launcher_box["x"] + launcher_box["width"]))
        <= 1
    )


def test_set_language_switches_every_visible_text(page: Page) -> None:
    goto(page)
    page.evaluate("() => __twt__api.open()")
    root = page.get_by_test_id("twt-widget")
    for lang, (title, placeholder, greeting) in TEXTS.items():
        page.evaluate("(l) => __twt__api.setLanguage(l)", lang)
        expect(page.get_by_test_id("twt-title")).to_have_text(title)
        expect(page.get_by_test_id("twt-input")).to_have_attribute("placeholder", placeholder)
        expect(page.get_by_test_id("twt-greeting").get_by_test_id("twt-message-text")).to_have_text(
            greeting
        )
        expect(root).to_have_attribute("data-lang", lang)
    assert warnings(page) == []


def test_config_language_and_dark_theme(page: Page) -> None:
    goto(page, config={"appid": "a", "lang": "ja", "theme": "dark"})
    page.evaluate("() => __twt__api.open()")
    expect(page.get_by_test_id("twt-title")).to_have_text(TEXTS["ja"][0])
    expect(page.get_by_test_id("twt-widget")).to_have_attribute("data-theme", "dark")
    assert css(page, "twt-panel", "backgroundColor") == "rgb(17, 24, 39)"
    assert state(page)["theme"] == "dark"


def test_light_theme_is_the_default(page: Page) -> None:
    goto(page)
    page.evaluate("() => __twt__api.open()")
    expect(page.get_by_test_id("twt-widget")).to_have_attribute("data-theme", "light")
    assert css(page, "twt-panel", "backgroundColor") == "rgb(255, 255, 255)"


def test_icon_2_starts_without_a_launcher(page: Page) -> None:
    goto(page, config={"appid": "a", "icon": "2"})
    expect(page.get_by_test_id("twt-root")).to_be_attached()
    expect(page.get_by_test_id("twt-launcher")).to_be_hidden()
    assert page.evaluate("() => window.__visibility") == [HIDDEN]
    page.evaluate("() => { __twt__api.open(); __twt__api.close() }")
    assert page.evaluate("() => window.__visibility") == [HIDDEN, MAXIMIZED, HIDDEN]


def test_login_records_the_customer_and_shows_the_name(page: Page) -> None:
    goto(page)
    customer = page.get_by_test_id("twt-customer")
    page.evaluate("() => __twt__api.open()")
    expect(customer).to_be_hidden()
    page.evaluate(
        "() => __twt__api.login('42', 'a'.repeat(32), 'r'.repeat(16), 'Ada Lovelace', 'Ada', 'ada@example.com', '+44 20 7946 0000')"
    )
    expect(page.get_by_test_id("twt-customer-name")).to_have_text("Ada Lovelace")
    expect(customer).to_contain_text("Signed in as")
    assert state(page)["customer"] == {
        "sbs": "42",
        "sbs_mm": "a" * 32,
        "ranstr": "r" * 16,
        "name": "Ada Lovelace",
        "nickname": "Ada",
        "email": "ada@example.com",
        "phone": "+44 20 7946 0000",
    }
    # trailing arguments may be omitted; the nickname shows when there is no name
    page.evaluate("() => __twt__api.login('43', 'm', 'r', undefined, 'Grace')")
    expect(page.get_by_test_id("twt-customer-name")).to_have_text("Grace")
    assert state(page)["customer"]["email"] is None


def test_config_identity_keys(page: Page) -> None:
    goto(
        page,
        config={
            "appid": "a",
            "sbs": "7",
            "sbs_mm": "m" * 32,
            "ranstr": "r" * 16,
            "name": "Config User",
            "email": "c@example.com",
        },
    )
    assert state(page)["customer"] == {
        "sbs": "7",
        "sbs_mm": "m" * 32,
        "ranstr": "r" * 16,
        "name": "Config User",
        "nickname": None,
        "email": "c@example.com",
        "phone": None,
    }
    page.get_by_test_id("twt-launcher").click()
    expect(page.get_by_test_id("twt-customer-name")).to_have_text("Config User")


def test_on_ready_before_and_after_ready(page: Page) -> None:
    goto(page, query="?autoboot=0", ready=False)
    page.evaluate(
        """() => {
          window.__got = [];
          __twt__api.onReady((api) => window.__got.push(['first', api === window.__twt__api, api.isReady()]));
          __twt__api.onReady((api) => window.__got.push(['second', api === window.__twt__api]));
          __twt_mock__.boot();
        }"""
    )
    wait_ready(page)
    page.wait_for_function("() => window.__got.length === 2")
    assert page.evaluate("() => window.__got") == [["first", True, True], ["second", True]]
    # once ready, the callback runs right away (before onReady returns)
    assert (
        page.evaluate(
            "() => { let ran = false; __twt__api.onReady(() => { ran = true }); return ran }"
        )
        is True
    )
    page.evaluate("() => __twt__api.onReady('not a function')")
    assert (
        warnings(page)[-1]
        == '[twt-mock] onReady("not a function"): the callback is not a function. Ignored.'
    )


def test_is_ready_follows_the_lifecycle(page: Page) -> None:
    goto(page, query="?autoboot=0", ready=False)
    assert page.evaluate("() => __twt__api.isReady()") is False
    page.evaluate("() => __twt_mock__.boot()")
    wait_ready(page)
    page.evaluate("() => __twt_mock__.fail('gone')")
    assert page.evaluate("() => [__twt__api.isReady(), __twt__api.getError()]") == [
        False,
        {"message": "gone"},
    ]


# ---------------------------------------------------------------- listener order


def test_listeners_before_and_after_the_script_all_get_events(page: Page) -> None:
    page.goto(MOCK + "order.html")
    wait_ready(page)
    assert page.evaluate("() => window.__afterScript") == {"api": "object", "ready": False}
    page.evaluate(
        """() => {
          TWTChatWidget.on('visibility_changed', seen('on-after-ready'));
          addEventListener('__twt__custom_event', seen('after-ready:__twt__custom_event'));
          __twt__api.open();
          __twt__api.close();
          __twt_mock__.agentMessage('hi');
        }"""
    )
    seen = page.evaluate("() => window.__seen")
    # queued before the script (three queue formats), and on() after the script before ready
    for tag in ("q-pair", "q-slice", "q-arguments", "on-after-script"):
        assert seen[tag] == [MINIMIZED, MAXIMIZED, MINIMIZED], tag
    # registered after ready: later changes only
    assert seen["on-after-ready"] == [MAXIMIZED, MINIMIZED]
    for when in ("before", "after"):
        (ready,) = seen[when + ":__twt__sdk_ready"]
        assert set(ready) == {"version", "timestamp"}
        assert seen[when + ":__twt__custom_event"] == [{"unread": 1}]
        assert when + ":__twt__sdk_error" not in seen
    assert seen["after-ready:__twt__custom_event"] == [{"unread": 1}]
    on_calls = page.evaluate(
        "() => __twt_mock__.calls.filter(c => c.method === 'TWTChatWidget.on')"
    )
    assert [c["queued"] for c in on_calls] == [True, True, True, True, False]
    assert all(c["args"][0] == "visibility_changed" for c in on_calls)


def test_sdk_provides_the_queue_when_the_page_has_none(page: Page) -> None:
    page.goto(MOCK + "order-nostub.html")
    wait_ready(page)
    assert page.evaluate("() => window.__stub") == {"type": "object", "queue": True}
    assert page.evaluate("() => window.__seen") == [MINIMIZED]
    page.evaluate("() => __twt__api.open()")
    assert page.evaluate("() => window.__seen") == [MINIMIZED, MAXIMIZED]


def test_late_pushes_onto_the_old_queue_still_register(page: Page) -> None:
    goto(page)
    # a stub's on() cached before ready still pushes onto TWTChatWidget._q
    page.evaluate(
        """() => {
          window.__late = [];
          TWTChatWidget._q.push(['on', ['visibility_changed', (d) => window.__late.push(d)]]);
          __twt__api.open();
        }"""
    )
    assert page.evaluate("() => window.__late") == [MAXIMIZED]


def test_unknown_widget_event_and_non_function_listener_warn(page: Page) -> None:
    goto(page)
    page.evaluate(
        "() => { TWTChatWidget.on('ready', () => {}); TWTChatWidget.on('visibility_changed', 42) }"
    )
    assert warnings(page)[-2:] == [
        '[twt-mock] TWTChatWidget.on("ready", ...): unknown event name; known events: visibility_changed. Listener ignored.',
        '[twt-mock] TWTChatWidget.on("visibility_changed", 42): the listener is not a function. Ignored.',
    ]
    assert state(page)["listeners"] == 1


def test_throwing_page_callbacks_do_not_break_the_sdk(page: Page, console_errors: Any) -> None:
    console_errors.allow(r"\[twt-mock\] a visibility_changed listener threw; the SDK carries on")
    console_errors.allow(r"\[twt-mock\] an onReady callback threw; the SDK carries on")
    page.add_init_script(
        """
        window.TWTChatWidget = { _q: [], on(n, cb) { this._q.push(['on', [n, cb]]) } };
        window.TWTChatWidget.on('visibility_changed', () => { throw new Error('listener boom') });
        """
    )
    goto(page, query="?autoboot=0", ready=False)
    page.evaluate(
        """() => {
          window.__good = 0;
          __twt__api.onReady(() => { throw new Error('callback boom') });
          __twt__api.onReady(() => { window.__good += 1 });
          __twt_mock__.boot();
        }"""
    )
    wait_ready(page)
    page.wait_for_function("() => window.__good === 1")
    page.evaluate("() => __twt__api.open()")
    # the listener after the throwing one still got both events
    assert page.evaluate("() => window.__visibility") == [MINIMIZED, MAXIMIZED]
    errors = page.evaluate("() => window.__rec.errors")
    assert len(errors) == 3
    assert (
        sum("listener boom" in e for e in errors) == 2
        and sum("callback boom" in e for e in errors) == 1
    )


# ---------------------------------------------------------------- bad arguments


BAD_CALLS = [
    # (expression, text the warning must contain)
    ("__twt__api.setLanguage('xx')", 'unknown language code "xx"'),
    ("__twt__api.setLanguage('zh-CN')", 'did you mean "zh-cn"?'),
    ("__twt__api.setLanguage(42)", "unknown language code 42"),
    ("__twt__api.setLanguage(null)", "unknown language code null"),
    ("__twt__api.setLanguage()", "unknown language code undefined"),
    ("__twt__api.setPosition('20px')", 'invalid position "20px" (not an object)'),
    ("__twt__api.setPosition(null)", "invalid position null (not an object)"),
    ("__twt__api.setPosition(['20px', '20px'])", 'invalid position ["20px","20px"]'),
    ("__twt__api.setPosition({right: 20, bottom: 20})", "right 20 is not a string"),
    (
        "__twt__api.setPosition({right: '20px;background:red', bottom: '20px'})",
        '"20px;background:red" is not a non-negative CSS length',
    ),
    (
        "__twt__api.setPosition({right: '-5px', bottom: '20px'})",
        '"-5px" is not a non-negative CSS length',
    ),
    (
        "__twt__api.setPosition({right: 'calc(1px + 2px)'})",
        '"calc(1px + 2px)" is not a non-negative CSS length',
    ),
    ("__twt__api.setPosition({left: '10px'})", 'it has neither "right" nor "bottom"'),
    ("__twt__api.setPosition(new Map([['right', '1px']]))", "invalid position [object Map]"),
    ("__twt__api.login(10086, 'mm', 'rs', 'Name')", "sbs=10086 must be strings"),
    (
        "__twt__api.login('1', 'mm', 'rs', {toString() { return 'x' }})",
        'name={"toString":"[function toString]"} must be strings',
    ),
    ("__twt__api.login('1', 'mm', 'rs', 'N', 'n', 'e', 5551234)", "phone=5551234 must be strings"),
    ("__twt__api.login()", "sbs (the customer id) is required"),
    ("__twt__api.login('', 'mm', 'rs')", "sbs (the customer id) is required"),
]


@pytest.mark.parametrize(
    "expression, warning", BAD_CALLS, ids=[c[0].replace("__twt__api.", "") for c in BAD_CALLS]
)
def test_bad_arguments_warn_and_change_nothing(page: Page, expression: str, warning: str) -> None:
    goto(page)
    page.evaluate("() => __twt__api.login('keep', 'mm', 'rs', 'Kept Name')")
    before = state(page)
    count = len(warnings(page))
    method = expression.split("(")[0].split(".")[1]
    result = page.evaluate(
        "() => { try { return ['ok', %s] } catch (e) { return ['threw', String(e)] } }" % expression
    )
    assert result == ["ok", None]  # nothing thrown into the page, nothing returned
    new = warnings(page)[count:]
    assert len(new) == 1, new
    assert new[0].startswith("[twt-mock] ") and warning in new[0], new[0]
    assert state(page) == before
    assert last_call(page)["method"] == method
    expect(page.get_by_test_id("twt-launcher")).to_have_css("right", "20px")


def test_bad_arguments_are_recorded_as_json_safe_copies(page: Page) -> None:
    goto(page)
    page.evaluate(
        "() => __twt__api.setPosition({right: 20, nested: {fn: function named() {}}, el: document.body})"
    )
    assert last_call(page)["args"] == [
        {"right": 20, "nested": {"fn": "[function named]"}, "el": "[BODY node]"}
    ]


def test_unknown_position_keys_warn_but_valid_sides_apply(page: Page) -> None:
    goto(page)
    page.evaluate("() => __twt__api.setPosition({right: '30px', bottom: '40px', left: '0'})")
    assert state(page)["position"] == {"right": "30px", "bottom": "40px"}
    assert warnings(page)[-1] == (
        '[twt-mock] setPosition({"right":"30px","bottom":"40px","left":"0"}): position keys left '
        "are not supported and are ignored (only right and bottom)."
    )


# ---------------------------------------------------------------- text, never HTML


def test_customer_name_is_shown_as_text_and_runs_nothing(page: Page) -> None:
    dialogs: "list[str]" = []
    requests: "list[str]" = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("request", lambda request: requests.append(request.url))
    goto(page, config={"appid": "a", "sbs": "1", "name": XSS_NAME})
    page.get_by_test_id("twt-launcher").click()
    name = page.get_by_test_id("twt-customer-name")
    expect(name).to_have_text(XSS_NAME)

    payload = '<img src=x onerror="window.__pwned = 1"><script>window.__pwned = 2</script>'
    page.evaluate("(p) => __twt__api.login('2', 'mm', 'rs', p)", payload)
    expect(name).to_have_text(payload)
    page.evaluate("(p) => __twt_mock__.agentMessage(p, {from: p})", payload)
    expect(page.get_by_test_id("twt-message").get_by_test_id("twt-message-text")).to_have_text(
        payload
    )

    counts = page.evaluate(
        """() => {
          const shadow = document.getElementById('twt-mock-widget').shadowRoot;
          return [shadow.querySelectorAll('img, script').length, document.querySelectorAll('img').length,
                  typeof window.__pwned];
        }"""
    )
    assert counts == [0, 0, "undefined"]
    assert dialogs == []
    assert not [u for u in requests if u.rstrip("/").endswith("/x")]


# ================================================================ the control object


def test_calls_log_every_api_call(page: Page) -> None:
    goto(page)
    page.evaluate(
        """() => {
          __twt_mock__.clearCalls();
          __twt__api.setLanguage('ja');
          __twt__api.onReady(function named() {});
          __twt__api.setPosition({right: '1rem', bottom: '2rem'});
          __twt__api.isOpen();
          __twt__api.login('1', 'm', 'r', undefined, null);
          __twt__api.getError();
        }"""
    )
    calls = page.evaluate("() => __twt_mock__.calls")
    assert [(c["method"], c["args"]) for c in calls] == [
        ("setLanguage", ["ja"]),
        ("onReady", ["[function named]"]),
        ("setPosition", [{"right": "1rem", "bottom": "2rem"}]),
        ("isOpen", []),
        ("login", ["1", "m", "r", None, None]),
        ("getError", []),
    ]
    assert all(c["ready"] is True and isinstance(c["time"], int) for c in calls)
    assert page.evaluate("() => JSON.parse(JSON.stringify(__twt_mock__.calls)).length") == 6


def test_query_options_delay_version_unread(page: Page) -> None:
    goto(page, query="?delay=400&version=9.9.9-test&unread=3")
    (ready,) = events(page, "__twt__sdk_ready")
    t0 = page.evaluate("() => window.__rec.t0")
    assert ready["timestamp"] - t0 >= 400
    assert ready["version"] == "9.9.9-test"
    # three messages were waiting: one change of the count, after the ready event
    wait_events(page, "__twt__custom_event", 1)
    assert events(page, "__twt__custom_event") == [{"unread": 3}]
    assert [e["type"] for e in page.evaluate("() => window.__rec.events")] == [
        "__twt__sdk_ready",
        "__twt__custom_event",
    ]
    expect(page.get_by_test_id("twt-badge")).to_have_text("3")
    assert page.evaluate("() => __twt_mock__.options()")["delay"] == 400


def test_global_options_and_query_precedence(page: Page) -> None:
    goto(page, query="?version=from-query", options={"version": "from-global", "agent": "Mia"})
    assert events(page, "__twt__sdk_ready")[0]["version"] == "from-query"
    page.evaluate("() => { __twt__api.open(); __twt_mock__.agentMessage('hello') }")
    expect(page.get_by_test_id("twt-message")).to_contain_text("Mia")


def test_unknown_and_invalid_options_warn(page: Page) -> None:
    goto(page, query="?dealy=10&delay=soon")
    assert any('unknown option "dealy" from the script URL' in w for w in warnings(page))
    assert any(
        'option delay="soon" from the script URL is not valid; keeping 50.' in w
        for w in warnings(page)
    )


def test_ready_never_then_boot(page: Page) -> None:
    goto(page, query="?ready=never", ready=False)
    s = state(page)
    assert (s["phase"], s["booting"]) == ("loading", False)
    page.evaluate("() => __twt_mock__.boot()")
    wait_ready(page)
    assert len(events(page, "__twt__sdk_ready")) == 1


def test_never_ready_cancels_a_pending_boot(page: Page) -> None:
    goto(page, query="?delay=60000", ready=False)
    assert state(page)["booting"] is True
    page.evaluate("() => __twt_mock__.neverReady()")
    assert state(page)["booting"] is False
    page.evaluate("() => { __twt_mock__.setBootDelay(0); __twt_mock__.boot() }")
    wait_ready(page)


def test_set_boot_delay_with_manual_boot(page: Page) -> None:
    goto(page, query="?autoboot=0", ready=False)
    assert state(page)["phase"] == "idle"
    started = page.evaluate(
        "() => { __twt_mock__.setBootDelay(300); const t = Date.now(); __twt_mock__.boot(); return t }"
    )
    wait_ready(page)
    assert events(page, "__twt__sdk_ready")[0]["timestamp"] - started >= 300


def test_fail_after_ready_removes_the_widget(page: Page) -> None:
    goto(page)
    page.evaluate("() => { __twt__api.open(); __twt_mock__.fail('Connection lost') }")
    assert events(page, "__twt__sdk_error") == [{"error": {"message": "Connection lost"}}]
    assert page.evaluate("() => window.__visibility") == [MINIMIZED, MAXIMIZED, HIDDEN]
    assert page.evaluate(
        "() => [__twt__api.isReady(), __twt__api.isOpen(), __twt__api.getError()]"
    ) == [
        False,
        False,
        {"message": "Connection lost"},
    ]
    expect(page.get_by_test_id("twt-root")).to_have_count(0)


def test_agent_messages_before_ready_wait_for_ready(page: Page) -> None:
    goto(page, query="?autoboot=0", ready=False)
    assert page.evaluate("() => __twt_mock__.agentMessage('sent while loading')") == 0
    page.evaluate("() => __twt_mock__.boot()")
    wait_ready(page)
    wait_events(page, "__twt__custom_event", 1)
    assert events(page, "__twt__custom_event") == [{"unread": 1}]
    assert page.evaluate("() => __twt_mock__.messages().map(m => [m.from, m.text])") == [
        ["agent", "sent while loading"]
    ]


def test_agent_messages_batches_and_authors(page: Page) -> None:
    goto(page)
    assert page.evaluate("() => __twt_mock__.agentMessages(3)") == 3
    assert page.evaluate("() => __twt_mock__.agentMessages(['a', 'b'], {from: 'Ops'})") == 5
    assert events(page, "__twt__custom_event") == [{"unread": 3}, {"unread": 5}]  # one per batch
    page.evaluate("() => __twt__api.open()")
    messages = page.get_by_test_id("twt-message")
    expect(messages).to_have_count(5)
    expect(messages.last).to_contain_text("Ops")
    expect(messages.last.get_by_test_id("twt-message-text")).to_have_text("b")
    page.evaluate("() => __twt_mock__.agentMessages('3')")
    assert "expected a count or an array of strings" in warnings(page)[-1]


def test_visitor_can_type_a_message(page: Page) -> None:
    goto(page)
    page.get_by_test_id("twt-launcher").click()
    page.get_by_test_id("twt-input").fill("Where is my order?")
    page.get_by_test_id("twt-input").press("Enter")
    message = page.locator("[data-testid=twt-message][data-from=visitor]")
    expect(message.get_by_test_id("twt-message-text")).to_have_text("Where is my order?")
    expect(page.get_by_test_id("twt-input")).to_have_value("")
    page.get_by_test_id("twt-input").fill("Thanks")
    page.get_by_test_id("twt-send").click()
    expect(message).to_have_count(2)
    assert page.evaluate("() => __twt_mock__.messages().map(m => m.from)") == ["visitor", "visitor"]
    assert (
        page.evaluate("() => __twt_mock__.calls.filter(c => c.method === 'open').length") == 0
    )  # UI, not API


def test_reset_returns_to_a_fresh_boot(page: Page) -> None:
    goto(page)
    page.evaluate(
        """() => {
          window.__apiBefore = window.__twt__api;
          __twt__api.login('1', 'm', 'r', 'Before Reset');
          __twt__api.setLanguage('fr');
          __twt__api.open();
          __twt_mock__.agentMessage('old');
          window.__twt__config.lang = 'de';           // re-read at the next boot
          __twt_mock__.reset();
          // right after reset(), before the new boot ends (checked in the same task)
          window.__afterReset = {state: __twt_mock__.state(), calls: __twt_mock__.calls.length,
                                 widget: !!document.getElementById('twt-mock-widget')};
        }"""
    )
    after = page.evaluate("() => window.__afterReset")
    s = after["state"]
    assert (s["phase"], s["ready"], s["open"], s["unread"], s["customer"]) == (
        "loading",
        False,
        False,
        0,
        None,
    )
    assert (after["calls"], after["widget"]) == (0, False)
    wait_ready(page)
    assert state(page)["language"] == "de"
    assert page.evaluate("() => window.__twt__api === window.__apiBefore") is True
    assert len(events(page, "__twt__sdk_ready")) == 2
    # the page's visibility listener survives a reset and learns the new initial state
    assert page.evaluate("() => window.__visibility") == [MINIMIZED, MAXIMIZED, MINIMIZED]
    assert page.evaluate("() => __twt_mock__.messages()") == []
    page.evaluate("() => __twt__api.open()")
    expect(page.get_by_test_id("twt-title")).to_have_text(TEXTS["de"][0])


def test_reset_with_overrides(page: Page) -> None:
    goto(page)
    page.evaluate("() => __twt_mock__.reset({fail: 'reset to failure', delay: 0})")
    wait_events(page, "__twt__sdk_error", 1)
    assert state(page)["error"] == {"message": "reset to failure"}
    page.evaluate("() => __twt_mock__.reset({autoboot: false})")
    assert state(page)["phase"] == "idle"
    assert page.evaluate("() => __twt_mock__.options().fail") is None  # overrides do not stick
    page.evaluate("() => __twt_mock__.boot()")
    wait_ready(page)


def test_async_events_option(page: Page) -> None:
    goto(page, query="?asyncEvents=1")
    page.wait_for_function("() => window.__visibility.length === 1")  # the initial state, later
    counts = page.evaluate(
        "() => { const n = __visibility.length; __twt__api.open(); return [n, __visibility.length] }"
    )
    assert counts[0] == counts[1]  # not delivered inside open()
    page.wait_for_function("(n) => window.__visibility.length === n + 1", arg=counts[0])
    assert page.evaluate("() => window.__visibility")[-1] == MAXIMIZED


def test_sync_events_by_default(page: Page) -> None:
    goto(page)
    counts = page.evaluate(
        "() => { const n = __visibility.length; __twt__api.open(); return [n, __visibility.length] }"
    )
    assert counts[1] == counts[0] + 1


def test_initial_visibility_can_be_turned_off(page: Page) -> None:
    goto(page, query="?initialVisibility=0")
    assert page.evaluate("() => window.__visibility") == []
    page.evaluate("() => __twt__api.open()")
    assert page.evaluate("() => window.__visibility") == [MAXIMIZED]


def test_loading_the_script_twice_does_nothing(page: Page) -> None:
    goto(page)
    page.evaluate("() => { window.__mockBefore = window.__twt_mock__; __twt__api.open() }")
    page.add_script_tag(url="/static/twt-mock-sdk.js")
    assert (
        warnings(page)[-1]
        == "[twt-mock] twt-mock-sdk.js was loaded a second time; the second copy does nothing."
    )
    assert page.evaluate("() => window.__twt_mock__ === window.__mockBefore") is True
    expect(page.locator("#twt-mock-widget")).to_have_count(1)
    assert state(page)["open"] is True


# ---------------------------------------------------------------- configuration objects


def test_console_snippet_config_name_and_position(page: Page) -> None:
    goto(
        page,
        config={"appid": "console", "position": {"right": "80px", "bottom": "80px"}},
        config_name="__twt_config",
    )
    s = state(page)
    assert (s["configName"], s["appid"], s["position"]) == (
        "__twt_config",
        "console",
        {"right": "80px", "bottom": "80px"},
    )
    expect(page.get_by_test_id("twt-launcher")).to_have_css("right", "80px")
    expect(page.get_by_test_id("twt-launcher")).to_have_css("bottom", "80px")
    assert warnings(page) == []


def test_one_object_under_both_names_is_fine(page: Page) -> None:
    page.add_init_script("window.__twt__config = window.__twt_config = {appid: 'both', lang: 'ko'}")
    goto(page)
    assert (state(page)["configName"], state(page)["language"]) == ("__twt__config", "ko")
    assert warnings(page) == []


def test_two_different_config_objects_warn(page: Page) -> None:
    page.add_init_script(
        "window.__twt__config = {appid: 'docs'}; window.__twt_config = {appid: 'console'}"
    )
    goto(page)
    assert state(page)["appid"] == "docs"
    assert any(
        "both window.__twt__config and window.__twt_config are set" in w for w in warnings(page)
    )


def test_next_generation_config_name_warns(page: Page) -> None:
    page.add_init_script("window.__twt = {language: 'en', launcher: false}")
    goto(page, config=None)
    w = warnings(page)
    assert any("window.__twt is set" in x and "window.__twt is ignored" in x for x in w)
    assert any(
        "no configuration found (window.__twt__config); booting without an appid." in x for x in w
    )
    assert state(page)["appid"] is None and state(page)["ready"] is True


def test_bad_config_values_warn_and_use_defaults(page: Page) -> None:
    goto(
        page,
        config={
            "appid": 12,
            "lang": "zh-CN",
            "theme": "blue",
            "icon": 3,
            "position": {"right": 20},
            "sbs": 10086,
            "language": "en",
        },
    )
    s = state(page)
    assert (s["appid"], s["language"], s["theme"], s["launcher"], s["position"], s["customer"]) == (
        None,
        "en",
        "light",
        True,
        {"right": "20px", "bottom": "20px"},
        None,
    )
    w = "\n".join(warnings(page))
    for text in (
        'unknown key "language" (did you mean "lang"?)',
        "window.__twt__config.appid is 12",
        'unknown language code "zh-CN" (did you mean "zh-cn"?',
        'unknown theme "blue"',
        "icon: unknown value 3",
        "right 20 is not a string",
        "sbs=10086 must be strings",
    ):
        assert text in w, text
