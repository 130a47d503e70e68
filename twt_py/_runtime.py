"""The one runtime probe: which Python am I running on, and which FFI adapter fits it.

Brython without `brython_stdlib.js` has no `sys` (importing it is a failed request), so the
probe asks for Brython's built-in `browser` module first and for `sys` only elsewhere.

```python
from twt_py import runtime
print(runtime.name, runtime.version)    # e.g. "micropython 1.28.0"
```
"""

PYODIDE = "pyodide"
MICROPYTHON = "micropython"
BRYTHON = "brython"
CPYTHON = "cpython"


class RuntimeInfo:
    """What the page's Python is: `name` (pyodide, micropython, brython or cpython),
    `version` (the runtime's own version) and `python` (the language version)."""

    __slots__ = ("name", "python", "version")

    def __init__(self, name: str, version: str, python: str) -> None:
        self.name = name
        self.version = version
        self.python = python

    @property
    def in_browser(self) -> bool:
        """True on Pyodide, MicroPython and Brython; False on CPython."""
        return self.name != CPYTHON

    def __repr__(self) -> str:
        return "RuntimeInfo(name=%r, version=%r, python=%r)" % (
            self.name,
            self.version,
            self.python,
        )


def _version_str(parts: "tuple[object, ...]") -> str:
    return ".".join(str(p) for p in parts[:3])


def _brython() -> "RuntimeInfo | None":
    # Asked first: in Brython without its stdlib bundle, `import sys` is a failed request.
    try:
        from browser import window  # type: ignore[import-not-found]
    except ImportError:
        return None
    brython = getattr(window, "__BRYTHON__", None)
    if brython is None:  # a CPython package that happens to be called `browser`
        return None
    version = _version_str(tuple(brython.implementation))
    return RuntimeInfo(BRYTHON, version, _version_str(tuple(brython.version_info)))


def _probe() -> RuntimeInfo:
    found = _brython()
    if found is not None:
        return found
    import sys

    lang = _version_str(tuple(sys.version_info))
    if sys.implementation.name == MICROPYTHON:
        return RuntimeInfo(MICROPYTHON, _version_str(tuple(sys.implementation.version)), lang)
    if sys.platform == "emscripten":
        try:
            import pyodide  # type: ignore[import-not-found]

            version = pyodide.__version__
        except ImportError:
            version = "unknown"
        return RuntimeInfo(PYODIDE, version, lang)
    return RuntimeInfo(CPYTHON, lang, lang)


runtime = _probe()
