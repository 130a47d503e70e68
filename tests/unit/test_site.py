"""`twt-py serve DIR` (a site owner's folder) and `twt-py init DIR` (a starter site), without a
browser: what the server answers, and every error as one line. The browser side is in
tests/kit/test_serve.py and tests/kit/test_init.py."""

import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import zipfile
from io import BytesIO
from pathlib import Path

import httpx
import pytest

from twt_py._cpython import fastpath as _fastpath
from twt_py._cpython import starter as _starter
from twt_py._cpython.site_app import create_site_app

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"


def twt_py(*args: str, cwd: "Path | None" = None, timeout: float = 30) -> "subprocess.CompletedProcess[str]":
    env = {k: v for k, v in os.environ.items() if not k.startswith("TWT_")}
    return subprocess.run(
        [sys.executable, "-m", "twt_py._cpython.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=timeout,
    )


class Client:
    """GETs against an ASGI app, in process (httpx's ASGI transport)."""

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        self.app = app

    def get(self, path: str) -> httpx.Response:
        async def fetch() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
                response = await c.get(path)
                await response.aread()
                return response

        return asyncio.run(fetch())


def assert_one_line_error(done: "subprocess.CompletedProcess[str]", *words: str) -> None:
    assert done.returncode == 2, done
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr and not done.stdout
    for word in words:
        assert word in lines[0], lines[0]


# ---------------------------------------------------------------- serve: what it answers


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "index.html").write_text("<!doctype html><title>mine</title>")
    (tmp_path / "about").mkdir()
    (tmp_path / "about" / "index.html").write_text("<title>about</title>")
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "twt-early.js").write_text("/* the site's own copy */")
    return tmp_path


def test_serve_answers_the_folder_first_then_twt_py(site: Path) -> None:
    client = Client(create_site_app(site, node_modules=NODE_MODULES))
    assert client.get("/").text == "<!doctype html><title>mine</title>"
    assert client.get("/about/").text == "<title>about</title>"
    assert client.get("/static/twt-early.js").text == "/* the site's own copy */"  # the folder wins
    mock = client.get("/static/twt-mock-sdk.js")
    assert mock.status_code == 200 and "__twt_mock__" in mock.text
    assert mock.headers["content-type"].startswith("text/javascript")
    assert "__twt_early__" in client.get("/dist/twt-early.js").text
    names = zipfile.ZipFile(BytesIO(client.get("/dist/twt_py.zip").content)).namelist()
    assert "twt_py/__init__.py" in names
    assert not any(n.startswith(("twt_py/identity/", "twt_py/_cpython/")) for n in names)
    assert client.get("/dist/twt_py.brython.js").text.startswith("__BRYTHON__.loadBrythonPackage(")
    files = client.get("/dist/pyscript-files.json").json()["files"]
    assert files["/dist/twt_py/__init__.py"] == "./twt_py/__init__.py"
    assert client.get("/dist/twt_py/__init__.py").status_code == 200
    assert client.get("/dist/twt_py/identity/__init__.py").status_code == 404  # CPython-only
    assert client.get("/dist/twt_py/_cpython/site_app.py").status_code == 404
    wasm = client.get("/runtimes/micropython/micropython.wasm")
    assert wasm.status_code == 200 and wasm.headers["content-type"] == "application/wasm"
    core = client.get("/runtimes/pyscript/core.js")
    assert core.status_code == 200 and core.headers["content-type"].startswith("text/javascript")
    assert client.get("/runtimes/brython/brython.js").status_code == 200
    assert client.get("/runtimes/pyodide/pyodide.mjs").status_code == 200
    assert client.get("/runtimes/nope/x.js").status_code == 404
    assert client.get("/nothing-here").status_code == 404
    assert client.get("/").headers["cache-control"] == "no-store"


needs_node = pytest.mark.skipif(
    not (NODE_MODULES / "brython" / "brython.js").is_file() or shutil.which("node") is None,
    reason="needs node_modules/brython (npm ci) and Node.js",
)


