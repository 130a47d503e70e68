"""Unit tests for twt_py._widget.ChatWidget over the fake JS world (FakeHost) and a fake of
the vendor SDK (FakeSDK). Every test builds its own ChatWidget(FakeHost()); effects are
observed through what reached the fake SDK, the window's listeners, the console and the
functions handed to JS."""

import asyncio

import pytest
from fake_sdk import FakeSDK, install_early, install_vendor_stub

from twt_py import (
    ChatError,
    ChatLoadError,
    ChatSDKError,
    ChatTimeoutError,
    ChatWidget,
    Customer,
    Language,
    Position,
    ReadyInfo,
    Subscription,
    Visibility,
    VisibilityChange,
)
from twt_py._contract import EVENTS
from twt_py._cpython.ffi_fake import CustomEvent, FakeHost, JSObject

SIG = "0123456789abcdef0123456789abcdef"
RANSTR = "_random16string_"
TS = 1767225600000


# The contract's window events: one listener each while bound.
WINDOW_EVENTS = [e[2] for e in EVENTS if e[1] in ("window", "count")]
SLOTS = [e[0] for e in EVENTS]


def world(loaded=False, ready=False, with_off=False):
    """A fresh page: host, SDK (maybe loaded/ready) and a widget bound to it."""
    host = FakeHost()
    sdk = FakeSDK(host, with_off=with_off)
    if loaded or ready:
        sdk.load()
    if ready:
        sdk.become_ready()
    chat = ChatWidget(host)
    return host, sdk, chat


def errors(host):
    return [text for level, text in host.messages if level == "error"]


def warnings(host):
    return [text for level, text in host.messages if level == "warn"]


def customer(**extra):
    return Customer(sbs="1001", sbs_mm=SIG, ranstr=RANSTR, **extra)


async def settle(host, rounds=10):
    """Let spawned tasks (async callbacks) run to the end."""
    for _ in range(rounds):
        tasks = list(getattr(host, "_tasks", ()))
        if tasks:
            await asyncio.wait(tasks)
        await asyncio.sleep(0)


# ================================================================ binding


def test_nothing_touches_the_page_until_first_use():
    host = FakeHost()
    chat = ChatWidget(host)
    assert repr(chat) == "<ChatWidget unbound>"
    assert host.window.listener_count() == 0
    assert getattr(host.window, "TWTChatWidget", None) is None
    assert host.live_functions == set()


def test_binding_before_the_sdk_listens_and_queues_on_a_new_stub():
    host, _sdk, chat = world()
    assert chat.is_ready is False  # first use binds
    win = host.window
    for name in WINDOW_EVENTS:
        assert win.listener_count(name) == 1, name
    assert "__twt__sdk_ready" in WINDOW_EVENTS  # the loop above is not vacuous
    stub = win.TWTChatWidget
    assert len(stub._q) == 1
    entry = stub._q[0]
    assert entry[0] == "on" and entry[1][0] == "visibility_changed"
    assert callable(entry[1][1])
    # the stub queues like the vendor's: a page's own on() after ours lands in the same queue
    stub.on("visibility_changed", print)
    assert len(stub._q) == 2 and list(stub._q[1][1]) == ["visibility_changed", print]


def test_binding_twice_adds_nothing():
    host, _sdk, chat = world()
    chat._bind()
    chat._bind()
    chat.on_unread(lambda n: None)
    assert host.window.listener_count() == len(WINDOW_EVENTS)
    assert len(host.window.TWTChatWidget._q) == 1


def test_the_vendor_stub_on_the_page_is_used_not_replaced():
    host = FakeHost()
    stub = install_vendor_stub(host)
    sdk = FakeSDK(host)
    chat = ChatWidget(host)
    chat._bind()
    assert host.window.TWTChatWidget is stub
    assert len(stub._q) == 1 and stub._q[0][1][0] == "visibility_changed"
    seen = []
    chat.on_visibility(seen.append)
    sdk.become_ready()
    sdk.api.open()
    assert seen == [VisibilityChange("maximized", True)]


def test_binding_to_a_ready_sdk_registers_directly():
    host, sdk, chat = world(ready=True)
    chat._bind()
    assert len(sdk.handlers) == 1
    assert len(host.window.TWTChatWidget._q) == 0


def test_queued_visibility_listener_reaches_the_sdk_at_ready():
    _host, sdk, chat = world()
    seen = []
    chat.on_visibility(seen.append)
    sdk.load()
    assert sdk.handlers == []
    sdk.become_ready()
    assert len(sdk.handlers) == 1
    sdk.api.open()
    sdk.api.hideBadge()
    sdk.api.close()
    # hideBadge while open changes nothing visible; close then shows no launcher
    assert seen == [
        VisibilityChange(Visibility.MAXIMIZED, True),
        VisibilityChange(Visibility.HIDDEN, False),
    ]
    assert chat.visibility == Visibility.HIDDEN
    assert chat.is_open is False


# ================================================================ state


def test_state_before_anything():
    _host, _sdk, chat = world()
    assert chat.is_ready is False
    assert chat.is_open is False
    assert chat.unread == 0 and type(chat.unread) is int
    assert chat.visibility is None
    assert chat.error is None
    assert chat.version is None
    assert "loading" in repr(chat)


def test_state_follows_the_sdk():
    _host, sdk, chat = world()
    chat._bind()
    sdk.become_ready(version="1.2.3", timestamp=TS)
    assert chat.is_ready is True
    assert chat.version == "1.2.3"
    assert chat.error is None
    sdk.set_unread(4)
    assert chat.unread == 4
    sdk.api.open()
    assert chat.is_open is True
    assert chat.visibility == "maximized"
    sdk.api.close()
    assert chat.is_open is False
    assert chat.visibility == "minimized"
    assert "ready" in repr(chat) and "unread=4" in repr(chat)


