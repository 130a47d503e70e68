# Each way loading can fail (?case=404|abort|external|sdk-error|never) yields its typed error
# once. "external": a script on another host, which the test's guard refuses (engine tests).
import twt_py
from twt_py import Chat, ChatError

case = str(window.location.search).split("case=")[1].split("&")[0]
SRC = {
    "404": "/static/no-such-sdk.js",
    "abort": "/blocked/core.js",
    "external": "https://cdn.example.com/core.js",
    "sdk-error": "/static/twt-mock-sdk.js?fail=license%20expired",
    "never": "/static/twt-mock-sdk.js?ready=never",
}[case]
TIMEOUT = 1.0

errors = []


@Chat.on_error
def failed(err):
    errors.append(err)
    log("error", type(err).__name__, len(errors), isinstance(err, ChatError))
    result("error_at", window.performance.now())


Chat.open()
Chat.set_language("ko")
result("installed_at", window.performance.now())
twt_py.install("test-app", src=SRC, timeout=TIMEOUT)


async def main():
    try:
        await Chat.ready(timeout=30)
    except ChatError as exc:
        log("raised", type(exc).__name__, exc is Chat.error)
        result("message", str(exc))
        result("pending", ", ".join(exc.pending))
    late = []
    Chat.on_error(lambda err: late.append(err))
    log("late", len(late), late[0] is Chat.error)
    try:
        Chat.open()
    except ChatError as exc:
        log("after-failure", type(exc).__name__)
    done()


spawn(main())
