"""One small page driver over two back ends, so the same test runs on every engine.

- `PlaywrightPage`: Chromium (and Playwright's own Firefox or WebKit where installed);
- `SeleniumPage`: Firefox ESR over geckodriver, WebKitGTK's MiniBrowser over WebKitWebDriver.

Every method does the same thing on both, through the page's own JavaScript where the two
APIs differ (CSS selectors reach into open shadow roots, as Playwright's do). What a page did
wrong comes from three places: the server's page guard (`twt_py/_cpython/pageguard.py`: CSP
that refuses every host but this machine, HTTP errors, and `window.__twt_guard__` for
uncaught errors, unhandled rejections and `console.error`), plus, on Playwright, its own
request routing.
"""

import importlib.util
import json
import re
import time
import urllib.request
from pathlib import Path

# The tests' browser settings (loaded by path, as tests/conftest.py does): the requests a page
# may make (`route_local_only`), and for tests/engines/conftest.py how each engine is found.
_spec = importlib.util.spec_from_file_location(
    "twt_playwright_config", Path(__file__).resolve().parents[2] / "playwright.config.py"
)
assert _spec and _spec.loader
config = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(config)

# `querySelectorAll` that also searches open shadow roots, in document order.
_DEEP = """
function __twtDeep(css) {
  var out = [];
  (function walk(root) {
    root.querySelectorAll(css).forEach(function (el) { out.push(el); });
    root.querySelectorAll("*").forEach(function (el) { if (el.shadowRoot) walk(el.shadowRoot); });
  })(document);
  return out;
}
"""

_FOCUSED = """() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  if (!el) return "";
  let text = el.tagName.toLowerCase();
  if (el.id) text += "#" + el.id;
  if (el.dataset && el.dataset.testid) text += "[data-testid=" + el.dataset.testid + "]";
  const label = el.getAttribute("aria-label");
  if (label) text += ' "' + label + '"';
  return text;
}"""

_TEXTS = "(css) => { %s return __twtDeep(css).map(el => el.innerText); }" % _DEEP

_COUNT = "(css) => { %s return __twtDeep(css).length; }" % _DEEP

_ATTRIBUTE = "([css, name]) => { %s const el = __twtDeep(css)[0]; return el ? el.getAttribute(name) : null; }" % _DEEP

_PAGE_PROBLEMS = "() => (window.__twt_guard__ ? window.__twt_guard__.problems.slice() : [])"


