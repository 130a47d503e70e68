"""`ChatMock`: the mock TWT Chat SDK on a Playwright page, controlled and observed from Python.

The kit routes the vendor's production SDK URL (and any URL a test adds) to the mock SDK that
ships with twt-py, then talks to the mock's control object, `window.__twt_mock__`
(docs/mock-sdk.md). A page that loads the mock itself (`/static/twt-mock-sdk.js`) works too:
the controls and views only need `window.__twt_mock__` on the page.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Union

from ._audit import AuditReport, Selectors, assert_accessible
from ._files import cached_text
from ._netlog import RequestLog, is_runtime_url

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, ConsoleMessage, Locator, Page, Request, Route

__all__ = [
    "PRODUCTION_SDK_URL",
    "Call",
    "ChatMock",
    "ChatState",
    "Message",
    "mock_sdk_path",
    "mock_sdk_source",
]

#: The vendor's production SDK, as its installation snippet writes it.
PRODUCTION_SDK_URL = "https://visitorchat.twt.com/install/core.js?version=v1.2"
#: What the kit routes by default: the production `core.js` with any query (or none).
PRODUCTION_SDK_PATTERN = re.compile(r"^https?://visitorchat\.twt\.com/install/core\.js(?:[?#].*)?$")
PRODUCTION_SDK_GLOB = "https://visitorchat.twt.com/install/core.js*"

#: Default wait, in milliseconds (Playwright's unit), for every `wait_*` and auto-wait.
DEFAULT_TIMEOUT_MS = 30_000

UrlMatcher = Union[str, "re.Pattern[str]", Callable[[str], bool]]

_MOCK_FILE = "twt-mock-sdk.js"
_SHOWN_URLS = 25

# Python option names -> the mock's option names (docs/mock-sdk.md, "Options").
_OPTION_NAMES = {
    "delay": "delay",
    "ready": "ready",
    "fail": "fail",
    "unread": "unread",
    "version": "version",
    "agent": "agent",
    "autoboot": "autoboot",
    "initial_visibility": "initialVisibility",
    "async_events": "asyncEvents",
}


# ---------------------------------------------------------------- the mock's source


def window_listeners(page: Any) -> dict[str, int]:
    """Listeners on the page's `window`, by event type, as Chromium's DevTools count them.

    For leak tests: count before and after, e.g. `window_listeners(page)["__twt__custom_event"]`.
    Chromium only (it asks the DevTools protocol).
    """
    cdp = page.context.new_cdp_session(page)
    try:
        win = cdp.send("Runtime.evaluate", {"expression": "window"})["result"]["objectId"]
        listeners = cdp.send("DOMDebugger.getEventListeners", {"objectId": win})["listeners"]
    finally:
        cdp.detach()
    counts: dict[str, int] = {}
    for item in listeners:
        counts[item["type"]] = counts.get(item["type"], 0) + 1
    return counts


def mock_sdk_path() -> Path:
    """The mock SDK file the kit serves.

    Looked up as package data first (`twt_py/testing/twt-mock-sdk.js`, where the wheel puts
    it, or `twt_py/_static/`), then in a source checkout's `static/twt-mock-sdk.js`.
    """
    here = Path(__file__).resolve().parent
    candidates = [
        here / _MOCK_FILE,
        here.parent / "_static" / _MOCK_FILE,
        here.parents[1] / "static" / _MOCK_FILE,
    ]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(
        "twt_py.testing cannot find the mock SDK (looked for %s); reinstall twt-py[testing]"
        % ", ".join(str(c) for c in candidates)
    )


def mock_sdk_source() -> str:
    """The mock SDK's JavaScript (read once per file version)."""
    return cached_text(mock_sdk_path())


# ---------------------------------------------------------------- views


class Call(NamedTuple):
    """One call the page made on the SDK (`__twt__api.*` or `TWTChatWidget.on`).

    A plain tuple, so `("setLanguage", ("ja",)) in chat_mock.calls` works. Arguments are
    JSON values; a function argument shows as the string `"[function name]"`.
    """

    method: str
    args: tuple[Any, ...]


