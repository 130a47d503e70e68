"""A faulty SDK, over the fake JS world: every call into it guarded, malformed values ignored
with one warning, the widget still usable afterwards. The browser half, on every
runtime, is tests/browser/test_sdk_faults.py."""

import pytest
from fake_sdk import FakeSDK

from twt_py import ChatSDKError, ChatWidget
from twt_py._cpython.ffi_fake import CustomEvent, FakeHost, JSObject
from twt_py._ffi_base import JSError, unmark


def world(ready=True):
    host = FakeHost()
    sdk = FakeSDK(host)
    sdk.load()
    if ready:
        sdk.become_ready()
    return host, sdk, ChatWidget(host)


def messages(host, level):
    return [text for lvl, text in host.messages if lvl == level]


def test_a_command_the_sdk_throws_on_raises_chat_sdk_error_naming_method_and_message():
    _host, sdk, chat = world()
    chat._bind()
    sdk.raise_on["open"] = RuntimeError("widget iframe gone")
    with pytest.raises(ChatSDKError) as info:
        chat.open()
    assert str(info.value) == (
        "Chat.open() failed: the chat SDK's open() threw RuntimeError: widget iframe gone"
    )
    assert info.value.pending == ()
    # Not a failed SDK: no error state, and later commands and events still work.
    assert chat.error is None and chat.is_ready is True
    del sdk.raise_on["open"]
    got = []
    chat.on_unread(got.append)
    chat.open()
    sdk.set_unread(3)
    assert sdk.commands()[-1] == ("open", []) and chat.is_open is True
    assert got == [3]


def test_commands_with_arguments_name_the_call_as_the_site_owner_wrote_it():
    _host, sdk, chat = world()
    sdk.raise_on["setLanguage"] = ValueError("bad")
    with pytest.raises(ChatSDKError, match=r"Chat\.set_language\('ja'\) failed: .*setLanguage\(\)"):
        chat.set_language("ja")


def test_a_missing_sdk_method_is_a_chat_sdk_error_too():
    _host, sdk, chat = world()
    del sdk.api.hideBadge
    with pytest.raises(ChatSDKError, match="hideBadge is not a function"):
        chat.hide_badge()


def test_queued_commands_that_throw_are_reported_with_what_was_queued_and_the_rest_run():
    host, sdk, chat = world(ready=False)
    chat.set_language("ja")
    chat.open()
    chat.hide_badge()
    sdk.raise_on["open"] = RuntimeError("not now")
    sdk.become_ready()
    assert [c[0] for c in sdk.commands()] == ["setLanguage", "open", "hideBadge"]
    [error] = messages(host, "error")
    assert "open() (made before ready)" in error and "not now" in error
    assert chat.is_ready is True and chat.error is None


def test_queries_that_throw_fall_back_with_a_warning():
    host, sdk, chat = world()
    chat._bind()
    chat.open()
    sdk.raise_on["isOpen"] = RuntimeError("isOpen broke")
    assert chat.is_open is True  # the last state the SDK reported (visibility_changed)
    chat.toggle()  # decided from that state: close
    assert sdk.commands()[-1] == ("close", [])
    warned = messages(host, "warn")
    assert len(warned) == 2 and all(
        "isOpen() threw RuntimeError: isOpen broke" in w for w in warned
    )


def test_binding_to_an_sdk_whose_queries_throw():
    host, sdk, chat = world()
    sdk.raise_on["isReady"] = RuntimeError("a")
    sdk.raise_on["getError"] = RuntimeError("b")
    assert chat.is_ready is False  # unknown until the SDK says so
    assert chat.error is None
    warned = messages(host, "warn")
    assert any("isReady() threw" in w for w in warned) and any(
        "getError() threw" in w for w in warned
    )
    chat.open()  # queued, not lost
    assert sdk.commands() == []


def test_a_throwing_twtchatwidget_on_is_reported_and_binding_goes_on():
    host, sdk, chat = world()

    def on(name, cb):
        raise RuntimeError("no listeners today")

    sdk.widget().on = on
    got = []
    chat.on_unread(got.append)
    sdk.set_unread(1)
    assert got == [1]
    [error] = messages(host, "error")
    assert "TWTChatWidget.on('visibility_changed') threw" in error and "no listeners today" in error


def test_a_throwing_twtchatwidget_off_keeps_the_listener_alive():
    host = FakeHost()
    sdk = FakeSDK(host, with_off=True)
    sdk.become_ready()
    chat = ChatWidget(host)
    chat._bind()

    def off(name, cb):
        raise RuntimeError("off broke")

    sdk.widget().off = off
    chat.dispose()
    assert any("off('visibility_changed') threw" in w for w in messages(host, "warn"))
    fn = chat._binding[1]["visibility_changed"][1]
    assert not fn.released  # the SDK may still call it


def test_commands_follow_a_replaced_api_object():
    host, sdk, chat = world()
    chat._bind()
    calls = []
    host.window.__twt__api = JSObject(open=lambda: calls.append("open"))
    chat.open()
    assert calls == ["open"]
    assert ("open", []) not in sdk.commands()


@pytest.mark.parametrize("bad", [-1, 1.5, "abc", "3", True, None, float("nan"), float("inf")])
def test_malformed_unread_counts_are_ignored_with_one_warning(bad):
    host, sdk, chat = world()
    got = []
    chat.on_unread(got.append)
    sdk.set_unread(2)
    host.messages.clear()
    sdk.set_unread(bad)
    assert got == [2] and chat.unread == 2
    if bad is None:  # no count in the event: nothing to warn about
        assert host.messages == []
    else:
        [warning] = messages(host, "warn")
        assert repr(bad) in warning and "kept 2" in warning


def test_whole_floats_and_big_counts_are_counts():
    host, sdk, chat = world()
    got = []
    chat.on_unread(got.append)
    sdk.set_unread(4.0)
    sdk.set_unread(2**40)
    assert got == [4, 2**40] and type(got[0]) is int
    assert messages(host, "warn") == []


def test_events_without_a_count_are_left_alone():
    host, _sdk, chat = world()
    got = []
    chat.on_unread(got.append)
    host.window.dispatchEvent(CustomEvent("__twt__custom_event"))
    host.window.dispatchEvent(CustomEvent("__twt__custom_event", {}))
    assert got == [] and host.messages == []


@pytest.mark.parametrize("timestamp", ["yesterday", True, JSObject()])
def test_a_malformed_ready_timestamp_is_warned_and_the_signal_counts(timestamp):
    host, sdk, chat = world(ready=False)
    chat._bind()
    sdk.become_ready(timestamp=timestamp)
    assert chat.is_ready is True
    [warning] = messages(host, "warn")
    assert "timestamp" in warning


def test_a_big_timestamp_is_kept_exactly():
    _host, sdk, chat = world(ready=False)
    infos = []
    chat.on_ready(infos.append)
    sdk.become_ready(timestamp=1796056083844)
    assert infos[0].timestamp == 1796056083844


def test_helper_valuesunmark():
    assert unmark("\x00twt_py:int:1796056083844") == 1796056083844
    assert unmark("\x00twt_py:int:-1099511627776") == -(2**40)
    with pytest.raises(JSError, match=r"^TypeError: x$"):
        unmark("\x00twt_py:threw:TypeError: x")
    assert unmark("\x00other") == "\x00other"
