# A faulty SDK (tests/browser/test_sdk_faults.py): every command the test sends is logged as
# raised or not, then "alive <cmd>": the page's Python is still running after each.
from twt_py import Chat, ChatError

Chat.on_ready(lambda info: log("ready", info.version))
Chat.on_error(lambda err: log("error", type(err).__name__, err.message))
Chat.on_unread(lambda n: log("unread", n))
Chat.on_visibility(lambda c: log("visibility", c.visibility, c.is_open))

# Made before ready: applied in this order at ready.
Chat.set_language("ja")
Chat.open()
Chat.set_position(right=30, bottom=90)


@on_command
def command(cmd):
    try:
        if cmd == "open":
            Chat.open()
        elif cmd == "close":
            Chat.close()
        elif cmd == "toggle":
            Chat.toggle()
        elif cmd == "hide":
            Chat.hide_badge()
        elif cmd == "state":
            log("state", Chat.is_ready, Chat.is_open, Chat.unread, Chat.visibility, Chat.error)
    except ChatError as exc:
        log("raised", cmd, type(exc).__name__, str(exc))
    log("alive", cmd)


done()
