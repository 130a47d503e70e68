"""What every browser adapter does the same way, in terms of its own `function`/`release`.

Each `_ffi_<runtime>.Host` sets `self.window` (the JS global object), `self._js` (what its
runtime calls globals through: `js` on PyScript, `browser.window` on Brython; on MicroPython
`js.globalThis.setTimeout(...)` is an "Illegal invocation", `js.setTimeout(...)` is not) and
`self.live = 0`, and defines how a Python callable becomes a JS function (`function`) and is
let go (`release`); listeners, timers, the console, promises and the clock are built on those
here, once. So are the guarded calls every call into the vendor SDK goes through: `attempt`,
and `send`, a command's, which also looks the api up.
"""

# Values the JS helpers return that are not the JS value itself start with this mark:
# `<mark>threw:<what>` (the function threw) or `<mark>int:<digits>` (a whole number outside
# 32 bits, which MicroPython's FFI would otherwise wrap to a 32-bit integer).
_MARK = "\x00twt_py:"
_THREW = _MARK + "threw:"
_INT = _MARK + "int:"
_NONE = _MARK + "none"  # `send`: the object to call a method of is missing

# `exact(v)`: `v`, or a whole number outside 32 bits as `<mark>int:<exact digits>`.
# `describe(e)`: a thrown value as text, without calling anything that could throw again.
# `attempt(o, k, ...args)`: `o[k](...args)` with a throw returned as `<mark>threw:<what>`:
# on MicroPython a JS exception does not become a Python one, it ends the whole script.
# `get(o, k)`: `o[k]`, exact.
# `send(w, k, m, ...args)`: `w[k][m](...args)` through `attempt`, in one call: 1 when it ran,
# `<mark>threw:<what>` when it threw, `<mark>none` when `w[k]` is missing (nothing called).
# `widget(w)`: `w.TWTChatWidget`, made the vendor's pre-load queue stub if the page has none
# (`_contract.QUEUE_STUB_ON`, written out: tests/unit/test_contract.py holds it to the same).
# `count(fast, slow, key)`: an event listener for a count in `event.detail[key]`: a whole number
# from 0 to 2**31 - 1 goes to `fast(v)` (`v || 0`: -0 as 0), any other value that is there to
# `slow(exact(v))`.
# `resolvers()`: a promise and its resolve function, built with `new Promise` (the same as
# Promise.withResolvers, which Safari before 17.4 and Firefox before 121 lack).
# `listenAll(w, events, take, fast, previous)`: a listener for each of `events` (the
# contract's EVENTS, as arrays) on `w`, or through `w.TWTChatWidget.on`; each sends
# `take(slot, value)`, a count as `count` does (`fast` the hot path). A TWTChatWidget listener
# is a box: `previous` (an unbound binding) hands its boxes on, pointed at the new `take`,
# instead of registering again (the SDK keeps what it was given when it has no `off`).
# `b.threw`: slot, event, what, for each `TWTChatWidget.on` that threw. (Not `bind`:
# Brython's JS objects have a `bind` method of their own.)
# `unlistenAll(b)`: `b`'s window listeners removed; each box taken off with the SDK's `off`
# where it has one, else made inert and kept for the next `listenAll`. Returns event, what,
# for each `off` that threw (that box is kept too: the SDK may still call it).
# (The comments are here, not in the JS: Python comments are stripped from what pages load.)
_HELPERS_JS = r"""
var M = '\u0000twt_py:';
function exact(v) {
  return (typeof v === 'number' && (v > 2147483647 || v < -2147483648) && Number.isInteger(v))
    ? M + 'int:' + BigInt(v) : v;
}
function describe(e) {
  try {
    if (e !== null && typeof e === 'object' && 'message' in e) {
      return (e.name ? String(e.name) + ': ' : '') + String(e.message);
    }
    return 'a thrown ' + typeof e + ' ' + String(e);
  } catch (_) {
    return 'a thrown ' + typeof e;
  }
}
function attempt(o, k) {
  try {
    var f = o[k];
    if (typeof f !== 'function') throw new TypeError(k + ' is not a function (it is ' + typeof f + ')');
    return exact(f.apply(o, Array.prototype.slice.call(arguments, 2)));
  } catch (e) {
    return M + 'threw:' + describe(e);
  }
}
function get(o, k) { return exact(o[k]); }
function send(w, k, m) {
  var o = w[k];
  if (o == null) return M + 'none';
  var a = Array.prototype.slice.call(arguments, 1);
  a[0] = o;
  var r = attempt.apply(null, a);
  return threw(r) === null ? 1 : r;
}
function widget(w) {
  return w.TWTChatWidget = w.TWTChatWidget || {
    _q: [], on: function () { this._q.push(['on', Array.prototype.slice.call(arguments)]); }
  };
}
function count(fast, slow, key) {
  return function (e) {
    var d = e.detail, v = d === null || d === undefined ? undefined : d[key];
    if (typeof v === 'number' && v >= 0 && v <= 2147483647 && Math.floor(v) === v) fast(v || 0);
    else if (v !== null && v !== undefined) slow(exact(v));
  };
}
function resolvers() {
  var r = {};
  r.promise = new Promise(function (resolve) { r.resolve = resolve; });
  return r;
}
function threw(r) {
  return typeof r === 'string' && r.indexOf(M + 'threw:') === 0 ? r.slice(M.length + 6) : null;
}
function listenAll(w, events, take, fast, previous) {
  var b = {w: w, listeners: [], boxes: previous ? previous.boxes : {}, threw: []};
  events.forEach(function (e) {
    var slot = e[0], source = e[1], name = e[2], key = e[3], box = b.boxes[name], f;
    if (source === 'widget') {
      if (box) { box.take = take; return; }
      box = {take: take};
      box.fn = function (d) { if (box.take) box.take(slot, exact(d === undefined ? null : d)); };
      var what = threw(attempt(widget(w), 'on', name, box.fn));
      if (what === null) b.boxes[name] = box;
      else b.threw.push(slot, name, what);
      return;
    }
    if (source === 'count') f = count(fast, function (v) { take(slot, v); }, key);
    else f = function (ev) {
      var d = ev.detail;
      take(slot, exact(d === undefined ? null : d === null || key == null ? d : d[key]));
    };
    w.addEventListener(name, f);
    b.listeners.push([name, f]);
  });
  return b;
}
function unlistenAll(b) {
  var failed = [], wi = b.w.TWTChatWidget, off = wi && typeof wi.off === 'function';
  b.listeners.forEach(function (l) { b.w.removeEventListener(l[0], l[1]); });
  b.listeners = [];
  Object.keys(b.boxes).forEach(function (name) {
    var box = b.boxes[name], what = null;
    box.take = null;
    if (off && (what = threw(attempt(wi, 'off', name, box.fn))) === null) delete b.boxes[name];
    else if (what !== null) failed.push(name, what);
  });
  return failed;
}
return {attempt: attempt, get: get, send: send, count: count, widget: widget,
  resolvers: resolvers, listenAll: listenAll, unlistenAll: unlistenAll};
"""


