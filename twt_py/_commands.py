"""The command path: argument checks (`CHECKS`, named by `_contract.COMMANDS`), the commands
made before ready (kept in order, applied at ready), and what the lazy shim is told of them.

Every call into the SDK goes through `host.attempt`: a method that throws is a `ChatSDKError`
here, on every runtime (on MicroPython a JS exception would otherwise end the page's whole
Python program).
"""

from ._contract import EARLY
from ._errors import ChatError, ChatSDKError, JSError
from ._state import report
from ._types import Language, Position, _describe, as_customer

# ------------------------------------------------------------------ argument checks
# Each takes the public method's arguments and returns (the arguments as the error messages
# show them, the vendor method's arguments); a bad value raises ValueError or TypeError.


def _no_arguments():
    return "", ()


def _position(position=None, *, right=None, bottom=None):
    if position is None:
        position = Position(right, bottom)
    elif not isinstance(position, Position):
        raise TypeError(
            "set_position takes a Position or right=/bottom= lengths, got %s" % _describe(position)
        )
    elif right is not None or bottom is not None:
        raise TypeError("set_position takes a Position or right=/bottom=, not both")
    data = position.to_dict()
    shown = ", ".join("%s=%r" % (k, data[k]) for k in ("right", "bottom") if k in data)
    return shown, (data,)


def _language(language):
    code = Language.normalize(language)
    return repr(code), (code,)


def _customer(customer):
    customer = as_customer(customer, "login")
    return "sbs=%r" % customer.sbs, tuple(customer.login_args())


CHECKS = {
    "none": _no_arguments,
    "position": _position,
    "language": _language,
    "customer": _customer,
}


def ask(host, api, method, fallback):
    """A question for the SDK (isReady, isOpen, getError): if it throws, the answer is
    `fallback`, with a warning; twt_py and the page's Python carry on."""
    try:
        return host.attempt(api, method)
    except JSError as exc:
        host.console(
            "warn", "twt_py: the chat SDK's %s() threw %s; taken as %r" % (method, exc, fallback)
        )
        return fallback


class Commands:
    """The commands of one widget: run at once when the SDK is ready, else kept in order."""

    __slots__ = ("host", "pending")

    def __init__(self, host):
        self.host = host
        self.pending = []  # (label, vendor method, arguments)

    def run(self, api, label, method, args, is_open):
        if method == "toggle":  # decided when it runs, from the SDK's own state
            method = "close" if ask(self.host, api, "isOpen", is_open) else "open"
        try:
            self.host.attempt(api, method, *args)
        except JSError as exc:
            raise ChatSDKError(
                "Chat.%s failed: the chat SDK's %s() threw %s" % (label, method, exc)
            ) from None

    def hold(self, label, method, args, shim):
        self.pending.append((label, method, args))
        if shim is not None:
            self._tell_shim(method, args)

    def _tell_shim(self, method, args):
        # With install(load="idle"|"interaction") twt-early.js holds the SDK back: open() and
        # toggle() request it, and the placeholder launcher follows position/language/hiding.
        h = self.host
        early = h.get(h.window, EARLY)
        lazy = h.get(early, "lazy") if early is not None else None
        if lazy is not None and h.get(lazy, "mode") != "eager":
            h.call(lazy, "command", method, h.js(list(args)))

    def drain(self, api, is_open):
        """Apply the kept commands in order (at ready); each failure is reported, not raised."""
        pending, self.pending = self.pending, []
        for label, method, args in pending:
            try:
                if api is None:
                    raise ChatError("window.__twt__api is missing although the SDK said ready")
                self.run(api, label, method, args, is_open)
            except Exception as exc:
                report(self.host, "%s (made before ready)" % label, exc)

    def drop(self):
        """The labels of the kept commands, which are forgotten (the SDK failed)."""
        labels = [entry[0] for entry in self.pending]
        self.pending = []
        return labels
