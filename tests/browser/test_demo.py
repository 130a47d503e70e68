"""The demo (`demo/`): every scenario of the vendor's page, walked on every runtime.

Each browser test drives the demo as a visitor would (clicks, the console's simulation buttons,
a failing SDK) and asserts what the visitor sees; the harness fails any test with a console
error or an external request. `test_screenshots` writes `docs/screenshots/` when
`TWT_PY_SCREENSHOTS=1` is set (into a temporary folder otherwise).

Pyodide boots in about 5 s, so each test walks many scenarios in one page load.
"""

import asyncio
import os
import re
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect

from twt_py._cpython.server import create_app
from twt_py.identity import verify
from twt_py.testing import ChatMock

ROOT = Path(__file__).resolve().parent.parent.parent
DEMO = ROOT / "demo"
BOOT_MS = 60_000  # Python up (Pyodide: ~5 s, more on a busy machine)
STEP_MS = 10_000  # one visible effect after a click
LABELS = {
    "pyodide": "PyScript + Pyodide",
    "micropython": "PyScript + MicroPython",
    "brython": "Brython",
}
LANGUAGES = {
    "en": "Contact us",
    "zh-cn": "联系客服",
    "zh-tw": "聯絡客服",
    "ja": "お問い合わせ",
    "ko": "문의하기",
    "de": "Kontakt",
    "fr": "Nous contacter",
    "pt": "Fale conosco",
    "ru": "Связаться",
}
VENDOR_SDK = "https://visitorchat.twt.com/install/core.js?version=v1.2"


# ---------------------------------------------------------------- helpers


def open_demo(page: Page, runtime: str, query: str = "") -> None:
    """Load the runtime's demo page and wait until its Python is running."""
    page.goto("/demo/%s.html%s" % (runtime, query))
    label = LABELS[runtime.removesuffix("-worker")]  # "<runtime>-worker": tests/browser/test_workers.py
    expect(page.locator("#runtime-name")).to_contain_text(label, timeout=BOOT_MS)


def logged(page: Page, kind: str, text: str) -> None:
    """Wait for a line of the event log panel."""
    line = page.locator('#event-log li[data-kind="%s"]' % kind).filter(has_text=text)
    expect(line.first).to_be_attached(timeout=STEP_MS)


def video_paused(page: Page, paused: bool) -> None:
    check = "document.getElementById('hero-video').paused === %s" % ("true" if paused else "false")
    page.wait_for_function(check, timeout=STEP_MS)


def chat_panel(page: Page):  # type: ignore[no-untyped-def]
    # The mock widget lives in an open shadow root; test-id locators pierce it.
    return page.get_by_test_id("twt-panel")


def expect_position(chat_mock: ChatMock, bottom: str) -> None:
    chat_mock.wait_for_state(lambda state: state.position["bottom"] == bottom, timeout=STEP_MS)


# ---------------------------------------------------------------- every scenario, one page load


