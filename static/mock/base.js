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
