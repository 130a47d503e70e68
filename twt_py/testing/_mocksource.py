"""The mock SDK's file, as the kit serves it, and a DevTools count of `window`'s listeners."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ._files import cached_text

__all__ = ["mock_sdk_path", "mock_sdk_source", "window_listeners"]

_MOCK_FILE = "twt-mock-sdk.js"


def window_listeners(page: Any) -> dict[str, int]:
    """Listeners on the page's `window`, by event type, as Chromium's DevTools count them.

    For leak tests: count before and after, e.g. `window_listeners(page)["__twt__custom_event"]`.
    Chromium only (it asks the DevTools protocol): in another engine, a RuntimeError says so.
    """
    browser = page.context.browser
    engine = browser.browser_type.name if browser is not None else "chromium"
    if engine != "chromium":
        raise RuntimeError(
            "window_listeners() asks Chromium's DevTools protocol; this page runs in %s "
            "(run the leak test with --browser chromium)" % engine
        )
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
