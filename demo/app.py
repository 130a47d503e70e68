"""Aurora Audio's live chat, in Python: every scenario of the TWT Chat vendor's JavaScript API
page, written once with twt_py and run unchanged by the three demo pages (PyScript + Pyodide,
PyScript + MicroPython, Brython).

| vendor scenario | here |
| --- | --- |
| custom "contact us" button, default launcher hidden (icon "2"), unread badge (99+) | `contact_us`, `show_unread` |
| fallback contact when the SDK fails | `chat_failed`, `show_fallback` (also after a ready timeout) |
| video paused while the chat is maximized, resumed when it is closed | `follow_visibility` |
| language switcher for the nine languages | `switch_language` |
| launcher moved above the cookie banner while it shows | `show_cookie_banner`, `close_cookie_banner` |
| badge hidden in full screen | `fullscreen_changed` |
| chat opened after some seconds on the help page (`?autoopen=<s>`, default 30) | `start_auto_open` |
| chat closed when an order is submitted | `submit_order` |
| a toggle button | `toggle_chat` |
| a safe open that tells the visitor when the chat is not ready | `open_safely` |
| status line: ready, version, error | `refresh_status` |
| login with the identity the server signed (`GET /api/identity`) | `sign_in` |

Every twt_py event also goes to the page's event log as it arrives (`log`).

It imports only twt_py and the runtime's own browser module: no standard library, so Brython
needs no brython_stdlib.js (4.8 MB), and nothing MicroPython lacks.
"""

from twt_py import Chat, ChatError, ChatTimeoutError, Visibility, runtime

# ------------------------------------------------------------------ the runtime-specific part
# How to reach the page, and how to hand JS a Python function it keeps (Pyodide needs a proxy).
if runtime.name == "brython":
    from browser import aio, window

    def js_function(fn):
        return fn

    timers = window

else:  # PyScript: Pyodide or MicroPython
    import js
    from pyscript.ffi import create_proxy as js_function

    # The real window: on MicroPython, `pyscript.window` is a wrapper whose addEventListener
    # throws "Illegal invocation" (PyScript 0.7.31).
    window = js.globalThis
    # Timers run in this thread. In a worker, handing one function to the page's setTimeout
    # again and again races PyScript's cross-thread garbage collection (0.7.31): the page may let
    # go of it just as the worker hands it over once more, and the timer then calls a function
    # the worker has already forgotten.
    timers = js
    if runtime.worker:  # `<script type="mpy" worker>`: the page's window, across threads
        from pyscript import window

document = window.document
STARTED_MS = window.performance.now()

RUNTIME_LABELS = {
    "pyodide": "PyScript + Pyodide",
    "micropython": "PyScript + MicroPython",
    "brython": "Brython",
}

# ------------------------------------------------------------------ page settings (query string)
_query = window.URLSearchParams.new(window.location.search)


def query(name, default):
    return str(_query.get(name)) if _query.has(name) else default


def seconds(name, default):
    try:
        value = float(query(name, ""))
    except ValueError:
        return default
    return value if value >= 0 else default


AUTO_OPEN_S = seconds("autoopen", 30)  # the help page opens the chat after this long
READY_TIMEOUT_S = seconds("timeout", 15)  # no SDK by then: show the fallback contact
REAL_SDK = query("sdk", "mock") == "real"
LOAD = query("load", "eager")  # "interaction" / "idle": the SDK loads when the visitor wants it

# The site's own label for its contact button, in the nine languages of the widget.
CONTACT_LABELS = {
    "en": "Contact us",
    "zh-cn": "联系客服",
    "zh-tw": "聯絡客服",
    "ja": "お問い合わせ",
    "ko": "문의하기",
    "de": "Kontakt",
    "fr": "Nous contacter",
    "pt": "Fale conosco",
    "ru": "Связаться",
}

AGENT_LINES = (
    "Hi! I'm Maya from Aurora. Looking for headphones for travel or for work?",
    "The Aurora One is 20% off this week, and it ships tomorrow.",
    "Your order #A-10418 has shipped: tracking is on its way by email.",
    "Anything else I can help you with?",
)

