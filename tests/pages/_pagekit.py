# Test-page helpers, put in front of every /_t/<runtime>/<name> page's Python by the server.
# They do not import twt_py, so a page decides when twt_py is first imported (and binds).
# A page logs lines into <ol id="log">, sets results on window.__twt_results__, takes
# commands from the test (window CustomEvent "twt-test" with a string detail) and calls done().
try:
    from browser import aio as _aio
    from browser import window as _win
    from javascript import NULL as _null

    _proxy = None
    _in_worker = False
except ImportError:
    import asyncio as _asyncio

    import js as _js

    _win = _js.globalThis
    _null = _js.JSON.parse("null")
    try:
        from pyodide.ffi import create_proxy as _proxy
    except ImportError:
        from jsffi import create_proxy as _proxy
    _in_worker = _js.Reflect.has(_js.globalThis, "importScripts")
    if _in_worker:  # a PyScript worker: the page's window
        from pyscript import window as _win

        try:
            _win.document  # noqa: B018
        except AttributeError:  # not cross-origin isolated: no window, report on the console
            _win = None

window = _win
_doc = _win.document if _win is not None else None
if _win is not None:
    _win.__twt_results__ = _win.Object.new() if _proxy is None or _in_worker else _js.Object.new()
_tasks = []


def log(*parts):
    text = " ".join([str(p) for p in parts])
    if _doc is None:
        print("twt-test log", text)
        return
    li = _doc.createElement("li")
    li.textContent = text
    _doc.getElementById("log").appendChild(li)


def result(key, value):
    if _win is None:
        print("twt-test result", key, value)
        return
    setattr(_win.__twt_results__, key, _null if value is None else value)


def done():
    if _win is None:
        print("twt-test done")
        return
    _win.__twt_done__ = True


def on_command(fn):
    if not _in_worker:

        def handler(event):
            fn(event.detail)

        _win.addEventListener("twt-test", handler if _proxy is None else _proxy(handler))
    else:
        # The page calls `fn` with the event's detail (a string): in a worker, only that
        # crosses the thread boundary, and the call's Promise is kept for the test to await.
        listen = _win.Function(
            "fn", "addEventListener('twt-test', function (e) { window.__twt_command__ = fn(e.detail); });"
        )
        listen(_proxy(fn))
    return fn


def spawn(coro):
    if _proxy is None:
        _aio.run(coro)
    else:
        _tasks.append(_asyncio.create_task(coro))


def attempt(label, fn):
    # Log the type of error a call raises, or "ok".
    try:
        fn()
    except Exception as exc:
        log("bad", label, type(exc).__name__, str(exc))
        return
    log("bad", label, "ok")
