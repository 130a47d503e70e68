"""The `twt-py` command: sign, build and serve's argument handling."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from twt_py._cpython.cli import main
from twt_py._cpython.dist import browser_modules
from twt_py.identity import verify

SECRET = "cli-test-secret"


def run(args: "list[str]", env: "dict[str, str] | None" = None, stdin: str = "") -> "subprocess.CompletedProcess[str]":
    full_env = {k: v for k, v in os.environ.items() if k != "TWT_APP_SECRET"}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "twt_py._cpython.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=60,
    )


def test_sign_reads_the_secret_from_the_environment() -> None:
    out = run(["sign", "--sbs", "1001"], env={"TWT_APP_SECRET": SECRET})
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"sbs", "sbs_mm", "ranstr"}
    assert data["sbs"] == "1001"
    assert verify(data["sbs"], data["sbs_mm"], data["ranstr"], SECRET)
    assert SECRET not in out.stdout + out.stderr


def test_sign_reads_the_secret_from_stdin() -> None:
    out = run(["sign", "--sbs", "客户-001", "--ranstr", "0123456789abcdef"], stdin=SECRET + "\n")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["ranstr"] == "0123456789abcdef"
    assert verify("客户-001", data["sbs_mm"], data["ranstr"], SECRET)


def test_sign_never_takes_the_secret_as_an_argument() -> None:
    out = run(["sign", "--sbs", "1001", "--secret", SECRET], env={"TWT_APP_SECRET": SECRET})
    assert out.returncode == 2
    assert "unrecognized arguments" in out.stderr


def test_sign_without_a_secret_explains() -> None:
    out = run(["sign", "--sbs", "1001"], stdin="")
    assert out.returncode == 2
    assert "TWT_APP_SECRET" in out.stderr


def test_sign_rejects_an_empty_sbs() -> None:
    out = run(["sign", "--sbs", ""], env={"TWT_APP_SECRET": SECRET})
    assert out.returncode == 2
    assert "sbs" in out.stderr


def test_build_writes_every_distributable_without_server_code(tmp_path: Path) -> None:
    assert main(["build", "--out", str(tmp_path), "--base-url", "/static/twt_py/"]) == 0
    names = {p.name for p in tmp_path.iterdir()}
    assert {"pyscript-files.json", "twt_py.zip", "twt_py.brython.js", "twt_py", "twt-early.js"} <= names
    assert "twt_py.pyscript.js" in names  # the fast path (Brython's needs node: test_fastpath)
    wheels = list(tmp_path.glob("twt_py-*.whl"))
    assert len(wheels) == 1
    files = json.loads((tmp_path / "pyscript-files.json").read_text())["files"]
    assert files["/static/twt_py/__init__.py"] == "./twt_py/__init__.py"
    shipped = set(files.values())
    zipped = set(zipfile.ZipFile(tmp_path / "twt_py.zip").namelist())
    bundle = (tmp_path / "twt_py.brython.js").read_text()
    # The top-level files of twt_py/ and nothing from its CPython-only sub-folders.
    assert {"./" + m for m in browser_modules()} == shipped
    assert set(browser_modules()) == zipped
    assert sorted(p.name for p in (tmp_path / "twt_py").iterdir()) == sorted(
        m.split("/")[1] for m in browser_modules()
    )
    assert '"twt_py._cpython' not in bundle and '"twt_py.identity"' not in bundle
    assert "hashlib" not in bundle and "def sign(" not in bundle  # no signing code
    wheel = set(zipfile.ZipFile(wheels[0]).namelist())
    assert {"twt_py/identity/__init__.py", "twt_py/_cpython/cli.py"} <= wheel
    assert {
        "twt_py/_static/twt-early.js",
        "twt_py/_static/twt-lazy.js",
        "twt_py/testing/twt-mock-sdk.js",
        "twt_py/testing/axe.min.js",
    } <= wheel
    assert not any(n.startswith(("tests/", "demo/", "examples/", "benchmarks/")) for n in wheel)


def test_serve_needs_no_browser_to_parse(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["serve", "--help"])
    assert exc.value.code == 0
    assert "--port" in capsys.readouterr().out
