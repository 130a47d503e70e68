"""`install()`: put the TWT Chat SDK on the page from Python, with nothing lost.

It validates the settings, writes the configuration object, binds `Chat` (so it listens before
the SDK can say anything), then appends the SDK script once. Load failures become typed errors
delivered once through `Chat.on_error` and `await Chat.ready()`.

```python
import twt_py
twt_py.install("YOUR_APPID", lang="ja", launcher="custom")
info = await twt_py.Chat.ready()
```
"""

from ._errors import ChatError, ChatLoadError, ChatSDKError, ChatTimeoutError
from ._types import Language, _describe, as_customer

PRODUCTION_SRC = "https://visitorchat.twt.com/install/core.js?version=v1.2"
SCRIPT_ID = "twt-chat-sdk"
THEMES = ("light", "dark")
LAUNCHERS = ("default", "custom")
LOADS = ("eager", "idle", "interaction")
# The vendor's material names the config object two ways; pages in the wild use either.
CONFIG_NAMES = ("__twt__config", "__twt_config")

_installed = {}


def _settings(appid, lang, theme, launcher, customer, src, timeout, nonce):
    if not isinstance(appid, str) or not appid.strip():
        raise (TypeError if not isinstance(appid, str) else ValueError)(
            "appid must be your project's APPID (a non-empty str), got %s" % _describe(appid)
        )
    config = {"appid": appid}
    if lang is not None:
        config["lang"] = Language.normalize(lang)
    if theme is not None:
        if theme not in THEMES:
            raise ValueError("theme must be one of %s, got %r" % (", ".join(THEMES), theme))
        config["theme"] = theme
    if launcher not in LAUNCHERS:
        raise ValueError(
            "launcher must be 'default' (the floating bubble) or 'custom' (your own button), "
            "got %r" % (launcher,)
        )
    config["icon"] = "2" if launcher == "custom" else "1"
    if customer is not None:
        customer = as_customer(customer, "install(customer=...)")
        for key, value in customer.to_dict().items():
            config[key] = value
    if not isinstance(src, str) or not src:
        raise TypeError("src must be the SDK script's URL (a str), got %s" % _describe(src))
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout > 0:
        raise ValueError("timeout must be a positive number of seconds, got %r" % (timeout,))
    if nonce is not None and not isinstance(nonce, str):
        raise TypeError("nonce must be a str or None, got %s" % _describe(nonce))
    return config


def install(
    appid,
    *,
    lang=None,
    theme=None,
    launcher="default",
    customer=None,
    src=PRODUCTION_SRC,
    timeout=15.0,
    nonce=None,
    load=None,
    chat=None,
):
    """Load the TWT Chat SDK for `appid` and bind `Chat` to it; returns the `ChatWidget`.

    - `lang`: a `Language` (any spelling `Language.normalize` takes);
    - `theme`: `"light"` or `"dark"`;
    - `launcher`: `"default"` (the floating bubble) or `"custom"` (hidden: open the chat from
      your own button with `Chat.open()`);
    - `customer`: a `Customer` (or its dict) signed on your server;
    - `src`: the SDK's URL (the vendor's production `core.js` by default; the mock SDK's
      URL in development);
    - `timeout`: seconds until a missing ready signal becomes a `ChatTimeoutError`;
    - `nonce`: set on the script element, for pages with a Content-Security-Policy;
    - `load`: when the SDK is requested. `"eager"` at once; `"interaction"` when the visitor
      hovers, focuses or clicks the launcher (a click also opens the chat) or when your Python
      calls `Chat.open()`/`toggle()`; `"idle"` also when the page is idle (never on saveData
      or a 2g connection). The lazy modes need `/dist/twt-early.js` on the page, which draws
      the placeholder launcher and keeps clicks made before Python runs. Default: the shim's
      `data-load` attribute if the page sets one, else `"eager"`.

    A second call with the same settings does nothing; with other settings it raises
    `ChatError`. Bad values raise `ValueError`/`TypeError`.

    ```python
    import twt_py
    twt_py.install("YOUR_APPID", lang="en", launcher="custom",
                   src="/static/twt-mock-sdk.js")
    ```
    """
    if chat is None:
        from . import Chat as chat
    config = _settings(appid, lang, theme, launcher, customer, src, timeout, nonce)
    if load is not None and load not in LOADS:
        raise ValueError(
            "load must be 'eager' (at once), 'idle' (when the page is idle, or on intent) or "
            "'interaction' (on hover, focus or click), got %r" % (load,)
        )
    key = (repr(sorted(config.items())), src, timeout, nonce, load)
    previous = _installed.get(id(chat))
    if previous is not None:
        if previous == key:
            return chat
        raise ChatError(
            "install() was already called on this page with other settings; "
            "reload the page to change appid, language, customer or src"
        )
    chat._bind()
    h = chat._host
    win = h.window
    doc = h.get(win, "document")
    lazy, load = _lazy(h, win, load)
    existing = None
    for name in CONFIG_NAMES:
        if existing is None:
            existing = h.get(win, name)
    if existing is not None:
        h.console(
            "warn",
            "twt_py.install(): the page already set window.__twt__config; install() replaces it",
        )
    h.set(win, CONFIG_NAMES[0], h.js(config))
    # The second name gets the page's own object: in a PyScript worker each set is a copy, and
    # an SDK that sees two different objects has to pick one.
    h.set(win, CONFIG_NAMES[1], h.get(win, CONFIG_NAMES[0]))
    _installed[id(chat)] = key

    if h.get(win, "__twt__api") is not None or h.call(doc, "getElementById", SCRIPT_ID) is not None:
        h.console(
            "warn",
            "twt_py.install(): the TWT SDK is already on the page; not loading it twice",
        )
        return chat

    if lazy is not None:
        settings = {"load": load, "lang": config.get("lang"), "theme": theme, "launcher": launcher}
        h.call(lazy, "configure", h.js(settings))
        # The shim calls this on the first intent (at once if a visitor already showed it).
        h.call(lazy, "onWant", h.function(lambda reason=None: _append(chat, h, doc, src, timeout, nonce)))
    else:
        _append(chat, h, doc, src, timeout, nonce)
    return chat


