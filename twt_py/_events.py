"""What the SDK tells the facade, as the values site owners get: `ReadyInfo`, `Visibility`,
`VisibilityChange`; `READ`, the readers that check what the SDK sent; and the `Channel` that
holds each event's value and delivers it to its `Subscription`s.

Imported at start-up with the facade, so it holds only what binding may need (the values a
site owner passes in are in `_types`, loaded on first use). Plain classes: no `typing`,
`enum` or `dataclasses` (types live in `__init__.pyi`).
"""

from ._contract import VISIBILITIES


class Visibility:
    """What the widget shows: its values are the vendor's strings.

    ```python
    from twt_py import Chat, Visibility
    if Chat.visibility == Visibility.MAXIMIZED:
        print("the chat window is open")
    ```
    """

    MAXIMIZED = "maximized"  # the chat window is open
    MINIMIZED = "minimized"  # the window is closed, the launcher shows
    HIDDEN = "hidden"  # the launcher is hidden
    ALL = VISIBILITIES


class ReadyInfo:
    """What `on_ready` callbacks and `await Chat.ready()` get: the SDK's `version` and the
    `timestamp` (ms since the epoch) of the ready signal; either is None if not recoverable."""

    __slots__ = ("timestamp", "version")

    def __init__(self, version, timestamp):
        self.version = version
        self.timestamp = timestamp

    def __eq__(self, other):
        return (
            isinstance(other, ReadyInfo)
            and self.version == other.version
            and self.timestamp == other.timestamp
        )

    def __repr__(self):
        return "ReadyInfo(version=%r, timestamp=%r)" % (self.version, self.timestamp)


class VisibilityChange:
    """What `on_visibility` callbacks get: `visibility` (a `Visibility` value) and `is_open`."""

    __slots__ = ("is_open", "visibility")

    def __init__(self, visibility, is_open):
        self.visibility = visibility
        self.is_open = is_open

    def __eq__(self, other):
        return (
            isinstance(other, VisibilityChange)
            and self.visibility == other.visibility
            and self.is_open == other.is_open
        )

    def __repr__(self):
        return "VisibilityChange(visibility=%r, is_open=%r)" % (self.visibility, self.is_open)


# ------------------------------------------------------------------ reading what the SDK sent
# The readers of `_contract.EVENTS`' values, by state slot. Each: (host, the value as the SDK sent it, the channel's current value) -> the checked
# value, or None (dropped, with a warning).


def _read_ready(host, detail, current):
    # A malformed version or timestamp is dropped with a warning; the signal still counts.
    version = host.get(detail, "version") if detail is not None else None
    timestamp = host.get(detail, "timestamp") if detail is not None else None
    if version is not None and not isinstance(version, str):
        host.console("warn", "twt_py: ignored the SDK's ready version %r (expected a str)" % (version,))
        version = None
    if timestamp is not None:
        if isinstance(timestamp, bool) or not isinstance(timestamp, (int, float)):
            host.console(
                "warn",
                "twt_py: ignored the SDK's ready timestamp %r (expected a number of ms)"
                % (timestamp,),
            )
            timestamp = None
        else:
            timestamp = float(timestamp)
    return ReadyInfo(version, timestamp)


def message(host, err):
    """The text of an SDK error object (`{message}`)."""
    msg = host.get(err, "message")
    return str(msg) if msg is not None else "unknown SDK error"


def _read_error(host, err, current):
    from ._errors import ChatLoadError, ChatSDKError  # an error's classes, once there is one

    if err is None:
        return ChatSDKError("unknown SDK error")
    # twt-early.js reports a failed SDK <script> with the same event, marked `load`.
    kind = ChatLoadError if host.get(err, "load") else ChatSDKError
    return kind(message(host, err))


def count(value):
    """An unread count as the SDK should send it: a whole number >= 0 (JS has no int type,
    so a float that is whole counts too); None for anything else."""
    if type(value) is int:
        return value if value >= 0 else None
    if type(value) is not float:  # a str, a bool, an object
        return None
    if value != value or value - value != 0 or value < 0 or value != int(value):
        return None  # NaN, infinite, negative or fractional
    return int(value)