state = {
    "agent_line": 0,
    "video_paused_by_chat": False,
    "notice_timer": None,
    "auto_timer": None,
    "auto_ticker": None,
    "auto_deadline": 0,
    "auto_done": False,
    "orders": 0,
}


# ------------------------------------------------------------------ small DOM helpers


def el(element_id):
    return document.getElementById(element_id)


def on(element_id, event, handler):
    el(element_id).addEventListener(event, js_function(handler))


def fmt_seconds(value):
    return ("%d" % value) if value == int(value) else ("%.1f" % value)


def log(kind, text):
    """Add a line to the event log panel (newest first)."""
    item = document.createElement("li")
    item.setAttribute("data-kind", kind)
    stamp = document.createElement("time")
    stamp.textContent = "%.1fs" % (window.performance.now() / 1000)
    label = document.createElement("span")
    label.className = "kind"
    label.textContent = kind
    body = document.createElement("span")
    body.className = "text"
    body.textContent = text
    item.appendChild(stamp)
    item.appendChild(label)
    item.appendChild(body)
    entries = el("event-log")
    entries.prepend(item)
    while entries.children.length > 200:
        entries.lastElementChild.remove()


def set_fact(element_id, text, tone=""):
    node = el(element_id)
    node.textContent = text
    node.className = tone


def hide_notice():
    el("notice").hidden = True
    state["notice_timer"] = None


_hide_notice = js_function(hide_notice)


def notify(text):
    """A short message to the visitor at the top of the page."""
    box = el("notice")
    box.textContent = text
    box.hidden = False
    if state["notice_timer"] is not None:
        timers.clearTimeout(state["notice_timer"])
    state["notice_timer"] = timers.setTimeout(_hide_notice, 5000)


def show_fallback(reason=None, flash=False):
    """The vendor's fallback-contact scenario: email and phone instead of the chat."""
    box = el("fallback-contact")
    if reason:
        el("fallback-reason").textContent = "Why: " + reason
    box.hidden = False
    if flash:
        box.classList.remove("flash")
        box.offsetWidth  # restart the animation
        box.classList.add("flash")


def hide_fallback():
    el("fallback-contact").hidden = True


def command(label, run, fallback=True):
    """Run one Chat command and log it. After an SDK failure twt_py raises `ChatError`
    instead of silently doing nothing: show the fallback contact (or just log it)."""
    try:
        run()
    except ChatError as err:
        log("page", "%s not sent: %s" % (label, err.message))
        if fallback:
            show_fallback(err.message, flash=True)
        return False
    log("command", label + ("" if Chat.is_ready else " (queued until the SDK is ready)"))
    return True


# ------------------------------------------------------------------ status line


def refresh_status(change=None):
    error = Chat.error
    ready = Chat.is_ready
    pill = el("chat-status")
    if error is not None:
        pill.setAttribute("data-state", "error")
        pill.textContent = "Chat unavailable"
    elif ready:
        pill.setAttribute("data-state", "ready")
        pill.textContent = "Chat online"
    else:
        pill.setAttribute("data-state", "loading")
        pill.textContent = "Connecting to chat…"
    version = Chat.version
    el("status-line").textContent = "ready: %s · version: %s · error: %s" % (
        "yes" if ready else "no",
        version if version else "–",
        error.message if error is not None else "none",
    )
    set_fact("st-ready", "yes" if ready else "no", "good" if ready else "")
    set_fact("st-version", version if version else "–")
    set_fact("st-error", error.message if error is not None else "none", "bad" if error else "")
    set_fact("st-visibility", Chat.visibility or "unknown")
    set_fact("st-open", "yes" if Chat.is_open else "no")
    set_fact("st-unread", str(Chat.unread))
    mock_usable = not REAL_SDK and error is None
    for button_id in ("sim-message", "sim-burst", "sim-flood", "sim-fail"):
        el(button_id).disabled = not mock_usable
    el("sim-finish").disabled = not mock_usable or ready


log("python", "%s %s is running demo/app.py" % (RUNTIME_LABELS[runtime.name], runtime.version))