def test_every_scenario(page: Page, runtime: str, chat_mock: ChatMock) -> None:
    # A slow SDK (it loads when the console says so), a 1 s ready timeout, a 1 s help page.
    open_demo(page, runtime, "?delay=600000&timeout=1&autoopen=1")
    status = page.locator("#chat-status")
    fallback = page.locator("#fallback-contact")
    notice = page.locator("#notice")
    badge = page.locator("#unread-badge")
    expect(status).to_have_attribute("data-state", "loading")
    expect(status).to_have_text("Connecting to chat…")
    expect(page.locator("#status-line")).to_have_text("ready: no · version: – · error: none")

    # Not ready after the timeout: the fallback contact shows (and the page does not hang).
    expect(fallback).to_be_visible(timeout=STEP_MS)
    expect(fallback).to_contain_text("support@aurora.example")
    expect(page.locator("#fallback-reason")).to_have_text("Why: the chat did not load within 1 s")
    logged(page, "timeout", "no chat after 1 s")

    # The product film plays.
    video_paused(page, False)

    # Safe open before ready: the visitor is told, nothing opens.
    page.click("#hero-ask")
    expect(notice).to_have_text("The chat is not ready yet: please try again in a moment.")
    logged(page, "page", "safe open: the chat is not ready yet")
    # The contact button before ready: queued, and the visitor is told.
    page.click("#contact-btn")
    expect(notice).to_contain_text("the chat opens as soon as it is ready")
    logged(page, "command", "Chat.open() (queued until the SDK is ready)")
    expect(chat_panel(page)).to_have_count(0)  # no widget yet

    # The SDK finishes loading: status line, queued open, login, video paused.
    page.click("#sim-finish")
    expect(status).to_have_attribute("data-state", "ready", timeout=STEP_MS)
    expect(status).to_have_text("Chat online")
    expect(page.locator("#status-line")).to_have_text(
        "ready: yes · version: 1.2.0-mock · error: none"
    )
    expect(page.locator("#st-version")).to_have_text("1.2.0-mock")
    logged(page, "ready", "SDK ready, version 1.2.0-mock")
    expect(fallback).to_be_hidden()
    expect(chat_panel(page)).to_be_visible()
    logged(page, "visibility", "maximized (open)")
    video_paused(page, True)
    expect(page.locator("#video-state")).to_have_text("Paused while you chat")
    # The identity signed by the server reached the SDK.
    expect(page.get_by_test_id("twt-customer-name")).to_have_text("Demo Visitor")
    expect(page.locator("#st-visitor")).to_have_text("Demo Visitor (demo-1001)")
    customer = chat_mock.state.customer
    assert isinstance(customer, dict)
    assert customer["sbs"] == "demo-1001"
    assert re.fullmatch(r"[0-9a-f]{32}", str(customer["sbs_mm"]))
    # The default launcher is hidden (icon "2"); the page's own button replaces it.
    expect(page.get_by_test_id("twt-launcher")).to_be_hidden()

    # The cookie banner shows: the chat sits above it.
    banner = page.locator("#cookie-banner")
    expect(banner).to_be_visible()
    lift = page.evaluate("document.getElementById('cookie-banner').offsetHeight + 16")
    expect_position(chat_mock, "%dpx" % lift)
    panel_box = chat_panel(page).bounding_box()
    banner_box = banner.bounding_box()
    assert panel_box and banner_box
    assert panel_box["y"] + panel_box["height"] <= banner_box["y"], (panel_box, banner_box)

    # The visitor closes the chat (the widget's own button): the video resumes.
    page.get_by_test_id("twt-close").click()
    expect(chat_panel(page)).to_be_hidden()
    logged(page, "visibility", "hidden (closed)")
    video_paused(page, False)
    expect(page.locator("#video-state")).to_have_text("Playing")

    # Agent messages: the badge on the page's button counts them, up to 99+.
    expect(badge).to_be_hidden()
    page.click("#sim-message")
    expect(badge).to_have_text("1")
    expect(badge).to_be_visible()
    logged(page, "unread", "1 unread message")
    page.click("#sim-burst")
    expect(badge).to_have_text("6")
    page.click("#sim-flood")
    expect(badge).to_have_text("99+")
    expect(page.locator("#st-unread")).to_have_text("126")
    logged(page, "unread", "126 unread messages")

    # The nine languages: the widget and the site's own button follow.
    widget = page.get_by_test_id("twt-widget")
    for code, label in [*list(LANGUAGES.items())[1:], ("ja", LANGUAGES["ja"])]:
        page.click('#languages [data-lang="%s"]' % code)
        expect(widget).to_have_attribute("data-lang", code)
        expect(page.locator("#contact-label")).to_have_text(label)
        expect(page.locator('#languages [data-lang="%s"]' % code)).to_have_attribute(
            "aria-pressed", "true"
        )
    logged(page, "command", "Chat.set_language('ja')")
    assert page.evaluate("document.documentElement.lang") == "ja"

    # The help page opens the chat by itself after a while (1 s here; 30 s by default).
    page.click("#tab-help")
    expect(page.locator("#view-help")).to_be_visible()
    expect(chat_panel(page)).to_be_visible(timeout=STEP_MS)
    expect(page.get_by_test_id("twt-title")).to_have_text("チャットサポート")
    expect(page.locator("#auto-open-text")).to_have_text(
        "An expert joined you in the chat after 1 s on this page."
    )
    logged(page, "page", "1 s on the help page: opening the chat")
    expect(badge).to_be_hidden()  # opening the chat read the messages
    logged(page, "unread", "0 unread messages")
    page.click('#languages [data-lang="en"]')
    expect(page.get_by_test_id("twt-title")).to_have_text("Chat with us")

    # The toggle button.
    page.click("#toggle-chat")
    expect(chat_panel(page)).to_be_hidden()
    page.click("#toggle-chat")
    expect(chat_panel(page)).to_be_visible()
    logged(page, "command", "Chat.toggle()")

    # Placing an order closes the chat.
    page.click("#tab-checkout")
    expect(page.locator("#view-checkout")).to_be_visible()
    expect(chat_panel(page)).to_be_visible()
    page.click("#place-order")
    expect(page.locator("#order-confirmation")).to_be_visible()
    expect(page.locator("#order-number")).to_have_text("A-10428")
    expect(chat_panel(page)).to_be_hidden()
    logged(page, "command", "Chat.close()")

    # The cookie banner goes: the chat goes back down; it comes back: up again.
    page.click("#cookie-accept")
    expect(banner).to_be_hidden()
    expect_position(chat_mock, "20px")
    page.click("#sim-cookies")
    expect(banner).to_be_visible()
    expect_position(chat_mock, "%dpx" % lift)
    page.click("#cookie-decline")
    expect_position(chat_mock, "20px")

    # The SDK fails: fallback contact, status line, and the buttons say so.
    page.click("#sim-fail")
    expect(status).to_have_attribute("data-state", "error", timeout=STEP_MS)
    expect(status).to_have_text("Chat unavailable")
    message = "the chat service stopped answering (simulated outage)"
    expect(fallback).to_be_visible()
    expect(page.locator("#fallback-reason")).to_have_text("Why: " + message)
    expect(page.locator("#status-line")).to_have_text("ready: no · version: – · error: " + message)
    logged(page, "error", message)
    page.click("#contact-btn")
    expect(notice).to_have_text("Live chat is unavailable right now: please email or call us.")
    page.click("#tab-help")
    page.click("#safe-open")
    expect(notice).to_have_text("Live chat is unavailable right now: please email or call us.")
    page.click("#toggle-chat")
    logged(page, "page", "Chat.toggle() not sent")
    for button in ("#sim-message", "#sim-burst", "#sim-flood", "#sim-fail", "#sim-finish"):
        expect(page.locator(button)).to_be_disabled()
    # Every kind of event reached the log.
    for kind in ("python", "ready", "visibility", "unread", "error", "login", "command"):
        expect(page.locator('#event-log li[data-kind="%s"]' % kind).first).to_be_attached()