def _read_count(host, value, current):
    checked = count(value)
    if checked is None:
        host.console(
            "warn",
            "twt_py: ignored an unread count of %r (expected a whole number >= 0); kept %r"
            % (value, current or 0),
        )
    return checked


def _read_visibility(host, detail, current):
    vis = host.get(detail, "visibility") if detail is not None else None
    if vis not in Visibility.ALL:
        host.console("warn", "twt_py: ignored visibility_changed with visibility %r" % (vis,))
        return None
    return VisibilityChange(vis, bool(host.get(detail, "isOpen")))


READ = {
    "ready": _read_ready,
    "error": _read_error,
    "unread": _read_count,
    "visibility": _read_visibility,
}


# ------------------------------------------------------------------ delivering it


def _is_awaitable(value):
    # CPython/Pyodide/Brython coroutines have __await__; MicroPython's are generators (send).
    return hasattr(value, "__await__") or hasattr(value, "send")


class Subscription:
    """A callback registered with an `on_*` method; `cancel()` stops further calls.

    It stays callable as the function it wraps, so `on_*` work as decorators.
    """

    __slots__ = ("_channel", "active", "callback")

    def __init__(self, channel, callback):
        self._channel = channel
        self.callback = callback
        self.active = True

    def cancel(self):
        """Stop calling the callback; calling it twice is harmless."""
        if self.active:
            self.active = False
            # A new list, never an edit: a delivery walking the old one is not disturbed.
            channel = self._channel
            channel.subs = [s for s in channel.subs if s is not self]

    def __call__(self, *args):
        return self.callback(*args)

    def __repr__(self):
        return "<Subscription %s %s>" % (
            self._channel.name,
            "active" if self.active else "cancelled",
        )


class Channel:
    """One event: its current `value` (None while unknown), its subscribers, its delivery;
    `repeats`, how a value the SDK sends again is taken (`_contract.EVENTS`)."""

    __slots__ = ("name", "owner", "repeats", "subs", "value")

    def __init__(self, owner, name, repeats):
        self.owner = owner  # the widget: its `_host` reports what callbacks raise
        self.name = name
        self.repeats = repeats
        self.value = None
        self.subs = []

    def put(self, value):
        # The hot path of "equal" events (a count checked by the listener arrives here). It
        # delivers itself, as `deliver` does: on Brython one more call costs as much as the
        # rest of the path.
        if value == self.value:
            return
        self.value = value
        for sub in self.subs:
            if sub.active:
                try:
                    result = sub.callback(value)
                except Exception as exc:
                    self._failed(sub, exc)
                else:
                    if result is not None:
                        self._returned(sub, result)

    def subscribe(self, callback):
        sub = Subscription(self, callback)
        self.subs = self.subs + [sub]  # noqa: RUF005 (MicroPython: no [*a, b])
        if self.value is not None:
            self.deliver(self.value, (sub,))
        return sub

    def deliver(self, value, subs=None):
        # `subs` is never edited in place (subscribe and cancel make a new list), so there is
        # no copy to make; a callback may still cancel a later one, hence `active`.
        for sub in self.subs if subs is None else subs:
            if sub.active:
                try:
                    result = sub.callback(value)
                except Exception as exc:
                    self._failed(sub, exc)
                else:
                    if result is not None:
                        self._returned(sub, result)

    def _failed(self, sub, exc):
        from ._errors import report

        report(self.owner._host, self._label(sub), exc)

    def _returned(self, sub, result):
        # A coroutine (an `async def` callback) runs on its own, its exception reported too.
        if _is_awaitable(result):
            self.owner._host.spawn(_guard(self.owner._host, result, self._label(sub)))

    def _label(self, sub):
        # Built only when a callback raises: delivery is a hot path.
        return "an on_%s callback (%s)" % (self.name, getattr(sub.callback, "__name__", "callback"))


async def _guard(host, awaitable, label):
    try:
        await awaitable
    except Exception as exc:
        from ._errors import report

        report(host, label, exc)
