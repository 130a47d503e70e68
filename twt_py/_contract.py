"""The vendor's TWT Chat SDK as twt_py uses it, declared once: names, commands, events, values.

Plain tuples of literals, so the import costs next to nothing on Brython and MicroPython. The
facade loops over these tables (binding, reset, replay, subscribe, the command path), and
`tests/unit/test_contract.py` checks every other copy of the contract against them: the
typed stub, the fake SDK of the unit tests, the mock SDK, the early-capture shim and the test
pages' capture script.
"""

# ------------------------------------------------------------------ the page's globals

API = "__twt__api"  # the SDK's api object, once its script has run
WIDGET = "TWTChatWidget"  # the SDK's second object: `on(name, cb)`, a queue `_q` before load
EARLY = "__twt_early__"  # static/twt-early.js's record of what happened before Python ran

# The vendor's pre-load stub, as its newer snippet writes it: `on(...)` pushes this entry onto
# `_q`, which the SDK consumes when it loads. twt_py's adapter, the shim and the mock make
# this stub when the page has none.
QUEUE_ENTRY = "['on', Array.prototype.slice.call(arguments)]"
QUEUE_STUB_ON = "this._q.push(" + QUEUE_ENTRY + ")"

# ------------------------------------------------------------------ enumerations

LANGUAGES = ("en", "zh-cn", "zh-tw", "ja", "ko", "de", "fr", "pt", "ru")
VISIBILITIES = ("maximized", "minimized", "hidden")

# ------------------------------------------------------------------ commands
#
# (public `Chat` method, vendor method on __twt__api, argument check, what the lazy shim does
# with it while the SDK is not loaded)
#
# - argument check: a function of `_commands.CHECKS`, called with the method's own arguments;
#   it raises ValueError/TypeError, or returns (label for messages, the vendor's arguments).
# - shim: `lazy.command(method, args)` of static/twt-early.js: "load" (request the SDK; the
#   placeholder shows it is busy), "position", "language" or "hide" (the placeholder follows);
#   None: the shim is not told.
# - vendor method "toggle" is twt_py's own: `open` or `close`, decided from `isOpen()` when it
#   runs.
COMMANDS = (
    ("open", "open", "none", "load"),
    ("close", "close", "none", None),
    ("toggle", "toggle", "none", "load"),
    ("hide_badge", "hideBadge", "none", "hide"),
    ("set_position", "setPosition", "position", "position"),
    ("set_language", "setLanguage", "language", "language"),
    ("login", "login", "customer", None),
)

# Vendor methods of COMMANDS that are twt_py's own, not members of __twt__api.
OWN_METHODS = ("toggle",)

# The api's other members, questions: asked (guarded) by the facade, never queued. With the
# commands' methods they are the api's whole member list.
QUERIES = ("isOpen", "isReady", "getError", "onReady")

# ------------------------------------------------------------------ events
#
# (state slot and `Chat.on_<slot>`, source, the vendor's event name, where the value is in its
# detail, repeats)
#
# - source: "window", a CustomEvent on `window`; "count", the same but read and checked in
#   JavaScript (`host.bind`'s count listener: a plain whole number crosses, the hot path); "widget",
#   `TWTChatWidget.on(name, cb)` (queued in `_q` until the SDK loads), cb gets the detail.
# - key: the detail's property holding the value (None: the detail itself). The early record
#   (`__twt_early__.<slot>`) holds the same value.
# - how the value is read and checked: `_events.READ[slot]` (a malformed value is warned about
#   and dropped).
# - repeats: "equal" (a value equal to the current one is dropped), "first" (only the first
#   counts until reset: an error), "upgrade" (the first counts; a later one only fills in a
#   missing version: ready).
EVENTS = (
    ("ready", "window", "__twt__sdk_ready", None, "upgrade"),
    ("error", "window", "__twt__sdk_error", "error", "first"),
    ("unread", "count", "__twt__custom_event", "unread", "equal"),
    ("visibility", "widget", "visibility_changed", None, "equal"),
)