class EnginePage:
    """A page on one engine, at the test server. Paths are relative to the server."""

    engine: str
    how: str

    def __init__(self, engine: str, how: str, base_url: str) -> None:
        self.engine = engine
        self.how = how
        self.base_url = base_url
        self._allowed: "list[re.Pattern[str]]" = []
        self._seen: "list[str]" = []  # page problems of pages already left
        self._log_from = self._server_log(0)[0]

    # -- what each back end provides
    def goto(self, path: str) -> None:
        """Open `path` (e.g. "/_t/micropython/facade", or a full URL of another local
        server) and wait for its load event."""
        raise NotImplementedError

    def evaluate(self, js: str, arg: object = None) -> object:
        """Call the JS function expression `js` with `arg`, await it, return its JSON value."""
        raise NotImplementedError

    def click(self, css: str) -> None:
        """A real click on the first element matching `css` (waits for it to be visible)."""
        raise NotImplementedError

    def press(self, key: str) -> None:
        """Press `key` ("Tab", "Shift+Tab", "Enter", " ", "Escape", "ArrowDown") on the
        focused element."""
        raise NotImplementedError

    def url(self) -> str:
        raise NotImplementedError

    def _native_problems(self) -> "list[str]":
        return []

    # -- the same on every back end
    def wait_for(self, js: str, arg: object = None, timeout_ms: int = 60_000) -> object:
        """Call `js` until it returns something truthy, and return that."""
        deadline = time.monotonic() + timeout_ms / 1000
        polls = 0
        while True:
            value = self.evaluate(js, arg)
            if value:
                return value
            polls += 1
            # An uncaught error on the page ends the wait within a second, not at the
            # deadline: the page will not get there, and the error says why.
            failed = polls % 10 == 0 and self._unallowed(self._page_problems())
            if failed or time.monotonic() > deadline:
                raise AssertionError(
                    "%s: %s: %s\n  at %s\n  page problems: %s\n  the page shows: %s"
                    % (
                        self.engine,
                        "the page failed while waiting for" if failed else "still falsy after %d ms" % timeout_ms,
                        js,
                        self.url(),
                        self.problems() or "none",
                        self._shown(),
                    )
                )
            time.sleep(0.05)  # a poll interval, not a wait: the loop waits on the condition

    def _unallowed(self, found: "list[str]") -> "list[str]":
        return [text for text in found if not any(p.search(text) for p in self._allowed)]

    def _shown(self) -> str:
        try:
            text = str(self.evaluate("() => document.body ? document.body.innerText : ''"))
        except Exception:  # a page mid-navigation: nothing to show
            return "(unreadable)"
        return " | ".join(line for line in text.splitlines() if line.strip())[-1500:]

    def focused(self) -> str:
        """`document.activeElement`, through shadow roots: `tag#id[data-testid=x] "aria-label"`."""
        return str(self.evaluate(_FOCUSED))

    def text(self, css: str) -> str:
        """The innerText of the first element matching `css` ("" if none)."""
        found = self.texts(css)
        return found[0] if found else ""

    def texts(self, css: str) -> "list[str]":
        """The innerText of every element matching `css`, shadow roots included."""
        return [str(t) for t in self.evaluate(_TEXTS, css)]  # type: ignore[attr-defined]

    def count(self, css: str) -> int:
        """How many elements match `css`, shadow roots included."""
        return int(self.evaluate(_COUNT, css))  # type: ignore[call-overload]

    def attribute(self, css: str, name: str) -> "str | None":
        """Attribute `name` of the first element matching `css` (None if no element or no
        such attribute), shadow roots included."""
        value = self.evaluate(_ATTRIBUTE, [css, name])
        return None if value is None else str(value)

    def allow(self, pattern: str) -> None:
        """Let problems matching the regex `pattern` (searched) pass."""
        self._allowed.append(re.compile(pattern, re.S))

    def problems(self, allowed: bool = False) -> "list[str]":
        """External requests attempted, uncaught errors, unhandled rejections,
        `console.error` calls and HTTP errors so far, minus the allowed ones (with
        `allowed=True`: all of them, to assert that an expected one happened)."""
        found = [*self._seen, *self._page_problems(), *self._native_problems()]
        found += self._server_log(self._log_from)[1]
        out: "list[str]" = []
        for text in found:
            if text not in out and (allowed or not any(p.search(text) for p in self._allowed)):
                out.append(text)
        return out

    def close(self) -> None:
        """Leave the page (its problems are kept for `problems()`)."""

    def _page_problems(self) -> "list[str]":
        try:
            return [str(p) for p in self.evaluate(_PAGE_PROBLEMS)]  # type: ignore[attr-defined]
        except Exception:  # a page mid-navigation or closed: nothing to read
            return []

    def _leaving(self) -> None:
        for text in self._page_problems():
            if text not in self._seen:
                self._seen.append(text)

    def _server_log(self, since: int) -> "tuple[int, list[str]]":
        with urllib.request.urlopen("%s/_t/_guard/log?since=%d" % (self.base_url, since), timeout=10) as r:
            data = json.loads(r.read())
        return int(data["next"]), [str(e) for e in data["entries"]]


# ---------------------------------------------------------------- Playwright


