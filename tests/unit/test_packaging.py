"""twt-py installs from anywhere: a clone, a git URL, an sdist, a wheel, with no npm step.

- The test kit's axe-core is vendored (`twt_py/testing/axe.min.js`, with its licences) at the
  version `package.json` pins, byte for byte the file npm installs, so a clone builds with
  no node_modules and audits run the same engine in the checkout and in a site owner's venv.
- An sdist built from the files git tracks, then a wheel built from that sdist, both without
  build isolation (so without the network) and without node_modules, carry axe-core and the
  other package data.
- `twt-py --version` prints the version the package metadata has.
"""

import base64
import hashlib
import importlib.metadata
import json
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

import twt_py
from twt_py._cpython.cli import main

ROOT = Path(__file__).resolve().parents[2]
VENDORED = ROOT / "twt_py" / "testing" / "axe.min.js"
LICENCES = ("axe-core.LICENSE", "axe-core.LICENSE-3RD-PARTY.txt")
INSTALLED = ROOT / "node_modules" / "axe-core"


def pinned_axe() -> str:
    return str(json.loads((ROOT / "package.json").read_text("utf-8"))["devDependencies"]["axe-core"])


def test_the_vendored_axe_core_is_the_pinned_version() -> None:
    head = VENDORED.read_text("utf-8")[:200]
    match = re.match(r"/\*! axe v(\S+)", head)
    assert match, head
    assert match.group(1) == pinned_axe(), (
        "twt_py/testing/axe.min.js is axe %s but package.json pins %s: copy "
        "node_modules/axe-core/axe.min.js (and its LICENSE files) over it"
        % (match.group(1), pinned_axe())
    )
    for name in LICENCES:
        assert (VENDORED.parent / name).is_file(), name
    assert "Mozilla Public License" in (VENDORED.parent / LICENCES[0]).read_text("utf-8")


@pytest.mark.skipif(not INSTALLED.is_dir(), reason="npm ci has not run: no node_modules/axe-core")
def test_the_vendored_axe_core_is_the_file_npm_installs() -> None:
    installed = json.loads((INSTALLED / "package.json").read_text("utf-8"))
    assert installed["version"] == pinned_axe()
    assert VENDORED.read_bytes() == (INSTALLED / "axe.min.js").read_bytes()
    # ... and the file Deque published for that version (its subresource-integrity record).
    sri = json.loads((INSTALLED / "sri-history.json").read_text("utf-8"))[pinned_axe()]
    digest = base64.b64encode(hashlib.sha256(VENDORED.read_bytes()).digest()).decode()
    assert sri["axe.min.js"] == "sha256-" + digest
    for name in LICENCES:
        upstream = name.replace("axe-core.", "")
        assert (VENDORED.parent / name).read_bytes() == (INSTALLED / upstream).read_bytes()


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == "twt-py %s" % twt_py.__version__
    assert importlib.metadata.version("twt-py") == twt_py.__version__


def _tracked_copy(dest: Path) -> Path:
    """The files git tracks (what a fresh clone has), without node_modules or .venv."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode().split("\0")
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    assert not (dest / "node_modules").exists()
    return dest


def test_an_sdist_and_a_wheel_build_offline_without_node_modules(tmp_path: Path) -> None:
    pytest.importorskip("hatchling", reason="the test extra installs hatchling")
    clone = _tracked_copy(tmp_path / "clone")
    out = tmp_path / "out"

    def run(*args: str, cwd: Path) -> None:
        done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stdout + done.stderr

    run(sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(out), cwd=clone)
    (sdist,) = out.glob("twt_py-*.tar.gz")
    names = tarfile.open(sdist).getnames()
    assert any(n.endswith("twt_py/testing/axe.min.js") for n in names), names
    assert not any("node_modules" in n for n in names)
    # The wheel from the sdist, as pip does for `pip install twt-py-X.tar.gz`, with no index.
    run(
        sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
        "--no-index", "-w", str(out), str(sdist), cwd=tmp_path,
    )
    (wheel,) = out.glob("twt_py-*.whl")
    assert wheel.name.startswith("twt_py-%s-" % twt_py.__version__)
    inside = set(zipfile.ZipFile(wheel).namelist())
    assert {
        "twt_py/testing/axe.min.js",
        "twt_py/testing/axe-core.LICENSE",
        "twt_py/testing/twt-mock-sdk.js",
        "twt_py/_static/twt-early.js",
    } <= inside
    licences = [n for n in inside if "/licenses/" in n]
    assert any(n.endswith("axe-core.LICENSE") for n in licences), sorted(inside)
