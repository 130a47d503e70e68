"""The shop's test setup: its own server, the browser, and a guard that keeps the suite offline.

`twt_py.testing` (installed with `pip install 'twt-py[testing]'`) is a pytest plugin: the
`chat_mock` fixture needs no import here.
"""

import importlib.util
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Route, WebError, expect

SHOP = Path(__file__).resolve().parents[1]
REPO = SHOP.parents[1]

# Each page of the shop and the Python runtime it runs on.
PAGES = {"micropython": "/index.html", "brython": "/brython.html", "pyodide": "/pyodide.html"}


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


server = _load("shop_server", SHOP / "server.py")


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shop on a free port, with twt_py built fresh for this run."""
    dist = server.build_twt_py(tmp_path_factory.mktemp("dist"))
    httpd = server.make_server(0, dist=dist)
    yield server.start(httpd)
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: "dict[str, Any]", base_url: str) -> "dict[str, Any]":
    # pytest-playwright computes its browser_context_args (with base_url) once per session;
    # when this suite shares a session with other suites (as in twt-py's own `pytest`), say
    # again that this folder's pages live on the shop's server.
    # twt-py's checkout also pins locale, time zone and viewport (see browser_type_launch_args).
    config = _load("twt_playwright_config", REPO / "playwright.config.py")
    return {**browser_context_args, **config.CONTEXT_ARGS, "base_url": base_url}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: "dict[str, Any]") -> "dict[str, Any]":
    # twt-py's checkout finds its Chromium with playwright.config.py (no browser download
    # here), and gives it only the fonts pinned in package.json, so the shop lays out the same
    # on every machine. In your own project you would not need this fixture at all.
    config = _load("twt_playwright_config", REPO / "playwright.config.py")
    return {**browser_type_launch_args, **config.launch_args()}


@pytest.fixture
def context(context: BrowserContext) -> Iterator[BrowserContext]:
    """Fail any test whose page reaches past 127.0.0.1 or logs an error."""
    problems: "list[str]" = []

    def guard(route: Route) -> None:
        if urlsplit(route.request.url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            problems.append("external request: " + route.request.url)
            route.abort("blockedbyclient")

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append("console error: " + message.text)

    context.route("**/*", guard)
    context.on("console", console)

    def uncaught(error: WebError) -> None:
        problems.append("uncaught: %s" % error.error)

    context.on("weberror", uncaught)
    yield context
    assert not problems, "\n".join(problems)


@pytest.fixture(params=list(PAGES))
def runtime(request: pytest.FixtureRequest) -> str:
    """Every test runs on each page of the shop: PyScript + MicroPython, Brython, Pyodide."""
    return str(request.param)


@pytest.fixture
def open_shop(page: Page, runtime: str) -> Callable[[], Page]:
    """`open_shop()`: load the shop's page for `runtime` and wait until its Python runs."""

    def go() -> Page:
        page.goto(PAGES[runtime])
        expect(page.locator("body")).to_have_attribute("data-app", "ready", timeout=60_000)
        return page

    return go
