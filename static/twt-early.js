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
 *     events: [[type, detail, time], ...]      // every one of the above, in order (max 200)
 *   }
 *
 * The record is plain data on the page's window, so twt_py in a PyScript worker reads it the
 * same way, through PyScript's bridge, however many seconds after the SDK the worker starts.
 *
 * It also creates the vendor's `TWTChatWidget` queue stub if the page has none, and watches
 * for the SDK script (core.js, or the mock) failing to load: an ad blocker or a 404 otherwise
 * leaves no trace at all, so the shim dispatches the SDK's own `__twt__sdk_error` event for it,
 * with `detail.error.load = true`. It never throws and never changes what the SDK does.
 */
(function (window) {
  'use strict';
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
    record.ready = { version: d.version == null ? null : String(d.version),
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
  // so the page's listeners, and twt_py bound or not, hear about it.
  window.addEventListener('error', function (e) {
    var t = e.target;
    if (t && t.tagName === 'SCRIPT' && SDK_SCRIPT.test(t.src || '') && !record.ready) {
      var error = { message: 'could not load the TWT Chat SDK from ' + t.src +
                    ' (HTTP error, network failure, or blocked)', load: true };
      window.dispatchEvent(new CustomEvent('__twt__sdk_error', { detail: { error: error } }));
    }
  }, true);

  window.TWTChatWidget = window.TWTChatWidget || {
    _q: [],
    on: function () { this._q.push(['on', Array.prototype.slice.call(arguments)]); }
  };
  window.TWTChatWidget.on('visibility_changed', function (d) {
    record.visibility = { visibility: d && d.visibility, isOpen: !!(d && d.isOpen) };
    note('visibility', record.visibility);
  });
})(window);
