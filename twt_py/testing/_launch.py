"""The kit's `browser_type_launch_args`: pytest-playwright's, plus the browser `find_browser`
picks and the flags a root user or a container needs. Registered by the plugin at
`pytest_configure`, after every entry-point plugin, so it wraps pytest-playwright's fixture
whatever order the plugins loaded in; a conftest's own override still wins.

When the project pins its fonts (`npm install --save-dev dejavu-fonts-ttf`, as `twt-py init`
writes, or `$TWT_PY_FONTS`), the browser sees only those, in UTC and an en-US locale, so text
widths and what the chat widget covers are the same on every machine (`_rendering.py`).
"""

from __future__ import annotations

from typing import Any, cast

import pytest

from . import _rendering
from ._browser import BrowserNotFound, launch_args


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], browser_name: str, pytestconfig: pytest.Config
) -> dict[str, Any]:
    explicit = pytestconfig.getoption("twt_browser")
    if browser_name != "chromium" or ("channel" in browser_type_launch_args and not explicit):
        return browser_type_launch_args  # --browser firefox, --browser-channel chrome
    try:
        found = launch_args(explicit, extra=list(browser_type_launch_args.get("args", [])))
    except BrowserNotFound as exc:
        pytest.fail("twt_py.testing: %s" % exc, pytrace=False)
    args = list(cast("list[str]", found["args"]))
    fonts = _rendering.find_fonts(pytestconfig.rootpath)
    if fonts is not None:
        found["env"] = _rendering.browser_env(fonts)
        args += _rendering.LAUNCH_ARGS
    return {**found, **browser_type_launch_args, "args": args}
