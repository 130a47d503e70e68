# The worker imports twt_py seconds after the SDK said everything (ready, unread, visibility):
# with twt-early.js on the page, Chat sees what an early Python would have.


async def main():
    await window.__twt_settled
    import twt_py
    from twt_py import Chat

    result("worker", twt_py.runtime.worker)
    result("late_by_ms", window.performance.now() - window.__twt_settled_at)
    log("state", Chat.is_ready, Chat.version, Chat.unread, Chat.visibility, Chat.is_open)
    Chat.on_ready(lambda info: log("ready", info.version))
    Chat.on_unread(lambda n: log("unread", n))
    Chat.on_visibility(lambda c: log("visibility", c.visibility, c.is_open))
    info = await Chat.ready(timeout=5)
    log("awaited", info.version)
    done()


spawn(main())
