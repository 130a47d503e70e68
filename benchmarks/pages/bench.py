# The in-page half of benchmarks/measure.py: one Python source for Pyodide, MicroPython and Brython.
#
# measure.py calls `window.__bench(action, n)` from JavaScript (page.evaluate); a timed action
# returns milliseconds measured in the page with `performance.now()` through the runtime's
# own FFI. twt_py is imported only by the "import" action, so the raw-FFI and JS baselines can
# also run on a page where twt_py has not been imported (nothing of it listening). Nothing here
# needs brython_stdlib.js (no sys, no json).
try:
    from browser import window  # Brython: Python callables are JS functions as they are

    def proxy(fn):
        return fn

    RUNTIME = "brython"
except ImportError:
    import js

    window = js.globalThis
    try:
        from pyodide.ffi import create_proxy as proxy

        RUNTIME = "pyodide"
    except ImportError:
        from jsffi import create_proxy as proxy

        RUNTIME = "micropython"

perf = window.performance
Chat = None
host = None
count = [0]


def on_count(unread):
    # The subscriber's own work, the same for the twt-py callback and the raw listener.
    count[0] += 1


def raw_listener(event):
    # What a page writes without twt-py: a window listener reading event.detail.unread.
    on_count(event.detail.unread)


# ------------------------------------------------------------------ commands


def cmd_raw(n):
    # The vendor's idiom through the FFI: look the api up on every call (it may be replaced).
    t0 = perf.now()
    for _ in range(n):
        window.__twt__api.open()
        window.__twt__api.close()
    return perf.now() - t0


def cmd_raw_cached(n):
    # The fastest raw code: the api object looked up once.
    api = window.__twt__api
    t0 = perf.now()
    for _ in range(n):
        api.open()
        api.close()
    return perf.now() - t0


def cmd_twt(n):
    t0 = perf.now()
    for _ in range(n):
        Chat.open()
        Chat.close()
    return perf.now() - t0


# ------------------------------------------------------------------ twt_py


def do_import(n):
    global Chat, host
    t0 = perf.now()
    from twt_py import Chat as chat
    from twt_py import runtime

    usable = chat.is_ready
    elapsed = perf.now() - t0
    from twt_py._ffi import host as the_host

    Chat = chat
    host = the_host
    window.__bench_runtime = "%s %s (Python %s)" % (runtime.name, runtime.version, runtime.python)
    window.__bench_ready_after_import = bool(usable)
    return elapsed


def dispose(n):
    if Chat is not None:
        Chat.dispose()
    return 0


def bind(n):
    return 1 if Chat.is_ready else 0  # any use binds the widget again after dispose()


def subscribe(n):
    Chat.on_unread(on_count)  # binds again after a dispose()
    count[0] = 0  # a known unread count is delivered at once: not part of the run
    return 0


def get_count(n):
    return count[0]


def reset_count(n):
    count[0] = 0
    return 0


def cycles(n):
    # n subscribe/cancel cycles of each of the four event kinds
    t0 = perf.now()
    for _ in range(n):
        Chat.on_unread(on_count).cancel()
        Chat.on_visibility(on_count).cancel()
        Chat.on_ready(on_count).cancel()
        Chat.on_error(on_count).cancel()
    return perf.now() - t0


# ------------------------------------------------------------------ where the time goes
# Per-operation costs inside the wrapper, each timed over n iterations (µs = ms * 1000 / n).


def part_loop(n):
    t0 = perf.now()
    for _ in range(n):
        pass
    return perf.now() - t0


def part_get(n):
    # host.get(window, "__twt__api"): a read through the adapter (seeding, is_open, events)
    win = host.window
    t0 = perf.now()
    for _ in range(n):
        host.get(win, "__twt__api")
    return perf.now() - t0


def part_send(n):
    # host.send(window, "__twt__api", "open"): the one call into JS a command makes (the api
    # looked up and its method called, guarded)
    win = host.window
    t0 = perf.now()
    for _ in range(n):
        host.send(win, "__twt__api", "open")
    return perf.now() - t0


def part_command(n):
    # ChatWidget._call("open", ...) against the stub: what Chat.open() does after its own call,
    # the bind/error/ready checks and host.send (subtract part_send for the bookkeeping)
    t0 = perf.now()
    for _ in range(n):
        Chat._call("open", (), {})
    return perf.now() - t0


def part_visibility(n):
    # the visibility_changed listener twt-py hands the SDK, which the SDK calls on every
    # open/close (called from Python here, so the JS-to-Python call is not included)
    opened = window.JSON.parse('{"visibility": "maximized", "isOpen": true}')
    closed = window.JSON.parse('{"visibility": "minimized", "isOpen": false}')
    t0 = perf.now()
    for _ in range(n // 2):
        Chat._take("visibility", opened)
        Chat._take("visibility", closed)
    return perf.now() - t0


def _event():
    return window.CustomEvent.new(
        "__twt__custom_event", window.JSON.parse('{"detail": {"unread": 3}}')
    )


def part_read_raw(n):
    # event.detail.unread as raw code reads it
    event = _event()
    t0 = perf.now()
    for _ in range(n):
        value = event.detail.unread  # noqa: F841
    return perf.now() - t0


def part_read_host(n):
    # the same read through the adapter's exact get (what a worker's listener does)
    event = _event()
    t0 = perf.now()
    for _ in range(n):
        host.get(host.get(event, "detail"), "unread")
    return perf.now() - t0


def part_set_unread(n):
    # the unread channel's put (what the listener calls) with one subscriber: compare,
    # deliver, callback
    base = Chat.unread + 1
    put = Chat._channels["unread"].put
    t0 = perf.now()
    for i in range(n):
        put(base + i)
    return perf.now() - t0


def part_label(n):
    # the label ChatWidget formats for a callback that raised (no longer on the delivery path)
    t0 = perf.now()
    for _ in range(n):
        label = "an on_%s callback (%s)" % ("unread", getattr(on_count, "__name__", "callback"))  # noqa: F841
    return perf.now() - t0


def part_callback(n):
    # the subscriber's own work, called directly
    t0 = perf.now()
    for i in range(n):
        on_count(i)
    return perf.now() - t0


def live(n):
    return host.live


def subscriptions(n):
    total = 0
    for channel in Chat._channels.values():
        total += len(channel.subs)
    return total


ACTIONS = {
    "cmd_raw": cmd_raw,
    "cmd_raw_cached": cmd_raw_cached,
    "cmd_twt": cmd_twt,
    "import": do_import,
    "dispose": dispose,
    "bind": bind,
    "subscribe": subscribe,
    "count": get_count,
    "reset_count": reset_count,
    "cycles": cycles,
    "live": live,
    "part_loop": part_loop,
    "part_get": part_get,
    "part_send": part_send,
    "part_command": part_command,
    "part_visibility": part_visibility,
    "part_read_raw": part_read_raw,
    "part_read_host": part_read_host,
    "part_set_unread": part_set_unread,
    "part_label": part_label,
    "part_callback": part_callback,
    "subscriptions": subscriptions,
}


def bench(action, n):
    return ACTIONS[action](int(n))


window.__bench_raw_listener = proxy(raw_listener)
window.__bench_python = RUNTIME
window.__bench = proxy(bench)
