"""The pytest plugin: options, the `twt_local_runtimes` marker and the fixtures.

Nothing here touches a page unless a test asks for it: `chat_mock` and `local_runtimes` act
only in the tests that request them, and the one autouse fixture returns at once unless local
runtimes were switched on (flag, ini option or marker) for a test that uses a browser context.
"""

from __future__ import annotations

import importlib.util
import linecache
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ._mock import ChatMock, UrlMatcher
from ._netlog import RequestLog
from ._pagewatch import DEFAULT_START_TIMEOUT_MS, PageErrors, PageWatch
from ._rendering import explain_intercepted_click
from ._runtimes import PACKAGES, LocalRuntimes

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

MODES = ("warn", "error", "ignore")
HAVE_PLAYWRIGHT = importlib.util.find_spec("pytest_playwright") is not None
INSTALL_HINT = (
    "twt_py.testing needs pytest-playwright: pip install 'twt-py[testing]' "
    "(and a browser: your system's Chromium, or `playwright install chromium`)"
)
_LOG_KEY = pytest.StashKey[RequestLog]()
_WATCH_KEY = pytest.StashKey[PageWatch]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("twt-py", "twt-py test kit (twt_py.testing)")
    group.addoption(
        "--twt-browser",
        default=None,
        dest="twt_browser",
        metavar="PATH",
        help="the Chromium or Chrome to launch (default: $TWT_PY_BROWSER, else a Chromium or "
        "Chrome on the system, else Playwright's own download); --no-sandbox is added as root "
        "or in a container",
    )
    group.addoption(
        "--twt-local-runtimes",
        action="store_true",
        default=None,
        dest="twt_local_runtimes",
        help="serve PyScript, Pyodide, MicroPython and Brython CDN URLs from local npm "
        "packages in every browser test (ini: twt_local_runtimes = true)",
    )
    group.addoption(
        "--twt-runtimes-dir",
        default=None,
        dest="twt_runtimes_dir",
        metavar="DIR",
        help="the node_modules folder local runtimes come from (ini: twt_runtimes_dir; "
        "default: node_modules beside the ini file)",
    )
    group.addoption(
        "--twt-runtimes-mismatch",
        default=None,
        choices=MODES,
        dest="twt_runtimes_mismatch",
        help="when a page names another runtime version than the local one: warn (default), "
        "error (fail the test, serve nothing) or ignore (ini: twt_runtimes_mismatch)",
    )
    group.addoption(
        "--twt-start-timeout",
        default=None,
        type=int,
        dest="twt_start_timeout",
        metavar="MS",
        help="fail a test when a page with Python has not run its runtime (PyScript's core.js, "
        "brython.js) MS milliseconds after its DOMContentLoaded (default %d; ini: "
        "twt_start_timeout)"
        % DEFAULT_START_TIMEOUT_MS,
    )
    group.addoption(
        "--twt-sdk-url",
        action="append",
        default=[],
        dest="twt_sdk_urls",
        metavar="GLOB",
        help="another URL glob chat_mock serves the mock SDK for, besides the vendor's "
        "production core.js (repeatable; ini: twt_sdk_urls)",
    )
    parser.addini(
        "twt_local_runtimes",
        "serve CDN runtimes from local files (twt_py.testing)",
        type="bool",
        default=False,
    )
    parser.addini(
        "twt_runtimes_dir", "node_modules folder for local runtimes (twt_py.testing)", default=""
    )
    parser.addini("twt_runtimes_mismatch", "warn, error or ignore (twt_py.testing)", default="warn")
    parser.addini(
        "twt_start_timeout",
        "ms a page's Python runtime may take to arrive (twt_py.testing)",
        default=str(DEFAULT_START_TIMEOUT_MS),
    )
    parser.addini(
        "twt_sdk_urls",
        "extra SDK URL globs chat_mock routes (twt_py.testing)",
        type="linelist",
        default=[],
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "twt_local_runtimes: serve CDN runtime URLs from local npm packages in this test "
        "(twt_py.testing)",
    )
    config.addinivalue_line(
        "markers",
        "twt_allow_errors(*patterns): errors of the page matching these regexes (all, without "
        "one) do not stop the test (twt_py.testing)",
    )
    if HAVE_PLAYWRIGHT and not config.pluginmanager.has_plugin("twt_py.browser"):
        # Registered now, after every entry-point plugin, so this browser_type_launch_args
        # wraps pytest-playwright's whatever order the plugins loaded in (a conftest's own
        # override still wins).
        from . import _launch

        config.pluginmanager.register(_launch, "twt_py.browser")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Any:
    """A test whose page raised an uncaught error (or never started its Python) fails, also
    when the test itself went on to pass."""
    watch = item.stash.get(_WATCH_KEY, None)
    try:
        result = yield
    except Exception as exc:
        if watch is None or watch.fatal is None:
            raise
        # Whatever the test was waiting for ended because the kit closed the page: say why,
        # and where the test was, without Playwright's "Target page ... has been closed".
        raise pytest.fail.Exception(watch.fatal + _stopped_at(item, exc), pytrace=False) from None
    if watch is not None and watch.fatal is not None:
        pytest.fail(watch.fatal, pytrace=False)
    return result


