"""Adapter mode for a PyScript worker (`<script type="py|mpy" worker>`): the page's window.

In a worker, `js` is the worker's own global scope, where no SDK event ever arrives. PyScript's
bridge (`pyscript.window`) reaches the main thread's `window`, but only when the page is
cross-origin isolated, and with rules of its own: the worker's calls into the page are
synchronous, the page's calls into the worker are asynchronous (they return a Promise),
objects cross as copies and only functions cross by reference.

`worker_host(Host)` wraps the runtime's own adapter (`_ffi_pyodide.Host` or
`_ffi_micropython.Host`) so that:

- `window` is the page's window; timers, promises and the clock stay in the worker;
- `listen()` does not hand the page a function per listener: one small main-thread helper
  (made once, from `_HELPER`) listens on the page and forwards `{type, detail}` as a plain
  copy to one worker function, which calls the Python listener by number. `unlisten()` removes
  the page's listener and forgets the number, so binding and disposing leave nothing on the page;
- the vendor's `TWTChatWidget` queue stub, when the page has none, is made on the page by the
  helpers that run there (a stub made in the worker would arrive as an empty copy);
- in a worker that cannot reach the page, `window` raises `ChatWorkerError`, naming the cause
  and the fix, at the first use of `Chat`.

```python
from twt_py._ffi import host
host.console("log", "from the worker, on the page's console")
```
"""

from ._contract import WIDGET
from ._errors import ChatWorkerError
from ._ffi_base import _HELPERS_JS, JSError, off_threw, on_threw

# Runs on the page's main thread (made with the page's `Function`, as PyScript itself does for
# `js_import`). `deliver(id, {type, detail})` is the worker's one function.
_HELPER = """
function plain(v) {
  if (v === undefined || v === null || typeof v !== 'object') return v === undefined ? null : v;
  try { return JSON.parse(JSON.stringify(v)); } catch (e) { return null; }
}
var handles = new Map();
return {
  listen: function (target, type, id) {
    var f = function (e) { deliver(id, { type: e.type, detail: plain(e.detail) }); };
    target.addEventListener(type, f);
    handles.set(id, [target, type, f]);
  },
  unlisten: function (id) {
    var h = handles.get(id);
    if (h) { handles.delete(id); h[0].removeEventListener(h[1], h[2]); }
  },
  // obj[name](...args) in one round trip (looking the method up from the worker is another)
  call: function (obj, name) {
    var result = obj[name].apply(obj, Array.prototype.slice.call(arguments, 2));
    return result === undefined ? null : result;
  },
  isFunction: function (v) { return typeof v === 'function'; }
};
"""

_ON_PAGE = ("attempt", "send", "widget")

NOT_ISOLATED = (
    "twt_py runs in a PyScript worker, which can reach the page's window only when the page "
    "is cross-origin isolated (SharedArrayBuffer); this page is not (crossOriginIsolated is "
    "false). Fix: serve the page with the headers 'Cross-Origin-Opener-Policy: same-origin' "
    "and 'Cross-Origin-Embedder-Policy: require-corp' (`twt-py serve --cross-origin-isolated` "
    "does), or, where you cannot set headers, add PyScript's service worker (the "
    "`service-worker` attribute on the <script> tag, e.g. mini-coi.js); or run twt_py on the "
    "main thread (drop the `worker` attribute)."
)


def _page_window():
    # The page's window, or None when PyScript cannot reach it from this worker.
    try:
        from pyscript import window  # type: ignore[import-not-found]

        window.Function  # noqa: B018  (PyScript's stand-in raises AttributeError here)
    except (ImportError, AttributeError):
        return None
    return window


