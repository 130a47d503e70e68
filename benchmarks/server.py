"""The benchmark pages and the server that serves them, and the browser contexts they load in.

- `build_page(runtime, name)`: the HTML of a page in `benchmarks/pages/` (`bench`, `startup`,
  `startup-zip`, `startup-fast`, `bare`, `guard`), rendered as the test pages are;
- `create_bench_app()` and `Server`: the project's own server plus `/_bench/<runtime>/<name>`,
  under uvicorn on a free 127.0.0.1 port;
- `playwright_config()`: `playwright.config.py`, the tests' browser settings and engine list;
- `launch_args()`: Chromium as `playwright.config.py` launches it;
- `open_engine_page(engine, url)`: a page on Firefox or WebKit through the engine tests' driver;
- `Guard` and `new_context()`: a browser context that blocks every request not to localhost
  and records page errors, console errors and HTTP errors.

This is the one module of the benchmarks that imports twt_py's internals (`_pages`, `_server`,
`_fastpath`); the others reach them through the functions here.
"""

import contextlib
import functools
import html
import importlib.util
import json
import re
import socket
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PAGES = HERE / "pages"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RUNTIMES = ("micropython", "brython", "pyodide")

# The same SDK snippet on every page: config, then the mock SDK, ready at once.
HEAD = (
    "<script>window.__twt__config = {appid: 'bench-app'};</script>\n"
    '<script src="/static/twt-mock-sdk.js?delay=0"></script>'
)

# A do-nothing SDK: swapped in for window.__twt__api so only the wrapper's cost is left.
STUB_SDK = (
    "window.__bench_mock_api = window.__bench_mock_api || window.__twt__api;"
    "window.__twt__api = {open() {}, close() {}, isOpen() { return false; },"
    " isReady() { return true; }, getError() { return null; }};"
)
MOCK_SDK = "window.__twt__api = window.__bench_mock_api || window.__twt__api;"

# ---------------------------------------------------------------- pages and server


def _read(name: str) -> str:
    return (PAGES / name).read_text("utf-8")


def strip_twt(runtime: str, page: str) -> str:
    """The same page without twt_py: no bundle (Brython), no `files` (PyScript)."""
    from twt_py._cpython import pages as _pages

    if runtime == "brython":
        tag = '<script src="%s"></script>\n' % _pages.URLS["brython_bundle"]
        if tag not in page:
            raise RuntimeError("the Brython page has no twt_py bundle tag to remove")
        return page.replace(tag, "", 1)
    full = html.escape(_pages.pyscript_config(runtime), quote=False)
    if full not in page:
        raise RuntimeError("the PyScript page has no config to replace")
    bare = html.escape(json.dumps({"interpreter": _pages.URLS[runtime]}), quote=False)
    return page.replace(full, bare, 1)


def _zip_config(runtime: str, page: str) -> str:
    """The same page with twt_py as one zip (`"files": {"/dist/twt_py.zip": "./*"}`)."""
    from twt_py._cpython import pages as _pages

    full = html.escape(_pages.pyscript_config(runtime), quote=False)
    zipped = {"interpreter": _pages.URLS[runtime], "files": {"/dist/twt_py.zip": "./*"}}
    return page.replace(full, html.escape(json.dumps(zipped), quote=False), 1)


def render(runtime: str, source: str, **options: object) -> str:
    """A page running `source` on `runtime`, as the test pages are made (`twt_py._cpython.pages.render`)."""
    from twt_py._cpython import pages as _pages

    return _pages.render(runtime, source, **options)


def strip_worker_files(runtime: str, page: str) -> str:
    """A PyScript worker page without twt_py's `files` (the worker's config is attribute-quoted)."""
    from twt_py._cpython import pages as _pages

    full = html.escape(_pages.pyscript_config(runtime))
    bare = html.escape(json.dumps({"interpreter": _pages.URLS[runtime]}))
    if full not in page:
        raise RuntimeError("the worker page has no config to replace")
    return page.replace(full, bare, 1)


def startup_source(runtime: str, *, bare: bool = False) -> str:
    """The start-up page's Python for `runtime`; `bare`: without the lines using twt_py."""
    lines = _read("startup.py").splitlines()
    if runtime != "brython":
        lines = ["import js as window" if ln == "from browser import window" else ln for ln in lines]
    if bare:
        lines = [ln for ln in lines if "Chat" not in ln]
    return "\n".join(lines) + "\n"