@dataclass(frozen=True)
class Message:
    """A message in the mock's chat window: `sender` is `"agent"` or `"visitor"`."""

    sender: str
    text: str
    author: str | None
    time: float


@dataclass(frozen=True)
class ChatState:
    """The mock SDK's state, as the page's widget would show it.

    `error` is the failure message (None unless the SDK failed); `visibility` is
    `"maximized"`, `"minimized"` or `"hidden"`; `phase` is `"idle"`, `"loading"`, `"ready"`
    or `"failed"`; `customer` is the logged-in identity (a dict) or None.
    """

    phase: str
    ready: bool
    error: str | None
    open: bool
    unread: int
    visibility: str
    language: str
    theme: str
    position: dict[str, str]
    launcher: bool
    customer: dict[str, Any] | None
    appid: str | None
    version: str
    config_name: str | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChatState:
        values: dict[str, Any] = {f.name: data.get(f.name) for f in fields(cls)}
        return cls(**values)


STATE_FIELDS = tuple(f.name for f in fields(ChatState))

# JS helpers shared by every evaluation: the state view and a key-order-free comparison.
_JS_LIB = r"""
const mock = () => { const m = window.__twt_mock__; return m && m.isTwtMock ? m : null; };
const view = () => {
  const m = mock(); if (!m) return null;
  const s = m.state();
  return {phase: s.phase, ready: s.ready, error: s.error ? s.error.message : null, open: s.open,
    unread: s.unread, visibility: s.visibility, language: s.language, theme: s.theme,
    position: s.position, launcher: s.launcher, customer: s.customer, appid: s.appid,
    version: s.version, config_name: s.configName};
};
const canon = (v) => JSON.stringify(v === undefined ? null : v, (k, x) =>
  (x && typeof x === 'object' && !Array.isArray(x))
    ? Object.keys(x).sort().reduce((o, key) => { o[key] = x[key]; return o; }, {}) : x);
"""


def _js(body: str) -> str:
    """A JS function `(arg) => ...` with the helpers in scope."""
    return "(arg) => {%s\n%s\n}" % (_JS_LIB, body)


_JS_PRESENT = _js("return !!mock();")
_JS_VIEW = _js("return view();")
_JS_CALLS = _js("const m = mock(); return m ? m.calls.map(c => [c.method, c.args]) : null;")
_JS_FIND_CALL = _js(
    """const m = mock(); if (!m) return null;
    const want = arg.args === null ? null : canon(arg.args);
    let n = 0;
    for (const c of m.calls) {
      if (c.method === arg.method && (want === null || canon(c.args) === want) && ++n === arg.count) {
        return [c.method, c.args];
      }
    }
    return null;"""
)
_JS_STATE_MATCHES = _js(
    """const s = view(); if (!s) return false;
    return Object.keys(arg).every(k => canon(s[k]) === canon(arg[k]));"""
)
_JS_STATE_CHANGED = _js("const s = view(); return s !== null && canon(s) !== arg;")
_JS_VIEW_AND_KEY = _js("const s = view(); return s === null ? null : [s, canon(s)];")
_JS_SETTLED = _js("const s = view(); return !!s && (s.ready || s.error !== null);")
_JS_CONTROL = _js(
    """const m = mock(); if (!m) return {missing: true};
    return {value: m[arg.name].apply(m, arg.args)};"""
)
_JS_OWN_MOCK_SCRIPTS = (
    "() => Array.from(document.scripts).map(s => s.src).filter(s => /twt-mock-sdk/.test(s))"
)


