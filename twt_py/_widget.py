"""`ChatWidget`, the controller behind `twt_py.Chat`.

It binds once to the page: three `window` listeners (`__twt__sdk_ready`, `__twt__sdk_error`,
`__twt__custom_event`) and one `TWTChatWidget.on("visibility_changed", ...)` entry (queued in
`_q` when the SDK has not loaded yet). When it binds after the SDK, it seeds its state from
`twt-early.js`'s record if the page has the shim, else from `isReady()`, `getError()` and
`isOpen()`. Commands made before ready wait in order and run in the ready event's task.

```python
from twt_py import Chat

@Chat.on_unread
def show(count):
    print("unread:", count)

Chat.open()            # applied as soon as the SDK is ready
```
"""

from ._errors import ChatError, ChatLoadError, ChatSDKError, ChatTimeoutError
from ._ffi_base import JSError, _decode
from ._types import (
    Language,
    Position,
    ReadyInfo,
    Visibility,
    VisibilityChange,
    _describe,
    as_customer,
)

_EVENTS = ("ready", "error", "unread", "visibility")
_API = "__twt__api"
_EARLY = "__twt_early__"


def _check_callback(cb, what):
    if not callable(cb):
        raise TypeError("%s needs a callable, got %s" % (what, _describe(cb)))


def _label(sub):
    # Built only when a callback raises: delivery is a hot path.
    return "an on_%s callback (%s)" % (sub._kind, getattr(sub.callback, "__name__", "callback"))


def _count(value):
    # An unread count as the SDK should send it: a whole number >= 0 (JS has no int type, so
    # a float that is whole counts too); None for anything else.
    if type(value) is int:
        return value if value >= 0 else None
    if type(value) is not float:  # a str, a bool, an object
        return None
    if value != value or value - value != 0 or value < 0 or value != int(value):
        return None  # NaN, infinite, negative or fractional
    return int(value)


def _is_awaitable(value):
    # CPython/Pyodide/Brython coroutines have __await__; MicroPython's are generators (send).
    return value is not None and (hasattr(value, "__await__") or hasattr(value, "send"))


class Subscription:
    """A callback registered with an `on_*` method; `cancel()` stops further calls.

    It stays callable as the function it wraps, so `on_*` work as decorators.
    """

    __slots__ = ("_kind", "_widget", "active", "callback")

    def __init__(self, widget, kind, callback):
        self._widget = widget
        self._kind = kind
        self.callback = callback
        self.active = True

    def cancel(self):
        """Stop calling the callback; calling it twice is harmless."""
        if self.active:
            self.active = False
            # A new list, never an edit: a delivery walking the old one is not disturbed.
            subs = self._widget._subs
            subs[self._kind] = [s for s in subs[self._kind] if s is not self]

    def __call__(self, *args):
        return self.callback(*args)

    def __repr__(self):
        return "<Subscription %s %s>" % (self._kind, "active" if self.active else "cancelled")


