# install(load=...): the SDK is requested only on intent (or when idle). Query parameters:
# load=<mode> (else the shim's data-load), lang/theme/launcher, delay=<mock boot ms>,
# weight=<KB> and fail=<message> (the mock's options), customer=1 (a signed-looking customer), hold=1 (Python waits for window.__twt_release()
# before importing twt_py: a late-booting Python), install=0 (the page's marked vendor snippet
# loads the SDK; Python only listens).
params = {}
for pair in str(window.location.search).lstrip("?").split("&"):
    if "=" in pair:
        k, v = pair.split("=", 1)
        params[k] = v


async def main():
    if params.get("hold") == "1":
        await window.__twt_hold
    import twt_py
    from twt_py import Chat

    Chat.on_ready(lambda info: log("ready", info.version))
    Chat.on_error(lambda err: log("error", type(err).__name__, err.message))
    Chat.on_visibility(lambda c: log("visibility", c.visibility, c.is_open))
    if params.get("install") != "0":
        kwargs = {}
        for key in ("load", "lang", "theme", "launcher"):
            if key in params:
                kwargs[key] = params[key]
        if params.get("customer") == "1":
            kwargs["customer"] = {"sbs": "1001", "sbs_mm": "0" * 32, "ranstr": "r" * 16, "name": "Ada"}
        src = "/static/twt-mock-sdk.js?delay=%s" % params.get("delay", "300")
        if "fail" in params:
            src += "&fail=" + params["fail"]
        if "weight" in params:
            src += "&weight=" + params["weight"]
        twt_py.install("test-app", src=src, **kwargs)

    @on_command
    def command(cmd):
        if cmd == "open":
            Chat.open()
        elif cmd == "toggle":
            Chat.toggle()
        elif cmd == "position":
            Chat.set_position(right=44, bottom=120)

    result("python", True)
    done()


spawn(main())