class JSError(Exception):
    """A JavaScript function called through `host.attempt` threw; the message says what."""


def ask(host, api, method, fallback):
    """A question for the SDK (isReady, isOpen, getError): if it throws, the answer is
    `fallback`, with a warning; twt_py and the page's Python carry on."""
    try:
        return host.attempt(api, method)
    except JSError as exc:
        host.console(
            "warn", "twt_py: the chat SDK's %s() threw %s; taken as %r" % (method, exc, fallback)
        )
        return fallback


def on_threw(host, slot, name, what):
    """Say that the SDK's `TWTChatWidget.on(name)` threw `what`: `Chat.on_<slot>` stays silent."""
    host.console(
        "error",
        "twt_py: the chat SDK's TWTChatWidget.on('%s') threw %s; Chat.on_%s will not be called"
        % (name, what, slot),
    )


def off_threw(host, name, what):
    """Say that the SDK's `TWTChatWidget.off(name)` threw `what`: its listener stays alive."""
    host.console("warn", "twt_py: TWTChatWidget.off('%s') threw %s" % (name, what))


def unmark(value):
    """What a helper returned, back to the Python value (or the JSError it stands for): the
    one place that knows the mark."""
    # startswith, not value[:1]: on Brython a slice builds a string, 3 µs on every value read.
    if type(value) is str and value.startswith(_MARK):
        if value.startswith(_INT):
            return int(value[len(_INT) :])
        if value.startswith(_THREW):
            raise JSError(value[len(_THREW) :])
    return value


