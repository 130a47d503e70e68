"""The runtime adapter: one `host` object that hides the three browser FFIs.

Everything above this layer talks to JavaScript only through `host`; only the `_ffi_*`
modules import `js`, `pyodide`, `jsffi`, `browser` or `javascript`.

```python
from twt_py._ffi import host
host.console("log", "hello from " + host.name)
```
"""

from ._runtime import BRYTHON, MICROPYTHON, PYODIDE, runtime

if runtime.name == BRYTHON:
    from ._ffi_brython import Host
elif runtime.name == PYODIDE:
    from ._ffi_pyodide import Host  # type: ignore[assignment]
elif runtime.name == MICROPYTHON:
    from ._ffi_micropython import Host  # type: ignore[assignment]
else:
    # Outside a browser there is no page to bind to. Unit tests and tools reach the fake JS
    # world on purpose: `ChatWidget(twt_py._cpython.ffi_fake.FakeHost())`.
    raise RuntimeError(
        "twt_py's Chat runs in a browser: PyScript + Pyodide, PyScript + MicroPython or "
        "Brython. This is %s, with no page to talk to. Test a page with twt_py.testing (a "
        "real browser), or a facade over a fake page with ChatWidget(host)." % runtime.name
    )

if runtime.worker:  # a PyScript worker: bind to the page's window, not the worker's scope
    from ._ffi_worker import worker_host

    Host = worker_host(Host)  # type: ignore[misc]

host = Host()
