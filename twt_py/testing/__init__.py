"""twt_py.testing: test a page that embeds TWT Chat, offline, with pytest-playwright.

Install `twt-py[testing]`; the plugin registers itself with pytest (entry point `twt_py`) and
adds, next to pytest-playwright's `page`, `context`, `base_url` and flags:

- `chat_mock`: the vendor's production SDK URL (`https://visitorchat.twt.com/install/core.js`,
  any query) answered with the mock SDK that ships with twt-py, and Python control of it:
  `agent_message`, `fail`, `set_boot_delay`, `never_ready`, `reset`, views of the page's API
  `calls` and the widget's `state`, and waits on real page signals (`wait_ready`,
  `wait_for_call`, `wait_for_state`), and `audit()`: axe-core on the page, zero violations;
- `assert_accessible(page)` / `audit(page)`: the same accessibility check on any page;
- `local_runtimes` (or `--twt-local-runtimes`, the `twt_local_runtimes` ini option or marker):
  CDN URLs of PyScript, Pyodide, MicroPython and Brython answered from a local `node_modules`.
- on every test with a browser context: a page's uncaught Python or JS error, or a runtime
  that never starts, stops the test at once with the traceback first (`page_errors` and the
  `twt_allow_errors` marker let an expected one pass).

It launches `--twt-browser PATH` / `$TWT_PY_BROWSER`, else the system's Chromium or Chrome, else
Playwright's own (`find_browser`), with `--no-sandbox` as root or in a container (with
pytest-playwright's `--browser firefox|webkit`: Playwright's own build of that engine); a failing
test whose page's runtime or SDK request failed names it and suggests `--twt-local-runtimes`.
`serve_site(folder)` serves a site folder as `twt-py serve` does.

```python
from playwright.sync_api import Page, expect

def test_contact_button_opens_the_chat(page: Page, chat_mock) -> None:
    page.goto("/")
    chat_mock.wait_ready()
    page.get_by_role("button", name="Contact us").click()
    chat_mock.wait_for_call("open")
    assert chat_mock.state.open
```

CPython only (it drives a browser); never part of the browser bundles. docs/testing.md has the
full reference.
"""

from ._audit import (
    AccessibilityError,
    AuditReport,
    Violation,
    assert_accessible,
    audit,
    axe_core_path,
)
from ._browser import Browser, BrowserNotFound, find_browser, launch_args
from ._mock import (
    DEFAULT_TIMEOUT_MS,
    PRODUCTION_SDK_GLOB,
    PRODUCTION_SDK_URL,
    Call,
    ChatMock,
    ChatState,
    Message,
    mock_sdk_path,
    window_listeners,
)
from ._pagewatch import PageError, PageErrors
from ._plugin import chat_mock, local_runtimes, page_errors
from ._runtimes import PACKAGES, LocalRuntimes, LocalRuntimeWarning, Served
from ._serve import install_runtimes, serve_site

# The plugin's hooks and its opt-in fixture: pytest finds them on this module (the entry point).
from ._plugin import _twt_browser_context as _twt_browser_context  # isort: skip
from ._plugin import pytest_addoption as pytest_addoption  # isort: skip
from ._plugin import pytest_configure as pytest_configure  # isort: skip
from ._plugin import pytest_runtest_call as pytest_runtest_call  # isort: skip
from ._plugin import pytest_runtest_makereport as pytest_runtest_makereport  # isort: skip

__all__ = [
    "DEFAULT_TIMEOUT_MS",
    "PACKAGES",
    "PRODUCTION_SDK_GLOB",
    "PRODUCTION_SDK_URL",
    "AccessibilityError",
    "AuditReport",
    "Browser",
    "BrowserNotFound",
    "Call",
    "ChatMock",
    "ChatState",
    "LocalRuntimeWarning",
    "LocalRuntimes",
    "Message",
    "PageError",
    "PageErrors",
    "Served",
    "Violation",
    "assert_accessible",
    "audit",
    "axe_core_path",
    "chat_mock",
    "find_browser",
    "install_runtimes",
    "launch_args",
    "local_runtimes",
    "mock_sdk_path",
    "page_errors",
    "serve_site",
    "window_listeners",
]
