/* Generated from static/twt-early.js and static/early/placeholder.js by `python -m twt_py._cpython.jsbuild`: edit those, then rebuild. */
/*!
 * twt-early.js: the early-capture shim of twt-py. Plain JavaScript, no dependencies.
 *
 * Put it BEFORE the vendor's TWT Chat snippet. It records everything the SDK says before the
 * page's Python has booted (Pyodide takes seconds), and twt_py's `Chat` replays the record
 * when it binds, so a late Python sees what an early one would:
 *
 *   window.__twt_early__ = {
 *     version: 1,                              // format of this record
 *     ready: {version, timestamp} | null,      // __twt__sdk_ready
 *     error: {message, load?} | null,          // __twt__sdk_error, or the SDK script failing
 *     unread: number | null,                   // last __twt__custom_event {unread}
 *     visibility: {visibility, isOpen} | null, // last visibility_changed (via TWTChatWidget._q)
 *     events: [[type, detail, time], ...],     // every one of the above, in order (max 200)
 *     lazy: {...}                              // loading when wanted (below)
 *   }
 *
 * The record is plain data on the page's window, so twt_py in a PyScript worker reads it the
 * same way, through PyScript's bridge, however many seconds after the SDK the worker starts.
 *
 * It also creates the vendor's `TWTChatWidget` queue stub if the page has none, and watches
 * for the SDK script (core.js, or the mock) failing to load: an ad blocker or a 404 otherwise
 * leaves no trace at all, so the shim dispatches the SDK's own `__twt__sdk_error` event for it,
 * with `detail.error.load = true`. An SDK script that throws before it is ready (an uncaught
 * error from its file) gets the same event without `load`, at once, instead of a page waiting
 * for a ready signal that will never come. It never throws and never changes what the SDK does.
 *
 * Loading the chat only when it is wanted (`window.__twt_early__.lazy`, configured from the
 * script's data-* attributes or by twt_py's `install(load=...)`) draws a placeholder launcher
 * until the SDK is requested. Every page loads this file, and most are eager, so the
 * placeholder's code is not in it: lazy pages load `twt-lazy.js` instead, this file and the
 * placeholder in one request, and it works from the first paint:
 *
 *   <script src="/static/twt-lazy.js" data-load="interaction"         (or "idle")
 *           data-lang="ja" data-theme="dark" data-launcher="default"  (or "custom")
 *           data-right="20px" data-bottom="20px" data-idle-timeout="4000"></script>
 *
 * Here, `lazy` is a stand-in that keeps every call in order and fetches `twt-lazy.js` (from
 * beside this file) the first time a lazy mode or intent needs it; the placeholder then takes
 * over the same object and replays the calls. So `twt-early.js` with `data-load` still works,
 * one request later (`data-lazy-src` on this script names another URL for twt-lazy.js; if it
 * cannot load, a warning, and the chat loads at once rather than never). A click on an
 * element marked `data-twt-open` opens the chat on any page. twt-lazy.js documents the rest.
 */
