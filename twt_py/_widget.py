"""`ChatWidget`, the controller behind `twt_py.Chat`: the facade over the contract's tables.

Binding, reset, replay, subscribing and the command path loop over `_contract.EVENTS` and
`_contract.COMMANDS` (through `_commands.ENTRIES`); each public `on_*` method and command is
one line naming its entry. Each event's state and subscribers are a `Channel` (what the SDK
sends is checked first by `_events.READ`); the commands go through `_commands.Commands`,
imported on the first command (a page that only listens never loads it). JavaScript is
reached only through `host`.

```python
from twt_py import Chat

@Chat.on_unread
def show(count):
    print("unread:", count)

Chat.open()            # applied as soon as the SDK is ready
```
"""

from ._contract import API, EARLY, EVENTS
from ._events import READ, Channel, ReadyInfo, Visibility, VisibilityChange, message
from ._ffi import ask

# `_errors` (the exception tree, `report`, `describe`) is imported where an error is made or
# reported, not at start-up: a page with nothing failing never pays Brython for its classes.


class ChatWidget:
    """A controller of the TWT Chat widget on one page (`twt_py.Chat` is the page's own).

    Pass `host` (an FFI adapter) only in tests; the default is the running runtime's.
    """

    def __init__(self, host=None):
        self._host = host
        self._bound = False
        self._binding = None  # the listeners of `host.bind`, kept to be handed on (dispose)
        self._epoch = 0
        self._channels = {}
        for event in EVENTS:
            self._channels[event[0]] = Channel(self, event[0], event[4])
        self._commands = None  # a _commands.Commands from the first command on
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
        # One call sets up every listener, in JavaScript (`host.bind`); the count's channel
        # gets a plain whole number straight from JS, the hot path.
        fast = None
        for event in EVENTS:
            if event[1] == "count":
                fast = self._channels[event[0]].put
        self._binding = h.bind(win, EVENTS, self._take, fast, self._binding)
        self._seed()
        return self

    def _seed(self):
        # Binding after the SDK: the shim's record first, else what the SDK can still say.
        h = self._host
        early = h.get(h.window, EARLY)
        if early is not None:
            for event in EVENTS:
                raw = h.get(early, event[0])
                if raw is not None:
                    self._take(event[0], raw)
        api = self._api()
        if api is None:
            return
        ready, error = self._channels["ready"], self._channels["error"]
        if ready.value is None and error.value is None and h.is_function(h.get(api, "isReady")):
            if ask(h, api, "isReady", False):
                self._became_ready(ReadyInfo(None, None))
        if error.value is None and h.is_function(h.get(api, "getError")):
            err = ask(h, api, "getError", None)
            if err is not None:
                from ._errors import ChatSDKError

                self._fail(ChatSDKError(message(h, err)))
        visibility = self._channels["visibility"]
        if ready.value is not None and visibility.value is None:
            if ask(h, api, "isOpen", False):
                visibility.put(VisibilityChange(Visibility.MAXIMIZED, True))

    def _api(self):
        return self._host.get(self._host.window, API)

    def dispose(self):
        """Unbind: listeners removed, proxies released, callbacks and commands dropped."""
        if not self._bound:
            return
        # Without an `off` (the vendor's SDK has none) the SDK, or its queue, keeps its
        # TWTChatWidget listener and will call it: `unbind` leaves it registered and inert,
        # and the next `_bind` hands it on rather than registering another.
        self._host.unbind(self._binding)
        for channel in self._channels.values():
            for sub in channel.subs:
                sub.cancel()
        self._epoch += 1
        for waiter in self._waiters:
            waiter()
        self._bound = False
        for channel in self._channels.values():
            channel.value = None
        if self._commands is not None:
            self._commands.pending = []
        self._waiters = []

    # ------------------------------------------------------------------ events in

    def _take(self, slot, raw):
        # What the SDK sent for `slot`: read and checked (`_events.READ`), then applied.
        channel = self._channels[slot]
        repeats = channel.repeats
        if repeats == "first" and channel.value is not None:
            return
        value = READ[slot](self._host, raw, channel.value)
        if value is None:
            return
        if repeats == "equal":
            channel.put(value)
        elif repeats == "first":
            self._fail(value)
        else:
            self._became_ready(value)

    def _became_ready(self, info):
        ready = self._channels["ready"]
        if ready.value is not None:
            if ready.value.version is None and info.version is not None:
                ready.value = info
            return
        self._channels["error"].value = None
        ready.value = info
        if self._commands is not None:
            self._commands.drain()
        ready.deliver(info)
        self._wake()

    def _fail(self, error):
        errors = self._channels["error"]
        if errors.value is not None:
            return
        if self._commands is not None and self._commands.pending:
            error = type(error)(error.message, self._commands.drop())
        errors.value = error
        self._channels["ready"].value = None
        errors.deliver(error)
        self._wake()

    def _wake(self):
        waiters, self._waiters = self._waiters, []
        for resolve in waiters:
            resolve()

    def _is_open(self):
        change = self._channels["visibility"].value
        return change.is_open if change is not None else False

    def _subscribe(self, slot, callback):
        if not callable(callback):
            from ._errors import describe

            raise TypeError("Chat.on_%s needs a callable, got %s" % (slot, describe(callback)))
        self._bind()
        return self._channels[slot].subscribe(callback)

    # ------------------------------------------------------------------ state out
    # (documented in __init__.pyi)

    @property
    def is_ready(self):
        self._bind()
        return self._channels["ready"].value is not None

    @property
    def is_open(self):
        self._bind()
        if self._channels["ready"].value is not None:
            api = self._api()
            if api is not None:
                return bool(ask(self._host, api, "isOpen", self._is_open()))
        return self._is_open()

    @property
    def unread(self):
        self._bind()
        return self._channels["unread"].value or 0

    @property
    def visibility(self):
        self._bind()
        change = self._channels["visibility"].value
        return change.visibility if change is not None else None

    @property
    def error(self):
        self._bind()
        return self._channels["error"].value

    @property
    def version(self):
        self._bind()
        info = self._channels["ready"].value
        return info.version if info is not None else None

    async def ready(self, timeout=10):
        """Wait until the SDK is ready and return its `ReadyInfo` (see __init__.pyi)."""
        if timeout is not None:
            if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
                from ._errors import describe

                raise TypeError("timeout must be a number of seconds or None, got %s" % describe(timeout))
            if not timeout >= 0:
                raise ValueError("timeout must be >= 0 seconds, got %r" % (timeout,))
        self._bind()
        ready, error = self._channels["ready"], self._channels["error"]
        if ready.value is None and error.value is None:
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
                from ._errors import ChatError

                raise ChatError("the widget was disposed while waiting for the chat SDK")
        if ready.value is not None:
            return ready.value
        if error.value is not None:
            raise error.value
        from ._errors import ChatTimeoutError

        raise ChatTimeoutError("the chat SDK was not ready within %s s" % (timeout,))

    # ------------------------------------------------------------------ commands

    def _queue(self):
        if self._commands is None:
            from ._commands import Commands

            self._commands = Commands(self)
        return self._commands

    # One line per contract entry, which decides what each does: made by a loop and setattr,
    # they cost Brython's import several times as much. Types and documentation: __init__.pyi.

    def on_ready(self, callback):
        return self._subscribe("ready", callback)

    def on_error(self, callback):
        return self._subscribe("error", callback)

    def on_unread(self, callback):
        return self._subscribe("unread", callback)

    def on_visibility(self, callback):
        return self._subscribe("visibility", callback)

    def open(self):
        self._call("open", (), {})

    def close(self):
        self._call("close", (), {})

    def toggle(self):
        self._call("toggle", (), {})

    def hide_badge(self):
        self._call("hide_badge", (), {})

    def set_position(self, *args, **kwargs):
        self._call("set_position", args, kwargs)

    def set_language(self, *args, **kwargs):
        self._call("set_language", args, kwargs)

    def login(self, *args, **kwargs):
        self._call("login", args, kwargs)

    def _call(self, name, args, kwargs):
        # A public command: checked, then run or kept (`_contract.COMMANDS`).
        self._bind()
        self._queue().command(name, args, kwargs)

    def __repr__(self):
        if not self._bound:
            return "<ChatWidget unbound>"
        if self._channels["ready"].value is not None:
            state = "ready"
        else:
            state = "failed" if self._channels["error"].value else "loading"
        return "<ChatWidget %s unread=%d visibility=%s>" % (state, self.unread, self.visibility)
