"""The script the kit adds to every page of a watched context: it only listens.

It reports to Python, through one Playwright binding that it takes off `window` at once (the
page's globals stay as they were), the page's Python scripts, the runtime's start
(PyScript's `py:ready`/`mpy:ready`; Brython: `brython.js` has run), each script's end
(PyScript's `py:done`/`mpy:done`; Brython dispatches `load` on a script it ran), a runtime
that is not there once the page has loaded while one of its scripts failed, and a start that took longer than the kit allows.
"""

BINDING = "__twt_kit_watch__"

# `%(binding)s` and `%(start_ms)d` are filled in per context.
WATCH_JS = r"""(() => {
  const send = globalThis[%(binding)r];
  try { delete globalThis[%(binding)r]; } catch (e) {}
  if (typeof send !== "function" || window.top !== window) return;
  const post = (kind, data) => { try { send(kind, data || {}); } catch (e) {} };
  const PY = 'script[type="py"],script[type="mpy"],py-script,mpy-script,' +
    'script[type="text/python"],script[type="text/python3"]';
  // Once the page has loaded, every script of its HTML has run or failed: a page with Python
  // whose runtime is not there then, and some script failed, never starts.
  // PyScript's core.js defines its custom elements later, after its config: the module
  // registry of polyscript (which PyScript is built on) is there as soon as core.js has run.
  const runtimeThere = () => !!(window.__BRYTHON__ ||
    globalThis[Symbol.for("polyscript.js_modules")] ||
    customElements.get("py-script") || customElements.get("mpy-script"));
  let started = false, listed = false, failed = [];
  const index = (el) => Array.prototype.indexOf.call(document.querySelectorAll(PY), el);
  const start = (how) => { if (!started) { started = true; post("started", {how}); } };
  const list = () => {
    if (listed) return;
    listed = true;
    const scripts = Array.from(document.querySelectorAll(PY)).map((el) => ({
      type: el.getAttribute("type") || el.tagName.toLowerCase(),
      src: el.getAttribute("src") ? new URL(el.getAttribute("src"), document.baseURI).href : null,
      text: el.getAttribute("src") ? null : (el.textContent || "").slice(0, 100000),
    }));
    post("scripts", {scripts});
    if (!scripts.length) return;
    if (window.__BRYTHON__) start("brython.js");
    // Only a runtime that never arrived: a slow interpreter boot (Pyodide's, on a busy
    // machine) is not a failure, and PyScript reports an interpreter that fails to load.
    setTimeout(() => {
      if (!started && !runtimeThere()) post("stalled", {ms: %(start_ms)d});
    }, %(start_ms)d);
  };
  for (const kind of ["py", "mpy"]) {
    document.addEventListener(kind + ":ready", () => start("PyScript " + kind + ":ready"), true);
    document.addEventListener(kind + ":done", (e) => post("done", {index: index(e.target)}), true);
  }
  document.addEventListener("load", (e) => {
    const el = e.target;
    if (el && el.matches && el.matches(PY)) { start("brython"); post("done", {index: index(el)}); }
  }, true);
  window.addEventListener("error", (e) => {
    const el = e.target;
    if (!el || el === window || !el.tagName) return;
    if (el.tagName === "SCRIPT" && el.src) failed.push(el.src);
  }, true);
  document.addEventListener("DOMContentLoaded", list);
  window.addEventListener("load", () => {
    list();
    if (window.__BRYTHON__) start("brython.js");
    if (!started && !runtimeThere() && failed.length && document.querySelector(PY)) {
      post("runtime-failed", {urls: failed});
    }
  });
})();
"""


def watch_js(start_ms: int) -> str:
    return WATCH_JS % {"binding": BINDING, "start_ms": start_ms}
