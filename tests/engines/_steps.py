"""Steps the engine tests share: waits on what a visitor sees, written once as page JavaScript.

Every wait goes through `EnginePage.wait_for` (the same on Playwright and WebDriver) and fails
with what the page shows instead, not just "timeout".
"""

from typing import Any

from _driver import EnginePage

# Python up. Pyodide boots in ~5 s on Chromium, ~15 s in a worker, but took 35 s to over 60 s
# on WebKitGTK with the machine's two cores shared (load average 20): only a failure waits this.
BOOT_MS = 120_000
STEP_MS = 10_000  # one visible effect after a click or a key

#: What the demo's `#runtime-name` says once each runtime's Python runs.
LABELS = {
    "pyodide": "PyScript + Pyodide",
    "micropython": "PyScript + MicroPython",
    "brython": "Brython",
}

# The mock widget's part with this `data-testid` is shown (it lives in an open shadow root).
_SHOWN = """(id) => {
  const w = document.getElementById('twt-mock-widget');
  const el = w && (w.shadowRoot || w).querySelector('[data-testid="' + id + '"]');
  return !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
}"""
_HAS_TEXT = """(a) => {
  const el = document.querySelector(a[0]);
  return !!el && el.textContent.trim() === a[1];
}"""
_LOGGED = """(a) => [...document.querySelectorAll('#event-log li[data-kind="' + a[0] + '"]')]
  .some((li) => li.textContent.includes(a[1]))"""
# The `data-testid` or id of the focused element, through open shadow roots ("" for none).
FOCUSED_ID = """() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  return el && el !== document.body ? (el.getAttribute('data-testid') || el.id || '') : '';
}"""


def open_demo(page: EnginePage, runtime: str, query: str = "") -> None:
    """Load the runtime's demo page; wait until its Python runs and the chat is ready."""
    page.goto("/demo/%s.html%s" % (runtime, query))
    label = LABELS[runtime.removesuffix("-worker")]
    try:
        page.wait_for(
            "(label) => document.getElementById('runtime-name').textContent.includes(label)",
            label,
            timeout_ms=BOOT_MS,
        )
    except AssertionError:
        raise AssertionError(
            "the demo's Python did not start on %s: #runtime-name says %r"
            % (page.engine, page.text("#runtime-name"))
        ) from None
    has_text(page, "#chat-status", "Chat online")


def has_text(page: EnginePage, css: str, want: str) -> None:
    """Wait until the element's text (trimmed) is `want`."""
    try:
        page.wait_for(_HAS_TEXT, [css, want], timeout_ms=STEP_MS)
    except AssertionError:
        raise AssertionError("%s says %r, not %r" % (css, page.text(css), want)) from None


def shown(page: EnginePage, testid: str) -> None:
    """Wait until the chat widget's part (`data-testid`) is shown."""
    try:
        page.wait_for(_SHOWN, testid, timeout_ms=STEP_MS)
    except AssertionError:
        raise AssertionError("the widget's %s is not shown" % testid) from None


def hidden(page: EnginePage, testid: str) -> None:
    """Wait until the chat widget's part (`data-testid`) is hidden (or gone)."""
    try:
        page.wait_for("(id) => !(%s)(id)" % _SHOWN, testid, timeout_ms=STEP_MS)
    except AssertionError:
        raise AssertionError("the widget's %s is still shown" % testid) from None


def focus_on(page: EnginePage, want: str) -> None:
    """Wait until the focus is on `want` (a `data-testid` or an id)."""
    try:
        page.wait_for("(want) => (%s)() === want" % FOCUSED_ID, want, timeout_ms=STEP_MS)
    except AssertionError:
        raise AssertionError("the focus is on %s, not on %r" % (page.focused(), want)) from None


def logged(page: EnginePage, kind: str, text: str) -> None:
    """Wait for a line of the demo's event log panel."""
    try:
        page.wait_for(_LOGGED, [kind, text], timeout_ms=STEP_MS)
    except AssertionError:
        raise AssertionError(
            "no %s line %r in the event log: %s" % (kind, text, page.texts("#event-log li"))
        ) from None


def mock_state(page: EnginePage, key: str) -> Any:
    """One value of the mock SDK's state now (docs/mock-sdk.md): what the widget was told."""
    return page.evaluate("(key) => window.__twt_mock__.state()[key]", key)
