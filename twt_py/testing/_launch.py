"""The kit's `browser_type_launch_args`: pytest-playwright's, plus the browser `find_browser`
picks and the flags a root user or a container needs. Registered by the plugin at
`pytest_configure`, after every entry-point plugin, so it wraps pytest-playwright's fixture
whatever order the plugins loaded in; a conftest's own override still wins.

With pytest-playwright's `--browser firefox` or `--browser webkit`, the kit launches
Playwright's own build of that engine (Chromium's finder and flags do not apply); when it is
not downloaded, every test fails with the one command that gets it, instead of Playwright's
traceback.

When the project pins its fonts (`npm install --save-dev dejavu-fonts-ttf`, as `twt-py init`
writes, or `$TWT_PY_FONTS`), the browser sees only those, in UTC and an en-US locale, so text
widths and what the chat widget covers are the same on every machine (`_rendering.py`).
"""

from __future__ import annotations

import os
from typing import Any, cast

import pytest

from . import _rendering
from ._browser import BrowserNotFound, launch_args


def missing_engine(browser_name: str, executable: str | None) -> str | None:
    """The one-line failure for a Playwright engine that is not downloaded, else None."""
    if executable and os.path.exists(executable):
        return None
    return (
        "twt_py.testing: Playwright's %s is not installed (no %s): run "
        "`python -m playwright install %s`" % (browser_name, executable or "executable", browser_name)
    )


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any],
    browser_name: str,
    browser_type: Any,
    pytestconfig: pytest.Config,
) -> dict[str, Any]:
    explicit = pytestconfig.getoption("twt_browser")
    fonts = _rendering.find_fonts(pytestconfig.rootpath)
    if browser_name != "chromium":
        if explicit:
            pytest.fail(
                "twt_py.testing: --twt-browser %s names a Chromium, but the tests run in %s "
                "(--browser %s); drop one of the two" % (explicit, browser_name, browser_name),
                pytrace=False,
            )
        if "channel" not in browser_type_launch_args:
            path = browser_type_launch_args.get("executable_path") or browser_type.executable_path
            missing = missing_engine(browser_name, path)
            if missing:
                pytest.fail(missing, pytrace=False)
        if fonts is None:
            return browser_type_launch_args
        env = _rendering.browser_env(fonts, engine=browser_name)
        return {"env": env, **browser_type_launch_args}
    if "channel" in browser_type_launch_args and not explicit:
        return browser_type_launch_args  # --browser-channel chrome
    try:
        found = launch_args(explicit, extra=list(browser_type_launch_args.get("args", [])))
    except BrowserNotFound as exc:
        pytest.fail("twt_py.testing: %s" % exc, pytrace=False)
    args = list(cast("list[str]", found["args"]))
    if fonts is not None:
        found["env"] = _rendering.browser_env(fonts)
        args += _rendering.LAUNCH_ARGS
    return {**found, **browser_type_launch_args, "args": args}
