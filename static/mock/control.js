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
