/* Generated from static/mock/*.js by `python -m twt_py._cpython.jsbuild`: edit those, then rebuild. */
/*!
 * twt-mock-sdk.js — a dependency-free mock of the TWT Chat visitor SDK (core.js, v1.2 API)
 *
 * Drop-in replacement for https://visitorchat.twt.com/install/core.js: load it exactly where
 * the vendor's script would go (a plain or async <script>, before or after the page's
 * listeners). It needs no network, no build step and no other file. Documentation:
 * docs/mock-sdk.md. Contract it follows: the vendor's "JavaScript API" page.
 *
 * What it does, in order:
 *   1. When the script executes it creates `window.__twt__api` (every documented member,
 *      isReady() false), a `window.TWTChatWidget` queue stub if the page has none, and the
 *      control object `window.__twt_mock__`; it reads `window.__twt__config` (or the console
 *      snippet's `window.__twt_config`) and starts booting.
 *   2. After the boot delay (default 50 ms) it becomes ready: mounts the widget (launcher
 *      bubble + chat panel, in an open Shadow DOM), consumes `TWTChatWidget._q`, fires
 *      `visibility_changed` once with the initial state, dispatches `__twt__sdk_ready`
 *      {version, timestamp}, runs onReady callbacks, then delivers any messages that "arrived"
 *      while it was loading (`__twt__custom_event` {unread}).
 *      Or, if told to fail, it dispatches `__twt__sdk_error` {error: {message}} instead.
 *   3. From then on the API drives the widget, and every state change fires its event.
 *
 * Options (later sources win): built-in defaults < `window.__twt_mock_options__` (set before
 * the script runs) < the script URL's query string (`twt-mock-sdk.js?delay=300&unread=3`):
 *   delay=<ms>            boot delay (default 50)
 *   ready=never           never become ready (no error either)
 *   fail=<message>        fail at boot with this message instead of becoming ready
 *   unread=<n>            n agent messages waiting when the widget becomes ready
 *   version=<string>      the version reported by __twt__sdk_ready (default "1.2.0-mock")
 *   autoboot=0            do not boot until __twt_mock__.boot() is called
 *   initialVisibility=0   do not fire visibility_changed at ready (only on later changes)
 *   asyncEvents=1         deliver visibility_changed / __twt__custom_event in a later task
 *   agent=<name>          default author name of simulated agent messages
 *   weight=<KB>           cost what a real widget costs: before ready, download this many KB
 *                         more (copies of this script, cache-busted) and keep the main thread
 *                         busy in long tasks (busy=, default 0.6 ms per KB)
 *   busy=<ms>             main-thread time spent before ready, in tasks of at most 100 ms
 *
 * Control object for tests and development: `window.__twt_mock__` (agentMessage,
 * agentMessages, fail, setBootDelay, neverReady, boot, reset, calls, clearCalls, state,
 * messages, options, version, mockVersion). See docs/mock-sdk.md for the full reference.
 *
 * Rules it keeps:
 *   - never throws into the host page: bad arguments produce a console.warn naming the bad
 *     value, leave the state unchanged, and are still recorded in __twt_mock__.calls;
 *   - page callbacks that throw are reported with console.error and do not stop the mock;
 *   - everything that comes from the page (customer names, messages) is rendered as text
 *     (textContent), never as HTML;
 *   - loading the script a second time warns and does nothing.
 *
 * Plain ES2019, no dependencies. MIT licensed, part of twt-py.
 */
