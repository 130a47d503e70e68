"""pytest-playwright's `--browser firefox|webkit` with the kit (inner pytest runs, as a user's).

Playwright's own Firefox and WebKit are not downloaded on this machine (and cannot be: no
internet), so what is tested here is what a site owner sees then: one line naming the command
that gets the engine, no traceback. An inner run with a page that throws checks that the kit's
stop (it closes the page) leaves pytest-playwright's screenshot-on-failure nothing to trip on.
"""

import pytest

pytestmark = pytest.mark.browser

# The `user_suite` fixture's test file (tests/kit/conftest.py).
SUITE = """
def test_page(page, chat_mock, page_errors):
    page.set_content("<button>Contact us</button>")
"""


@pytest.mark.parametrize("playwright_engine", ["firefox", "webkit"])
def test_an_engine_playwright_has_not_downloaded_says_how_to_get_it(
    user_suite: pytest.Pytester, playwright_engine: str
) -> None:
    result = user_suite.runpytest_subprocess("-p", "no:cacheprovider", "--browser", playwright_engine)
    result.assert_outcomes(errors=1)
    out = result.stdout.str()
    result.stdout.fnmatch_lines(
        [
            "*twt_py.testing: Playwright's %s is not installed (no *): run "
            "`python -m playwright install %s`" % (playwright_engine, playwright_engine)
        ]
    )
    assert "Traceback" not in out and "Executable doesn't exist" not in out, out


def test_twt_browser_with_another_engine_is_refused(user_suite: pytest.Pytester) -> None:
    result = user_suite.runpytest_subprocess(
        "-p", "no:cacheprovider", "--browser", "webkit", "--twt-browser", "/usr/bin/chromium"
    )
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        ["*twt_py.testing: --twt-browser /usr/bin/chromium names a Chromium, but the tests run "
         "in webkit (--browser webkit); drop one of the two*"]
    )


THROWS = """
def test_page(page):
    page.set_content("<script>setTimeout(() => { throw new Error('boom seven') }, 10)</script>")
    page.wait_for_timeout(5000)
"""


def test_a_stopped_page_and_screenshot_on_failure(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_user=THROWS)
    result = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "--screenshot", "only-on-failure", "--output", "artifacts"
    )
    result.assert_outcomes(failed=1)
    out = result.stdout.str()
    result.stdout.fnmatch_lines(["*boom seven*"])
    # The kit closed the page at the error: the failure is the page's error alone, with no
    # secondary error from the screenshot of a page that is gone.
    for noise in ("has been closed", "Traceback", "page.screenshot", "ERROR at teardown"):
        assert noise not in out, out
