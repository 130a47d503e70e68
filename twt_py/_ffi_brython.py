"""Adapter for Brython (`browser`, `javascript`); needs no `brython_stdlib.js`."""

import javascript  # type: ignore[import-not-found]
from browser import window  # type: ignore[import-not-found]

from ._ffi_base import HostBase, unmark

_UNDEFINED = javascript.UNDEFINED
_NULL = javascript.NULL


class Host(HostBase):
    """The FFI of Brython, shaped like every other adapter."""

    name = "brython"

    def __init__(self):
        self.window = window
        self._js = window
        self._reflect = window.Reflect
        self._brython = window.__BRYTHON__
        # A JS function kept at hand: Brython builds a bound method for `Reflect.get` on
        # every lookup, 4-6 µs a read against 1.4 µs through this.
        self._exact_get = self._helper("get")
        self.live = 0  # functions handed to JS and not yet released: leak tests read this

    def _py(self, value):
        return None if value is _UNDEFINED or value is _NULL else value

    def get(self, obj, name):
        # `_py` written out: on Brython each Python call is garbage the page's GC pays for.
        value = unmark(self._exact_get(obj, name))
        return None if value is _UNDEFINED or value is _NULL else value

    def set(self, obj, name, value):
        self._reflect.set(obj, name, self.js(value))

    def call(self, obj, name, *args):
        return self._py(getattr(obj, name)(*[self.js(a) for a in args]))

    def js(self, value):
        if value is None:
            return javascript.NULL
        if isinstance(value, dict):
            obj = window.Object.new()
            for k in value:
                self._reflect.set(obj, k, self.js(value[k]))
            return obj
        if isinstance(value, (list, tuple)):
            arr = window.Array.new()
            for v in value:
                arr.push(self.js(v))
            return arr
        return value

    def is_function(self, obj):
        return callable(obj)

    def function(self, fn):
        self.live += 1
        return fn

    def release(self, jsfn):
        self.live -= 1  # Brython's functions are plain JS functions, collected as usual

    def format_exception(self, exc):
        return self._brython.error_trace(exc)

    def spawn(self, awaitable):
        # Imported here: only an async callback needs it, and a page that has none does not
        # pay Brython's import of `browser.aio` at start-up.
        from browser import aio  # type: ignore[import-not-found]

        aio.run(awaitable)
