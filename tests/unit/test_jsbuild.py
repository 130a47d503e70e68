"""The generated scripts of static/ match their sources, and no hand-written script is long."""

import asyncio
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from twt_py._cpython import dist, jsbuild

STATIC = jsbuild.STATIC
MAX_LINES = 700


def test_the_committed_scripts_are_built_from_their_sources() -> None:
    assert jsbuild.stale() == [], "run: python -m twt_py._cpython.jsbuild"


def test_an_edited_source_makes_its_script_stale(tmp_path: Path) -> None:
    static = tmp_path / "static"
    shutil.copytree(STATIC, static)
    assert jsbuild.stale(static) == []
    widget = static / "mock" / "widget.js"
    widget.write_text(widget.read_text("utf-8") + "  // one more line\n", "utf-8")
    placeholder = static / "early" / "placeholder.js"
    placeholder.write_text(placeholder.read_text("utf-8").replace("Open chat", "Chat"), "utf-8")
    assert jsbuild.stale(static) == ["twt-mock-sdk.js", "twt-lazy.js"]
    assert jsbuild.main(["--check"]) == 0  # the checkout itself is untouched
    assert sorted(p.name for p in jsbuild.write(static)) == ["twt-lazy.js", "twt-mock-sdk.js"]
    assert jsbuild.stale(static) == []
    assert "  // one more line\n" in (static / "twt-mock-sdk.js").read_text("utf-8")


def test_the_mock_is_its_parts_in_one_scope() -> None:
    built = jsbuild.mock_sdk()
    assert built.startswith("/* Generated from static/mock/*.js")
    assert built.count("(function (window, document) {") == 1
    assert built.endswith("})(window, document);\n")
    for name in jsbuild.MOCK_PARTS:
        assert (STATIC / "mock" / name).read_text("utf-8") in built
    # the start runs last, after every part has declared what it uses
    assert built.rindex("if (opts.autoboot) startBoot();") > built.rindex("mock/load.js")


def test_the_lazy_shim_is_the_early_shim_and_the_placeholder() -> None:
    built = jsbuild.lazy_shim()
    early = (STATIC / "twt-early.js").read_text("utf-8")
    placeholder = (STATIC / "early" / "placeholder.js").read_text("utf-8")
    assert built.index(early) < built.index(placeholder)
    # every eager page downloads twt-early.js: the placeholder's UI is not in it
    assert "attachShadow" not in early and "Open chat" not in early
    assert "attachShadow" in placeholder


def test_no_hand_written_script_is_over_700_lines() -> None:
    generated = set(jsbuild.GENERATED)
    long = {}
    for path in sorted(STATIC.rglob("*.js")):
        if path.relative_to(STATIC).as_posix() in generated:
            continue
        lines = path.read_text("utf-8").count("\n")
        if lines > MAX_LINES:
            long[path.name] = lines
    assert long == {}


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js checks the syntax")
def test_every_script_parses() -> None:
    for name in [*jsbuild.GENERATED, "twt-early.js"]:
        out = subprocess.run(
            ["node", "--check", str(STATIC / name)], capture_output=True, text=True, check=False
        )
        assert out.returncode == 0, out.stderr


def get(app, path: str) -> httpx.Response:  # type: ignore[no-untyped-def]
    async def fetch() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
            return await c.get(path)

    return asyncio.run(fetch())


def test_twt_lazy_is_wherever_twt_early_is() -> None:
    # twt-early.js fetches twt-lazy.js from beside itself when a lazy mode needs it.
    from twt_py._cpython.server import create_app

    lazy = (STATIC / "twt-lazy.js").read_bytes()
    assert dist.early_shim("twt-lazy.js") == lazy
    app = create_app(STATIC.parent, app_secret="s")
    for path in ("/static/twt-lazy.js", "/dist/twt-lazy.js"):
        response = get(app, path)
        assert (response.status_code, response.content) == (200, lazy), path
