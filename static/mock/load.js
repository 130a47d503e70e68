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