# ------------------------------------------------------------------ twt_py events


@Chat.on_ready
def chat_ready(info):
    log("ready", "SDK ready, version %s" % info.version)
    hide_fallback()
    refresh_status()


@Chat.on_error
def chat_failed(error):
    log("error", error.message)
    show_fallback(error.message)
    el("unread-badge").hidden = True
    refresh_status()


@Chat.on_unread
def show_unread(count):
    """The vendor's unread-badge scenario: the count on the site's own button, 99+ at most."""
    badge = el("unread-badge")
    if count > 0:
        badge.textContent = "99+" if count > 99 else str(count)
        badge.hidden = False
    else:
        badge.hidden = True
    log("unread", "%d unread message%s" % (count, "" if count == 1 else "s"))
    refresh_status()


@Chat.on_visibility
def follow_visibility(change):
    """The vendor's video scenario: pause while the chat is maximized, resume when it closes.

    Resumes on any closed state, not only "minimized": with the launcher hidden (icon "2")
    a closed chat is "hidden". Only a video the chat paused is resumed.
    """
    log("visibility", "%s (%s)" % (change.visibility, "open" if change.is_open else "closed"))
    video = el("hero-video")
    card = el("video-card")
    if change.visibility == Visibility.MAXIMIZED:
        if not video.paused:
            video.pause()
            state["video_paused_by_chat"] = True
            card.classList.add("paused-by-chat")
            el("video-state").textContent = "Paused while you chat"
    elif state["video_paused_by_chat"]:
        state["video_paused_by_chat"] = False
        video.play()
        card.classList.remove("paused-by-chat")
        el("video-state").textContent = "Playing"
    refresh_status()


# ------------------------------------------------------------------ the page's buttons


def contact_us(event=None):
    """The custom "contact us" button: opens the chat, now or as soon as it is ready."""
    if Chat.error is not None:
        notify("Live chat is unavailable right now: please email or call us.")
        show_fallback(flash=True)
        return
    if not Chat.is_ready:
        notify("Connecting you to our team: the chat opens as soon as it is ready.")
    command("Chat.open()", Chat.open)


def open_safely(event=None):
    """The vendor's "open safely" scenario: open only if ready, else tell the visitor."""
    if Chat.is_ready:
        command("Chat.open()", Chat.open)
    elif Chat.error is not None:
        notify("Live chat is unavailable right now: please email or call us.")
        show_fallback(flash=True)
    else:
        notify("The chat is not ready yet: please try again in a moment.")
        log("page", "safe open: the chat is not ready yet, the visitor was told")


def toggle_chat(event=None):
    command("Chat.toggle()", Chat.toggle)


def switch_language(code):
    """The vendor's language scenario: the site switches its own language, then the widget's."""
    # The site's own language...
    document.documentElement.lang = code
    el("contact-label").textContent = CONTACT_LABELS[code]
    for node in document.querySelectorAll("#languages [data-lang]"):
        pressed = str(node.getAttribute("data-lang")) == code
        node.setAttribute("aria-pressed", "true" if pressed else "false")
    # ...and the widget's.
    command("Chat.set_language(%r)" % code, lambda: Chat.set_language(code), fallback=False)


def language_button(code):
    def clicked(event=None):
        switch_language(code)

    return clicked


def place_launcher(bottom):
    # The fallback card sits where the chat would: it moves with it.
    el("fallback-contact").style.bottom = "%dpx" % bottom
    command(
        "Chat.set_position(right=20, bottom=%d)" % bottom,
        lambda: Chat.set_position(right=20, bottom=bottom),
        fallback=False,
    )


def show_cookie_banner(event=None):
    """The vendor's cookie-banner scenario: lift the launcher above the banner while it shows."""
    banner = el("cookie-banner")
    banner.hidden = False
    place_launcher(banner.offsetHeight + 16)


def close_cookie_banner(event=None):
    el("cookie-banner").hidden = True
    log("page", "cookie banner closed")
    place_launcher(20)


def toggle_fullscreen(event=None):
    if document.fullscreenElement:
        document.exitFullscreen()
    else:
        document.documentElement.requestFullscreen()


