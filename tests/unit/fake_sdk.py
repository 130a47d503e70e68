"""A small fake of the vendor's TWT Chat SDK (core.js v1.2), over `twt_py._cpython.ffi_fake.FakeHost`.

It follows /work/shared/twt-sdk-contract.md and nothing more: `window.__twt__api` with the
documented members, the `TWTChatWidget` queue (consumed at ready, direct `on` afterwards), the
three window CustomEvents and `visibility_changed`. Every API call is recorded in `calls` as
`(method, args)` with the arguments turned back into plain Python (JS objects become dicts), so
tests assert on what reached the SDK, not on what they asked for.

Like a vendor SDK that does not guard its listeners, exceptions raised by `visibility_changed`
handlers propagate out of `open()`/`close()`/`hideBadge()`: a facade bug there fails the test.

```python
host = FakeHost()
sdk = FakeSDK(host)
sdk.load()                 # window.__twt__api exists, isReady() is false
sdk.become_ready()         # consumes TWTChatWidget._q, fires __twt__sdk_ready, runs onReady
sdk.set_unread(2)          # __twt__custom_event {unread: 2}
sdk.fail("boom")           # __twt__sdk_error {error: {message: "boom"}}
```
"""

from twt_py._contract import COMMANDS, EVENTS, OWN_METHODS, QUERIES
from twt_py._cpython.ffi_fake import CustomEvent, JSArray, JSObject

# Derived from the contract: a command or event added there is on this fake at once.
API_MEMBERS = tuple(c[1] for c in COMMANDS if c[1] not in OWN_METHODS) + QUERIES
EVENT = {e[0]: e[2] for e in EVENTS}  # slot -> the vendor's event name
DEFAULT_TIMESTAMP = 1767225600000  # 2026-01-01T00:00:00Z, in ms


def to_py(value):
    """A fake JS value as plain Python: JSObject -> dict, JSArray -> list (functions kept)."""
    if isinstance(value, JSArray):
        return [to_py(v) for v in value]
    if isinstance(value, JSObject):
        return {k: to_py(v) for k, v in vars(value).items() if not k.startswith("_")}
    return value


