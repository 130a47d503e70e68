"""The signing module refuses to run in a browser runtime, and is not shipped to one."""

from pathlib import Path

from playwright.sync_api import Page

import twt_py

SOURCE = (Path(twt_py.__file__).parent / "identity" / "__init__.py").read_text("utf-8")


def test_identity_module_refuses_to_run_in_the_browser(page: Page, runtime: str) -> None:
    page.add_init_script("window.__identity_src = %s" % __import__("json").dumps(SOURCE))
    page.goto("/_t/%s/identity_guard" % runtime)
    page.wait_for_function("window.__twt_done__ === true", timeout=60_000)
    lines = page.locator("#log li").all_inner_texts()
    assert len(lines) == 1 and lines[0].startswith("refused ImportError"), lines
    assert "server" in lines[0] and "AppSecret" in lines[0]


def test_identity_module_is_not_served_to_pages(page: Page) -> None:
    assert page.request.get("/twt_py/identity/__init__.py").status == 404
    assert page.request.get("/twt_py/identity.py").status == 404
    assert page.request.get("/twt_py/_widget.py").status == 200
    bundle = page.request.get("/dist/twt_py.brython.js").text()
    assert '"twt_py.identity"' not in bundle and '"twt_py._widget"' in bundle
    files = page.request.get("/dist/pyscript-files.json").json()["files"]
    assert not any("identity" in target for target in files.values())
