"""The fast-path artifacts `twt-py build` writes: their content and their freshness check."""

import json
import re
import shutil
from pathlib import Path

import pytest

from twt_py._cpython import fastpath as _fastpath
from twt_py._cpython.dist import browser_modules

ROOT = Path(__file__).resolve().parents[2]
BRYTHON_JS = ROOT / "node_modules" / "brython" / "brython.js"
needs_brython = pytest.mark.skipif(
    not BRYTHON_JS.is_file() or shutil.which("node") is None,
    reason="needs node_modules/brython (npm ci) and Node.js",
)


def _files(bundle: str) -> "dict[str, str]":
    line = next(x for x in bundle.splitlines() if x.startswith("const FILES = "))
    files: "dict[str, str]" = json.loads(line[len("const FILES = ") : -1])
    return files


def test_pyscript_bundle_carries_exactly_the_browser_modules() -> None:
    bundle = _fastpath.pyscript_bundle()
    files = _files(bundle)
    assert sorted(files) == browser_modules()
    assert files["twt_py/_widget.py"] == (ROOT / "twt_py" / "_widget.py").read_text("utf-8")
    # Only top-level files: every sub-folder of twt_py/ is CPython-only (tests/unit/test_layout.py).
    assert all(name.count("/") == 1 for name in files), sorted(files)


@needs_brython
def test_brython_bundle_is_pinned_to_the_checkouts_brython() -> None:
    """The precompiled bundle names the Brython that compiled it, which is the pinned one."""
    bundle = _fastpath.brython_compiled_bundle(BRYTHON_JS)
    pinned = json.loads((ROOT / "node_modules" / "brython" / "package.json").read_text())["version"]
    assert _fastpath.brython_version(BRYTHON_JS) == pinned
    assert 'var BUILT_FOR = "%s"' % pinned in bundle
    assert re.search(r"^// twt-py-build: sources=\w+ brython=%s$" % re.escape(pinned), bundle, re.M)
    for name in ("twt_py", "twt_py._widget", "twt_py._ffi_brython"):
        assert '"%s":' % name in bundle
    # The other runtimes' adapters and server code are not in a Brython page's bundle.
    assert '"twt_py._ffi_pyodide"' not in bundle and '"twt_py._cpython' not in bundle


@needs_brython
def test_fresh_build_is_not_stale(tmp_path: Path) -> None:
    written, skipped = _fastpath.write(tmp_path, BRYTHON_JS)
    assert skipped == []
    assert {p.name for p in written} == {_fastpath.PYSCRIPT_JS, _fastpath.BRYTHON_COMPILED_JS}
    assert _fastpath.stale(tmp_path, BRYTHON_JS) == []


def test_stale_when_the_sources_changed(tmp_path: Path) -> None:
    (tmp_path / _fastpath.PYSCRIPT_JS).write_text(_fastpath.pyscript_bundle())
    assert _fastpath.stale(tmp_path) == []
    other = _fastpath.sources_hash({"twt_py/__init__.py": b"# an older twt_py\n"})
    old = _fastpath.pyscript_bundle().replace(_fastpath.sources_hash(), other, 1)
    (tmp_path / _fastpath.PYSCRIPT_JS).write_text(old)
    problems = _fastpath.stale(tmp_path)
    assert len(problems) == 1 and "built from other sources" in problems[0], problems


@needs_brython
def test_stale_when_compiled_by_another_brython(tmp_path: Path) -> None:
    pinned = _fastpath.brython_version(BRYTHON_JS)
    bundle = _fastpath.brython_compiled_bundle(BRYTHON_JS)
    (tmp_path / _fastpath.BRYTHON_COMPILED_JS).write_text(
        bundle.replace("brython=%s" % pinned, "brython=3.0.0", 1)
    )
    problems = _fastpath.stale(tmp_path, BRYTHON_JS)
    assert problems == [
        "%s: compiled by Brython 3.0.0, the pinned Brython is %s"
        % (_fastpath.BRYTHON_COMPILED_JS, pinned)
    ]


def test_an_artifact_without_header_is_stale(tmp_path: Path) -> None:
    (tmp_path / _fastpath.PYSCRIPT_JS).write_text("const FILES = {};\n")
    assert _fastpath.stale(tmp_path) == ["%s: no twt-py-build header" % _fastpath.PYSCRIPT_JS]