def test_vendor_launcher_cookie_banner_and_full_screen(
    page: Page, runtime: str, chat_mock: ChatMock
) -> None:
    # With the vendor's floating launcher (icon "1"), the launcher itself moves and hides.
    open_demo(page, runtime, "?launcher=shown&delay=0")
    expect(page.locator("#chat-status")).to_have_attribute("data-state", "ready", timeout=STEP_MS)
    launcher = page.get_by_test_id("twt-launcher")
    expect(launcher).to_be_visible()
    banner = page.locator("#cookie-banner")
    lift = page.evaluate("document.getElementById('cookie-banner').offsetHeight + 16")
    expect_position(chat_mock, "%dpx" % lift)
    box, banner_box = launcher.bounding_box(), banner.bounding_box()
    assert box and banner_box
    assert box["y"] + box["height"] <= banner_box["y"], (box, banner_box)
    # The launcher sits above the banner (just asserted), 31 px from its Accept button: the
    # click below is clear of the widget because the page moved it, not by layout luck.
    page.click("#cookie-accept")
    expect_position(chat_mock, "20px")
    page.mouse.move(0, 0)  # the launcher lands under the pointer: no :hover lift, please
    page.wait_for_function(
        "el => Math.abs(innerHeight - el.getBoundingClientRect().bottom - 20) < 1",
        arg=launcher.element_handle(),
        timeout=STEP_MS,
    )

    # The vendor's own video case: open from the launcher pauses, minimized resumes.
    launcher.click()
    expect(chat_panel(page)).to_be_visible()
    video_paused(page, True)
    launcher.click()
    logged(page, "visibility", "minimized (closed)")
    video_paused(page, False)

    # Full screen: the launcher is hidden.
    page.click("#fullscreen")
    page.wait_for_function("document.fullscreenElement !== null", timeout=STEP_MS)
    expect(launcher).to_be_hidden(timeout=STEP_MS)
    logged(page, "command", "Chat.hide_badge()")
    logged(page, "visibility", "hidden (closed)")
    assert chat_mock.state.launcher is False
    page.click("#fullscreen")
    page.wait_for_function("document.fullscreenElement === null", timeout=STEP_MS)
    # The page's own button still opens the chat.
    page.click("#contact-btn")
    expect(chat_panel(page)).to_be_visible()


