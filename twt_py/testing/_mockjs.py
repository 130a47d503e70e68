"""The JavaScript `ChatMock` evaluates in the page: each a function `(arg) => ...` that reads
or drives `window.__twt_mock__` (docs/mock-sdk.md) with the same helpers in scope."""

# JS helpers shared by every evaluation: the state view and a key-order-free comparison.
JS_LIB = r"""
const mock = () => { const m = window.__twt_mock__; return m && m.isTwtMock ? m : null; };
const view = () => {
  const m = mock(); if (!m) return null;
  const s = m.state();
  return {phase: s.phase, ready: s.ready, error: s.error ? s.error.message : null, open: s.open,
    unread: s.unread, visibility: s.visibility, language: s.language, theme: s.theme,
    position: s.position, launcher: s.launcher, customer: s.customer, appid: s.appid,
    version: s.version, config_name: s.configName};
};
const canon = (v) => JSON.stringify(v === undefined ? null : v, (k, x) =>
  (x && typeof x === 'object' && !Array.isArray(x))
    ? Object.keys(x).sort().reduce((o, key) => { o[key] = x[key]; return o; }, {}) : x);
"""


def js(body: str) -> str:
    """A JS function `(arg) => ...` with the helpers in scope."""
    return "(arg) => {%s\n%s\n}" % (JS_LIB, body)


JS_PRESENT = js("return !!mock();")
JS_VIEW = js("return view();")
JS_CALLS = js("const m = mock(); return m ? m.calls.map(c => [c.method, c.args]) : null;")
JS_FIND_CALL = js(
    """const m = mock(); if (!m) return null;
    const want = arg.args === null ? null : canon(arg.args);
    let n = 0;
    for (const c of m.calls) {
      if (c.method === arg.method && (want === null || canon(c.args) === want) && ++n === arg.count) {
        return [c.method, c.args];
      }
    }
    return null;"""
)
JS_STATE_MATCHES = js(
    """const s = view(); if (!s) return false;
    return Object.keys(arg).every(k => canon(s[k]) === canon(arg[k]));"""
)
JS_STATE_CHANGED = js("const s = view(); return s !== null && canon(s) !== arg;")
JS_VIEW_AND_KEY = js("const s = view(); return s === null ? null : [s, canon(s)];")
JS_SETTLED = js("const s = view(); return !!s && (s.ready || s.error !== null);")
JS_CONTROL = js(
    """const m = mock(); if (!m) return {missing: true};
    return {value: m[arg.name].apply(m, arg.args)};"""
)
JS_OWN_MOCK_SCRIPTS = (
    "() => Array.from(document.scripts).map(s => s.src).filter(s => /twt-mock-sdk/.test(s))"
)

