# One cell of the loading matrix: {install(), snippet + shim, snippet} x {SDK ready before
# Python binds, after}. The page's head (?head=...) loads the SDK; ?mode=before|after.
search = str(window.location.search)
mode = "before" if "mode=before" in search else "after"
how = "install" if "head=install" in search else "snippet"


def subscribe_and_command(Chat):
    Chat.on_ready(lambda info: log("ready", info.version))
    Chat.on_error(lambda err: log("error", type(err).__name__, err.message))
    Chat.on_unread(lambda n: log("unread", n))
    Chat.on_visibility(lambda c: log("visibility", c.visibility, c.is_open))
    Chat.set_language("de")
    Chat.set_position(right=10, bottom=90)
    Chat.hide_badge()


async def main():
    if mode == "before" and how != "install":
        await window.__twt_settled  # the SDK is ready, with 2 unread, before twt_py binds
    import twt_py
    from twt_py import Chat

    # `install` is loaded on first use (the package's __getattr__): both spellings reach it
    result("install_loaded_at_import", hasattr(twt_py, "_install"))
    from twt_py import install

    result("install_is_one", install is twt_py.install)

    result("ready_at_bind", Chat.is_ready)
    if how == "install":
        if mode == "before":
            twt_py.install("test-app", src="/static/twt-mock-sdk.js?delay=0&unread=2")
            await Chat.ready(timeout=10)
            subscribe_and_command(Chat)
        else:
            subscribe_and_command(Chat)
            twt_py.install("test-app", src="/static/twt-mock-sdk.js?delay=400&unread=2")
    else:
        subscribe_and_command(Chat)

    @on_command
    def command(cmd):
        if cmd == "state":
            log("state", Chat.is_ready, Chat.version, Chat.unread, Chat.visibility, Chat.error)

    done()


spawn(main())