def test_is_open_asks_the_sdk_once_ready():
    _host, sdk, chat = world(ready=True)
    chat._bind()
    sdk.opened = True  # changed without an event
    assert chat.is_open is True
    assert ("isOpen", []) in sdk.calls


def test_a_version_that_is_not_a_str_is_warned_and_ignored():
    host, sdk, chat = world()
    chat._bind()
    sdk.become_ready(version=2)
    assert chat.is_ready is True  # the ready signal still counts
    assert chat.version is None
    [text] = warnings(host)
    assert "version 2" in text and "str" in text


def test_ready_event_without_detail_still_counts():
    host, _sdk, chat = world()
    chat._bind()
    host.window.dispatchEvent(CustomEvent("__twt__sdk_ready"))
    assert chat.is_ready is True
    assert chat.version is None


def test_a_bad_timestamp_does_not_lose_the_ready_signal():
    _host, sdk, chat = world()
    chat.open()
    sdk.load()
    sdk.become_ready(timestamp="yesterday")
    assert chat.is_ready is True
    assert sdk.commands() == [("open", [])]
    assert chat.version == "1.2.0"


def test_error_state():
    _host, sdk, chat = world()
    chat._bind()
    sdk.fail("no network")
    err = chat.error
    assert isinstance(err, ChatSDKError) and isinstance(err, ChatError)
    assert err.message == "no network"
    assert chat.is_ready is False
    assert chat.version is None
    assert "failed" in repr(chat)


def test_error_event_without_a_message():
    host, _sdk, chat = world()
    chat._bind()
    host.window.dispatchEvent(CustomEvent("__twt__sdk_error", {}))
    assert chat.error.message == "unknown SDK error"


def test_failing_after_ready_leaves_ready():
    _host, sdk, chat = world()
    chat._bind()
    sdk.become_ready()
    sdk.fail("crashed")
    assert chat.is_ready is False
    assert chat.version is None
    assert chat.error.message == "crashed"


# ================================================================ commands before ready


def test_commands_before_ready_are_applied_at_ready_in_order():
    _host, sdk, chat = world()
    chat.set_language("zh_TW")
    chat.set_position(right=24, bottom="80px")
    chat.login(customer(name="Ada"))
    chat.hide_badge()
    chat.open()
    chat.close()
    sdk.load()
    assert sdk.commands() == []  # nothing reaches a loaded-but-not-ready SDK
    sdk.become_ready()
    assert sdk.commands() == [
        ("setLanguage", ["zh-tw"]),
        ("setPosition", [{"right": "24px", "bottom": "80px"}]),
        ("login", ["1001", SIG, RANSTR, "Ada"]),
        ("hideBadge", []),
        ("open", []),
        ("close", []),
    ]
    assert chat.is_open is False
    assert chat.visibility == "hidden"


def test_pending_commands_are_applied_inside_the_ready_dispatch():
    host, sdk, chat = world()
    chat.open()
    chat.set_language("ja")
    chat._bind()
    seen_during_dispatch = []
    # registered after the widget's listener: runs in the same dispatch, right after it
    host.window.addEventListener(
        "__twt__sdk_ready", lambda e: seen_during_dispatch.append(list(sdk.commands()))
    )
    sdk.become_ready()
    assert seen_during_dispatch == [[("open", []), ("setLanguage", ["ja"])]]
    assert host._timers == {}


def test_pending_commands_run_before_on_ready_callbacks():
    _host, sdk, chat = world()
    order = []
    chat.on_ready(lambda info: order.append(("ready", list(sdk.commands()))))
    chat.open()
    sdk.become_ready()
    assert order == [("ready", [("open", [])])]


def test_commands_after_ready_go_straight_through():
    _host, sdk, chat = world()
    chat._bind()
    sdk.become_ready()
    chat.open()
    assert sdk.commands() == [("open", [])]
    chat.set_language(Language.KO)
    assert sdk.commands()[-1] == ("setLanguage", ["ko"])
    chat.hide_badge()
    assert sdk.commands()[-1] == ("hideBadge", [])
    chat.close()
    assert sdk.commands()[-1] == ("close", [])
    chat.set_position(Position(bottom=12))
    assert sdk.commands()[-1] == ("setPosition", [{"bottom": "12px"}])
    chat.login({"sbs": "7", "sbs_mm": SIG, "ranstr": "x"})
    assert sdk.commands()[-1] == ("login", ["7", SIG, "x"])


def test_commands_from_an_on_ready_callback_go_straight_through():
    _host, sdk, chat = world()
    chat.on_ready(lambda info: chat.open())
    sdk.become_ready()
    assert sdk.commands() == [("open", [])]
    assert chat.is_open is True


def test_a_pending_command_the_sdk_rejects_is_reported_and_the_rest_still_run():
    host, sdk, chat = world()
    chat.set_language("ja")
    chat.open()
    sdk.load()
    sdk.raise_on["setLanguage"] = RuntimeError("SDK exploded")
    sdk.become_ready()
    assert sdk.commands() == [("setLanguage", ["ja"]), ("open", [])]
    [text] = errors(host)
    assert "set_language('ja')" in text and "SDK exploded" in text and "Traceback" in text
    assert chat.is_ready is True


def test_failure_names_the_pending_commands_and_applies_none():
    _host, sdk, chat = world()
    chat.set_language("ja")
    chat.open()
    chat.login(customer())
    got = []
    chat.on_error(got.append)
    sdk.fail("blocked by an extension")
    assert sdk.commands() == []
    err = chat.error
    assert got == [err]
    assert isinstance(err, ChatSDKError)
    assert err.message == "blocked by an extension"
    assert err.pending == ("set_language('ja')", "open()", "login(sbs='1001')")
    text = str(err)
    assert "blocked by an extension" in text
    assert "3 command(s)" in text
    for label in err.pending:
        assert label in text
    # nothing left to run if the SDK became ready after all
    sdk.become_ready()
    assert sdk.commands() == []


