# Test-page helpers, put in front of every /_t/<runtime>/<name> page's Python by the server.
# A page logs lines into <ol id="log">, sets results on window.__twt_results__, takes
# commands from the test (window CustomEvent "twt-test" with a string detail) and calls done().
from twt_py._ffi import host as _host

_win = _host.window
_doc = _host.get(_win, "document")
_host.set(_win, "__twt_results__", {})


def log(*parts):
    text = " ".join([str(p) for p in parts])
    ol = _host.call(_doc, "getElementById", "log")
    if ol is None:
        ol = _doc.createElement("ol")
        ol.id = "log"
        _doc.body.appendChild(ol)
    li = _doc.createElement("li")
    li.textContent = text
    ol.appendChild(li)


def result(key, value):
    _host.set(_host.get(_win, "__twt_results__"), key, value)


def done():
    _host.set(_win, "__twt_done__", True)


def on_command(fn):
    def handler(event):
        fn(_host.get(event, "detail"))

    _host.listen(_win, "twt-test", handler)
    return fn


def spawn(coro):
    _host.spawn(coro)


def attempt(label, fn):
    # Log the type of error a call raises, or "ok".
    try:
        fn()
    except Exception as exc:
        log("bad", label, type(exc).__name__, str(exc))
        return
    log("bad", label, "ok")
