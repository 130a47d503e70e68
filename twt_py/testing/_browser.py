"""Which Chromium the kit launches, and with which flags (CPython only; no pytest import).

First match wins:

1. `--twt-browser PATH` (the plugin passes it as `explicit`) or `$TWT_PY_BROWSER`: a path to a
   Chromium or Chrome executable (or its name on `PATH`);
2. a Chromium or Chrome installed on the system (`chromium`, `chromium-browser`,
   `google-chrome`, ... on `PATH`, or a well-known install location);
3. the Chromium that `playwright install chromium` downloaded.

```python
>>> from twt_py.testing import find_browser
>>> find_browser()                      # doctest: +SKIP
Browser(path='/usr/bin/chromium', how='system (PATH)')
```

`launch_args()` adds the flags a root user or a container needs: Chromium refuses to start as
root without `--no-sandbox`, and a container's small `/dev/shm` crashes tabs without
`--disable-dev-shm-usage`.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NamedTuple

__all__ = ["BROWSER_ENV", "Browser", "BrowserNotFound", "find_browser", "launch_args"]

#: The environment variable naming the browser executable.
BROWSER_ENV = "TWT_PY_BROWSER"

SYSTEM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
SYSTEM_PATHS = (
    "/usr/bin/chromium",
    "/usr/lib/chromium/chromium",
    "/snap/bin/chromium",
    "/opt/google/chrome/chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "C:/Program Files/Google/Chrome/Application/chrome.exe",
)

HOW_TO_GET_ONE = (
    "no Chromium or Chrome found for the browser tests; any one of these works: "
    "pass --twt-browser /path/to/chromium (or set %s); install your system's Chromium "
    "(Debian/Ubuntu: sudo apt-get install chromium); or let Playwright download its own: "
    "python -m playwright install chromium" % BROWSER_ENV
)


class BrowserNotFound(RuntimeError):
    """No usable Chromium or Chrome was found (the message says how to get one)."""


class Browser(NamedTuple):
    """A browser to launch: `path` is None for Playwright's own download; `how` says where
    it was found (`--twt-browser`, `$TWT_PY_BROWSER`, `system (PATH)`, `system`,
    `playwright`)."""

    path: str | None
    how: str


def _executable(value: str, source: str) -> str:
    found = shutil.which(value) if os.sep not in value and "/" not in value else None
    path = found or value
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise BrowserNotFound("%s %r is not an executable file" % (source, value))
    return path


def _playwright_chromium() -> str | None:
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


def find_browser(explicit: str | None = None) -> Browser:
    """The Chromium to launch: `explicit`, `$TWT_PY_BROWSER`, the system's, Playwright's.

    Raises `BrowserNotFound` with instructions when there is none.
    """
    if explicit:
        return Browser(_executable(explicit, "--twt-browser"), "--twt-browser")
    env = os.environ.get(BROWSER_ENV)
    if env:
        return Browser(_executable(env, BROWSER_ENV), "$" + BROWSER_ENV)
    for name in SYSTEM_NAMES:
        found = shutil.which(name)
        if found:
            return Browser(found, "system (PATH)")
    for path in SYSTEM_PATHS:
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return Browser(path, "system")
    if _playwright_chromium():
        return Browser(None, "playwright")
    raise BrowserNotFound(HOW_TO_GET_ONE)


def in_container() -> bool:
    """True inside Docker, Podman or a similar container (by their marker files)."""
    return any(Path(p).exists() for p in ("/.dockerenv", "/run/.containerenv"))


def is_root() -> bool:
    geteuid = getattr(os, "geteuid", None)
    return bool(geteuid and geteuid() == 0)


def container_flags() -> list[str]:
    """The Chromium flags this machine needs: `--no-sandbox` as root or in a container (the
    sandbox cannot start there), `--disable-dev-shm-usage` in a container."""
    flags = []
    if is_root() or in_container():
        flags.append("--no-sandbox")
    if in_container():
        flags.append("--disable-dev-shm-usage")
    return flags


def launch_args(explicit: str | None = None, extra: list[str] | None = None) -> dict[str, object]:
    """Keyword arguments for Playwright's `browser_type.launch()`: the executable found by
    `find_browser(explicit)` (none for Playwright's own) and `container_flags()` + `extra`."""
    browser = find_browser(explicit)
    args = container_flags()
    for flag in extra or []:
        if flag not in args:
            args.append(flag)
    kwargs: dict[str, object] = {"args": args}
    if browser.path:
        kwargs["executable_path"] = browser.path
    return kwargs