def _option_value(name: str, value: Any) -> Any:
    """Validate one `configure()`/`reset()` option; return the mock's value for it."""
    if name == "delay":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:
            raise ValueError(
                "delay must be a non-negative number of milliseconds, got %r" % (value,)
            )
        return value
    if name == "ready":
        if value is True or value == "auto":
            return "auto"
        if value is False or value == "never":
            return "never"
        raise ValueError('ready must be "auto" or "never" (or True/False), got %r' % (value,))
    if name == "fail":
        if value is None or value is False:
            return None
        if not isinstance(value, str):
            raise TypeError("fail must be the failure message (a str) or None, got %r" % (value,))
        return value
    if name == "unread":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError("unread must be a non-negative int, got %r" % (value,))
        return value
    if name in ("version", "agent"):
        if not isinstance(value, str) or not value:
            raise TypeError("%s must be a non-empty str, got %r" % (name, value))
        return value
    if not isinstance(value, bool):
        raise TypeError("%s must be True or False, got %r" % (name, value))
    return value


def mock_options(options: dict[str, Any]) -> dict[str, Any]:
    """Python-style options (`delay=`, `ready=`, `initial_visibility=`...) -> the mock's."""
    out = {}
    for name, value in options.items():
        if name not in _OPTION_NAMES:
            raise TypeError(
                "unknown mock option %r; known options: %s" % (name, ", ".join(_OPTION_NAMES))
            )
        out[_OPTION_NAMES[name]] = _option_value(name, value)
    return out


def _describe_matcher(matcher: UrlMatcher) -> str:
    if isinstance(matcher, str):
        return matcher
    if isinstance(matcher, re.Pattern):
        return PRODUCTION_SDK_GLOB if matcher is PRODUCTION_SDK_PATTERN else "re:" + matcher.pattern
    return "<function %s>" % getattr(matcher, "__name__", "matcher")


def _short_list(items: list[str], limit: int = _SHOWN_URLS) -> str:
    if not items:
        return "none"
    shown = ", ".join(items[:limit])
    if len(items) > limit:
        shown += ", ... and %d more" % (len(items) - limit)
    return shown


# ---------------------------------------------------------------- routing (one per context)


class _Routing:
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


# ---------------------------------------------------------------- the controller


