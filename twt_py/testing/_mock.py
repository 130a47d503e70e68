"""`ChatMock`: the mock TWT Chat SDK on a Playwright page, controlled and observed from Python.

The kit routes the vendor's production SDK URL (and any URL a test adds) to the mock SDK that
ships with twt-py, then talks to the mock's control object, `window.__twt_mock__`
(docs/mock-sdk.md). A page that loads the mock itself (`/static/twt-mock-sdk.js`) works too:
the controls and views only need `window.__twt_mock__` on the page.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ._audit import AuditReport, Selectors, assert_accessible
from ._mockjs import (
    JS_CALLS,
    JS_CONTROL,
    JS_FIND_CALL,
    JS_PRESENT,
    JS_SETTLED,
    JS_STATE_CHANGED,
    JS_STATE_MATCHES,
    JS_VIEW,
    JS_VIEW_AND_KEY,
)
from ._mocksource import mock_sdk_path, mock_sdk_source, window_listeners
from ._mockvalues import (
    STATE_FIELDS,
    Call,
    ChatState,
    Message,
    format_options,
    mock_options,
    option_value,
)
from ._mockwait import Clock, diagnose, matches, time_limit, until_loaded, wait_js
from ._routing import (
    PRODUCTION_SDK_GLOB,
    PRODUCTION_SDK_PATTERN,
    PRODUCTION_SDK_URL,
    Routing,
    UrlMatcher,
    describe_matcher,
)

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

__all__ = [
    "DEFAULT_TIMEOUT_MS",
    "PRODUCTION_SDK_GLOB",
    "PRODUCTION_SDK_URL",
    "Call",
    "ChatMock",
    "ChatState",
    "Message",
    "UrlMatcher",
    "mock_sdk_path",
    "mock_sdk_source",
    "window_listeners",
]

#: Default wait, in milliseconds (Playwright's unit), for every `wait_*` and auto-wait.
DEFAULT_TIMEOUT_MS = 30_000


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
        _routing: Routing | None = None,
    ) -> None:
        self.page = page
        #: Default timeout in ms of every wait (and of the auto-wait before a control).
        self.timeout = timeout
        self._routing = _routing if _routing is not None else Routing(page.context)
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
        return [describe_matcher(m) for m in self._routing.matchers]

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
            option_value("delay", ms)
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
            return bool(self.page.evaluate(JS_PRESENT))
        except Exception:  # no document yet (about:blank closing, navigation)
            return False

    def _control(self, name: str, *args: Any) -> Any:
        __tracebackhide__ = True
        self.wait_loaded()
        result = self.page.evaluate(JS_CONTROL, {"name": name, "args": list(args)})
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
        data = self.page.evaluate(JS_VIEW)
        if data is None:
            raise AssertionError("the mock SDK left the page (%s)" % self.page.url)
        return ChatState.from_json(data)

    @property
    def calls(self) -> list[Call]:
        """Every API call the page made, in order: `Call(method, args)` tuples."""
        __tracebackhide__ = True
        self.wait_loaded()
        rows = self.page.evaluate(JS_CALLS) or []
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
        until_loaded(self, Clock(time_limit(self.timeout, timeout)))

    def wait_ready(self, timeout: float | None = None) -> ChatState:
        """Wait until the SDK is ready; fails at once if it fails instead, with its message."""
        __tracebackhide__ = True
        clock = Clock(time_limit(self.timeout, timeout))
        until_loaded(self, clock)
        wait_js(self, JS_SETTLED, None, clock, "the TWT SDK did not become ready")
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
        clock = Clock(time_limit(self.timeout, timeout))
        until_loaded(self, clock)
        what = "the page did not call %s(%s)%s" % (
            method,
            ", ".join(json.dumps(a) for a in args) if args else "...",
            " %d times" % count if count != 1 else "",
        )
        want = {"method": method, "args": list(args) if args else None, "count": count}
        found_method, found_args = wait_js(self, JS_FIND_CALL, want, clock, what)
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
        clock = Clock(time_limit(self.timeout, timeout))
        until_loaded(self, clock)
        wanted = ", ".join("%s=%r" % kv for kv in expected.items())
        if predicate is not None:
            wanted = ", ".join(filter(None, [wanted, getattr(predicate, "__name__", "predicate")]))
        what = "the TWT SDK's state did not reach %s" % wanted
        while True:
            if expected:
                wait_js(self, JS_STATE_MATCHES, expected, clock, what)
            # The state and its key in one evaluation: a change after it is never missed.
            snapshot = self.page.evaluate(JS_VIEW_AND_KEY)
            if snapshot is None:
                raise AssertionError("the mock SDK left the page (%s)" % self.page.url)
            state = ChatState.from_json(snapshot[0])
            if (predicate is None or predicate(state)) and matches(state, expected):
                return state
            if clock.expired():
                raise AssertionError(self._diagnose(what, clock.limit, state))
            wait_js(self, JS_STATE_CHANGED, snapshot[1], clock, what)

    # ------------------------------------------------------------ diagnosis

    def _format_options(self) -> str:
        return format_options(self._routing.options)

    def _diagnose(self, what: str, limit: float, state: ChatState | None = None) -> str:
        return diagnose(self, what, limit, state)

    def __repr__(self) -> str:
        return "<ChatMock %s routes=%s served=%d>" % (
            self.page.url,
            self.routes,
            len(self._routing.served),
        )