def build_page(runtime: str, name: str, *, stdlib: bool = False) -> str:
    """HTML of a benchmark page.

    - `bench`: the in-page harness (`pages/bench.py`), twt_py available but not imported;
    - `startup`: twt_py imported and Chat bound, then the marker `window.__bench_ready`;
    - `startup-zip`: the same with twt_py as one zip (PyScript only);
    - `startup-fast`: the same from the fast path `twt-py build` writes (`twt_py.pyscript.js`,
      Brython's precompiled `twt_py.brython-compiled.js`);
    - `bare`: the same page without twt_py: the start-up script without the lines that
      name `Chat`, so both pages parse and run the same code but twt_py's.

    The start-up script (`pages/startup.py`) is written for Brython; PyScript pages read the
    window as `js`. It has no comments: Brython tokenizes them, on the timed path.
    """
    from twt_py._cpython import pages as _pages

    if runtime not in RUNTIMES:
        raise KeyError(runtime)
    if name == "bench":
        source = _read("bench.py")
    elif name in ("startup", "startup-zip", "startup-fast", "bare"):
        source = startup_source(runtime, bare=(name == "bare"))
    elif name == "guard":  # benchmarks/guard.py's page
        source = _read("guard.py")
    else:
        raise KeyError(name)
    page = _pages.render(
        runtime,
        source,
        title="bench %s on %s" % (name, runtime),
        head=HEAD,
        body="<h1>twt-py benchmark: %s</h1>" % html.escape(name),
        brython_stdlib=stdlib,
        delivery="fast" if name == "startup-fast" else "files",
    )
    if name == "bare":
        page = strip_twt(runtime, page)
    elif name == "startup-zip":
        if runtime == "brython":
            raise KeyError(name)
        page = _zip_config(runtime, page)
    return page


def create_bench_app():
    """The project's app (`create_app(ROOT, tests=True)`) plus `/_bench/<runtime>/<name>`."""
    from starlette.exceptions import HTTPException
    from starlette.responses import HTMLResponse, Response
    from starlette.routing import Route

    from twt_py._cpython.server import create_app

    app = create_app(ROOT, tests=True)
    # Compile the Brython fast path now (Node.js, seconds), not inside the first timed load.
    from twt_py._cpython import fastpath as _fastpath
    from twt_py._cpython import server as _server

    # Built once, then served as a static server serves what `twt-py build` wrote: the
    # project's dev server makes each artifact per request (hashing the sources each time),
    # which a site's server does not, and which would delay the fast path's second request.
    brython_js = _server.find_root(ROOT) / _server.RUNTIME_DIRS["brython"] / "brython.js"
    built = {n: _fastpath.artifact(n, brython_js) for n in _fastpath.artifact_names()}

    def static_artifact(name):
        async def serve(request):
            return Response(
                built[name],
                media_type=_fastpath.media_type(name),
                headers={"Cache-Control": "no-store"},
            )

        return serve

    async def bench_page(request):
        runtime = request.path_params["runtime"]
        name = request.path_params["name"]
        stdlib = request.query_params.get("stdlib") == "1"
        try:
            page = build_page(runtime, name, stdlib=stdlib)
        except KeyError:
            raise HTTPException(404) from None
        return HTMLResponse(page, headers={"Cache-Control": "no-store"})

    async def blank(request):
        # Left for between two cold loads on a WebDriver engine: the page before is torn
        # down before the next load starts, as closing a Playwright context does.
        return HTMLResponse("<!doctype html><title>blank</title>")

    app.router.routes.insert(0, Route("/_bench/{runtime}/{name}", bench_page))
    app.router.routes.insert(0, Route("/_bench/blank", blank))
    for name in built:
        app.router.routes.insert(0, Route("/dist/" + name, static_artifact(name)))
    return app


