"""When a site owner's page breaks, its tests say what broke and where, within seconds.

Each test writes a `twt-py init` site (this checkout's twt_py, the project's node_modules),
breaks it the way pages really break, and runs the site's own suite in an inner pytest
(pytester, in a subprocess), reading what a site owner reads:

- a typo in the click handler: the page's traceback, first, naming `main.py` and the line;
- the listener line commented out: "the chat never opened", told apart from the typo;
- the runtime's script answered 404: "the interpreter never started", the URL and the 404;
- the twt_py loader removed: the ImportError, naming `main.py`.

The broken suites fail fast: each stops at the page's error, or at the first sign that its
runtime will never start, not at a wait's timeout (cut to 3 s here for the one case that must
reach it).
"""

import re
from pathlib import Path

import pytest

from twt_py._cpython.starter import write_site

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CONTACT = "tests/test_site.py::test_contact_us_opens_the_chat"
# The name each runtime gives an anonymous script's frame; the kit replaces it.
ANONYMOUS = ("<stdin>", "<exec>", "#__main__")


@pytest.fixture
def site(pytester: pytest.Pytester, runtime: str) -> Path:
    """A starter site for `runtime` in the pytester folder, its runtimes from this checkout."""
    folder = pytester.path
    write_site(folder, runtime=runtime, force=True)
    (folder / "node_modules").symlink_to(ROOT / "node_modules")
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, "%r is not in %s" % (old, path)
    path.write_text(text.replace(old, new))


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:randomly", *args)


def first_failure(result: pytest.RunResult) -> "list[str]":
    """The lines of the first failure's report, after its `____ test_... ____` heading."""
    lines = result.stdout.lines
    start = next(i for i, line in enumerate(lines) if re.match(r"^_{3,} test_", line))
    return lines[start + 1 :]


def test_a_typo_in_the_click_handler_fails_with_the_pages_traceback(
    pytester: pytest.Pytester, site: Path, runtime: str
) -> None:
    edit(site / "main.py", "Chat.open()  #", "Chat.opne()  #")
    line = next(
        n for n, text in enumerate((site / "main.py").read_text().splitlines(), 1) if "opne" in text
    )
    result = run(pytester, CONTACT)
    result.assert_outcomes(failed=1)
    report = first_failure(result)
    # The failure starts with the traceback, its frame named after the page's file.
    assert report[0] == "Traceback (most recent call last):", report[:8]
    assert report[1].strip() == 'File "main.py", line %d, in contact_us' % line, report[:8]
    assert report[2].strip().startswith("Chat.opne()"), report[:8]
    assert report[3].startswith("AttributeError:") and "opne" in report[3], report[:8]
    result.stdout.fnmatch_lines(["the test stopped at tests/test_site.py:*: chat_mock.wait_for*"])
    out = result.stdout.str()
    assert not any(name in out for name in ANONYMOUS), out
    assert "Target page, context or browser has been closed" not in out


def test_a_button_that_does_nothing_says_the_chat_never_opened(
    pytester: pytest.Pytester, site: Path, runtime: str
) -> None:
    # The one case that must reach a wait's timeout: chat_mock's, cut to 3 s.
    edit(site / "tests" / "conftest.py", "chat_mock.timeout = TIMEOUT_MS", "chat_mock.timeout = 3_000")
    marker = "create_proxy(contact_us))" if runtime != "brython" else 'bind("click", contact_us)'
    text = (site / "main.py").read_text()
    wire = next(line for line in text.splitlines() if marker in line)
    edit(site / "main.py", wire, "# " + wire)
    result = run(pytester, CONTACT)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "E *AssertionError: the TWT SDK's state did not reach open=True within 3000 ms*",
            "E *stage: SDK/chat: the page's Python (main.py) ran to its end",
        ]
    )
    out = result.stdout.str()
    assert "Traceback (most recent call last)" not in out  # nothing raised: not the typo