(function (window, document) {
  'use strict';

  // ================================================================ mock/base.js
  // The mock's shared ground: its name in warnings, the load-twice guard, the constants
  // every part uses, small helpers, and the options every part reads (`opts`).

  var TAG = '[twt-mock]';

  // ------------------------------------------------------------------ load-twice guard
  if (window.__twt_mock__ && window.__twt_mock__.isTwtMock) {
    console.warn(TAG + ' twt-mock-sdk.js was loaded a second time; the second copy does nothing.');
    return;
  }

  // document.currentScript is only set while this script is executing: capture it now.
  const SCRIPT = document.currentScript || findOwnScript();

  const MOCK_VERSION = '1.0.0';

  // ------------------------------------------------------------------ constants

  const LANGS = ['en', 'zh-cn', 'zh-tw', 'ja', 'ko', 'de', 'fr', 'pt', 'ru'];
  const LANG_TAGS = {
    en: 'en', 'zh-cn': 'zh-CN', 'zh-tw': 'zh-TW', ja: 'ja', ko: 'ko',
    de: 'de', fr: 'fr', pt: 'pt', ru: 'ru',
  };
  const THEMES = ['light', 'dark'];
  const IDENTITY_KEYS = ['sbs', 'sbs_mm', 'ranstr', 'name', 'nickname', 'email', 'phone'];
  const CONFIG_KEYS = ['appid', 'lang', 'theme', 'position', 'icon'].concat(IDENTITY_KEYS);
  const CONFIG_HINTS = { language: 'lang', launcher: 'icon', locale: 'lang', appId: 'appid' };
  const DEFAULT_POSITION = { right: '20px', bottom: '20px' };
  // A non-negative CSS length: 0, 20px, 1.5rem, .5em, 10%, 3vh ... (no calc(), no ';').
  const LENGTH_RE = /^(?:0|(?:\d+(?:\.\d+)?|\.\d+)(?:px|rem|em|%|vh|vw|vmin|vmax|svh|lvh|dvh|svw|lvw|dvw|pt|pc|cm|mm|in|ch|ex))$/i;
  const MAX_CALLS = 5000;

  // Visible texts in the nine documented languages.

  const OPTION_DEFAULTS = {
    delay: 50,
    ready: 'auto',
    fail: null,
    unread: 0,
    version: '1.2.0-mock',
    autoboot: true,
    initialVisibility: true,
    asyncEvents: false,
    agent: null,
    weight: 0,
    busy: null,
  };

  // ------------------------------------------------------------------ small helpers

  function warn(message) {
    console.warn(TAG + ' ' + message);
  }

  function findOwnScript() {
    const scripts = document.getElementsByTagName('script');
    for (let i = scripts.length - 1; i >= 0; i--) {
      if (/twt-mock-sdk/.test(scripts[i].src || '')) return scripts[i];
    }
    return null;
  }

  function isObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }

  /** A short, safe description of any value for warnings: "zh-CN" → "\"zh-CN\"", 12 → "12". */
  function describe(value) {
    try {
      if (value === undefined) return 'undefined';
      if (typeof value === 'function') return '[function ' + (value.name || 'anonymous') + ']';
      if (typeof value === 'symbol' || typeof value === 'bigint') return String(value);
      if (typeof value === 'number' && !isFinite(value)) return String(value);
      if (isObject(value)) {
        const proto = Object.getPrototypeOf(value);
        // Maps, class instances, foreign proxies (e.g. a Pyodide PyProxy): say what they are.
        if (proto !== Object.prototype && proto !== null) return kindOf(value, proto);
      }
      let text = JSON.stringify(jsonSafe(value, 3));
      if (text === undefined) text = String(value);
      if (text.length > 120) text = text.slice(0, 117) + '...';
      return text;
    } catch (e) {
      return '[unprintable value]';
    }
  }

  /** "[object Map]", "[object PyProxy]", "[object MyClass]": what a non-plain object is. */
  function kindOf(value, proto) {
    let name = '';
    try {
      name = proto && proto.constructor && typeof proto.constructor.name === 'string' ? proto.constructor.name : '';
    } catch (e) {
      name = '';
    }
    return name ? '[object ' + name + ']' : Object.prototype.toString.call(value);
  }

  /** A JSON-safe deep copy (functions, DOM nodes, Maps... become descriptive strings). */
  function jsonSafe(value, depth, seen) {
    seen = seen || [];
    try {
      if (value === undefined || value === null) return value;
      const type = typeof value;
      if (type === 'string' || type === 'boolean') return value;
      if (type === 'number') return isFinite(value) ? value : String(value);
      if (type === 'function') return '[function ' + (value.name || 'anonymous') + ']';
      if (type !== 'object') return String(value);
      if (seen.indexOf(value) !== -1) return '[circular]';
      if (depth <= 0) return '[object]';
      if (typeof Node !== 'undefined' && value instanceof Node) return '[' + value.nodeName + ' node]';
      if (Array.isArray(value)) {
        seen.push(value);
        const outArr = value.map(function (v) { return jsonSafe(v, depth - 1, seen); });
        seen.pop();
        return outArr;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        // Maps, class instances, foreign proxies: record what they are, not their innards.
        return kindOf(value, proto);
      }
      seen.push(value);
      const out = {};
      Object.keys(value).forEach(function (key) { out[key] = jsonSafe(value[key], depth - 1, seen); });
      seen.pop();
      return out;
    } catch (e) {
      return '[unreadable]';
    }
  }

  function parseBool(value) {
    if (typeof value === 'boolean') return value;
    if (typeof value === 'number') return value !== 0;
    if (typeof value === 'string') {
      const v = value.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on', ''].indexOf(v) !== -1) return true;
      if (['0', 'false', 'no', 'off'].indexOf(v) !== -1) return false;
    }
    return null;
  }

  // ------------------------------------------------------------------ options

  function readQueryOptions() {
    const out = {};
    if (!SCRIPT || !SCRIPT.src) return out;
    try {
      const url = new URL(SCRIPT.src, window.location.href);
      url.searchParams.forEach(function (value, key) { out[key] = value; });
    } catch (e) {
      /* unparsable src: no query options */
    }
    return out;
  }

  /** Validate raw options (strings from a URL or JS values) onto a copy of `base`. */
  function applyOptions(base, raw, source) {
    const out = Object.assign({}, base);
    if (!isObject(raw)) return out;
    Object.keys(raw).forEach(function (key) {
      const value = raw[key];
      const bad = function () {
        warn('option ' + key + '=' + describe(value) + ' from ' + source + ' is not valid; keeping ' + describe(out[key]) + '.');
      };
      switch (key) {
        case 'delay': {
          const ms = typeof value === 'number' ? value : parseFloat(value);
          if (isFinite(ms) && ms >= 0) out.delay = ms; else bad();
          break;
        }
        case 'unread': {
          const n = typeof value === 'number' ? value : parseInt(value, 10);
          if (isFinite(n) && n >= 0 && Math.floor(n) === n) out.unread = n; else bad();
          break;
        }
        case 'ready':
          if (value === 'never' || value === 'auto') out.ready = value;
          else if (value === false) out.ready = 'never';
          else bad();
          break;
        case 'fail':
          if (value === null || value === undefined || value === false) out.fail = null;
          else out.fail = String(value) || 'Simulated SDK failure';
          break;
        case 'version':
          if (typeof value === 'string' && value) out.version = value; else bad();
          break;
        case 'agent':
          if (typeof value === 'string' && value) out.agent = value; else bad();
          break;
        case 'weight':
        case 'busy': {
          const n = typeof value === 'number' ? value : parseFloat(value);
          if (isFinite(n) && n >= 0) out[key] = n; else bad();
          break;
        }
        case 'autoboot':
        case 'initialVisibility':
        case 'asyncEvents': {
          const b = parseBool(value);
          if (b === null) bad(); else out[key] = b;
          break;
        }
        default:
          warn('unknown option ' + describe(key) + ' from ' + source + ' is ignored; known options: ' +
            Object.keys(OPTION_DEFAULTS).join(', ') + '.');
      }
    });
    return out;
  }

  /**
   * The mock's options in the page's own query. They apply when the query also says `mock`
   * (`?mock&fail=1`, the switch the starter site reads): a site's own parameters that happen
   * to share a name (`version`, `delay`) must not change the mock on every other page.
   */
  function readPageOptions() {
    const out = { apply: false, found: {} };
    try {
      const params = new URLSearchParams(window.location.search);
      out.apply = params.has('mock') && parseBool(params.get('mock')) !== false;
      params.forEach(function (value, key) {
        if (Object.prototype.hasOwnProperty.call(OPTION_DEFAULTS, key)) out.found[key] = value;
      });
    } catch (e) {
      /* no readable page URL: no page options */
    }
    return out;
  }

  /**
   * Page switches that were not applied and that nothing else set, named once: before, a page
   * opened with `?fail=1` showed a working chat and no hint why.
   */
  function warnIgnoredPageOptions(page, script) {
    if (page.apply) return;
    const own = isObject(window.__twt_mock_options__) ? window.__twt_mock_options__ : {};
    const ignored = Object.keys(page.found).filter(function (key) {
      return !(key in script) && !(key in own);
    });
    if (!ignored.length) return;
    const pairs = ignored.map(function (key) { return key + '=' + page.found[key]; }).join('&');
    warn('the page URL\'s ' + pairs + ' is ignored: the mock reads options from its own script URL ' +
      '(twt-mock-sdk.js?' + pairs + ') and window.__twt_mock_options__. To switch it from the page URL, ' +
      'add mock to the page\'s query: ?mock&' + pairs + ' (docs/mock-sdk.md, "Recipes").');
  }

  // Later sources win: defaults, window.__twt_mock_options__, the page URL (with `mock`), the
  // script URL (what the page's own tag asked for).
  const PAGE_OPTIONS = readPageOptions();
  const SCRIPT_OPTIONS = readQueryOptions();
  const BASE_OPTIONS = applyOptions(
    applyOptions(
      applyOptions(OPTION_DEFAULTS, window.__twt_mock_options__, 'window.__twt_mock_options__'),
      PAGE_OPTIONS.apply ? PAGE_OPTIONS.found : null, 'the page URL'),
    SCRIPT_OPTIONS, 'the script URL');
  warnIgnoredPageOptions(PAGE_OPTIONS, SCRIPT_OPTIONS);

  let opts = Object.assign({}, BASE_OPTIONS);

  // ================================================================ mock/sdk.js
  // The SDK double: what the vendor's contract promises (window.__twt__api, the three window
  // events, the TWTChatWidget queue), its state, boot and failure. It draws through widget.js.

  // ------------------------------------------------------------------ state

  /** Everything resettable lives here; freshState() is the state before boot. */
  function freshState() {
    return {
      phase: 'idle', // idle → loading → ready | failed
      bootStart: 0,
      timer: null,
      waitingForBody: false,
      never: false,
      configName: null,
      appid: null,
      ready: false,
      error: null,
      open: false,
      launcher: true,
      unread: 0,
      language: 'en',
      theme: 'light',
      position: Object.assign({}, DEFAULT_POSITION),
      customer: null,
      messages: [],
      pending: [], // agent messages that "arrived" while the SDK was loading
      lastVisibility: null,
      returnFocus: null, // the element that had focus when the panel opened
      nextId: 1,
    };
  }

  let S = freshState();
  let epoch = 0; // bumped by reset(); events scheduled in an older epoch are dropped
  const visibilityHandlers = [];
  const readyCallbacks = [];
  const calls = [];
  let callsCapWarned = false;

  function record(method, args, extra) {
    const entry = {
      method: method,
      args: Array.prototype.map.call(args, function (a) { return jsonSafe(a, 5); }),
      time: Date.now(),
      ready: S.ready,
    };
    if (extra) Object.assign(entry, extra);
    calls.push(entry);
    if (calls.length > MAX_CALLS) {
      calls.splice(0, calls.length - MAX_CALLS);
      if (!callsCapWarned) {
        callsCapWarned = true;
        warn('more than ' + MAX_CALLS + ' API calls recorded; the oldest are dropped.');
      }
    }
  }

  // ------------------------------------------------------------------ event delivery

  // One outbox keeps events in order even when a listener triggers another change while
  // an event is being delivered (every listener sees maximized before minimized, etc.).
  const outbox = [];
  let draining = false;

  function deliver(job, async) {
    const myEpoch = epoch;
    const guarded = function () { if (myEpoch === epoch) job(); };
    if (async) {
      setTimeout(function () { enqueue(guarded); }, 0);
    } else {
      enqueue(guarded);
    }
  }

  function enqueue(job) {
    outbox.push(job);
    if (draining) return;
    draining = true;
    try {
      while (outbox.length) {
        const next = outbox.shift();
        try { next(); } catch (e) { console.error(TAG + ' internal error while delivering an event:', e); }
      }
    } finally {
      draining = false;
    }
  }

  function dispatchWindowEvent(name, detail, async) {
    deliver(function () {
      // Listener exceptions are reported by the browser and do not reach this call.
      window.dispatchEvent(new CustomEvent(name, { detail: detail }));
    }, async);
  }

  function safeCall(fn, arg, label) {
    try {
      fn(arg);
    } catch (e) {
      console.error(TAG + ' ' + label + ' threw; the SDK carries on:', e);
    }
  }

  function currentVisibility() {
    if (!S.ready) return 'hidden';
    if (S.open) return 'maximized';
    return S.launcher ? 'minimized' : 'hidden';
  }

  /** Fire visibility_changed if {visibility, isOpen} changed (or always, if force). */
  function emitVisibility(force) {
    const visibility = currentVisibility();
    const isOpen = S.open;
    const last = S.lastVisibility;
    if (!force && last && last.visibility === visibility && last.isOpen === isOpen) return;
    S.lastVisibility = { visibility: visibility, isOpen: isOpen };
    deliver(function () {
      visibilityHandlers.slice().forEach(function (handler) {
        safeCall(handler, { visibility: visibility, isOpen: isOpen }, 'a visibility_changed listener');
      });
    }, opts.asyncEvents);
  }

  function setUnread(count) {
    if (count === S.unread) return;
    S.unread = count;
    render();
    if (count > 0 && !S.open) announce(unreadLabel(TEXTS[S.language]));
    dispatchWindowEvent('__twt__custom_event', { unread: count }, opts.asyncEvents);
  }

  // ------------------------------------------------------------------ TWTChatWidget queue

  const KNOWN_WIDGET_EVENTS = ['visibility_changed'];

  function registerWidgetListener(args, queued) {
    args = Array.prototype.slice.call(args || []);
    record('TWTChatWidget.on', args, { queued: queued });
    const name = args[0];
    const callback = args[1];
    if (KNOWN_WIDGET_EVENTS.indexOf(name) === -1) {
      warn('TWTChatWidget.on(' + describe(name) + ', ...): unknown event name; known events: ' +
        KNOWN_WIDGET_EVENTS.join(', ') + '. Listener ignored.');
      return;
    }
    if (typeof callback !== 'function') {
      warn('TWTChatWidget.on(' + describe(name) + ', ' + describe(callback) + '): the listener is not a function. Ignored.');
      return;
    }
    visibilityHandlers.push(callback);
  }

  function processQueueEntry(entry) {
    try {
      if (!entry || typeof entry.length !== 'number') {
        warn('TWTChatWidget._q entry ' + describe(entry) + ' is not an array; ignored.');
        return;
      }
      if (entry[0] !== 'on') {
        warn('TWTChatWidget._q entry with unknown method ' + describe(entry[0]) + '; only "on" is supported.');
        return;
      }
      // Both ['on', [name, cb]] and ['on', Array.prototype.slice.call(arguments)]/['on', arguments].
      const args = entry[1];
      if (!args || typeof args.length !== 'number') {
        warn('TWTChatWidget._q entry ' + describe(entry) + ' has no argument list; ignored.');
        return;
      }
      registerWidgetListener(args, true);
    } catch (e) {
      console.error(TAG + ' could not read a TWTChatWidget._q entry:', e);
    }
  }

  /** Before ready: behave like the vendor's stub (push onto _q). */
  function queueingOn() {
    const target = (this && Array.isArray(this._q)) ? this : widgetObject();
    target._q.push(['on', Array.prototype.slice.call(arguments)]);
  }

  /** After ready: register directly. */
  function directOn() {
    registerWidgetListener(arguments, false);
  }

  function widgetObject() {
    let widget = window.TWTChatWidget;
    if (widget === null || (typeof widget !== 'object' && typeof widget !== 'function')) {
      widget = window.TWTChatWidget = {};
    }
    if (!Array.isArray(widget._q)) widget._q = [];
    return widget;
  }

  /** At script execution: make sure a queue exists so pages can call on() before ready. */
  function installQueueStub() {
    const widget = widgetObject();
    if (typeof widget.on !== 'function') widget.on = queueingOn;
  }

  /** At ready: consume the queue, then take later on() calls (and late _q pushes) directly. */
  function consumeQueue() {
    const widget = widgetObject();
    const queue = widget._q;
    while (queue.length) processQueueEntry(queue.shift());
    const live = [];
    // A page stub kept from before (or a cached `this._q.push`) still reaches the SDK.
    live.push = function () {
      for (let i = 0; i < arguments.length; i++) processQueueEntry(arguments[i]);
      return 0;
    };
    widget._q = live;
    widget.on = directOn;
  }

  /** At reset: back to queueing mode with a fresh, real queue. */
  function restoreQueueStub() {
    const widget = widgetObject();
    widget._q = [];
    widget.on = queueingOn;
  }

  // ------------------------------------------------------------------ validation

  function checkLanguage(value, where) {
    if (typeof value === 'string' && LANGS.indexOf(value) !== -1) return value;
    let hint = '';
    if (typeof value === 'string') {
      const normal = value.trim().toLowerCase().replace(/_/g, '-');
      if (LANGS.indexOf(normal) !== -1) hint = ' (did you mean "' + normal + '"? codes are lower-case)';
    }
    warn(where + ': unknown language code ' + describe(value) + hint + '; supported codes: ' +
      LANGS.join(', ') + '. Language stays "' + S.language + '".');
    return null;
  }

  /** {right, bottom} CSS lengths → a validated copy merged onto `current`, or null. */
  function checkPosition(value, where, current) {
    const fail = function (why) {
      warn(where + ': invalid position ' + describe(value) + ' (' + why + '); expected an object like ' +
        '{right: "20px", bottom: "80px"} with non-negative CSS lengths as strings. Position stays ' +
        describe(current) + '.');
      return null;
    };
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('not an object');
    let right, bottom, keys;
    try {
      right = value.right;
      bottom = value.bottom;
      keys = Object.keys(value);
    } catch (e) {
      return fail('its properties cannot be read');
    }
    if (right === undefined && bottom === undefined) return fail('it has neither "right" nor "bottom"');
    const next = Object.assign({}, current);
    const pairs = [['right', right], ['bottom', bottom]];
    for (let i = 0; i < pairs.length; i++) {
      const key = pairs[i][0];
      const v = pairs[i][1];
      if (v === undefined) continue;
      if (typeof v !== 'string') return fail(key + ' ' + describe(v) + ' is not a string');
      if (!LENGTH_RE.test(v)) return fail(key + ' ' + describe(v) + ' is not a non-negative CSS length');
      next[key] = v;
    }
    const extra = keys.filter(function (k) { return k !== 'right' && k !== 'bottom'; });
    if (extra.length) warn(where + ': position keys ' + extra.join(', ') + ' are not supported and are ignored (only right and bottom).');
    return next;
  }

  /** Identity values (positional, login's order) → customer object, or null with a warning. */
  function checkIdentity(values, where) {
    const bad = [];
    const customer = {};
    IDENTITY_KEYS.forEach(function (key, i) {
      const v = values[i];
      if (v === undefined || v === null) customer[key] = null;
      else if (typeof v === 'string') customer[key] = v;
      else bad.push(key + '=' + describe(v));
    });
    const unchanged = S.customer ? 'the customer stays ' + describe(S.customer.sbs) : 'no customer is recorded';
    if (bad.length) {
      warn(where + ': ' + bad.join(', ') + ' must be strings; ' + unchanged + '.');
      return null;
    }
    if (!customer.sbs) {
      warn(where + ': sbs (the customer id) is required and must be a non-empty string; ' + unchanged + '.');
      return null;
    }
    return customer;
  }

  // ------------------------------------------------------------------ configuration

  function readConfig() {
    const primary = window.__twt__config;
    const console_ = window.__twt_config;
    let config = null;
    if (isObject(primary)) {
      config = primary;
      S.configName = '__twt__config';
      if (isObject(console_) && console_ !== primary) {
        warn('both window.__twt__config and window.__twt_config are set to different objects; ' +
          'using window.__twt__config and ignoring window.__twt_config.');
      }
    } else if (isObject(console_)) {
      config = console_;
      S.configName = '__twt_config';
    } else if (primary !== undefined) {
      warn('window.__twt__config is ' + describe(primary) + ', not an object; it is ignored.');
    }
    if (isObject(window.__twt)) {
      warn('window.__twt is set (the next-generation SDK\'s config name), but this SDK reads ' +
        'window.__twt__config (or window.__twt_config); window.__twt is ignored.');
    }
    if (!config) {
      warn('no configuration found (window.__twt__config); booting without an appid.');
      return;
    }

    const where = 'window.' + S.configName;
    Object.keys(config).forEach(function (key) {
      if (CONFIG_KEYS.indexOf(key) === -1) {
        const hint = CONFIG_HINTS[key] ? ' (did you mean "' + CONFIG_HINTS[key] + '"?)' : '';
        warn(where + ': unknown key ' + describe(key) + hint + ' is ignored.');
      }
    });

    if (typeof config.appid === 'string' && config.appid) S.appid = config.appid;
    else warn(where + '.appid is ' + describe(config.appid) + '; the SDK needs the project APPID (a string).');

    if (config.lang !== undefined) {
      const lang = checkLanguage(config.lang, where + '.lang');
      if (lang) S.language = lang;
    }
    if (config.theme !== undefined) {
      if (THEMES.indexOf(config.theme) !== -1) S.theme = config.theme;
      else warn(where + '.theme: unknown theme ' + describe(config.theme) + '; use "light" or "dark". Theme stays "light".');
    }
    if (config.icon !== undefined) {
      const icon = String(config.icon);
      if ((typeof config.icon === 'string' || typeof config.icon === 'number') && (icon === '1' || icon === '2')) {
        S.launcher = icon !== '2';
      } else {
        warn(where + '.icon: unknown value ' + describe(config.icon) + '; use "1" (launcher) or "2" (no launcher).');
      }
    }
    if (config.position !== undefined) {
      const position = checkPosition(config.position, where + '.position', S.position);
      if (position) S.position = position;
    }
    const identity = IDENTITY_KEYS.map(function (k) { return config[k]; });
    if (identity.some(function (v) { return v !== undefined && v !== null; })) {
      const customer = checkIdentity(identity, where + ' identity keys');
      if (customer) S.customer = customer;
    }
  }

  // ------------------------------------------------------------------ boot

  function startBoot() {
    S.phase = 'loading';
    S.bootStart = Date.now();
    S.never = opts.ready === 'never';
    try {
      readConfig();
    } catch (e) {
      console.error(TAG + ' could not read the configuration object:', e);
    }
    for (let i = 0; i < opts.unread; i++) {
      S.pending.push(makeAgentMessage(SAMPLE_AGENT_LINES[i % SAMPLE_AGENT_LINES.length], null));
    }
    carryWeight(epoch);
    schedule();
  }

  function schedule() {
    if (S.timer) clearTimeout(S.timer);
    S.timer = null;
    if (S.never || S.phase !== 'loading' || S.weightDone === false) return;
    const wait = Math.max(0, S.bootStart + opts.delay - Date.now());
    S.timer = setTimeout(finishBoot, wait);
  }

  function finishBoot() {
    S.timer = null;
    if (S.phase !== 'loading' || S.never) return;
    if (!document.body) {
      // The widget needs a <body> to mount into.
      const myEpoch = epoch;
      S.waitingForBody = true;
      document.addEventListener('DOMContentLoaded', function () {
        if (myEpoch !== epoch) return;
        S.waitingForBody = false;
        finishBoot();
      }, { once: true });
      return;
    }
    if (opts.fail !== null) {
      failNow(opts.fail);
      return;
    }
    S.phase = 'ready';
    S.ready = true;
    mount();
    render();
    consumeQueue();
    // 1. the initial visibility, so queued listeners learn the starting state
    if (opts.initialVisibility) emitVisibility(true);
    else S.lastVisibility = { visibility: currentVisibility(), isOpen: S.open };
    // 2. the ready event
    dispatchWindowEvent('__twt__sdk_ready', { version: opts.version, timestamp: Date.now() }, false);
    // 3. onReady callbacks, in registration order
    const callbacks = readyCallbacks.splice(0);
    deliver(function () {
      callbacks.forEach(function (cb) { safeCall(cb, api, 'an onReady callback'); });
    }, false);
    // 4. messages that arrived while the SDK was loading
    const pending = S.pending.splice(0);
    if (pending.length) deliver(function () { receiveAgentMessages(pending); }, false);
  }

  function failNow(message) {
    const text = (typeof message === 'string' && message) ? message
      : (message === undefined || message === null || message === '') ? 'Simulated SDK failure' : String(message);
    if (S.timer) clearTimeout(S.timer);
    S.timer = null;
    const wasReady = S.ready;
    S.phase = 'failed';
    S.ready = false;
    S.open = false;
    S.error = { message: text };
    unmount();
    if (wasReady) emitVisibility(false); // the widget is gone: hidden
    dispatchWindowEvent('__twt__sdk_error', { error: { message: text } }, false);
  }

  // ------------------------------------------------------------------ behaviour

  function makeAgentMessage(text, author) {
    return { id: S.nextId++, from: 'agent', author: author, text: text, time: Date.now() };
  }

  function receiveAgentMessages(list) {
    if (!list.length) return;
    Array.prototype.push.apply(S.messages, list);
    if (S.open) {
      render();
      const team = TEXTS[S.language].team;
      announce(list.map(function (m) { return (m.author || opts.agent || team) + ': ' + m.text; }).join('\n'));
    } else {
      setUnread(S.unread + list.length); // renders and announces the count
    }
    scrollToEnd();
  }

  function doOpen() {
    if (S.open) return;
    // Like a dialog: focus goes into the panel (and later back to what opened it), unless
    // the page opened the chat on its own while the visitor is busy elsewhere on the page.
    const active = deepActiveElement();
    const inWidget = isInWidget(active);
    const take = !active || active === document.body || inWidget || userActivated();
    S.returnFocus = take ? (inWidget || !active || active === document.body ? null : active) : null;
    S.open = true;
    render();
    scrollToEnd();
    if (take && ui) ui.input.focus({ preventScroll: true });
    emitVisibility(false);
    setUnread(0); // opening the window reads the messages
  }

  function doClose() {
    if (!S.open) return;
    const active = deepActiveElement();
    const giveBack = !active || active === document.body || isInWidget(active);
    const target = S.returnFocus;
    S.returnFocus = null;
    S.open = false;
    render();
    // Focus was in the chat (now hidden): back to the button that opened it, or the launcher.
    if (giveBack) {
      if (target && target.isConnected && !target.disabled) target.focus({ preventScroll: true });
      else if (ui && S.launcher) ui.launcher.focus({ preventScroll: true });
    }
    emitVisibility(false);
  }

  function doHideBadge() {
    if (!S.launcher) return;
    S.launcher = false;
    render();
    emitVisibility(false);
  }

  // ------------------------------------------------------------------ the public API

  /** Wrap an API member: record the call, gate on readiness, never throw. */
  function member(name, impl, needsReady) {
    return function () {
      const args = Array.prototype.slice.call(arguments);
      record(name, args);
      try {
        if (needsReady && !S.ready) {
          if (S.phase === 'failed') {
            warn(name + '() ignored: the SDK failed to load (' + S.error.message + ').');
          } else {
            warn(name + '() called before the SDK is ready; ignored. Wait for __twt__sdk_ready or use onReady().');
          }
          return undefined;
        }
        return impl.apply(null, args);
      } catch (e) {
        console.error(TAG + ' internal error in ' + name + '():', e);
        return undefined;
      }
    };
  }

  const api = {
    login: member('login', function () {
      const args = Array.prototype.slice.call(arguments);
      if (args.length > IDENTITY_KEYS.length) {
        warn('login(): ' + (args.length - IDENTITY_KEYS.length) + ' extra argument(s) ignored; login takes (' +
          IDENTITY_KEYS.join(', ') + ').');
      }
      const customer = checkIdentity(args, 'login()');
      if (!customer) return;
      S.customer = customer;
      render();
    }, true),

    setLanguage: member('setLanguage', function (lang) {
      const code = checkLanguage(lang, 'setLanguage(' + describe(lang) + ')');
      if (!code || code === S.language) return;
      S.language = code;
      render();
    }, true),

    open: member('open', function () { doOpen(); }, true),

    close: member('close', function () { doClose(); }, true),

    isOpen: member('isOpen', function () { return S.open; }, false),

    hideBadge: member('hideBadge', function () { doHideBadge(); }, true),

    setPosition: member('setPosition', function (position) {
      const next = checkPosition(position, 'setPosition(' + describe(position) + ')', S.position);
      if (!next) return;
      S.position = next;
      render();
    }, true),

    isReady: member('isReady', function () { return S.ready; }, false),

    onReady: member('onReady', function (callback) {
      if (typeof callback !== 'function') {
        warn('onReady(' + describe(callback) + '): the callback is not a function. Ignored.');
        return;
      }
      if (S.ready) safeCall(callback, api, 'an onReady callback'); // already ready: called right away
      else readyCallbacks.push(callback);
    }, false),

    getError: member('getError', function () {
      return S.error ? { message: S.error.message } : null;
    }, false),
  };

  // ================================================================ mock/widget.js
  // The widget a visitor sees: launcher, unread badge and chat panel in an open shadow root,
  // in nine languages, usable by keyboard and screen reader. It renders the SDK's state `S`.

  const TEXTS = {
    en: {
      title: 'Chat with us', subtitle: 'We usually reply within a few minutes',
      greeting: 'Hi there! How can we help you today?', placeholder: 'Type a message…',
      send: 'Send', signedInAs: 'Signed in as', team: 'Support team',
      openChat: 'Open chat', closeChat: 'Close chat', unread: '{n} unread messages', messages: 'Messages',
    },
    'zh-cn': {
      title: '在线客服', subtitle: '我们通常会在几分钟内回复',
      greeting: '您好!请问有什么可以帮您?', placeholder: '输入消息…',
      send: '发送', signedInAs: '当前用户', team: '客服团队',
      openChat: '打开聊天', closeChat: '关闭聊天', unread: '{n} 条未读消息', messages: '消息',
    },
    'zh-tw': {
      title: '線上客服', subtitle: '我們通常會在幾分鐘內回覆',
      greeting: '您好!請問有什麼可以幫您?', placeholder: '輸入訊息…',
      send: '傳送', signedInAs: '目前使用者', team: '客服團隊',
      openChat: '開啟聊天', closeChat: '關閉聊天', unread: '{n} 則未讀訊息', messages: '訊息',
    },
    ja: {
      title: 'チャットサポート', subtitle: '通常数分以内に返信します',
      greeting: 'こんにちは!ご用件をお聞かせください。', placeholder: 'メッセージを入力…',
      send: '送信', signedInAs: 'ログイン中', team: 'サポートチーム',
      openChat: 'チャットを開く', closeChat: 'チャットを閉じる', unread: '未読メッセージ {n} 件', messages: 'メッセージ',
    },
    ko: {
      title: '채팅 상담', subtitle: '보통 몇 분 안에 답변드립니다',
      greeting: '안녕하세요! 무엇을 도와드릴까요?', placeholder: '메시지를 입력하세요…',
      send: '전송', signedInAs: '로그인 사용자', team: '고객지원팀',
      openChat: '채팅 열기', closeChat: '채팅 닫기', unread: '읽지 않은 메시지 {n}개', messages: '메시지',
    },
    de: {
      title: 'Chatten Sie mit uns', subtitle: 'Wir antworten meist innerhalb weniger Minuten',
      greeting: 'Hallo! Wie können wir Ihnen heute helfen?', placeholder: 'Nachricht eingeben…',
      send: 'Senden', signedInAs: 'Angemeldet als', team: 'Support-Team',
      openChat: 'Chat öffnen', closeChat: 'Chat schließen', unread: '{n} ungelesene Nachrichten', messages: 'Nachrichten',
    },
    fr: {
      title: 'Discutez avec nous', subtitle: 'Nous répondons généralement en quelques minutes',
      greeting: 'Bonjour ! Comment pouvons-nous vous aider ?', placeholder: 'Écrivez un message…',
      send: 'Envoyer', signedInAs: 'Connecté en tant que', team: 'Équipe support',
      openChat: 'Ouvrir le chat', closeChat: 'Fermer le chat', unread: '{n} messages non lus', messages: 'Messages',
    },
    pt: {
      title: 'Fale conosco', subtitle: 'Normalmente respondemos em poucos minutos',
      greeting: 'Olá! Como podemos ajudar hoje?', placeholder: 'Digite uma mensagem…',
      send: 'Enviar', signedInAs: 'Conectado como', team: 'Equipe de suporte',
      openChat: 'Abrir chat', closeChat: 'Fechar chat', unread: '{n} mensagens não lidas', messages: 'Mensagens',
    },
    ru: {
      title: 'Чат с поддержкой', subtitle: 'Обычно отвечаем в течение нескольких минут',
      greeting: 'Здравствуйте! Чем мы можем помочь?', placeholder: 'Введите сообщение…',
      send: 'Отправить', signedInAs: 'Вы вошли как', team: 'Служба поддержки',
      openChat: 'Открыть чат', closeChat: 'Закрыть чат', unread: 'Непрочитанных сообщений: {n}', messages: 'Сообщения',
    },
  };

  // Texts used by agentMessages(n) when no texts are given.
  // ------------------------------------------------------------------ the widget UI

  const ICON_CHAT = '<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true"><path fill="currentColor" d="M12 3C6.5 3 2 6.8 2 11.5c0 2.4 1.2 4.6 3.1 6.1-.2 1.3-.8 2.6-1.8 3.6-.2.2 0 .6.3.6 2 0 3.8-.7 5.1-1.7 1 .3 2.1.4 3.3.4 5.5 0 10-3.8 10-8.5S17.5 3 12 3Zm-4.5 9.8a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6Zm4.5 0a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6Zm4.5 0a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6Z"/></svg>';
  const ICON_CHEVRON = '<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round" d="m6 9 6 6 6-6"/></svg>';
  const ICON_CLOSE = '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" d="M6 6l12 12M18 6 6 18"/></svg>';
  const ICON_SEND = '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="currentColor" d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z"/></svg>';
  const ICON_AGENT = '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><path fill="currentColor" d="M12 2a7 7 0 0 0-7 7v3.2A2.8 2.8 0 0 0 3 15v1a3 3 0 0 0 3 3h1v-8H7V9a5 5 0 0 1 10 0v2h-.1v8H17a2 2 0 0 1-2 2h-2a1 1 0 1 0 0 2h2a4 4 0 0 0 4-3.6 3 3 0 0 0 2-2.4v-1a2.8 2.8 0 0 0-2-2.8V9a7 7 0 0 0-7-7Z"/></svg>';

  const STYLE = [
    ':host{all:initial}',
    '[hidden]{display:none!important}',
    '.twt-mock-root{--twt-right:20px;--twt-bottom:20px;--accent:#4f46e5;--accent-2:#7c3aed;',
    '  --bg:#ffffff;--surface:#f4f5fb;--text:#111827;--muted:#4b5563;--border:#e5e7eb;',
    '  --agent-bubble:#ffffff;--agent-text:#111827;--shadow:0 24px 60px rgba(15,23,42,.22),0 4px 14px rgba(15,23,42,.08);',
    '  font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","PingFang SC","Hiragino Sans","Microsoft YaHei","Malgun Gothic",sans-serif;',
    '  font-size:14px;line-height:1.45;color:var(--text);-webkit-font-smoothing:antialiased}',
    '.twt-mock-root.twt-mock-dark{--bg:#111827;--surface:#0b1120;--text:#f3f4f6;--muted:#9ca3af;--border:#1f2937;',
    '  --agent-bubble:#1f2937;--agent-text:#f3f4f6;--shadow:0 24px 60px rgba(0,0,0,.55),0 4px 14px rgba(0,0,0,.35)}',
    '.twt-mock-root *{box-sizing:border-box}',
    // launcher
    '.twt-mock-launcher{position:fixed;right:var(--twt-right);bottom:var(--twt-bottom);z-index:2147483000;',
    '  width:60px;height:60px;border:0;border-radius:50%;padding:0;cursor:pointer;color:#fff;display:grid;place-items:center;',
    '  background:linear-gradient(135deg,var(--accent),var(--accent-2));box-shadow:0 10px 28px rgba(79,70,229,.45);',
    '  transition:transform .18s ease,box-shadow .18s ease}',
    '.twt-mock-launcher:hover{transform:translateY(-2px) scale(1.04);box-shadow:0 14px 34px rgba(79,70,229,.55)}',
    '.twt-mock-launcher:focus-visible{outline:3px solid #a5b4fc;outline-offset:3px}',
    '.twt-mock-close:focus-visible,.twt-mock-send:focus-visible{outline:3px solid #a5b4fc;outline-offset:2px}',
    '.twt-mock-messages:focus-visible{outline:2px solid var(--accent);outline-offset:-2px}',
    '.twt-mock-sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}',
    '.twt-mock-launcher .twt-mock-icon-close{display:none}',
    '.twt-mock-launcher.twt-mock-is-open .twt-mock-icon-chat{display:none}',
    '.twt-mock-launcher.twt-mock-is-open .twt-mock-icon-close{display:block}',
    '.twt-mock-icon-chat,.twt-mock-icon-close{display:block;line-height:0}',
    '.twt-mock-badge{position:absolute;top:-3px;right:-3px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;',
    '  background:#dc2626;color:#fff;font:700 12px/18px system-ui,sans-serif;text-align:center;border:2px solid #fff;',
    '  box-shadow:0 2px 6px rgba(239,68,68,.45)}',
    // panel
    '.twt-mock-panel{position:fixed;right:var(--twt-right);bottom:calc(var(--twt-bottom) + 76px);z-index:2147483001;',
    '  width:370px;max-width:calc(100vw - 24px);height:min(600px,calc(100vh - var(--twt-bottom) - 100px));min-height:320px;',
    '  display:flex;flex-direction:column;background:var(--bg);border-radius:18px;overflow:hidden;box-shadow:var(--shadow);',
    '  border:1px solid var(--border);animation:twt-mock-pop .2s ease-out;transform-origin:bottom right}',
    '.twt-mock-no-launcher .twt-mock-panel{bottom:var(--twt-bottom);height:min(600px,calc(100vh - var(--twt-bottom) - 24px))}',
    '@keyframes twt-mock-pop{from{opacity:0;transform:translateY(12px) scale(.97)}to{opacity:1;transform:none}}',
    '@media (prefers-reduced-motion:reduce){.twt-mock-panel{animation:none}.twt-mock-launcher{transition:none}}',
    '.twt-mock-header{display:flex;align-items:flex-start;gap:12px;padding:18px 16px 16px 18px;color:#fff;',
    '  background:linear-gradient(135deg,var(--accent),var(--accent-2))}',
    '.twt-mock-avatar{position:relative;flex:0 0 42px;height:42px;border-radius:50%;display:grid;place-items:center;',
    '  background:rgba(255,255,255,.2);color:#fff}',
    '.twt-mock-online{position:absolute;right:0;bottom:1px;width:11px;height:11px;border-radius:50%;background:#22c55e;border:2px solid #fff}',
    '.twt-mock-heading{flex:1;min-width:0}',
    '.twt-mock-title{margin:0;font-size:17px;font-weight:700;line-height:1.25;letter-spacing:.1px}',
    '.twt-mock-subtitle{margin:3px 0 0;font-size:12.5px;opacity:.88}',
    '.twt-mock-customer{margin:8px 0 0;display:inline-flex;gap:5px;align-items:baseline;max-width:100%;',
    '  padding:3px 10px;border-radius:999px;background:rgba(255,255,255,.18);font-size:12px}',
    '.twt-mock-customer-name{font-weight:700;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}',
    '.twt-mock-close{flex:0 0 auto;width:34px;height:34px;margin:-4px -4px 0 0;border:0;border-radius:10px;cursor:pointer;',
    '  color:#fff;background:transparent;display:grid;place-items:center}',
    '.twt-mock-close:hover{background:rgba(255,255,255,.18)}',
    // messages
    '.twt-mock-messages{flex:1;margin:0;padding:16px 14px;list-style:none;overflow-y:auto;background:var(--surface);',
    '  display:flex;flex-direction:column;gap:10px}',
    '.twt-mock-msg{display:flex;flex-direction:column;max-width:82%}',
    '.twt-mock-msg-agent{align-self:flex-start}',
    '.twt-mock-msg-visitor{align-self:flex-end;align-items:flex-end}',
    '.twt-mock-author{font-size:11.5px;color:var(--muted);margin:0 0 3px 4px}',
    '.twt-mock-bubble{padding:9px 13px;border-radius:16px;white-space:pre-wrap;overflow-wrap:anywhere}',
    '.twt-mock-msg-agent .twt-mock-bubble{background:var(--agent-bubble);color:var(--agent-text);border-bottom-left-radius:5px;',
    '  box-shadow:0 1px 2px rgba(15,23,42,.08);border:1px solid var(--border)}',
    '.twt-mock-msg-visitor .twt-mock-bubble{background:linear-gradient(135deg,var(--accent),var(--accent-2));color:#fff;border-bottom-right-radius:5px}',
    '.twt-mock-time{font-size:10.5px;color:var(--muted);margin:3px 6px 0}',
    // composer
    '.twt-mock-composer{display:flex;gap:8px;align-items:center;padding:12px;border-top:1px solid var(--border);background:var(--bg);margin:0}',
    '.twt-mock-input{flex:1;min-width:0;height:40px;padding:0 14px;border-radius:999px;border:1px solid var(--border);',
    '  background:var(--surface);color:var(--text);font:inherit;outline:none}',
    '.twt-mock-input:focus{border-color:var(--accent);box-shadow:0 0 0 3px rgba(99,102,241,.2)}',
    '.twt-mock-send{flex:0 0 40px;height:40px;border:0;border-radius:50%;cursor:pointer;color:#fff;display:grid;place-items:center;',
    '  background:linear-gradient(135deg,var(--accent),var(--accent-2))}',
    '.twt-mock-footer{padding:0 12px 10px;text-align:center;font-size:11px;color:var(--muted);background:var(--bg)}',
    '.twt-mock-pill{display:inline-block;margin-left:4px;padding:0 6px;border-radius:6px;border:1px solid var(--border);font-size:10px}',
    '@media (max-width:480px){.twt-mock-panel{right:12px;left:12px;width:auto}}',
  ].join('\n');

  const TEMPLATE =
    '<style>' + STYLE + '</style>' +
    '<div class="twt-mock-root" data-testid="twt-widget">' +
    '  <section class="twt-mock-panel" id="twt-mock-panel" data-testid="twt-panel" role="dialog" aria-labelledby="twt-mock-title" hidden>' +
    '    <div class="twt-mock-header" data-testid="twt-header">' +
    '      <div class="twt-mock-avatar">' + ICON_AGENT + '<span class="twt-mock-online"></span></div>' +
    '      <div class="twt-mock-heading">' +
    '        <h2 class="twt-mock-title" id="twt-mock-title" data-testid="twt-title"></h2>' +
    '        <p class="twt-mock-subtitle" data-testid="twt-subtitle"></p>' +
    '        <p class="twt-mock-customer" data-testid="twt-customer" hidden>' +
    '          <span class="twt-mock-customer-label" data-testid="twt-customer-label"></span>' +
    '          <span class="twt-mock-customer-name" data-testid="twt-customer-name"></span>' +
    '        </p>' +
    '      </div>' +
    '      <button type="button" class="twt-mock-close" data-testid="twt-close">' + ICON_CLOSE + '</button>' +
    '    </div>' +
    '    <ol class="twt-mock-messages" data-testid="twt-messages" tabindex="0"></ol>' +
    '    <form class="twt-mock-composer" data-testid="twt-composer">' +
    '      <input class="twt-mock-input" data-testid="twt-input" type="text" autocomplete="off" maxlength="2000">' +
    '      <button type="submit" class="twt-mock-send" data-testid="twt-send">' + ICON_SEND + '</button>' +
    '    </form>' +
    '    <div class="twt-mock-footer">Powered by <b>TWT Chat</b><span class="twt-mock-pill">mock</span></div>' +
    '  </section>' +
    '  <button type="button" class="twt-mock-launcher" data-testid="twt-launcher" aria-expanded="false" aria-controls="twt-mock-panel">' +
    '    <span class="twt-mock-icon-chat">' + ICON_CHAT + '</span>' +
    '    <span class="twt-mock-icon-close">' + ICON_CHEVRON + '</span>' +
    '    <span class="twt-mock-badge" data-testid="twt-badge" aria-hidden="true" hidden></span>' +
    '  </button>' +
    '  <div class="twt-mock-sr" data-testid="twt-announcer" aria-live="polite" aria-atomic="true"></div>' +
    '</div>';

  let ui = null;

  function mount() {
    if (ui) return;
    const host = document.createElement('div');
    host.id = 'twt-mock-widget';
    host.setAttribute('data-testid', 'twt-root');
    host.setAttribute('data-twt-mock', MOCK_VERSION);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = TEMPLATE; // a constant: no page-supplied data goes through innerHTML
    const $ = function (id) { return shadow.querySelector('[data-testid="' + id + '"]'); };
    ui = {
      host: host,
      root: $('twt-widget'),
      panel: $('twt-panel'),
      title: $('twt-title'),
      subtitle: $('twt-subtitle'),
      customer: $('twt-customer'),
      customerLabel: $('twt-customer-label'),
      customerName: $('twt-customer-name'),
      close: $('twt-close'),
      messages: $('twt-messages'),
      composer: $('twt-composer'),
      input: $('twt-input'),
      send: $('twt-send'),
      launcher: $('twt-launcher'),
      badge: $('twt-badge'),
      announcer: $('twt-announcer'),
    };
    // The visitor's own clicks: not API calls, so not recorded in __twt_mock__.calls.
    ui.launcher.addEventListener('click', function () { if (S.open) doClose(); else doOpen(); });
    ui.close.addEventListener('click', function () { doClose(); });
    ui.root.addEventListener('keydown', function (event) {
      if (event.key !== 'Escape' || event.isComposing || !S.open) return;
      event.preventDefault();
      doClose();
    });
    ui.composer.addEventListener('submit', function (event) {
      event.preventDefault();
      const text = ui.input.value.trim();
      if (!text) return;
      ui.input.value = '';
      S.messages.push({ id: S.nextId++, from: 'visitor', author: null, text: text, time: Date.now() });
      render();
      scrollToEnd();
    });
    document.body.appendChild(host);
  }

  function unmount() {
    if (!ui) return;
    if (ui.host.parentNode) ui.host.parentNode.removeChild(ui.host);
    ui = null;
  }

  function formatTime(time) {
    try {
      return new Date(time).toLocaleTimeString(LANG_TAGS[S.language], { hour: '2-digit', minute: '2-digit' });
    } catch (e) {
      return '';
    }
  }

  function messageElement(msg, t, testid) {
    const li = document.createElement('li');
    li.className = 'twt-mock-msg twt-mock-msg-' + msg.from;
    li.setAttribute('data-testid', testid);
    li.setAttribute('data-from', msg.from);
    if (msg.from === 'agent') {
      const author = document.createElement('span');
      author.className = 'twt-mock-author';
      author.textContent = msg.author || opts.agent || t.team;
      li.appendChild(author);
    }
    const bubble = document.createElement('div');
    bubble.className = 'twt-mock-bubble';
    bubble.setAttribute('data-testid', 'twt-message-text');
    bubble.textContent = msg.text;
    li.appendChild(bubble);
    const time = document.createElement('time');
    time.className = 'twt-mock-time';
    time.textContent = formatTime(msg.time);
    try { time.dateTime = new Date(msg.time).toISOString(); } catch (e) { /* no valid time */ }
    li.appendChild(time);
    return li;
  }

  /** Bring the DOM in line with S (idempotent; all page-supplied strings via textContent). */
  function render() {
    if (!ui) return;
    const t = TEXTS[S.language];
    const root = ui.root;
    root.classList.toggle('twt-mock-dark', S.theme === 'dark');
    root.classList.toggle('twt-mock-no-launcher', !S.launcher);
    root.setAttribute('data-theme', S.theme);
    root.setAttribute('data-lang', S.language);
    root.setAttribute('data-visibility', currentVisibility());
    root.setAttribute('lang', LANG_TAGS[S.language]);
    root.style.setProperty('--twt-right', S.position.right); // validated CSS lengths only
    root.style.setProperty('--twt-bottom', S.position.bottom);

    ui.launcher.hidden = !S.launcher;
    ui.launcher.classList.toggle('twt-mock-is-open', S.open);
    ui.launcher.setAttribute('aria-expanded', S.open ? 'true' : 'false');
    // The name says what the button does, then the unread count its badge shows.
    ui.launcher.setAttribute('aria-label', (S.open ? t.closeChat : t.openChat) + (S.unread ? ', ' + unreadLabel(t) : ''));
    ui.badge.hidden = S.unread === 0;
    ui.badge.textContent = S.unread > 99 ? '99+' : String(S.unread);

    ui.panel.hidden = !S.open;
    ui.messages.setAttribute('aria-label', t.messages);
    ui.title.textContent = t.title;
    ui.subtitle.textContent = t.subtitle;
    ui.close.setAttribute('aria-label', t.closeChat);
    ui.close.setAttribute('title', t.closeChat);
    ui.input.setAttribute('placeholder', t.placeholder);
    ui.input.setAttribute('aria-label', t.placeholder);
    ui.send.setAttribute('aria-label', t.send);
    ui.send.setAttribute('title', t.send);

    const shown = S.customer && (S.customer.name || S.customer.nickname);
    ui.customer.hidden = !shown;
    ui.customerLabel.textContent = t.signedInAs;
    ui.customerName.textContent = shown || '';

    const list = document.createDocumentFragment();
    list.appendChild(messageElement({ from: 'agent', author: null, text: t.greeting, time: S.bootStart }, t, 'twt-greeting'));
    S.messages.forEach(function (msg) { list.appendChild(messageElement(msg, t, 'twt-message')); });
    ui.messages.textContent = '';
    ui.messages.appendChild(list);
  }

  function scrollToEnd() {
    if (ui && S.open) ui.messages.scrollTop = ui.messages.scrollHeight;
  }

  /** The focused element, looking into open shadow roots (ours included). */
  function deepActiveElement() {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    return el;
  }

  function isInWidget(el) {
    return !!(ui && el && (el === ui.host || (el.getRootNode && el.getRootNode() === ui.root.getRootNode())));
  }

  /** True while a click or key press of the visitor is being handled. */
  function userActivated() {
    const ua = window.navigator && window.navigator.userActivation;
    return ua ? ua.isActive : true;
  }

  /** Tell screen readers, politely, what just arrived (a live region outside the panel). */
  function announce(text) {
    if (ui) ui.announcer.textContent = text;
  }

  function unreadLabel(t) {
    return t.unread.replace('{n}', S.unread > 99 ? '99+' : String(S.unread));
  }

  // ================================================================ mock/load.js
  // The simulated other side: agents who write, and the cost of a real widget before it is
  // ready (weight=, busy=).

  const SAMPLE_AGENT_LINES = [
    'Hi! Thanks for stopping by — let us know if you have any questions.',
    'Your order #10428 has shipped. Tracking details are on the way',
    'Just checking in: did that answer your question?',
    'We replied to your ticket. Open the chat to read the details.',
    'Happy to help with anything else!',
  ];

  // ------------------------------------------------------------------ weight (weight=, busy=)
  // What a real widget costs before it is ready: bytes over the network (extra copies of this
  // script, fetched and not run) and main-thread time (long tasks). Ready waits for both.
  function carryWeight(myEpoch) {
    const bytes = opts.weight * 1024;
    let busy = opts.busy === null ? opts.weight * 0.6 : opts.busy;
    S.weightDone = bytes <= 0 && busy <= 0;
    if (S.weightDone) return;
    S.weightBytes = 0;
    const url = SCRIPT && SCRIPT.src ? SCRIPT.src : null;
    function burn() {
      if (myEpoch !== epoch) return;
      if (busy <= 0) { S.weightDone = true; schedule(); return; }
      const slice = Math.min(busy, 100);
      const end = performance.now() + slice;
      while (performance.now() < end) { /* the widget's script "evaluating" */ }
      busy -= slice;
      setTimeout(burn, 0);
    }
    function chunk(i) {
      const sep = url.indexOf('?') >= 0 ? '&' : '?';
      return fetch(url + sep + 'twt_weight_chunk=' + i, { cache: 'no-store' })
        .then(function (r) { return r.arrayBuffer(); })
        .then(function (b) { S.weightBytes += b.byteLength; return b.byteLength; });
    }
    if (bytes <= 0 || !url) { burn(); return; }
    chunk(0).then(function (size) {
      const more = [];
      for (let i = 1; size > 0 && i < Math.ceil(bytes / size); i++) more.push(chunk(i));
      return Promise.all(more);
    }).catch(function (e) { warn('weight: could not download the extra bytes (' + e + ').'); })
      .then(burn);
  }

  function agentAuthor(options, where) {
    if (options === undefined || options === null) return null;
    if (!isObject(options)) {
      warn(where + ': options ' + describe(options) + ' must be an object like {from: "Alice"}; ignored.');
      return null;
    }
    if (options.from === undefined || options.from === null) return null;
    if (typeof options.from !== 'string') {
      warn(where + ': from ' + describe(options.from) + ' must be a string; using the default author.');
      return null;
    }
    return options.from;
  }

  /** Deliver (or, while loading, hold until ready) agent messages; returns the unread count. */
  function simulate(messages, where) {
    if (S.phase === 'failed') {
      warn(where + ' ignored: the SDK failed (' + S.error.message + ').');
      return S.unread;
    }
    if (!S.ready) {
      Array.prototype.push.apply(S.pending, messages);
      return S.unread;
    }
    receiveAgentMessages(messages);
    return S.unread;
  }

  // ================================================================ mock/control.js
  // `window.__twt_mock__`, the control object for tests and development, and the start.

  // ------------------------------------------------------------------ the control object

  function controlMember(name, impl) {
    return function () {
      try {
        return impl.apply(null, arguments);
      } catch (e) {
        console.error(TAG + ' internal error in __twt_mock__.' + name + '():', e);
        return undefined;
      }
    };
  }

  const mock = {
    isTwtMock: true,
    mockVersion: MOCK_VERSION,
    calls: calls,

    /** The SDK version reported by __twt__sdk_ready. */
    get version() { return opts.version; },

    agentMessage: controlMember('agentMessage', function (text, options) {
      if (typeof text !== 'string') {
        warn('__twt_mock__.agentMessage(' + describe(text) + '): the text must be a string; ignored.');
        return S.unread;
      }
      const author = agentAuthor(options, '__twt_mock__.agentMessage()');
      return simulate([makeAgentMessage(text, author)], '__twt_mock__.agentMessage()');
    }),

    agentMessages: controlMember('agentMessages', function (countOrTexts, options) {
      let texts;
      if (Array.isArray(countOrTexts) && countOrTexts.every(function (t) { return typeof t === 'string'; })) {
        texts = countOrTexts.slice();
      } else if (typeof countOrTexts === 'number' && countOrTexts >= 0 && Math.floor(countOrTexts) === countOrTexts) {
        texts = [];
        for (let i = 0; i < countOrTexts; i++) texts.push(SAMPLE_AGENT_LINES[i % SAMPLE_AGENT_LINES.length]);
      } else {
        warn('__twt_mock__.agentMessages(' + describe(countOrTexts) + '): expected a count or an array of strings; ignored.');
        return S.unread;
      }
      const author = agentAuthor(options, '__twt_mock__.agentMessages()');
      return simulate(texts.map(function (t) { return makeAgentMessage(t, author); }), '__twt_mock__.agentMessages()');
    }),

    fail: controlMember('fail', function (message) { failNow(message); }),

    setBootDelay: controlMember('setBootDelay', function (ms) {
      if (typeof ms !== 'number' || !isFinite(ms) || ms < 0) {
        warn('__twt_mock__.setBootDelay(' + describe(ms) + '): expected a non-negative number of milliseconds; ignored.');
        return;
      }
      opts.delay = ms;
      schedule(); // a pending boot now ends `ms` after it started
    }),

    neverReady: controlMember('neverReady', function () {
      if (S.phase === 'ready' || S.phase === 'failed') {
        warn('__twt_mock__.neverReady(): the SDK is already ' + S.phase + '; use reset({ready: "never"}).');
        return;
      }
      S.never = true;
      schedule(); // cancels the pending boot
    }),

    boot: controlMember('boot', function () {
      if (S.phase === 'ready' || S.phase === 'failed') {
        warn('__twt_mock__.boot(): the SDK is already ' + S.phase + '; use reset() to boot again.');
        return false;
      }
      if (S.phase === 'idle') startBoot();
      S.never = false;
      schedule();
      return true;
    }),

    reset: controlMember('reset', function (overrides) {
      if (overrides !== undefined && !isObject(overrides)) {
        warn('__twt_mock__.reset(' + describe(overrides) + '): overrides must be an object of options; ignored.');
        overrides = undefined;
      }
      if (S.timer) clearTimeout(S.timer);
      epoch++;
      outbox.length = 0;
      unmount();
      S = freshState();
      calls.length = 0;
      callsCapWarned = false;
      opts = applyOptions(BASE_OPTIONS, overrides, '__twt_mock__.reset()');
      restoreQueueStub();
      if (window.__twt__api !== api) window.__twt__api = api;
      if (opts.autoboot) startBoot();
    }),

    clearCalls: controlMember('clearCalls', function () { calls.length = 0; }),

    state: controlMember('state', function () {
      return {
        phase: S.phase,
        booting: (S.timer !== null || S.waitingForBody) && !S.never, // a boot is scheduled (false when idle, never-ready, ready, failed)
        ready: S.ready,
        open: S.open,
        unread: S.unread,
        visibility: currentVisibility(),
        language: S.language,
        theme: S.theme,
        position: { right: S.position.right, bottom: S.position.bottom },
        launcher: S.launcher,
        customer: S.customer ? Object.assign({}, S.customer) : null,
        error: S.error ? { message: S.error.message } : null,
        appid: S.appid,
        configName: S.configName,
        version: opts.version,
        listeners: visibilityHandlers.length,
      };
    }),

    messages: controlMember('messages', function () {
      return S.messages.map(function (m) {
        return { from: m.from, author: m.author, text: m.text, time: m.time };
      });
    }),

    options: controlMember('options', function () { return Object.assign({}, opts); }),
  };

  // ------------------------------------------------------------------ start

  window.__twt_mock__ = mock;
  try {
    window.__twt__api = api; // a plain assignment, so a page's property setter sees it
    installQueueStub();
  } catch (e) {
    console.error(TAG + ' could not install window.__twt__api / window.TWTChatWidget:', e);
  }
  if (opts.autoboot) startBoot();
})(window, document);
