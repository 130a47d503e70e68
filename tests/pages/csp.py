# install() under a Content-Security-Policy: the SDK comes from another origin (localhost vs
# 127.0.0.1), so only the nonce lets it run.
import twt_py
from twt_py import Chat

use_nonce = "nonce=no" not in str(window.location.search)
src = "http://localhost:%s/static/twt-mock-sdk.js?delay=0" % window.location.port
twt_py.install("test-app", src=src, nonce="twt-test-nonce" if use_nonce else None, timeout=3)


async def main():
    try:
        info = await Chat.ready(timeout=10)
        log("ready", info.version)
    except twt_py.ChatError as exc:
        log("failed", type(exc).__name__)
    done()


spawn(main())
