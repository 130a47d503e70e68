"""Every whole HTML page of README.md and the docs site (docs/*.md), extracted and run on each
runtime it names, as a reader would copy it.

- The README's and the docs pages' pages are saved as a site folder's `index.html` and served
  by `twt-py serve`'s app (the URLs the docs list); the test clicks its "Contact us" button and
  waits for the chat to open, and checks that no config text shows on the page and that neither
  twt_py nor the mock SDK warned (a warning there means the example does something wrong). A
  page that appears in two documents runs once.
- docs/testing.md's complete example is laid out as the guide says (`site/index.html`,
  `tests/conftest.py`, `tests/test_chat.py`, `twt-py build --out site --no-wheel`) and its suite
  runs in an inner pytest with `--twt-local-runtimes`, the guide's offline command.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page

from twt_py._cpython import fastpath
from twt_py._cpython.site_app import ISOLATION_HEADERS
from twt_py.testing import ChatMock, serve_site

ROOT = Path(__file__).resolve().parents[2]
GUIDE = "docs/testing.md"  # one complete example, run by test_testing_guide_example
DOCS = ("README.md", *sorted("docs/%s" % p.name for p in (ROOT / "docs").glob("*.md")))
#: Console warnings of twt_py and of the mock SDK: a doc's page must not cause one.
WARNED = re.compile(r"^(\[twt-mock\]|twt_py)")
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
RUNTIME_MARKS = {
    "micropython": ('type="mpy"', "<mpy-config", "<mpy-script"),
    "pyodide": ('type="py"', "<py-config", "<py-script"),
    "brython": ('type="text/python"',),
}


def blocks(doc: str, language: str) -> "list[tuple[int, str, str]]":
    """`(line, the line before the block, text)` of each fenced block in `language`."""
    text = (ROOT / doc).read_text("utf-8")
    out = []
    for match in BLOCK.finditer(text):
        if match.group(1) == language:
            before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
            out.append((text.count("\n", 0, match.start()) + 1, before, match.group(2)))
    return out


def doc_pages() -> "list[tuple[str, int, str]]":
    """`(doc, line, html)` of each whole page (`<!doctype html>`) in the README and the docs,
    but the testing guide's; a page shown in two documents is listed once."""
    seen: "set[str]" = set()
    out = []
    for doc in DOCS:
        if doc == GUIDE:
            continue
        for line, _, html in blocks(doc, "html"):
            if html.lstrip().lower().startswith("<!doctype html>") and html not in seen:
                seen.add(html)
                out.append((doc, line, html))
    return out


def runtimes_named(html: str) -> "list[str]":
    return [rt for rt, marks in RUNTIME_MARKS.items() if any(m in html for m in marks)]


def _selected(config: pytest.Config) -> "list[str]":
    return [r.strip() for r in config.getoption("--runtime").split(",") if r.strip()]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    selected = _selected(metafunc.config)
    if "doc_page" in metafunc.fixturenames:
        params, ids = [], []
        for doc, line, html in doc_pages():
            for rt in runtimes_named(html):
                if rt in selected:
                    params.append(("%s:%d" % (doc, line), html, rt))
                    ids.append("%s:%d-%s" % (doc, line, rt))
        metafunc.parametrize("doc_page", params, ids=ids)
    if "guide_runtime" in metafunc.fixturenames:
        # The guide's page is PyScript + MicroPython: not run when --runtime leaves it out.
        skip = pytest.mark.skip(reason="--runtime leaves out micropython, the guide page's runtime")
        marks = () if "micropython" in selected else (skip,)
        metafunc.parametrize("guide_runtime", [pytest.param("micropython", marks=marks)])


def test_every_html_snippet_names_a_runtime_and_is_run() -> None:
    pages = doc_pages()
    for doc, line, html in pages:
        assert runtimes_named(html), "%s:%d names no runtime" % (doc, line)
    # The README, getting started, loading and workers each show pages that run.
    shown = {doc for doc, _, _ in pages}
    assert {"README.md", "docs/getting-started.md", "docs/loading.md", "docs/workers.md"} <= shown
    # docs/testing.md has exactly one page: the complete example the guide test runs.
    (guide,) = blocks(GUIDE, "html")
    assert guide[1] == "`site/index.html`:" and runtimes_named(guide[2]) == ["micropython"]
    # ... and it takes the fast path that `twt-py build` writes beside it.
    assert '"./%s"' % fastpath.PYSCRIPT_JS in guide[2] and "twt_py.zip" not in guide[2]


