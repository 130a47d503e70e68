"""The fast-path artifacts `twt-py build` writes beside the plain files (CPython only).

- `twt_py.pyscript.js`: twt_py for PyScript (Pyodide and MicroPython) in one request that starts
  with the page. A module script in the page's head; it registers a PyScript `onReady` hook that
  writes the modules into the interpreter's file system as soon as the interpreter exists, so
  PyScript has no `files` round trip to make after the interpreter loaded:

  ```html
  <script type="module" src="/runtimes/pyscript/core.js"></script>
  <script type="module" src="/dist/twt_py.pyscript.js"></script>
  ```

  It finds PyScript's `core.js` among the page's module scripts (or in its own
  `data-pyscript="<url of core.js>"` attribute).
- `twt_py.brython-compiled.js`: the Brython bundle with every module already compiled to
  JavaScript by the pinned Brython's own compiler (run under Node.js at build time), so the page
  pays no transpile at import. It names the Brython version it was compiled by and refuses to
  load into another one (console error naming both): rebuild, or use `twt_py.brython.js`.

Each artifact starts with a `twt-py-build:` line naming the hash of the sources (and the
Brython version) it was made from; `stale()` compares that with the checkout, so a test and the
servers can tell a stale artifact from a fresh one.
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

from .dist import PACKAGE_DIR, browser_modules, read_module

PYSCRIPT_JS = "twt_py.pyscript.js"
BRYTHON_COMPILED_JS = "twt_py.brython-compiled.js"
_HEADER = re.compile(r"^// twt-py-build: sources=([0-9a-f]{16})(?: brython=(\S+))?")


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

_PYSCRIPT_LOADER = r"""
const own = [...document.querySelectorAll("script[type=module][src]")];
const me = own.find((s) => s.src === import.meta.url);
const core = (me && me.dataset.pyscript) ||
  (own.find((s) => /\/core\.js(\?|#|$)/.test(s.src)) || {}).src;
if (!core) {
  throw new Error("twt_py.pyscript.js: no PyScript core.js on this page; add " +
    "<script type=\"module\" src=\".../core.js\"> or data-pyscript=\"<url of core.js>\"");
}
const { hooks } = await import(new URL(core, location.href).href);
const written = new WeakSet();
hooks.main.onReady.add((wrap) => {
  const interpreter = wrap.interpreter;
  if (written.has(interpreter)) return;
  written.add(interpreter);
  const FS = interpreter.FS;
  for (const path in FILES) {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join("/");
      if (!FS.analyzePath(dir).exists) FS.mkdir(dir);
    }
    FS.writeFile(path, FILES[path]);
  }
});
"""


def pyscript_bundle() -> str:
    """`twt_py.pyscript.js`: the browser modules and the hook that writes them (see above)."""
    files = {rel: read_module(rel).decode("utf-8") for rel in browser_modules()}
    return (
        _header()
        + '// twt_py for PyScript in one request: load it with <script type="module"> in <head>.\n'
        + "const FILES = %s;\n" % json.dumps(files, ensure_ascii=False, separators=(",", ":"))
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
(function ($B) {
  var built = BUILT_FOR, running = Array.from($B.implementation).slice(0, 3).join(".");
  if (running !== built) {
    console.error("twt_py.brython-compiled.js was compiled for Brython " + built + " but the " +
      "page runs Brython " + running + ": rebuild it (twt-py build) or load twt_py.brython.js");
    return;
  }
  $B.loadBrythonPackage(VFS);
  for (var name in COMPILED) {
    $B.precompiled[name] = VFS[name][3] ? [COMPILED[name]] : COMPILED[name];
  }
  // A page with a VFS makes Brython open its IndexedDB cache of compiled modules before the
  // first script runs (hundreds of ms on a cold load). When twt_py is all the VFS holds, there
  // is nothing to cache: go on as Brython does when IndexedDB is unavailable.
  var idbOpen = $B.idb_open;
  $B.idb_open = function () {
    for (var mod in $B.VFS) {
      if (mod !== "$timestamp" && !Object.prototype.hasOwnProperty.call(COMPILED, mod)) {
        return idbOpen.apply(this, arguments);
      }
    }
    $B.loop();
  };
})(__BRYTHON__);
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


# The other runtimes' adapters: `_ffi` never imports them on Brython.
_NOT_ON_BRYTHON = ("_ffi_pyodide.py", "_ffi_micropython.py")
_compiled_cache: "dict[tuple[str, str, float], str]" = {}


def brython_compiled_bundle(brython_js: "Path | None" = None) -> str:
    """`twt_py.brython-compiled.js`, compiled by `brython_js` (default: the checkout's).

    Raises `RuntimeError` when there is no Brython or no Node.js to compile with.
    """
    brython_js = brython_js or find_brython()
    if brython_js is None or not Path(brython_js).is_file():
        raise RuntimeError("compiling for Brython needs brython.js (npm install brython)")
    key = (sources_hash(), str(brython_js), os.path.getmtime(brython_js))
    if key in _compiled_cache:
        return _compiled_cache[key]
    vfs: "dict[str, object]" = {"$timestamp": 0}
    sources: "dict[str, list[object]]" = {}
    for rel in browser_modules():
        if rel.rsplit("/", 1)[-1] in _NOT_ON_BRYTHON:
            continue
        parts = rel[: -len(".py")].split("/")
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        name = ".".join(parts)
        # The source is not needed to run; an empty one keeps the bundle small (tracebacks
        # then show file and line without the line's text).
        vfs[name] = [".py", "", [], 1] if is_package else [".py", "", []]
        sources[name] = [read_module(rel).decode("utf-8"), is_package]
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
    bundle = (
        _header(result["version"])
        + "// twt_py precompiled for Brython %s: load it with <script src> after brython.js.\n"
        % result["version"]
        + "var BUILT_FOR = %s, VFS = %s, COMPILED = %s;\n"
        % (
            json.dumps(result["version"]),
            json.dumps(vfs, separators=(",", ":")),
            json.dumps(result["modules"], ensure_ascii=False, separators=(",", ":")),
        )
    )
    # Scoped so the three names do not stay on the page's globals.
    bundle = bundle.replace("var BUILT_FOR", "(function () {\nvar BUILT_FOR", 1)
    bundle += _BRYTHON_LOADER.strip() + "\n})();\n"
    _compiled_cache[key] = bundle
    return bundle


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
    them at `/dist/<name>`."""
    return (PYSCRIPT_JS, BRYTHON_COMPILED_JS)


def artifact(name: str, brython_js: "Path | None" = None) -> "str | None":
    """The text of the fast-path artifact `name` (None when `name` is not one), built from the
    installed twt_py; the Brython one with `brython_js` (default: the checkout's).

    Raises `RuntimeError` when an artifact cannot be built here (no Brython or no Node.js).
    """
    if name == PYSCRIPT_JS:
        return pyscript_bundle()
    if name == BRYTHON_COMPILED_JS:
        return brython_compiled_bundle(brython_js)
    return None


# --- Freshness ------------------------------------------------------------------------------


def stale(out_dir: Path, brython_js: "Path | None" = None) -> "list[str]":
    """The fast-path artifacts in `out_dir` that do not match the sources (or the Brython).

    Each entry says which file and why; an empty list means every artifact there is fresh.
    A missing artifact is not stale (it was not built).
    """
    want = sources_hash()
    brython_js = brython_js or find_brython()
    problems = []
    for name in (PYSCRIPT_JS, BRYTHON_COMPILED_JS):
        path = Path(out_dir) / name
        if not path.is_file():
            continue
        with open(path, encoding="utf-8") as f:
            m = _HEADER.match(f.readline())
        if m is None:
            problems.append("%s: no twt-py-build header" % name)
            continue
        if m.group(1) != want:
            problems.append("%s: built from other sources (%s, now %s)" % (name, m.group(1), want))
        if name == BRYTHON_COMPILED_JS and brython_js is not None:
            pinned = brython_version(brython_js)
            if m.group(2) != pinned:
                problems.append(
                    "%s: compiled by Brython %s, the pinned Brython is %s"
                    % (name, m.group(2), pinned)
                )
    return problems


def write(out_dir: Path, brython_js: "Path | None" = None) -> "tuple[list[Path], list[str]]":
    """Write the fast-path artifacts into `out_dir`: (paths written, what was skipped and why)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written, skipped = [], []
    path = out_dir / PYSCRIPT_JS
    path.write_text(pyscript_bundle(), encoding="utf-8")
    written.append(path)
    try:
        data = brython_compiled_bundle(brython_js)
    except RuntimeError as exc:
        skipped.append("%s: %s" % (BRYTHON_COMPILED_JS, exc))
    else:
        path = out_dir / BRYTHON_COMPILED_JS
        path.write_text(data, encoding="utf-8")
        written.append(path)
    return written, skipped
