"""The one runtime probe: which Python am I running on, and which FFI adapter fits it.

Brython without `brython_stdlib.js` has no `sys` (importing it is a failed request), so the
probe asks for Brython's built-in `browser` module first and for `sys` only elsewhere.

```python
from twt_py import runtime
print(runtime.name, runtime.version)    # e.g. "micropython 1.28.0"
print(runtime.worker)                   # True in a PyScript worker (`<script ... worker>`)
```
"""

PYODIDE = "pyodide"
MICROPYTHON = "micropython"
BRYTHON = "brython"
CPYTHON = "cpython"


class RuntimeInfo:
    """What the page's Python is: `name` (pyodide, micropython, brython or cpython),
    `version` (the runtime's own version), `python` (the language version) and `worker`
    (True when it runs in a Web Worker, e.g. PyScript's `<script type="mpy" worker>`)."""

    __slots__ = ("name", "python", "version", "worker")

    def __init__(self, name: str, version: str, python: str, worker: bool = False) -> None:
        self.name = name
        self.version = version
        self.python = python
        self.worker = worker

    @property
    def in_browser(self) -> bool:
        """True on Pyodide, MicroPython and Brython; False on CPython."""
        return self.name != CPYTHON

    def __repr__(self) -> str:
        return "RuntimeInfo(name=%r, version=%r, python=%r, worker=%r)" % (
            self.name,
            self.version,
            self.python,
            self.worker,
        )


def _version_str(parts: "tuple[object, ...]") -> str:
    # Indexing, not a generator over a tuple: both are a first use that Brython pays at start.
    return "%s.%s.%s" % (parts[0], parts[1], parts[2])


def _brython() -> "RuntimeInfo | None":
    # Asked first: in Brython without its stdlib bundle, `import sys` is a failed request.
    try:
        from browser import window  # type: ignore[import-not-found]
    except ImportError:
        return None
    brython = getattr(window, "__BRYTHON__", None)
    if brython is None:  # a CPython package that happens to be called `browser`
        return None
    version = _version_str(brython.implementation)
    return RuntimeInfo(BRYTHON, version, _version_str(brython.version_info))


def _in_worker() -> bool:
    # PyScript points a worker's `js.document` at the page's; `importScripts` exists only in
    # a worker's own global scope.
    import js  # type: ignore[import-not-found]

    return bool(js.Reflect.has(js.globalThis, "importScripts"))


def _probe() -> RuntimeInfo:
    found = _brython()
    if found is not None:
        return found
    import sys

    lang = _version_str(sys.version_info)
    if sys.implementation.name == MICROPYTHON:
        version = _version_str(sys.implementation.version)
        return RuntimeInfo(MICROPYTHON, version, lang, _in_worker())
    if sys.platform == "emscripten":
        try:
            import pyodide  # type: ignore[import-not-found]

            version = pyodide.__version__
        except ImportError:
            version = "unknown"
        return RuntimeInfo(PYODIDE, version, lang, _in_worker())
    return RuntimeInfo(CPYTHON, lang, lang)


runtime = _probe()
