"""The browser package's sources, and what every build of them shares (CPython only).

The rule: the browser package is the `.py` files directly in `twt_py/`; every sub-folder of
`twt_py/` is CPython-only and never goes to a browser. `browser_modules()` is that rule; the
plain distributables (`dist`) and the fast path (`fastpath`, `fastpath_brython`) are made
from it, and name the sources they were built from by `sources_hash()`.
"""

import ast
import hashlib
import io
import tokenize
from pathlib import Path

PACKAGE = "twt_py"
PACKAGE_DIR = Path(__file__).resolve().parents[1]

BROWSER_SUFFIX = ".py"


def browser_modules() -> "list[str]":
    """Paths, relative to the package folder's parent, of the files a page needs: the `.py`
    files directly in `twt_py/`, sorted (sub-folders are CPython-only, see above).

    ```python
    >>> "twt_py/__init__.py" in browser_modules()
    True
    >>> [rel for rel in browser_modules() if rel.count("/") > 1]
    []
    ```
    """
    return sorted(
        (Path(PACKAGE) / path.name).as_posix()
        for path in PACKAGE_DIR.iterdir()
        if path.is_file() and path.name.endswith(BROWSER_SUFFIX)
    )


def read_module(relpath: str) -> bytes:
    """The bytes of one browser module, by its path from `browser_modules()`."""
    if relpath not in browser_modules():
        raise FileNotFoundError(relpath)
    return (PACKAGE_DIR.parent / relpath).read_bytes()


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


def header(brython: "str | None" = None) -> str:
    line = "// twt-py-build: sources=%s" % sources_hash()
    if brython:
        line += " brython=%s" % brython
    return line + "\n"


# Each runtime's adapter: a page's payload carries only its own (and no worker adapter).
_ADAPTERS = {
    "micropython": "_ffi_micropython.py",
    "pyodide": "_ffi_pyodide.py",
    "brython": "_ffi_brython.py",
}
# Main thread only (the hook is `hooks.main`): a worker gets twt_py by `files`, with this.
_WORKER_ONLY = ("_ffi_worker.py",)


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