class ChatWidget:
    """A controller of the TWT Chat widget on one page (`twt_py.Chat` is the page's own).

    Pass `host` (an FFI adapter) only in tests; the default is the running runtime's.
    """

    def __init__(self, host=None):
        self._host = host
        self._bound = False
        self._handles = []
        self._vis_fn = None
        self._stub_on = None
        self._epoch = 0
        self._subs = {}
        for kind in _EVENTS:
            self._subs[kind] = []
        self._reset_state()

    def _reset_state(self):
        self._ready = False
        self._info = None
        self._error = None
        self._unread = None
        self._visibility = None
        self._is_open = False
        self._pending = []
        self._waiters = []

    # ------------------------------------------------------------------ binding

    def _bind(self):
        if self._bound:
            return self
        if self._host is None:
            from ._ffi import host

            self._host = host
        h = self._host
        win = h.window  # a PyScript worker that cannot reach the page raises ChatWorkerError
        self._bound = True
        self._handles.append(h.listen(win, "__twt__sdk_ready", self._on_ready_event))
        self._handles.append(h.listen(win, "__twt__sdk_error", self._on_error_event))
        # The hot path: JS reads and checks detail.unread and hands Python the count alone.
        self._handles.append(
            h.listen_count(win, "__twt__custom_event", "unread", self._new_unread, self._set_unread)
        )
        if self._vis_fn is None:
            # Kept by dispose() when the SDK cannot unregister it: still registered, reused.
            self._vis_fn = h.function(self._on_visibility_changed)
            widget = h.get(win, "TWTChatWidget")
            if widget is None:
                widget = self._make_queue_stub()
            try:
                h.attempt(widget, "on", "visibility_changed", self._vis_fn)
            except JSError as exc:
                h.console(
                    "error",
                    "twt_py: the chat SDK's TWTChatWidget.on('visibility_changed') threw %s; "
                    "visibility changes will not be reported" % (exc,),
                )
        self._seed()
        return self

    def _make_queue_stub(self):
        # The vendor's pre-load stub: on(name, cb) pushes ['on', [name, cb]] onto _q.
        h = self._host
        stub = h.js({"_q": []})
        queue = h.get(stub, "_q")

        def on(name, cb):
            queue.push(h.js(["on", [name, cb]]))

        self._stub_on = h.function(on)
        h.set(stub, "on", self._stub_on)
        h.set(h.window, "TWTChatWidget", stub)
        return stub

    def _seed(self):
        h = self._host
        early = h.get(h.window, _EARLY)
        if early is not None:
            self._replay(early)
        api = self._api()
        if api is None:
            return
        if not self._ready and self._error is None and h.is_function(h.get(api, "isReady")):
            if self._query(api, "isReady", False):
                self._set_ready(None, None)
        if self._error is None and h.is_function(h.get(api, "getError")):
            err = self._query(api, "getError", None)
            if err is not None:
                self._fail(ChatSDKError(self._message(err)))
        if self._ready and self._visibility is None:
            if self._query(api, "isOpen", False):
                self._set_visibility(Visibility.MAXIMIZED, True)

    def _replay(self, early):
        h = self._host
        ready = h.get(early, "ready")
        if ready is not None:
            self._set_ready(h.get(ready, "version"), h.get(ready, "timestamp"))
        error = h.get(early, "error")
        if error is not None:
            kind = ChatLoadError if h.get(error, "load") else ChatSDKError
            self._fail(kind(self._message(error)))
        unread = h.get(early, "unread")
        if unread is not None:
            self._set_unread(unread)
        vis = h.get(early, "visibility")
        if vis is not None:
            self._on_visibility_detail(vis)

    def _api(self):
        return self._host.get(self._host.window, _API)

    def _query(self, api, method, fallback):
        # A question for the SDK (isReady, isOpen, getError): if it throws, the answer is
        # `fallback`, with a warning; twt_py and the page's Python carry on.
        try:
            return self._host.attempt(api, method)
        except JSError as exc:
            self._host.console(
                "warn", "twt_py: the chat SDK's %s() threw %s; taken as %r" % (method, exc, fallback)
            )
            return fallback

    def dispose(self):
        """Remove every listener, release every proxy JS no longer holds, and drop the
        callbacks and pending commands. The widget can bind again on next use (for pages
        that swap content)."""
        if not self._bound:
            return
        h = self._host
        for handle in self._handles:
            h.unlisten(handle)
        self._handles = []
        widget = h.get(h.window, "TWTChatWidget")
        off = h.get(widget, "off") if widget is not None else None
        if off is not None and h.is_function(off):
            try:
                h.attempt(widget, "off", "visibility_changed", self._vis_fn)
            except JSError as exc:  # the SDK may still hold it: keep it, as without `off`
                h.console("warn", "twt_py: TWTChatWidget.off('visibility_changed') threw %s" % (exc,))
            else:
                h.release(self._vis_fn)
                self._vis_fn = None
        # Without an `off` (the vendor's SDK has none) the SDK, or its queue, keeps the
        # visibility listener and will call it: a released proxy would throw inside the SDK
        # (Pyodide), so it stays alive, does nothing while unbound, and is reused by _bind.
        if self._stub_on is not None and self._sdk_ready():
            # the ready SDK has consumed our queue stub and replaced its `on`
            h.release(self._stub_on)
            self._stub_on = None
        for kind in _EVENTS:
            for sub in list(self._subs[kind]):
                sub.cancel()
        self._epoch += 1
        for waiter in self._waiters:
            waiter()
        self._bound = False
        self._reset_state()

    def _sdk_ready(self):
        h = self._host
        api = self._api()
        return (
            api is not None
            and h.is_function(h.get(api, "isReady"))
            and bool(self._query(api, "isReady", False))
        )

    # ------------------------------------------------------------------ events in

    def _message(self, err):
        msg = self._host.get(err, "message")
        return str(msg) if msg is not None else "unknown SDK error"

    def _on_ready_event(self, event):
        detail = self._host.get(event, "detail")
        if detail is None:
            self._set_ready(None, None)
        else:
            self._set_ready(self._host.get(detail, "version"), self._host.get(detail, "timestamp"))

    def _on_error_event(self, event):
        h = self._host
        detail = h.get(event, "detail")
        err = h.get(detail, "error") if detail is not None else None
        if err is None:
            self._fail(ChatSDKError("unknown SDK error"))
        else:
            # twt-early.js reports a failed SDK <script> with the same event, marked `load`.
            kind = ChatLoadError if h.get(err, "load") else ChatSDKError
            self._fail(kind(self._message(err)))

    def _on_visibility_changed(self, detail):
        # what the SDK calls; it may still call it after dispose(), when it must do nothing
        if self._bound:
            self._on_visibility_detail(detail)

    def _on_visibility_detail(self, detail):
        # On every open and close: attribute reads (a str and a bool, exact on every runtime);
        # the adapter's `get` only when a property is missing (or detail is not an object).
        h = self._host
        try:
            vis = detail.visibility
            is_open = detail.isOpen
        except AttributeError:
            vis = h.get(detail, "visibility")
            is_open = h.get(detail, "isOpen")
        if vis not in Visibility.ALL:
            h.console("warn", "twt_py: ignored visibility_changed with visibility %r" % (vis,))
            return
        self._set_visibility(vis, bool(is_open))

    # ------------------------------------------------------------------ state changes

    def _set_ready(self, version, timestamp):
        # A malformed version or timestamp is dropped with a warning; the signal still counts.
        if version is not None and not isinstance(version, str):
            self._host.console(
                "warn", "twt_py: ignored the SDK's ready version %r (expected a str)" % (version,)
            )
            version = None
        if timestamp is not None:
            if isinstance(timestamp, bool) or not isinstance(timestamp, (int, float)):
                self._host.console(
                    "warn",
                    "twt_py: ignored the SDK's ready timestamp %r (expected a number of ms)"
                    % (timestamp,),
                )
                timestamp = None
            else:
                timestamp = float(timestamp)
        if self._ready:
            if self._info is not None and self._info.version is None and version is not None:
                self._info = ReadyInfo(version, timestamp)
            return
        self._ready = True
        self._error = None
        self._info = ReadyInfo(version, timestamp)
        pending, self._pending = self._pending, []
        api = self._api()
        for label, method, args in pending:
            try:
                if api is None:
                    raise ChatError("window.__twt__api is missing although the SDK said ready")
                self._apply(label, api, method, args)
            except Exception as exc:
                self._report("%s (made before ready)" % label, exc)
        self._deliver(self._subs["ready"], self._info)
        self._wake()

    def _fail(self, error):
        if self._error is not None:
            return
        if self._pending:
            error = type(error)(error.message, [entry[0] for entry in self._pending])
            self._pending = []
        self._error = error
        self._ready = False
        self._deliver(self._subs["error"], error)
        self._wake()

    def _set_unread(self, value):
        # An unread count from anywhere: checked, then as `_new_unread`.
        if type(value) is str and value[:1] == "\x00":
            value = _decode(value)  # a whole number outside 32 bits, exact (_ffi_base)
        count = _count(value)
        if count is None:
            self._host.console(
                "warn",
                "twt_py: ignored an unread count of %r (expected a whole number >= 0); kept %r"
                % (value, self._unread or 0),
            )
            return
        self._new_unread(count)

    def _new_unread(self, value):
        # The hot path: a count already checked (a whole number >= 0), by the listener or above.
        if value == self._unread:
            return
        self._unread = value
        self._deliver(self._subs["unread"], value)

    def _set_visibility(self, vis, is_open):
        self._is_open = is_open
        change = VisibilityChange(vis, is_open)
        if change == self._visibility:
            return
        self._visibility = change
        self._deliver(self._subs["visibility"], change)

    def _wake(self):
        waiters, self._waiters = self._waiters, []
        for resolve in waiters:
            resolve()

    # ------------------------------------------------------------------ callbacks out

    def _report(self, what, exc):
        self._host.console(
            "error",
            "twt_py: %s raised %s: %s\n%s"
            % (what, type(exc).__name__, exc, self._host.format_exception(exc)),
        )

    def _deliver(self, subs, value):
        # `subs` is never edited in place (subscribe and cancel make a new list), so there is
        # no copy to make; a callback may still cancel a later one, hence `active`.
        for sub in subs:
            if not sub.active:
                continue
            try:
                result = sub.callback(value)
            except Exception as exc:
                self._report(_label(sub), exc)
                continue
            if result is not None and _is_awaitable(result):
                self._host.spawn(self._guard(result, _label(sub)))

    async def _guard(self, awaitable, label):
        try:
            await awaitable
        except Exception as exc:
            self._report(label, exc)

    def _subscribe(self, kind, cb):
        _check_callback(cb, "Chat.on_%s" % kind)
        self._bind()
        sub = Subscription(self, kind, cb)
        self._subs[kind] = self._subs[kind] + [sub]
        current = None
        if kind == "ready" and self._ready:
            current = self._info
        elif kind == "error":
            current = self._error
        elif kind == "unread":
            current = self._unread
        elif kind == "visibility":
            current = self._visibility
        if current is not None:
            self._deliver((sub,), current)
        return sub

    def on_ready(self, callback):
        """Call `callback(info)` when the SDK is ready, at once if it already is.

        `info.version` and `info.timestamp` come from the SDK's ready signal.

        ```python
        @Chat.on_ready
        def greet(info):
            print("chat", info.version, "ready")
        ```
        """
        return self._subscribe("ready", callback)

    def on_error(self, callback):
        """Call `callback(err)` (a `ChatError`) when the SDK fails, at once if it has.

        ```python
        Chat.on_error(lambda err: print("chat unavailable:", err.message))
        ```
        """
        return self._subscribe("error", callback)

    def on_unread(self, callback):
        """Call `callback(count)` when the unread count changes, at once if it is known.

        ```python
        @Chat.on_unread
        def badge(count):
            print("99+" if count > 99 else count)
        ```
        """
        return self._subscribe("unread", callback)

    def on_visibility(self, callback):
        """Call `callback(change)` when the widget's visibility changes, at once if known.

        `change.visibility` is a `Visibility` value, `change.is_open` a bool.

        ```python
        @Chat.on_visibility
        def pause_video(change):
            print("open" if change.is_open else "closed")
        ```
        """
        return self._subscribe("visibility", callback)

    # ------------------------------------------------------------------ state out

    @property
    def is_ready(self):
        """True once the SDK is ready (and has not failed since)."""
        self._bind()
        return self._ready

    @property
    def is_open(self):
        """True while the chat window is open."""
        self._bind()
        if self._ready:
            api = self._api()
            if api is not None:
                return bool(self._query(api, "isOpen", self._is_open))
        return self._is_open

    @property
    def unread(self):
        """The last known unread message count (0 before any is known)."""
        self._bind()
        return self._unread or 0

    @property
    def visibility(self):
        """`Visibility.MAXIMIZED`, `MINIMIZED` or `HIDDEN`, or None while unknown."""
        self._bind()
        return self._visibility.visibility if self._visibility is not None else None

    @property
    def error(self):
        """The `ChatError` the SDK failed with, or None."""
        self._bind()
        return self._error

    @property
    def version(self):
        """The SDK's version once ready (None before, or if it could not be recovered)."""
        self._bind()
        return self._info.version if self._ready and self._info is not None else None

    async def ready(self, timeout=10):
        """Wait until the SDK is ready and return its `ReadyInfo`.

        Raises the SDK's `ChatError` if it failed, `ChatTimeoutError` after `timeout`
        seconds (None waits for ever).

        ```python
        info = await Chat.ready(timeout=10)
        print("chat version", info.version)
        ```
        """
        if timeout is not None:
            if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
                raise TypeError("timeout must be a number of seconds or None, got %s" % _describe(timeout))
            if not timeout >= 0:
                raise ValueError("timeout must be >= 0 seconds, got %r" % (timeout,))
        self._bind()
        if not self._ready and self._error is None:
            h = self._host
            epoch = self._epoch
            awaitable, resolve = h.waiter()
            self._waiters.append(resolve)
            timer = None
            # setTimeout's delay is 32-bit: 2**31 ms (24.8 days) or more, or Infinity, would
            # fire at once; so long a wait is no timeout.
            if timeout is not None and timeout * 1000 < 2147483648:
                timer = h.later(resolve, timeout * 1000)
            await awaitable
            if timer is not None:
                h.cancel_later(timer)
            if resolve in self._waiters:
                self._waiters.remove(resolve)
            if epoch != self._epoch:
                raise ChatError("the widget was disposed while waiting for the chat SDK")
        if self._ready:
            return self._info
        if self._error is not None:
            raise self._error
        raise ChatTimeoutError("the chat SDK was not ready within %s s" % (timeout,))

    # ------------------------------------------------------------------ commands

    def _command(self, label, method, *args):
        # Straight to the SDK once it is ready; until then kept, in order, for the ready signal.
        self._bind()
        if self._error is not None:
            raise type(self._error)(
                "%s cannot run: the chat SDK failed (%s)" % (label, self._error.message)
            )
        if self._ready:
            api = self._api()
            if api is not None:
                self._apply(label, api, method, args)
                return
        self._pending.append((label, method, args))
        self._tell_shim(method, args)

    def _tell_shim(self, method, args):
        # With install(load="idle"|"interaction") twt-early.js holds the SDK back: open() and
        # toggle() request it, and the placeholder launcher follows position/language/hiding.
        h = self._host
        early = h.get(h.window, _EARLY)
        lazy = h.get(early, "lazy") if early is not None else None
        if lazy is not None and h.get(lazy, "mode") != "eager":
            h.call(lazy, "command", method, h.js(list(args)))

    def _apply(self, label, api, method, args):
        # Guarded: an SDK method that throws is a ChatSDKError here, on every runtime (on
        # MicroPython the JS exception would otherwise end the page's whole Python program).
        if method == "toggle":  # decided when it runs, from the SDK's own state
            method = "close" if self._query(api, "isOpen", self._is_open) else "open"
        try:
            self._host.attempt(api, method, *args)
        except JSError as exc:
            raise ChatSDKError(
                "Chat.%s failed: the chat SDK's %s() threw %s" % (label, method, exc)
            ) from None

    def open(self):
        """Open the chat window (when the SDK is ready, if it is not yet).

        ```python
        Chat.open()
        ```
        """
        self._command("open()", "open")

    def close(self):
        """Close the chat window.

        ```python
        Chat.close()
        ```
        """
        self._command("close()", "close")

    def toggle(self):
        """Open the chat window if it is closed, close it if it is open.

        ```python
        Chat.toggle()
        ```
        """
        self._command("toggle()", "toggle")

    def hide_badge(self):
        """Hide the floating launcher; `open()` still works.

        ```python
        Chat.hide_badge()
        ```
        """
        self._command("hide_badge()", "hideBadge")

    def set_position(self, position=None, *, right=None, bottom=None):
        """Move the launcher: `set_position(right=20, bottom="80px")` or a `Position`.

        Numbers mean pixels; strings are CSS lengths like `"1.5rem"`. A negative, NaN or
        non-length value raises `ValueError`; a value of the wrong type `TypeError`.

        ```python
        Chat.set_position(right="20px", bottom="80px")
        ```
        """
        if position is None:
            position = Position(right, bottom)
        elif not isinstance(position, Position):
            raise TypeError(
                "set_position takes a Position or right=/bottom= lengths, got %s"
                % _describe(position)
            )
        elif right is not None or bottom is not None:
            raise TypeError("set_position takes a Position or right=/bottom=, not both")
        data = position.to_dict()
        self._command(
            "set_position(%s)" % ", ".join("%s=%r" % (k, data[k]) for k in ("right", "bottom") if k in data),
            "setPosition",
            data,
        )

    def set_language(self, language):
        """Switch the widget's language: a `Language` constant or a spelling of one.

        Unknown languages raise `ValueError` listing the nine codes.

        ```python
        Chat.set_language("ja")
        ```
        """
        code = Language.normalize(language)
        self._command("set_language(%r)" % code, "setLanguage", code)

    def login(self, customer):
        """Tell the agents who the visitor is (a `Customer`, signed on your server).

        ```python
        Chat.login(Customer(sbs="1001", sbs_mm=signature, ranstr=ranstr, name="Ada"))
        ```
        """
        customer = as_customer(customer, "login")
        args = customer.login_args()
        self._command("login(sbs=%r)" % customer.sbs, "login", *args)

    def __repr__(self):
        if not self._bound:
            return "<ChatWidget unbound>"
        state = "ready" if self._ready else ("failed" if self._error else "loading")
        return "<ChatWidget %s unread=%d visibility=%s>" % (state, self._unread or 0, self.visibility)
