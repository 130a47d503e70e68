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
