"""Cross-origin isolation for PyScript workers: the server's headers, `twt-py serve
--cross-origin-isolated`, worker pages from `_pages.render`, and `runtime.worker`."""

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

import twt_py
from twt_py._cpython import pages as _pages
from twt_py._cpython import site_app as _site
from twt_py._cpython.cli import main
from twt_py._cpython.server import create_app

ROOT = Path(__file__).resolve().parents[2]
COOP = "cross-origin-opener-policy"
COEP = "cross-origin-embedder-policy"
CORP = "cross-origin-resource-policy"


def heads(app, paths: "list[str]") -> "dict[str, httpx.Headers]":  # type: ignore[no-untyped-def]
    async def run() -> "dict[str, httpx.Headers]":
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            out = {}
            for path in paths:
                response = await client.get(path)
                assert response.status_code == 200, path
                out[path] = response.headers
            return out

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, run()).result()


PATHS = ["/demo/", "/static/twt-mock-sdk.js", "/runtimes/pyscript/core.js", "/twt_py/__init__.py"]


def test_isolated_server_sends_the_headers_with_every_response() -> None:
    for path, headers in heads(create_app(ROOT, cross_origin_isolated=True), PATHS).items():
        assert headers[COOP] == "same-origin", path
        assert headers[COEP] == "require-corp", path
        assert headers[CORP] == "same-origin", path


def test_plain_server_isolates_only_the_worker_demo_pages() -> None:
    got = heads(create_app(ROOT), [*PATHS, "/demo/micropython.html", "/demo/pyodide-worker.html"])
    for path in ("/demo/", "/demo/micropython.html"):
        assert COOP not in got[path] and COEP not in got[path], path
    assert got["/demo/pyodide-worker.html"][COOP] == "same-origin"
    assert got["/demo/pyodide-worker.html"][COEP] == "require-corp"
    assert got["/static/twt-mock-sdk.js"][CORP] == "cross-origin"


def test_test_server_isolates_worker_pages_only() -> None:
    app = create_app(ROOT, tests=True, app_secret="x")
    got = heads(
        app,
        [
            "/_t/micropython/facade",
            "/_t/micropython-worker/facade",
            "/_t/pyodide-worker/facade?coi=0",
            "/_t/micropython/facade?coi=1",
            "/static/twt-mock-sdk.js",
        ],
    )
    assert COOP not in got["/_t/micropython/facade"]
    assert COEP not in got["/_t/micropython/facade"]
    for path in ("/_t/micropython-worker/facade", "/_t/micropython/facade?coi=1"):
        assert got[path][COOP] == "same-origin", path
        assert got[path][COEP] == "require-corp", path
    assert COOP not in got["/_t/pyodide-worker/facade?coi=0"]
    # what an isolated page's scripts and workers need, and no limit elsewhere
    assert got["/static/twt-mock-sdk.js"][CORP] == "cross-origin"
    assert got["/static/twt-mock-sdk.js"][COEP] == "require-corp"
    assert COOP not in got["/static/twt-mock-sdk.js"]


def test_serve_flag_reaches_the_server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`--cross-origin-isolated` isolates the checkout's demo and any site folder alike."""
    seen: "dict[str, object]" = {}

    def fake_create_app(root: Path, **kw: object) -> str:
        seen.update(kw)
        return "demo-app"

    def fake_create_site_app(site: Path, **kw: object) -> str:
        seen.update(kw)
        return "site-app"

    def fake_run(app: object, sock) -> None:  # type: ignore[no-untyped-def]
        seen["app"] = app
        sock.close()

    monkeypatch.setattr("twt_py._cpython.server.create_app", fake_create_app)
    monkeypatch.setattr("twt_py._cpython.site_app.create_site_app", fake_create_site_app)
    monkeypatch.setattr("twt_py._cpython.site_app.run", fake_run)
    monkeypatch.chdir(ROOT)  # a checkout: serves the demo
    assert main(["serve", "--cross-origin-isolated", "--port", "0"]) == 0
    assert (seen["app"], seen["cross_origin_isolated"]) == ("demo-app", True)
    assert main(["serve", "--port", "0"]) == 0
    assert seen["cross_origin_isolated"] is False
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>site</title>")
    assert main(["serve", str(site), "--cross-origin-isolated", "--port", "0"]) == 0
    assert (seen["app"], seen["headers"]) == ("site-app", _site.ISOLATION_HEADERS)
    assert main(["serve", str(site), "--port", "0"]) == 0
    assert seen["headers"] is None


def test_serve_help_names_the_flag(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    assert "--cross-origin-isolated" in capsys.readouterr().out


def test_worker_pages_run_the_python_in_a_worker_with_a_local_interpreter() -> None:
    for runtime, tag in (("micropython", "mpy"), ("pyodide", "py")):
        html = _pages.render(runtime, "print(1)", worker=True)
        assert '<script type="%s" worker config="' % tag in html
        assert _pages.URLS[runtime] in html  # never PyScript's CDN
        assert "<%s-config>" % tag not in html
    with pytest.raises(ValueError, match="Brython has no worker mode"):
        _pages.render("brython", "print(1)", worker=True)


def test_runtime_says_whether_it_is_a_worker() -> None:
    assert twt_py.runtime.worker is False
    assert "worker=False" in repr(twt_py.runtime)
    assert issubclass(twt_py.ChatWorkerError, twt_py.ChatError)


def test_demo_index_links_the_worker_pages_and_says_what_they_cost() -> None:
    index = (ROOT / "demo" / "index.html").read_text("utf-8")
    for page in ("micropython-worker.html", "pyodide-worker.html"):
        assert 'href="%s"' % page in index
    assert "<dt>Saves</dt>" in index and "<dt>Costs</dt>" in index
    assert "Brython has no worker" in index
    got = heads(create_app(ROOT), ["/demo/micropython-worker.html", "/demo/pyodide-worker.html"])
    for path, headers in got.items():
        assert headers[COOP] == "same-origin", path
