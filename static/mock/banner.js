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
