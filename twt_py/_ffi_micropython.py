"""Adapter for PyScript + MicroPython (`js`, `jsffi`)."""

import asyncio

import js  # type: ignore[import-not-found]
from jsffi import create_proxy, to_js  # type: ignore[import-not-found]

from ._ffi_base import HostBase, unmark

_Undefined = type(js.Reflect.get(js.globalThis, "__twt_py_surely_missing__"))


class Host(HostBase):
    """The FFI of MicroPython's webassembly port, shaped like every other adapter."""

    name = "micropython"

    def __init__(self):
        self.window = js.globalThis
        self._js = js
        self._null = js.JSON.parse("null")
        self._reflect = js.Reflect
        self.live = 0  # proxies made and not yet released: leak tests read this
        # Not Reflect.get: the FFI wraps whole numbers to 32 bits (Date.now() would arrive
        # wrong); this getter hands those over as exact digits (see _ffi_base).
        self._exact_get = self._helper("get")

    def _py(self, value):
        # JS null is None here, but JS undefined is an object of type `undefined`.
        if value is None or type(value) is _Undefined:
            return None
        return value

    def get(self, obj, name):
        return self._py(unmark(self._exact_get(obj, name)))

    def set(self, obj, name, value):
        self._reflect.set(obj, name, self.js(value))

    def call(self, obj, name, *args):
        return self._py(getattr(obj, name)(*[self.js(a) for a in args]))

    def js(self, value):
        if value is None:
            return self._null
        if isinstance(value, dict):
            obj = js.Object.new()
            for k in value:
                self._reflect.set(obj, k, self.js(value[k]))
            return obj
        if isinstance(value, (list, tuple)):
            return to_js([self.js(v) for v in value])
        return value

    def is_function(self, obj):
        if obj is None or isinstance(obj, (str, int, float, bool)):
            return False
        return js.Function.prototype.isPrototypeOf(obj)

    def function(self, fn):
        self.live += 1
        return create_proxy(fn)

    def release(self, jsfn):
        self.live -= 1  # MicroPython reclaims the proxy itself once JS drops it

    def format_exception(self, exc):
        import io
        import sys

        buf = io.StringIO()
        sys.print_exception(exc, buf)
        return buf.getvalue()

    def spawn(self, awaitable):
        # MicroPython's scheduler holds its tasks; its Task has no add_done_callback.
        asyncio.create_task(awaitable)  # noqa: RUF006
