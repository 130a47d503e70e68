# await Chat.ready(timeout) that times out, then one that is woken by ready: the timers are
# released exactly once either way (host.live comes back), and nothing errors.
from twt_py import Chat, ChatTimeoutError
from twt_py._ffi import host


async def main():
    before = host.live
    try:
        await Chat.ready(timeout=0.2)
        log("no-timeout")
    except ChatTimeoutError as exc:
        log("timeout", "0.2 s" in str(exc))
    log("live-after-timeout", host.live - before)
    window.__twt_mock__.boot()
    info = await Chat.ready(timeout=30)
    log("ready", info.version, host.live - before)
    done()


spawn(main())