def _lazy(h, win, load):
    # (the shim's lazy loader, the mode): no loader to load at once.
    early = h.get(win, "__twt_early__")
    lazy = h.get(early, "lazy") if early is not None else None
    if lazy is not None and load is None:
        load = h.get(lazy, "mode")
    if load is None or load == "eager":
        return None, "eager"
    if lazy is None:
        raise ChatError(
            "install(load=%r) needs twt-early.js on the page, before any Python: "
            '<script src="/dist/twt-early.js" data-load="%s"></script> (`twt-py build` writes it; '
            "it draws the placeholder launcher and keeps the visitor's clicks until Python runs)"
            % (load, load)
        )
    return lazy, load


def _append(chat, h, doc, src, timeout, nonce):
    # The SDK's <script>, once; load failures and a missing ready signal become typed errors.
    if h.call(doc, "getElementById", SCRIPT_ID) is not None:
        return
    script = h.call(doc, "createElement", "script")
    h.set(script, "id", SCRIPT_ID)
    h.set(script, "async", True)
    if nonce is not None:
        h.set(script, "nonce", nonce)
    state = {"timer": None, "handles": [], "thrown": None}

    def cleanup():
        for handle in state["handles"]:
            h.unlisten(handle)
        state["handles"] = []

    def stop_watching():
        if state["thrown"] is not None:
            h.unlisten(state["thrown"])
            state["thrown"] = None
        if state["timer"] is not None:
            h.cancel_later(state["timer"])
            state["timer"] = None

    def on_error(event):
        cleanup()
        stop_watching()
        chat._fail(
            ChatLoadError(
                "could not load the TWT Chat SDK from %s (HTTP error, network failure, or "
                "blocked by the browser or an ad blocker)" % src
            )
        )

    def on_thrown(event):
        # An uncaught exception from the SDK's own file before it is ready: its script (or
        # its boot) failed, and no ready or error event will come. Noticed at once, not
        # after the timeout; a ChatSDKError, because the script loaded and its code failed.
        if chat.is_ready or chat.error is not None:
            stop_watching()
        elif h.get(event, "filename") == h.get(script, "src"):
            stop_watching()
            chat._fail(
                ChatSDKError(
                    "the TWT Chat SDK's script (%s) threw while it ran: %s"
                    % (src, h.get(event, "message"))
                )
            )

    def on_timeout():
        state["timer"] = None
        cleanup()
        stop_watching()
        if not chat.is_ready and chat.error is None:
            chat._fail(
                ChatTimeoutError("the TWT Chat SDK was not ready within %s s of its request" % timeout)
            )

    state["handles"].append(h.listen(script, "error", on_error))
    state["handles"].append(h.listen(script, "load", lambda event: cleanup()))
    state["thrown"] = h.listen(h.window, "error", on_thrown)
    # Fires once; does nothing if the SDK was ready or failed by then.
    state["timer"] = h.later(on_timeout, timeout * 1000)
    h.set(script, "src", src)
    head = h.get(doc, "head")
    h.call(head, "appendChild", script)
