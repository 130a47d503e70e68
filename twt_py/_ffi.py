"""The runtime adapter: which Python is this, and the one `host` that hides its browser FFI.

The one runtime probe is here (`runtime`), beside the choice it makes: everything above this
layer talks to JavaScript only through `host`, and only the `_ffi_*` modules import `js`,
`pyodide`, `jsffi`, `browser` or `javascript`.

```python
from twt_py._ffi import host, runtime
host.console("log", "hello from %s %s" % (runtime.name, runtime.version))
```
"""

from ._ffi_base import JSError, ask  # noqa: F401  (the facade's: what `host.attempt` raises)

PYODIDE = "pyodide"
MICROPYTHON = "micropython"
BRYTHON = "brython"
CPYTHON = "cpython"


def _dotted(version):
    # A version kept as its parts until read: formatting is a first use Brython pays at start.
    if type(version) is str:
        return version
    return "%s.%s.%s" % (version[0], version[1], version[2])


class RuntimeInfo:
    """What the page's Python is: `name` (pyodide, micropython, brython or cpython),
    `version` (the runtime's own version), `python` (the language version) and `worker`
    (True when it runs in a Web Worker, e.g. PyScript's `<script type="mpy" worker>`)."""

    __slots__ = ("_python", "_version", "name", "worker")

    def __init__(self, name, version, python, worker=False):
        self.name = name
        self._version = version
        self._python = python
        self.worker = worker

    @property
    def version(self):
        return _dotted(self._version)

    @property
    def python(self):
        return _dotted(self._python)

    @property
    def in_browser(self):
        """True on Pyodide, MicroPython and Brython; False on CPython."""
        return self.name != CPYTHON

    def __repr__(self):
        return "RuntimeInfo(name=%r, version=%r, python=%r, worker=%r)" % (
            self.name,
            self.version,
            self.python,
            self.worker,
        )


def _in_worker():
    # PyScript points a worker's `js.document` at the page's; `importScripts` exists only in
    # a worker's own global scope.
    import js  # type: ignore[import-not-found]

    return bool(js.Reflect.has(js.globalThis, "importScripts"))


def _probe():
    # Brython first, by its builtin `__BRYTHON__`: without its stdlib bundle `import sys` is a
    # failed request there, and importing `browser` costs more than a name lookup.
    try:
        brython = __BRYTHON__  # type: ignore[name-defined]
    except NameError:
        brython = None
    if brython is not None:
        return RuntimeInfo(BRYTHON, brython.implementation, brython.version_info)
    import sys

    lang = sys.version_info
    if sys.implementation.name == MICROPYTHON:
        return RuntimeInfo(MICROPYTHON, sys.implementation.version, lang, _in_worker())
    if sys.platform == "emscripten":
        try:
            import pyodide  # type: ignore[import-not-found]

            version = pyodide.__version__
        except ImportError:
            version = "unknown"
        return RuntimeInfo(PYODIDE, version, lang, _in_worker())
    return RuntimeInfo(CPYTHON, lang, lang)


runtime = _probe()

if runtime.name == BRYTHON:
    from ._ffi_brython import Host
elif runtime.name == PYODIDE:
    from ._ffi_pyodide import Host  # type: ignore[assignment]
elif runtime.name == MICROPYTHON:
    from ._ffi_micropython import Host  # type: ignore[assignment]
else:
    Host = None  # type: ignore[assignment,misc]

if Host is not None:
    if runtime.worker:  # a PyScript worker: bind to the page's window, not the worker's scope
        from ._ffi_worker import worker_host

        Host = worker_host(Host)  # type: ignore[misc]
    host = Host()
else:

    def __getattr__(name):
        # Outside a browser there is no page to bind to: `Chat` fails at its first use. Unit
        # tests and tools reach the fake JS world on purpose:
        # `ChatWidget(twt_py._cpython.ffi_fake.FakeHost())`.
        if name == "host":
            raise RuntimeError(
                "twt_py's Chat runs in a browser: PyScript + Pyodide, PyScript + MicroPython "
                "or Brython. This is %s, with no page to talk to. Test a page with "
                "twt_py.testing (a real browser), or a facade over a fake page with "
                "ChatWidget(host)." % runtime.name
            )
        raise AttributeError("module 'twt_py._ffi' has no attribute %r" % (name,))
