# The vendor snippet's script 404s; the shim reports it; twt_py sees a ChatLoadError whether it
# bound before the failure (mode=after) or after it (mode=before).
before = "mode=before" in str(window.location.search)


async def main():
    if before:
        await window.__twt_settled
    from twt_py import Chat, ChatError

    Chat.on_error(lambda err: log("error", type(err).__name__))
    try:
        await Chat.ready(timeout=20)
    except ChatError as exc:
        log("raised", type(exc).__name__, "/install/core.js" in exc.message)
    done()


if not before:
    import twt_py  # binds Chat now, before the test lets the script fail

    log("bound", twt_py.Chat.error is None)
spawn(main())
