"""Adapter for Brython (`browser`, `javascript`); needs no `brython_stdlib.js`."""

import javascript  # type: ignore[import-not-found]
from browser import aio, window  # type: ignore[import-not-found]


class Host:
    """The FFI of Brython, shaped like every other adapter."""

    name = "brython"

    def __init__(self):
        self.window = window
        self._reflect = window.Reflect
        self._brython = window.__BRYTHON__
        self.live = 0  # functions handed to JS and not yet released: leak tests read this

    def _py(self, value):
        if value is javascript.UNDEFINED or value is javascript.NULL:
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

    def listen(self, target, event, fn):
        fn = self.function(fn)
        target.addEventListener(event, fn)
        return (target, event, fn)

    def unlisten(self, handle):
        target, event, fn = handle
        target.removeEventListener(event, fn)
        self.release(fn)

    def later(self, fn, ms):
        # handle: [timer id, function, fired]; the function is released once, when it fires
        # or when it is cancelled, whichever comes first.
        handle = [None, None, False]

        def fire():
            handle[2] = True
            self.release(handle[1])
            fn()

        handle[1] = self.function(fire)
        handle[0] = window.setTimeout(handle[1], ms)
        return handle

    def cancel_later(self, handle):
        if not handle[2]:
            handle[2] = True
            window.clearTimeout(handle[0])
            self.release(handle[1])

    def console(self, level, text):
        getattr(window.console, level)(text)

    def format_exception(self, exc):
        return self._brython.error_trace(exc)

    def spawn(self, awaitable):
        aio.run(awaitable)

    def waiter(self):
        resolvers = window.Promise.withResolvers()
        return resolvers.promise, resolvers.resolve

    def now(self):
        return window.performance.now()
