"""`twt-py serve DIR`: serve a site owner's own folder, with what a twt_py page needs filled in
(CPython only; needs the `server` extra).

The folder's own files come first. A URL the folder does not have is answered by twt-py at the
same paths as in a twt-py checkout, so one page works with both servers:

| path | what |
| --- | --- |
| `/dist/twt_py.zip`, `/dist/twt_py.brython.js`, `/dist/pyscript-files.json`, `/dist/twt-early.js`, `/dist/twt-lazy.js`, `/dist/twt_py/*.py` | what `twt-py build --out dist` writes, made from the installed twt_py |
| `/dist/<name>` for each of `fastpath.artifact_names()` (`twt_py.pyscript.js`, `twt_py.brython-compiled.js`) | the fast path, made from the installed twt_py; Brython's compiled by the folder's own `node_modules/brython/brython.js` (else the one `fastpath.find_brython()` finds). One that cannot be built here (no Brython, no Node.js) is a 500 whose body says why, with a warning on the server's console |
| `/static/twt-early.js`, `/static/twt-lazy.js`, `/static/twt-mock-sdk.js` | the early-capture shim (and with the placeholder, for lazy pages) and the mock SDK |
| `/runtimes/{pyscript,pyodide,micropython,brython}/` | the npm packages in the folder's `node_modules/` (or `node_modules=`) |

`.wasm` is served as `application/wasm`, `.mjs`/`.js` as JavaScript, nothing is cached, and
`headers=` adds response headers to every answer (for instance cross-origin isolation).
"""

import errno
import mimetypes
import socket
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import dist as _dist
from . import fastpath as _fastpath

if TYPE_CHECKING:
    import uvicorn

mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("text/javascript", ".mjs")
mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("text/x-python", ".py")

#: `/runtimes/<name>/` -> the folder inside `node_modules` it is served from.
RUNTIME_DIRS = {
    "pyscript": "@pyscript/core/dist",
    "pyodide": "pyodide",
    "micropython": "@micropython/micropython-webassembly-pyscript",
    "brython": "brython",
}
DIST_BASE = "/dist/twt_py/"
NO_STORE = {"Cache-Control": "no-store"}


class ServeError(Exception):
    """A site folder cannot be served; the message is one line saying what to do."""


def twt_file(path: str, brython_js: "Path | None" = None) -> "Response | None":
    """twt-py's answer for `path` (no leading slash), or None when twt-py has no such file.

    `brython_js` compiles the fast path's Brython artifact (default: `fastpath.find_brython()`).
    """
    if path.startswith("dist/twt_py/"):
        try:
            data = _dist.read_module(path[len("dist/") :])
        except FileNotFoundError:
            return None
        return Response(data, media_type="text/x-python", headers=NO_STORE)
    if path == "dist/twt_py.zip":
        return Response(_dist.pyscript_zip(), media_type="application/zip", headers=NO_STORE)
    if path == "dist/twt_py.brython.js":
        return Response(_dist.brython_bundle(), media_type="text/javascript", headers=NO_STORE)
    if path.startswith("dist/") and path[len("dist/") :] in _fastpath.artifact_names():
        return _fast_path_artifact(path[len("dist/") :], brython_js)
    if path == "dist/pyscript-files.json":
        return JSONResponse({"files": _dist.pyscript_files(DIST_BASE)}, headers=NO_STORE)
    if path in (
        "dist/twt-early.js", "static/twt-early.js", "dist/twt-lazy.js", "static/twt-lazy.js"
    ):
        shim = _dist.early_shim(path.split("/")[1])
        return Response(shim, media_type="text/javascript", headers=NO_STORE)
    if path == "static/twt-mock-sdk.js":
        return FileResponse(_dist.mock_sdk_file(), media_type="text/javascript", headers=NO_STORE)
    return None


_warned: "set[str]" = set()


def _fast_path_artifact(name: str, brython_js: "Path | None") -> Response:
    """The fast-path artifact `name`, or a 500 saying why it cannot be built here (and a warning
    on the server's console, once per reason)."""
    try:
        data = _fastpath.artifact(name, brython_js)
    except RuntimeError as exc:
        why = "twt-py serve: cannot build /dist/%s here: %s; load the plain files instead" % (
            name,
            exc,
        )
        if why not in _warned:
            _warned.add(why)
            print("warning: " + why, file=sys.stderr, flush=True)
        return Response(why + "\n", status_code=500, media_type="text/plain", headers=NO_STORE)
    return Response(data, media_type=_fastpath.media_type(name), headers=NO_STORE)


def runtime_folders(node_modules: Path) -> "dict[str, Path]":
    """`/runtimes/<name>/` -> folder, for the runtimes installed in `node_modules`."""
    return {
        name: node_modules / rel
        for name, rel in RUNTIME_DIRS.items()
        if (node_modules / rel).is_dir()
    }


