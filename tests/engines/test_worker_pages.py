"""twt_py in a PyScript worker on every engine (`/_t/<runtime>-worker/`, docs/workers.md).

The page is cross-origin isolated, as a worker page must be. Its worker imports twt_py after
the SDK has said everything (ready, unread, visibility), must see it all through the shim, and
then follow the SDK's events: `tests/browser/test_workers.py`'s late-worker test.

Where the engine gives an isolated page SharedArrayBuffer (Chromium, Firefox, Safari 15.2+),
the Python runs in the worker. WebKitGTK isolates the page (`crossOriginIsolated` is true)
without SharedArrayBuffer, and a PyScript worker cannot start there: the page must still work,
its Python on the main thread (`twt-early.js` takes the `worker` attribute off, with a
warning), and never hang at "starting". Which of the two to expect is decided from the
engine's capability (`typeof SharedArrayBuffer`), not from its name.
"""

from typing import Any

import pytest
from _driver import EnginePage
from _steps import BOOT_MS, STEP_MS

pytestmark = pytest.mark.browser

WORKER_MODE = True

_CAPABILITY = (
    "() => ({isolated: window.crossOriginIsolated === true, sab: typeof SharedArrayBuffer})"
)
_LOGGED = (
    "(text) => [...document.querySelectorAll('#log li')].some((li) => li.textContent === text)"
)


def test_a_late_worker_sees_everything_through_the_shim(
    engine_page: EnginePage, runtime: str
) -> None:
    engine_page.goto("/_t/%s/worker_late" % runtime)
    capability: Any = engine_page.evaluate(_CAPABILITY)
    assert capability["isolated"] is True, "the worker page is not isolated: %s" % capability
    try:
        engine_page.wait_for("() => window.__twt_done__ === true", timeout_ms=BOOT_MS)
    except AssertionError:
        raise AssertionError(
            "the page's Python never finished on %s (%s); its log: %s"
            % (engine_page.engine, capability, engine_page.texts("#log li"))
        ) from None
    results: Any = engine_page.evaluate("() => window.__twt_results__")
    # In a worker where the engine can run one; on the main thread (the fallback) where not.
    assert results["worker"] is (capability["sab"] == "function"), (capability, results)
    assert results["late_by_ms"] >= 0
    # Minimized (opened, then closed) is known only from the shim's record, as is the version.
    assert engine_page.texts("#log li") == [
        "state True 4.5.6 2 minimized False",
        "ready 4.5.6",
        "unread 2",
        "visibility minimized False",
        "awaited 4.5.6",
    ]
    # The SDK's later events still reach the Python's callbacks.
    engine_page.evaluate("() => { window.__twt_mock__.agentMessage('Still there?'); }")
    engine_page.wait_for(_LOGGED, "unread 3", timeout_ms=STEP_MS)