def test_commands_after_an_error_raise_and_do_not_reach_the_sdk():
    _host, sdk, chat = world()
    chat._bind()
    sdk.fail("down")
    for call in (
        chat.open,
        chat.close,
        chat.toggle,
        chat.hide_badge,
        lambda: chat.set_language("ja"),
        lambda: chat.set_position(right=1),
        lambda: chat.login(customer()),
    ):
        with pytest.raises(ChatSDKError) as info:
            call()
        assert "down" in str(info.value)
    assert sdk.commands() == []


def test_failure_without_pending_commands_has_none():
    _host, sdk, chat = world()
    chat._bind()
    sdk.fail("x")
    assert chat.error.pending == ()
    assert str(chat.error) == "x"


def test_only_the_first_error_counts():
    _host, sdk, chat = world()
    got = []
    chat.on_error(got.append)
    sdk.fail("first")
    sdk.fail("second")
    assert [e.message for e in got] == ["first"]
    assert chat.error.message == "first"


# ================================================================ the api going away


def test_a_command_after_ready_without_the_api_raises_and_is_not_kept():
    host, sdk, chat = world(ready=True)
    assert chat.is_ready
    delattr(host.window, "__twt__api")  # the SDK said ready, then its api went away
    with pytest.raises(ChatSDKError, match=r"Chat.open\(\) cannot run: window.__twt__api is missing"):
        chat.open()
    assert chat._commands.pending == []
    host.window.__dict__["__twt__api"] = sdk.api
    chat.close()
    assert sdk.commands() == [("close", [])]


def test_commands_kept_for_ready_are_reported_when_ready_has_no_api():
    host, sdk, chat = world(loaded=True)
    chat.open()
    chat.set_language("en")
    delattr(host.window, "__twt__api")
    sdk.become_ready()
    assert sdk.commands() == []
    assert [e for e in errors(host) if "missing although the SDK said ready" in e] == [
        e for e in errors(host) if "(made before ready)" in e
    ]
    assert any("open() (made before ready)" in e for e in errors(host))
    assert any("set_language('en') (made before ready)" in e for e in errors(host))


# ================================================================ toggle


def test_toggle_before_ready_decides_at_ready():
    _host, sdk, chat = world()
    chat.toggle()
    sdk.become_ready()
    assert sdk.commands() == [("open", [])]
    assert chat.is_open is True


def test_two_toggles_before_ready_open_then_close():
    _host, sdk, chat = world()
    chat.toggle()
    chat.toggle()
    sdk.become_ready()
    assert sdk.commands() == [("open", []), ("close", [])]
    assert chat.is_open is False


def test_toggle_after_ready_flips_the_sdk_state():
    _host, sdk, chat = world(ready=True)
    chat.toggle()
    assert sdk.opened is True
    chat.toggle()
    assert sdk.opened is False
    sdk.api.open()  # opened by the visitor
    chat.toggle()
    assert sdk.opened is False
    # the visitor's open() goes through the same api, so it is recorded too
    assert sdk.commands() == [("open", []), ("close", []), ("open", []), ("close", [])]


# ================================================================ set_position


@pytest.mark.parametrize(
    "kwargs, sent",
    [
        ({"right": "20px", "bottom": "80px"}, {"right": "20px", "bottom": "80px"}),
        ({"right": 20, "bottom": 80}, {"right": "20px", "bottom": "80px"}),
        ({"right": 0}, {"right": "0px"}),
        ({"bottom": 1.5}, {"bottom": "1.5px"}),
        ({"right": 2.0}, {"right": "2px"}),
        ({"right": "1.5rem", "bottom": "10%"}, {"right": "1.5rem", "bottom": "10%"}),
        ({"bottom": "0"}, {"bottom": "0"}),
    ],
)
def test_set_position_sends_css_lengths(kwargs, sent):
    _host, sdk, chat = world(ready=True)
    chat.set_position(**kwargs)
    assert sdk.commands() == [("setPosition", [sent])]


def test_set_position_with_a_position_object():
    _host, sdk, chat = world(ready=True)
    chat.set_position(Position(right=20, bottom="5rem"))
    chat.set_position(position=Position(bottom=3))
    assert sdk.commands() == [
        ("setPosition", [{"right": "20px", "bottom": "5rem"}]),
        ("setPosition", [{"bottom": "3px"}]),
    ]


@pytest.mark.parametrize(
    "kwargs, side",
    [
        ({"right": -1}, "right"),
        ({"bottom": -0.1}, "bottom"),
        ({"right": float("nan")}, "right"),
        ({"bottom": float("inf")}, "bottom"),
        ({"right": "20px; background:red"}, "right"),
        ({"bottom": "red"}, "bottom"),
        ({"right": "-20px"}, "right"),
        ({"right": "20"}, "right"),
        ({"right": 20, "bottom": "1e3px"}, "bottom"),
    ],
)
def test_set_position_rejects_bad_lengths(kwargs, side):
    _host, sdk, chat = world(ready=True)
    with pytest.raises(ValueError) as info:
        chat.set_position(**kwargs)
    assert side in str(info.value)
    assert sdk.commands() == []


@pytest.mark.parametrize("bad", [True, [20], {"right": 1}, b"20px"])
def test_set_position_rejects_wrong_types(bad):
    _host, sdk, chat = world(ready=True)
    with pytest.raises(TypeError):
        chat.set_position(right=bad)
    with pytest.raises(TypeError) as info:
        chat.set_position(bad)  # not a Position
    assert type(bad).__name__ in str(info.value)
    assert sdk.commands() == []


