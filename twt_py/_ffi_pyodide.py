"""Adapter for PyScript + Pyodide (`js`, `pyodide.ffi`)."""

import asyncio
import traceback

import js  # type: ignore[import-not-found]
from pyodide.ffi import JsProxy, create_proxy, to_js  # type: ignore[import-not-found]

from ._ffi_base import HostBase

try:
    from pyodide.ffi import jsnull  # type: ignore[import-not-found]
except ImportError:  # older Pyodide: JS null is None
    jsnull = None


class Host(HostBase):
    """The FFI of Pyodide, shaped like every other adapter."""

    name = "pyodide"

    def __init__(self):
        self.window = js.globalThis
        self._js = js
        self._tasks = set()
        self.live = 0  # proxies made and not yet released: leak tests read this
        self._null = jsnull if jsnull is not None else js.JSON.parse("null")
        self._from_entries = js.Object.fromEntries
        self._reflect = js.Reflect

    def _py(self, value):
        if value is None or value is jsnull:
            return None
        return value

    def get(self, obj, name):
        return self._py(self._reflect.get(obj, name))

    def set(self, obj, name, value):
        self._reflect.set(obj, name, self.js(value))

    def call(self, obj, name, *args):
        return self._py(getattr(obj, name)(*[self.js(a) for a in args]))

    def js(self, value):
        if value is None:
            return self._null
        if isinstance(value, (dict, list, tuple)):
            return to_js(value, dict_converter=self._from_entries)
        return value

    def is_function(self, obj):
        return isinstance(obj, JsProxy) and obj.typeof == "function"

    def function(self, fn):
        self.live += 1
        return create_proxy(fn)

    def release(self, jsfn):
        self.live -= 1
        jsfn.destroy()

    def format_exception(self, exc):
        return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))

    def spawn(self, awaitable):
        task = asyncio.ensure_future(awaitable)
        self._tasks.add(task)  # keep a reference until it ends
        task.add_done_callback(self._tasks.discard)
