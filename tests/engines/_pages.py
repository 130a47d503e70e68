"""What the engine tests share about the test pages (tests/pages/): their `#log` lines and
the `twt-test` command event, through `EnginePage` alone."""

from _driver import EnginePage

LINES = "() => [...document.querySelectorAll('#log li')].map(li => li.textContent)"
HAS_LINE = "(t) => [...document.querySelectorAll('#log li')].some(li => li.textContent.includes(t))"
DONE = "() => window.__twt_done__ === true"
# Resources the page fetched so far (what Playwright's request events give, on every engine).
FETCHED = "(part) => performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes(part))"


def lines(page: EnginePage) -> "list[str]":
    return [str(line) for line in page.evaluate(LINES)]  # type: ignore[attr-defined]


def wait_line(page: EnginePage, text: str, timeout_ms: int = 20_000) -> None:
    page.wait_for(HAS_LINE, text, timeout_ms)


# Pyodide on WebKitGTK takes 20-50 s to boot on a busy 2-core machine (its first page more).
BOOT_MS = 180_000


def open_page(page: EnginePage, path: str) -> None:
    """Open a test page and wait until its Python says it is done."""
    page.goto(path)
    page.wait_for(DONE, timeout_ms=BOOT_MS)


def command(page: EnginePage, cmd: str) -> None:
    """Send the page's Python a command and wait for the call it made."""
    page.evaluate(
        "async c => { window.dispatchEvent(new CustomEvent('twt-test', {detail: c}));"
        " await window.__twt_command__; }",
        cmd,
    )
