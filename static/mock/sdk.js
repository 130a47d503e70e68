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
