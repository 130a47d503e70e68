"""What the pages of a test's browser context did: Python and JavaScript errors, how far their
Python got, and their console errors. An uncaught error stops the test at once.

A broken page used to show up in a test as something unrelated, minutes later: a button never
enabled, a wait that timed out. The kit watches every page of the test's context instead:

- an uncaught Python error (PyScript's error output on both interpreters, a Brython traceback,
  an exception in an event handler or in a twt_py callback) or an uncaught JavaScript error
  is fatal: the kit closes the page, so whatever the test waits for ends at once, and the
  failure starts with the traceback, its `<stdin>`/`<exec>` frames named after the script's
  `src` (`main.py`);
- a page with Python that has loaded without its runtime while one of its scripts failed, or
  whose runtime (PyScript's `core.js`, `brython.js`) has not run within the start timeout
  (`--twt-start-timeout`, 10 s), is fatal the same way;
- every failure of the test says how far the page's Python got: runtime loading, running, or
  ran to its end (and then it is about the SDK or the chat).

A test that expects an error allows it: `@pytest.mark.twt_allow_errors("ZeroDivisionError")`
or `page_errors.allow(...)`; allowed errors are still listed in a failure.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, NamedTuple

from ._watchjs import BINDING, watch_js

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, ConsoleMessage, Error, Page, Response

__all__ = ["PageError", "PageErrors", "PageWatch"]

DEFAULT_START_TIMEOUT_MS = 10_000
_TRACEBACK = "Traceback (most recent call last):"
_LIMIT = 50
_WATCHES: dict[int, PageWatch] = {}
# A frame of a Python traceback: `File "<stdin>", line 26, in contact_us`.
_FRAME = re.compile(r'^(\s*File ")([^"]+)(", line )(\d+)(.*)$')
_ANONYMOUS = ("<stdin>", "<exec>", "<string>")


class PageError(NamedTuple):
    """One uncaught error of a page: `kind` is `"python"` or `"javascript"`; `text` the
    traceback (file names mapped back to the page's scripts) or the JS error and its stack;
    `raw` what the browser reported."""

    kind: str
    text: str
    url: str
    raw: str = ""

    @property
    def summary(self) -> str:
        """The last line of a traceback (`AttributeError: ...`), or the JS error's first line."""
        lines = [line for line in self.text.splitlines() if line.strip()]
        if self.kind == "python":
            for line in reversed(lines):
                if not line.startswith((" ", "\t", "(")) and ":" in line:
                    return line.strip()
        return lines[0].strip() if lines else self.kind


class _PageState:
    """How far one page's Python got, from the watch script's reports."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.scripts: list[dict[str, Any]] = []
        self.started = ""
        self.done: set[int] = set()
        self.listed = False
        #: Uncaught Python errors while its scripts ran, and after they all had.
        self.raised_running = 0
        self.raised_after = 0
        #: Stopped before the page listed its scripts (before its DOMContentLoaded).
        self.stopped_unlisted = False


class PageWatch:
    """The watch over one browser context's pages (made by the plugin, one per context)."""

    def __init__(self, context: BrowserContext, start_ms: int = DEFAULT_START_TIMEOUT_MS) -> None:
        self.context = context
        self.start_ms = start_ms
        self.errors: list[PageError] = []
        self.console: list[str] = []
        self.allowed: list[re.Pattern[str]] = []
        #: Fail the test on the first error that is not allowed (set False: only record).
        self.enabled = True
        self.fatal: str | None = None
        self._pages: dict[int, _PageState] = {}
        self._sources: dict[str, Response] = {}
        context.expose_binding(BINDING, self._on_report)
        context.add_init_script(watch_js(start_ms))
        context.on("page", self._attach)
        for page in context.pages:
            self._attach(page)

    @classmethod
    def of(cls, context: BrowserContext, start_ms: int = DEFAULT_START_TIMEOUT_MS) -> PageWatch:
        """The watch of `context`, made on first use."""
        watch = _WATCHES.get(id(context))
        if watch is None or watch.context is not context:
            watch = _WATCHES[id(context)] = cls(context, start_ms)
        return watch

    @staticmethod
    def find(context: BrowserContext) -> PageWatch | None:
        """The watch of `context`, if the plugin made one (None outside pytest)."""
        watch = _WATCHES.get(id(context))
        return watch if watch is not None and watch.context is context else None

    def close(self) -> None:
        if _WATCHES.get(id(self.context)) is self:
            del _WATCHES[id(self.context)]

    # ------------------------------------------------------------ allowing

    def allow(self, *patterns: str) -> None:
        """Let errors whose text matches one of `patterns` (regexes, searched) pass; with no
        pattern, every error."""
        for pattern in patterns or (".",):
            if not isinstance(pattern, str):
                raise TypeError("allow() takes regex strings, got %r" % (pattern,))
            self.allowed.append(re.compile(pattern, re.S))

    def is_allowed(self, error: PageError) -> bool:
        return any(p.search(error.text) or p.search(error.raw) for p in self.allowed)

    # ------------------------------------------------------------ events

    def _attach(self, page: Page) -> None:
        self._pages[id(page)] = _PageState(page)
        page.on("console", lambda message: self._on_console(page, message))
        page.on("pageerror", lambda error: self._on_pageerror(page, error))
        page.on("response", self._on_response)

    def _state(self, page: Page) -> _PageState:
        state = self._pages.get(id(page))
        if state is None or state.page is not page:
            state = self._pages[id(page)] = _PageState(page)
        return state

    def _on_response(self, response: Response) -> None:
        path = response.url.split("?", 1)[0].split("#", 1)[0]
        if path.endswith(".py") and len(self._sources) < _LIMIT:
            self._sources[response.url] = response

    def _on_console(self, page: Page, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        text = message.text
        if _TRACEBACK in text:
            self._record(page, PageError("python", self._map(page, _python_text(text)), page.url, text))
        elif len(self.console) < _LIMIT:
            where = (message.location or {}).get("url") or ""
            self.console.append("%s [%s]" % (text[:2000], where) if where else text[:2000])

    def _on_pageerror(self, page: Page, error: Error) -> None:
        message = error.message or ""
        text = error.stack or ("%s: %s" % (error.name, message) if error.name else message)
        if _TRACEBACK in text:
            self._record(page, PageError("python", self._map(page, _python_text(text)), page.url, text))
        elif not error.name and message in ("", "Object") and any(
            e.kind == "python" and e.url == page.url for e in self.errors
        ):
            return  # Brython throws the exception it has just printed: not a second error
        else:
            self._record(page, PageError("javascript", text, page.url, text))

    def _on_report(self, source: dict[str, Any], kind: str, data: dict[str, Any]) -> None:
        page = source.get("page")
        if page is None:
            return
        state = self._state(page)
        if kind == "scripts":  # a new document: what the last one did no longer counts
            state = self._pages[id(page)] = _PageState(page)
            state.scripts = list(data.get("scripts") or [])
            state.listed = True
        elif kind == "started":
            state.started = str(data.get("how") or "yes")
        elif kind == "done":
            state.done.add(int(data.get("index", -1)))
        elif kind == "runtime-failed":
            urls = ", ".join(data.get("urls") or [])
            self._stop(
                page,
                "the page's interpreter never started: the page has loaded without its runtime "
                "(PyScript's core.js or brython.js), and these scripts failed: %s; see the "
                "requests that failed" % urls,
            )
        elif kind == "stalled":
            self._stop(
                page,
                "the page's interpreter never started: its runtime (PyScript's core.js or "
                "brython.js) had not run %d ms after the page's DOMContentLoaded "
                "(--twt-start-timeout); see the requests that failed"
                % int(data.get("ms", self.start_ms)),
            )

    def _record(self, page: Page, error: PageError) -> None:
        state = self._state(page)
        if error.kind == "python":
            # A `<module>` frame says it: a script's top level raised while it ran; a handler or
            # a callback that JavaScript called later has only function frames.
            frames = [line for line in error.text.splitlines() if _FRAME.match(line)]
            if any(frame.rstrip().endswith("in <module>") for frame in frames):
                state.raised_running += 1
            else:
                state.raised_after += 1
        if len(self.errors) < _LIMIT:
            self.errors.append(error)
        if not self.is_allowed(error):
            what = "Python" if error.kind == "python" else "JavaScript"
            self._stop(
                page,
                "%s\n(an uncaught %s error on %s: twt_py.testing closed the page to stop the "
                "test; a test that expects it: @pytest.mark.twt_allow_errors(regex) or "
                "page_errors.allow(regex))" % (error.text, what, page.url),
            )

    def _stop(self, page: Page, why: str) -> None:
        """The first fatal event: note it and close the page, so the test's wait ends now."""
        if self.fatal is not None or not self.enabled:
            return
        if any(p.search(why) for p in self.allowed):
            return
        self.fatal = why
        state = self._state(page)
        if not state.listed:
            state.stopped_unlisted = True
        try:
            page.close()
        except Exception:  # already closed
            pass

    # ------------------------------------------------------------ file names

    def _map(self, page: Page, text: str) -> str:
        """Name `<stdin>`/`<exec>` frames after the page's script they came from, with the
        source line, as CPython shows a traceback; `main.py#__main__` (Brython) as `main.py`;
        leave out the frames of Pyodide's own code runner."""
        scripts = self._state(page).scripts
        out: list[str] = []
        lines = text.splitlines()
        inside = False  # in a frame of Pyodide's own code, which the page did not write
        for i, line in enumerate(lines):
            frame = _FRAME.match(line)
            if not frame:
                if not (inside and line.startswith("    ")):
                    out.append(line)
                continue
            name, number = frame.group(2), int(frame.group(4))
            inside = "/_pyodide/" in name
            if inside:
                continue
            source = None
            if name in _ANONYMOUS and len(scripts) == 1:
                script = scripts[0]
                name = _file_name(script.get("src")) or "the inline <script> of %s" % page.url
                source = script.get("text") if script.get("src") is None else self._source(script)
            elif "#" in name and name.split("#", 1)[0].endswith(".py"):
                name = name.split("#", 1)[0].rsplit("/", 1)[-1]
            out.append("%s%s%s%d%s" % (frame.group(1), name, frame.group(3), number, frame.group(5)))
            following = lines[i + 1] if i + 1 < len(lines) else ""
            if source and not following.startswith("    "):
                code = source.splitlines()
                if 0 < number <= len(code) and code[number - 1].strip():
                    out.append("    " + code[number - 1].strip())
        return "\n".join(out)

    def _source(self, script: dict[str, Any]) -> str | None:
        response = self._sources.get(str(script.get("src")))
        if response is None:
            return None
        try:
            return response.text()
        except Exception:  # the body is gone (page closed, redirect)
            return None

    # ------------------------------------------------------------ reports

    def stage(self) -> str | None:
        """Where the last page with Python stopped, in words; None when no page had Python."""
        states = [s for s in self._pages.values() if s.scripts or s.stopped_unlisted]
        if not states:
            return None
        state = states[-1]
        if not state.scripts:
            # An error that stops a page before its DOMContentLoaded (a loader in <head> that
            # throws) can reach the kit before the page's list of scripts does; no Python runs
            # that early on any runtime, so the stage is known even without the names.
            return (
                "runtime loading: the page was stopped before its DOMContentLoaded, so its "
                "interpreter never started"
            )
        names = ", ".join(
            _file_name(s.get("src")) or "an inline <script type=%s>" % s.get("type")
            for s in state.scripts
        )
        if not state.started and not state.raised_running:
            return (
                "runtime loading: the page's interpreter never started (%s never ran)" % names
            )
        if state.raised_running:
            return "page Python running: %s stopped at an uncaught error" % names
        missing = [s for i, s in enumerate(state.scripts) if i not in state.done]
        if missing:
            return "page Python running: the interpreter started, but %s never ran to its end" % (
                ", ".join(_file_name(s.get("src")) or "an inline script" for s in missing)
            )
        if state.raised_after:
            return (
                "SDK/chat: the page's Python (%s) ran to its end; then an event handler or a "
                "callback raised an uncaught error" % names
            )
        return "SDK/chat: the page's Python (%s) ran to its end" % names

    def sections(self) -> list[tuple[str, str]]:
        """Report sections for a failed test: errors, how far the page's Python got, console."""
        out: list[tuple[str, str]] = []
        shown = [e for e in self.errors if self.fatal is None or e.text not in self.fatal]
        if shown:
            out.append(
                (
                    "twt_py.testing: errors the page raised",
                    "\n\n".join(
                        "%s%s" % ("(allowed) " if self.is_allowed(e) else "", e.text)
                        for e in shown
                    ),
                )
            )
        stage = self.stage()
        if stage:
            out.append(("twt_py.testing: the page's Python", stage))
        if self.console:
            out.append(("twt_py.testing: console errors", "\n".join(self.console)))
        return out


def _python_text(raw: str) -> str:
    """The traceback in a runtime's message, first; what came before it (twt_py's "a callback
    raised", not PyScript's "PythonError:") after it, and no JavaScript stack."""
    before, _, after = raw.partition(_TRACEBACK)
    lines = [_TRACEBACK]
    for line in after.splitlines()[1:] if after.startswith("\n") else after.splitlines():
        if line.lstrip().startswith("at ") and line.startswith("    at "):
            break
        lines.append(line)
    while lines and not lines[-1].strip():
        lines.pop()
    before = before.strip()
    for noise in ("Uncaught", "PythonError:"):
        before = before.replace(noise, "").strip()
    if before:
        lines.append("(%s)" % before.rstrip(":"))
    return "\n".join(lines)


def _file_name(src: Any) -> str:
    if not src:
        return ""
    return str(src).split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]


class PageErrors:
    """The `page_errors` fixture: the errors this test's pages raised, and the opt-out.

    ```python
    def test_a_broken_widget_shows_the_fallback(page, page_errors):
        page_errors.allow("ZeroDivisionError")      # expected: do not stop the test
        page.goto("/")
        expect(page.locator("#fallback")).to_be_visible()
        assert "ZeroDivisionError" in page_errors.errors[0].text
    ```
    """

    def __init__(self, watch: PageWatch) -> None:
        self._watch = watch

    def allow(self, *patterns: str) -> None:
        """Do not stop the test on errors whose text matches one of `patterns` (regexes,
        searched); with no pattern, on no error."""
        self._watch.allow(*patterns)

    @property
    def errors(self) -> list[PageError]:
        """Every uncaught error of the test's pages so far, allowed or not, in order."""
        return list(self._watch.errors)

    @property
    def console(self) -> list[str]:
        """The console errors that were not Python tracebacks (`console.error`, failed
        resources), in order."""
        return list(self._watch.console)
