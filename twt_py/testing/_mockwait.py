"""How a `ChatMock` wait keeps its time budget, waits on the page within it, and what it says
when the budget runs out."""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Any, Protocol

from ._mockjs import JS_OWN_MOCK_SCRIPTS, JS_PRESENT, js
from ._netlog import is_runtime_url
from ._pagewatch import PageWatch
from ._routing import short_list

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from ._mockvalues import Call, ChatState
    from ._routing import Routing


class _Mock(Protocol):
    """What `diagnose` reads of a `ChatMock` (a protocol, so this module needs no `_mock`)."""

    page: Page
    _routing: Routing

    @property
    def routes(self) -> list[str]: ...
    @property
    def state(self) -> ChatState: ...
    @property
    def calls(self) -> list[Call]: ...
    def _live(self) -> bool: ...
    def _format_options(self) -> str: ...

__all__ = ["Clock", "diagnose", "matches", "time_limit", "until_loaded", "wait_js"]


def diagnose(mock: _Mock, what: str, limit: float, state: ChatState | None = None) -> str:
    """`what` did not happen within `limit` ms: what the page did instead, for the failure."""
    routing = mock._routing
    lines = ["%s within %g ms (page %s)" % (what, limit, mock.page.url)]
    if not mock._live():
        routes = ", ".join(mock.routes)
        if not routing.served:
            lines[0] = (
                "the page never requested the TWT SDK (routes: %s); did it load core.js? "
                "requested URLs: %s" % (routes, short_list(routing.requested))
            )
            lines.append(
                "(while waiting: %s within %g ms on %s)" % (what, limit, mock.page.url)
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
                    % short_list(lookalike, 5)
                )
        else:
            lines.append(
                "the kit served the mock for %s, but window.__twt_mock__ is not on the page: "
                "the script did not run (blocked, failed, or the page navigated away)"
                % short_list(routing.served, 5)
            )
    else:
        state = state or mock.state
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
            options = mock.page.evaluate(js("return mock().options();"))
            if options.get("ready") == "never" or not options.get("autoboot", True):
                lines.append(
                    "the mock was told not to become ready (ready=%r, autoboot=%r)"
                    % (options.get("ready"), options.get("autoboot"))
                )
        calls = mock.calls
        lines.append(
            "API calls so far: %s"
            % short_list(
                ["%s%s" % (c.method, json.dumps(list(c.args))) for c in calls[-15:]], 15
            )
        )
    watch = PageWatch.find(mock.page.context)
    stage = watch.stage() if watch is not None else None
    if stage:
        lines.append("stage: %s" % stage)
    lines.extend(routing.log.hints())
    if routing.options:
        lines.append("configured: %s" % mock._format_options())
    if routing.console:
        lines.append("console: " + " | ".join(routing.console[-8:]))
    return "\n".join(lines)


def matches(state: ChatState, expected: dict[str, Any]) -> bool:
    def key(value: Any) -> str:
        return json.dumps(value, sort_keys=True)

    return all(key(getattr(state, name)) == key(value) for name, value in expected.items())


class Clock:
    """One wait's time budget, shared by its stages (load, then the condition)."""

    def __init__(self, limit_ms: float) -> None:
        self.limit = limit_ms
        self.end = time.monotonic() + limit_ms / 1000

    def left(self) -> float:
        # Playwright reads timeout=0 as "no timeout": never pass less than 1 ms.
        return max(1.0, (self.end - time.monotonic()) * 1000)

    def expired(self) -> bool:
        return time.monotonic() >= self.end


def time_limit(default: float, timeout: float | None) -> float:
    """A wait's budget in ms: `timeout`, else the mock's `default`; a positive number."""
    limit = float(default if timeout is None else timeout)
    if not limit > 0:
        raise ValueError("timeout must be a positive number of milliseconds, got %r" % (timeout,))
    return limit


def until_loaded(mock: _Mock, clock: Clock) -> None:
    """Wait within `clock` for the mock SDK on the page; fail at once when the test configured
    the kit's mock but the page loaded one of its own."""
    __tracebackhide__ = True
    if not mock._live():
        wait_js(mock, JS_PRESENT, None, clock, "the TWT SDK did not load")
    if mock._routing.options and not mock._routing.served:
        own = mock.page.evaluate(JS_OWN_MOCK_SCRIPTS)
        raise AssertionError(
            "chat_mock.configure(%s) applies to SDK loads the kit serves, but this page "
            "loaded its own mock (%s) and the kit served nothing; route that URL with "
            "chat_mock.route(...) before goto, or use chat_mock.reset(...) instead"
            % (mock._format_options(), short_list(own) if own else "a script the kit did not serve")
        )


def wait_js(mock: _Mock, script: str, arg: Any, clock: Clock, what: str) -> Any:
    """`page.wait_for_function(script)` within what is left of `clock`; its value, as JSON.
    On timeout, an AssertionError saying what the page did instead (`diagnose`)."""
    __tracebackhide__ = True
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    try:
        handle = mock.page.wait_for_function(script, arg=arg, timeout=clock.left())
    except PlaywrightTimeoutError:
        raise AssertionError(diagnose(mock, what, clock.limit)) from None
    return handle.json_value()
