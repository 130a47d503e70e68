"""The runtime adapter: one `host` object that hides the three FFIs (and a fake for CPython).

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
    from ._cpython.ffi_fake import Host  # type: ignore[assignment]

if runtime.worker:  # a PyScript worker: bind to the page's window, not the worker's scope
    from ._ffi_worker import worker_host

    Host = worker_host(Host)  # type: ignore[misc]

host = Host()