def worker_host(base):
    """The class of `base`'s adapter, bound to the page's window from a PyScript worker."""

    class Host(base):
        __doc__ = "The %s adapter in a PyScript worker, bound to the page's window." % base.name

        worker = True

        def __init__(self):
            self._page = _page_window()
            base.__init__(self)
            self._fns = {}
            self._next = 0
            self._page_helper = None
            if self._page is not None:
                from pyscript.ffi import create_proxy  # type: ignore[import-not-found]

                self._deliver_fn = create_proxy(self._deliver)  # lives as long as the host
                make = self._page.Function("deliver", _HELPER)
                self._page_helper = make(self._deliver_fn)
                # Looked up once: each use is then one round trip to the page, not two or three.
                self._h_listen = self._page_helper.listen
                self._h_unlisten = self._page_helper.unlisten
                self._h_call = self._page_helper.call
                self._h_is_function = self._page_helper.isFunction

        _page_helpers = None

        def _helper(self, name):
            # The guarded calls (`attempt`, `send`) run on the page, beside the SDK they call:
            # a throw is caught there, and each is one round trip; `widget` makes the
            # queue stub there (a worker's object would cross as a copy). The rest stay here.
            if name not in _ON_PAGE or self._page is None:
                return base._helper(self, name)
            if self._page_helpers is None:
                self._page_helpers = self._page.Function(_HELPERS_JS)()
            return getattr(self._page_helpers, name)

        @property
        def window(self):
            if self._page is None:
                raise ChatWorkerError(NOT_ISOLATED)
            return self._page

        @window.setter
        def window(self, value):
            pass  # the base adapter's global scope is the worker's own: not the page

        def _deliver(self, key, event):
            fn = self._fns.get(key)
            if fn is not None:  # an event already on its way when its listener was removed
                fn(event)

        def listen(self, target, event, fn):
            self._next += 1
            key = self._next
            self._fns[key] = fn
            self._h_listen(target, event, key)
            self.live += 1
            return key

        def bind(self, window, events, take, fast, previous=None):
            # Each listener through the page's helper (`listen`): a value crosses as a copy.
            return bind_by_listen(self, window, events, take, fast, previous)

        def unbind(self, binding):
            unbind_by_listen(self, binding)

        def unlisten(self, handle):
            self._h_unlisten(handle)
            if self._fns.pop(handle, None) is not None:
                self.live -= 1

        def call(self, obj, name, *args):
            # Every object twt_py calls a method on is the page's (the SDK, document, console).
            return self._py(self._h_call(obj, name, *[self.js(a) for a in args]))

        def is_function(self, obj):
            if obj is None or isinstance(obj, (str, int, float, bool)):
                return False
            # A page function is not an instance of the worker's `Function`: ask the page.
            return bool(self._h_is_function(obj))

        def console(self, level, text):
            # The page's console, where the site owner looks.
            self.call(self._page.console, level, text)

    Host.__name__ = "Host"
    return Host


# ------------------------------------------------------------------ binding, in Python
# `host.bind` for an adapter whose events reach Python as objects: this worker's (the page's
# helper sends plain copies) and the unit tests' fake world (`_cpython/ffi_fake.py`). The
# browser adapters on the main thread bind in JavaScript (`_ffi_base.HostBase.bind`), to the
# same rules.


def bind_by_listen(host, window, events, take, fast, previous=None):
    """`host.bind` in Python, for an adapter whose events reach Python as objects (a worker's
    plain copies, the fake world's), built on its `listen` and `attempt` (and, for the count,
    `listen_count_by_get`). The binding: [listener handles, boxes by event name, window]; a
    box is [take, function]."""
    handles = []
    boxes = previous[1] if previous is not None else {}
    for slot, source, name, key, _repeats in events:
        if source == "count":
            handles.append(listen_count_by_get(host, window, name, key, fast, _sender(take, slot)))
        elif source == "window":
            handles.append(host.listen(window, name, _detail_reader(host, take, slot, key)))
        elif name in boxes:
            boxes[name][0] = take
        else:
            box = [take, None]
            box[1] = host.function(_box_listener(box, slot))
            try:
                host.attempt(host.vendor_widget(window), "on", name, box[1])
            except JSError as exc:
                host.release(box[1])
                on_threw(host, slot, name, exc)
            else:
                boxes[name] = box
    return [handles, boxes, window]


def unbind_by_listen(host, binding):
    """`host.unbind` for a `bind_by_listen` binding."""
    handles, boxes, window = binding
    for handle in handles:
        host.unlisten(handle)
    binding[0] = []
    widget = host.get(window, WIDGET)
    off = host.get(widget, "off") if widget is not None else None
    for name in list(boxes):
        box = boxes[name]
        box[0] = None
        if off is None or not host.is_function(off):
            continue
        try:
            host.attempt(widget, "off", name, box[1])
        except JSError as exc:
            off_threw(host, name, exc)
        else:
            host.release(boxes.pop(name)[1])


def _sender(take, slot):
    return lambda value: take(slot, value)


def _detail_reader(host, take, slot, key):
    def listener(event):
        detail = host.get(event, "detail")
        take(slot, detail if key is None or detail is None else host.get(detail, key))

    return listener


def _box_listener(box, slot):
    def listener(detail):
        # The SDK may still call it after unbind, when it must do nothing.
        if box[0] is not None:
            box[0](slot, detail)

    return listener


def listen_count_by_get(host, target, event, key, fast, slow):
    """A listener for a count in `event.detail[key]`, read through `host.get`: a whole number
    from 0 to 2**31 - 1 goes to `fast`, any other value that is there to `slow`."""

    def count(e):
        detail = host.get(e, "detail")
        value = None if detail is None else host.get(detail, key)
        if type(value) is int and 0 <= value <= 2147483647:
            fast(value)
        elif value is not None:
            slow(value)

    return host.listen(target, event, count)