def test_set_position_needs_something_and_not_both_forms():
    _host, sdk, chat = world(ready=True)
    with pytest.raises(ValueError):
        chat.set_position()
    with pytest.raises(TypeError, match="not both"):
        chat.set_position(Position(right=1), right=2)
    with pytest.raises(TypeError, match="not both"):
        chat.set_position(Position(right=1), bottom=2)
    with pytest.raises(TypeError):
        chat.set_position("20px")
    assert sdk.commands() == []


def test_bad_input_before_ready_is_not_queued():
    _host, sdk, chat = world()
    with pytest.raises(ValueError):
        chat.set_position(right=-1)
    with pytest.raises(ValueError):
        chat.set_language("klingon")
    with pytest.raises(TypeError):
        chat.login("1001")
    sdk.become_ready()
    assert sdk.commands() == []


# ================================================================ set_language


@pytest.mark.parametrize(
    "given, sent",
    [
        ("ja", "ja"),
        (Language.JA, "ja"),
        ("zh-CN", "zh-cn"),
        ("zh_TW", "zh-tw"),
        ("en-US", "en"),
        ("EN", "en"),
        ("pt-BR", "pt"),
        ("zh-Hant", "zh-tw"),
    ],
)
def test_set_language_sends_the_vendor_code(given, sent):
    _host, sdk, chat = world(ready=True)
    chat.set_language(given)
    assert sdk.commands() == [("setLanguage", [sent])]


def test_set_language_rejects_unknown_languages_listing_the_codes():
    _host, sdk, chat = world(ready=True)
    with pytest.raises(ValueError) as info:
        chat.set_language("xx")
    for code in Language.ALL:
        assert code in str(info.value)
    assert "'xx'" in str(info.value)
    with pytest.raises(TypeError):
        chat.set_language(None)
    assert sdk.commands() == []


# ================================================================ login


def test_login_with_a_customer_sends_positional_arguments():
    _host, sdk, chat = world(ready=True)
    chat.login(
        Customer(
            sbs="1001",
            sbs_mm=SIG,
            ranstr=RANSTR,
            name="Ada",
            nickname="ada",
            email="ada@example.com",
            phone="555",
        )
    )
    assert sdk.commands() == [
        ("login", ["1001", SIG, RANSTR, "Ada", "ada", "ada@example.com", "555"])
    ]


def test_login_with_only_the_required_fields():
    _host, sdk, chat = world(ready=True)
    chat.login(customer())
    assert sdk.commands() == [("login", ["1001", SIG, RANSTR])]


def test_login_keeps_gaps_as_null():
    _host, sdk, chat = world(ready=True)
    chat.login(customer(email="a@b.c"))
    assert sdk.commands() == [("login", ["1001", SIG, RANSTR, None, None, "a@b.c"])]


def test_login_with_a_dict():
    _host, sdk, chat = world(ready=True)
    chat.login({"sbs": "1001", "sbs_mm": SIG, "ranstr": RANSTR, "nickname": "ada"})
    assert sdk.commands() == [("login", ["1001", SIG, RANSTR, None, "ada"])]


@pytest.mark.parametrize(
    "bad, exc, word",
    [
        ("1001", TypeError, "str"),
        (None, TypeError, "NoneType"),
        (["1001", SIG, RANSTR], TypeError, "list"),
        ({"sbs": "1001", "sbs_mm": SIG}, ValueError, "ranstr"),
        ({"sbs": "1001", "sbs_mm": "ABC", "ranstr": "x"}, ValueError, "sbs_mm"),
        ({"sbs": "1001", "sbs_mm": SIG, "ranstr": "x", "age": 3}, ValueError, "age"),
        ({"sbs": 1001, "sbs_mm": SIG, "ranstr": "x"}, TypeError, "sbs"),
    ],
)
def test_login_rejects_bad_customers(bad, exc, word):
    _host, sdk, chat = world(ready=True)
    with pytest.raises(exc) as info:
        chat.login(bad)
    assert word in str(info.value)
    assert sdk.commands() == []


# ================================================================ subscriptions


@pytest.mark.parametrize("method", ["on_ready", "on_error", "on_unread", "on_visibility"])
@pytest.mark.parametrize("bad", [42, None, "print", [print]])
def test_non_callable_callbacks_are_type_errors(method, bad):
    _host, _sdk, chat = world()
    with pytest.raises(TypeError) as info:
        getattr(chat, method)(bad)
    assert method in str(info.value)
    assert repr(bad) in str(info.value)


def test_on_ready_gets_version_and_timestamp():
    _host, sdk, chat = world()
    got = []
    sub = chat.on_ready(got.append)
    assert isinstance(sub, Subscription)
    assert got == []
    sdk.become_ready(version="1.2.0", timestamp=TS)
    assert got == [ReadyInfo("1.2.0", float(TS))]
    assert got[0].version == "1.2.0" and got[0].timestamp == TS


def test_on_ready_fires_once():
    host, sdk, chat = world()
    got = []
    chat.on_ready(got.append)
    sdk.become_ready()
    host.window.dispatchEvent(CustomEvent("__twt__sdk_ready", {"version": "9", "timestamp": 1}))
    assert len(got) == 1


def test_many_subscribers_are_called_in_order():
    _host, sdk, chat = world()
    order = []
    for i in range(3):
        chat.on_ready(lambda info, i=i: order.append(("ready", i)))
        chat.on_unread(lambda n, i=i: order.append(("unread", i, n)))
        chat.on_visibility(lambda c, i=i: order.append(("vis", i, c.visibility)))
        chat.on_error(lambda e, i=i: order.append(("error", i, e.message)))
    sdk.become_ready()
    sdk.set_unread(2)
    sdk.api.open()
    sdk.fail("bye")
    assert order == [
        ("ready", 0),
        ("ready", 1),
        ("ready", 2),
        ("unread", 0, 2),
        ("unread", 1, 2),
        ("unread", 2, 2),
        ("vis", 0, "maximized"),
        ("vis", 1, "maximized"),
        ("vis", 2, "maximized"),
        ("error", 0, "bye"),
        ("error", 1, "bye"),
        ("error", 2, "bye"),
    ]


