"""Paper & Pine's chat behaviour, in Python. The same file runs on PyScript (Pyodide or
MicroPython) and on Brython; the page loads the TWT Chat SDK with the vendor's own snippet.

- "Contact us" opens the chat (queued by twt_py if the SDK is still loading);
- the header's badge shows unread agent messages;
- the language picker switches the widget's language;
- if the chat cannot load (an ad blocker, an outage), the page says so and offers email.
"""

from twt_py import Chat

try:  # Brython
    from browser import document

    def proxy(fn):
        return fn

except ImportError:  # PyScript, on Pyodide or MicroPython
    from pyscript import document
    from pyscript.ffi import create_proxy as proxy


def element(element_id):
    return document.getElementById(element_id)


contact = element("contact")
badge = element("unread")
status = element("chat-status")


def contact_us(event):
    Chat.open()


def pick_language(event):
    Chat.set_language(event.target.value)


@Chat.on_ready
def online(info):
    status.textContent = "Chat online"


@Chat.on_unread
def show_unread(count):
    badge.textContent = "99+" if count > 99 else str(count)
    badge.hidden = count == 0


@Chat.on_visibility
def follow_window(change):
    contact.setAttribute("aria-expanded", "true" if change.is_open else "false")


@Chat.on_error
def offline(error):
    status.textContent = "Chat offline"
    element("fallback-reason").textContent = error.message
    element("chat-fallback").hidden = False
    contact.hidden = True
    badge.hidden = True
    element("language").disabled = True


contact.addEventListener("click", proxy(contact_us))
element("language").addEventListener("change", proxy(pick_language))
document.body.setAttribute("data-app", "ready")  # the page's Python is running
