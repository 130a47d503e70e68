"""Distributables for each runtime, made from the package's own `.py` files (CPython only).

- PyScript: a `files` mapping to merge into the page's config, or a zip unpacked with `"./*"`;
- Brython: a `twt_py.brython.js` bundle (`__BRYTHON__.loadBrythonPackage`), so a page imports
  twt_py without one synchronous request per module;
- the fast path (`fastpath`): `twt_py.pyscript.js`, one module request that starts with the
  page, and `twt_py.brython-compiled.js`, precompiled by the pinned Brython;
- `twt-early.js`, the early-capture shim for pages that keep the vendor's snippet, and
  `twt-lazy.js`, the same with the placeholder launcher, for lazy pages;
- a wheel, for CPython servers and tools (`identity`, `testing`, the `twt-py` command).

The rule: the browser package is the `.py` files directly in `twt_py/`; every sub-folder of
`twt_py/` is CPython-only and never goes to a browser (`_cpython/`, this module's own folder:
the CLI, servers, builders and the fake FFI; `identity/`, the signing code that needs the
AppSecret; `testing/`, the pytest kit). So where a module lives says where it runs, and no list
is kept here.
"""

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

from .sources import BROWSER_SUFFIX, PACKAGE, PACKAGE_DIR, browser_modules, read_module

__all__ = [
    "BROWSER_SUFFIX",
    "PACKAGE",
    "PACKAGE_DIR",
    "browser_modules",
    "brython_bundle",
    "build",
    "early_shim",
    "mock_sdk_file",
    "pyscript_files",
    "pyscript_zip",
    "read_module",
]


def pyscript_files(base_url: str) -> "dict[str, str]":
    """The PyScript `files` entries that put twt_py on a page, fetched from `base_url`.

    `base_url` is where the page can fetch the package folder, e.g. `"/twt_py/"` when the
    files are served as `/twt_py/__init__.py`, ...
    """
    base = base_url.rstrip("/")
    return {
        base + "/" + rel[len(PACKAGE) + 1 :]: "./" + rel for rel in browser_modules()
    }


def pyscript_zip() -> bytes:
    """A zip of the browser modules, for `"files": {"<url>/twt_py.zip": "./*"}`."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for rel in browser_modules():
            zf.writestr(rel, read_module(rel))
    return buf.getvalue()


def brython_bundle() -> str:
    """A Brython package bundle: load it with `<script src="twt_py.brython.js">`."""
    vfs: "dict[str, object]" = {"$timestamp": 0}
    for rel in browser_modules():
        parts = rel[: -len(".py")].split("/")
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        entry: "list[object]" = [".py", read_module(rel).decode("utf-8"), []]
        if is_package:
            entry.append(1)
        vfs[".".join(parts)] = entry
    return "__BRYTHON__.loadBrythonPackage(%s)\n" % json.dumps(vfs, ensure_ascii=False)


def early_shim(name: str = "twt-early.js") -> bytes:
    """`twt-early.js`, the early-capture shim (or `twt-lazy.js`, the shim with the placeholder
    for lazy pages), from the wheel or the source checkout."""
    for path in (
        PACKAGE_DIR / "_static" / name,
        PACKAGE_DIR.parent / "static" / name,
    ):
        if path.is_file():
            return path.read_bytes()
    raise FileNotFoundError("%s is neither in the package nor in a checkout" % name)


def mock_sdk_file() -> Path:
    """The mock SDK, `twt-mock-sdk.js`, from the wheel (`twt_py/testing/`) or a checkout."""
    for path in (
        PACKAGE_DIR / "testing" / "twt-mock-sdk.js",
        PACKAGE_DIR.parent / "static" / "twt-mock-sdk.js",
    ):
        if path.is_file():
            return path
    raise FileNotFoundError("twt-mock-sdk.js is neither in the package nor in a checkout")


def build(out_dir: Path, *, base_url: str = "./twt_py/", wheel: bool = True) -> "list[Path]":
    """Write every distributable into `out_dir` and return the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []

    def write(name: str, data: "bytes | str") -> None:
        path = out_dir / name
        if isinstance(data, str):
            data = data.encode("utf-8")
        path.write_bytes(data)
        written.append(path)

    # The browser modules themselves, so `base_url` in the snippet resolves next to it.
    for rel in browser_modules():
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(read_module(rel))
        written.append(target)
    write("pyscript-files.json", json.dumps({"files": pyscript_files(base_url)}, indent=2) + "\n")
    write("twt_py.zip", pyscript_zip())
    write("twt_py.brython.js", brython_bundle())
    write("twt-early.js", early_shim())
    write("twt-lazy.js", early_shim("twt-lazy.js"))
    # The fast path (twt_py.pyscript.js, Brython's precompiled bundle): see _fastpath.
    from . import fastpath as _fastpath

    fast, skipped = _fastpath.write(out_dir)
    written.extend(fast)
    for why in skipped:
        print("twt-py build: skipped %s" % why, file=sys.stderr)
    if wheel:
        project = PACKAGE_DIR.parent
        if not (project / "pyproject.toml").exists():
            raise RuntimeError("building the wheel needs the project checkout (pyproject.toml)")
        before = set(out_dir.glob("*.whl"))
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out_dir), str(project)],
            check=True,
        )
        written.extend(sorted(set(out_dir.glob("*.whl")) - before) or sorted(out_dir.glob("*.whl")))
    return written
