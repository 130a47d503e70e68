# The in-page half of benchmarks/guard.py: what guarding every SDK call costs.
#
# guard.py calls `window.__bench(action, n)`; each action times n iterations with
# performance.now() and returns milliseconds. The SDK is a do-nothing stub (set by guard.py)
# so only the call machinery is measured. Nothing here needs brython_stdlib.js.
try:
    from browser import window

    def proxy(fn):
        return fn

except ImportError:
    import js

    window = js.globalThis
    try:
        from pyodide.ffi import create_proxy as proxy
    except ImportError:
        from jsffi import create_proxy as proxy

from twt_py import Chat
from twt_py._ffi import host
from twt_py._events import count as _count

perf = window.performance
reflect = window.Reflect
Chat._bind()


def api():
    return host.get(host.window, "__twt__api")


# ------------------------------------------------------------------ per command


def loop(n):
    t0 = perf.now()
    for _ in range(n):
        pass
    return perf.now() - t0


def raw(n):
    # the vendor's idiom straight through the FFI (no guard: on MicroPython a throw here ends
    # the page's Python)
    sdk = api()
    t0 = perf.now()
    for _ in range(n):
        sdk.open()
    return perf.now() - t0


def call(n):
    # the adapter's unguarded call: what every command went through before the guard
    sdk = api()
    t0 = perf.now()
    for _ in range(n):
        host.call(sdk, "open")
    return perf.now() - t0


def attempt(n):
    # the guarded call every SDK call goes through now (the JS trampoline)
    sdk = api()
    t0 = perf.now()
    for _ in range(n):
        host.attempt(sdk, "open")
    return perf.now() - t0


def command(n):
    # the whole command, Chat.open(), guarded
    t0 = perf.now()
    for _ in range(n):
        Chat.open()
    return perf.now() - t0


# ------------------------------------------------------------------ per event
# An unread event costs twt_py two reads (event.detail, detail.unread) and a validation.

COUNT = 3
EVENT = window.CustomEvent.new(
    "__twt__custom_event", window.JSON.parse('{"detail": {"unread": 3}}')
)


def read_reflect(n):
    # the two reads as the adapters made them before (Reflect.get; on MicroPython whole
    # numbers above 32 bits arrive wrong this way)
    t0 = perf.now()
    for _ in range(n):
        host._py(reflect.get(host._py(reflect.get(EVENT, "detail")), "unread"))
    return perf.now() - t0


def read_host(n):
    # the same two reads through host.get (on MicroPython: the exact getter)
    t0 = perf.now()
    for _ in range(n):
        host.get(host.get(EVENT, "detail"), "unread")
    return perf.now() - t0


def check_int(n):
    # the check before: int(value)
    value = COUNT
    t0 = perf.now()
    for _ in range(n):
        int(value)
    return perf.now() - t0


def check_count(n):
    # the check now: a whole number >= 0, anything else warned and ignored
    value = COUNT
    t0 = perf.now()
    for _ in range(n):
        _count(value)
    return perf.now() - t0


# ------------------------------------------------------------------ before and after, whole
# The code paths as they were before the guard, rebuilt here from the same parts, so both
# run in the same page and the same run: a command through host.call, an unread event read
# with Reflect.get and checked with int().


def _apply_before(api, method, args):
    host.call(api, method, *args)


def _command_before(label, method, *args):
    Chat._bind()
    if Chat._channels["error"].value is not None:
        raise RuntimeError(label)
    if Chat._channels["ready"].value is not None:
        api = Chat._api()
        if api is not None:
            _apply_before(api, method, args)
            return
    Chat._queue().pending.append((label, method, args))


def command_before(n):
    t0 = perf.now()
    for _ in range(n):
        _command_before("open()", "open")
    return perf.now() - t0


def _event_before(event):
    detail = host._py(reflect.get(event, "detail"))
    if detail is not None:
        value = host._py(reflect.get(detail, "unread"))
        try:
            count = int(value)
        except (TypeError, ValueError):
            return
        channel = Chat._channels["unread"]
        if count == channel.value:
            return
        channel.value = count
        channel.deliver(count)


def _events():
    # two events with different counts, alternated: every call changes the count and
    # reaches the one subscriber
    return [
        window.CustomEvent.new(
            "__twt__custom_event", window.JSON.parse('{"detail": {"unread": %d}}' % k)
        )
        for k in (3, 4)
    ]


def event_before(n):
    a, b = _events()
    t0 = perf.now()
    for _ in range(n // 2):
        _event_before(a)
        _event_before(b)
    return perf.now() - t0


def event_now(n):
    # The count listener ChatWidget binds (host.bind): JS reads and checks detail.unread and
    # calls the unread channel's put with it. Called from Python here, so one crossing more than the SDK pays.
    a, b = _events()
    listener = host._helper("count")(
        host.function(Chat._channels["unread"].put),
        host.function(lambda v: Chat._take("unread", v)),
        "unread",
    )
    t0 = perf.now()
    for _ in range(n // 2):
        listener(a)
        listener(b)
    return perf.now() - t0


def ready(n):
    return 1 if Chat.is_ready else 0


ACTIONS = {
    "loop": loop,
    "raw": raw,
    "call": call,
    "attempt": attempt,
    "command": command,
    "read_reflect": read_reflect,
    "read_host": read_host,
    "check_int": check_int,
    "check_count": check_count,
    "command_before": command_before,
    "event_before": event_before,
    "event_now": event_now,
    "ready": ready,
}


def bench(action, n):
    return ACTIONS[action](int(n))


Chat.on_unread(lambda count: None)
window.__bench = proxy(bench)
