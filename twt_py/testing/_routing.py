"""The SDK routes of a browser context: which URLs the kit answers with the mock, and how."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Union

from ._mocksource import mock_sdk_source
from ._netlog import RequestLog

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, ConsoleMessage, Request, Route

__all__ = [
    "PRODUCTION_SDK_GLOB",
    "PRODUCTION_SDK_PATTERN",
    "PRODUCTION_SDK_URL",
    "Routing",
    "UrlMatcher",
]

#: The vendor's production SDK, as its installation snippet writes it.
PRODUCTION_SDK_URL = "https://visitorchat.twt.com/install/core.js?version=v1.2"
#: What the kit routes by default: the production `core.js` with any query (or none).
PRODUCTION_SDK_PATTERN = re.compile(r"^https?://visitorchat\.twt\.com/install/core\.js(?:[?#].*)?$")
PRODUCTION_SDK_GLOB = "https://visitorchat.twt.com/install/core.js*"

UrlMatcher = Union[str, "re.Pattern[str]", Callable[[str], bool]]

_SHOWN_URLS = 25


def describe_matcher(matcher: UrlMatcher) -> str:
    if isinstance(matcher, str):
        return matcher
    if isinstance(matcher, re.Pattern):
        return PRODUCTION_SDK_GLOB if matcher is PRODUCTION_SDK_PATTERN else "re:" + matcher.pattern
    return "<function %s>" % getattr(matcher, "__name__", "matcher")


def short_list(items: list[str], limit: int = _SHOWN_URLS) -> str:
    if not items:
        return "none"
    shown = ", ".join(items[:limit])
    if len(items) > limit:
        shown += ", ... and %d more" % (len(items) - limit)
    return shown



class Routing:
    """The SDK routes of one browser context, shared by every `ChatMock` view of it."""

    def __init__(self, context: BrowserContext) -> None:
        self.context = context
        self.matchers: list[UrlMatcher] = []
        self.options: dict[str, Any] = {}
        self.served: list[str] = []
        self.requested: list[str] = []
        self.console: list[str] = []
        #: Failed requests of the context: a runtime or SDK that did not load is named.
        self.log = RequestLog.of(context)
        self._closed = False
        context.on("request", self._on_request)
        context.on("console", self._on_console)

    def _on_request(self, request: Request) -> None:
        if len(self.requested) < 500:
            self.requested.append(request.url)

    def _on_console(self, message: ConsoleMessage) -> None:
        text = message.text
        if (message.type == "error" or "[twt-mock]" in text) and len(self.console) < 50:
            self.console.append("%s: %s" % (message.type, text[:500]))

    def add(self, matcher: UrlMatcher) -> None:
        if not (isinstance(matcher, (str, re.Pattern)) or callable(matcher)):
            raise TypeError(
                "route() takes a URL glob, a compiled regex or a url -> bool function, got %r"
                % (matcher,)
            )
        if matcher in self.matchers:
            return
        self.matchers.append(matcher)
        self.context.route(matcher, self._fulfil)

    def body(self) -> str:
        """The script the kit serves: the mock, with the test's options and no URL options.

        The mock reads options from `window.__twt_mock_options__` and from its own script
        URL's query; the URL it stands in for carries the vendor's query (`version=v1.2`),
        not mock options, so the script sees an empty `src` while it starts.
        """
        prefix = [
            "/* twt_py.testing: the mock TWT Chat SDK, served in place of the vendor's */",
            "(function () {",
        ]
        if self.options:
            prefix.append(
                "  var own = window.__twt_mock_options__;"
                " window.__twt_mock_options__ = Object.assign({},"
                " own && typeof own === 'object' ? own : {}, %s);" % json.dumps(self.options)
            )
        prefix += [
            "  try { Object.defineProperty(document, 'currentScript',"
            " {configurable: true, get: function () { return {src: ''}; }}); } catch (e) {}",
            "})();",
        ]
        suffix = "\n;try { delete document.currentScript; } catch (e) {}\n"
        return "\n".join(prefix) + "\n" + mock_sdk_source() + suffix

    def _fulfil(self, route: Route) -> None:
        self.served.append(route.request.url)
        route.fulfill(
            status=200,
            headers={
                "content-type": "text/javascript; charset=utf-8",
                "cache-control": "no-store",
                "access-control-allow-origin": "*",
                # A cross-origin isolated page (COEP require-corp, e.g. for PyScript
                # workers) runs a cross-origin script only when it says it may.
                "cross-origin-resource-policy": "cross-origin",
            },
            body=self.body(),
        )

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        for matcher in self.matchers:
            try:
                self.context.unroute(matcher, self._fulfil)
            except Exception:  # the context is already closed
                pass
        for event, handler in (("request", self._on_request), ("console", self._on_console)):
            try:
                self.context.remove_listener(event, handler)
            except Exception:
                pass

