"""A fake JavaScript world for CPython: unit tests drive the facade through it.

`FakeHost().window` is an event target with attribute-bag objects, timers run only when a test
calls `advance(ms)`, console output is kept in `messages`, and every function handed to "JS"
is counted in `live_functions` until released.

```python
from twt_py._cpython.ffi_fake import FakeHost, CustomEvent
from twt_py import ChatWidget
host = FakeHost()
chat = ChatWidget(host)
chat.on_unread(print)
host.window.dispatchEvent(CustomEvent("__twt__custom_event", {"unread": 2}))   # prints 2
```
"""

import asyncio
import traceback

from .._contract import WIDGET
from .._ffi_base import JSError
from .._ffi_worker import bind_by_listen, unbind_by_listen


class JSObject:
    """A plain JavaScript object: its properties are attributes."""

    def __init__(self, **props):
        self.__dict__.update(props)

    def __repr__(self):
        return "JSObject(%s)" % ", ".join(
            "%s=%r" % kv for kv in self.__dict__.items() if not kv[0].startswith("_")
        )


class JSArray(list):
    """A JavaScript array: a list with `push`."""

    def push(self, *items):
        self.extend(items)
        return len(self)

    @property
    def length(self):
        return len(self)


class EventTarget(JSObject):
    """`addEventListener`/`removeEventListener`/`dispatchEvent`, as in a browser."""

    def __init__(self, **props):
        JSObject.__init__(self, **props)
        self._listeners = {}

    def addEventListener(self, kind, fn):
        fns = self._listeners.setdefault(kind, [])
        if fn not in fns:
            fns.append(fn)

    def removeEventListener(self, kind, fn):
        fns = self._listeners.get(kind, [])
        if fn in fns:
            fns.remove(fn)

    def dispatchEvent(self, event):
        for fn in list(self._listeners.get(event.type, [])):
            fn(event)
        return True

    def listener_count(self, kind=None):
        if kind is not None:
            return len(self._listeners.get(kind, []))
        return sum(len(v) for v in self._listeners.values())


class CustomEvent(JSObject):
    """`new CustomEvent(type, {detail})`: `detail` dicts become JS objects."""

    def __init__(self, kind, detail=None):
        JSObject.__init__(self, type=kind, detail=to_js(detail))


class FakeFunction:
    """A Python callable handed to JS; calling it after `release` fails like a destroyed proxy."""

    def __init__(self, fn, host):
        self.fn = fn
        self.host = host
        self.released = False

    def __call__(self, *args):
        if self.released:
            raise RuntimeError("this function was released: %r" % (self.fn,))
        return self.fn(*args)


def to_js(value):
    if isinstance(value, dict):
        return JSObject(**{k: to_js(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)) and not isinstance(value, JSArray):
        return JSArray(to_js(v) for v in value)
    return value


def _timeout_delay(ms):
    """The delay a browser's `setTimeout(fn, ms)` really waits: the WebIDL `long` conversion
    (NaN and +-Infinity become 0, fractions are cut, values wrap modulo 2**32 into
    [-2**31, 2**31)), then negatives become 0. So 2**31 ms or more, or Infinity, fire at once."""
    if ms != ms or ms in (float("inf"), float("-inf")):
        return 0
    n = int(ms) % 2**32
    if n >= 2**31:
        n -= 2**32
    return max(n, 0)


class FakeHost:
    """The adapter contract over the fake JS world (see `_ffi.pyi`)."""

    name = "fake"

    def __init__(self):
        self.window = EventTarget()
        self.messages = []
        self.live_functions = set()
        self._timers = {}
        self._next_timer = 1
        self._clock = 0.0

    @property
    def live(self):
        """Functions handed to JS and not yet released (as every adapter counts them)."""
        return len(self.live_functions)

    def get(self, obj, name):
        return getattr(obj, name, None)

    def set(self, obj, name, value):
        setattr(obj, name, self.js(value))

    def call(self, obj, name, *args):
        return getattr(obj, name)(*[self.js(a) for a in args])

    def attempt(self, obj, name, *args):
        # A Python exception in the fake world stands for a JS one.
        try:
            fn = getattr(obj, name, None)
            if not callable(fn):
                raise TypeError("%s is not a function" % name)
            return fn(*[self.js(a) for a in args])
        except Exception as exc:
            raise JSError("%s: %s" % (type(exc).__name__, exc)) from None

    def send(self, window, name, method, *args):
        obj = self.get(window, name)
        if obj is None:
            return False
        self.attempt(obj, method, *args)
        return True

    def js(self, value):
        return to_js(value)

    def is_function(self, obj):
        return callable(obj)

    def function(self, fn):
        f = FakeFunction(fn, self)
        self.live_functions.add(f)
        return f

    def release(self, jsfn):
        jsfn.released = True
        self.live_functions.discard(jsfn)

    def listen(self, target, event, fn):
        f = self.function(fn)
        target.addEventListener(event, f)
        return (target, event, f)

    def bind(self, window, events, take, fast, previous=None):
        return bind_by_listen(self, window, events, take, fast, previous)

    def unbind(self, binding):
        unbind_by_listen(self, binding)

    def vendor_widget(self, window):
        widget = getattr(window, WIDGET, None)
        if widget is None:
            # The vendor's stub: on(name, cb) pushes ['on', [name, cb]] onto _q.
            widget = JSObject(_q=JSArray())
            widget.on = lambda *args: widget._q.push(JSArray(["on", JSArray(args)]))
            setattr(window, WIDGET, widget)
        return widget

    def unlisten(self, handle):
        target, event, f = handle
        target.removeEventListener(event, f)
        self.release(f)

    def later(self, fn, ms):
        ms = _timeout_delay(ms)
        handle = self._next_timer
        self._next_timer += 1
        self._timers[handle] = (self._clock + ms, fn)
        return handle

    def cancel_later(self, handle):
        self._timers.pop(handle, None)

    def advance(self, ms):
        """Move the clock on by `ms`, running the timers that fall due, in order."""
        end = self._clock + ms
        while True:
            due = [(t, h) for h, (t, _) in self._timers.items() if t <= end]
            if not due:
                break
            t, h = min(due)
            self._clock = t
            _, fn = self._timers.pop(h)
            fn()
        self._clock = end

    def console(self, level, text):
        self.messages.append((level, text))

    def format_exception(self, exc):
        return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))

    def spawn(self, awaitable):
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            asyncio.run(awaitable)
            return
        task = loop.create_task(awaitable)
        self._tasks = getattr(self, "_tasks", set())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def waiter(self):
        future = asyncio.get_running_loop().create_future()

        def resolve(*_):
            if not future.done():
                future.set_result(None)

        return future, resolve

    def now(self):
        return self._clock


Host = FakeHost