@needs_node
def test_serve_answers_the_fast_path_at_dist(site: Path) -> None:
    """Each of `artifact_names()` at /dist/<name>, built as the checkout's server builds it;
    Brython's by the Brython the folder's pages load from /runtimes/brython/."""
    client = Client(create_site_app(site, node_modules=NODE_MODULES))
    brython_js = NODE_MODULES / "brython" / "brython.js"
    assert _fastpath.artifact_names()  # the test below is not vacuous
    for name in _fastpath.artifact_names():
        got = client.get("/dist/" + name)
        assert got.status_code == 200, (name, got.text[:200])
        assert got.headers["content-type"].startswith(_fastpath.media_type(name)), name
        assert got.headers["cache-control"] == "no-store"
        assert got.content == _fastpath.artifact(name, brython_js), name
        assert got.content.startswith(b"// twt-py-build: sources=%s" % _fastpath.sources_hash().encode())
    compiled = client.get("/dist/" + _fastpath.BRYTHON_COMPILED_JS).text
    assert 'var BUILT_FOR = "%s"' % _fastpath.brython_version(brython_js) in compiled
    # The folder's own build wins, as for every other file.
    (site / "dist").mkdir()
    (site / "dist" / _fastpath.PYSCRIPT_JS).write_text("/* the site's own build */")
    assert client.get("/dist/" + _fastpath.PYSCRIPT_JS).text == "/* the site's own build */"


