"""Requests of a browser context that failed, and what a failure message should say about them.

A page whose Python runtime (or the chat SDK) never arrives shows up in a test as something
unrelated: a button that never gets enabled, a wait that times out. The kit records every
request that failed (a network error, such as a CDN this machine cannot reach, or an HTTP
error status) and, when a test fails, names the runtime and SDK URLs among them and what to do.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ._runtimes import runtime_package

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Request, Response

__all__ = ["RequestLog"]

_LIMIT = 200
_SDK = re.compile(r"^https?://visitorchat\.twt\.com/")
# Local files that look like a runtime or the SDK: a 404 on these is worth naming.
_RUNTIME_FILE = re.compile(
    r"(core[^/]*\.js|pyscript[^/]*\.js|pyodide[^/]*\.(m?js|wasm)|micropython[^/]*\.(m?js|wasm)|"
    r"brython[^/]*\.js|twt[^/]*\.js|\.wasm|twt_py[^/]*)(\?|#|$)"
)
_LOGS: dict[int, RequestLog] = {}


def is_runtime_url(url: str) -> bool:
    """True for a CDN runtime URL, or a local one that names PyScript (its `core.js`)."""
    return runtime_package(url) is not None or "pyscript" in url.lower()


def _looks_like_runtime(url: str) -> bool:
    path = url.split("?", 1)[0].split("#", 1)[0]
    return bool(_RUNTIME_FILE.search(path)) or path.endswith((".wasm", ".mjs"))


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return "%s://%s" % (parts.scheme, parts.netloc) if parts.scheme in ("http", "https") else ""


class RequestLog:
    """The failed requests of one context, in order: `(url, reason)` pairs."""

    def __init__(self, context: BrowserContext) -> None:
        self.context = context
        self.failed: list[tuple[str, str]] = []
        #: Set by the plugin: local runtimes are switched on for this test.
        self.local_runtimes = False
        self.origins: set[str] = set()
        context.on("requestfailed", self._on_failed)
        context.on("response", self._on_response)

    @classmethod
    def of(cls, context: BrowserContext) -> RequestLog:
        """The log of `context`, made on first use (one per context)."""
        log = _LOGS.get(id(context))
        if log is None or log.context is not context:
            log = _LOGS[id(context)] = cls(context)
        return log

    def close(self) -> None:
        if _LOGS.get(id(self.context)) is self:
            del _LOGS[id(self.context)]
        for event, handler in (("requestfailed", self._on_failed), ("response", self._on_response)):
            try:
                self.context.remove_listener(event, handler)
            except Exception:  # the context is already closed
                pass

    def _on_failed(self, request: Request) -> None:
        if any(url == request.url and why.startswith("HTTP ") for url, why in self.failed):
            return  # its error status is already there; Chromium then aborts the script
        if len(self.failed) < _LIMIT:
            self.failed.append((request.url, request.failure or "failed"))
            self._note_origin(request)

    def _on_response(self, response: Response) -> None:
        if response.status >= 400 and len(self.failed) < _LIMIT:
            self.failed.append((response.url, "HTTP %d" % response.status))
            self._note_origin(response.request)

    def _note_origin(self, request: Request) -> None:
        """Remember the origin of the page that made `request` (for "same-origin")."""
        try:
            self.origins.add(_origin(request.frame.url) or _origin(request.url))
        except Exception:  # a service worker's request has no frame
            self.origins.add(_origin(request.url))

    def hints(self) -> list[str]:
        """One line per failed request of the page's own origin (URL and status or network
        error), and per failed runtime or SDK request, with what to do about it."""
        lines: list[str] = []
        cdn: list[str] = []
        for url, reason in self.failed:
            package = runtime_package(url)
            if _origin(url) in self.origins and not (
                package or _SDK.match(url) or _looks_like_runtime(url)
            ):
                lines.append("%s (%s)" % (url, reason))
                continue
            if package is not None:
                lines.append("the page's runtime did not load: %s (%s)" % (url, reason))
                if package not in cdn:
                    cdn.append(package)
            elif _SDK.match(url):
                lines.append(
                    "the TWT SDK did not load: %s (%s); the chat_mock fixture serves the mock "
                    "SDK for this URL" % (url, reason)
                )
            elif _looks_like_runtime(url):
                lines.append(
                    "a script or runtime file of the page did not load: %s (%s)" % (url, reason)
                )
        if lines and not cdn and any("(HTTP 404)" in line for line in lines):
            lines.append(
                "check that the page's URLs match what its server has (twt-py serve and "
                "serve_site answer /runtimes/ from the folder's node_modules: npm install there)"
            )
        if cdn:
            names = " ".join(cdn)
            if self.local_runtimes:
                lines.append(
                    "local runtimes are on, but this runtime is not in your node_modules: "
                    "npm install %s (or point --twt-runtimes-dir at the folder that has it)"
                    % names
                )
            else:
                lines.append(
                    "the runtime comes from a CDN this machine cannot reach: run pytest with "
                    "--twt-local-runtimes to serve it from ./node_modules (npm install %s)" % names
                )
        return lines