def test_unread_callbacks_get_ints_and_duplicates_are_dropped():
    _host, sdk, chat = world(ready=True)
    got = []
    chat.on_unread(got.append)
    sdk.set_unread(2)
    sdk.set_unread(2)
    sdk.set_unread(0)
    sdk.set_unread(0)
    sdk.set_unread(5)
    assert got == [2, 0, 5]
    assert all(type(n) is int for n in got)
    assert chat.unread == 5


def test_bad_unread_counts_are_warned_and_ignored():
    host, sdk, chat = world(ready=True)
    got = []
    chat.on_unread(got.append)
    sdk.set_unread("many")
    host.window.dispatchEvent(CustomEvent("__twt__custom_event", {}))
    host.window.dispatchEvent(CustomEvent("__twt__custom_event"))
    assert got == []
    assert chat.unread == 0
    assert any("'many'" in w for w in warnings(host))


def test_visibility_changes_are_deduplicated():
    _host, sdk, chat = world(ready=True)
    got = []
    chat.on_visibility(got.append)
    sdk.emit_visibility("minimized", False)
    sdk.emit_visibility("minimized", False)
    sdk.emit_visibility("maximized", True)
    assert got == [VisibilityChange("minimized", False), VisibilityChange("maximized", True)]
    assert got[1].visibility == Visibility.MAXIMIZED and got[1].is_open is True


def test_unknown_visibility_is_warned_and_ignored():
    host, sdk, chat = world(ready=True)
    got = []
    chat.on_visibility(got.append)
    sdk.emit_visibility("minimized", False)
    sdk.emit_visibility("fullscreen", True)
    assert got == [VisibilityChange("minimized", False)]
    assert chat.visibility == "minimized"
    [warning] = warnings(host)
    assert "'fullscreen'" in warning
    sdk.emit_visibility(None, False)
    assert chat.visibility == "minimized"
    assert len(warnings(host)) == 2


def test_cancel_stops_calls_and_is_idempotent():
    _host, sdk, chat = world(ready=True)
    kept, dropped = [], []
    chat.on_unread(kept.append)
    sub = chat.on_unread(dropped.append)
    sdk.set_unread(1)
    assert sub.active is True
    sub.cancel()
    sub.cancel()
    assert sub.active is False
    assert "cancelled" in repr(sub)
    sdk.set_unread(2)
    assert kept == [1, 2]
    assert dropped == [1]


@pytest.mark.parametrize("kind", SLOTS)
def test_cancel_before_the_event(kind):
    _host, sdk, chat = world()
    got = []
    getattr(chat, "on_" + kind)(got.append).cancel()
    sdk.become_ready()
    sdk.set_unread(3)
    sdk.api.open()
    sdk.fail("x")
    assert got == []


def test_a_callback_cancelling_a_later_one_stops_it_in_the_same_event():
    _host, sdk, chat = world(ready=True)
    got = []
    chat.on_unread(lambda n: second.cancel())
    second = chat.on_unread(got.append)
    sdk.set_unread(1)
    assert got == []


def test_decorator_form():
    _host, sdk, chat = world()
    got = []

    @chat.on_unread
    def badge(count):
        got.append(count)
        return "shown %d" % count

    assert callable(badge)
    assert callable(badge.cancel)
    assert badge(7) == "shown 7"  # still the function it wraps
    sdk.become_ready()
    sdk.set_unread(3)
    assert got == [7, 3]
    badge.cancel()
    sdk.set_unread(4)
    assert got == [7, 3]


@pytest.mark.parametrize("method", ["on_ready", "on_error", "on_visibility"])
def test_every_on_method_works_as_a_decorator(method):
    _host, _sdk, chat = world()

    @getattr(chat, method)
    def cb(value):
        return value

    assert cb(5) == 5
    cb.cancel()


# ================================================================ late subscribers


def test_late_on_ready_fires_at_once_exactly_once():
    _host, sdk, chat = world()
    chat._bind()
    sdk.become_ready(version="1.2.0", timestamp=TS)
    got = []
    chat.on_ready(got.append)
    assert got == [ReadyInfo("1.2.0", float(TS))]
    sdk.set_unread(1)
    assert len(got) == 1


def test_late_on_error_fires_at_once():
    _host, sdk, chat = world()
    chat.open()
    sdk.fail("gone")
    got = []
    chat.on_error(got.append)
    assert len(got) == 1 and got[0] is chat.error
    assert got[0].pending == ("open()",)


def test_late_on_ready_after_failure_and_late_on_error_after_ready_stay_silent():
    _host, sdk, chat = world()
    chat._bind()
    sdk.fail("x")
    got = []
    chat.on_ready(got.append)
    _host2, _sdk2, chat2 = world(ready=True)
    chat2.on_error(got.append)
    assert got == []


def test_late_on_unread_and_on_visibility_get_the_current_value():
    _host, sdk, chat = world(ready=True)
    chat._bind()
    sdk.set_unread(3)
    sdk.api.open()
    unread, vis = [], []
    chat.on_unread(unread.append)
    chat.on_visibility(vis.append)
    assert unread == [3]
    assert vis == [VisibilityChange("maximized", True)]
    sdk.set_unread(3)
    assert unread == [3]


def test_late_unread_and_visibility_are_silent_while_unknown():
    _host, _sdk, chat = world(ready=True)
    unread, vis = [], []
    chat.on_unread(unread.append)
    chat.on_visibility(vis.append)
    assert unread == [] and vis == []


