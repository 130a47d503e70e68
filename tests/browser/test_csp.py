"""install(nonce=...) works under a Content-Security-Policy; without the nonce the blocked
script is a ChatLoadError. The policy is the one docs/loading.md gives (tests/pages/csp.json).

Waits use locators: under this policy Playwright's `wait_for_function` (a string eval) is
itself blocked.
"""

import pytest
from playwright.sync_api import Page, expect


@pytest.mark.parametrize("nonce", [True, False])
def test_install_under_csp(page: Page, runtime: str, nonce: bool, console_errors) -> None:
    if not nonce:
        console_errors.allow(r"violates the following Content Security Policy directive")
    page.goto("/_t/%s/csp%s" % (runtime, "" if nonce else "?nonce=no"))
    expect(page.locator("#log li")).to_have_count(1, timeout=60_000)
    expected = "ready 1.2.0-mock" if nonce else "failed ChatLoadError"
    expect(page.locator("#log li")).to_have_text(expected)
