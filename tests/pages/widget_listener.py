# The listener twt_py hands TWTChatWidget.on (tests/browser/test_sdk_faults.py): taken off with
# the SDK's `off` at dispose, kept (and silent) when `off` throws, and reported when `on` throws.
from twt_py import Chat

Chat.on_visibility(lambda c: log("visibility", c.visibility, c.is_open))


@on_command
def command(cmd):
    if cmd == "dispose":
        Chat.dispose()
    elif cmd == "rebind":
        Chat.on_visibility(lambda c: log("again", c.visibility, c.is_open))
    log("alive", cmd)


done()