class HostBase:
    """Listeners, timers, console, promise, clock and guarded calls over `self._js`."""

    _helpers = None

    def _helper(self, name):
        # The helpers above, built once, on first use, with `Function` (the CSP every runtime
        # needs already allows it: 'unsafe-eval').
        if self._helpers is None:
            self._helpers = self._js.Function.new(_HELPERS_JS)()
        return getattr(self._helpers, name)

    def attempt(self, obj, name, *args):
        """`obj[name](*args)` like `call`, but a JS exception (or a missing function) raises
        `JSError` on every runtime, and whole numbers come back exact."""
        fn = self._attempt
        if fn is None:
            fn = self._attempt = self._helper("attempt")
        return self._py(unmark(fn(obj, name, *[self.js(a) for a in args])))

    _attempt = None

    def send(self, window, name, method, *args):
        """`window[name][method](*args)` in one call into JS, guarded like `attempt` (a
        command: its result is dropped). False, with nothing called, if `window[name]` is
        missing; else True."""
        fn = self._send
        if fn is None:
            fn = self._send = self._helper("send")
        if args:
            result = fn(window, name, method, *[self.js(a) for a in args])
        else:
            result = fn(window, name, method)
        return unmark(result) != _NONE

    _send = None

    def listen(self, target, event, fn):
        proxy = self.function(fn)
        target.addEventListener(event, proxy)
        return (target, event, proxy, (proxy,))

    def vendor_widget(self, window):
        """`window.TWTChatWidget`, made the vendor's pre-load queue stub if the page has none."""
        return self._helper("widget")(window)

    def bind(self, window, events, take, fast, previous=None):
        """A listener for each of `events` (`_contract.EVENTS`) on `window`, or through its
        `TWTChatWidget.on`, set up in JavaScript in one call: each value goes to
        `take(slot, value)`, a whole count from 0 to 2**31 - 1 to `fast(count)`. `previous`,
        an unbound binding, hands on its TWTChatWidget listeners (the SDK may keep them).
        Returns the binding, for `unbind`."""
        proxies = (
            self.function(lambda slot, value: take(slot, self._py(unmark(value)))),
            self.function(fast),
        )
        before = self.js(None) if previous is None else previous[0]
        b = self._helper("listenAll")(window, self.js(events), proxies[0], proxies[1], before)
        threw = self.get(b, "threw")
        for i in range(0, self.get(threw, "length"), 3):
            on_threw(self, self.get(threw, i), self.get(threw, i + 1), self.get(threw, i + 2))
        return (b, proxies)

    def unbind(self, binding):
        """`binding`'s listeners removed and its functions released; the TWTChatWidget ones
        taken off with the SDK's `off`, else kept (inert) for the next `bind`."""
        b, proxies = binding
        failed = self._helper("unlistenAll")(b)
        for i in range(0, self.get(failed, "length"), 2):
            off_threw(self, self.get(failed, i), self.get(failed, i + 1))
        for proxy in proxies:
            self.release(proxy)

    def unlisten(self, handle):
        target, event, listener, proxies = handle
        target.removeEventListener(event, listener)
        for proxy in proxies:
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
        resolvers = self._helper("resolvers")()
        return resolvers.promise, resolvers.resolve

    def now(self):
        return self._js.performance.now()
