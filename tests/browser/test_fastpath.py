"""The fast path `twt-py build` adds: what it saves is there on every runtime.

- PyScript: twt_py arrives with the page, `twt_py.pyscript.js` and the payload of the page's
  interpreter only (before the interpreter has finished loading), and no `/twt_py/*.py` file
  is fetched.
- Brython: `twt_py.brython-compiled.js` runs no twt_py module through Brython's compiler;
  the plain bundle does (the check can fail).
"""

from playwright.sync_api import Page

TIMEOUT = 60_000
INTERPRETER = {"pyodide": "pyodide.asm.wasm", "micropython": "micropython.wasm"}

# Records every file Brython compiles, by wrapping `__BRYTHON__.py2js` as brython.js defines it.
SPY_PY2JS = """
(() => {
  const B = globalThis.__BRYTHON__ = {};
  globalThis.__compiled__ = [];
  let real;
  Object.defineProperty(B, "py2js", {
    configurable: true,
    get() {
      return real && function (src, ...rest) {
        globalThis.__compiled__.push(typeof src === "object" ? src.filename : "<string>");
        return real.call(this, src, ...rest);
      };
    },
    set(f) { real = f; },
  });
})();
"""


def _load(page: Page, runtime: str, delivery: str) -> "list[str]":
    requests: "list[str]" = []
    page.on("request", lambda r: requests.append(r.url.split("?")[0]))
    page.goto("/_t/%s/probe?delivery=%s" % (runtime, delivery))
    page.wait_for_function("window.__twt_done__ === true", timeout=TIMEOUT)
    assert page.evaluate("window.__twt_results__.name") == runtime
    return requests


def test_fast_path(page: Page, runtime: str) -> None:
    if runtime == "brython":
        page.add_init_script(SPY_PY2JS)
    requests = _load(page, runtime, "fast")
    if runtime == "brython":
        compiled = page.evaluate("window.__compiled__")
        # Only the page's own script went through the compiler.
        assert compiled and [f for f in compiled if "twt_py" in f] == [], compiled
        assert [u for u in requests if "/dist/" in u] == [
            u for u in requests if u.endswith("/dist/twt_py.brython-compiled.js")
        ]
        return
    assert [u for u in requests if "/twt_py/" in u] == []
    # The loader, and the payload of this page's interpreter only (mpy or stripped sources).
    payload = "/dist/twt_py.%s.bin" % runtime
    assert [u for u in requests if "/dist/" in u] == [
        u for u in requests if u.endswith(("/dist/twt_py.pyscript.js", payload))
    ]
    assert len([u for u in requests if u.endswith(payload)]) == 1, requests
    timing = page.evaluate(
        """([payload, wasm]) => {
          const entries = performance.getEntriesByType("resource");
          const find = (end) => entries.find((e) => e.name.split("?")[0].endsWith(end));
          const bundle = find(payload), interp = find(wasm);
          return {bundle_end: bundle.responseEnd, interpreter_end: interp.responseEnd};
        }""",
        [payload, INTERPRETER[runtime]],
    )
    # It has arrived before the interpreter has: no round of fetching after it.
    assert timing["bundle_end"] < timing["interpreter_end"], timing


def test_files_path_is_what_the_fast_path_saves(page: Page, runtime: str) -> None:
    """The same checks on the plain files fail: they can tell the two paths apart."""
    if runtime == "brython":
        page.add_init_script(SPY_PY2JS)
    requests = _load(page, runtime, "files")
    if runtime == "brython":
        assert "VFS.twt_py._widget.py" in page.evaluate("window.__compiled__")
        return
    assert [u for u in requests if u.endswith("/twt_py/_widget.py")], requests
    assert not [u for u in requests if u.endswith("/dist/twt_py.pyscript.js")], requests
