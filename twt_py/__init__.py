"""twt-py: the TWT Chat customer-service widget, controlled from Python in the browser.

```python
from twt_py import Chat

@Chat.on_unread
def badge(count):
    print("unread:", count)

Chat.set_language("ja")     # applied when the SDK is ready
info = await Chat.ready(timeout=10)
```

Runs unchanged on PyScript + Pyodide, PyScript + MicroPython and Brython, and in PyScript
workers on a cross-origin isolated page (elsewhere a worker gets `ChatWorkerError`).
"""

from ._events import ReadyInfo, Subscription, Visibility, VisibilityChange
from ._ffi import RuntimeInfo, runtime
from ._widget import ChatWidget

__version__ = "0.1.0"

__all__ = [
    "PRODUCTION_SRC",
    "Chat",
    "ChatError",
    "ChatLoadError",
    "ChatSDKError",
    "ChatTimeoutError",
    "ChatWidget",
    "ChatWorkerError",
    "Customer",
    "Language",
    "Position",
    "ReadyInfo",
    "RuntimeInfo",
    "Subscription",
    "Visibility",
    "VisibilityChange",
    "__version__",
    "install",
    "runtime",
]


def __getattr__(name):
    # What a page may never touch loads on first use, not at start-up: `install` and
    # `PRODUCTION_SRC` (`_install`: a page that puts the SDK on itself never needs it), the
    # values a page passes in (`_types`: a page that only listens never needs them) and the
    # errors (`_errors`: made only when something fails, or a page names one).
    # (`from ._install import ...`: MicroPython's `from . import _install` would ask this
    # function for `_install` rather than import it)
    if name == "install" or name == "PRODUCTION_SRC":
        from ._install import PRODUCTION_SRC, install

        return install if name == "install" else PRODUCTION_SRC
    if name == "Customer" or name == "Language" or name == "Position":
        from ._types import Customer, Language, Position

        return Customer if name == "Customer" else Language if name == "Language" else Position
    if name[:4] == "Chat" and name != "ChatWidget":
        from ._errors import (
            ChatError,
            ChatLoadError,
            ChatSDKError,
            ChatTimeoutError,
            ChatWorkerError,
        )

        errors = (ChatError, ChatLoadError, ChatSDKError, ChatTimeoutError, ChatWorkerError)
        for error in errors:
            if error.__name__ == name:
                return error
    raise AttributeError("module 'twt_py' has no attribute %r" % (name,))


#: The page's widget. In a browser it binds at import, so no event after this line is missed.
Chat = ChatWidget()
if runtime.worker:
    from ._errors import ChatWorkerError

    try:
        Chat._bind()
    except ChatWorkerError:  # raised again, at once, by the first use of Chat
        pass
elif runtime.in_browser:
    Chat._bind()
