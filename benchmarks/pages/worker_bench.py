# The in-page half of benchmarks/workers.py, for PyScript (Pyodide, MicroPython), run either on
# the main thread or in a PyScript worker: the same source, so the rows compare like for like.
# benchmarks/workers.py calls `window.__bench_w(action, n)` from JavaScript; in a worker that
# call crosses the thread boundary and returns a Promise (page.evaluate awaits it). Loops time
# themselves with the clock of the thread they run on.
import js
from pyscript.ffi import create_proxy as proxy

if js.Reflect.has(js.globalThis, "importScripts"):
    from pyscript import window  # the page's window, through PyScript's bridge

    WHERE = "worker"
else:
    window = js.globalThis
    WHERE = "main"

perf = js.performance
Chat = None
count = [0]
target = [0]
raw = [None]


def on_count(unread):
    count[0] += 1
    if count[0] == target[0]:  # the last event of a block: tell the page when it arrived
        window.__bench_done = window.performance.now()


def raw_listener(event):
    # What a page writes without twt-py: a window listener reading event.detail.unread.
    on_count(event.detail.unread)


def do_import(n):
    global Chat
    t0 = perf.now()
    from twt_py import Chat as chat

    chat.is_ready  # noqa: B018  (bound and answering)
    Chat = chat
    return perf.now() - t0


def cmd_twt(n):
    t0 = perf.now()
    for _ in range(n):
        Chat.open()
        Chat.close()
    return perf.now() - t0


def cmd_raw(n):
    # The vendor's idiom through the runtime's FFI (in a worker: PyScript's bridge).
    t0 = perf.now()
    for _ in range(n):
        window.__twt__api.open()
        window.__twt__api.close()
    return perf.now() - t0


def arm(n):
    count[0] = 0
    target[0] = n
    return 0


def subscribe(n):
    Chat.on_unread(on_count)
    return 0


def dispose(n):
    Chat.dispose()
    return 0


def listen_raw(n):
    raw[0] = proxy(raw_listener)
    window.addEventListener("__twt__custom_event", raw[0])
    return 0


def unlisten_raw(n):
    window.removeEventListener("__twt__custom_event", raw[0])
    return 0


ACTIONS = {
    "import": do_import,
    "cmd_twt": cmd_twt,
    "cmd_raw": cmd_raw,
    "arm": arm,
    "subscribe": subscribe,
    "dispose": dispose,
    "listen_raw": listen_raw,
    "unlisten_raw": unlisten_raw,
}


def bench(action, n):
    return ACTIONS[action](int(n))


window.__bench_w = proxy(bench)
window.__bench_where = WHERE