def test_a_runtime_script_answered_404_is_named(
    pytester: pytest.Pytester, site: Path, runtime: str
) -> None:
    runtime_js = "/runtimes/brython/brython.js" if runtime == "brython" else "/runtimes/pyscript/core.js"
    moved = runtime_js.replace(".js", "-moved.js")
    edit(site / "index.html", '"%s"' % runtime_js, '"%s"' % moved)
    result = run(pytester)
    result.assert_outcomes(failed=4)
    out = result.stdout.str()
    result.stdout.fnmatch_lines(
        [
            "*twt_py.testing: the page's Python*",
            # main.py is named unless the loader's error stops the page before the page lists
            # its scripts: on a busy machine either report can reach the kit first.
            "runtime loading: *",
            "*twt_py.testing: requests that failed*",
            "*http://127.0.0.1:*%s (HTTP 404)" % moved,
        ]
    )
    # Every test stopped at once, none at a wait's timeout.
    assert "within 3000 ms" not in out and "ms exceeded" not in out, out


def test_without_the_twt_py_loader_the_import_error_names_main_py(
    pytester: pytest.Pytester, site: Path, runtime: str
) -> None:
    text = (site / "index.html").read_text()
    loader = next(line for line in text.splitlines() if "/dist/twt_py." in line and "<script" in line)
    edit(site / "index.html", loader, "")
    result = run(pytester)
    result.assert_outcomes(failed=4)
    out = result.stdout.str()
    # Every test says so, with the page's file, not <stdin>.
    assert out.count("Traceback (most recent call last):") >= 4, out
    assert re.search(r"(ImportError|ModuleNotFoundError): .*twt_py", out), out
    result.stdout.fnmatch_lines(
        [
            '*File "main.py", line *, in <module>*',
            "*twt_py.testing: the page's Python*",
            "page Python running: main.py stopped at an uncaught error",
        ]
    )
    assert not any(name in out for name in ANONYMOUS), out


CALLBACKS = '''
import pytest
from playwright.sync_api import expect


def test_a_callback_error_stops_the_test(page, chat_mock):
    page.goto("/")
    chat_mock.wait_ready()
    chat_mock.agent_messages(7)
    expect(page.locator("#unread")).to_have_text("7")


@pytest.mark.twt_allow_errors("seven")
def test_an_allowed_error_is_recorded(page, chat_mock, page_errors):
    page.goto("/")
    chat_mock.wait_ready()
    chat_mock.agent_messages(7)
    chat_mock.agent_message("one more")
    expect(page.locator("#unread")).to_have_text("8")
    assert [e.summary for e in page_errors.errors] == ["ZeroDivisionError: seven"]
    assert 'File "main.py"' in page_errors.errors[0].text
    assert any("handled: " in line for line in page_errors.console)
'''


def test_handled_errors_pass_callback_errors_stop_allowed_ones_are_recorded(
    pytester: pytest.Pytester, site: Path, runtime: str
) -> None:
    """A page that logs an error it handled passes; an exception in a twt_py callback stops
    the test with its traceback; one the test allows is recorded, and the test goes on."""
    edit(
        site / "main.py",
        "def show_unread(count):\n",
        "def show_unread(count):\n    if count == 7:\n        raise ZeroDivisionError(\"seven\")\n",
    )
    with (site / "main.py").open("a") as main:
        main.write(
            "try:\n    int('x')\nexcept ValueError as exc:\n"
            "    window.console.error('handled: %s' % exc)\n    print('handled:', exc)\n"
        )
    (site / "tests" / "test_callbacks.py").write_text(CALLBACKS)
    result = run(pytester)
    result.assert_outcomes(passed=5, failed=1)
    report = first_failure(result)
    assert report[0] == "Traceback (most recent call last):", report[:10]
    out = result.stdout.str()
    assert re.search(r'File "main.py", line \d+, in show_unread', out), out
    assert "ZeroDivisionError: seven" in out
    result.stdout.fnmatch_lines(["FAILED tests/test_callbacks.py::test_a_callback_error_stops_the_test*"])