class _SiteFiles(StaticFiles):
    """The folder's files; what it lacks, from twt-py and the runtimes."""

    def __init__(self, directory: Path, runtimes: "dict[str, Path]") -> None:
        super().__init__(directory=directory, html=True, follow_symlink=True)
        self.runtimes = {
            name: StaticFiles(directory=folder, follow_symlink=True)
            for name, folder in runtimes.items()
        }
        # The fast path's Brython artifact, compiled by the Brython this folder's pages load.
        own = runtimes["brython"] / "brython.js" if "brython" in runtimes else None
        self.brython_js = own if own is not None and own.is_file() else None

    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            response = await super().get_response(path, scope)
        except HTTPException as exc:
            if exc.status_code != 404:
                raise
            response = None
        if response is not None and response.status_code != 404:
            response.headers["Cache-Control"] = "no-store"
            return response
        rel = path.replace("\\", "/").lstrip("/")
        fallback = twt_file(rel, self.brython_js)
        if fallback is None and rel.startswith("runtimes/"):
            name, _, rest = rel[len("runtimes/") :].partition("/")
            if name in self.runtimes and rest:
                fallback = await self.runtimes[name].get_response(rest, scope)
                fallback.headers["Cache-Control"] = "no-store"
        if fallback is not None:
            return fallback
        if response is not None:
            return response  # the folder's own 404.html
        raise HTTPException(404)


class _ExtraHeaders:
    """ASGI middleware: `headers` on every response."""

    def __init__(self, app: ASGIApp, headers: "Mapping[str, str]") -> None:
        self.app = app
        self.headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k for k, _ in self.headers}
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message = {**message, "headers": kept + self.headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def check_site(site: Path, node_modules: "Path | None" = None) -> "tuple[Path, dict[str, Path]]":
    """The site folder and its runtime folders, or `ServeError` saying what is wrong."""
    if not site.exists():
        raise ServeError("%s does not exist: pass the folder that holds your site's pages" % site)
    if not site.is_dir():
        raise ServeError("%s is a file, not a folder: pass the folder that holds it" % site)
    if node_modules is not None:
        if not node_modules.is_dir():
            raise ServeError(
                "--node-modules %s is not a folder: pass the node_modules folder that holds "
                "the runtimes (npm install them there)" % node_modules
            )
        runtimes = runtime_folders(node_modules)
        if not runtimes:
            raise ServeError(
                "--node-modules %s holds none of %s: npm install them there"
                % (node_modules, ", ".join(_packages()))
            )
        return site.resolve(), runtimes
    return site.resolve(), runtime_folders(site / "node_modules")


def _packages() -> "list[str]":
    return sorted({rel.split("/dist")[0] for rel in RUNTIME_DIRS.values()})


#: What `twt-py serve --cross-origin-isolated` sends with every response: the headers that make
#: a page cross-origin isolated, which PyScript workers need to reach the page's `window`.
ISOLATION_HEADERS = {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def create_site_app(
    site: Path,
    *,
    node_modules: "Path | None" = None,
    headers: "Mapping[str, str] | None" = None,
) -> ASGIApp:
    """The ASGI app serving `site` (see the module's table); `headers` go on every response.

    ```python
    app = create_site_app(Path("site"), headers={"Cross-Origin-Opener-Policy": "same-origin"})
    ```
    """
    root, runtimes = check_site(site, node_modules)
    app: ASGIApp = Starlette(routes=[Mount("/", _SiteFiles(root, runtimes))])
    if headers:
        app = _ExtraHeaders(app, headers)
    return app


def describe(site: Path, node_modules: "Path | None" = None) -> str:
    """One line on what is served besides the folder's files (printed at start)."""
    _, runtimes = check_site(site, node_modules)
    if runtimes:
        return "runtimes at /runtimes/ (%s); twt_py at /dist/, mock SDK at /static/" % (
            ", ".join(sorted(runtimes))
        )
    return (
        "no runtimes under /runtimes/ (no node_modules with them in %s: npm install them, or "
        "pass --node-modules DIR); twt_py at /dist/, mock SDK at /static/" % site
    )



# ---------------------------------------------------------------- running it


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on `host:port`, or `ServeError` saying what to do."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise ServeError("cannot listen on host %r (%s): pass --host 127.0.0.1" % (host, exc)) from None
    family, _, _, _, address = infos[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        reason = "is in use" if exc.errno == errno.EADDRINUSE else "cannot be used (%s)" % exc.strerror
        raise ServeError(
            "port %d on %s %s: pass another one with --port N (--port 0 picks a free one)"
            % (port, host, reason)
        ) from None
    return sock


def _server(app: ASGIApp) -> "uvicorn.Server":
    import uvicorn

    return uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))


def run(app: ASGIApp, sock: socket.socket) -> None:
    """Serve `app` on `sock` until Ctrl+C."""
    _server(app).run(sockets=[sock])


@contextmanager
def running(app: ASGIApp, host: str = "127.0.0.1", port: int = 0) -> "Iterator[str]":
    """Serve `app` in a background thread; yield its base URL (`http://127.0.0.1:PORT`)."""
    sock = bind(host, port)
    server = _server(app)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise ServeError("the server for %s did not start" % host)
        time.sleep(0.01)
    try:
        yield "http://%s:%d" % (host, sock.getsockname()[1])
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
