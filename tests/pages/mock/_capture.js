/*
 * Test instrumentation for the mock SDK's pages (tests/browser/test_mock_sdk.py). Loaded
 * first, it only observes: console output (as text, so tests can wait on it), the SDK's three
 * window events (with JSON copies of their detail), and the time the page started.
 */
(function () {
  'use strict';
  var rec = (window.__rec = { t0: Date.now(), logs: [], warnings: [], errors: [], events: [] });

  function text(value) {
    if (typeof value === 'string') return value;
    if (value instanceof Error) return String(value);
    try {
      var json = JSON.stringify(value);
      return json === undefined ? String(value) : json;
    } catch (e) {
      return String(value);
    }
  }

  var sinks = { log: rec.logs, warn: rec.warnings, error: rec.errors };
  Object.keys(sinks).forEach(function (level) {
    var original = console[level];
    console[level] = function () {
      sinks[level].push(Array.prototype.map.call(arguments, text).join(' '));
      return original.apply(console, arguments);
    };
  });

  ['__twt__sdk_ready', '__twt__sdk_error', '__twt__custom_event'].forEach(function (type) {
    window.addEventListener(type, function (event) {
      rec.events.push({ type: type, detail: JSON.parse(JSON.stringify(event.detail)), at: Date.now() });
    });
  });

  /** Events of one type, e.g. __rec.of('__twt__custom_event') → [{unread: 1}, ...]. */
  rec.of = function (type) {
    return rec.events.filter(function (e) { return e.type === type; }).map(function (e) { return e.detail; });
  };
})();
