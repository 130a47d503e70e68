"""A page whose Python runtime never arrives (a CDN this machine cannot reach) fails a test with
something unrelated: a button never enabled, a wait that times out. The kit's failure names the
runtime request that failed and suggests `--twt-local-runtimes`. Inner pytest runs (pytester),
as a user sees them; the inner browser resolves no host but localhost, like an offline machine.
"""

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
JSDELIVR = "https://" + ".".join(["cdn", "jsdelivr", "net"])
CORE = JSDELIVR + "/npm/@pyscript/core@0.7.31/dist/core.js"

SUITE = '''
import pytest

pytestmark = [%(marks)s]

PAGES = {
    "shop.html": """<!doctype html><title>shop</title>
    <script type="module" src="%(core)s"></script>
    <button id="contact" disabled>Contact us</button>
    <script type="mpy">
import twt_py
    </script>""",
}


def test_button(page, site):
    site.update(PAGES)
    page.goto("/shop.html")
    page.get_by_role("button", name="Contact us").click(timeout=1500)


def test_wait(page, site, chat_mock):
    site.update(PAGES)
    page.goto("/shop.html")
    chat_mock.wait_ready(timeout=1500)
'''


HINT = (
    "the runtime comes from a CDN this machine cannot reach: run pytest with "
    "--twt-local-runtimes to serve it from ./node_modules (npm install @pyscript/core)"
)


def test_a_runtime_that_did_not_load_stops_the_test_and_is_named(
    inner_suite: pytest.Pytester,
) -> None:
    inner_suite.makepyfile(test_shop=SUITE % {"core": CORE, "marks": ""})
    result = inner_suite.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=2)
    out = result.stdout.str()
    # Once the page has loaded without PyScript, the kit stops the test: no wait times out.
    result.stdout.fnmatch_lines(
        [
            "_* test_button*_",
            "the page's interpreter never started: the page has loaded without its runtime "
            "(PyScript's core.js or brython.js), and these scripts failed: %s; see the requests "
            "that failed" % CORE,
            "the test stopped at test_shop.py:*: page.get_by_role(*).click(timeout=1500)",
            "*twt_py.testing: the page's Python*",
            "runtime loading: the page's interpreter never started (an inline <script type=mpy> "
            "never ran)",
            "*twt_py.testing: requests that failed*",
            "the page's runtime did not load: %s (net::ERR_NAME_NOT_RESOLVED)" % CORE,
            HINT,
        ]
    )
    assert out.count("twt_py.testing: requests that failed") == 2  # one per failing test
    assert "Timeout 1500ms exceeded" not in out and "within 1500 ms" not in out
    assert "look like an SDK the kit does not route" not in out  # PyScript's core.js is not one


def test_a_runtime_that_did_not_load_is_named_in_a_timeout(inner_suite: pytest.Pytester) -> None:
    """With the stop allowed, a Playwright timeout and a chat_mock wait still name it."""
    marks = 'pytest.mark.twt_allow_errors("never started")'
    inner_suite.makepyfile(test_shop=SUITE % {"core": CORE, "marks": marks})
    result = inner_suite.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=2)
    out = result.stdout.str()
    # A Playwright timeout (not the kit's): the plugin adds a section to the failure.
    result.stdout.fnmatch_lines(
        [
            "*Locator.click: Timeout 1500ms exceeded*",
            "*twt_py.testing: requests that failed*",
            "the page's runtime did not load: %s (net::ERR_NAME_NOT_RESOLVED)" % CORE,
            HINT,
        ]
    )
    # A chat_mock wait: the kit's own message says it, with the stage the page reached.
    result.stdout.fnmatch_lines(
        [
            "E *AssertionError: the page never requested the TWT SDK*",
            "E *stage: runtime loading: the page's interpreter never started*",
            "E *the page's runtime did not load: %s (net::ERR_NAME_NOT_RESOLVED)" % CORE,
            "E *" + HINT,
        ]
    )
    assert out.count("twt_py.testing: requests that failed") == 1  # not repeated for the wait


NEVER_STARTS = '''
PAGES = {
    "shop.html": """<!doctype html><title>shop</title>
    <button id="contact" disabled>Contact us</button>
    <script type="mpy">
import twt_py
    </script>""",
}


def test_button(page, site):
    site.update(PAGES)
    page.goto("/shop.html")
    page.get_by_role("button", name="Contact us").click(timeout=60_000)
'''


def test_an_interpreter_that_never_starts_stops_the_test_at_the_start_timeout(
    inner_suite: pytest.Pytester,
) -> None:
    """No script failed (the page forgot PyScript altogether): the start timeout ends it, not
    the click's minute."""
    inner_suite.makepyfile(test_shop=NEVER_STARTS)
    result = inner_suite.runpytest_subprocess("-p", "no:cacheprovider", "--twt-start-timeout", "1500")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "the page's interpreter never started: its runtime (PyScript's core.js or brython.js) "
            "had not run 1500 ms after the page's DOMContentLoaded (--twt-start-timeout); see "
            "the requests that failed",
            "the test stopped at test_shop.py:*: page.get_by_role(*).click(timeout=60_000)",
            "*twt_py.testing: the page's Python*",
            "runtime loading: the page's interpreter never started (an inline <script type=mpy> "
            "never ran)",
        ]
    )
    assert "Timeout 60000ms exceeded" not in result.stdout.str()