def test_real_sdk_offline_shows_the_fallback_at_once(
    page: Page, runtime: str, console_errors
) -> None:  # type: ignore[no-untyped-def]
    # `?sdk=real` loads the vendor's script. Offline (aborted here, before the guard sees it),
    # twt-early.js reports the failure: no wait for the ready timeout.
    attempted = []

    def offline(route) -> None:  # type: ignore[no-untyped-def]
        attempted.append(route.request.url)
        route.abort("internetdisconnected")

    page.route("https://visitorchat.twt.com/**", offline)
    # The browser reports the failed script; nothing else may go wrong.
    console_errors.allow(
        r"^Failed to load resource: net::ERR_INTERNET_DISCONNECTED \[at https://visitorchat\.twt\.com/"
    )
    open_demo(page, runtime, "?sdk=real&appid=demo-appid&timeout=60")
    fallback = page.locator("#fallback-contact")
    expect(fallback).to_be_visible(timeout=3_000)
    expect(page.locator("#fallback-reason")).to_have_text(
        "Why: could not load the TWT Chat SDK from "
        "https://visitorchat.twt.com/install/core.js?version=v1.2 "
        "(HTTP error, network failure, or blocked)"
    )
    expect(page.locator("#chat-status")).to_have_attribute("data-state", "error")
    expect(page.locator("#sdk-source")).to_have_text("real SDK")
    logged(page, "error", "could not load the TWT Chat SDK from https://visitorchat.twt.com")
    assert page.locator('#event-log li[data-kind="timeout"]').count() == 0
    assert attempted == [VENDOR_SDK]
    assert page.evaluate("window.__twt__config.appid") == "demo-appid"
    # The mock's controls are off; the page's buttons point to the fallback.
    for button in ("#sim-message", "#sim-fail", "#sim-finish"):
        expect(page.locator(button)).to_be_disabled()
    page.click("#contact-btn")
    expect(page.locator("#notice")).to_contain_text("Live chat is unavailable")
    assert console_errors.external == []


# ---------------------------------------------------------------- screenshots


def test_screenshots(page: Page, runtime: str, tmp_path: Path) -> None:
    """The pictures in the README: `TWT_PY_SCREENSHOTS=1` writes them to docs/screenshots/."""
    write_docs = os.environ.get("TWT_PY_SCREENSHOTS") == "1"
    folder = ROOT / "docs" / "screenshots" if write_docs else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1440, "height": 900})
    if runtime == "micropython":
        page.goto("/demo/")
        expect(page.locator(".runtime-card")).to_have_count(5)  # 3 runtimes, 2 in a worker
        page.screenshot(path=str(folder / "demo-index.png"))
    open_demo(page, runtime, "?delay=300")
    expect(page.locator("#chat-status")).to_have_attribute("data-state", "ready", timeout=STEP_MS)
    expect(page.locator("#st-visitor")).to_have_text("Demo Visitor (demo-1001)", timeout=STEP_MS)
    page.click("#cookie-accept")
    page.click("#sim-message")
    page.click("#sim-message")
    expect(page.locator("#unread-badge")).to_have_text("2")
    page.mouse.move(0, 0)  # no hover highlight in the picture
    page.screenshot(path=str(folder / ("demo-%s.png" % runtime)))
    assert (folder / ("demo-%s.png" % runtime)).stat().st_size > 20_000
    if runtime == "micropython":
        page.click("#contact-btn")
        expect(page.get_by_test_id("twt-customer-name")).to_have_text("Demo Visitor")
        video_paused(page, True)
        page.mouse.move(0, 0)
        page.wait_for_timeout(300)  # the panel's opening animation
        page.screenshot(path=str(folder / "demo-chat-open.png"))


# ---------------------------------------------------------------- the pages, the server, ./run demo


