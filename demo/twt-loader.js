/*
 * demo/twt-loader.js: the vendor's TWT Chat install snippet, made switchable for the demo.
 *
 * Loaded as a plain <script> in <head>, before the Python runtime, it does what the vendor's
 * snippet does, in the vendor's order, then gets out of the way: everything else on the demo
 * pages is Python (demo/app.py, with twt_py).
 *
 *   1. (before this file) /static/twt-early.js, twt-py's early-capture shim: the queue stub and
 *      a record of what the SDK says before Python is up, which twt_py replays when it binds;
 *      Pyodide starts seconds after the SDK, and a late Python must still learn everything;
 *   2. `window.__twt__config` (icon "2": no default launcher, the page has its own button);
 *   3. the SDK as an async <script>: the mock SDK by default, or the real one with
 *      `?sdk=real&appid=YOUR_APPID`. If the script cannot load (offline, blocked), the shim
 *      reports `__twt__sdk_error`, so the page shows its fallback contact at once instead of
 *      waiting for a timeout.
 *
 * Query parameters of the demo page read here (all optional):
 *   sdk=real&appid=ID   the production SDK from visitorchat.twt.com, with your APPID
 *   delay=<ms>          the mock SDK's boot time (default 1500)
 *   fail=<text>         the mock SDK fails at boot with this message
 *   launcher=shown      keep the vendor's floating launcher (icon "1")
 *   lang=<code>         the widget's initial language (default "en")
 *   load=interaction    request the SDK only on intent: hover, focus or click on the launcher
 *                       (twt-early.js fetches twt-lazy.js, which draws a placeholder for it),
 *                       or Chat.open() from Python;
 *   load=idle           ... or when the page is idle (not on saveData or 2g)
 *   weight=<KB>         make the mock SDK as heavy as a real widget (its weight= option)
 *
 * Self-contained on purpose: a later twt-py release can replace it with its own installer.
 */
(function (window, document) {
  'use strict';

  var REAL_SDK = 'https://visitorchat.twt.com/install/core.js?version=v1.2';
  var MOCK_SDK = '/static/twt-mock-sdk.js';
  var query = new URLSearchParams(window.location.search);
  var real = query.get('sdk') === 'real';

  // 1. The queue stub and the early record come from /static/twt-early.js, loaded just
  //    before this file (twt_py replays its record when Python binds).

  function reportError(message) {
    window.dispatchEvent(new CustomEvent('__twt__sdk_error', { detail: { error: { message: message } } }));
  }

  // 2. The configuration, read once by the SDK when it boots.
  window.__twt__config = {
    appid: real ? (query.get('appid') || '') : 'demo',
    lang: query.get('lang') || 'en',
    icon: query.get('launcher') === 'shown' ? '1' : '2',
  };

  // 3. The SDK script.
  var src;
  if (real) {
    if (!window.__twt__config.appid) {
      reportError('no APPID: open the demo with ?sdk=real&appid=YOUR_APPID');
      return;
    }
    src = REAL_SDK;
  } else {
    var options = new URLSearchParams({ agent: 'Maya from Aurora', delay: query.get('delay') || '1500' });
    if (query.has('fail')) options.set('fail', query.get('fail') || 'the chat service is down (simulated)');
    if (query.has('weight')) options.set('weight', query.get('weight'));
    src = MOCK_SDK + '?' + options.toString();
  }
  function append() {
    var script = document.createElement('script');
    script.async = true;
    script.src = src;
    // A failure to load is reported by twt-early.js as __twt__sdk_error (a ChatLoadError in twt_py).
    document.head.appendChild(script);
  }
  // 4. ?load=interaction|idle: twt-early.js holds the SDK back until the visitor wants it.
  var lazy = window.__twt_early__ && window.__twt_early__.lazy;
  var load = query.get('load');
  if (lazy && (load === 'interaction' || load === 'idle')) {
    lazy.configure({ load: load, lang: window.__twt__config.lang,
                     launcher: window.__twt__config.icon === '2' ? 'custom' : 'default' });
    lazy.onWant(append);
  } else {
    append();
  }
})(window, document);
