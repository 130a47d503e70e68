"""The kit finds and launches a browser with no conftest code (inner pytest runs, as a user's):
the system Chromium here, with no Playwright browser downloaded; `--twt-browser` picks one."""

import shutil

import pytest

pytestmark = pytest.mark.browser

# The `user_suite` fixture's test file (tests/kit/conftest.py).
SUITE = """
def test_page(page, browser):
    page.set_content("<button>Contact us</button>")
    page.get_by_role("button", name="Contact us").click()
    print("BROWSER", browser.version)
"""


def test_the_system_chromium_with_no_conftest(user_suite: pytest.Pytester) -> None:
    result = user_suite.runpytest_subprocess("-p", "no:cacheprovider", "-s")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*BROWSER *"])


def test_twt_browser_picks_one(user_suite: pytest.Pytester) -> None:
    chromium = shutil.which("chromium") or shutil.which("google-chrome")
    assert chromium, "this machine has a system Chromium"
    ok = user_suite.runpytest_subprocess("-p", "no:cacheprovider", "--twt-browser", chromium)
    ok.assert_outcomes(passed=1)
    bad = user_suite.runpytest_subprocess("-p", "no:cacheprovider", "--twt-browser", "/no/such/chrome")
    bad.assert_outcomes(errors=1)
    bad.stdout.fnmatch_lines(
        ["*twt_py.testing: --twt-browser '/no/such/chrome' is not an executable file*"]
    )
    assert "Traceback" not in bad.stdout.str()
