"""Each load failure yields its typed error once, within timeout + 0.5 s, naming pending commands."""

import pytest
from playwright.sync_api import Page, expect

EXPECTED = {
    "404": "ChatLoadError",
    "abort": "ChatLoadError",
    "sdk-error": "ChatSDKError",
    "never": "ChatTimeoutError",
}
TIMEOUT_MS = 1000


@pytest.mark.parametrize("case", list(EXPECTED))
def test_failure_is_typed_and_once(page: Page, runtime: str, case: str, console_errors) -> None:
    console_errors.allow(r"404|no-such-sdk|ERR_FAILED|blocked/core\.js|license expired|net::")
    if case == "abort":
        page.route("**/blocked/core.js", lambda route: route.abort("failed"))
    page.goto("/_t/%s/failure?case=%s" % (runtime, case))
    page.wait_for_function("window.__twt_done__ === true", timeout=60_000)
    kind = EXPECTED[case]
    lines = page.locator("#log li").all_inner_texts()
    errors = [line for line in lines if line.startswith("error ")]
    assert errors == ["error %s 1 True" % kind], lines
    assert "raised %s True" % kind in lines
    assert "late 1 True" in lines  # a late on_error subscriber gets the same error, once
    assert "after-failure %s" % kind in lines  # later commands are refused loudly
    results = page.evaluate("window.__twt_results__")
    assert results["pending"] == "open(), set_language('ko')", results
    assert "2 command(s) made before ready were not applied" in results["message"]
    if case == "sdk-error":
        assert "license expired" in results["message"]
    if case in ("404", "abort"):
        assert "/blocked/core.js" in results["message"] or "no-such-sdk" in results["message"]
    elapsed = results["error_at"] - results["installed_at"]
    assert elapsed <= TIMEOUT_MS + 500, elapsed
    # Nothing reached the SDK's commands.
    calls = page.evaluate("window.__twt_mock__ ? window.__twt_mock__.calls.map(c => c.method) : []")
    assert "open" not in calls and "setLanguage" not in calls


@pytest.mark.parametrize("mode", ["before", "after"])
def test_snippet_script_failure_through_the_shim(
    page: Page, runtime: str, mode: str, console_errors
) -> None:
    """The vendor's snippet 404s: with twt-early.js, Python learns it was a load failure,
    whether it bound before or after the failure."""
    console_errors.allow(r"install/core\.js|404")
    page.goto("/_t/%s/shim_failure?mode=%s" % (runtime, mode))
    if mode == "after":
        expect(page.locator("#log li").filter(has_text="bound True")).to_be_attached(timeout=60_000)
        page.evaluate("window.__twt_go()")
    page.wait_for_function("window.__twt_done__ === true", timeout=60_000)
    lines = page.locator("#log li").all_inner_texts()
    assert "error ChatLoadError" in lines and "raised ChatLoadError True" in lines, lines
    assert len([line for line in lines if line.startswith("error")]) == 1
