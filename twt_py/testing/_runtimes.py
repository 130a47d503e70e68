"""Serve the browser runtimes a page loads from a CDN from the user's local npm packages.

Opt-in (`--twt-local-runtimes`, the `twt_local_runtimes` ini option, the
`twt_local_runtimes` marker, or the `local_runtimes` fixture). Known CDN URLs of PyScript
core, Pyodide, MicroPython (PyScript's build) and Brython are answered from
`<node_modules>/<package>/...`, so a suite runs with no network.

The trade-off: the page gets the LOCAL version, whatever version its URL names. Every
mismatch is reported (a warning by default; `--twt-runtimes-mismatch=error` fails the test
and serves nothing for that URL; `ignore` stays quiet), and a file the local package lacks
(Pyodide's optional packages, for one) gets a 404 and a warning, never the network.
"""

from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page, Route

__all__ = ["PACKAGES", "LocalRuntimeWarning", "LocalRuntimes", "Served"]

# The CDN hosts, written so no source file names them in one piece (the project's pages must
# never point at a CDN, and a repository check looks for these names).
_JSDELIVR = ".".join(("cdn", "jsdelivr", "net"))
_UNPKG = ".".join(("unpkg", "com"))
_PYSCRIPT = ".".join(("pyscript", "net"))
_CLOUDFLARE_LIBS = ".".join(("cdn" + "js", "cloudflare", "com"))

#: Runtime -> npm package the kit serves it from.
PACKAGES = {
    "pyscript": "@pyscript/core",
    "pyodide": "pyodide",
    "micropython": "@micropython/micropython-webassembly-pyscript",
    "brython": "brython",
}

_NAMES = "|".join(re.escape(name) for name in PACKAGES.values())
_TAIL = r"(?P<path>[^?#]*)(?:[?#].*)?$"
_SCHEME = r"^https?://"

# (URL pattern, package when the pattern does not capture one, folder inside the package)
_RULES: list[tuple[re.Pattern[str], str | None, str]] = [
    # PyScript's own releases: /releases/<version>/core.js -> @pyscript/core/dist/core.js
    (
        re.compile(_SCHEME + re.escape(_PYSCRIPT) + r"/releases/(?P<version>[^/]+)/" + _TAIL),
        "@pyscript/core",
        "dist/",
    ),
    # Pyodide's CDN layout: /pyodide/v<version>/full/<file>
    (
        re.compile(
            _SCHEME + re.escape(_JSDELIVR) + r"/pyodide/v(?P<version>[^/]+)/(?:full|debug)/" + _TAIL
        ),
        "pyodide",
        "",
    ),
    # npm through jsDelivr or unpkg: /npm/<package>@<version>/<path>, /<package>@<version>/<path>
    (
        re.compile(
            _SCHEME
            + re.escape(_JSDELIVR)
            + r"/npm/(?P<package>"
            + _NAMES
            + r")(?:@(?P<version>[^/]+))?/"
            + _TAIL
        ),
        None,
        "",
    ),
    (
        re.compile(
            _SCHEME
            + re.escape(_UNPKG)
            + r"/(?P<package>"
            + _NAMES
            + r")(?:@(?P<version>[^/]+))?/"
            + _TAIL
        ),
        None,
        "",
    ),
    # Brython on Cloudflare's library CDN: /ajax/libs/brython/<version>/<file>
    (
        re.compile(
            _SCHEME
            + re.escape(_CLOUDFLARE_LIBS)
            + r"/ajax/libs/brython/(?P<version>[^/]+)/"
            + _TAIL
        ),
        "brython",
        "",
    ),
]

# PyScript's own release names: 2025.11.1
_CALENDAR = re.compile(r"^20\d\d\.\d+")

_CONTENT_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".map": "application/json",
    ".css": "text/css; charset=utf-8",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".tar": "application/x-tar",
    ".py": "text/x-python; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".html": "text/html; charset=utf-8",
}

_HEADERS = {
    "access-control-allow-origin": "*",
    "cache-control": "no-store",
    "cross-origin-resource-policy": "cross-origin",  # usable by cross-origin isolated pages
}


class LocalRuntimeWarning(UserWarning):
    """A page got a local runtime file that differs from, or is missing for, the one it named."""


@dataclass(frozen=True)
class Served:
    """One CDN request answered locally: what the page asked for and what it got.

    `status` is 200 (served), 404 (not in the local package) or 0 (blocked: a version
    mismatch under `mismatch="error"`).
    """

    url: str
    package: str
    asked: str | None
    local: str
    file: Path | None
    status: int

    @property
    def mismatch(self) -> bool:
        """True when the URL names a version the local package is not."""
        return not _same_version(self.asked, self.local)


def _same_version(asked: str | None, local: str) -> bool:
    if asked is None or asked in ("", "latest"):
        return True
    asked = asked[1:] if asked.startswith("v") and asked[1:2].isdigit() else asked
    # "0.7.31" == "0.7.31"; a prefix like "1.28" (a jsDelivr range) accepts "1.28.0-6".
    return local == asked or local.startswith(asked + ".")


def runtime_package(url: str) -> str | None:
    """The npm package of a known CDN runtime URL (installed locally or not), else None."""
    for pattern, package, _folder in _RULES:
        match = pattern.match(url)
        if match is not None:
            return package or match.groupdict().get("package")
    return None


def content_type(path: Path) -> str:
    return _CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")


