"""`twt-py serve DIR` on a plain site folder (not a checkout), in a browser: the command as a
user runs it, a page written by `twt-py init`, its runtime from /runtimes/, twt_py from /dist/
and the mock SDK from /static/ (`?mock`), on each runtime. Its errors: tests/unit/test_site.py.
"""

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from twt_py._cpython import fastpath
from twt_py._cpython import starter as _starter
from twt_py.testing import ChatMock

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def served(runtime: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`twt-py serve SITE --port 0 --node-modules ...` running; its URL, read from its output."""
    site = tmp_path_factory.mktemp("site-" + runtime)
    _starter.write_site(site, runtime=runtime, force=True)
    command = [
        sys.executable, "-m", "twt_py._cpython.cli", "serve", str(site), "--port", "0",
        "--node-modules", str(ROOT / "node_modules"),
    ]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        second = proc.stdout.readline()
        assert first.startswith("twt-py: serving %s (runtimes at /runtimes/" % site), first + second
        url = second.split()[0]
        assert url.startswith("http://127.0.0.1:"), second
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


def test_serve_a_site_folder(page: Page, chat_mock: ChatMock, served: str) -> None:
    requested: "list[str]" = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page.goto(served + "/?mock")
    contact = page.get_by_role("button", name="Contact us")
    contact.click(timeout=60_000)  # enabled once the page's Python runs
    chat_mock.wait_for_state(open=True)
    assert chat_mock.served == []  # the page's own mock, from /static/ of twt-py serve
    assert chat_mock.state.appid == "YOUR_APPID"
    expect(page.locator("#fallback")).to_be_hidden()
    # twt_py came by the fast path, which twt-py serve builds for the folder: every request to
    # /dist/ is for a fast-path artifact (no zip, no plain bundle).
    twt = sorted(path for path in requested if path.startswith("/dist/"))
    assert twt and all(path[len("/dist/") :] in fastpath.artifact_names() for path in twt), twt