def test_the_three_pages_share_the_shop_and_show_both_pyscript_tags(page: Page) -> None:
    # The shop is written once (demo/shop.html); each runtime adds its own parts.
    template = (DEMO / "shop.html").read_text("utf-8")
    shop = template[template.index("<body>") : template.index("<!-- runtime:body -->")]
    pages = {rt: page.request.get("/demo/%s.html" % rt).text() for rt in LABELS}
    for runtime, html in pages.items():
        assert shop in html, runtime
        assert "<!-- runtime:" not in html, runtime
        assert "<title>Aurora Audio · twt-py demo on %s</title>" % LABELS[runtime] in html
    pyodide = pages["pyodide"]
    assert "<py-script>" in pyodide and '<script type="py">' in pyodide
    assert "await main()" in pyodide
    micropython = pages["micropython"]
    assert "<mpy-script>" in micropython and '<script type="mpy">' in micropython
    brython = pages["brython"]
    assert '<script type="text/python" id="app" src="app.py">' in brython
    assert "brython_stdlib" not in brython.replace("No brython_stdlib.js", "")
    # The shared Python imports no standard library module (Brython has none without its
    # stdlib bundle) outside the PyScript branch.
    app = (DEMO / "app.py").read_text("utf-8")
    imports = re.findall(r"^\s*(?:from|import) (\w+)", app, re.M)
    assert set(imports) <= {"twt_py", "browser", "js", "pyscript"}, imports


def fetch_all(app, paths: "list[str]") -> "list[httpx.Response]":  # type: ignore[no-untyped-def]
    """GET each path from the ASGI app in-process (in a thread: Playwright's sync API may hold
    this thread's event loop)."""

    async def run() -> "list[httpx.Response]":
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return [await client.get(path) for path in paths]

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, run()).result()


def test_identity_endpoint_signs_on_the_server_only(monkeypatch: pytest.MonkeyPatch) -> None:
    secret = "s3cret-for-the-demo-test"
    monkeypatch.setenv("TWT_APP_SECRET", secret)
    files = sorted("/demo/" + p.name for p in DEMO.iterdir() if p.is_file())
    files += ["/demo/%s.html" % runtime for runtime in LABELS]
    first, second, *pages = fetch_all(
        create_app(ROOT),
        [
            "/api/identity",
            "/api/identity",
            "/demo/",
            "/dist/twt_py.brython.js",
            "/dist/twt_py.brython-compiled.js",
            "/dist/twt_py.pyscript.js",
            *files,
        ],
    )
    assert first.status_code == 200
    assert first.headers["cache-control"] == "no-store"
    data = first.json()
    assert data["sbs"] == "demo-1001"
    assert data["name"] == "Demo Visitor"
    assert verify(data["sbs"], data["sbs_mm"], data["ranstr"], secret)
    assert second.json()["ranstr"] != data["ranstr"]  # a fresh ranstr per request
    assert secret not in first.text
    # Nothing the demo pages load holds the secret.
    for response in pages:
        assert response.status_code == 200, response.url
        assert secret not in response.text, response.url


def test_identity_secret_is_random_per_start_when_unset(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("TWT_APP_SECRET", raising=False)
    one = fetch_all(create_app(ROOT), ["/api/identity"])[0].json()
    err = capsys.readouterr().err
    assert "TWT_APP_SECRET is not set" in err
    assert "random AppSecret" in err
    two = fetch_all(create_app(ROOT), ["/api/identity"])[0].json()
    assert one["sbs"] == two["sbs"] == "demo-1001"
    assert re.fullmatch(r"[0-9a-f]{32}", one["sbs_mm"])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_twt_py_serve_starts_the_demo() -> None:
    """`./run demo` runs `twt-py serve`: `/` goes to the demo index, which links the three pages."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "twt_py._cpython.cli", "serve", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base = "http://127.0.0.1:%d" % port
        deadline = time.monotonic() + 20
        while True:
            try:
                home = httpx.get(base + "/", follow_redirects=True, timeout=2)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        assert home.status_code == 200
        assert str(home.url) == base + "/demo/"
        for page in ("pyodide.html", "micropython.html", "brython.html"):
            assert 'href="%s"' % page in home.text
            assert httpx.get(base + "/demo/" + page, timeout=5).status_code == 200
        assert httpx.get(base + "/api/identity", timeout=5).json()["sbs"] == "demo-1001"
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=10)
    assert "http://127.0.0.1:%d/" % port in out, (out, err)
