"""The exceptions twt_py raises or delivers: one root, `ChatError`, and a subclass per failure.

Bad arguments are not `ChatError`s: they raise the built-in `ValueError` (a value outside what
is valid, e.g. an unknown language) or `TypeError` (a value of the wrong type), at the call,
with a message naming the bad value and what would be valid.

```python
from twt_py import Chat, ChatError, ChatTimeoutError
try:
    await Chat.ready(timeout=5)
except ChatTimeoutError:
    print("the chat is slow today")
except ChatError as err:
    print("no chat:", err.message)
```
"""


def describe(value):
    """`value` as an error message shows a bad argument: its repr and its type."""
    return "%r (%s)" % (value, type(value).__name__)


class ChatError(Exception):
    """The widget failed: the root of every error twt_py delivers."""

    def __init__(self, message, pending=()):
        self.message = message
        self.pending = tuple(pending)
        if self.pending:
            message = "%s; %d command(s) made before ready were not applied: %s" % (
                message,
                len(self.pending),
                ", ".join(self.pending),
            )
        super().__init__(message)

    def __str__(self):
        return self.args[0] if self.args else self.message


class ChatLoadError(ChatError):
    """The SDK script could not be loaded (HTTP error, network failure, blocked by the browser)."""


class ChatSDKError(ChatError):
    """The SDK's code failed: it reported an error, or threw (in its script or in a call)."""


class ChatTimeoutError(ChatError):
    """The SDK did not become ready within the time allowed."""


class ChatWorkerError(ChatError):
    """twt_py runs in a PyScript worker that cannot reach the page (not cross-origin isolated)."""


def report(host, what, exc):
    """`what` raised `exc`: a console error with its traceback, and the page carries on."""
    host.console(
        "error",
        "twt_py: %s raised %s: %s\n%s" % (what, type(exc).__name__, exc, host.format_exception(exc)),
    )

