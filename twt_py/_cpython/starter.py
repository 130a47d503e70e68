"""`twt-py init DIR`: a small working site with TWT Chat, tests and pinned runtimes (CPython only).

```python
>>> write_site(Path("site"), runtime="micropython")     # doctest: +SKIP
[PosixPath('site/index.html'), PosixPath('site/main.py'), ...]
```

The site's page loads its runtime from `/runtimes/` and twt_py from `/dist/` by the fast path
(`twt_py.pyscript.js`, `twt_py.brython-compiled.js`), the URLs `twt-py serve` answers (from the
folder's `node_modules` and the installed twt_py); its README names the plain files too. Its tests use
`twt_py.testing` and run offline; its README says how to serve, test and deploy it.
"""

import json
from pathlib import Path

from .. import __version__

RUNTIMES = ("micropython", "pyodide", "brython")

#: npm packages each runtime's page loads, at the versions twt-py is tested with (the same pins
#: as twt-py's own package.json; a unit test keeps them equal).
RUNTIME_VERSIONS = {
    "@pyscript/core": "0.7.31",
    "@micropython/micropython-webassembly-pyscript": "1.28.0-6",
    "pyodide": "314.0.7",
    "brython": "3.14.3",
}
#: The fonts the tests' browser sees (twt_py.testing pins them when node_modules has them).
FONTS_VERSION = "2.37.3"
PACKAGES = {
    "micropython": ("@pyscript/core", "@micropython/micropython-webassembly-pyscript"),
    "pyodide": ("@pyscript/core", "pyodide"),
    "brython": ("brython",),
}
LABELS = {
    "micropython": "PyScript + MicroPython",
    "pyodide": "PyScript + Pyodide",
    "brython": "Brython",
}


class StarterError(Exception):
    """The site cannot be written; the message is one line saying what to do."""


# ---------------------------------------------------------------- the page

