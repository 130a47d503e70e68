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
"""

import os
import shutil
import sys
from pathlib import Path

from twt_py.testing import _rendering

BROWSER_ENV = "TWT_PY_BROWSER"

# Runtimes under test, in the order tests run (fastest first). `--runtime` selects a subset.
RUNTIMES = ("micropython", "brython", "pyodide")

# Flags for a headless Chromium on a machine with no network and no sandbox support, and a
# resolver that sends every host but localhost nowhere, so even Chromium's own background
# requests (which page routes cannot see) never leave the machine.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]

# How long a browser test waits for a page's Python to report back (Pyodide boots in ~5 s).
PAGE_TIMEOUT_MS = 60_000

_SYSTEM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
_SYSTEM_PATHS = (
    "/usr/bin/chromium",
    "/usr/lib/chromium/chromium",
    "/snap/bin/chromium",
    "/opt/google/chrome/chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
)

HOW_TO_GET_ONE = f"""No Chromium or Chrome was found for the browser tests. Any one of these works:
  - set {BROWSER_ENV}=/path/to/chromium (or chrome);
  - install your system's Chromium (Debian/Ubuntu: `sudo apt-get install chromium`);
  - let Playwright download its own: `.venv/bin/python -m playwright install chromium`.
`./run test` tries the last two by itself when it can."""


class BrowserNotFound(RuntimeError):
    """No usable Chromium or Chrome was found."""


def _playwright_chromium() -> "str | None":
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    try:
        with sync_playwright() as p:
            path = p.chromium.executable_path
    except Exception:
        return None
    return path if path and os.path.exists(path) else None


def find_browser() -> "tuple[str | None, str]":
    """Return `(executable_path, how_found)`; `executable_path` is None for Playwright's own.

    Raises `BrowserNotFound` with instructions when there is none.
    """
    env = os.environ.get(BROWSER_ENV)
    if env:
        if not os.access(env, os.X_OK):
            raise BrowserNotFound(f"{BROWSER_ENV}={env!r} is not an executable file.")
        return env, f"${BROWSER_ENV}"
    for name in _SYSTEM_NAMES:
        found = shutil.which(name)
        if found:
            return found, "system (PATH)"
    for path in _SYSTEM_PATHS:
        if os.access(path, os.X_OK):
            return path, "system"
    if _playwright_chromium():
        return None, "playwright"
    raise BrowserNotFound(HOW_TO_GET_ONE)


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

if __name__ == "__main__":
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
