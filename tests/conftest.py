"""The shared test harness.

- one local server for the session (`server_url`), serving the checkout with test pages;
- browser settings from `playwright.config.py` (how Chromium is found, launch flags);
- every request that does not go to localhost is aborted and fails the test (`net_guard`);
- any uncaught JS error or `console.error` fails the test unless the test allows it with
  `console_errors.allow(regex)`; Python errors in PyScript and Brython reach the console too.
  The test kit's own watch (`twt_py.testing`, on every test with a browser context) stops a
  test at the page's first uncaught Python or JS error, so it fails at once; `allow()` lets
  an error pass both;
- `runtime` parametrizes browser tests over the runtimes (`--runtime micropython,brython`);
- `engine` parametrizes the engine tests (`tests/engines/`) over browser engines (`--engine
  firefox,webkit`); the rest of the browser suite (`tests/browser`, `tests/kit`) is the
  Chromium leg, and runs only when `chromium` is selected. Unit tests always run.
"""

import importlib.util
import os
import re
import socket
import threading
import time
from pathlib import Path

import pytest

from twt_py.testing._pagewatch import PageWatch

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("twt_playwright_config", ROOT / "playwright.config.py")
assert _spec and _spec.loader
config = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(config)

# The kit's start timeout for this suite (how long a page's runtime script may take to run):
# the suite's browsers share a busy 2-core machine, so more than a site owner's 10 s.
START_TIMEOUT_MS = 30_000

