# Values from the SDK, as they reach Python (tests/browser/test_sdk_faults.py): the test
# dispatches the SDK's events itself; there is no SDK on the page.
from twt_py import Chat

Chat.on_ready(lambda info: log("ready", repr(info.version), repr(info.timestamp)))
Chat.on_unread(lambda n: log("unread", repr(n)))
Chat.on_visibility(lambda c: log("visibility", c.visibility, c.is_open))


@on_command
def command(cmd):
    log("state", repr(Chat.unread), Chat.visibility, repr(Chat.version))


done()
