"""From `pip install twt-py` to a tested page, as a site owner does it: the project's wheel is
built and installed into a fresh virtual environment (not the checkout), `twt-py init` writes a
site for each runtime into an empty folder, and that site's own suite runs there, with the
system Chromium found by the kit (no Playwright browser downloaded, no `TWT_PY_BROWSER`).

The site's tests run `npm install` for its pinned runtimes and block every request that leaves
127.0.0.1, so the browser part is offline.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENV_DROP = ("PYTEST", "TWT_PY", "PLAYWRIGHT", "VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")


def _env(venv: Path, home: Path) -> "dict[str, str]":
    env = {k: v for k, v in os.environ.items() if not k.startswith(ENV_DROP)}
    env["PATH"] = "%s%s%s" % (venv / "bin", os.pathsep, env.get("PATH", ""))
    env["PLAYWRIGHT_BROWSERS_PATH"] = str(home / "no-playwright-browsers")  # none downloaded
    env["npm_config_prefer_offline"] = "true"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _run(args: "list[str]", cwd: Path, env: "dict[str, str]", timeout: float = 600) -> str:
    done = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, "%s failed (%d):\n%s" % (" ".join(args), done.returncode, output)
    return output


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> "tuple[Path, dict[str, str]]":
    """A virtual environment with twt-py[testing] installed from the wheel built here."""
    home = tmp_path_factory.mktemp("user")
    wheels = home / "wheels"
    base_env = _env(home / "none", home)
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)], home, base_env)
    (wheel,) = wheels.glob("twt_py-*.whl")
    venv = home / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], home, base_env)
    env = _env(venv, home)
    _run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "%s[testing]" % wheel], home, env)
    where = _run([str(venv / "bin" / "python"), "-c", "import twt_py; print(twt_py.__file__)"], home, env)
    assert str(venv) in where and str(ROOT) not in where, where
    return venv, env


def test_a_new_site_passes_its_own_tests(
    installed: "tuple[Path, dict[str, str]]", runtime: str, tmp_path: Path
) -> None:
    venv, env = installed
    out = _run([str(venv / "bin" / "twt-py"), "init", "site", "--runtime", runtime], tmp_path, env)
    site = tmp_path / "site"
    assert "site/tests/test_site.py" in out
    # The README's one test command, in the new folder.
    result = _run([str(venv / "bin" / "pytest"), "-v"], site, env)
    assert "4 passed" in result, result
    assert "test_the_page_passes_axe_core[chromium] PASSED" in result, result
    assert "--twt-browser" in _run([str(venv / "bin" / "pytest"), "--help"], site, env)
    for name in ("package.json", "package-lock.json"):
        text = (site / name).read_text() if (site / name).exists() else ""
        assert "registry." not in text, "a registry host name in %s" % name