class ChatMock:
    """The mock TWT Chat SDK on one page: configure it, drive it, and read what the page did.

    Made by the `chat_mock` fixture; `ChatMock.attach(page)` makes one outside pytest. Times
    are milliseconds, as in Playwright. Every control and view waits (up to the timeout) for
    the SDK to be on the page, and fails with what the page did instead if it never comes.
    """

    def __init__(
        self,
        page: Page,
        *,
        urls: Iterable[UrlMatcher] = (),
        timeout: float = DEFAULT_TIMEOUT_MS,
        _routing: _Routing | None = None,
    ) -> None:
        self.page = page
        #: Default timeout in ms of every wait (and of the auto-wait before a control).
        self.timeout = timeout
        self._routing = _routing if _routing is not None else _Routing(page.context)
        if _routing is None:
            self._routing.add(PRODUCTION_SDK_PATTERN)
        for url in urls:
            self._routing.add(url)

    @classmethod
    def attach(
        cls, page: Page, *, urls: Iterable[UrlMatcher] = (), timeout: float = DEFAULT_TIMEOUT_MS
    ) -> ChatMock:
        """Route the SDK URLs of `page`'s context to the mock and return its controller."""
        return cls(page, urls=urls, timeout=timeout)

    def for_page(self, page: Page) -> ChatMock:
        """A controller for another page of the same context (a popup, a second tab)."""
        if page.context != self._routing.context:
            raise ValueError("for_page() needs a page of the same browser context")
        return ChatMock(page, timeout=self.timeout, _routing=self._routing)

    def close(self) -> None:
        """Remove the kit's routes and listeners from the context (the fixture does this)."""
        self._routing.close()

    # ------------------------------------------------------------ configuration (before load)

    def route(self, url: UrlMatcher) -> ChatMock:
        """Also serve the mock for `url` (a Playwright glob, a regex, or a url -> bool function).

        ```python
        chat_mock.route("https://chat.example.com/twt/core.js*")
        ```
        """
        self._routing.add(url)
        return self

    def configure(self, **options: Any) -> ChatMock:
        """Set the mock's options for the next SDK load the kit serves (call before `goto`).

        `delay` (ms), `ready` (`"never"`), `fail` (message), `unread` (messages waiting),
        `version`, `agent` (default author), `autoboot`, `initial_visibility`,
        `async_events`. Calls merge; `fail=None` clears a failure.

        ```python
        chat_mock.configure(delay=500, unread=2)
        page.goto("/")
        ```
        """
        self._routing.options.update(mock_options(options))
        return self

    @property
    def options(self) -> dict[str, Any]:
        """The options `configure()` set so far (the mock's names)."""
        return dict(self._routing.options)

    @property
    def routes(self) -> list[str]:
        """The URL patterns the kit serves the mock for."""
        return [_describe_matcher(m) for m in self._routing.matchers]

    @property
    def served(self) -> list[str]:
        """The SDK URLs the kit served the mock for, in order."""
        return list(self._routing.served)

    # ------------------------------------------------------------ controls

    def agent_message(self, text: str, author: str | None = None) -> int:
        """An agent sends `text` (held until ready while loading); returns the unread count."""
        __tracebackhide__ = True
        if not isinstance(text, str):
            raise TypeError("agent_message() takes the message text (a str), got %r" % (text,))
        return int(self._control("agentMessage", text, *self._author(author)))

    def agent_messages(self, messages: int | list[str], author: str | None = None) -> int:
        """`n` sample agent messages, or one per text in a list; returns the unread count."""
        __tracebackhide__ = True
        if isinstance(messages, bool) or not isinstance(messages, (int, list)):
            raise TypeError(
                "agent_messages() takes a count or a list of texts, got %r" % (messages,)
            )
        return int(self._control("agentMessages", messages, *self._author(author)))

    def fail(self, message: str = "Simulated SDK failure") -> None:
        """Fail the SDK with `message` (`__twt__sdk_error`); before load: fail at boot."""
        __tracebackhide__ = True
        if not isinstance(message, str):
            raise TypeError("fail() takes the failure message (a str), got %r" % (message,))
        if self._live():
            self._control("fail", message)
        else:
            self.configure(fail=message)

    def set_boot_delay(self, ms: float) -> None:
        """How long the SDK takes to become ready; before load: the `delay` option."""
        __tracebackhide__ = True
        if self._live():
            _option_value("delay", ms)
            self._control("setBootDelay", ms)
        else:
            self.configure(delay=ms)

    def never_ready(self) -> None:
        """The SDK never becomes ready (and never fails); before load: `ready="never"`."""
        __tracebackhide__ = True
        if self._live():
            self._control("neverReady")
        else:
            self.configure(ready="never")

    def boot(self) -> None:
        """Start a boot held back by `autoboot=False` (or by `never_ready()`)."""
        __tracebackhide__ = True
        self._control("boot")

    def reset(self, **options: Any) -> None:
        """Back to a fresh SDK (state, messages, calls, widget), booting again with `options`
        on top of the load's; the page's listeners stay registered."""
        __tracebackhide__ = True
        self._control("reset", mock_options(options))

    def clear_calls(self) -> None:
        """Forget the recorded API calls."""
        __tracebackhide__ = True
        self._control("clearCalls")

    def _author(self, author: str | None) -> list[Any]:
        if author is None:
            return []
        if not isinstance(author, str):
            raise TypeError("author must be a str, got %r" % (author,))
        return [{"from": author}]

    def _live(self) -> bool:
        try:
            return bool(self.page.evaluate(_JS_PRESENT))
        except Exception:  # no document yet (about:blank closing, navigation)
            return False

    def _control(self, name: str, *args: Any) -> Any:
        __tracebackhide__ = True
        self.wait_loaded()
        result = self.page.evaluate(_JS_CONTROL, {"name": name, "args": list(args)})
        if result.get("missing"):
            raise AssertionError(
                "the mock SDK left the page (%s) before %s()" % (self.page.url, name)
            )
        return result.get("value")

    # ------------------------------------------------------------ views

    @property
    def loaded(self) -> bool:
        """True when the mock SDK is on the page now (no waiting)."""
        return self._live()

    @property
    def state(self) -> ChatState:
        """The SDK's current state (waits for the SDK to be on the page)."""
        __tracebackhide__ = True
        self.wait_loaded()
        data = self.page.evaluate(_JS_VIEW)
        if data is None:
            raise AssertionError("the mock SDK left the page (%s)" % self.page.url)
        return ChatState.from_json(data)

    @property
    def calls(self) -> list[Call]:
        """Every API call the page made, in order: `Call(method, args)` tuples."""
        __tracebackhide__ = True
        self.wait_loaded()
        rows = self.page.evaluate(_JS_CALLS) or []
        return [Call(method, tuple(args)) for method, args in rows]

    def calls_to(self, method: str) -> list[tuple[Any, ...]]:
        """The argument tuples of every call to `method` (e.g. `"setLanguage"`)."""
        __tracebackhide__ = True
        return [call.args for call in self.calls if call.method == method]

    @property
    def messages(self) -> list[Message]:
        """The messages in the chat window (agents' and the visitor's), oldest first."""
        __tracebackhide__ = True
        rows = self._control("messages") or []
        return [
            Message(row["from"], row["text"], row.get("author"), float(row.get("time") or 0))
            for row in rows
        ]

    # Locators of the mock's widget (Playwright's CSS pierces its open shadow root).

    @property
    def widget(self) -> Locator:
        """The mock widget's host element (a Playwright `Locator`)."""
        return self.page.locator("#twt-mock-widget")

    @property
    def launcher(self) -> Locator:
        """The floating launcher button (`Locator`)."""
        return self.page.locator('#twt-mock-widget [data-testid="twt-launcher"]')

    @property
    def badge(self) -> Locator:
        """The unread badge on the launcher (`Locator`)."""
        return self.page.locator('#twt-mock-widget [data-testid="twt-badge"]')

    @property
    def panel(self) -> Locator:
        """The chat window (`Locator`; hidden while closed)."""
        return self.page.locator('#twt-mock-widget [data-testid="twt-panel"]')

    # ------------------------------------------------------------ accessibility

    def audit(
        self,
        *,
        include: Selectors = None,
        exclude: Selectors = None,
        disable: Iterable[str] = (),
        tags: Iterable[str] | None = None,
    ) -> AuditReport:
        """Run axe-core on the page (the chat widget included) and fail with a readable list
        (rule, impact, elements, fix) unless it finds zero violations; returns the report.
        Arguments as `twt_py.testing.audit`.

        ```python
        chat_mock.wait_ready()
        chat_mock.audit()                               # chat closed
        chat_mock.page.get_by_role("button", name="Contact us").click()
        chat_mock.audit(include="#twt-mock-widget")     # the open chat window only
        ```
        """
        __tracebackhide__ = True
        return assert_accessible(
            self.page, include=include, exclude=exclude, disable=disable, tags=tags
        )

    # ------------------------------------------------------------ waits

    def wait_loaded(self, timeout: float | None = None) -> None:
        """Wait until the SDK script has run on the page (`window.__twt_mock__` exists)."""
        __tracebackhide__ = True
        self._loaded(_Clock(self._limit(timeout)))

    def wait_ready(self, timeout: float | None = None) -> ChatState:
        """Wait until the SDK is ready; fails at once if it fails instead, with its message."""
        __tracebackhide__ = True
        clock = _Clock(self._limit(timeout))
        self._loaded(clock)
        self._wait(_JS_SETTLED, None, clock, "the TWT SDK did not become ready")
        state = self.state
        if not state.ready:
            raise AssertionError("the TWT SDK failed instead of becoming ready: %s" % state.error)
        return state

    def wait_for_error(self, timeout: float | None = None) -> str:
        """Wait until the SDK has failed; return its message."""
        __tracebackhide__ = True
        state = self.wait_for_state(lambda s: s.error is not None, timeout=timeout)
        assert state.error is not None
        return state.error

    def wait_for_call(
        self, method: str, *args: Any, count: int = 1, timeout: float | None = None
    ) -> Call:
        """Wait until the page has called `method` `count` times (with exactly `args`, if
        given; the key order of objects does not matter); return that call.

        ```python
        page.get_by_role("button", name="Contact us").click()
        chat_mock.wait_for_call("open")
        chat_mock.wait_for_call("setLanguage", "ja")
        ```
        """
        __tracebackhide__ = True
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise ValueError("count must be a positive int, got %r" % (count,))
        clock = _Clock(self._limit(timeout))
        self._loaded(clock)
        what = "the page did not call %s(%s)%s" % (
            method,
            ", ".join(json.dumps(a) for a in args) if args else "...",
            " %d times" % count if count != 1 else "",
        )
        want = {"method": method, "args": list(args) if args else None, "count": count}
        found_method, found_args = self._wait(_JS_FIND_CALL, want, clock, what)
        return Call(found_method, tuple(found_args))

    def wait_for_state(
        self,
        predicate: Callable[[ChatState], bool] | None = None,
        *,
        timeout: float | None = None,
        **expected: Any,
    ) -> ChatState:
        """Wait until the state has every `expected` value (`open=True, unread=0`) and
        `predicate(state)` is true; return the state.

        The page is watched for state changes, so a Python predicate is re-checked on each
        change, not on a timer.
        """
        __tracebackhide__ = True
        unknown = sorted(set(expected) - set(STATE_FIELDS))
        if unknown:
            raise TypeError(
                "wait_for_state() got unknown fields %s; fields: %s"
                % (", ".join(unknown), ", ".join(STATE_FIELDS))
            )
        if predicate is not None and not callable(predicate):
            raise TypeError("wait_for_state() takes a function of the state, got %r" % (predicate,))
        clock = _Clock(self._limit(timeout))
        self._loaded(clock)
        wanted = ", ".join("%s=%r" % kv for kv in expected.items())
        if predicate is not None:
            wanted = ", ".join(filter(None, [wanted, getattr(predicate, "__name__", "predicate")]))
        what = "the TWT SDK's state did not reach %s" % wanted
        while True:
            if expected:
                self._wait(_JS_STATE_MATCHES, expected, clock, what)
            # The state and its key in one evaluation: a change after it is never missed.
            snapshot = self.page.evaluate(_JS_VIEW_AND_KEY)
            if snapshot is None:
                raise AssertionError("the mock SDK left the page (%s)" % self.page.url)
            state = ChatState.from_json(snapshot[0])
            if (predicate is None or predicate(state)) and _matches(state, expected):
                return state
            if clock.expired():
                raise AssertionError(self._diagnose(what, clock.limit, state))
            self._wait(_JS_STATE_CHANGED, snapshot[1], clock, what)

    # ------------------------------------------------------------ waiting and diagnosis

    def _limit(self, timeout: float | None) -> float:
        limit = float(self.timeout if timeout is None else timeout)
        if not limit > 0:
            raise ValueError(
                "timeout must be a positive number of milliseconds, got %r" % (timeout,)
            )
        return limit

    def _loaded(self, clock: _Clock) -> None:
        __tracebackhide__ = True
        if not self._live():
            self._wait(_JS_PRESENT, None, clock, "the TWT SDK did not load")
        if self._routing.options and not self._routing.served:
            own = self.page.evaluate(_JS_OWN_MOCK_SCRIPTS)
            raise AssertionError(
                "chat_mock.configure(%s) applies to SDK loads the kit serves, but this page "
                "loaded its own mock (%s) and the kit served nothing; route that URL with "
                "chat_mock.route(...) before goto, or use chat_mock.reset(...) instead"
                % (
                    self._format_options(),
                    _short_list(own) if own else "a script the kit did not serve",
                )
            )

    def _wait(self, js: str, arg: Any, clock: _Clock, what: str) -> Any:
        """`page.wait_for_function` within what is left of `clock`; its value, as JSON."""
        __tracebackhide__ = True
        from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

        try:
            handle = self.page.wait_for_function(js, arg=arg, timeout=clock.left())
        except PlaywrightTimeoutError:
            raise AssertionError(self._diagnose(what, clock.limit)) from None
        return handle.json_value()

    def _format_options(self) -> str:
        names = {v: k for k, v in _OPTION_NAMES.items()}
        return ", ".join("%s=%r" % (names.get(k, k), v) for k, v in self._routing.options.items())

    def _diagnose(self, what: str, limit: float, state: ChatState | None = None) -> str:
        routing = self._routing
        lines = ["%s within %g ms (page %s)" % (what, limit, self.page.url)]
        if not self._live():
            routes = ", ".join(self.routes)
            if not routing.served:
                lines[0] = (
                    "the page never requested the TWT SDK (routes: %s); did it load core.js? "
                    "requested URLs: %s" % (routes, _short_list(routing.requested))
                )
                lines.append(
                    "(while waiting: %s within %g ms on %s)" % (what, limit, self.page.url)
                )
                lookalike = [
                    u
                    for u in routing.requested
                    if ("core.js" in u or "twt" in u.lower()) and not is_runtime_url(u)
                    and "twt_py" not in u
                ]
                if lookalike:
                    lines.append(
                        "these requests look like an SDK the kit does not route: %s; add "
                        "chat_mock.route(<glob>) or the twt_sdk_urls ini option"
                        % _short_list(lookalike, 5)
                    )
            else:
                lines.append(
                    "the kit served the mock for %s, but window.__twt_mock__ is not on the page: "
                    "the script did not run (blocked, failed, or the page navigated away)"
                    % _short_list(routing.served, 5)
                )
        else:
            state = state or self.state
            lines.append(
                "SDK state: phase=%s ready=%s error=%r open=%s unread=%d visibility=%s "
                "language=%s"
                % (
                    state.phase,
                    state.ready,
                    state.error,
                    state.open,
                    state.unread,
                    state.visibility,
                    state.language,
                )
            )
            if state.phase == "loading":
                options = self.page.evaluate(_js("return mock().options();"))
                if options.get("ready") == "never" or not options.get("autoboot", True):
                    lines.append(
                        "the mock was told not to become ready (ready=%r, autoboot=%r)"
                        % (options.get("ready"), options.get("autoboot"))
                    )
            calls = self.calls
            lines.append(
                "API calls so far: %s"
                % _short_list(
                    ["%s%s" % (c.method, json.dumps(list(c.args))) for c in calls[-15:]], 15
                )
            )
        lines.extend(routing.log.hints())
        if routing.options:
            lines.append("configured: %s" % self._format_options())
        if routing.console:
            lines.append("console: " + " | ".join(routing.console[-8:]))
        return "\n".join(lines)

    def __repr__(self) -> str:
        return "<ChatMock %s routes=%s served=%d>" % (
            self.page.url,
            self.routes,
            len(self._routing.served),
        )


def _matches(state: ChatState, expected: dict[str, Any]) -> bool:
    def key(value: Any) -> str:
        return json.dumps(value, sort_keys=True)

    return all(key(getattr(state, name)) == key(value) for name, value in expected.items())


class _Clock:
    """One wait's time budget, shared by its stages (load, then the condition)."""

    def __init__(self, limit_ms: float) -> None:
        self.limit = limit_ms
        self.end = time.monotonic() + limit_ms / 1000

    def left(self) -> float:
        # Playwright reads timeout=0 as "no timeout": never pass less than 1 ms.
        return max(1.0, (self.end - time.monotonic()) * 1000)

    def expired(self) -> bool:
        return time.monotonic() >= self.end