def test_late_unread_zero_is_delivered():
    _host, sdk, chat = world(ready=True)
    chat._bind()
    sdk.set_unread(0)
    got = []
    chat.on_unread(got.append)
    assert got == [0]


def test_a_subscriber_added_inside_a_callback_gets_the_value_once():
    _host, sdk, chat = world(ready=True)
    got = []
    chat.on_unread(lambda n: chat.on_unread(got.append) if not got else None)
    sdk.set_unread(2)
    assert got == [2]


# ================================================================ seeding


def test_binding_to_a_ready_sdk_seeds_ready_and_open():
    _host, sdk, chat = world(ready=True)
    sdk.api.open()
    assert chat.is_ready is True
    assert chat.is_open is True
    assert chat.visibility == "maximized"
    assert chat.version is None  # not recoverable from isReady()
    got = []
    chat.on_ready(got.append)
    assert got == [ReadyInfo(None, None)]
    vis = []
    chat.on_visibility(vis.append)
    assert vis == [VisibilityChange("maximized", True)]
    chat.close()
    assert ("close", []) in sdk.commands()
    assert vis[-1] == VisibilityChange("minimized", False)


def test_binding_to_a_ready_closed_sdk_leaves_visibility_unknown():
    _host, _sdk, chat = world(ready=True)
    assert chat.is_ready is True
    assert chat.is_open is False
    assert chat.visibility is None


def test_binding_to_a_loaded_sdk_that_is_not_ready_yet():
    _host, sdk, chat = world(loaded=True)
    chat.open()
    assert chat.is_ready is False
    assert sdk.commands() == []
    sdk.become_ready()
    assert sdk.commands() == [("open", [])]


def test_binding_to_a_failed_sdk_seeds_the_error():
    host, sdk, _chat = world(loaded=True)
    sdk.fail("appid missing")
    chat2 = ChatWidget(host)  # binds after the failure
    got = []
    chat2.on_error(got.append)
    assert isinstance(chat2.error, ChatSDKError)
    assert chat2.error.message == "appid missing"
    assert got == [chat2.error]
    assert chat2.is_ready is False
    with pytest.raises(ChatSDKError):
        chat2.open()


def test_seeding_ignores_an_api_without_query_members():
    host = FakeHost()
    host.window.__dict__["__twt__api"] = JSObject()
    chat = ChatWidget(host)
    assert chat.is_ready is False
    assert chat.error is None


def test_replay_from_the_early_record():
    host = FakeHost()
    install_early(
        host,
        ready={"version": "1.2.0", "timestamp": TS},
        unread=3,
        visibility={"visibility": "minimized", "isOpen": False},
    )
    chat = ChatWidget(host)
    assert chat.is_ready is True
    assert chat.version == "1.2.0"
    assert chat.unread == 3
    assert chat.visibility == "minimized"
    assert chat.is_open is False
    got = []
    chat.on_ready(got.append)
    chat.on_unread(got.append)
    chat.on_visibility(got.append)
    assert got == [ReadyInfo("1.2.0", float(TS)), 3, VisibilityChange("minimized", False)]


def test_replay_of_an_early_error():
    host = FakeHost()
    install_early(host, error={"message": "script blocked"})
    chat = ChatWidget(host)
    assert chat.error.message == "script blocked"
    assert chat.is_ready is False


def test_an_empty_early_record_changes_nothing():
    host = FakeHost()
    install_early(host)
    chat = ChatWidget(host)
    assert (chat.is_ready, chat.error, chat.unread, chat.visibility) == (False, None, 0, None)


def test_early_record_and_live_sdk_together():
    host = FakeHost()
    sdk = FakeSDK(host)
    sdk.load()
    sdk.become_ready(version="1.2.0", timestamp=TS)
    sdk.set_unread(2)
    install_early(host, ready={"version": "1.2.0", "timestamp": TS}, unread=2)
    chat = ChatWidget(host)
    assert chat.version == "1.2.0"  # the record has what isReady() cannot tell
    assert chat.unread == 2
    got = []
    chat.on_unread(got.append)
    sdk.set_unread(2)
    sdk.set_unread(5)
    assert got == [2, 5]
    chat.open()
    assert sdk.commands() == [("open", [])]


def test_early_record_with_a_bad_visibility_warns():
    host = FakeHost()
    install_early(host, visibility={"visibility": "sideways", "isOpen": False})
    chat = ChatWidget(host)
    assert chat.visibility is None
    assert any("sideways" in w for w in warnings(host))


# ================================================================ raising and async callbacks


def test_a_raising_callback_is_reported_and_the_others_still_run():
    host, sdk, chat = world(ready=True)
    got = []

    def broken(n):
        raise RuntimeError("callback broke on %s" % n)

    chat.on_unread(broken)
    chat.on_unread(got.append)
    sdk.set_unread(1)
    assert got == [1]
    [text] = errors(host)
    assert "Traceback" in text
    assert "RuntimeError" in text and "callback broke on 1" in text
    assert "broken" in text


def test_a_raising_late_subscriber_is_reported_and_still_subscribed():
    host, sdk, chat = world(ready=True)
    chat._bind()
    sdk.set_unread(1)
    calls = []

    def broken(n):
        calls.append(n)
        raise ValueError("nope")

    sub = chat.on_unread(broken)
    assert sub.active
    assert len(errors(host)) == 1 and "Traceback" in errors(host)[0]
    sdk.set_unread(2)
    assert calls == [1, 2]


def test_a_raising_on_ready_callback_does_not_stop_others_or_pending_commands():
    host, sdk, chat = world()
    got = []
    chat.on_ready(lambda info: 1 / 0)
    chat.on_ready(got.append)
    chat.open()
    sdk.become_ready()
    assert len(got) == 1
    assert sdk.commands() == [("open", [])]
    assert any("ZeroDivisionError" in t and "Traceback" in t for t in errors(host))


