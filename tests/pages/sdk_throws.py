# An SDK script that throws while it runs (served by the test): noticed at once, as a
# ChatSDKError, by install() (?head= none) or by twt-early.js (?head=shim); one that throws
# after it said ready stays ready.
import twt_py
from twt_py import Chat, ChatError

errors = []


def failed(err):
    errors.append(err)
    log("error", type(err).__name__, len(errors), err.message)
    result("error_at", window.performance.now())


Chat.on_error(failed)
if "head=shim" not in str(window.location.search):
    result("installed_at", window.performance.now())
    twt_py.install("test-app", src="/broken/install/core.js", timeout=5)


async def main():
    try:
        info = await Chat.ready(timeout=30)
        log("ready", info.version)
    except ChatError as exc:
        log("raised", type(exc).__name__, exc is Chat.error)
    done()


spawn(main())
