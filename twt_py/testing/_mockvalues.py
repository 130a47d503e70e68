"""What `ChatMock` hands back (`Call`, `Message`, `ChatState`) and the options it accepts."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, NamedTuple

__all__ = ["STATE_FIELDS", "Call", "ChatState", "Message", "mock_options", "option_value"]

# Python option names -> the mock's option names (docs/mock-sdk.md, "Options").
_OPTION_NAMES = {
    "delay": "delay",
    "ready": "ready",
    "fail": "fail",
    "unread": "unread",
    "version": "version",
    "agent": "agent",
    "autoboot": "autoboot",
    "initial_visibility": "initialVisibility",
    "async_events": "asyncEvents",
}


class Call(NamedTuple):
    """One call the page made on the SDK (`__twt__api.*` or `TWTChatWidget.on`).

    A plain tuple, so `("setLanguage", ("ja",)) in chat_mock.calls` works. Arguments are
    JSON values; a function argument shows as the string `"[function name]"`.
    """

    method: str
    args: tuple[Any, ...]


@dataclass(frozen=True)
class Message:
    """A message in the mock's chat window: `sender` is `"agent"` or `"visitor"`."""

    sender: str
    text: str
    author: str | None
    time: float


@dataclass(frozen=True)
class ChatState:
    """The mock SDK's state, as the page's widget would show it.

    `error` is the failure message (None unless the SDK failed); `visibility` is
    `"maximized"`, `"minimized"` or `"hidden"`; `phase` is `"idle"`, `"loading"`, `"ready"`
    or `"failed"`; `customer` is the logged-in identity (a dict) or None.
    """

    phase: str
    ready: bool
    error: str | None
    open: bool
    unread: int
    visibility: str
    language: str
    theme: str
    position: dict[str, str]
    launcher: bool
    customer: dict[str, Any] | None
    appid: str | None
    version: str
    config_name: str | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChatState:
        values: dict[str, Any] = {f.name: data.get(f.name) for f in fields(cls)}
        return cls(**values)


STATE_FIELDS = tuple(f.name for f in fields(ChatState))


def option_value(name: str, value: Any) -> Any:
    """Validate one `configure()`/`reset()` option; return the mock's value for it."""
    if name == "delay":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:
            raise ValueError(
                "delay must be a non-negative number of milliseconds, got %r" % (value,)
            )
        return value
    if name == "ready":
        if value is True or value == "auto":
            return "auto"
        if value is False or value == "never":
            return "never"
        raise ValueError('ready must be "auto" or "never" (or True/False), got %r' % (value,))
    if name == "fail":
        if value is None or value is False:
            return None
        if not isinstance(value, str):
            raise TypeError("fail must be the failure message (a str) or None, got %r" % (value,))
        return value
    if name == "unread":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError("unread must be a non-negative int, got %r" % (value,))
        return value
    if name in ("version", "agent"):
        if not isinstance(value, str) or not value:
            raise TypeError("%s must be a non-empty str, got %r" % (name, value))
        return value
    if not isinstance(value, bool):
        raise TypeError("%s must be True or False, got %r" % (name, value))
    return value


def mock_options(options: dict[str, Any]) -> dict[str, Any]:
    """Python-style options (`delay=`, `ready=`, `initial_visibility=`...) -> the mock's."""
    out = {}
    for name, value in options.items():
        if name not in _OPTION_NAMES:
            raise TypeError(
                "unknown mock option %r; known options: %s" % (name, ", ".join(_OPTION_NAMES))
            )
        out[_OPTION_NAMES[name]] = option_value(name, value)
    return out


def format_options(options: dict[str, Any]) -> str:
    """The mock's options, written with their Python names: `delay=10, unread=1`."""
    names = {v: k for k, v in _OPTION_NAMES.items()}
    return ", ".join("%s=%r" % (names.get(k, k), v) for k, v in options.items())
