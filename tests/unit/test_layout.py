"""The folders show where a module runs: the browser package is the `.py` files directly in
`twt_py/`; every sub-folder of `twt_py/` is CPython-only and never goes to a browser.

The distributables are made by that rule (`sources.browser_modules()`), the browser modules
import nothing from a sub-folder, and no twt_py modules import each other.
"""

import ast
import gzip
import io
import json
import shutil
import zipfile
from importlib.machinery import PathFinder
from pathlib import Path

import pytest

import twt_py
from twt_py._cpython import dist, fastpath

PACKAGE_DIR = Path(twt_py.__file__).resolve().parent
ROOT = PACKAGE_DIR.parent
BRYTHON_JS = ROOT / "node_modules" / "brython" / "brython.js"

# By the rule, read straight from the folder (not through `dist`).
TOP_LEVEL = sorted("twt_py/" + p.name for p in PACKAGE_DIR.glob("*.py"))
SUBFOLDERS = sorted(
    p.name for p in PACKAGE_DIR.iterdir() if p.is_dir() and any(p.rglob("*.py"))
)


def _dotted(rel: str) -> str:
    name = rel.removesuffix(".py").replace("/", ".")
    return name.removesuffix(".__init__")


def _assert_no_subfolder(names: "list[str]", sep: str) -> None:
    """None of `names` (paths with `/`, or dotted module names) is in a sub-folder."""
    for folder in SUBFOLDERS:
        inside = [n for n in names if n == "twt_py" + sep + folder or n.startswith(
            "twt_py" + sep + folder + sep
        )]
        assert inside == [], "CPython-only %s/ reached a browser artifact: %s" % (folder, inside)


def test_the_cpython_only_modules_live_in_sub_folders() -> None:
    assert {"_cpython", "identity", "testing"} <= set(SUBFOLDERS)
    for moved in ("cli", "server", "site_app", "starter", "dist", "fastpath", "pages", "ffi_fake"):
        assert (PACKAGE_DIR / "_cpython" / (moved + ".py")).is_file(), moved
        assert not (PACKAGE_DIR / ("_" + moved + ".py")).exists(), moved
    assert (PACKAGE_DIR / "identity" / "__init__.py").is_file()
    assert not (PACKAGE_DIR / "identity.py").exists()
    assert not hasattr(dist, "SERVER_ONLY")  # the folders are the rule, not a list


def test_browser_modules_are_exactly_the_top_level_files() -> None:
    assert dist.browser_modules() == TOP_LEVEL
    assert "twt_py/__init__.py" in TOP_LEVEL and "twt_py/_widget.py" in TOP_LEVEL


def test_every_browser_artifact_holds_the_top_level_files_and_no_sub_folder() -> None:
    files = dist.pyscript_files("/dist/twt_py/")
    assert sorted(files.values()) == ["./" + rel for rel in TOP_LEVEL]
    assert sorted(files) == ["/dist/" + rel for rel in TOP_LEVEL]

    zipped = zipfile.ZipFile(io.BytesIO(dist.pyscript_zip())).namelist()
    assert sorted(zipped) == TOP_LEVEL
    _assert_no_subfolder(zipped, "/")

    bundle = dist.brython_bundle()
    vfs = json.loads(bundle[bundle.index("(") + 1 : bundle.rindex(")")])
    modules = sorted(k for k in vfs if k != "$timestamp")
    assert modules == sorted(_dotted(rel) for rel in TOP_LEVEL)
    _assert_no_subfolder(modules, ".")

    # The fast path's PyScript payloads: each runtime's top-level modules (no other runtime's
    # adapter), as source or bytecode.
    for runtime in fastpath.PAYLOADS:
        _, index, _ = fastpath.pyscript_payload(runtime).split(b"\n", 2)
        carried = sorted(p.rsplit(".", 1)[0] + ".py" for p in json.loads(index))
        assert carried == sorted(fastpath.runtime_modules(runtime)), runtime
        assert set(carried) <= set(TOP_LEVEL) and "twt_py/_widget.py" in carried, runtime
        _assert_no_subfolder(carried, "/")


