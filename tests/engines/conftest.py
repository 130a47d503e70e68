"""The engine matrix: `engine_page`, one page per test on each engine `--engine` selects.

One browser per engine for the whole session (`engine_browser`), found by
`playwright.config.py`'s `find_engine`: Playwright's where it works, else Selenium with
geckodriver (Firefox) or WebKitWebDriver + MiniBrowser under an Xvfb started here (WebKit).
Each test gets a fresh Playwright context, or the Selenium window reset (storage cleared).
A test fails at teardown if its pages had problems (`EnginePage.problems()`), as the Chromium
suite's `PageGuard` does; `engine_page.allow(regex)` lets expected ones pass.
"""

import os
import subprocess
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from _driver import EnginePage, PlaywrightPage, SeleniumPage, config

from twt_py.testing import _rendering

# How long a page may take to load, and a script to run, on a busy machine.
PAGE_LOAD_S = 90
SCRIPT_S = 120


def _selenium_env() -> "dict[str, str]":
    # The pinned fonts and UTC, as for Chromium, but a locale with a language: WebKitGTK
    # takes navigator.language from LANG, and Brython rejects "C".
    env = _rendering.browser_env(config.pinned_fonts())
    env.update({"LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8", "LANGUAGE": "en"})
    return env


class _Xvfb:
    """A virtual X display of this session's own (`Xvfb -displayfd` picks a free one):
    MiniBrowser has no working headless mode."""

    def __init__(self, xvfb: str) -> None:
        read, write = os.pipe()
        self.proc = subprocess.Popen(
            [xvfb, "-displayfd", str(write), "-screen", "0", "1280x720x24", "-nolisten", "tcp"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as out:
            number = out.readline().strip()
        if not number:
            self.proc.kill()
            raise RuntimeError("Xvfb did not start (%s)" % xvfb)
        self.display = ":" + number

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def _firefox(paths: "dict[str, str]"):  # type: ignore[no-untyped-def]
    from selenium import webdriver
    from selenium.webdriver.common.proxy import Proxy, ProxyType

    options = webdriver.FirefoxOptions()
    options.binary_location = paths["browser"]
    options.add_argument("-headless")
    options.set_preference("intl.accept_languages", "en-US")
    options.set_preference("browser.shell.checkDefaultBrowser", False)
    # Belt and braces beside the page guard's CSP: every host but this machine goes to a
    # proxy that is not there, so even the browser's own requests stay here.
    options.proxy = Proxy(
        {"proxyType": ProxyType.MANUAL, "httpProxy": "127.0.0.1:9", "sslProxy": "127.0.0.1:9",
         "noProxy": list(config.LOCAL_HOSTS)}
    )
    service = webdriver.FirefoxService(executable_path=paths["driver"], env=_selenium_env())
    return webdriver.Firefox(options=options, service=service)


def _webkit(paths: "dict[str, str]", display: str):  # type: ignore[no-untyped-def]
    from selenium import webdriver

    options = webdriver.WebKitGTKOptions()
    options.binary_location = paths["browser"]
    options.add_argument("--automation")
    env = {**_selenium_env(), "DISPLAY": display}
    service = webdriver.WebKitGTKService(executable_path=paths["driver"], env=env)
    with warnings.catch_warnings():
        # Selenium's own WebKitGTK class still passes a deprecated argument to itself.
        warnings.filterwarnings("ignore", "setting remote_server_addr", DeprecationWarning)
        return webdriver.WebKitGTK(options=options, service=service)


@contextmanager
def open_browser(engine: str, found, playwright):  # type: ignore[no-untyped-def]
    """`engine`'s browser as `find_engine` `found` it: `(kind, handle, how)`, closed on exit.
    A plain function (benchmarks/engines.py launches through it too); `playwright` is a
    started sync Playwright, used only when `found.driver` is "playwright"."""
    if found.driver == "playwright":
        if engine == "chromium":
            browser = playwright.chromium.launch(**config.launch_args())
        else:
            env = _selenium_env()
            browser = getattr(playwright, engine).launch(executable_path=found.paths["browser"], env=env)
        yield "playwright", browser, "%s (%s %s)" % (found.how, engine, browser.version)
        browser.close()
        return
    xvfb = _Xvfb(found.paths["xvfb"]) if engine == "webkit" else None
    try:
        driver = _webkit(found.paths, xvfb.display) if xvfb else _firefox(found.paths)
        try:
            driver.set_page_load_timeout(PAGE_LOAD_S)
            driver.set_script_timeout(SCRIPT_S)
            driver.set_window_size(1280, 720)
            caps = driver.capabilities
            how = "%s %s" % (found.how, caps.get("browserVersion", "?"))
            yield "selenium", driver, how
        finally:
            driver.quit()
    finally:
        if xvfb:
            xvfb.stop()


@pytest.fixture(scope="session")
def engine_browser(engine: str, pytestconfig: pytest.Config, playwright):  # type: ignore[no-untyped-def]
    """This engine's browser for the session: `(kind, handle, how)`."""
    # Found once at collection (tests/conftest.py), so a missing engine stops the session.
    with open_browser(engine, pytestconfig.option.twt_engines[engine], playwright) as browser:
        yield browser


@pytest.fixture
def engine_page(engine: str, engine_browser, server_url: str) -> Iterator[EnginePage]:  # type: ignore[no-untyped-def]
    """A clean page on this engine; the test fails if the page had problems."""
    kind, handle, how = engine_browser
    page: EnginePage
    if kind == "playwright":
        page = PlaywrightPage(engine, how, server_url, handle, dict(config.CONTEXT_ARGS))
    else:
        page = SeleniumPage(engine, how, server_url, handle)
    yield page
    problems = page.problems()
    page.close()
    if problems:
        pytest.fail("%s page problems:\n  %s" % (engine, "\n  ".join(problems)), pytrace=False)
