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
from ._install import PRODUCTION_SRC, install
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

#: The page's widget. In a browser it binds at import, so no event after this line is missed.
Chat = ChatWidget()
if runtime.in_browser:
    try:
        Chat._bind()
    except ChatWorkerError:  # raised again, at once, by the first use of Chat
        pass