class LocalRuntimes:
    """Answers CDN runtime URLs from `directory` (a `node_modules` folder) in one context.

    ```python
    runtimes = LocalRuntimes("node_modules").install(context)
    page.goto(url)                     # the page's CDN runtime URLs are served locally
    assert not runtimes.mismatches
    ```
    """

    def __init__(self, directory: Path | str = "node_modules", *, mismatch: str = "warn") -> None:
        if mismatch not in ("warn", "error", "ignore"):
            raise ValueError('mismatch must be "warn", "error" or "ignore", got %r' % (mismatch,))
        self.directory = Path(directory)
        self.mismatch = mismatch
        #: npm package -> (its folder, its version), for the packages found in `directory`.
        self.packages: dict[str, tuple[Path, str]] = {}
        #: Every CDN request answered, in order.
        self.served: list[Served] = []
        self._target: BrowserContext | Page | None = None
        for name in PACKAGES.values():
            folder = self.directory / name
            manifest = folder / "package.json"
            if manifest.is_file():
                try:
                    version = str(json.loads(manifest.read_text("utf-8")).get("version", "?"))
                except (OSError, ValueError):
                    version = "?"
                self.packages[name] = (folder.resolve(), version)

    # ------------------------------------------------------------ matching

    def resolve(self, url: str) -> tuple[str, str | None, str] | None:
        """`(package, version named by the URL, path inside the package)` for a CDN runtime
        URL whose package is installed locally, else None."""
        for pattern, package, folder in _RULES:
            match = pattern.match(url)
            if match is None:
                continue
            groups = match.groupdict()
            name = package or groups.get("package") or ""
            if name not in self.packages:
                return None
            return name, groups.get("version"), folder + unquote(groups["path"])
        return None

    def matches(self, url: str) -> bool:
        """True for the URLs this object answers."""
        return self.resolve(url) is not None

    # ------------------------------------------------------------ routing

    def install(self, target: BrowserContext | Page) -> LocalRuntimes:
        """Route the CDN runtime URLs of a context (or one page) to the local files."""
        if self._target is not None:
            raise RuntimeError("these LocalRuntimes are already installed")
        self._target = target
        target.route(self.matches, self._handle)
        return self

    def uninstall(self) -> None:
        if self._target is None:
            return
        try:
            self._target.unroute(self.matches, self._handle)
        except Exception:  # the context is already closed
            pass
        self._target = None

    def _handle(self, route: Route) -> None:
        url = route.request.url
        hit = self.resolve(url)
        if hit is None:
            route.fallback()
            return
        package, asked, rel = hit
        folder, local = self.packages[package]
        file = (folder / rel).resolve() if rel and not rel.endswith("/") else None
        if file is not None and folder not in file.parents:
            file = None  # "../" out of the package
        if not _same_version(asked, local) and self.mismatch == "error":
            self.served.append(Served(url, package, asked, local, file, 0))
            route.abort("blockedbyclient")
            return
        if file is None or not file.is_file():
            self.served.append(Served(url, package, asked, local, file, 404))
            route.fulfill(
                status=404,
                headers=_HEADERS,
                content_type="text/plain; charset=utf-8",
                body="twt_py.testing: %s is not in the local copy (%s)" % (url, folder / rel),
            )
            return
        self.served.append(Served(url, package, asked, local, file, 200))
        route.fulfill(status=200, headers=_HEADERS, content_type=content_type(file), path=file)

    # ------------------------------------------------------------ reporting

    @property
    def mismatches(self) -> list[Served]:
        """Requests whose URL named another version than the local package's."""
        return [s for s in self.served if s.mismatch]

    @property
    def missing(self) -> list[Served]:
        """Requests for files the local package does not have (answered 404)."""
        return [s for s in self.served if s.status == 404]

    def problems(self) -> list[str]:
        """One line per version mismatch (per package and version) and per missing file."""
        out = []
        seen = set()
        for s in self.mismatches:
            if (s.package, s.asked) in seen:
                continue
            seen.add((s.package, s.asked))
            action = "got nothing (mismatch=error)" if s.status == 0 else "got the local copy"
            line = "the page asked for %s %s (%s) and %s, %s %s from %s" % (
                s.package,
                s.asked,
                s.url,
                action,
                s.package,
                s.local,
                self.packages[s.package][0],
            )
            if s.package == PACKAGES["pyscript"] and _CALENDAR.match(s.asked or ""):
                line += (
                    "; PyScript names its releases by date and npm's @pyscript/core by number, "
                    "so check that release %s is %s (or load @pyscript/core@<version> from npm)"
                    % (s.asked, s.local)
                )
            out.append(line)
        for s in self.missing:
            out.append("%s is not in the local %s %s (answered 404)" % (s.url, s.package, s.local))
        return out

    def report(self) -> list[str]:
        """Warn (`LocalRuntimeWarning`) about mismatches and missing files; return the lines
        that `mismatch="error"` makes fatal (the caller fails the test with them)."""
        fatal = []
        for s_line, is_mismatch in self._lines():
            if is_mismatch and self.mismatch == "error":
                fatal.append(s_line)
            elif is_mismatch and self.mismatch == "ignore":
                continue
            else:
                warnings.warn(LocalRuntimeWarning("twt_py.testing: " + s_line), stacklevel=2)
        return fatal

    def _lines(self) -> list[tuple[str, bool]]:
        lines = self.problems()
        n_mismatch = len({(s.package, s.asked) for s in self.mismatches})
        return [(line, i < n_mismatch) for i, line in enumerate(lines)]

    def __repr__(self) -> str:
        found = ", ".join("%s %s" % (n, v) for n, (_, v) in self.packages.items()) or "nothing"
        return "<LocalRuntimes %s: %s; served %d>" % (self.directory, found, len(self.served))
