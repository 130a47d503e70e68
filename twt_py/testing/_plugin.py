"""The pytest plugin: options, the `twt_local_runtimes` marker and the fixtures.

Nothing here touches a page unless a test asks for it: `chat_mock` and `local_runtimes` act
only in the tests that request them, and the one autouse fixture returns at once unless local
runtimes were switched on (flag, ini option or marker) for a test that uses a browser context.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ._mock import ChatMock, UrlMatcher
from ._netlog import RequestLog
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
    if HAVE_PLAYWRIGHT and not config.pluginmanager.has_plugin("twt_py.browser"):
        # Registered now, after every entry-point plugin, so this browser_type_launch_args
        # wraps pytest-playwright's whatever order the plugins loaded in (a conftest's own
        # override still wins).
        from . import _launch

        config.pluginmanager.register(_launch, "twt_py.browser")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """A failed test whose page could not load its runtime or SDK says so, with what to do;
    a click that failed because something covered its target says so, first."""
    report = yield
    if report.failed and call.excinfo is not None:
        hint = explain_intercepted_click(str(call.excinfo.value))
        if hint:
            report.longrepr = "%s\n\n%s" % (hint, report.longrepr)
    log = item.stash.get(_LOG_KEY, None)
    if log is not None and report.failed:
        hints = log.hints()
        text = str(report.longrepr)
        hints = [line for line in hints if line not in text]
        if hints:
            longrepr = report.longrepr
            section = ("twt_py.testing: requests that failed", "\n".join(hints))
            if hasattr(longrepr, "addsection"):
                longrepr.addsection(*section)
            else:
                report.sections.append(section)
    if call.when == "teardown" and log is not None:
        log.close()
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


@pytest.fixture(autouse=True)
def _twt_browser_context(request: pytest.FixtureRequest) -> None:
    """In a test that uses a browser context: note its failed requests (for the failure
    message), and serve local runtimes when switched on. Otherwise nothing."""
    if "context" not in request.fixturenames:
        return
    log = RequestLog.of(request.getfixturevalue("context"))
    request.node.stash[_LOG_KEY] = log
    if local_runtimes_enabled(request):
        log.local_runtimes = True
        request.getfixturevalue("local_runtimes")
