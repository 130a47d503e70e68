"""twt_py in a PyScript worker (`<script type="py|mpy" worker>`), bound to the page's window.

The facade tests, the loading matrix, the leak test and the demo's every-scenario test run here
unchanged, on `/_t/<runtime>-worker/<name>` and `/demo/<runtime>-worker.html`:
the same page's Python in a worker, on a cross-origin isolated page (`WORKER_MODE` makes
`tests/conftest.py` pick those runtimes; Brython has no worker mode). The tests of this file's
own are what only a worker has: the error on a page that is not isolated, and the main-thread
fallback on an isolated page without SharedArrayBuffer.
"""

import re

import pytest
from playwright.sync_api import Page, expect
from test_demo import (
    BOOT_MS,
    LABELS,
    STEP_MS,
    test_every_scenario,  # noqa: F401  (the demo's <runtime>-worker.html)
)
from test_facade import (  # noqa: F401  (collected here, in worker mode)
    facade,
    test_before_ready_state_and_bad_input,
    test_commands_state_and_subscribers_after_ready,
    test_pending_commands_apply_in_order_at_ready,
    test_ready_timeout_then_ready_releases_its_timers,
)
from test_leaks import test_ten_thousand_cycles_leave_nothing  # noqa: F401
from test_loading import test_load_order  # noqa: F401

from twt_py._cpython.browsers import FEATURES

WORKER_MODE = True


@pytest.fixture
def delivery() -> str:
    """The facade tests' delivery in a worker: the plain files (the fast path's PyScript hook
    writes twt_py into the main thread's interpreter only)."""
    return "files"


def test_a_worker_on_a_page_that_is_not_isolated_fails_at_once(page: Page, runtime: str) -> None:
    lines: "list[str]" = []

    def on_console(msg) -> None:  # type: ignore[no-untyped-def]
        if msg.text.startswith("twt-test log "):
            lines.append(msg.text[len("twt-test log ") :])

    page.on("console", on_console)
    with page.expect_console_message(lambda m: m.text == "twt-test done", timeout=60_000):
        page.goto("/_t/%s/worker_not_isolated?coi=0" % runtime)
    assert page.evaluate("crossOriginIsolated") is False
    assert lines[0] == "imported True"
    first = lines[1]
    assert first.startswith("first-use ChatWorkerError True "), lines
    ms = int(first.split(" ")[3])
    assert ms < 1000, "the error took %d ms from import" % ms
    message = first.split("| ", 1)[1]
    for needed in (
        "cross-origin isolated",
        "SharedArrayBuffer",
        "Cross-Origin-Opener-Policy: same-origin",
        "Cross-Origin-Embedder-Policy: require-corp",
        "service-worker",
    ):
        assert needed in message, message
    # Never a timeout: `await Chat.ready(timeout=20)` and commands fail the same way, at once.
    assert lines[2].startswith("ready ChatWorkerError "), lines
    assert int(lines[2].split(" ")[2]) < 1000
    assert lines[3].startswith("open ChatWorkerError "), lines


def test_a_worker_started_after_the_sdk_sees_everything_through_the_shim(
    page: Page, runtime: str
) -> None:
    page.goto("/_t/%s/worker_late" % runtime)
    page.wait_for_function("window.__twt_done__ === true", timeout=60_000)
    results = page.evaluate("window.__twt_results__")
    assert results["worker"] is True
    assert results["late_by_ms"] >= 0
    lines = page.locator("#log li").all_inner_texts()
    # Minimized (opened, then closed) is known only from the shim's record, as is the version.
    assert lines == [
        "state True 4.5.6 2 minimized False",
        "ready 4.5.6",
        "unread 2",
        "visibility minimized False",
        "awaited 4.5.6",
    ], lines


def test_an_isolated_page_without_shared_array_buffer_runs_the_worker_script_on_the_main_thread(
    page: Page, runtime: str
) -> None:
    # WebKitGTK's isolated pages (crossOriginIsolated true, no SharedArrayBuffer), here in
    # Chromium: PyScript's worker would fail inside itself and the page stay on "starting".
    warnings: "list[str]" = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    page.add_init_script("delete globalThis.SharedArrayBuffer")
    page.goto("/demo/%s.html" % runtime)
    assert page.evaluate("[crossOriginIsolated, typeof SharedArrayBuffer]") == [True, "undefined"]
    label = LABELS[runtime.removesuffix("-worker")]
    # The label says ", in a worker" when the Python runs in one: here it runs on the page.
    expect(page.locator("#runtime-name")).to_have_text(
        re.compile(re.escape(label) + r" \d"), timeout=BOOT_MS
    )
    expect(page.locator("#chat-status")).to_have_attribute("data-state", "ready", timeout=STEP_MS)
    kind = "mpy" if runtime.startswith("micropython") else "py"
    assert warnings.count(
        "twt-early.js: this page is cross-origin isolated but has no SharedArrayBuffer, which "
        "PyScript workers need (%s have it there): "
        '<script type="%s" worker> runs on the main thread instead'
        % (FEATURES["SharedArrayBuffer"], kind)
    ) == 1, warnings
