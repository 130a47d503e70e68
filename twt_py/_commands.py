"""The command path: argument checks (`CHECKS`, named by `_contract.COMMANDS`), the commands
made before ready (kept in order, applied at ready), and what the lazy shim is told of them.
The facade imports this module on the first command, not at start-up.

Every call into the SDK goes through `host.send`: a method that throws is a `ChatSDKError`
here, on every runtime (on MicroPython a JS exception would otherwise end the page's whole
Python program).
"""

from ._contract import API, COMMANDS, EARLY
from ._errors import ChatSDKError, report
from ._ffi import JSError, ask
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


# Each command's contract entry by its public name: (vendor method, argument check, shim).
# Built here, on the first command, not with the facade: a page that only listens never
# pays for it.
ENTRIES = {}
for _entry in COMMANDS:
    ENTRIES[_entry[0]] = _entry[1:]
del _entry


NO_API = "window.__twt__api is missing although the SDK said ready"


class Commands:
    """The commands of one widget: run at once when the SDK is ready, else kept in order."""

    ENTRIES = ENTRIES

    __slots__ = ("pending", "widget")

    def __init__(self, widget):
        self.widget = widget  # its `_host` (set when it binds) is the one to call through
        self.pending = []  # (public name, arguments as shown, vendor method, its arguments)

    def command(self, name, args, kwargs):
        """The public command `name` (`Chat.<name>(*args, **kwargs)`): checked, then run on
        the SDK if it is ready, else kept for the ready signal."""
        method, check, shim = ENTRIES[name]
        # "none" is never called: Python has already refused arguments to a method without any.
        shown, vendor_args = ("", ()) if check == "none" else CHECKS[check](*args, **kwargs)
        channels = self.widget._channels
        error = channels["error"].value
        if error is not None:
            raise type(error)(
                "%s(%s) cannot run: the chat SDK failed (%s)" % (name, shown, error.message)
            )
        # No label is formatted unless a message needs one: this is every command's path.
        if channels["ready"].value is None:
            self.hold(name, shown, method, vendor_args, shim)
        elif not self.run(name, shown, method, vendor_args):
            raise ChatSDKError("Chat.%s(%s) cannot run: %s" % (name, shown, NO_API))

    def run(self, name, shown, method, args):
        """`method(*args)` on the api, looked up now; False (nothing run) if it is missing."""
        host = self.widget._host
        if method == "toggle":  # decided when it runs, from the SDK's own state
            api = host.get(host.window, API)
            if api is None:
                return False
            method = "close" if ask(host, api, "isOpen", self.widget._is_open()) else "open"
        try:
            return host.send(host.window, API, method, *args)
        except JSError as exc:
            raise ChatSDKError(
                "Chat.%s(%s) failed: the chat SDK's %s() threw %s" % (name, shown, method, exc)
            ) from None

    def hold(self, name, shown, method, args, shim):
        self.pending.append((name, shown, method, args))
        if shim is not None:
            self._tell_shim(method, args)

    def _tell_shim(self, method, args):
        # With install(load="idle"|"interaction") twt-early.js holds the SDK back: open() and
        # toggle() request it, and the placeholder launcher follows position/language/hiding.
        h = self.widget._host
        early = h.get(h.window, EARLY)
        lazy = h.get(early, "lazy") if early is not None else None
        if lazy is not None and h.get(lazy, "mode") != "eager":
            h.call(lazy, "command", method, h.js(list(args)))

    def drain(self):
        """Apply the kept commands in order (at ready); each failure is reported, not raised."""
        pending, self.pending = self.pending, []
        for name, shown, method, args in pending:
            try:
                if not self.run(name, shown, method, args):
                    raise ChatSDKError(NO_API)
            except Exception as exc:
                report(self.widget._host, "%s(%s) (made before ready)" % (name, shown), exc)

    def drop(self):
        """The labels of the kept commands, which are forgotten (the SDK failed)."""
        labels = ["%s(%s)" % (entry[0], entry[1]) for entry in self.pending]
        self.pending = []
        return labels
