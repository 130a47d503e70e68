"""Which browser the test kit launches (`twt_py.testing.find_browser`), in order: `--twt-browser`,
`$TWT_PY_BROWSER`, the system's Chromium or Chrome, Playwright's own; and the flags for root
and containers."""

import stat
from pathlib import Path

import pytest

from twt_py.testing import _browser
from twt_py.testing._browser import BrowserNotFound, find_browser, launch_args


def executable(path: Path) -> str:
    path.write_text("#!/bin/sh\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


@pytest.fixture
def machine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> "dict[str, object]":
    """No browser anywhere unless a test adds one; not root, not in a container."""
    state: "dict[str, object]" = {"path": {}, "playwright": None, "root": False, "container": False}
    monkeypatch.delenv(_browser.BROWSER_ENV, raising=False)
    monkeypatch.setattr(_browser.shutil, "which", lambda name: state["path"].get(name))  # type: ignore[attr-defined]
    monkeypatch.setattr(_browser, "SYSTEM_PATHS", (str(tmp_path / "opt-chrome"),))
    monkeypatch.setattr(_browser, "_playwright_chromium", lambda: state["playwright"])
    monkeypatch.setattr(_browser, "is_root", lambda: state["root"])
    monkeypatch.setattr(_browser, "in_container", lambda: state["container"])
    return state


def test_the_order(machine: "dict[str, object]", tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(BrowserNotFound, match=r"--twt-browser.*TWT_PY_BROWSER.*apt-get install chromium.*playwright install chromium"):
        find_browser()
    machine["playwright"] = "/pw/chrome"
    assert find_browser() == (None, "playwright")
    opt = executable(tmp_path / "opt-chrome")
    assert find_browser() == (opt, "system")
    on_path = executable(tmp_path / "chromium")
    machine["path"] = {"chromium": on_path}
    assert find_browser() == (on_path, "system (PATH)")
    env = executable(tmp_path / "env-chrome")
    monkeypatch.setenv("TWT_PY_BROWSER", env)
    assert find_browser() == (env, "$TWT_PY_BROWSER")
    flag = executable(tmp_path / "flag-chrome")
    assert find_browser(flag) == (flag, "--twt-browser")


def test_a_bad_path_is_named(machine: "dict[str, object]", tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(BrowserNotFound, match=r"--twt-browser '/no/such/chrome' is not an executable file"):
        find_browser("/no/such/chrome")
    (tmp_path / "plain").write_text("")
    monkeypatch.setenv("TWT_PY_BROWSER", str(tmp_path / "plain"))
    with pytest.raises(BrowserNotFound, match=r"TWT_PY_BROWSER .* is not an executable file"):
        find_browser()


def test_flags_for_root_and_containers(machine: "dict[str, object]", tmp_path: Path) -> None:
    exe = executable(tmp_path / "chromium")
    assert launch_args(exe) == {"executable_path": exe, "args": []}
    machine["root"] = True
    assert launch_args(exe)["args"] == ["--no-sandbox"]
    machine["root"], machine["container"] = False, True
    assert launch_args(exe, extra=["--no-sandbox", "--x"])["args"] == [
        "--no-sandbox", "--disable-dev-shm-usage", "--x"
    ]
    machine["playwright"] = "/pw/chrome"
    assert "executable_path" not in launch_args()  # Playwright's own: no path to pass


def test_an_engine_playwright_has_not_downloaded_is_named_with_its_install_command(
    tmp_path: Path,
) -> None:
    from twt_py.testing._launch import missing_engine

    gone = str(tmp_path / "webkit-2200" / "pw_run.sh")
    assert missing_engine("webkit", gone) == (
        "twt_py.testing: Playwright's webkit is not installed (no %s): run "
        "`python -m playwright install webkit`" % gone
    )
    assert missing_engine("firefox", executable(tmp_path / "firefox")) is None


def test_every_engine_gets_a_locale_with_a_language(tmp_path: Path) -> None:
    # WebKit takes navigator.language from the locale: "C" is no language tag.
    from twt_py.testing._rendering import browser_env

    assert browser_env(None)["LC_ALL"] == "C.UTF-8"  # Chromium: its --lang flag decides
    for engine in ("webkit", "firefox"):
        env = browser_env(None, engine=engine)
        assert env["LANG"] == env["LC_ALL"] == "en_US.UTF-8", env