def test_async_callbacks_are_spawned_and_run():
    async def main():
        host, sdk, chat = world(ready=True)
        got = []

        async def later(n):
            await asyncio.sleep(0)
            got.append(n)

        chat.on_unread(later)
        sdk.set_unread(4)
        assert got == []  # spawned, not awaited in the event
        await settle(host)
        assert got == [4]
        assert errors(host) == []

    asyncio.run(main())


def test_a_raising_async_callback_is_reported_and_others_run():
    async def main():
        host, sdk, chat = world(ready=True)
        got = []

        async def broken(n):
            await asyncio.sleep(0)
            raise KeyError("async broke")

        chat.on_visibility(broken)
        chat.on_visibility(got.append)
        sdk.api.open()
        await settle(host)
        assert got == [VisibilityChange("maximized", True)]
        [text] = errors(host)
        assert "KeyError" in text and "async broke" in text and "Traceback" in text
        assert "broken" in text

    asyncio.run(main())


def test_async_callback_without_a_running_loop_still_runs():
    _host, sdk, chat = world(ready=True)
    got = []

    async def later(n):
        got.append(n)

    chat.on_unread(later)
    sdk.set_unread(9)
    assert got == [9]


# ================================================================ await ready()


def test_ready_returns_at_once_when_ready():
    host, sdk, chat = world()
    chat._bind()
    sdk.become_ready(version="1.2.0", timestamp=TS)

    async def main():
        return await chat.ready(timeout=1)

    assert asyncio.run(main()) == ReadyInfo("1.2.0", float(TS))
    assert host._timers == {}


def test_ready_waits_for_the_ready_event_and_cancels_its_timer():
    async def main():
        host, sdk, chat = world()
        task = asyncio.ensure_future(chat.ready(timeout=5))
        await asyncio.sleep(0)
        assert not task.done()
        assert len(host._timers) == 1
        sdk.become_ready(version="1.2.0", timestamp=TS)
        info = await task
        assert info == ReadyInfo("1.2.0", float(TS))
        assert info.version == "1.2.0"
        assert host._timers == {}
        assert chat._waiters == []

    asyncio.run(main())


def test_ready_raises_the_sdk_error_while_waiting():
    async def main():
        host, sdk, chat = world()
        chat.open()
        task = asyncio.ensure_future(chat.ready(timeout=5))
        await asyncio.sleep(0)
        sdk.fail("no chat today")
        with pytest.raises(ChatSDKError) as info:
            await task
        assert info.value.message == "no chat today"
        assert info.value.pending == ("open()",)
        assert host._timers == {}

    asyncio.run(main())


def test_ready_raises_at_once_after_a_failure():
    _host, sdk, chat = world()
    chat._bind()
    sdk.fail("down")

    async def main():
        await chat.ready()

    with pytest.raises(ChatSDKError, match="down"):
        asyncio.run(main())


def test_ready_times_out_when_the_clock_passes_the_timeout():
    async def main():
        host, sdk, chat = world()
        task = asyncio.ensure_future(chat.ready(timeout=1))
        await asyncio.sleep(0)
        host.advance(999)
        await asyncio.sleep(0)
        assert not task.done()
        host.advance(1)
        with pytest.raises(ChatTimeoutError) as info:
            await task
        assert isinstance(info.value, ChatError)
        assert "1" in str(info.value)
        assert chat._waiters == []
        # the SDK may still come: state follows
        sdk.become_ready()
        assert chat.is_ready

    asyncio.run(main())


def test_ready_with_fractional_timeout():
    async def main():
        host, _sdk, chat = world()
        task = asyncio.ensure_future(chat.ready(timeout=0.25))
        await asyncio.sleep(0)
        host.advance(249)
        await asyncio.sleep(0)
        assert not task.done()
        host.advance(1)
        with pytest.raises(ChatTimeoutError):
            await task

    asyncio.run(main())


def test_ready_without_timeout_waits_for_ever():
    async def main():
        host, sdk, chat = world()
        task = asyncio.ensure_future(chat.ready(timeout=None))
        await asyncio.sleep(0)
        assert host._timers == {}
        host.advance(10**12)
        await asyncio.sleep(0)
        assert not task.done()
        sdk.become_ready()
        assert (await task).version == "1.2.0"

    asyncio.run(main())


@pytest.mark.parametrize("timeout", [float("inf"), 1e10, 2**31])
def test_ready_with_a_huge_timeout_does_not_time_out_at_once(timeout):
    # setTimeout takes a 32-bit delay: Infinity and more than 2**31-1 ms fire at once
    async def main():
        host, sdk, chat = world()
        task = asyncio.ensure_future(chat.ready(timeout=timeout))
        await asyncio.sleep(0)
        host.advance(0)
        host.advance(10**9)
        await asyncio.sleep(0)
        assert not task.done()
        sdk.become_ready()
        await task

    asyncio.run(main())


def test_many_waiters_all_wake():
    async def main():
        host, sdk, chat = world()
        tasks = [asyncio.ensure_future(chat.ready(timeout=t)) for t in (1, 5, None)]
        await asyncio.sleep(0)
        host.advance(1000)
        await asyncio.sleep(0)  # the first waiter sees its timeout before the SDK is ready
        sdk.become_ready()
        results = await asyncio.gather(*tasks, return_exceptions=True)
        assert isinstance(results[0], ChatTimeoutError)
        assert results[1] == results[2] == chat._channels["ready"].value
        assert host._timers == {}

    asyncio.run(main())


@pytest.mark.parametrize("bad", ["10", True, [1], {}])
def test_ready_rejects_timeouts_of_the_wrong_type(bad):
    _host, _sdk, chat = world()

    async def main():
        await chat.ready(timeout=bad)

    with pytest.raises(TypeError) as info:
        asyncio.run(main())
    assert "timeout" in str(info.value) and type(bad).__name__ in str(info.value)


