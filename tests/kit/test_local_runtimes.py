"""Local runtimes (`twt_py.testing`): CDN URLs of PyScript, Pyodide, MicroPython and Brython
answered from the checkout's `node_modules`, with version mismatches and missing files reported.

The pages are written here, not kept as files: the project's pages never name a CDN. Host
names are assembled from parts for the same reason (a repository check looks for them).
"""

import json
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from twt_py.testing import LocalRuntimes, LocalRuntimeWarning

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
JSDELIVR = "https://" + ".".join(["cdn", "jsdelivr", "net"])
UNPKG = "https://" + ".".join(["unpkg", "com"])
PYSCRIPT = "https://" + ".".join(["pyscript", "net"]) + "/releases"
CLOUDFLARE_LIBS = "https://" + ".".join(["cdn" + "js", "cloudflare", "com"]) + "/ajax/libs"


def version(package: str) -> str:
    return json.loads((NODE_MODULES / package / "package.json").read_text())["version"]


PYSCRIPT_VERSION = version("@pyscript/core")
BRYTHON_VERSION = version("brython")
MICROPYTHON_VERSION = version("@micropython/micropython-webassembly-pyscript")
PYODIDE_VERSION = version("pyodide")


def pyscript_page(kind: str, core: str = PYSCRIPT_VERSION) -> str:
    """A PyScript page as its docs write it: core from PyScript's releases, the interpreter
    from PyScript's default (a CDN)."""
    return """<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="%(base)s/%(core)s/core.css">
<script type="module" src="%(base)s/%(core)s/core.js"></script>
</head><body>
<script type="%(kind)s">
import sys
from pyscript import document
document.body.setAttribute("data-ran", sys.implementation.name)
</script></body></html>""" % {"base": PYSCRIPT, "core": core, "kind": kind}


def brython_page(brython_js: str, stdlib_js: str = "") -> str:
    """A Brython page; with the standard library it also imports `json` from it."""
    stdlib = '<script src="%s"></script>' % stdlib_js if stdlib_js else ""
    ran = 'json.dumps(["brython"])' if stdlib_js else '"brython"'
    return """<!doctype html><html><head><meta charset="utf-8">
<script src="%s"></script>%s</head><body>
<script type="text/python">
from browser import document
%s
document.body.setAttribute("data-ran", %s)
</script></body></html>""" % (brython_js, stdlib, "import json" if stdlib_js else "", ran)


# ---------------------------------------------------------------- URL matching (no browser)


def test_resolve_each_cdn_form() -> None:
    runtimes = LocalRuntimes(NODE_MODULES)
    assert set(runtimes.packages) == {
        "@pyscript/core",
        "pyodide",
        "@micropython/micropython-webassembly-pyscript",
        "brython",
    }
    mpy = "@micropython/micropython-webassembly-pyscript"
    cases = {
        PYSCRIPT + "/2024.9.2/core.js": ("@pyscript/core", "2024.9.2", "dist/core.js"),
        JSDELIVR + "/npm/@pyscript/core@0.7.31/dist/core.js": (
            "@pyscript/core",
            "0.7.31",
            "dist/core.js",
        ),
        JSDELIVR + "/pyodide/v0.27.1/full/pyodide.mjs": ("pyodide", "0.27.1", "pyodide.mjs"),
        JSDELIVR + "/pyodide/v0.27.1/full/python_stdlib.zip?x=1": (
            "pyodide",
            "0.27.1",
            "python_stdlib.zip",
        ),
        JSDELIVR + "/npm/%s@1.28.0-6/micropython.mjs" % mpy: (mpy, "1.28.0-6", "micropython.mjs"),
        JSDELIVR + "/npm/brython@3.13.0/brython.min.js": ("brython", "3.13.0", "brython.min.js"),
        JSDELIVR + "/npm/brython/brython.js": ("brython", None, "brython.js"),
        UNPKG + "/brython@3.14/brython_stdlib.js": ("brython", "3.14", "brython_stdlib.js"),
        CLOUDFLARE_LIBS + "/brython/3.12.4/brython.min.js": ("brython", "3.12.4", "brython.min.js"),
    }
    for url, expected in cases.items():
        assert runtimes.resolve(url) == expected, url
    for url in (
        JSDELIVR + "/npm/jquery@3.7.1/dist/jquery.min.js",
        "https://visitorchat.twt.com/install/core.js?version=v1.2",
        "http://127.0.0.1:8000/runtimes/brython/brython.js",
    ):
        assert runtimes.resolve(url) is None, url


def test_only_installed_packages_are_answered(tmp_path: Path) -> None:
    (tmp_path / "brython").mkdir()
    (tmp_path / "brython" / "package.json").write_text('{"version": "3.14.3"}')
    runtimes = LocalRuntimes(tmp_path)
    assert runtimes.packages == {"brython": ((tmp_path / "brython").resolve(), "3.14.3")}
    assert runtimes.matches(JSDELIVR + "/npm/brython@3.14.3/brython.js")
    # not installed here: left to the network (or to the suite's own guard)
    assert not runtimes.matches(JSDELIVR + "/pyodide/v0.27.1/full/pyodide.mjs")
    with pytest.raises(ValueError, match="mismatch must be"):
        LocalRuntimes(tmp_path, mismatch="fail")


# ---------------------------------------------------------------- in the browser


