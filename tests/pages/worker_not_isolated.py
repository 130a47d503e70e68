# twt_py in a PyScript worker on a page that is NOT cross-origin isolated: importing works,
# the first use of Chat raises ChatWorkerError at once, and so does every later use.
import js

t0 = js.performance.now()
import twt_py  # noqa: E402  (timed from t0)
from twt_py import Chat, ChatError, ChatWorkerError  # noqa: E402

log("imported", twt_py.runtime.worker)


def first_use():
    Chat.on_unread(lambda n: None)


def elapsed():
    return "%d" % (js.performance.now() - t0)


try:
    first_use()
    log("first-use ok")
except ChatWorkerError as exc:
    log("first-use", type(exc).__name__, isinstance(exc, ChatError), elapsed(), "|", exc)


async def main():
    try:
        await Chat.ready(timeout=20)
        log("ready ok")
    except ChatError as exc:
        log("ready", type(exc).__name__, elapsed())
    try:
        Chat.open()
        log("open ok")
    except ChatError as exc:
        log("open", type(exc).__name__, elapsed())
    done()


spawn(main())