def test_doc_pages_take_the_fast_path() -> None:
    """The docs recommend the fast path: their pages load twt_py by one of the fast-path
    artifacts, except a worker page (the fast path writes into the main thread's interpreter),
    and say in prose how to use the plain files instead."""
    pages = doc_pages()
    assert pages
    for doc, line, html in pages:
        loaded = [n for n in fastpath.artifact_names() if "/dist/%s" % n in html]
        plain = [n for n in ("twt_py.zip", "twt_py.brython.js") if "/dist/%s" % n in html]
        if " worker" in html:
            assert plain and not loaded, "%s:%d: a worker page takes the plain files" % (doc, line)
        else:
            assert len(loaded) == 1 and not plain, "%s:%d loads %s" % (doc, line, loaded + plain)
    for doc in ("README.md", "docs/getting-started.md"):
        text = (ROOT / doc).read_text("utf-8")
        for name in ("twt_py.zip", "twt_py.brython.js") if doc != "README.md" else ("twt_py.zip",):
            assert "/dist/%s" % name in text, doc  # the no-build alternative is named


def test_doc_page(
    doc_page: "tuple[str, str, str]", page: Page, chat_mock: ChatMock, tmp_path: Path
) -> None:
    where, html, _runtime = doc_page
    (tmp_path / "index.html").write_text(html, "utf-8")
    warnings: "list[str]" = []
    page.on("console", lambda m: m.type == "warning" and warnings.append(m.text))
    # A worker page needs cross-origin isolation (docs/workers.md).
    headers = ISOLATION_HEADERS if " worker" in html else None
    with serve_site(tmp_path, node_modules=ROOT / "node_modules", headers=headers) as url:
        page.goto(url + "/")
        page.get_by_role("button", name="Contact us").click(timeout=90_000)
        state = chat_mock.wait_for_state(open=True, timeout=60_000)
        assert state.appid == "YOUR_APPID"
        shown = page.locator("body").inner_text()
        assert "{" not in shown and "import" not in shown, "the page shows code: %r" % shown
    ours = [w for w in warnings if WARNED.match(w)]
    assert not ours, "%s warns:\n%s" % (where, "\n".join(ours))


def test_testing_guide_example(guide_runtime: str, pytester: pytest.Pytester) -> None:
    files = {before: text for _, before, text in blocks(GUIDE, "html")}
    files.update({before: text for _, before, text in blocks(GUIDE, "python")})
    layout = {
        "site/index.html": "`site/index.html`:",
        "tests/conftest.py": "`tests/conftest.py`:",
        "tests/test_chat.py": "`tests/test_chat.py`:",
    }
    for rel, label in layout.items():
        target = pytester.path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(files[label], "utf-8")
    # The page renders cleanly: no config text on screen once its Python runs.
    (pytester.path / "tests" / "test_rendering.py").write_text(
        "from playwright.sync_api import expect\n\n\n"
        "def test_no_config_text_on_screen(page):\n"
        "    page.goto('/')\n"
        "    expect(page.get_by_role('button', name='Contact us')).to_be_enabled(timeout=60_000)\n"
        "    shown = page.locator('body').inner_text()\n"
        "    assert '{' not in shown and 'import' not in shown, shown\n",
        "utf-8",
    )
    build = subprocess.run(
        [sys.executable, "-m", "twt_py._cpython.cli", "build", "--out", "site", "--no-wheel"],
        cwd=pytester.path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    # The guide's offline command; the inner browser is the one the kit finds.
    result = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "-W", "error::twt_py.testing.LocalRuntimeWarning",
        "--twt-local-runtimes", "--twt-runtimes-dir", str(ROOT / "node_modules"), "tests",
    )
    result.assert_outcomes(passed=4)
