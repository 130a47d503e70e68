"""twt-py's CPython-only modules: nothing in this folder ever goes to a browser.

The browser package is the `.py` files directly in `twt_py/`; every sub-folder of `twt_py/`
(this one, `identity/`, `testing/`) is CPython-only, and the browser distributables
(`dist.browser_modules()`) are made from the top-level files alone.

| module | what |
| --- | --- |
| `cli` | the `twt-py` command (`init`, `serve`, `build`, `sign`) |
| `server` | the starlette app behind the demo and the project's own tests |
| `site_app` | `twt-py serve DIR`: a site owner's folder, with `/dist/`, `/static/`, `/runtimes/` |
| `starter` | `twt-py init`: a starter site with tests |
| `sources` | the browser modules (the folder rule), their hash, per-runtime lists, stripping |
| `dist` | the distributables: PyScript files/zip, Brython bundle, wheel |
| `fastpath` | the fast-path artifacts (`twt_py.pyscript.js` and its payloads), by name, and their freshness |
| `fastpath_brython` | the Brython fast path (`twt_py.brython-compiled.js`), compiled under Node.js |
| `pages` | a page of Python for one runtime (tests, demo, benchmarks) |
| `ffi_fake` | the fake JavaScript world unit tests pass to `ChatWidget(host)` |

```python
>>> from twt_py._cpython.sources import browser_modules
>>> "twt_py/_cpython/dist.py" in browser_modules()
False
```
"""