(function (window) {
  'use strict';
  var document = window.document;
  if (window.__twt_early__) return;
  var record = (window.__twt_early__ = {
    version: 1, ready: null, error: null, unread: null, visibility: null, events: []
  });
  var SDK_SCRIPT = /\/install\/core\.js(\?|$)|twt-mock-sdk\.js(\?|$)/;

  function note(type, detail) {
    if (record.events.length < 200) record.events.push([type, detail, Date.now()]);
  }

  window.addEventListener('__twt__sdk_ready', function (e) {
    var d = e.detail || {};
    record.ready = { version: d.version == null ? null : d.version, // twt_py checks it
                     timestamp: typeof d.timestamp === 'number' ? d.timestamp : Date.now() };
    record.error = null;
    note('ready', record.ready);
  });
  window.addEventListener('__twt__sdk_error', function (e) {
    var err = (e.detail && e.detail.error) || {};
    record.error = { message: String(err.message || 'unknown SDK error') };
    if (err.load) record.error.load = true;
    note('error', record.error);
  });
  window.addEventListener('__twt__custom_event', function (e) {
    var n = e.detail && e.detail.unread;
    if (typeof n === 'number') { record.unread = n; note('unread', n); }
  });
  // Resource errors do not bubble: listen in the capture phase for the SDK's <script>, and
  // turn its failure into the SDK's own documented error event (detail.error.load marks it),
  // so the page's listeners, and twt_py bound or not, hear about it. The same listener sees
  // uncaught exceptions (ErrorEvent, target window): one from the SDK's file before ready is
  // the SDK failing while it runs.
  window.addEventListener('error', function (e) {
    var t = e.target, error;
    if (t && t.tagName === 'SCRIPT' && SDK_SCRIPT.test(t.src || '') && !record.ready) {
      error = { message: 'could not load the TWT Chat SDK from ' + t.src +
                ' (HTTP error, network failure, or blocked)', load: true };
    } else if (typeof e.filename === 'string' && SDK_SCRIPT.test(e.filename) &&
               !record.ready && !record.error) {
      error = { message: 'the TWT Chat SDK\'s script (' + e.filename + ') threw while it ran: ' +
                e.message };
    }
    if (error) window.dispatchEvent(new CustomEvent('__twt__sdk_error', { detail: { error: error } }));
  }, true);

  window.TWTChatWidget = window.TWTChatWidget || {
    _q: [],
    on: function () { this._q.push(['on', Array.prototype.slice.call(arguments)]); }
  };
  window.TWTChatWidget.on('visibility_changed', function (d) {
    record.visibility = { visibility: d && d.visibility, isOpen: !!(d && d.isOpen) };
    note('visibility', record.visibility);
  });

  // ---------------------------------------------------------------- browsers too old for the runtime
  // PyScript and Brython fail deep inside themselves on a browser without what they use: one
  // more line says what is missing and which browsers have it (docs/browsers.md).
  var FLOORS = [
    ['script[type="py"],script[type="mpy"],py-script,mpy-script', 'PyScript 0.7',
     'Safari 15.4, Firefox 94, Chrome 98', [[window.structuredClone, 'structuredClone'],
       [Array.prototype.at, 'Array.prototype.at']]],
    ['script[type="text/python"],script[type="text/python3"]', 'Brython 3.14',
     'Safari 15.4, Firefox 92, Chrome 93', [[Object.hasOwn, 'Object.hasOwn']]]
  ];
  function checkFloors() {
    for (var i = 0; i < FLOORS.length; i++) {
      var floor = FLOORS[i], missing = [];
      for (var j = 0; j < floor[3].length; j++) if (!floor[3][j][0]) missing.push(floor[3][j][1]);
      if (missing.length && document.querySelector(floor[0])) {
        console.error('twt-early.js: this browser has no ' + missing.join(' or ') + ', which ' +
          floor[1] + ' needs (' + floor[2] + ' or later): the page\'s Python cannot run here');
      }
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', checkFloors);
  else checkFloors();

  // ---------------------------------------------------------------- workers without SharedArrayBuffer
  // PyScript's worker needs SharedArrayBuffer on a cross-origin isolated page. WebKitGTK isolates
  // the page (crossOriginIsolated is true) without it: the worker then fails inside itself,
  // where the page never hears of it, and the page's Python never runs. So a PyScript script
  // marked `worker` runs on the main thread there instead (the same code works there;
  // twt_py.runtime.worker is then False), with one warning, rather than never.
  var WORKER_SCRIPTS = 'script[type="py"][worker],script[type="mpy"][worker],' +
    'py-script[worker],mpy-script[worker]';
  function toMainThread(root) {
    var found = root.matches && root.matches(WORKER_SCRIPTS) ? [root] : [];
    if (root.querySelectorAll) found = found.concat([].slice.call(root.querySelectorAll(WORKER_SCRIPTS)));
    for (var i = 0; i < found.length; i++) {
      var el = found[i], what = el.tagName === 'SCRIPT' ? '<script type="' + el.type + '" worker>'
        : '<' + el.tagName.toLowerCase() + ' worker>';
      el.removeAttribute('worker');
      console.warn('twt-early.js: this page is cross-origin isolated but has no SharedArrayBuffer, ' +
        'which PyScript workers need (Safari 15.2, Firefox 79, Chrome 92 have it there): ' + what +
        ' runs on the main thread instead');
    }
  }
  if (window.crossOriginIsolated === true && typeof SharedArrayBuffer === 'undefined' &&
      typeof MutationObserver === 'function') {
    toMainThread(document);
    // Before PyScript (a module script: it runs once the page is parsed) sees the scripts.
    var scripts = new MutationObserver(function (changes) {
      for (var i = 0; i < changes.length; i++) {
        for (var j = 0; j < changes[i].addedNodes.length; j++) toMainThread(changes[i].addedNodes[j]);
      }
    });
    scripts.observe(document.documentElement, { childList: true, subtree: true });
    document.addEventListener('DOMContentLoaded', function () { scripts.disconnect(); });
  }

  // ---------------------------------------------------------------- loading when wanted
  // The stand-in for the placeholder's code (twt-lazy.js): it keeps the calls, in order, for
  // the placeholder to replay, and fetches it when a lazy mode or an intent needs it.
  var me = document.currentScript;
  var MODES = ['eager', 'idle', 'interaction'];
  var fetching = false, failed = false;
  // The fields are explained where they are used, in early/placeholder.js (twt-lazy.js).
  var lazy = record.lazy = {
    mode: 'eager', lang: null, theme: null, launcher: null, right: null, bottom: null,
    idleTimeout: 4000, wanted: null, openOnReady: false, busy: false, requested: false,
    hidden: false, placeholder: null, loaders: [],
    _calls: [], // [method, arguments] until the placeholder's code takes over (then null)
    configure: function (options) {
      if (options && MODES.indexOf(options.load) >= 0 && !failed) lazy.mode = options.load;
      return keep('configure', arguments, lazy.mode !== 'eager');
    },
    want: function (reason) {
      if (reason === 'click' && ready()) { window.__twt__api.open(); return; }
      keep('want', arguments, true);
    },
    onWant: function (fn) {
      if (typeof fn !== 'function' || lazy.requested) return;
      if (lazy.mode === 'eager' && !lazy.wanted) {
        // nothing to wait for: the SDK loads now, as it would without the placeholder
        lazy.requested = true;
        lazy.wanted = 'eager';
        note('requested', 'eager');
        try { fn('eager'); } catch (e) { console.error('twt-early.js: a loader failed:', e); }
        return;
      }
      keep('onWant', arguments, true);
    },
    command: function () { keep('command', arguments, lazy.mode !== 'eager'); }
  };

  function keep(method, args, needed) {
    if (lazy._calls) lazy._calls.push([method, Array.prototype.slice.call(args)]);
    if (needed) fetchPlaceholder();
    return lazy;
  }

  function ready() {
    var api = window.__twt__api;
    return !!(api && typeof api.isReady === 'function' && api.isReady());
  }

  function fetchPlaceholder() {
    if (fetching) return;
    fetching = true;
    // After this script: in twt-lazy.js the placeholder's code runs right after it, and the
    // stand-in is gone by then.
    Promise.resolve().then(function () {
      if (!lazy._calls) return;
      var url = me && me.getAttribute('data-lazy-src');
      try { url = url || new URL('twt-lazy.js', me.src).href; } catch (e) { url = null; }
      if (!url) return giveUp('this script has no src to find twt-lazy.js beside');
      var s = document.createElement('script');
      s.src = url;
      if (me.nonce) s.nonce = me.nonce;
      s.onerror = function () { giveUp('could not load ' + url); };
      (document.head || document.documentElement).appendChild(s);
    });
  }

  // No placeholder: warn, and load the SDK as if the page were eager rather than never.
  function giveUp(why) {
    console.warn('twt-early.js: no placeholder launcher (' + why + '); load /static/twt-lazy.js ' +
                 'instead of twt-early.js on lazy pages. Loading the chat now.');
    var calls = lazy._calls || [];
    lazy._calls = null;
    lazy.mode = 'eager';
    failed = true;
    for (var i = 0; i < calls.length; i++) {
      if (calls[i][0] === 'onWant') lazy.onWant.apply(null, calls[i][1]);
      // a click kept for the placeholder still opens the chat
      if (calls[i][0] === 'want' && calls[i][1][0] === 'click' && !lazy.openOnReady) {
        lazy.openOnReady = true;
        window.addEventListener('__twt__sdk_ready', function () {
          setTimeout(function () { lazy.openOnReady = false; window.__twt__api.open(); }, 0);
        }, { once: true });
      }
    }
  }

  function intentFrom(event) {
    var path = event.composedPath ? event.composedPath() : [event.target];
    for (var i = 0; i < path.length; i++) {
      var el = path[i];
      if (el && el.nodeType === 1 && el.hasAttribute('data-twt-open')) return el;
    }
    return null;
  }
  function listen(type, reason) {
    document.addEventListener(type, function (e) {
      if (lazy.mode !== 'eager' && intentFrom(e)) lazy.want(reason);
    }, true);
  }
  listen('pointerover', 'hover');
  listen('focusin', 'focus');
  // A click on a marked element opens the chat: before the SDK is ready the shim keeps it.
  document.addEventListener('click', function (e) {
    if (intentFrom(e)) lazy.want('click');
  });

  function attr(name) { return me && me.getAttribute('data-' + name); }
  if (me && me.hasAttribute('data-load')) {
    lazy.configure({ load: attr('load'), lang: attr('lang'), theme: attr('theme'), launcher: attr('launcher'),
      right: attr('right'), bottom: attr('bottom'), idleTimeout: attr('idle-timeout') });
  }
})(window);

/*!
 * The placeholder launcher of twt-py's shim for lazy pages (twt-lazy.js is twt-early.js and
 * this). It takes over `window.__twt_early__.lazy`, the stand-in twt-early.js made, and replays
 * the calls the stand-in kept:
 *
 *   <script src="/static/twt-lazy.js" data-load="interaction"         (or "idle"; default eager)
 *           data-lang="ja" data-theme="dark" data-launcher="default"  (or "custom")
 *           data-right="20px" data-bottom="20px" data-idle-timeout="4000"></script>
 *
 * Until the SDK is requested it draws a placeholder launcher (a real <button>, named "Open
 * chat" in the configured language, where the vendor's launcher will be, same size), and turns
 * intent into loading: hovering, focusing or clicking the placeholder, or any element marked
 * `data-twt-open` (the site's own button with launcher "custom"). A click also opens the chat
 * once the SDK is ready. With "idle" it also loads when the page is idle after its load event
 * (requestIdleCallback with a timeout), unless the visitor saves data or is on 2g/slow-2g.
 * What loads the SDK: the page's vendor snippet marked `<script type="text/plain"
 * data-twt-lazy>` (run as it is, on intent), or a function given to `lazy.onWant(fn)`
 * (twt_py's `install(load=...)` does that). Intent seen before either exists is kept.
 */
(function (window) {
  'use strict';
  var document = window.document;
  var record = window.__twt_early__;
  var lazy = record && record.lazy;
  // No shim before it, or the placeholder is here already (the file loaded twice).
  if (!lazy || !lazy._calls) return;
  var kept = lazy._calls;
  lazy._calls = null;
  // What `lazy` holds (twt-early.js made it, with these defaults):
  //   mode         'eager' | 'idle' | 'interaction'
  //   lang, theme, launcher, right, bottom: the placeholder's settings; null: from
  //                window.__twt__config when drawn, else the default
  //   idleTimeout  ms: requestIdleCallback's timeout once the page has loaded (4000)
  //   wanted       what showed intent first: hover, focus, click, idle, api, eager (or null)
  //   openOnReady  a click: open the chat when the SDK is ready
  //   busy         the placeholder shows that the chat is loading (click or open())
  //   requested    the SDK's loader has run
  //   hidden       hideBadge() was called before the SDK loaded
  //   placeholder  the <button>, while it is drawn
  //   loaders      the functions given to onWant(), until they run

  function note(type, detail) {
    if (record.events.length < 200) record.events.push([type, detail, Date.now()]);
  }

  var LABELS = { en: 'Open chat', 'zh-cn': '打开聊天', 'zh-tw': '開啟聊天', ja: 'チャットを開く',
    ko: '채팅 열기', de: 'Chat öffnen', fr: 'Ouvrir le chat', pt: 'Abrir chat', ru: 'Открыть чат' };
  var LOADING = { en: 'Loading chat…', 'zh-cn': '正在加载聊天…', 'zh-tw': '正在載入聊天…',
    ja: 'チャットを読み込み中…', ko: '채팅을 불러오는 중…', de: 'Chat wird geladen…',
    fr: 'Chargement du chat…', pt: 'Carregando chat…', ru: 'Загрузка чата…' };
  var MODES = ['eager', 'idle', 'interaction'];
  var LENGTH = /^(0|\d+(\.\d+)?(px|rem|em|vh|vw|%))$/;
  var CSS = [
    ':host{all:initial}',
    '.b{position:fixed;right:var(--r,20px);bottom:var(--b,20px);z-index:2147483000;width:60px;height:60px;',
    '  margin:0;border:0;border-radius:50%;padding:0;cursor:pointer;color:#fff;display:grid;place-items:center;',
    '  background:linear-gradient(135deg,#4f46e5,#7c3aed);box-shadow:0 10px 28px rgba(79,70,229,.45)}',
    '.b.dark{box-shadow:0 10px 28px rgba(0,0,0,.6)}',
    // two-tone focus ring (a contrasting band in the offset): visible on light and dark pages
    '.b:focus-visible{outline:3px solid #312e81;outline-offset:3px;box-shadow:0 0 0 3px #fff}',
    '.b.dark:focus-visible{outline-color:#a5b4fc;box-shadow:0 0 0 3px #111827}',
    '.b[hidden]{display:none}',
    '.s{display:none;width:26px;height:26px;border-radius:50%;border:3px solid rgba(255,255,255,.35);',
    '  border-top-color:#fff;animation:t 0.8s linear infinite;box-sizing:border-box}',
    '.b[aria-busy=true] .i{display:none}.b[aria-busy=true] .s{display:block}',
    '@keyframes t{to{transform:rotate(360deg)}}',
    '@media (prefers-reduced-motion:reduce){.s{animation-duration:2.4s}}'
  ].join('\n');
  // the vendor's chat bubble, as the mock SDK draws it (so the swap is seamless)
  var ICON = '<svg class="i" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">' +
    '<path fill="currentColor" d="M12 3C6.5 3 2 6.8 2 11.5c0 2.4 1.2 4.6 3.1 6.1-.2 1.3-.8 2.6-1.8 3.6-.2.2 0 .6.3.6 2 0 3.8-.7 5.1-1.7 1 .3 2.1.4 3.3.4 5.5 0 10-3.8 10-8.5S17.5 3 12 3Zm-4.5 9.8a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6Zm4.5 0a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6Zm4.5 0a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6Z"/></svg><span class="s"></span>';

  function lower(v) { return typeof v === 'string' ? v.toLowerCase() : v; }

  function configure(options) {
    options = options || {};
    if (MODES.indexOf(options.load) >= 0) lazy.mode = options.load;
    if (LABELS[lower(options.lang)]) lazy.lang = lower(options.lang);
    if (options.theme === 'light' || options.theme === 'dark') lazy.theme = options.theme;
    if (options.launcher === 'default' || options.launcher === 'custom') lazy.launcher = options.launcher;
    if (LENGTH.test(String(options.right))) lazy.right = String(options.right);
    if (LENGTH.test(String(options.bottom))) lazy.bottom = String(options.bottom);
    var ms = parseFloat(options.idleTimeout);
    if (ms >= 0) lazy.idleTimeout = ms;
    if (lazy.mode === 'eager') { removePlaceholder(); return lazy; }
    if (lazy.mode === 'idle') watchIdle();
    draw();
    return lazy;
  }

  // What the placeholder shows: configured, else the page's config object, else the default.
  function effective() {
    var c = window.__twt__config || window.__twt_config;
    c = c && typeof c === 'object' ? c : {};
    var p = c.position && typeof c.position === 'object' ? c.position : {};
    return {
      lang: lazy.lang || (LABELS[lower(c.lang)] ? lower(c.lang) : 'en'),
      theme: lazy.theme || (c.theme === 'dark' ? 'dark' : 'light'),
      launcher: lazy.launcher || (String(c.icon) === '2' ? 'custom' : 'default'),
      right: lazy.right || (LENGTH.test(String(p.right)) ? String(p.right) : '20px'),
      bottom: lazy.bottom || (LENGTH.test(String(p.bottom)) ? String(p.bottom) : '20px')
    };
  }

  function slowConnection() {
    var c = navigator.connection;
    return !!(c && (c.saveData || /(^|-)2g$/.test(c.effectiveType || '')));
  }

  var idleWatched = false;
  function watchIdle() {
    if (idleWatched) return;
    idleWatched = true;
    if (slowConnection()) { note('idle-skipped', 'saveData or 2g'); return; }
    function start() {
      var go = function () { if (lazy.mode === 'idle') want('idle'); };
      if (window.requestIdleCallback) window.requestIdleCallback(go, { timeout: lazy.idleTimeout });
      else setTimeout(go, Math.min(lazy.idleTimeout, 2000));
    }
    if (document.readyState === 'complete') start();
    else window.addEventListener('load', start, { once: true });
  }

  function draw() {
    var e = effective();
    if (lazy.mode === 'eager' || e.launcher === 'custom' || record.error || ready()) {
      removePlaceholder();
      return;
    }
    if (!document.body) return; // drawn when the body exists (readystatechange below)
    var b = lazy.placeholder;
    if (!b) {
      var host = document.createElement('div');
      host.id = 'twt-early-launcher';
      var root = host.attachShadow({ mode: 'open' });
      // A constructed sheet is CSSOM: it needs no 'unsafe-inline' under a Content-Security-Policy.
      if ('adoptedStyleSheets' in root && window.CSSStyleSheet && CSSStyleSheet.prototype.replaceSync) {
        var sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
        root.adoptedStyleSheets = [sheet];
      } else {
        var style = document.createElement('style');
        style.textContent = CSS;
        root.appendChild(style);
      }
      b = document.createElement('button');
      b.type = 'button';
      b.className = 'b';
      b.setAttribute('data-twt-open', '');
      b.setAttribute('data-testid', 'twt-placeholder');
      b.innerHTML = ICON; // a constant
      root.appendChild(b);
      document.body.appendChild(host);
      lazy.placeholder = b;
    }
    b.classList.toggle('dark', e.theme === 'dark');
    b.setAttribute('data-theme', e.theme);
    b.style.setProperty('--r', e.right);
    b.style.setProperty('--b', e.bottom);
    b.setAttribute('lang', e.lang);
    b.hidden = lazy.hidden;
    var busy = lazy.openOnReady || !!lazy.busy;
    b.setAttribute('aria-busy', busy ? 'true' : 'false');
    b.setAttribute('aria-label', busy ? LOADING[e.lang] : LABELS[e.lang]);
  }

  function removePlaceholder() {
    var b = lazy.placeholder;
    if (!b) return null;
    lazy.placeholder = null;
    var host = b.getRootNode().host;
    var hadFocus = host && document.activeElement === host;
    var rect = b.getBoundingClientRect();
    if (host && host.parentNode) host.parentNode.removeChild(host);
    return hadFocus ? rect : null;
  }

  // The launcher the SDK drew where the placeholder was (through open shadow roots).
  function focusRealLauncher(rect) {
    var x = rect.left + rect.width / 2, y = rect.top + rect.height / 2;
    var el = document.elementFromPoint(x, y), hops = 0;
    while (el && el.shadowRoot && hops++ < 5) {
      var inner = el.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === el) break;
      el = inner;
    }
    el = el && el.closest ? el.closest('button,a[href],[tabindex]') : null;
    if (el && el.focus) el.focus();
  }

  function ready() {
    var api = window.__twt__api;
    return !!(api && typeof api.isReady === 'function' && api.isReady());
  }

  function load() {
    if (lazy.requested) return;
    var snippets = document.querySelectorAll('script[type="text/plain"][data-twt-lazy]');
    if (snippets.length) {
      lazy.requested = true;
      for (var i = 0; i < snippets.length; i++) {
        var old = snippets[i], s = document.createElement('script');
        s.text = old.text;
        if (old.nonce) s.nonce = old.nonce;
        old.removeAttribute('data-twt-lazy');
        old.parentNode.insertBefore(s, old.nextSibling);
      }
    } else if (lazy.loaders.length) {
      lazy.requested = true;
      var loaders = lazy.loaders.splice(0);
      for (var j = 0; j < loaders.length; j++) {
        try { loaders[j](lazy.wanted); } catch (e) { console.error('twt-early.js: a loader failed:', e); }
      }
    }
    if (lazy.requested) note('requested', lazy.wanted);
  }

  // Intent: 'hover', 'focus', 'click' (also opens the chat when ready), 'idle' or 'api'.
  function want(reason) {
    reason = String(reason || 'api');
    if (reason === 'click') {
      if (ready()) { window.__twt__api.open(); return; }
      if (!lazy.openOnReady) { lazy.openOnReady = true; note('intent', 'click'); }
      if (lazy.placeholder) draw();
    }
    if (!lazy.wanted) { lazy.wanted = reason; if (reason !== 'click') note('intent', reason); }
    load();
  }

  function onWant(fn) {
    if (typeof fn !== 'function') return;
    if (lazy.requested) return;
    lazy.loaders.push(fn);
    if (lazy.wanted || lazy.mode === 'eager') { if (!lazy.wanted) lazy.wanted = 'eager'; load(); }
  }

  // What twt_py tells the shim about commands made while the SDK is not loaded.
  function command(method, args) {
    if (method === 'open' || method === 'toggle') {
      lazy.busy = true;
      want('api');
      draw();
    } else if (method === 'setPosition' && args && args[0]) {
      configure({ right: args[0].right, bottom: args[0].bottom });
    } else if (method === 'setLanguage' && args) {
      configure({ lang: args[0] });
    } else if (method === 'hideBadge' && lazy.placeholder) {
      lazy.hidden = true;
      draw();
    }
  }

  // After every ready listener (twt_py applies its pending commands, like setPosition, in
  // its own): the real launcher is in place, the placeholder can give way to it.
  window.addEventListener('__twt__sdk_ready', function () {
    setTimeout(function () {
      var rect = removePlaceholder();
      if (rect) focusRealLauncher(rect);
      if (lazy.openOnReady) {
        lazy.openOnReady = false;
        var api = window.__twt__api;
        if (api && typeof api.open === 'function') api.open();
      }
    }, 0);
  });
  window.addEventListener('__twt__sdk_error', function () { lazy.openOnReady = false; removePlaceholder(); });
  // In <head> there is no <body> yet: draw once the HTML is parsed ('interactive' comes before
  // deferred and module scripts run, so a slow runtime does not hold the placeholder back).
  document.addEventListener('readystatechange', function () {
    if (document.readyState === 'interactive' && !lazy.placeholder) draw();
  });

  lazy.configure = configure;
  lazy.want = want;
  lazy.onWant = onWant;
  lazy.command = command;
  for (var i = 0; i < kept.length; i++) lazy[kept[i][0]].apply(null, kept[i][1]);
  // twt-lazy.js after a twt-early.js of its own: the first shim made the stand-in, so this
  // script's data-* attributes are read here (for twt-lazy.js alone, a second time, the same).
  var me = document.currentScript;
  var attr = function (name) { return me.getAttribute('data-' + name); };
  if (me && me.hasAttribute('data-load')) {
    configure({ load: attr('load'), lang: attr('lang'), theme: attr('theme'), launcher: attr('launcher'),
      right: attr('right'), bottom: attr('bottom'), idleTimeout: attr('idle-timeout') });
  }
  if (document.readyState !== 'loading' && !lazy.placeholder) draw();
})(window);
