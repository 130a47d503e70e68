"""The package loads from local files on every runtime and knows where it is."""

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
EXPECTED_PYTHON = {"pyodide": "3.14", "micropython": "3.4", "brython": "3.14"}


def test_probe_reports_runtime_and_version(page: Page, runtime: str) -> None:
    page.goto("/_t/%s/probe" % runtime)
    page.wait_for_function("window.__twt_done__ === true", timeout=60_000)
    results = page.evaluate("window.__twt_results__")
    assert results["name"] == runtime
    assert re.fullmatch(r"\d+\.\d+\.\d+", results["version"]), results
    assert results["python"].startswith(EXPECTED_PYTHON[runtime]), results


GUARDED = '''
def test_asks_a_cdn(page):
    page.goto("/tests/pages/external.html")
    page.wait_for_function("window.__tried === true")
'''


def test_external_request_fails_the_test(pytester: pytest.Pytester) -> None:
    """The guard can fail: a page that asks a CDN for a script fails its test."""
    (pytester.path / "tests").mkdir()
    shutil.copy(ROOT / "tests" / "conftest.py", pytester.path / "tests" / "conftest.py")
    shutil.copy(ROOT / "playwright.config.py", pytester.path / "playwright.config.py")
    (pytester.path / "tests" / "test_guarded.py").write_text(GUARDED)
    # The inner run serves this checkout: conftest finds it through ROOT of the copy, so
    # point it back at the real one.
    conftest = pytester.path / "tests" / "conftest.py"
    conftest.write_text(
        conftest.read_text().replace(
            "ROOT = Path(__file__).resolve().parent.parent", "ROOT = Path(%r)" % str(ROOT)
        )
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", str(pytester.path / "tests"))
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*external request: https://cdn.example.com/lib.js*"])