def fullscreen_changed(event=None):
    """The vendor's full-screen scenario: hide the launcher badge in full screen."""
    if document.fullscreenElement:
        log("page", "full screen: hiding the launcher")
        command("Chat.hide_badge()", Chat.hide_badge, fallback=False)
    else:
        log("page", "left full screen (the SDK cannot show a hidden launcher again)")


def submit_order(event):
    """The vendor's order scenario: close the chat so it does not cover the confirmation."""
    event.preventDefault()
    state["orders"] += 1
    number = "A-%d" % (10427 + state["orders"])
    log("page", "order %s submitted" % number)
    command("Chat.close()", Chat.close, fallback=False)
    el("order-number").textContent = number
    el("order-form").hidden = True
    el("order-confirmation").hidden = False


def new_order(event=None):
    el("order-form").hidden = False
    el("order-confirmation").hidden = True


# ------------------------------------------------------------------ help page: open after a while


def auto_open():
    stop_auto_open()
    state["auto_done"] = True
    el("auto-open-text").textContent = (
        "An expert joined you in the chat after %s s on this page." % fmt_seconds(AUTO_OPEN_S)
    )
    if Chat.error is None and not Chat.is_open:
        log("page", "%s s on the help page: opening the chat" % fmt_seconds(AUTO_OPEN_S))
        command("Chat.open()", Chat.open, fallback=False)


def auto_open_tick():
    if state["auto_timer"] is None:  # in a worker, a tick already on its way when stopped
        return
    left = (state["auto_deadline"] - window.performance.now()) / 1000
    el("auto-open-count").textContent = "%d s" % max(0, int(left + 0.999))


_auto_open = js_function(auto_open)
_auto_open_tick = js_function(auto_open_tick)


def start_auto_open():
    """The vendor's help-page scenario: open the chat after AUTO_OPEN_S seconds there."""
    if state["auto_done"] or state["auto_timer"] is not None:
        return
    state["auto_deadline"] = window.performance.now() + AUTO_OPEN_S * 1000
    state["auto_timer"] = timers.setTimeout(_auto_open, AUTO_OPEN_S * 1000)
    state["auto_ticker"] = timers.setInterval(_auto_open_tick, 250)
    auto_open_tick()
    log("page", "help page: the chat opens in %s s" % fmt_seconds(AUTO_OPEN_S))


def stop_auto_open():
    if state["auto_timer"] is not None:
        timers.clearTimeout(state["auto_timer"])
        timers.clearInterval(state["auto_ticker"])
        state["auto_timer"] = None
        state["auto_ticker"] = None


VIEWS = ("shop", "help", "checkout")


def show_view(event=None):
    name = str(window.location.hash)[1:]
    if name not in VIEWS:
        name = "shop"
    for view in VIEWS:
        el("view-" + view).hidden = view != name
        # The shop's navigation links: the current view is the current "page".
        if view == name:
            el("tab-" + view).setAttribute("aria-current", "page")
        else:
            el("tab-" + view).removeAttribute("aria-current")
    if name == "help":
        start_auto_open()
    else:
        stop_auto_open()


# ------------------------------------------------------------------ simulation (mock SDK only)


def mock():
    return window.__twt_mock__


def simulate_message(event=None):
    line = AGENT_LINES[state["agent_line"] % len(AGENT_LINES)]
    state["agent_line"] += 1
    log("sim", "an agent writes: " + line)
    mock().agentMessage(line)


def simulate_burst(event=None):
    log("sim", "5 agent messages")
    mock().agentMessages(5)


def simulate_flood(event=None):
    log("sim", "120 agent messages")
    mock().agentMessages(120)


def simulate_finish(event=None):
    log("sim", "the SDK finishes loading now")
    mock().setBootDelay(0)


def simulate_failure(event=None):
    log("sim", "the chat service goes down")
    mock().fail("the chat service stopped answering (simulated outage)")


# ------------------------------------------------------------------ sign in, runtime report