_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title}</title>
  <!-- No icon file: without this line the browser asks for /favicon.ico, a 404 on the console. -->
  <link rel="icon" href="data:,">
{head}
  <style>
    body {{ font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }}
    .badge {{ background: #b00020; color: #fff; border-radius: 1rem; padding: 0 .5rem; }}
  </style>
</head>
<body>
  <main>
    <h1>{title}</h1>
    <p>Questions about an order? Our team answers in the chat.</p>
    <p>
      <button id="contact" type="button" disabled>Contact us</button>
      <span id="unread" class="badge" role="status" aria-label="unread messages" hidden></span>
    </p>
    <p id="fallback" hidden>
      The chat is unavailable (<span id="reason"></span>).
      Write to us at <a href="mailto:help@example.com">help@example.com</a>.
    </p>
  </main>
{body}
</body>
</html>
"""

_PYSCRIPT_HEAD = """\
  <!-- PyScript, from node_modules/@pyscript/core/dist (twt-py serve: /runtimes/pyscript/) -->
  <link rel="stylesheet" href="/runtimes/pyscript/core.css">
  <script type="module" src="/runtimes/pyscript/core.js"></script>
  <!-- twt_py by the fast path: one request that starts with the page, nothing in the config
       (twt-py serve makes it; `twt-py build --out dist` writes it). -->
  <script type="module" src="/dist/twt_py.pyscript.js"></script>"""

_PYSCRIPT_BODY = """\
  <!-- The interpreter from node_modules (twt-py serve: /runtimes/{runtime}/). -->
  <{tag}-config>
    {{"interpreter": "/runtimes/{runtime}/{module}"}}
  </{tag}-config>
  <script type="{tag}" src="./main.py"></script>"""

_BRYTHON_HEAD = """\
  <!-- Brython, from node_modules/brython (twt-py serve: /runtimes/brython/); twt_py needs no
       brython_stdlib.js. twt_py by the fast path, compiled for this Brython (twt-py serve
       makes it; `twt-py build` writes it), first: it downloads while brython.js loads. -->
  <script src="/dist/twt_py.brython-compiled.js"></script>
  <script src="/runtimes/brython/brython.js"></script>"""

_BRYTHON_BODY = """\
  <script type="text/python" src="./main.py"></script>"""

# ---------------------------------------------------------------- the page's Python

_MAIN = '''"""The page's chat: a Contact button, an unread badge and a fallback ({label})."""

{imports}
from twt_py import Chat, install

APPID = "{appid}"

contact = document.getElementById("contact")
badge = document.getElementById("unread")


def show_unread(count):
    badge.textContent = "99+" if count > 99 else str(count)
    badge.hidden = count == 0


def show_fallback(error):
    document.getElementById("reason").textContent = error.message
    document.getElementById("fallback").hidden = False
    contact.disabled = True


def contact_us(event):
    Chat.open()  # before the SDK is ready, it opens the moment it is


Chat.on_unread(show_unread)
Chat.on_error(show_fallback)
{wire}

# `?mock` in the address loads the mock SDK that `twt-py serve` has at /static/ (try the page
# offline); otherwise the vendor's production SDK. The tests answer that URL with the mock.
if "mock" in window.location.search:
    install(APPID, launcher="custom", src="/static/twt-mock-sdk.js")
else:
    install(APPID, launcher="custom")
contact.disabled = False  # the page's Python is running
'''

_WIRE = {
    "pyscript": 'contact.addEventListener("click", create_proxy(contact_us))',
    "brython": 'contact.bind("click", contact_us)',
}
_IMPORTS = {
    "pyscript": "from pyscript import document, window\nfrom pyscript.ffi import create_proxy\n",
    "brython": "from browser import document, window\n",
}

# ---------------------------------------------------------------- the tests

_CONFTEST = '''"""Serve this folder for the tests (as `twt-py serve` does) and keep them offline."""

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Route, expect

from twt_py.testing import ChatMock, install_runtimes, serve_site

SITE = Path(__file__).resolve().parents[1]

# How long a test waits for the page (its Python runtime takes seconds to start, more on a
# busy machine) and for the chat. Only a failing test waits this long, and most do not: the
# test kit stops a test at the page's first uncaught error, or when its runtime never starts.
TIMEOUT_MS = @TIMEOUT_MS@
expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    install_runtimes(SITE)  # npm install, when package.json's runtimes are not in node_modules
    with serve_site(SITE) as url:
        yield url


@pytest.fixture
def chat_mock(chat_mock: ChatMock) -> ChatMock:
    chat_mock.timeout = TIMEOUT_MS
    return chat_mock


@pytest.fixture
def context(context: BrowserContext) -> Iterator[BrowserContext]:
    """Fail a test whose page reaches past this machine: everything it needs is local, and
    chat_mock answers the TWT SDK's production URL."""
    context.set_default_timeout(TIMEOUT_MS)
    outside: list[str] = []

    def guard(route: Route) -> None:
        if urlsplit(route.request.url).hostname in ("127.0.0.1", "localhost"):
            route.fallback()
        else:
            outside.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", guard)
    yield context
    assert not outside, "the page requested URLs outside this machine: %s" % outside
'''

# The tests' wait for each runtime: Pyodide boots in about 5 s on an idle machine.
_TIMEOUTS = {"micropython": "15_000", "brython": "15_000", "pyodide": "45_000"}

_TESTS = '''"""The page's chat features in a real browser, with the TWT SDK replaced by twt-py's mock."""

from playwright.sync_api import Page, expect

from twt_py.testing import ChatMock


def test_contact_us_opens_the_chat(page: Page, chat_mock: ChatMock) -> None:
    page.goto("/")
    # click() waits until the button is enabled, that is until the page's Python runs.
    page.get_by_role("button", name="Contact us").click()
    chat_mock.wait_for_state(open=True)
    assert ("open", ()) in chat_mock.calls


def test_unread_badge(page: Page, chat_mock: ChatMock) -> None:
    page.goto("/")
    chat_mock.wait_ready()
    expect(page.locator("#unread")).to_be_hidden()
    chat_mock.agent_message("Your order has shipped", author="Mia")
    expect(page.locator("#unread")).to_have_text("1")
    chat_mock.agent_messages(120)
    expect(page.locator("#unread")).to_have_text("99+")


def test_the_page_passes_axe_core(page: Page, chat_mock: ChatMock) -> None:
    page.goto("/")
    chat_mock.wait_ready()
    expect(page.get_by_role("button", name="Contact us")).to_be_enabled()
    chat_mock.agent_message("Your order has shipped", author="Mia")
    expect(page.locator("#unread")).to_have_text("1")
    chat_mock.audit()  # chat closed, with an unread badge
    page.get_by_role("button", name="Contact us").click()
    chat_mock.wait_for_state(open=True)
    chat_mock.audit()  # chat open


def test_fallback_when_the_chat_cannot_load(page: Page, chat_mock: ChatMock) -> None:
    chat_mock.fail("Blocked by an ad blocker")  # before goto: the SDK fails as it loads
    page.goto("/")
    expect(page.locator("#fallback")).to_contain_text("Blocked by an ad blocker")
    expect(page.get_by_role("button", name="Contact us")).to_be_disabled()
'''

_PYTEST_INI = """[pytest]
testpaths = tests
"""

# Lock files without the registry's address: they install the same from any registry or mirror.
_NPMRC = """omit-lockfile-registry-resolved=true
fund=false
audit=false
"""

_GITIGNORE = """node_modules/
.venv/
__pycache__/
.pytest_cache/
test-results/
"""

_README = """# {title}

A page with TWT Chat, written in Python with twt-py on
{label}: a Contact button that opens the chat, an unread badge, and a fallback when the chat
cannot load. Made by `twt-py init --runtime {runtime}`.

| file | what |
| --- | --- |
| `index.html` | the page: the runtime, twt_py, the button, the badge, the fallback |
| `main.py` | the page's Python: `install()` the SDK, wire the button, show the badge |
| `package.json` | the runtime, pinned ({packages}) |
| `tests/` | browser tests with `twt_py.testing` (the TWT SDK replaced by its mock) |

## Set up

Python 3.11+ and Node.js (npm):

```sh
python3 -m venv .venv && . .venv/bin/activate
pip install '/path/to/twt-py[testing]'    # a clone of twt-py
npm install
```

twt-py is not on a package index yet: install it from a clone (above), from its git
repository (`pip install 'twt-py[testing] @ git+URL'`, URL being where you cloned it from) or
from a wheel (`pip wheel --no-deps /path/to/twt-py`, then `pip install 'WHEEL[testing]'`).
Building it needs neither Node.js nor the network. Once it is published,
`pip install 'twt-py[testing]'` will do. This site was made with twt-py {version}
(`twt-py --version` says which one you have).

## Look at it

```sh
twt-py serve
```

Open http://127.0.0.1:8000/ (the vendor's SDK: offline, the fallback shows), or
http://127.0.0.1:8000/?mock for twt-py's mock SDK (`install(..., src="/static/twt-mock-sdk.js")`
in `main.py`). `twt-py serve` serves this folder, the runtimes from `node_modules/` at
`/runtimes/`, twt_py at `/dist/` and the mock SDK at `/static/`.

`index.html` loads twt_py by the fast path, `{fast}`: {fast_why}.
The plain files work too{needs}: {plain}.

## Test it

```sh
pytest
```

No network needed: the runtimes come from `node_modules/` (the tests run `npm install` when
they are missing), and `chat_mock` answers the TWT SDK's production URL with the mock. The
browser is found by the test kit: `--twt-browser PATH` or `$TWT_PY_BROWSER`, else a Chromium or
Chrome on the system, else Playwright's own (`python -m playwright install chromium`).

## Go live

Put your APPID in `main.py`. Your web server must answer the same URLs as `twt-py serve`:

```sh
twt-py build --out dist --no-wheel                      # /dist/: twt_py for the page
{copy}
```

`twt-py build` writes the fast path and the plain files; it names any file it skipped.

Then publish the folder (without `node_modules/`, `.venv/` and `tests/`). Once `dist/` exists
here, `twt-py serve` serves it instead of the installed twt_py: build it again after upgrading.
"""

_FAST_PATH = {
    "pyscript": {
        "fast": "/dist/twt_py.pyscript.js",
        "fast_why": "a module script in `<head>`, beside PyScript's `core.js`, that puts twt_py in "
        "the interpreter's file system before `main.py` runs (one request, no `files` in the "
        "config)",
        "needs": "",
        "plain": "drop that `<script>` and add `\"files\": {{\"/dist/twt_py.zip\": \"./*\"}}` "
        "to the `<{tag}-config>` (the zip, fetched after the interpreter has loaded)",
    },
    "brython": {
        "fast": "/dist/twt_py.brython-compiled.js",
        "fast_why": "every module compiled to JavaScript by this folder's Brython when it is "
        "built (with Node.js), so the page compiles nothing; it loads only into that Brython "
        "version: build it again after upgrading Brython",
        "needs": " (building them needs no Node.js)",
        "plain": "load `/dist/twt_py.brython.js` in its place (the same modules, compiled in the "
        "page at import)",
    },
}

_COPY = {
    "micropython": "mkdir -p runtimes && cp -r node_modules/@pyscript/core/dist runtimes/pyscript \\\n"
    "  && cp -r node_modules/@micropython/micropython-webassembly-pyscript runtimes/micropython",
    "pyodide": "mkdir -p runtimes && cp -r node_modules/@pyscript/core/dist runtimes/pyscript \\\n"
    "  && cp -r node_modules/pyodide runtimes/pyodide",
    "brython": "mkdir -p runtimes && cp -r node_modules/brython runtimes/brython",
}


def files(runtime: str, appid: str = "YOUR_APPID", title: str = "My site") -> "dict[str, str]":
    """The site's files, by path relative to its folder."""
    if runtime not in RUNTIMES:
        raise StarterError(
            "unknown runtime %r: choose one of %s" % (runtime, ", ".join(RUNTIMES))
        )
    if not appid or any(c in appid for c in "\"\\\n<>"):
        raise StarterError("--appid %r is not an APPID: pass the one from TWT Chat's console" % appid)
    family = "brython" if runtime == "brython" else "pyscript"
    tag = "mpy" if runtime == "micropython" else "py"
    if family == "pyscript":
        module = "micropython.mjs" if runtime == "micropython" else "pyodide.mjs"
        head = _PYSCRIPT_HEAD
        body = _PYSCRIPT_BODY.format(tag=tag, runtime=runtime, module=module)
    else:
        head, body = _BRYTHON_HEAD, _BRYTHON_BODY
    packages = {name: RUNTIME_VERSIONS[name] for name in PACKAGES[runtime]}
    manifest = {
        "name": "my-site",
        "private": True,
        "description": "The browser runtime of this site, pinned (served from node_modules).",
        "dependencies": packages,
        # The tests' browser sees only these fonts: the same layout on every machine.
        "devDependencies": {"dejavu-fonts-ttf": FONTS_VERSION},
    }
    return {
        "index.html": _PAGE.format(title=title, head=head, body=body),
        "main.py": _MAIN.format(
            label=LABELS[runtime], imports=_IMPORTS[family], wire=_WIRE[family], appid=appid
        ),
        "package.json": json.dumps(manifest, indent=2) + "\n",
        "pytest.ini": _PYTEST_INI,
        ".gitignore": _GITIGNORE,
        ".npmrc": _NPMRC,
        "tests/conftest.py": _CONFTEST.replace("@TIMEOUT_MS@", _TIMEOUTS[runtime]),
        "tests/test_site.py": _TESTS,
        "README.md": _README.format(
            title=title,
            version=__version__,
            label=LABELS[runtime],
            runtime=runtime,
            packages=", ".join("%s %s" % kv for kv in packages.items()),
            copy=_COPY[runtime],
            **{k: v.format(tag=tag) for k, v in _FAST_PATH[family].items()},
        ),
    }


def write_site(
    folder: Path, *, runtime: str = "micropython", appid: str = "YOUR_APPID", force: bool = False
) -> "list[Path]":
    """Write the starter site into `folder` (new or empty; `force=True`: overwrite its files)."""
    content = files(runtime, appid)
    if folder.exists() and not folder.is_dir():
        raise StarterError("%s is a file: pass a new folder's name" % folder)
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise StarterError(
            "%s is not empty: pass a new folder's name, or --force to write into it" % folder
        )
    written = []
    try:
        for rel, text in content.items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
            written.append(path)
    except OSError as exc:
        raise StarterError("cannot write %s: %s" % (exc.filename or folder, exc.strerror)) from None
    return written
