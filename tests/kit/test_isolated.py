"""`chat_mock` on cross-origin isolated pages (COOP/COEP, as PyScript workers need).

A real browser runs a cross-origin script on such a page only if the response carries
`Cross-Origin-Resource-Policy`. Chromium does not apply that check to responses Playwright
fulfils (measured: a routed script with `CORP: same-origin` still ran cross-origin), so the
tests read the header off the response the page got, and also show the page works."""

import pytest
from playwright.sync_api import Page, expect
from test_chat_mock import SHOP_PY, SNIPPET

from twt_py._cpython import pages as _pages
from twt_py.testing import PRODUCTION_SDK_URL, ChatMock

pytestmark = pytest.mark.browser

WORKER_MODE = True  # `runtime` is "<pyscript runtime>-worker" here (tests/conftest.py)


def test_vendor_snippet_on_an_isolated_page(page: Page, chat_mock: ChatMock, kit_site) -> None:  # type: ignore[no-untyped-def]
    with page.expect_response(PRODUCTION_SDK_URL) as sdk:
        page.goto(kit_site.isolate("vendor.html"))
    assert sdk.value.headers["cross-origin-resource-policy"] == "cross-origin"
    assert page.evaluate("crossOriginIsolated") is True
    state = chat_mock.wait_ready()
    assert chat_mock.served == [PRODUCTION_SDK_URL]
    assert state.version == "1.2.0-mock"
    chat_mock.agent_messages(2)
    expect(page.locator("#badge")).to_have_text("2")


def test_twt_py_in_a_worker_with_the_production_url(
    page: Page, chat_mock: ChatMock, kit_site, runtime: str
) -> None:  # type: ignore[no-untyped-def]
    name = runtime.removesuffix("-worker")
    html = _pages.render(name, SHOP_PY, head=SNIPPET, body='<span id="badge"></span>', worker=True)
    kit_site.add("worker-shop-%s.html" % name, html)
    page.goto(kit_site.isolate("worker-shop-%s.html" % name))
    assert page.evaluate("crossOriginIsolated") is True
    chat_mock.wait_for_call("setLanguage", "ja", timeout=60_000)
    state = chat_mock.wait_for_state(open=True, language="ja")
    assert state.ready
    assert chat_mock.served == [PRODUCTION_SDK_URL]
    expect(page.locator("body")).to_have_attribute("data-python", "done", timeout=60_000)
    page.evaluate("window.__twt__api.close()")
    chat_mock.agent_messages(2)
    expect(page.locator("#badge")).to_have_text("2")