class PlaywrightPage(EnginePage):
    """A fresh Playwright context per test, its requests routed (only localhost passes)."""

    def __init__(self, engine: str, how: str, base_url: str, browser, context_args: "dict[str, object]") -> None:  # type: ignore[no-untyped-def]
        super().__init__(engine, how, base_url)
        self._external: "list[str]" = []
        self.context = browser.new_context(**context_args, base_url=base_url)
        self.context.add_cookies([{"name": "twt_guard", "value": "1", "url": base_url}])
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()

    def _route(self, route) -> None:  # type: ignore[no-untyped-def]
        config.route_local_only(route, self._external)

    def _native_problems(self) -> "list[str]":
        # Errors and console come from the page guard, as on every engine; only the routing
        # is Playwright's own.
        return ["external request: %s" % u for u in self._external]

    def goto(self, path: str) -> None:
        self._leaving()
        self.page.goto(path, wait_until="load")

    def evaluate(self, js: str, arg: object = None) -> object:
        return self.page.evaluate(js, arg)

    def click(self, css: str) -> None:
        self.page.click(css)

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)

    def url(self) -> str:
        return str(self.page.url)

    def close(self) -> None:
        self._leaving()
        self.context.close()


# ---------------------------------------------------------------- Selenium

_SELENIUM_KEYS = {
    "ArrowDown": "ARROW_DOWN",
    "ArrowUp": "ARROW_UP",
    "ArrowLeft": "ARROW_LEFT",
    "ArrowRight": "ARROW_RIGHT",
    "PageDown": "PAGE_DOWN",
    "PageUp": "PAGE_UP",
    "Control": "CONTROL",
    "Meta": "META",
    "Alt": "ALT",
    "Shift": "SHIFT",
    "Space": "SPACE",
}


class SeleniumPage(EnginePage):
    """The session's one WebDriver window, reset for each test: the guard page clears
    storage and sets the guard cookie, then the test's pages load in the same tab."""

    def __init__(self, engine: str, how: str, base_url: str, driver) -> None:  # type: ignore[no-untyped-def]
        super().__init__(engine, how, base_url)
        self.driver = driver
        driver.delete_all_cookies()
        driver.get(base_url + "/_t/_guard/on")

    def goto(self, path: str) -> None:
        self._leaving()
        # A full URL: another server of this machine (as Playwright's goto takes it).
        self.driver.get(path if "://" in path else self.base_url + path)

    def evaluate(self, js: str, arg: object = None) -> object:
        # WebDriver awaits a returned Promise; the function runs outside the page's CSP.
        result = self.driver.execute_script(
            "return Promise.resolve().then(() => (%s)(arguments[0])).then("
            "v => ({ok: true, value: v === undefined ? null : JSON.parse(JSON.stringify(v))}),"
            " e => ({ok: false, error: String(e && e.stack ? e + '\\n' + e.stack : e)}));" % js,
            arg,
        )
        if not result.get("ok"):
            raise RuntimeError("%s: %s threw %s" % (self.engine, js, result.get("error")))
        return result.get("value")

    def click(self, css: str) -> None:
        deadline = time.monotonic() + 30
        while True:
            element = self.driver.execute_script(
                "%s var el = __twtDeep(arguments[0])[0];"
                " return el && el.getClientRects().length ? el : null;" % _DEEP,
                css,
            )
            if element is not None:
                element.click()
                return
            if time.monotonic() > deadline:
                raise AssertionError("%s: no visible %s to click at %s" % (self.engine, css, self.url()))
            time.sleep(0.05)  # a poll interval while waiting for the element

    def press(self, key: str) -> None:
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        *mods, last = key.split("+") if key != "+" else ["+"]
        keys = [getattr(Keys, _SELENIUM_KEYS.get(m, m.upper())) for m in mods]
        main = last if len(last) == 1 else getattr(Keys, _SELENIUM_KEYS.get(last, last.upper()))
        actions = ActionChains(self.driver)
        for m in keys:
            actions.key_down(m)
        actions.send_keys(main)
        for m in reversed(keys):
            actions.key_up(m)
        actions.perform()

    def url(self) -> str:
        return str(self.driver.current_url)

    def close(self) -> None:
        self._leaving()
        self.driver.get("about:blank")