@pytest.mark.browser
def test_pyscript_and_micropython_from_local_files(
    page: Page, local_runtimes: LocalRuntimes, kit_site
) -> None:  # type: ignore[no-untyped-def]
    page.goto(kit_site.add("mpy.html", pyscript_page("mpy")))
    expect(page.locator("body")).to_have_attribute("data-ran", "micropython", timeout=30_000)
    urls = [s.url for s in local_runtimes.served]
    assert PYSCRIPT + "/%s/core.js" % PYSCRIPT_VERSION in urls
    assert (
        JSDELIVR
        + "/npm/@micropython/micropython-webassembly-pyscript@%s/micropython.mjs"
        % MICROPYTHON_VERSION
        in urls
    )
    assert {s.status for s in local_runtimes.served} == {200}
    assert local_runtimes.mismatches == [] and local_runtimes.missing == []
    wasm = [s for s in local_runtimes.served if s.url.endswith(".wasm")]
    assert (
        wasm
        and wasm[0].file
        == (
            NODE_MODULES / "@micropython/micropython-webassembly-pyscript/micropython.wasm"
        ).resolve()
    )


@pytest.mark.browser
def test_brython_from_three_cdn_forms(page: Page, local_runtimes: LocalRuntimes, kit_site) -> None:  # type: ignore[no-untyped-def]
    page.goto(
        kit_site.add(
            "b1.html",
            brython_page(
                JSDELIVR + "/npm/brython@%s/brython.js" % BRYTHON_VERSION,
                UNPKG + "/brython@%s/brython_stdlib.js" % BRYTHON_VERSION,
            ),
        )
    )
    expect(page.locator("body")).to_have_attribute("data-ran", '["brython"]', timeout=30_000)
    page.goto(
        kit_site.add("b2.html", brython_page(CLOUDFLARE_LIBS + "/brython/%s/brython.js" % BRYTHON_VERSION))
    )
    expect(page.locator("body")).to_have_attribute("data-ran", "brython", timeout=30_000)
    assert [s.status for s in local_runtimes.served] == [200, 200, 200]
    assert local_runtimes.mismatches == []


@pytest.mark.browser
def test_pyodide_with_a_version_mismatch_is_served_and_reported(
    context: BrowserContext, page: Page, kit_site
) -> None:  # type: ignore[no-untyped-def]
    """PyScript's default Pyodide is not the local one: the page still runs, on the local
    version, and the mismatch is reported."""
    runtimes = LocalRuntimes(NODE_MODULES).install(context)
    page.goto(kit_site.add("py.html", pyscript_page("py")))
    expect(page.locator("body")).to_have_attribute("data-ran", "cpython", timeout=60_000)
    asked = {s.asked for s in runtimes.mismatches}
    assert len(asked) == 1 and PYODIDE_VERSION not in asked
    assert {s.package for s in runtimes.mismatches} == {"pyodide"}
    with pytest.warns(LocalRuntimeWarning) as caught:
        assert runtimes.report() == []
    text = str(caught[0].message)
    assert text.startswith("twt_py.testing: the page asked for pyodide %s (" % asked.pop())
    assert (
        "and got the local copy, pyodide %s from %s"
        % (PYODIDE_VERSION, (NODE_MODULES / "pyodide").resolve())
        in text
    )
    runtimes.uninstall()


@pytest.mark.browser
@pytest.mark.twt_allow_errors("interpreter never started")  # Brython is refused: expected
def test_mismatch_error_serves_nothing(
    context: BrowserContext, page: Page, kit_site, console_errors
) -> None:  # type: ignore[no-untyped-def]
    console_errors.allow("ERR_BLOCKED_BY_CLIENT")
    runtimes = LocalRuntimes(NODE_MODULES, mismatch="error").install(context)
    page.goto(kit_site.add("old.html", brython_page(JSDELIVR + "/npm/brython@3.9.0/brython.js")))
    assert page.evaluate("typeof window.__BRYTHON__") == "undefined"
    assert [(s.asked, s.status) for s in runtimes.served] == [("3.9.0", 0)]
    fatal = runtimes.report()
    assert fatal == [
        "the page asked for brython 3.9.0 (%s/npm/brython@3.9.0/brython.js) and got nothing "
        "(mismatch=error), brython %s from %s"
        % (JSDELIVR, BRYTHON_VERSION, (NODE_MODULES / "brython").resolve())
    ]


@pytest.mark.browser
def test_a_file_the_local_package_lacks_is_a_404(
    context: BrowserContext, page: Page, kit_site, console_errors
) -> None:  # type: ignore[no-untyped-def]
    console_errors.allow("404")
    runtimes = LocalRuntimes(NODE_MODULES).install(context)
    url = (
        JSDELIVR
        + "/pyodide/v%s/full/numpy-2.0.0-cp312-cp312-pyodide_2024_0_wasm32.whl" % PYODIDE_VERSION
    )
    page.goto(kit_site.add("empty.html", "<!doctype html><title>x</title>"))
    status = page.evaluate("url => fetch(url).then(r => r.status)", url)
    assert status == 404
    assert [s.url for s in runtimes.missing] == [url]
    with pytest.warns(
        LocalRuntimeWarning, match="is not in the local pyodide %s" % PYODIDE_VERSION
    ):
        runtimes.report()


def test_a_pyscript_release_name_is_reported_with_a_hint() -> None:
    from twt_py.testing import Served

    runtimes = LocalRuntimes(NODE_MODULES)
    url = PYSCRIPT + "/2025.11.1/core.js"
    assert runtimes.resolve(url) == ("@pyscript/core", "2025.11.1", "dist/core.js")
    runtimes.served.append(Served(url, "@pyscript/core", "2025.11.1", PYSCRIPT_VERSION, None, 200))
    (line,) = runtimes.problems()
    assert line.endswith(
        "PyScript names its releases by date and npm's @pyscript/core by number, so check that "
        "release 2025.11.1 is %s (or load @pyscript/core@<version> from npm)" % PYSCRIPT_VERSION
    )
