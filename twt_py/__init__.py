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

from ._errors import ChatError, ChatLoadError, ChatSDKError, ChatTimeoutError, ChatWorkerError
from ._runtime import RuntimeInfo, runtime
from ._types import Customer, Language, Position, ReadyInfo, Visibility, VisibilityChange
from ._widget import ChatWidget, Subscription

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
    # `install` and `PRODUCTION_SRC` load `_install` on first use: a page that puts the SDK
    # on itself never pays for it at start-up.
    # (`from ._install import ...`: MicroPython's `from . import _install` would ask this
    # function for `_install` rather than import it)
    if name == "install" or name == "PRODUCTION_SRC":
        from ._install import PRODUCTION_SRC, install

        return install if name == "install" else PRODUCTION_SRC
    raise AttributeError("module 'twt_py' has no attribute %r" % (name,))


#: The page's widget. In a browser it binds at import, so no event after this line is missed.
Chat = ChatWidget()
if runtime.in_browser:
    try:
        Chat._bind()
    except ChatWorkerError:  # raised again, at once, by the first use of Chat
        pass
