"""Pages in browsers older than the newest features twt-py could use (docs/browsers.md).

Each test deletes a feature with an init script, as a browser without it would lack it, and
checks what the page does then: it still works, or says in one console line what is missing
and which browsers have it. (A worker page without SharedArrayBuffer: tests/browser/
test_workers.py.)
"""

import pytest
from playwright.sync_api import Page

from twt_py._cpython.browsers import floor

TIMEOUT = 60_000


def test_chat_ready_without_promise_with_resolvers(page: Page, runtime: str) -> None:
    # Safari before 17.4, Firefox before 121: `await Chat.ready()` times out, then succeeds.
    page.add_init_script("delete Promise.withResolvers")
    page.goto("/_t/%s/ready_timeout?delivery=files" % runtime)
    page.wait_for_function("window.__twt_done__ === true", timeout=TIMEOUT)
    assert page.evaluate("typeof Promise.withResolvers") == "undefined"
    lines = page.locator("#log li").all_inner_texts()
    assert lines == ["timeout True", "live-after-timeout 0", "ready 1.2.0-mock 0"]


@pytest.mark.runtimes("brython")
def test_brython_fast_path_without_decompression_stream_loads_the_plain_bundle(page: Page, runtime: str) -> None:
    """Safari before 16.4 has no DecompressionStream: the loader says so in one line and
    registers the plain bundle instead, and the page's Python runs. (Brython's loader only:
    PyScript's unpacks nothing.)"""
    warnings: "list[str]" = []
    requests: "list[str]" = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    page.on("request", lambda r: requests.append(r.url.split("?")[0]))
    page.add_init_script("delete globalThis.DecompressionStream")
    page.goto("/_t/%s/probe?delivery=fast" % runtime)
    page.wait_for_function("window.__twt_done__ === true", timeout=TIMEOUT)
    assert page.evaluate("window.__twt_results__.name") == "brython"
    assert [u.rsplit("/", 1)[-1] for u in requests if "/dist/" in u] == [
        "twt_py.brython-compiled.js",
        "twt_py.brython.js",
    ]
    assert [w for w in warnings if "DecompressionStream" in w] == [
        "twt_py.brython-compiled.js needs DecompressionStream (Safari 16.4, Firefox 113, "
        "Chrome 80): loading the plain %s/dist/twt_py.brython.js instead"
        % page.evaluate("location.origin")
    ], warnings


MISSING = {
    "micropython": ("delete window.structuredClone", "structuredClone", "PyScript 0.7"),
    "pyodide": ("delete Array.prototype.at", "Array.prototype.at", "PyScript 0.7"),
    "brython": ("delete Object.hasOwn", "Object.hasOwn", "Brython 3.14"),
}


@pytest.mark.twt_allow_errors()  # the runtime fails after the line: that is the point
def test_a_browser_too_old_for_the_runtime_is_named(page: Page, runtime: str, console_errors) -> None:  # type: ignore[no-untyped-def]
    script, feature, who = MISSING[runtime]
    console_errors.allow(".")
    page.add_init_script(script)
    with page.expect_console_message(
        lambda m: m.type == "error" and m.text.startswith("twt-early.js: this browser has no "),
        timeout=TIMEOUT,
    ) as message:
        page.goto("/demo/%s.html" % runtime)  # with the shim, as the docs ask of a page
    floors = floor("PyScript" if who.startswith("PyScript") else "Brython")
    assert message.value.text == (
        "twt-early.js: this browser has no %s, which %s needs (%s or later): the page's "
        "Python cannot run here" % (feature, who, floors)
    )