# TWT_PY_CLICK_AUDIT=FILE: append to FILE every click on the page within 64 px of the chat
# widget (the clicks that fonts or a viewport could put under it), with the test's name.
CLICK_AUDIT = """
addEventListener("click", function (e) {
  var w = document.getElementById("twt-mock-widget");
  if (!w || !e.isTrusted || w.contains(e.target)) return;
  var t = e.target.getBoundingClientRect(), near = [];
  (w.shadowRoot || w).querySelectorAll("*").forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1 || getComputedStyle(el).visibility === "hidden") return;
    var dx = Math.max(r.left - t.right, t.left - r.right, 0);
    var dy = Math.max(r.top - t.bottom, t.top - r.bottom, 0);
    var d = Math.max(dx, dy);
    if (d < 64) near.push((el.dataset.testid || el.getAttribute("class") || el.tagName) + "@" + Math.round(d));
  });
  if (near.length) window.__nearWidgetClick(location.pathname + " #" + e.target.id + " " +
    e.target.tagName + " near " + near.slice(0, 3).join(","));
}, true);
"""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--runtime",
        default=",".join(config.RUNTIMES),
        help="comma-separated runtimes for browser tests (default: %s)" % ",".join(config.RUNTIMES),
    )
    # Default: every engine. `./run test` is the CI command and the one a contributor runs, and
    # visitors use all three; a machine without one is told at once how to get it.
    parser.addoption(
        "--engine",
        default=config.DEFAULT_ENGINES,
        help="browser engines: chromium, firefox, webkit, or all, comma-separated (default: all)",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("twt_start_timeout", None) is None:
        config.option.twt_start_timeout = START_TIMEOUT_MS


def selected_runtimes(cfg: pytest.Config) -> "list[str]":
    chosen = [r.strip() for r in cfg.getoption("--runtime").split(",") if r.strip()]
    bad = [r for r in chosen if r not in config.RUNTIMES]
    if bad:
        raise pytest.UsageError("unknown --runtime %s: choose from %s" % (bad, ", ".join(config.RUNTIMES)))
    return chosen


def selected_engines(cfg: pytest.Config) -> "list[str]":
    try:
        return config.parse_engines(cfg.getoption("--engine"))
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from None


# Runtimes with a worker mode (PyScript's `worker` attribute); Brython has none.
WORKER_RUNTIMES = ("micropython", "pyodide")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "engine" in metafunc.fixturenames:
        # Session scope: the tests of one engine run together, on one browser.
        metafunc.parametrize("engine", selected_engines(metafunc.config), scope="session")
    if "runtime" in metafunc.fixturenames:
        runtimes = selected_runtimes(metafunc.config)
        # A module with `WORKER_MODE = True` runs its tests on `/_t/<runtime>-worker/` pages:
        # the same page's Python in a PyScript worker, on a cross-origin isolated page.
        if getattr(metafunc.module, "WORKER_MODE", False):
            runtimes = [r + "-worker" for r in runtimes if r in WORKER_RUNTIMES]
        metafunc.parametrize("runtime", runtimes, scope="module")


def _chromium_suite(item: pytest.Item) -> bool:
    path = item.path.as_posix()
    return _uses_browser(item) and "/tests/engines/" not in path


def _uses_browser(item: pytest.Item) -> bool:
    return "page" in getattr(item, "fixturenames", ()) or "/unit/" not in item.path.as_posix()


def pytest_collection_modifyitems(config: pytest.Config, items: "list[pytest.Item]") -> None:
    # Worker mode runs the plain-files delivery only: the fast path's PyScript hook writes
    # twt_py into the main thread's interpreter, not a worker's (docs/workers.md).
    fast_in_worker = [
        item
        for item in items
        if getattr(getattr(item, "module", None), "WORKER_MODE", False)
        and getattr(getattr(item, "callspec", None), "params", {}).get("delivery") == "fast"
    ]
    # A test for one runtime's loader (`@pytest.mark.runtimes("brython")`) runs on that
    # runtime alone: deselected elsewhere, so a run never shows it as skipped.
    other_runtime = [
        item
        for item in items
        if item.get_closest_marker("runtimes")
        and getattr(getattr(item, "callspec", None), "params", {}).get("runtime")
        not in item.get_closest_marker("runtimes").args  # type: ignore[union-attr]
    ]
    if fast_in_worker or other_runtime:
        config.hook.pytest_deselected(items=fast_in_worker + other_runtime)
        items[:] = [item for item in items if item not in fast_in_worker and item not in other_runtime]
    engines = selected_engines(config)
    if "chromium" not in engines:
        # Deselected, not skipped: the run says what it ran.
        chromium_only = [item for item in items if _chromium_suite(item)]
        config.hook.pytest_deselected(items=chromium_only)
        items[:] = [item for item in items if not _chromium_suite(item)]
    _find_engines(config, items, engines)
    # Unit tests first: they are fast, and Playwright's sync API leaves an event loop set
    # in the main thread that `asyncio.run()` in a later unit test would trip over.
    for item in items:
        if _uses_browser(item):
            item.add_marker(pytest.mark.browser)
    items.sort(key=_uses_browser)


def _find_engines(cfg: pytest.Config, items: "list[pytest.Item]", engines: "list[str]") -> None:
    # Before any test runs: a selected engine that is missing stops the session with one line
    # saying how to get it (never a skip, which would pass for a green run).
    used = {
        item.callspec.params["engine"]  # type: ignore[attr-defined]
        for item in items
        if "engine" in getattr(getattr(item, "callspec", None), "params", {})
    }
    found = {}
    for engine in engines:
        if engine in used:
            try:
                found[engine] = config.find_engine(engine)
            except config.BrowserNotFound as exc:
                pytest.exit(str(exc), returncode=4)
    cfg.option.twt_engines = found


# ---------------------------------------------------------------- server


@pytest.fixture(scope="session")
def app_secret() -> str:
    """The AppSecret the test server signs the demo identity with (random per session)."""
    import secrets

    return "test-secret-" + secrets.token_hex(12)


@pytest.fixture(scope="session")
def server_url(app_secret: str) -> "str":
    import uvicorn

    from twt_py._cpython.server import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(ROOT, tests=True, app_secret=app_secret), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    yield "http://127.0.0.1:%d" % port
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="session")
def base_url(server_url: str) -> str:
    return server_url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: "dict[str, object]", base_url: str) -> "dict[str, object]":
    # The same locale, time zone, viewport and scale on every machine (playwright.config.py).
    return {**browser_context_args, **config.CONTEXT_ARGS, "base_url": base_url}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: "dict[str, object]") -> "dict[str, object]":
    return {**browser_type_launch_args, **config.launch_args()}


