"""Helpers for the test kit's own tests (`twt_py.testing`).

The project harness (tests/conftest.py) provides the browser, `base_url` (the project server)
and the guard that fails a test on any non-local request or console error. `kit_site` serves
`tests/kit/pages/` and pages a test writes at `<base_url>/_kit/`, on the project server's
origin, so `/static/`, `/runtimes/` and `/dist/` resolve as on the demo.
"""

from pathlib import Path
from urllib.parse import urlsplit

import pytest

PAGES = Path(__file__).resolve().parent / "pages"
ROOT = Path(__file__).resolve().parents[2]

ISOLATION_HEADERS = {
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-embedder-policy": "require-corp",
}
TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8"}


class KitSite:
    """Pages at `<base_url>/_kit/<name>`: files of tests/kit/pages, or HTML from `add()`."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.pages: "dict[str, str]" = {}
        self.isolated: "set[str]" = set()

    def url(self, name: str) -> str:
        return "%s/_kit/%s" % (self.base_url, name)

    def add(self, name: str, html: str) -> str:
        self.pages[name] = html
        return self.url(name)

    def isolate(self, name: str) -> str:
        """Serve page `name` cross-origin isolated (COOP same-origin, COEP require-corp)."""
        self.isolated.add(name)
        return self.url(name)

    def handle(self, route) -> None:  # type: ignore[no-untyped-def]
        name = urlsplit(route.request.url).path[len("/_kit/") :]
        headers = dict(ISOLATION_HEADERS) if name in self.isolated else {}
        if name in self.pages:
            route.fulfill(
                status=200, content_type=TYPES[".html"], body=self.pages[name], headers=headers
            )
            return
        path = (PAGES / name).resolve()
        if PAGES in path.parents and path.is_file():
            route.fulfill(
                status=200,
                content_type=TYPES.get(path.suffix, "text/plain"),
                path=path,
                headers=headers,
            )
        else:
            route.fulfill(status=404, body="not found")


@pytest.fixture
def kit_site(context, base_url: str) -> KitSite:  # type: ignore[no-untyped-def]
    site = KitSite(base_url)
    context.route(site.base_url + "/_kit/**", site.handle)
    return site


INNER_CONFTEST = '''
import importlib.util
import pytest

_spec = importlib.util.spec_from_file_location("twt_playwright_config", %(config)r)
config = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(config)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, **config.launch_args()}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, **config.CONTEXT_ARGS}


@pytest.fixture(scope="session")
def base_url():
    return "http://127.0.0.1:9"


@pytest.fixture
def site(context):
    """Pages from the `PAGES` dict of the test module, at http://127.0.0.1:9/<name>."""
    pages = {}

    def handle(route):
        name = route.request.url.split("127.0.0.1:9/", 1)[1].split("?")[0]
        if name in pages:
            kind = "text/html" if name.endswith(".html") else "text/javascript"
            route.fulfill(status=200, content_type=kind, body=pages[name])
        else:
            route.fulfill(status=404, body="not found")

    context.route("http://127.0.0.1:9/**", handle)
    return pages
'''


@pytest.fixture
def inner_suite(pytester: pytest.Pytester) -> pytest.Pytester:
    """A pytester folder whose conftest launches the project's browser and serves pages from
    a `site` dict at http://127.0.0.1:9/ (no server, no network)."""
    pytester.makeconftest(INNER_CONFTEST % {"config": str(ROOT / "playwright.config.py")})
    return pytester


@pytest.fixture
def user_suite(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> pytest.Pytester:
    """A suite with no conftest, on a machine where Playwright downloaded no browser: one
    file, `test_user.py`, holding the `SUITE` text of the test module that asks for it."""
    monkeypatch.delenv("TWT_PY_BROWSER", raising=False)
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(pytester.path / "no-downloads"))
    pytester.makepyfile(test_user=request.module.SUITE)
    return pytester
