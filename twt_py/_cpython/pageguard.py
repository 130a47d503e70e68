"""The test server's engine-neutral page guard (with `create_app(tests=True)`, opt-in per
browser by a cookie).

Playwright can intercept every request and read the console; WebDriver back ends (Firefox
over geckodriver, WebKitGTK over WebKitWebDriver) cannot. So for a browser that carries the
cookie `twt_guard=1` (set by visiting `/_t/_guard/on`) the server itself guards the page:

- every response gets a Content-Security-Policy that allows only this machine
  (`http://127.0.0.1:*`, `http://localhost:*`, `blob:`, `data:`), with the inline scripts,
  `eval` and WebAssembly the runtimes need, and a `report-uri` here: a request to any other
  host is refused by the browser itself and reported;
- every HTML page gets, first in its `<head>`, a script that records uncaught errors,
  unhandled rejections, CSP violations and `console.error` calls into
  `window.__twt_guard__.problems`;
- every response with status 400 or more, and every CSP report, is logged; `/_t/_guard/log`
  returns the log (`?since=N`: the entries from the N-th on).

Browsers without the cookie (the Chromium suite, whose pages set their own CSP) see the
server unchanged.
"""

import json

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

COOKIE = "twt_guard"

POLICY = (
    "default-src 'self' http://127.0.0.1:* http://localhost:* blob: data: "
    "'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval'; report-uri /_t/_guard/report"
)

# Plain ES5 so that it runs before anything else on every engine; `console.error` arguments
# are written out as the console would (an Error as its stack).
SCRIPT = """<script>(function () {
  if (window.__twt_guard__) return;
  var g = window.__twt_guard__ = {problems: []};
  function add(text) { g.problems.push(String(text).slice(0, 2000)); }
  function show(a) {
    if (a && a.stack) return String(a.stack).indexOf(String(a.message)) >= 0 ? a.stack : a + "\\n" + a.stack;
    if (a !== null && typeof a === "object") { try { return JSON.stringify(a); } catch (e) { return String(a); } }
    return String(a);
  }
  addEventListener("error", function (e) {
    if (e.target === window || e.target === undefined)
      add("uncaught: " + show(e.error || e.message) + " [at " + e.filename + ":" + e.lineno + "]");
  });
  addEventListener("unhandledrejection", function (e) { add("unhandled rejection: " + show(e.reason)); });
  addEventListener("securitypolicyviolation", function (e) {
    add("blocked by CSP: " + e.blockedURI + " (" + e.violatedDirective + ") [at " + e.sourceFile + "]");
  });
  var original = console.error;
  console.error = function () {
    try { add(Array.prototype.map.call(arguments, show).join(" ")); } catch (e) {}
    return original.apply(this, arguments);
  };
})();</script>"""

_ON_PAGE = "<!doctype html><title>twt-py guard on</title><script>localStorage.clear();sessionStorage.clear()</script>"


class GuardLog:
    """What the server saw of guarded browsers: HTTP errors and CSP reports, in order."""

    def __init__(self) -> None:
        self.entries: "list[str]" = []

    def routes(self) -> "list[Route]":
        """`/_t/_guard/on` (sets the cookie, clears storage), `/report`, `/log`."""
        return [
            Route("/_t/_guard/on", self._on),
            Route("/_t/_guard/report", self._report, methods=["POST"]),
            Route("/_t/_guard/log", self._log),
        ]

    async def _on(self, request: Request) -> Response:
        response = HTMLResponse(_ON_PAGE, headers={"Cache-Control": "no-store"})
        response.set_cookie(COOKIE, "1", path="/", samesite="lax")
        return response

    async def _report(self, request: Request) -> Response:
        body = await request.body()
        try:
            report = json.loads(body or b"{}").get("csp-report", {})
        except ValueError:
            report = {"raw": body[:500].decode("latin-1")}
        self.entries.append(
            "blocked by CSP: %s (%s) on %s"
            % (report.get("blocked-uri"), report.get("violated-directive"), report.get("document-uri"))
        )
        return Response(status_code=204)

    async def _log(self, request: Request) -> Response:
        since = int(request.query_params.get("since", "0"))
        return JSONResponse(
            {"next": len(self.entries), "entries": self.entries[since:]},
            headers={"Cache-Control": "no-store"},
        )


class PageGuardMiddleware:
    """ASGI middleware: CSP on every response, the guard script in every HTML page, and the
    log of HTTP errors, for requests that carry the guard cookie."""

    def __init__(self, app, log: GuardLog) -> None:  # type: ignore[no-untyped-def]
        self.app = app
        self.log = log

    async def __call__(self, scope, receive, send):  # type: ignore[no-untyped-def]
        if scope["type"] != "http" or not _guarded(scope) or scope["path"].startswith("/_t/_guard/"):
            await self.app(scope, receive, send)
            return
        start: "dict[str, object]" = {}
        body: "list[bytes]" = []

        async def guarded_send(message):  # type: ignore[no-untyped-def]
            if message["type"] == "http.response.start":
                status = message["status"]
                if status >= 400:
                    self.log.entries.append("HTTP %d for %s" % (status, scope["path"]))
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"content-security-policy"]
                headers.append((b"content-security-policy", POLICY.encode()))
                start.update(message, headers=headers)
                if not any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in headers):
                    await send(start)
                    start.clear()
                return
            if not start:  # not HTML: passed through as it comes
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            page = _inject(b"".join(body))
            headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]  # type: ignore[attr-defined]
            headers.append((b"content-length", str(len(page)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": page})

        await self.app(scope, receive, guarded_send)


def _guarded(scope) -> bool:  # type: ignore[no-untyped-def]
    for name, value in scope.get("headers", []):
        if name == b"cookie" and (COOKIE + "=1").encode() in value:
            return True
    return False


def _inject(page: bytes) -> bytes:
    # First in <head>, so it sees the errors of every script after it.
    lower = page[:4096].lower()
    for tag in (b"<head", b"<html", b"<!doctype"):
        at = lower.find(tag)
        if at >= 0:
            end = page.find(b">", at) + 1
            return page[:end] + SCRIPT.encode() + page[end:]
    return SCRIPT.encode() + page
