"""The early shim split in two: `twt-early.js` (every page) holds no placeholder code, and
lazy pages get it either in one request (`twt-lazy.js`) or, from `twt-early.js` with
`data-load` or a lazy `install()`, fetched beside it; if that fetch fails, the chat loads
at once instead of never.

Pages: tests/pages/lazy.py with the head variants of tests/pages/lazy.json.
"""

from typing import Any

import pytest
from playwright.sync_api import Page, expect
from test_lazy import open_calls, open_page, wait_open, wait_ready

SHIMS = ("/static/twt-early.js", "/static/twt-lazy.js")


def shim_requests(page: Page) -> "list[str]":
    seen: "list[str]" = []
    page.on("request", lambda r: seen.append(r.url) if r.url.split("?")[0].endswith(SHIMS) else None)
    return seen


def names(urls: "list[str]") -> "list[str]":
    return [u.rsplit("/", 1)[1] for u in urls]


def test_a_lazy_page_loads_one_shim_file(page: Page, runtime: str) -> None:
    shims = shim_requests(page)
    seen = open_page(page, runtime, "head=interaction")
    expect(page.get_by_role("button", name="Open chat")).to_be_visible()
    assert names(shims) == ["twt-lazy.js"]
    assert seen == []
    page.get_by_test_id("twt-placeholder").click()
    wait_open(page)
    assert open_calls(page) == 1


def test_twt_early_with_data_load_fetches_the_placeholder(page: Page, runtime: str) -> None:
    shims = shim_requests(page)
    seen = open_page(page, runtime, "head=early")
    placeholder = page.get_by_role("button", name="Ouvrir le chat")  # the shim's data-lang
    expect(placeholder).to_be_visible()
    assert names(shims) == ["twt-early.js", "twt-lazy.js"]
    assert seen == []
    placeholder.hover()
    wait_ready(page)
    assert page.evaluate("window.__twt_early__.lazy.wanted") == "hover"


def test_twt_lazy_after_twt_early_still_draws_the_placeholder(page: Page, runtime: str) -> None:
    # A page that added twt-lazy.js and kept its twt-early.js: the second's data-* count.
    shims = shim_requests(page)
    seen = open_page(page, runtime, "head=both")
    placeholder = page.get_by_role("button", name="Chat öffnen")
    expect(placeholder).to_be_visible()
    assert names(shims) == ["twt-early.js", "twt-lazy.js"]
    assert seen == []
    placeholder.click()
    wait_open(page)
    assert open_calls(page) == 1


def test_a_lazy_install_on_an_eager_shim_fetches_the_placeholder(page: Page, runtime: str) -> None:
    # The page has plain twt-early.js; Python asks for load="interaction" (as the demo does).
    shims = shim_requests(page)
    seen = open_page(page, runtime, "head=eager&load=interaction")
    placeholder = page.get_by_test_id("twt-placeholder")
    expect(placeholder).to_be_visible()
    assert names(shims) == ["twt-early.js", "twt-lazy.js"]
    assert seen == []
    placeholder.click()
    wait_open(page)
    assert open_calls(page) == 1


def test_an_eager_page_loads_no_placeholder_code(page: Page, runtime: str) -> None:
    shims = shim_requests(page)
    open_page(page, runtime, "head=eager")
    wait_ready(page)
    assert names(shims) == ["twt-early.js"]
    assert page.evaluate("window.__twt_early__.lazy.mode") == "eager"
    expect(page.locator("#twt-early-launcher")).to_have_count(0)


@pytest.mark.parametrize("query", ["head=early", "head=early&load=interaction"])
def test_a_missing_placeholder_loads_the_chat_at_once(
    page: Page, runtime: str, query: str, console_errors: Any
) -> None:
    # also when install() asks for a lazy mode after the placeholder failed to load
    console_errors.allow(r"twt-lazy\.js|404|Failed to load resource")
    warnings: "list[str]" = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    page.route("**/static/twt-lazy.js", lambda route: route.fulfill(status=404, body=""))
    seen = open_page(page, runtime, query)
    wait_ready(page)  # no placeholder, so no intent to wait for
    assert len([u for u in seen if "twt_weight_chunk" not in u]) == 1
    assert any("no placeholder launcher" in w and "twt-lazy.js" in w for w in warnings)
    expect(page.locator("#twt-early-launcher")).to_have_count(0)