async def sign_in():
    """The vendor's login scenario, with the identity signed on the server (`/api/identity`):
    the page never sees the AppSecret."""
    try:
        response = await window.fetch("/api/identity")
        if not response.ok:
            raise ValueError("HTTP %s" % response.status)
        data = await response.json()
        identity = {}
        for key in window.Object.keys(data):
            identity[str(key)] = str(getattr(data, key))
    except Exception as exc:  # offline, or a static copy of the demo with no server
        log("page", "no signed identity (%s): the visitor stays anonymous" % exc)
        set_fact("st-visitor", "anonymous")
        return
    name = identity.get("name", identity["sbs"])
    log("login", "signed identity for %s from the server (sbs_mm %s…)" % (identity["sbs"], identity["sbs_mm"][:8]))
    if command("Chat.login(%s)" % identity["sbs"], lambda: Chat.login(identity), fallback=False):
        set_fact("st-visitor", "%s (%s)" % (name, identity["sbs"]), "good")


def report_runtime():
    """What this runtime cost to load: the demo index compares the three."""
    resources = window.performance.getEntriesByType("resource")
    size = 0
    for entry in resources:
        size += int(entry.encodedBodySize or 0)
    label = RUNTIME_LABELS[runtime.name] + (", in a worker" if runtime.worker else "")
    el("runtime-name").textContent = "%s %s" % (label, runtime.version)
    el("runtime-python").textContent = "(Python %s)" % runtime.python
    el("runtime-boot").textContent = "after %.2f s" % (STARTED_MS / 1000)
    el("runtime-bytes").textContent = "%.1f MB in %d requests" % (size / 1000000, resources.length + 1)
    el("sdk-source").textContent = "real SDK" if REAL_SDK else "mock SDK"


# ------------------------------------------------------------------ wiring

on("contact-btn", "click", contact_us)
on("safe-open", "click", open_safely)
on("toggle-chat", "click", toggle_chat)
on("hero-ask", "click", open_safely)
for button in document.querySelectorAll("#languages [data-lang]"):
    button.addEventListener("click", js_function(language_button(str(button.getAttribute("data-lang")))))
on("cookie-accept", "click", close_cookie_banner)
on("cookie-decline", "click", close_cookie_banner)
on("fullscreen", "click", toggle_fullscreen)
on("order-form", "submit", submit_order)
if runtime.worker:
    # A worker's handler runs after the event is over: too late for preventDefault(). A line
    # of the page's own JavaScript stops the form's navigation on the main thread.
    window.Function("f", "f.addEventListener('submit', function (e) { e.preventDefault(); });")(
        el("order-form")
    )
on("new-order", "click", new_order)
on("sim-message", "click", simulate_message)
on("sim-burst", "click", simulate_burst)
on("sim-flood", "click", simulate_flood)
on("sim-finish", "click", simulate_finish)
on("sim-fail", "click", simulate_failure)
on("sim-cookies", "click", show_cookie_banner)
document.addEventListener("fullscreenchange", js_function(fullscreen_changed))
window.addEventListener("hashchange", js_function(show_view))

report_runtime()
show_view()
show_cookie_banner()
refresh_status()


async def main():
    """Sign the visitor in, then wait for the SDK; no SDK in time means the fallback contact."""
    await sign_in()
    if LOAD != "eager":
        # Nothing loads until the visitor shows intent (or the page is idle): no time limit on
        # the wait; install()'s own timeout starts when the SDK is requested.
        log("python", "load=%s: the chat loads when the visitor wants it" % LOAD)
    try:
        info = await Chat.ready(timeout=READY_TIMEOUT_S if LOAD == "eager" else None)
    except ChatTimeoutError:
        log("timeout", "no chat after %s s: showing the fallback contact" % fmt_seconds(READY_TIMEOUT_S))
        show_fallback("the chat did not load within %s s" % fmt_seconds(READY_TIMEOUT_S))
        refresh_status()
        return
    except ChatError:
        return  # chat_failed has shown the fallback contact
    log("python", "await Chat.ready() returned: version %s" % info.version)


# PyScript pages run `await main()` at the top level of their <script type="py">. Brython has
# no top-level await: its page loads this file as a script, and it starts main() here.
if runtime.name == "brython":
    aio.run(main())
