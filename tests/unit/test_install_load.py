"""install(load=...) and what the facade tells twt-early.js's lazy loader (CPython, fake JS)."""

import pytest
from fake_sdk import FakeSDK

from twt_py import ChatError, ChatWidget, install
from twt_py._cpython.ffi_fake import FakeHost, JSObject


def lazy_world(mode="interaction"):
    host = FakeHost()
    sdk = FakeSDK(host)
    told = []
    lazy = JSObject(mode=mode, command=lambda method, args: told.append((method, list(args))))
    host.window.__twt_early__ = JSObject(lazy=lazy)
    return host, sdk, ChatWidget(host), told


def test_load_must_be_one_of_three_modes():
    with pytest.raises(ValueError, match=r"load must be 'eager'.*'idle'.*'interaction'.*got 'lazy'"):
        install("app", load="lazy", chat=ChatWidget(FakeHost()))


@pytest.mark.parametrize("load", ["idle", "interaction"])
def test_a_lazy_mode_without_the_shim_says_what_to_add(load):
    chat = ChatWidget(FakeHost())
    with pytest.raises(ChatError, match=r'needs twt-early.js.*/dist/twt-early.js" data-load="%s"' % load):
        install("app", load=load, chat=chat)
    assert chat._host.get(chat._host.window, "__twt__config") is None  # nothing half-done


def test_commands_before_ready_reach_the_shim_in_a_lazy_mode():
    _, sdk, chat, told = lazy_world()
    chat.set_language("ja")
    chat.set_position(right=44)
    chat.open()
    chat.toggle()
    assert [method for method, _ in told] == ["setLanguage", "setPosition", "open", "toggle"]
    assert told[0][1] == ["ja"] and told[1][1][0].right == "44px"
    # still applied by the facade itself at ready, once each
    sdk.load()
    sdk.become_ready()
    assert [c[0] for c in sdk.calls if c[0] in ("setLanguage", "open", "close")] == [
        "setLanguage", "open", "close"
    ]


def test_eager_pages_and_ready_sdks_tell_the_shim_nothing():
    _, sdk, chat, told = lazy_world(mode="eager")
    chat.open()
    assert told == []
    _, sdk, chat, told = lazy_world()
    sdk.load()
    sdk.become_ready()
    chat.open()
    assert told == []
