"""SDK faults on every engine: each way loading fails yields its typed error once, and an
SDK that throws on a command is a `ChatSDKError` while the page's Python lives on. The
essentials of tests/browser/test_failures.py and test_sdk_faults.py (Chromium keeps all)."""

import pytest
from _driver import EnginePage
from _pages import command, lines, open_page, wait_line

EXPECTED = {
    "404": "ChatLoadError",
    "external": "ChatLoadError",  # refused by the guard's CSP, or Playwright's routing
    "sdk-error": "ChatSDKError",
    "never": "ChatTimeoutError",
}
TIMEOUT_MS = 1000


@pytest.mark.parametrize("case", list(EXPECTED))
def test_sdk_fault_on_load_is_typed_and_once(engine_page: EnginePage, runtime: str, case: str) -> None:
    page = engine_page
    page.allow(r"no-such-sdk|cdn\.example\.com|license expired")
    open_page(page, "/_t/%s/failure?case=%s" % (runtime, case))
    kind = EXPECTED[case]
    found = lines(page)
    assert [line for line in found if line.startswith("error ")] == ["error %s 1 True" % kind], found
    assert "raised %s True" % kind in found
    assert "late 1 True" in found
    assert "after-failure %s" % kind in found
    results = page.evaluate("() => window.__twt_results__")
    assert isinstance(results, dict)
    assert results["pending"] == "open(), set_language('ko')", results
    if case == "sdk-error":
        assert "license expired" in results["message"]
    if case == "404":
        assert "no-such-sdk" in results["message"]
    if case == "external":
        assert "cdn.example.com" in results["message"]
        assert any("cdn.example.com" in p for p in page.problems(allowed=True)), "the guard saw nothing"
    elapsed = results["error_at"] - results["installed_at"]
    assert elapsed <= TIMEOUT_MS + 500, elapsed
    calls = page.evaluate("() => window.__twt_mock__ ? window.__twt_mock__.calls.map(c => c.method) : []")
    assert "open" not in calls and "setLanguage" not in calls  # type: ignore[operator]


def test_sdk_fault_on_a_command_is_a_chat_sdk_error_and_the_page_lives_on(
    engine_page: EnginePage, runtime: str
) -> None:
    page = engine_page
    open_page(page, "/_t/%s/sdk_faults" % runtime)
    page.evaluate("() => window.__twt_mock__.boot()")
    wait_line(page, "visibility maximized True")
    page.evaluate("() => { window.__twt_faults__.open = true; }")
    command(page, "open")
    wait_line(page, "alive open")
    [raised] = [line for line in lines(page) if line.startswith("raised open")]
    assert raised == (
        "raised open ChatSDKError Chat.open() failed: the chat SDK's open() threw "
        "Error: SDK open exploded"
    ), lines(page)
    page.evaluate("() => { delete window.__twt_faults__.open; }")
    command(page, "close")
    wait_line(page, "visibility minimized False")
    page.evaluate("() => window.__twt_mock__.agentMessages(2)")
    wait_line(page, "unread 2")
    assert [line for line in lines(page) if line.startswith("raised")] == [raised]
    assert [line for line in lines(page) if line.startswith("error")] == []

