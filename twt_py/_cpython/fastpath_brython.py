"""The Brython half of the fast path: `twt_py.brython-compiled.js` and its payload (CPython only).

`twt_py.brython-compiled.js` is a loader for `twt_py.brython-compiled.bin`, every module
compiled to JavaScript by the pinned Brython's own compiler (run under Node.js at build time;
gzip), so the page pays no transpile at import. It names the Brython version it was compiled
by and refuses to load into another one (console error naming both): rebuild, or use
`twt_py.brython.js`.
"""

import gzip
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

from .sources import PACKAGE_DIR, header, read_module, runtime_modules, sources_hash, strip_source

BRYTHON_COMPILED_JS = "twt_py.brython-compiled.js"
BRYTHON_COMPILED_BIN = "twt_py.brython-compiled.bin"

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
  // Without DecompressionStream (Safari before 16.4, Firefox before 113) the payload cannot
  // be unpacked: the plain bundle beside this file, twt_py.brython.js, registers twt_py
  // instead (Brython then compiles it at import, as on a page without the fast path).
  if (typeof DecompressionStream === "undefined") {
    var plain = new URL("twt_py.brython.js", url);
    console.warn("twt_py.brython-compiled.js needs DecompressionStream (Safari 16.4, " +
      "Firefox 113, Chrome 80): loading the plain " + plain + " instead");
  }
  // Fetched and unpacked at once (gzip, by the browser), while the page and Brython load:
  // placed before brython.js, all of it happens while brython.js downloads and parses.
  var payload = plain ? Promise.resolve(null) : fetch(url).then(function (r) {
    if (!r.ok) throw new Error("HTTP " + r.status + " for " + r.url);
    return r.arrayBuffer();
  }).then(function (buffer) {
    var bytes = new Uint8Array(buffer);
    var body = new Blob([bytes.subarray(bytes.indexOf(10) + 1)]).stream()
      .pipeThrough(new DecompressionStream("gzip"));
    return new Response(body).json();
  });
  // the payload, once it is here
  var unpacked = null;
  payload.then(function (p) { unpacked = p; }, function () {});
  function installPlain($B) {
    var script = document.createElement("script");
    script.src = plain;
    if (me && me.nonce) script.nonce = me.nonce;
    script.onload = function () { $B.loop(); };
    script.onerror = function () {
      console.error("twt_py.brython-compiled.js: could not load " + plain);
      $B.loop();
    };
    document.head.appendChild(script);
  }
  function install($B, p) {
    if (plain) return installPlain($B);
    try {
      $B.loadBrythonPackage(p.vfs);
      for (var name in p.compiled) {
        $B.precompiled[name] = p.vfs[name][3] ? [p.compiled[name]] : p.compiled[name];
      }
    } catch (e) {
      console.error("twt_py.brython-compiled.js: could not register " + url + ": " + e.message);
    }
    // the page's scripts run in any case
    $B.loop();
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
    // after brython.js
    register(globalThis.__BRYTHON__);
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


def _without_comment_lines(js: str) -> str:
    # The loader's comments and indentation are for whoever reads this module; every page
    # downloads the file, uncompressed (320 bytes of indentation alone).
    lines = (line.lstrip() for line in js.splitlines())
    return "\n".join(line for line in lines if not line.startswith("//"))


def brython_compiled_bundle(brython_js: "Path | None" = None) -> str:
    """`twt_py.brython-compiled.js`, for the Brython `brython_js` (default: the checkout's):
    checks the page's Brython is the one that compiled twt_py, fetches
    `twt_py.brython-compiled.bin` (beside it) at once, and has Brython's start-up wait for it.

    Raises `RuntimeError` when there is no Brython or no Node.js to compile with.
    """
    version, _ = _brython_compiled(brython_js)
    return (
        header(version)
        + "// twt_py for Brython %s: first in <head>; fetches %s beside it.\n"
        % (version, BRYTHON_COMPILED_BIN)
        + "(function () {\nvar BUILT_FOR = %s, PAYLOAD = %s;\n"
        % (json.dumps(version), json.dumps(BRYTHON_COMPILED_BIN))
        + _without_comment_lines(_BRYTHON_LOADER.strip())
        + "\n})();\n"
    )


def brython_compiled_payload(brython_js: "Path | None" = None) -> bytes:
    """`twt_py.brython-compiled.bin`: the `twt-py-build` line, then the gzip of the modules
    compiled to JavaScript by the Brython `brython_js`, and their (empty) VFS entries."""
    version, packed = _brython_compiled(brython_js)
    return header(version).encode("utf-8") + packed


def brython_version(brython_js: Path) -> str:
    """The version a `brython.js` names in its header (`// implementation [3, 14, 3, ...]`)."""
    with open(brython_js, encoding="utf-8") as f:
        head = f.read(400)
    m = re.search(r"// implementation \[(\d+), (\d+), (\d+)", head)
    if not m:
        raise ValueError("%s names no Brython version in its header" % brython_js)
    return ".".join(m.groups())