# ---------------------------------------------------------------- guards


def _audit(path: str, text: str) -> None:
    with open(path, "a") as out:
        out.write("%s: %s\n" % (os.environ.get("PYTEST_CURRENT_TEST", "?"), text))


class PageGuard:
    """Records external requests and console errors of every page in a context."""

    def __init__(self) -> None:
        self.external: "list[str]" = []
        self.errors: "list[str]" = []
        self.allowed: "list[re.Pattern[str]]" = []
        self.kit: "list[PageWatch]" = []

    def allow(self, pattern: str) -> None:
        """Let console errors matching `pattern` (a regex, searched) pass, here and in the
        kit's watch (which would otherwise stop the test at an uncaught one)."""
        self.allowed.append(re.compile(pattern, re.S))
        for watch in self.kit:
            watch.allow(pattern)

    def route(self, route) -> None:  # type: ignore[no-untyped-def]
        config.route_local_only(route, self.external)

    def attach(self, page) -> None:  # type: ignore[no-untyped-def]
        page.on("pageerror", lambda exc: self.errors.append("uncaught: %s" % exc))
        page.on("console", self._console)
        page.on("response", self._response)

    def _response(self, response) -> None:  # type: ignore[no-untyped-def]
        if response.status >= 400:
            self.errors.append("HTTP %d for %s" % (response.status, response.url))

    def _console(self, msg) -> None:  # type: ignore[no-untyped-def]
        if msg.type == "error":
            url = (msg.location or {}).get("url", "")
            self.errors.append("%s [at %s]" % (msg.text, url) if url else msg.text)

    def link(self, kit: PageWatch) -> None:
        """Share this guard's allowed errors with the kit's watch of the same context."""
        self.kit.append(kit)
        for pattern in self.allowed:
            kit.allow(pattern.pattern)

    def watch(self, context) -> None:  # type: ignore[no-untyped-def]
        context.route("**/*", self.route)
        audit = os.environ.get("TWT_PY_CLICK_AUDIT")
        if audit:
            context.expose_binding("__nearWidgetClick", lambda source, text: _audit(audit, text))
            context.add_init_script(CLICK_AUDIT)
        context.on("page", self.attach)
        for page in context.pages:
            self.attach(page)

    def problems(self) -> "list[str]":
        out = ["external request: %s" % u for u in self.external]
        for text in self.errors:
            if not any(p.search(text) for p in self.allowed):
                out.append("console error: %s" % text[:2000])
        return out

    def check(self) -> None:
        problems = self.problems()
        if problems:
            pytest.fail("page problems:\n  " + "\n  ".join(problems), pytrace=False)


@pytest.fixture
def console_errors() -> PageGuard:
    """The guard of this test's pages: `console_errors.allow(regex)` permits expected errors."""
    return PageGuard()


@pytest.fixture
def context(context, console_errors: PageGuard, pytestconfig: pytest.Config):  # type: ignore[no-untyped-def]
    console_errors.watch(context)
    console_errors.link(PageWatch.of(context, pytestconfig.option.twt_start_timeout))
    yield context
    console_errors.check()


@pytest.fixture
def new_guarded_context(browser, base_url: str):  # type: ignore[no-untyped-def]
    """Make extra guarded contexts: `ctx, guard = new_guarded_context()`."""
    made = []

    def make(**kwargs):  # type: ignore[no-untyped-def]
        ctx = browser.new_context(**{**config.CONTEXT_ARGS, "base_url": base_url, **kwargs})
        guard = PageGuard()
        guard.watch(ctx)
        made.append((ctx, guard))
        return ctx, guard

    yield make
    for ctx, _ in made:
        ctx.close()
    for _, guard in made:
        guard.check()
