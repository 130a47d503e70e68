"""`twt_py.testing` as a user's suite meets it: a pytest plugin loaded through its entry point
beside pytest-playwright. Each test runs an inner pytest (pytester, in a subprocess) whose
conftest only launches the project's browser and serves pages from a dict (`site`), so these
read the same failure messages and warnings a user would.
"""

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
JSDELIVR = "https://" + ".".join(["cdn", "jsdelivr", "net"])
BRYTHON_VERSION = json.loads((NODE_MODULES / "brython" / "package.json").read_text())["version"]


def run(suite: pytest.Pytester, *args: str) -> pytest.RunResult:
    return suite.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:randomly", *args)


NEVER_LOADS = """
PAGES = {
    "shop.html": "<!doctype html><title>shop</title><script src='/js/core.js'></script><h1>Shop</h1>",
    "js/core.js": "document.title = 'shop (app ready)'",
}

def test_contact_button(page, chat_mock, site):
    site.update(PAGES)
    page.goto("/shop.html")
    chat_mock.wait_ready(timeout=1000)
"""


def test_failure_message_when_the_page_never_loads_the_sdk(inner_suite: pytest.Pytester) -> None:
    inner_suite.makepyfile(test_shop=NEVER_LOADS)
    result = run(inner_suite)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "E *AssertionError: the page never requested the TWT SDK "
            "(routes: https://visitorchat.twt.com/install/core.js*); did it load core.js? "
            "requested URLs: http://127.0.0.1:9/shop.html, http://127.0.0.1:9/js/core.js",
            "E *(while waiting: the TWT SDK did not load within 1000 ms on http://127.0.0.1:9/shop.html)",
            "E *these requests look like an SDK the kit does not route: http://127.0.0.1:9/js/core.js; "
            "add chat_mock.route(<glob>) or the twt_sdk_urls ini option",
        ]
    )
    # The report points at the user's line, not at the kit's internals or a Playwright timeout.
    result.stdout.fnmatch_lines(
        [">*chat_mock.wait_ready(timeout=1000)", "test_shop.py:9: AssertionError"]
    )
    assert "TimeoutError" not in result.stdout.str()
    assert "_mock.py" not in result.stdout.str()


SELF_HOSTED = '''
PAGES = {
    "shop.html": """<!doctype html><title>shop</title><script>
        window.__twt__config = {appid: "a"};
        var s = document.createElement("script"); s.async = true;
        s.src = "https://assets.example.com/twt/core.js?v=7"; document.head.appendChild(s);
    </script>""",
}

def test_self_hosted_sdk(page, chat_mock, site):
    site.update(PAGES)
    page.goto("/shop.html")
    chat_mock.wait_ready(timeout=2000)
    assert chat_mock.served == ["https://assets.example.com/twt/core.js?v=7"]
'''


def test_sdk_urls_from_the_command_line_and_the_ini_file(inner_suite: pytest.Pytester) -> None:
    inner_suite.makepyfile(test_shop=SELF_HOSTED)
    run(inner_suite).assert_outcomes(failed=1)
    run(inner_suite, "--twt-sdk-url", "https://assets.example.com/twt/*").assert_outcomes(passed=1)
    inner_suite.makeini("[pytest]\ntwt_sdk_urls =\n    https://assets.example.com/twt/core.js*\n")
    run(inner_suite).assert_outcomes(passed=1)


INERT = '''
PAGES = {
    "shop.html": """<!doctype html><title>shop</title><script>
        window.__twt__config = {appid: "a"};
        var s = document.createElement("script"); s.async = true;
        s.onerror = function () { window.__sdk_failed = true };
        s.src = "https://visitorchat.twt.com/install/core.js?version=v1.2";
        document.head.appendChild(s);
    </script>
    <script src="%(brython)s" onerror="window.__brython_failed = true"></script>""",
}

def test_without_the_fixtures_nothing_is_routed(page, site):
    site.update(PAGES)
    page.goto("/shop.html")
    page.wait_for_function("window.__sdk_failed === true && window.__brython_failed === true")
    assert page.evaluate("typeof window.__twt_mock__") == "undefined"
'''


def test_the_plugin_is_inert_unless_a_test_asks(inner_suite: pytest.Pytester) -> None:
    """Installed and loaded, the plugin changes no page of a test that does not use it."""
    inner_suite.makepyfile(
        test_inert=INERT % {"brython": JSDELIVR + "/npm/brython@%s/brython.js" % BRYTHON_VERSION}
    )
    result = run(inner_suite, "--trace-config")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*twt_py*twt_py*testing*"])  # loaded through its entry point


