"""Identity end to end: the server signs, the page logs in, the signature verifies; the secret
never appears in anything the server sends."""

import re
from urllib.parse import urljoin

from playwright.sync_api import APIRequestContext, Page

from twt_py.identity import verify


def test_login_with_server_signed_identity(page: Page, runtime: str, app_secret: str) -> None:
    page.goto("/_t/%s/identity_login" % runtime)
    page.wait_for_function("window.__twt_done__ === true", timeout=60_000)
    customer = page.evaluate("window.__twt_mock__.state().customer")
    assert customer["sbs"] == "demo-1001"
    assert customer["name"] == "Demo Visitor"
    # Checked here, in CPython, with the secret the page never had.
    assert verify(customer["sbs"], customer["sbs_mm"], customer["ranstr"], app_secret)
    assert not verify(customer["sbs"], customer["sbs_mm"], customer["ranstr"], app_secret + "x")
    login = page.evaluate("window.__twt_mock__.calls.filter(c => c.method === 'login')")
    assert len(login) == 1 and login[0]["args"][:3] == [
        customer["sbs"],
        customer["sbs_mm"],
        customer["ranstr"],
    ]


def _crawl(request: APIRequestContext, base: str, start: "list[str]") -> "dict[str, bytes]":
    seen: "dict[str, bytes]" = {}
    todo = list(start)
    while todo:
        url = todo.pop()
        if url in seen or not url.startswith(base):
            continue
        response = request.get(url)
        assert response.ok, (url, response.status)
        body = response.body()
        seen[url] = body
        kind = response.headers.get("content-type", "")
        if "html" in kind or "javascript" in kind or "css" in kind or "python" in kind:
            text = body.decode("utf-8", "replace")
            for ref in re.findall(r"""(?:src|href)=["']([^"'#?]+)""", text):
                todo.append(urljoin(url, ref))
            for ref in re.findall(r"""["'](/(?:demo|static|dist|twt_py|api)/[^"'?#\s]*)""", text):
                todo.append(urljoin(base, ref))
    return seen


def test_secret_is_in_nothing_the_demo_serves(page: Page, base_url: str, app_secret: str) -> None:
    request = page.request
    start = [
        base_url + "/demo/",
        base_url + "/api/identity",
        base_url + "/dist/twt_py.brython.js",
        base_url + "/dist/twt_py.zip",
        base_url + "/dist/pyscript-files.json",
    ]
    files = request.get(base_url + "/dist/pyscript-files.json").json()["files"]
    start += [urljoin(base_url, url) for url in files]
    seen = _crawl(request, base_url, start)
    assert len([u for u in seen if "/demo/" in u]) >= 4, sorted(seen)
    leaks = [url for url, body in seen.items() if app_secret.encode() in body]
    assert leaks == []
    # The crawl can find the secret where it is: the signature is made from it, not it.
    assert b"sbs_mm" in seen[base_url + "/api/identity"]
