# 10,000 subscribe/cancel cycles and 1,000 dispose/re-bind cycles leave nothing behind.
from twt_py import Chat
from twt_py._ffi import host

CYCLES = 10_000
REBINDS = 1_000
seen = []


def cb(n):
    seen.append(n)


async def main():
    await Chat.ready(timeout=10)
    Chat.on_unread(cb)  # one lasting subscriber: the widget keeps working throughout
    result("live_before", host.live)
    done()


@on_command
def command(cmd):
    if cmd == "cycle":
        for _ in range(CYCLES):
            Chat.on_unread(cb).cancel()
            Chat.on_visibility(cb).cancel()
        for _ in range(REBINDS):
            Chat.dispose()
            Chat.on_unread(cb)
        result("live_after", host.live)
        result("seen", len(seen))
        log("cycled")


spawn(main())