BRYTHON_FROM_CDN = '''
import pytest
from playwright.sync_api import expect

PAGES = {
    "b.html": """<!doctype html><script src="%(brython)s"></script>
    <script type="text/python">
from browser import document
document.body.setAttribute("data-ran", "brython")
    </script><body></body>""",
}

%(marker)s
def test_brython_page(page, site):
    site.update(PAGES)
    page.goto("/b.html")
    expect(page.locator("body")).to_have_attribute("data-ran", "brython", timeout=%(timeout)d)
'''


def brython_suite(
    suite: pytest.Pytester, version: str = BRYTHON_VERSION, marker: str = "", timeout: int = 20_000
) -> None:
    brython = JSDELIVR + "/npm/brython@%s/brython.js" % version
    suite.makepyfile(
        test_b=BRYTHON_FROM_CDN % {"brython": brython, "marker": marker, "timeout": timeout}
    )


def test_local_runtimes_are_opt_in(inner_suite: pytest.Pytester) -> None:
    brython_suite(inner_suite, timeout=2_000)
    run(inner_suite).assert_outcomes(failed=1)  # no network, no local runtimes: Brython never loads
    run(
        inner_suite, "--twt-local-runtimes", "--twt-runtimes-dir", str(NODE_MODULES)
    ).assert_outcomes(passed=1)


def test_local_runtimes_from_the_ini_file_or_a_marker(inner_suite: pytest.Pytester) -> None:
    inner_suite.makeini(
        "[pytest]\ntwt_local_runtimes = true\ntwt_runtimes_dir = %s\n" % NODE_MODULES
    )
    brython_suite(inner_suite)
    run(inner_suite).assert_outcomes(passed=1)
    inner_suite.makeini("[pytest]\ntwt_runtimes_dir = %s\n" % NODE_MODULES)
    brython_suite(inner_suite, marker="@pytest.mark.twt_local_runtimes")
    run(inner_suite, "--strict-markers").assert_outcomes(passed=1)


def test_a_version_mismatch_is_a_warning_or_an_error(inner_suite: pytest.Pytester) -> None:
    brython_suite(inner_suite, version="3.9.0")
    args = ("--twt-local-runtimes", "--twt-runtimes-dir", str(NODE_MODULES))
    result = run(inner_suite, *args)
    result.assert_outcomes(passed=1, warnings=1)
    result.stdout.fnmatch_lines(
        [
            "*LocalRuntimeWarning: twt_py.testing: the page asked for brython 3.9.0 "
            "(%s/npm/brython@3.9.0/brython.js) and got the local copy, brython %s from %s"
            % (JSDELIVR, BRYTHON_VERSION, (NODE_MODULES / "brython").resolve()),
        ]
    )
    brython_suite(inner_suite, version="3.9.0", timeout=2_000)
    result = run(inner_suite, *args, "--twt-runtimes-mismatch=error")
    result.assert_outcomes(failed=1, errors=1)
    result.stdout.fnmatch_lines(
        [
            "*twt_py.testing local runtimes (--twt-runtimes-mismatch=error):",
            "*the page asked for brython 3.9.0 (*) and got nothing (mismatch=error), brython %s *"
            % BRYTHON_VERSION,
        ]
    )


def test_no_local_runtimes_found(inner_suite: pytest.Pytester) -> None:
    brython_suite(inner_suite)
    empty = inner_suite.mkdir("empty_node_modules")
    result = run(inner_suite, "--twt-local-runtimes", "--twt-runtimes-dir", str(empty))
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "*twt_py.testing local runtimes: none of @pyscript/core, pyodide, "
            "@micropython/micropython-webassembly-pyscript, brython is installed in %s;*" % empty,
        ]
    )


COVERED = '''
PAGES = {
    "shop.html": """<!doctype html><title>shop</title>
    <button id="buy">Buy</button>
    <div id="overlay" style="position:fixed;inset:0;background:#fff"></div>""",
}

def test_click_the_covered_button(page, site):
    site.update(PAGES)
    page.goto("/shop.html")
    page.locator("#buy").click(timeout=1500)
'''


def test_a_covered_click_names_what_covers_it(inner_suite: pytest.Pytester) -> None:
    """The failure of a click that an overlay intercepts starts with what is in the way."""
    inner_suite.makepyfile(test_shop=COVERED)
    result = run(inner_suite)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            'The click on locator("#buy") never happened: <div id="overlay"></div> covers it.*'
            "*Close or move the widget first, or assert the overlap*",
        ]
    )