class Server:
    """uvicorn in a thread on a free 127.0.0.1 port (like tests/conftest.py's `server_url`)."""

    def __init__(self, app=None) -> None:  # type: ignore[no-untyped-def]
        import uvicorn

        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self.url = "http://127.0.0.1:%d" % self._sock.getsockname()[1]
        self._server = uvicorn.Server(
            uvicorn.Config(app or create_bench_app(), log_level="warning", access_log=False)
        )
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._sock]}, daemon=True
        )

    def __enter__(self) -> "Server":
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the benchmark server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.should_exit = True
        self._thread.join(10)
        self._sock.close()


def _by_path(name: str, path: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.cache
def playwright_config():  # type: ignore[no-untyped-def]
    """`playwright.config.py`, loaded by path as tests/conftest.py does: the browsers, their
    flags and the engine list (`ENGINES`, `parse_engines`) are the tests'."""
    return _by_path("twt_playwright_config", ROOT / "playwright.config.py")


def launch_args() -> "dict[str, object]":
    """`playwright.config.py`'s `launch_args()`."""
    return playwright_config().launch_args()  # type: ignore[no-any-return]


@contextlib.contextmanager
def open_engine_page(engine: str, base_url: str):  # type: ignore[no-untyped-def]
    """A page on `engine` (firefox, webkit) at `base_url`, through the engine tests' driver
    (`tests/engines/_driver.py`), launched as they launch it (`open_browser` in
    `tests/engines/conftest.py`): the browser `playwright.config.py`'s `find_engine` finds.

    Its page guard is the server's (`pageguard.py`: a CSP that refuses other hosts, errors
    recorded in the page), the same for every page of a pair; `problems()` reports it."""
    found = playwright_config().find_engine(engine)
    engines_dir = str(ROOT / "tests" / "engines")
    if engines_dir not in sys.path:  # the conftest imports its driver as `_driver`
        sys.path.insert(0, engines_dir)
    launcher = _by_path("twt_engine_launch", ROOT / "tests" / "engines" / "conftest.py")
    import _driver  # type: ignore[import-not-found]

    with contextlib.ExitStack() as stack:
        playwright = None
        if found.driver == "playwright":  # Playwright's own build of the engine is installed
            from playwright.sync_api import sync_playwright

            playwright = stack.enter_context(sync_playwright())
        kind, handle, how = stack.enter_context(launcher.open_browser(engine, found, playwright))
        if kind == "playwright":
            page = _driver.PlaywrightPage(engine, how, base_url, handle, {})
        else:
            page = _driver.SeleniumPage(engine, how, base_url, handle)
        try:
            yield page
        finally:
            page.close()


# ---------------------------------------------------------------- browser contexts

@functools.cache
def _not_local() -> "re.Pattern[str]":
    # Every URL that is not http(s)/ws(s) to the tests' LOCAL_HOSTS: routed to `Guard.block`.
    # Only these go through the Python side, so local requests are not slowed by the
    # interception.
    hosts = "|".join(re.escape(h) for h in playwright_config().LOCAL_HOSTS)
    return re.compile(r"^(?!(?:https?|wss?)://(?:%s)(?:[:/]|$))(?:https?|wss?)://" % hosts)


class Guard:
    """Blocks and records non-localhost requests; records page errors and HTTP errors."""

    def __init__(self) -> None:
        self.external: "list[str]" = []
        self.errors: "list[str]" = []
        self.http_errors: "list[str]" = []

    def block(self, route) -> None:
        self.external.append(route.request.url)
        route.abort("blockedbyclient")

    def watch(self, context) -> None:
        context.route(_not_local(), self.block)
        context.on("page", self.attach)

    def attach(self, page) -> None:
        page.on("pageerror", lambda exc: self.errors.append("uncaught: %s" % exc))
        page.on(
            "console",
            lambda msg: self.errors.append(msg.text[:500]) if msg.type == "error" else None,
        )
        page.on(
            "response",
            lambda r: (
                self.http_errors.append("HTTP %d %s" % (r.status, r.url))
                if r.status >= 400
                else None
            ),
        )

    def problems(self) -> "list[str]":
        return (
            ["external request blocked: %s" % u for u in self.external]
            + ["console error: %s" % e for e in self.errors]
            + self.http_errors
        )


def new_context(browser, base_url: str):
    ctx = browser.new_context(base_url=base_url)
    guard = Guard()
    guard.watch(ctx)
    return ctx, guard
