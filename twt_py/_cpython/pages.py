"""HTML for one page of Python on a given runtime, with twt_py and the runtime served locally.

Used by the `twt-py serve` server for the test pages (`/_t/<runtime>/<name>`) and the demo,
so the same Python runs unchanged on PyScript+Pyodide, PyScript+MicroPython and Brython.
CPython only.
"""

import html
import json

from .dist import pyscript_files

RUNTIMES = ("pyodide", "micropython", "brython")

# Where the server mounts each runtime's npm package.
URLS = {
    "pyscript": "/runtimes/pyscript/core.js",
    "pyscript_css": "/runtimes/pyscript/core.css",
    "pyodide": "/runtimes/pyodide/pyodide.mjs",
    "micropython": "/runtimes/micropython/micropython.mjs",
    "brython": "/runtimes/brython/brython.js",
    "brython_stdlib": "/runtimes/brython/brython_stdlib.js",
    "brython_bundle": "/dist/twt_py.brython.js",
    "brython_compiled": "/dist/twt_py.brython-compiled.js",
    "pyscript_bundle": "/dist/twt_py.pyscript.js",
    "package": "/twt_py/",
}


# How a page gets twt_py: "files" (the plain `.py` files: PyScript `files`, Brython's source
# bundle) or "fast" (what `twt-py build` adds: `twt_py.pyscript.js`, a module script that
# starts with the page, and Brython's precompiled bundle).
DELIVERIES = ("files", "fast")


def pyscript_config(
    runtime: str, extra_files: "dict[str, str] | None" = None, *, delivery: str = "files"
) -> str:
    """The JSON config for a PyScript page on `runtime` ("pyodide" or "micropython")."""
    files = pyscript_files(URLS["package"]) if delivery == "files" else {}
    files.update(extra_files or {})
    return json.dumps({"interpreter": URLS[runtime], "files": files})


def _inline_script(source: str) -> str:
    # A literal "</script" would end the element early.
    return source.replace("</script", "<\\/script")


def render(
    runtime: str,
    python: str,
    *,
    title: str = "twt-py",
    head: str = "",
    body: str = "",
    brython_stdlib: bool = False,
    extra_files: "dict[str, str] | None" = None,
    delivery: str = "files",
    worker: bool = False,
) -> str:
    """A full HTML page that runs `python` (source text) on `runtime`.

    `head` goes before the runtime (scripts that must run first, like the SDK snippet);
    `body` is the page's markup, before the Python; `delivery` is one of `DELIVERIES`.
    `worker=True` runs the Python in a PyScript worker (`<script type="py|mpy" worker
    config=...>`; PyScript runtimes only).
    """
    if runtime not in RUNTIMES:
        raise ValueError("unknown runtime %r: expected one of %s" % (runtime, ", ".join(RUNTIMES)))
    if delivery not in DELIVERIES:
        raise ValueError(
            "unknown delivery %r: expected one of %s" % (delivery, ", ".join(DELIVERIES))
        )
    fast = delivery == "fast"
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>%s</title>" % html.escape(title),
    ]
    if worker and runtime == "brython":
        raise ValueError("Brython has no worker mode: worker=True needs pyodide or micropython")
    if runtime == "brython" and fast:
        # First of all scripts: its payload is fetched and unpacked while the page's other
        # scripts (the SDK's) and brython.js download, not after they have run.
        parts.append('<script src="%s"></script>' % URLS["brython_compiled"])
    parts.append(head)
    if runtime == "brython":
        parts.append('<script src="%s"></script>' % URLS["brython"])
        if brython_stdlib:
            parts.append('<script src="%s"></script>' % URLS["brython_stdlib"])
        if not fast:
            parts.append('<script src="%s"></script>' % URLS["brython_bundle"])
        parts.append("</head><body>")
        parts.append(body)
        parts.append('<script type="text/python">\n%s\n</script>' % _inline_script(python))
    else:
        tag = "py" if runtime == "pyodide" else "mpy"
        parts.append('<link rel="stylesheet" href="%s">' % URLS["pyscript_css"])
        parts.append('<script type="module" src="%s"></script>' % URLS["pyscript"])
        if fast:
            parts.append('<script type="module" src="%s"></script>' % URLS["pyscript_bundle"])
        parts.append("</head><body>")
        parts.append(body)
        config = pyscript_config(runtime, extra_files, delivery=delivery)
        if worker:
            # A worker takes its own config (naming the interpreter, else PyScript's CDN).
            parts.append(
                '<script type="%s" worker config="%s">\n%s\n</script>'
                % (tag, html.escape(config), _inline_script(python))
            )
        else:
            parts.append("<%s-config>%s</%s-config>" % (tag, html.escape(config, quote=False), tag))
            parts.append('<script type="%s">\n%s\n</script>' % (tag, _inline_script(python)))
    parts.append("</body></html>")
    return "\n".join(parts)