@pytest.mark.parametrize("bad", [-1, -0.001, float("nan")])
def test_ready_rejects_negative_or_nan_timeouts(bad):
    _host, _sdk, chat = world()

    async def main():
        await chat.ready(timeout=bad)

    with pytest.raises(ValueError, match="timeout"):
        asyncio.run(main())


def test_dispose_while_waiting_for_ready_is_not_a_timeout():
    async def main():
        host, _sdk, chat = world()
        task = asyncio.ensure_future(chat.ready(timeout=60))
        await asyncio.sleep(0)
        chat.dispose()
        with pytest.raises(ChatError) as info:
            await task
        assert not isinstance(info.value, ChatTimeoutError)
        assert "dispose" in str(info.value)
        assert host._timers == {}

    asyncio.run(main())


# ================================================================ dispose and leaks


def test_dispose_removes_listeners_and_releases_functions_with_an_sdk_that_has_off():
    host, sdk, chat = world(with_off=True)
    for kind in SLOTS:
        getattr(chat, "on_" + kind)(lambda v: None)
    sdk.become_ready()
    chat.dispose()
    assert host.window.listener_count() == 0
    assert host.live_functions == set()
    assert sdk.handlers == []
    assert all(not c.subs for c in chat._channels.values())
    assert repr(chat) == "<ChatWidget unbound>"


def test_dispose_keeps_only_what_the_sdk_still_holds():
    # The vendor's TWTChatWidget has no `off`: the SDK keeps calling the visibility listener,
    # so it must stay callable (a released proxy throws inside the SDK) but do nothing.
    host, sdk, chat = world()
    got = []
    chat.on_visibility(got.append)
    sdk.become_ready()
    chat.dispose()
    assert host.window.listener_count() == 0
    assert host.live_functions == set(sdk.handlers)
    assert len(sdk.handlers) == 1
    sdk.api.open()  # must not raise into the SDK
    assert got == []
    assert chat._channels["visibility"].value is None


def test_dispose_before_the_sdk_loads_then_the_sdk_comes():
    host, sdk, chat = world()
    got = []
    chat.on_unread(got.append)
    chat.open()
    chat.dispose()
    assert host.window.listener_count() == 0
    sdk.become_ready()
    assert sdk.commands() == []  # a disposed widget's pending commands are dropped
    assert len(sdk.handlers) == 1  # the SDK took the queued listener ...
    sdk.api.open()  # ... and calling it must not raise into the SDK
    sdk.set_unread(2)
    assert got == []
    assert chat._channels["visibility"].value is None and chat._channels["unread"].value is None


def test_dispose_before_the_sdk_keeps_the_queue_stub_working():
    # the page (or the vendor's snippet) may still queue listeners before the SDK loads
    host, sdk, chat = world()
    chat._bind()
    chat.dispose()
    page_seen = []
    host.window.TWTChatWidget.on("visibility_changed", lambda d: page_seen.append(d.visibility))
    sdk.become_ready()
    sdk.api.open()
    assert page_seen == ["maximized"]


def test_a_later_ready_event_fills_in_the_version_of_a_seeded_ready():
    host, _sdk, chat = world(ready=True)
    got = []
    chat.on_ready(got.append)
    assert chat.version is None
    host.window.dispatchEvent(CustomEvent("__twt__sdk_ready", {"version": "1.2.0", "timestamp": 1}))
    assert chat.version == "1.2.0"
    assert got == [ReadyInfo(None, None)]  # no second on_ready


def test_disposed_widget_rebinds_on_next_use_without_duplicates():
    host, sdk, chat = world(ready=True)
    chat._bind()
    chat.dispose()
    got = []
    chat.on_visibility(got.append)  # binds again
    assert chat.is_ready is True
    assert host.window.listener_count() == len(WINDOW_EVENTS)
    assert len(sdk.handlers) == 1
    chat.open()
    assert got == [VisibilityChange("maximized", True)]


def test_dispose_is_harmless_when_unbound_or_twice():
    host = FakeHost()
    chat = ChatWidget(host)
    chat.dispose()
    chat._bind()
    chat.dispose()
    chat.dispose()
    assert host.window.listener_count() == 0


def test_many_bind_dispose_cycles_do_not_grow_anything():
    host, sdk, chat = world(ready=True)
    chat._bind()
    baseline = len(host.live_functions)
    for _ in range(200):
        chat.dispose()
        chat.on_unread(lambda n: None)
    assert host.window.listener_count() == len(WINDOW_EVENTS)
    assert len(host.live_functions) == baseline
    assert len(sdk.handlers) == 1
    sdk.api.open()  # every handler the SDK holds still works
    assert chat.visibility == "maximized"


def test_ten_thousand_subscribe_cancel_cycles_leave_nothing_behind():
    host, sdk, chat = world(ready=True)
    kept = []
    chat.on_unread(kept.append)
    functions = set(host.live_functions)
    listeners = host.window.listener_count()
    for _ in range(10_000):
        for kind in SLOTS:
            getattr(chat, "on_" + kind)(lambda v: None).cancel()
    assert host.live_functions == functions
    assert host.window.listener_count() == listeners
    assert len(sdk.handlers) == 1
    assert {k: len(chat._channels[k].subs) for k in SLOTS} == {
        k: (1 if k == "unread" else 0) for k in SLOTS
    }
    sdk.set_unread(1)
    assert kept == [1]


# ================================================================ errors module


def test_error_classes():
    for cls in (ChatLoadError, ChatSDKError, ChatTimeoutError):
        assert issubclass(cls, ChatError)
    err = ChatSDKError("x", ["open()"])
    assert err.pending == ("open()",)