def _stopped_at(item: pytest.Item, exc: BaseException) -> str:
    """`\nthe test stopped at tests/test_site.py:12: chat_mock.wait_for_state(open=True)`."""
    path = str(getattr(item, "path", ""))
    where = ""
    for frame, line in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename == path:
            source = linecache.getline(path, line).strip()
            where = "\nthe test stopped at %s:%d: %s" % (item.nodeid.split("::")[0], line, source)
    return where


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """A failed test starts with the page's own error, if it had one; a click that failed
    because something covered its target says so, first. Every failure of a test with a
    browser context gets sections: the page's errors, how far its Python got, the requests
    that failed, the console errors."""
    report = yield
    watch = item.stash.get(_WATCH_KEY, None)
    if report.failed and call.excinfo is not None:
        hint = explain_intercepted_click(str(call.excinfo.value))
        if hint:
            report.longrepr = "%s\n\n%s" % (hint, report.longrepr)
        if watch is not None and watch.fatal and watch.fatal not in str(report.longrepr):
            report.longrepr = "%s\n\n%s" % (watch.fatal, report.longrepr)
    log = item.stash.get(_LOG_KEY, None)
    if report.failed:
        text = str(report.longrepr)
        sections: list[tuple[str, str]] = []
        if watch is not None:
            sections += [s for s in watch.sections() if s[1] not in text]
        if log is not None:
            lines = [line for line in log.hints() if line not in text]
            if lines:
                # Before the console errors, which repeat some of them without the URL.
                at = len([s for s in sections if not s[0].endswith("console errors")])
                sections.insert(at, ("twt_py.testing: requests that failed", "\n".join(lines)))
        for section in sections:
            if hasattr(report.longrepr, "addsection"):
                report.longrepr.addsection(*section)
            else:
                report.sections.append(section)
    if call.when == "teardown":
        if log is not None:
            log.close()
        if watch is not None:
            watch.close()
    return report


# ---------------------------------------------------------------- settings


def sdk_urls(config: pytest.Config) -> list[UrlMatcher]:
    """Extra SDK URL globs from `--twt-sdk-url` and the `twt_sdk_urls` ini option."""
    return [*config.getini("twt_sdk_urls"), *(config.getoption("twt_sdk_urls") or [])]


def runtimes_dir(config: pytest.Config) -> Path:
    """`--twt-runtimes-dir` (from the invocation folder), else the ini option (from the ini
    file's folder), else `node_modules` beside the ini file (or in the rootdir)."""
    base = config.inipath.parent if config.inipath else config.rootpath
    option = config.getoption("twt_runtimes_dir")
    if option:
        return (config.invocation_params.dir / str(option)).resolve()
    ini = config.getini("twt_runtimes_dir")
    return (base / (ini or "node_modules")).resolve()


def start_timeout(config: pytest.Config) -> int:
    """`--twt-start-timeout`, else the `twt_start_timeout` ini option, in ms."""
    value = config.getoption("twt_start_timeout") or config.getini("twt_start_timeout")
    try:
        ms = int(value)
    except (TypeError, ValueError):
        ms = 0
    if ms <= 0:
        raise pytest.UsageError(
            "twt_start_timeout must be a positive number of milliseconds, got %r" % (value,)
        )
    return ms


