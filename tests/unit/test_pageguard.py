"""The test server's opt-in page guard (`_cpython/pageguard.py`), which the engine tests'
browsers turn on with a cookie: CSP, the early script, and the log of what went wrong."""

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from twt_py._cpython.pageguard import POLICY, SCRIPT
from twt_py._cpython.server import create_app

ROOT = Path(__file__).resolve().parents[2]


def fetch(requests: "list[tuple[str, str, bool]]") -> "list[httpx.Response]":
    """(method, path, guarded) in order, on one test server."""
    app = create_app(ROOT, tests=True)

    async def run() -> "list[httpx.Response]":
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            out = []
            for method, path, guarded in requests:
                headers = {"cookie": "twt_guard=1"} if guarded else {}
                body = json.dumps({"csp-report": {"blocked-uri": "https://x.example/a.js",
                                                  "violated-directive": "script-src-elem",
                                                  "document-uri": "http://127.0.0.1/p"}})
                out.append(await client.request(method, path, headers=headers,
                                                content=body if method == "POST" else None))
            return out

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, run()).result()


def test_unguarded_pages_are_served_as_they_are() -> None:
    page, script = fetch([("GET", "/_t/micropython/facade", False), ("GET", "/static/twt-early.js", False)])
    assert "content-security-policy" not in page.headers
    assert "__twt_guard__" not in page.text
    assert "content-security-policy" not in script.headers


def test_guarded_pages_get_the_policy_and_the_script_first_in_head() -> None:
    page, script, on = fetch(
        [("GET", "/_t/micropython/facade", True), ("GET", "/static/twt-early.js", True),
         ("GET", "/_t/_guard/on", False)]
    )
    assert page.headers["content-security-policy"] == POLICY
    head = page.text.lower().index("<head")
    assert page.text.index(SCRIPT) == page.text.index(">", head) + 1
    assert int(page.headers["content-length"]) == len(page.content)
    assert script.headers["content-security-policy"] == POLICY
    assert SCRIPT not in script.text
    assert "twt_guard=1" in on.headers["set-cookie"]


def test_the_log_holds_http_errors_and_csp_reports_in_order() -> None:
    *_, log, later = fetch(
        [("GET", "/static/no-such.js", True), ("GET", "/static/no-such-either.js", False),
         ("POST", "/_t/_guard/report", True), ("GET", "/_t/_guard/log", False),
         ("GET", "/_t/_guard/log?since=1", False)]
    )
    assert log.json() == {
        "next": 2,
        "entries": [
            "HTTP 404 for /static/no-such.js",
            "blocked by CSP: https://x.example/a.js (script-src-elem) on http://127.0.0.1/p",
        ],
    }
    assert later.json()["entries"] == log.json()["entries"][1:]
