"""What every browser adapter does the same way, in terms of its own `function`/`release`.

Each `_ffi_<runtime>.Host` sets `self.window` (the JS global object), `self._js` (what its
runtime calls globals through: `js` on PyScript, `browser.window` on Brython; on MicroPython
`js.globalThis.setTimeout(...)` is an "Illegal invocation", `js.setTimeout(...)` is not) and
`self.live = 0`, and defines how a Python callable becomes a JS function (`function`) and is
let go (`release`); listeners, timers, the console, promises and the clock are built on those
here, once.
"""


class HostBase:
    """Listeners, timers, console, promise and clock over `self._js`."""

    def listen(self, target, event, fn):
        proxy = self.function(fn)
        target.addEventListener(event, proxy)
        return (target, event, proxy)

    def unlisten(self, handle):
        target, event, proxy = handle
        target.removeEventListener(event, proxy)
        self.release(proxy)

    def later(self, fn, ms):
        # handle: [timer id, function, fired]; the function is released once, when it fires
        # or when it is cancelled, whichever comes first.
        handle = [None, None, False]

        def fire():
            handle[2] = True
            self.release(handle[1])
            fn()

        handle[1] = self.function(fire)
        handle[0] = self._js.setTimeout(handle[1], ms)
        return handle

    def cancel_later(self, handle):
        if not handle[2]:
            handle[2] = True
            self._js.clearTimeout(handle[0])
            self.release(handle[1])

    def console(self, level, text):
        getattr(self._js.console, level)(text)

    def waiter(self):
        resolvers = self._js.Promise.withResolvers()
        return resolvers.promise, resolvers.resolve

    def now(self):
        return self._js.performance.now()