def mismatch_mode(config: pytest.Config) -> str:
    mode = config.getoption("twt_runtimes_mismatch") or config.getini("twt_runtimes_mismatch")
    if mode not in MODES:
        raise pytest.UsageError(
            "twt_runtimes_mismatch must be one of %s, got %r" % (", ".join(MODES), mode)
        )
    return str(mode)


def local_runtimes_enabled(request: pytest.FixtureRequest) -> bool:
    if request.node.get_closest_marker("twt_local_runtimes") is not None:
        return True
    if request.config.getoption("twt_local_runtimes"):
        return True
    return bool(request.config.getini("twt_local_runtimes"))


def make_local_runtimes(config: pytest.Config) -> LocalRuntimes:
    directory = runtimes_dir(config)
    runtimes = LocalRuntimes(directory, mismatch=mismatch_mode(config))
    if not runtimes.packages:
        pytest.fail(
            "twt_py.testing local runtimes: none of %s is installed in %s; install them there "
            "(npm install %s) or point --twt-runtimes-dir / twt_runtimes_dir at your node_modules"
            % (", ".join(PACKAGES.values()), directory, " ".join(PACKAGES.values())),
            pytrace=False,
        )
    return runtimes


# ---------------------------------------------------------------- fixtures

if HAVE_PLAYWRIGHT:

    @pytest.fixture
    def chat_mock(page: Page, pytestconfig: pytest.Config) -> Iterator[ChatMock]:
        """The mock TWT Chat SDK in place of the vendor's, controlled from Python.

        Serves the mock for the vendor's production `core.js` (any query) and the URLs of
        `--twt-sdk-url` / `twt_sdk_urls`; also drives a mock the page loads itself.

        ```python
        def test_badge(page, chat_mock):
            page.goto("/")
            chat_mock.wait_ready()
            chat_mock.agent_message("Your order has shipped")
            expect(page.locator("#badge")).to_have_text("1")
        ```
        """
        mock = ChatMock(page, urls=sdk_urls(pytestconfig))
        yield mock
        mock.close()

    @pytest.fixture
    def page_errors(context: BrowserContext, pytestconfig: pytest.Config) -> PageErrors:
        """The uncaught errors of this test's pages, and the opt-out for a test that expects
        one: `page_errors.allow("ZeroDivisionError")` (a regex; none: every error)."""
        return PageErrors(PageWatch.of(context, start_timeout(pytestconfig)))

    @pytest.fixture
    def local_runtimes(
        context: BrowserContext, pytestconfig: pytest.Config
    ) -> Iterator[LocalRuntimes]:
        """PyScript, Pyodide, MicroPython and Brython CDN URLs answered from local npm
        packages in this test's browser context (see `--twt-runtimes-dir`)."""
        runtimes = make_local_runtimes(pytestconfig).install(context)
        yield runtimes
        runtimes.uninstall()
        fatal = runtimes.report()
        if fatal:
            pytest.fail(
                "twt_py.testing local runtimes (--twt-runtimes-mismatch=error):\n  "
                + "\n  ".join(fatal),
                pytrace=False,
            )

else:  # the plugin is registered with twt-py, the extra may be missing

    @pytest.fixture
    def chat_mock() -> Any:
        pytest.fail(INSTALL_HINT, pytrace=False)

    @pytest.fixture
    def local_runtimes() -> Any:
        pytest.fail(INSTALL_HINT, pytrace=False)

    @pytest.fixture
    def page_errors() -> Any:
        pytest.fail(INSTALL_HINT, pytrace=False)


@pytest.fixture(autouse=True)
def _twt_browser_context(request: pytest.FixtureRequest) -> None:
    """In a test that uses a browser context: note its failed requests and watch its pages
    (errors stop the test), and serve local runtimes when switched on. Otherwise nothing."""
    if "context" not in request.fixturenames:
        return
    context = request.getfixturevalue("context")
    log = RequestLog.of(context)
    request.node.stash[_LOG_KEY] = log
    watch = PageWatch.of(context, start_timeout(request.config))
    request.node.stash[_WATCH_KEY] = watch
    for marker in request.node.iter_markers("twt_allow_errors"):
        watch.allow(*marker.args)
    if local_runtimes_enabled(request):
        log.local_runtimes = True
        request.getfixturevalue("local_runtimes")