class FakeSDK:
    """The vendor SDK on a FakeHost's window. `with_off=True` adds a `TWTChatWidget.off`
    (the contract has none; it lets tests cover a facade that can unregister)."""

    def __init__(self, host, with_off=False):
        self.host = host
        self.window = host.window
        self.with_off = with_off
        self.calls = []
        self.api = None
        self.loaded = False
        self.ready = False
        self.error = None
        self.opened = False
        self.badge = True
        self.unread = 0
        self.handlers = []  # visibility_changed listeners, in registration order
        self.ready_callbacks = []
        self.last_visibility = None
        self.raise_on = {}  # method name -> exception the method raises (after recording)

    # ------------------------------------------------------------------ the script runs

    def load(self):
        """The SDK script executes: `window.__twt__api` appears (not ready yet)."""
        api = JSObject()
        for name in API_MEMBERS:
            setattr(api, name, self._member(name, getattr(self, "_api_" + name)))
        self.api = api
        self.loaded = True
        setattr(self.window, "__twt__api", api)  # (an attribute here would be name-mangled)
        return api

    def _member(self, name, impl):
        def member(*args):
            self.calls.append((name, [to_py(a) for a in args]))
            if name in self.raise_on:
                raise self.raise_on[name]
            return impl(*args)

        member.__name__ = name
        return member

    def commands(self):
        """`calls` without the queries (isOpen, isReady, getError, onReady)."""
        return [c for c in self.calls if c[0] not in QUERIES]

    # ------------------------------------------------------------------ lifecycle

    def widget(self):
        """`window.TWTChatWidget`, created (empty queue) if the page has none."""
        widget = getattr(self.window, "TWTChatWidget", None)
        if widget is None:
            widget = JSObject(_q=JSArray())
            self.window.TWTChatWidget = widget
        if getattr(widget, "_q", None) is None:
            widget._q = JSArray()
        return widget

    def become_ready(self, version="1.2.0", timestamp=DEFAULT_TIMESTAMP, initial_visibility=False):
        """Consume the queue, switch `on` to direct registration, fire `__twt__sdk_ready`,
        then run the `onReady` callbacks (with the api object)."""
        if not self.loaded:
            self.load()
        self.ready = True
        self.error = None
        widget = self.widget()
        queue = widget._q
        while len(queue):
            entry = queue.pop(0)
            if len(entry) >= 2 and entry[0] == "on":
                self._register(*list(entry[1])[:2])
        widget._q = JSArray()
        widget.on = self._direct_on
        if self.with_off:
            widget.off = self._off
        if initial_visibility:
            self._emit_visibility(force=True)
        self.window.dispatchEvent(
            CustomEvent(EVENT["ready"], {"version": version, "timestamp": timestamp})
        )
        callbacks, self.ready_callbacks = self.ready_callbacks, []
        for cb in callbacks:
            cb(self.api)

    def fail(self, message="SDK failed to initialize"):
        """`getError()` returns `{message}`; `__twt__sdk_error` {error: {message}} fires."""
        if not self.loaded:
            self.load()
        self.ready = False
        self.opened = False
        self.error = message
        self.window.dispatchEvent(CustomEvent(EVENT["error"], {"error": {"message": message}}))

    def set_unread(self, n):
        """The unread count changed: `__twt__custom_event` {unread: n} (always dispatched)."""
        self.unread = n
        self.window.dispatchEvent(CustomEvent(EVENT["unread"], {"unread": n}))

    def emit_visibility(self, visibility, is_open):
        """Call every visibility_changed handler with this detail, whatever it says."""
        detail = JSObject(visibility=visibility, isOpen=is_open)
        for handler in list(self.handlers):
            handler(detail)

    # ------------------------------------------------------------------ TWTChatWidget

    def _register(self, name, cb):
        if name == EVENT["visibility"] and callable(cb):
            self.handlers.append(cb)

    def _direct_on(self, name, cb):
        self._register(name, cb)

    def _off(self, name, cb):
        if name == EVENT["visibility"] and cb in self.handlers:
            self.handlers.remove(cb)

    def current_visibility(self):
        if self.opened:
            return "maximized"
        return "minimized" if self.badge else "hidden"

    def _emit_visibility(self, force=False):
        state = (self.current_visibility(), self.opened)
        if state == self.last_visibility and not force:
            return
        self.last_visibility = state
        self.emit_visibility(state[0], state[1])

    # ------------------------------------------------------------------ window.__twt__api

    def _api_login(self, *args):
        pass

    def _api_setLanguage(self, lang):
        pass

    def _api_open(self):
        if self.ready:
            self.opened = True
            self._emit_visibility()

    def _api_close(self):
        if self.ready:
            self.opened = False
            self._emit_visibility()

    def _api_isOpen(self):
        return self.opened

    def _api_hideBadge(self):
        if self.ready:
            self.badge = False
            self._emit_visibility()

    def _api_setPosition(self, position):
        pass

    def _api_isReady(self):
        return self.ready

    def _api_onReady(self, cb):
        if self.ready:
            cb(self.api)
        else:
            self.ready_callbacks.append(cb)

    def _api_getError(self):
        if self.error is None:
            return None
        return JSObject(message=self.error)


def install_vendor_stub(host):
    """The vendor's pre-load stub, as a page pastes it before the SDK:
    `window.TWTChatWidget = {_q: [], on(name, cb) { this._q.push(['on', [name, cb]]) }}`."""
    stub = JSObject(_q=JSArray())

    def on(name, cb):
        stub._q.push(JSArray(["on", JSArray([name, cb])]))

    stub.on = on
    host.window.TWTChatWidget = stub
    return stub


def install_early(host, ready=None, error=None, unread=None, visibility=None):
    """The early-capture shim's record at `window.__twt_early__`:
    `{ready: {version, timestamp}|null, error: {message}|null, unread: int|null,
    visibility: {visibility, isOpen}|null}` (pass plain dicts; they become JS objects)."""
    record = host.js({"ready": ready, "error": error, "unread": unread, "visibility": visibility})
    host.window.__twt_early__ = record
    return record