def test_serve_says_why_a_fast_path_artifact_cannot_be_built(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    asked = []

    def cannot(name: str, brython_js: "Path | None" = None) -> bytes:
        asked.append((name, brython_js))
        raise RuntimeError("compiling for Brython needs Node.js (node) on PATH")

    monkeypatch.setattr(_fastpath, "artifact", cannot)
    client = Client(create_site_app(site, node_modules=NODE_MODULES))
    got = client.get("/dist/" + _fastpath.BRYTHON_COMPILED_JS)
    assert got.status_code == 500
    assert "needs Node.js" in got.text and _fastpath.BRYTHON_COMPILED_JS in got.text
    assert asked == [(_fastpath.BRYTHON_COMPILED_JS, NODE_MODULES / "brython" / "brython.js")]
    err = capsys.readouterr().err
    assert "warning: twt-py serve: cannot build /dist/%s" % _fastpath.BRYTHON_COMPILED_JS in err
    assert "needs Node.js" in err
    # Without the folder's own Brython, the one fastpath.find_brython() finds (None: its default).
    bare = Client(create_site_app(site, node_modules=_node_modules_without_brython(site)))
    assert bare.get("/dist/" + _fastpath.BRYTHON_COMPILED_JS).status_code == 500
    assert asked[-1] == (_fastpath.BRYTHON_COMPILED_JS, None)


def _node_modules_without_brython(site: Path) -> Path:
    folder = site.parent / (site.name + "-nm")
    (folder / "pyodide").mkdir(parents=True, exist_ok=True)
    return folder


def test_serve_adds_the_headers_it_is_given(site: Path) -> None:
    headers = {"Cross-Origin-Opener-Policy": "same-origin", "X-Test": "1"}
    client = Client(create_site_app(site, node_modules=NODE_MODULES, headers=headers))
    for url in ("/", "/dist/twt_py.zip", "/runtimes/pyscript/core.js", "/missing"):
        response = client.get(url)
        assert response.headers["cross-origin-opener-policy"] == "same-origin", url
        assert response.headers["x-test"] == "1"


def test_serve_uses_the_folders_node_modules(tmp_path: Path) -> None:
    (tmp_path / "node_modules" / "brython").mkdir(parents=True)
    (tmp_path / "node_modules" / "brython" / "brython.js").write_text("/* local brython */")
    client = Client(create_site_app(tmp_path))
    assert client.get("/runtimes/brython/brython.js").text == "/* local brython */"
    assert client.get("/runtimes/pyscript/core.js").status_code == 404


# ---------------------------------------------------------------- serve: one-line errors


def test_serve_errors_are_one_line(tmp_path: Path) -> None:
    assert_one_line_error(twt_py("serve", str(tmp_path / "missing")), "does not exist")
    (tmp_path / "page.html").write_text("x")
    assert_one_line_error(twt_py("serve", str(tmp_path / "page.html")), "is a file")
    assert_one_line_error(
        twt_py("serve", str(tmp_path), "--node-modules", str(tmp_path / "nm")), "not a folder", "npm"
    )
    assert_one_line_error(
        twt_py("serve", str(tmp_path), "--node-modules", str(tmp_path)), "holds none of", "npm install"
    )
    assert_one_line_error(twt_py("serve", str(tmp_path), "--port", "eighty"), "invalid int value")
    assert_one_line_error(twt_py("serve", "--root", str(tmp_path)), "not a twt-py checkout")
    assert_one_line_error(twt_py("serve", str(tmp_path), "--tests"), "--tests")
    assert_one_line_error(twt_py("serve", "--host", "no such host!", str(tmp_path)), "--host")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        assert_one_line_error(
            twt_py("serve", str(tmp_path), "--port", str(port)), "port %d" % port, "in use", "--port"
        )


def test_serve_without_a_folder_serves_the_current_one(tmp_path: Path) -> None:
    """Outside a checkout, `twt-py serve` serves the current folder (here: fails on its port,
    which shows it got past choosing what to serve)."""
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        done = twt_py("serve", "--port", str(busy.getsockname()[1]), cwd=tmp_path)
    assert_one_line_error(done, "in use")


# ---------------------------------------------------------------- init


def test_init_writes_a_site_for_each_runtime(tmp_path: Path) -> None:
    for runtime in _starter.RUNTIMES:
        done = twt_py("init", str(tmp_path / runtime), "--runtime", runtime, "--appid", "APP-1")
        assert done.returncode == 0, done.stderr
        folder = tmp_path / runtime
        names = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
        assert names == {
            "index.html", "main.py", "package.json", "pytest.ini", ".gitignore", ".npmrc",
            "README.md", "tests/conftest.py", "tests/test_site.py",
        }
        deps = json.loads((folder / "package.json").read_text())["dependencies"]
        assert deps == {name: _starter.RUNTIME_VERSIONS[name] for name in _starter.PACKAGES[runtime]}
        assert 'APPID = "APP-1"' in (folder / "main.py").read_text()
        compile((folder / "main.py").read_text(), "main.py", "exec")
        page = (folder / "index.html").read_text()
        assert "http" not in page.replace("mailto:", "")  # nothing from a CDN
        # twt_py by the fast path; the README names the plain files as the alternative.
        fast = [n for n in _fastpath.artifact_names() if '"/dist/%s"' % n in page]
        assert len(fast) == 1, (runtime, fast)
        assert "twt_py.zip" not in page and "twt_py.brython.js" not in page
        plain = "twt_py.brython.js" if runtime == "brython" else '"/dist/twt_py.zip": "./*"'
        readme = (folder / "README.md").read_text()
        assert fast[0] in readme and plain in readme, runtime


def test_init_pins_the_runtimes_twt_py_is_tested_with() -> None:
    pinned = json.loads((ROOT / "package.json").read_text())
    assert _starter.RUNTIME_VERSIONS == pinned["dependencies"]
    assert _starter.FONTS_VERSION == pinned["devDependencies"]["dejavu-fonts-ttf"]


def test_init_errors_are_one_line(tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    assert_one_line_error(twt_py("init", str(tmp_path / "full")), "not empty", "--force")
    assert_one_line_error(twt_py("init", str(tmp_path / "full" / "x")), "is a file")
    assert_one_line_error(twt_py("init", str(tmp_path / "a"), "--runtime", "cpython"), "invalid choice")
    assert_one_line_error(twt_py("init", str(tmp_path / "b"), "--appid", 'x"y'), "APPID")
    assert twt_py("init", str(tmp_path / "full"), "--force").returncode == 0


def test_the_checkout_server_names_the_shim_as_the_build_does() -> None:
    from twt_py._cpython.server import create_app

    client = Client(create_app(ROOT, app_secret="s"))
    shim = client.get("/dist/twt-early.js")
    assert shim.status_code == 200 and "__twt_early__" in shim.text
    assert shim.text == client.get("/static/twt-early.js").text