@pytest.mark.skipif(
    not BRYTHON_JS.is_file() or shutil.which("node") is None,
    reason="needs node_modules/brython (npm ci) and Node.js",
)
def test_the_precompiled_brython_bundle_holds_top_level_modules_only() -> None:
    payload = fastpath.brython_compiled_payload(BRYTHON_JS)
    unpacked = json.loads(gzip.decompress(payload.split(b"\n", 1)[1]))
    modules = sorted(k for k in unpacked["vfs"] if k != "$timestamp")
    # All of them but the other runtimes' adapters and the worker's, which Brython never imports.
    assert modules == sorted(_dotted(rel) for rel in fastpath.runtime_modules("brython"))
    assert set(fastpath.runtime_modules("brython")) < set(TOP_LEVEL)
    _assert_no_subfolder(modules, ".")


def test_a_sub_folder_module_cannot_be_imported_from_the_zip(tmp_path: Path) -> None:
    archive = tmp_path / "twt_py.zip"
    archive.write_bytes(dist.pyscript_zip())
    inside = [str(archive / "twt_py")]  # zipimport: the package folder inside the zip
    assert PathFinder.find_spec("twt_py._widget", inside) is not None
    assert PathFinder.find_spec("twt_py._ffi_brython", inside) is not None
    for folder in SUBFOLDERS:
        assert PathFinder.find_spec("twt_py." + folder, inside) is None, folder
    # Nor from the files `twt-py build` writes beside it.
    dist.build(tmp_path / "out", wheel=False)
    written = [str(tmp_path / "out" / "twt_py")]
    assert PathFinder.find_spec("twt_py._widget", written) is not None
    for folder in SUBFOLDERS:
        assert PathFinder.find_spec("twt_py." + folder, written) is None, folder
        assert not (tmp_path / "out" / "twt_py" / folder).exists(), folder


def _imports(tree: ast.AST) -> "list[tuple[ast.AST, str]]":
    """(node, module) for every import, relative ones as `twt_py.<name>` (top-level files)."""
    out: "list[tuple[ast.AST, str]]" = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend((node, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                base = node.module or ""
            else:
                base = "twt_py" + ("." + node.module if node.module else "")
            out.append((node, base))
            if node.module is None or base == "twt_py":  # `from . import x`: x is a module
                out.extend((node, "twt_py." + alias.name) for alias in node.names)
    return out


def test_browser_modules_import_nothing_from_a_sub_folder() -> None:
    # Not even the fake JS world: on CPython the facade refuses to run rather than bind to it.
    checked = 0
    for rel in TOP_LEVEL:
        tree = ast.parse((ROOT / rel).read_text("utf-8"))
        for _node, module in _imports(tree):
            checked += 1
            inside = [f for f in SUBFOLDERS if module == "twt_py." + f or module.startswith("twt_py." + f + ".")]
            assert inside == [], "%s imports the CPython-only %s" % (rel, module)
    assert checked  # the loop saw imports


def _module_imports(path: Path) -> "set[str]":
    # Every import in the file (in functions too), resolved to a dotted name.
    rel = path.relative_to(ROOT).with_suffix("")
    package = list(rel.parts[:-1])
    out = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            out.add(module)
            out.update(module + "." + alias.name for alias in node.names)
    return out


def test_no_twt_py_modules_import_each_other() -> None:
    # A module importing a package it is in (`from . import Chat` in `_install`, which the
    # package loads on first use) is how a package offers its names, not a cycle of modules.
    files = {_dotted(p.relative_to(ROOT).as_posix()): p for p in PACKAGE_DIR.rglob("*.py")}
    graph = {
        name: {
            m for m in _module_imports(path)
            if m in files and m != name and not name.startswith(m + ".")
        }
        for name, path in files.items()
    }
    assert graph["twt_py._cpython.fastpath"]  # the graph is not empty

    def reaches(start: str, goal: str, seen: "set[str]") -> bool:
        for nxt in graph[start]:
            if nxt == goal or (nxt not in seen and (seen.add(nxt) or reaches(nxt, goal, seen))):
                return True
        return False

    cycles = sorted(name for name in graph if reaches(name, name, set()))
    assert cycles == [], "modules on an import cycle: %s" % cycles


def test_no_module_is_too_long_to_read() -> None:
    # About 450 lines is what one reader holds in mind; a longer module does two jobs.
    lengths = {
        p.relative_to(ROOT).as_posix(): len(p.read_text("utf-8").splitlines())
        for p in PACKAGE_DIR.rglob("*.py")
    }
    long = {rel: n for rel, n in lengths.items() if n > 450}
    assert long == {}
