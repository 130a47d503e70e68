"""Serve a site folder in a test session, as `twt-py serve DIR` does (CPython only).

```python
@pytest.fixture(scope="session")
def base_url():
    install_runtimes(SITE)              # npm install, when package.json's runtimes are missing
    with serve_site(SITE) as url:       # /runtimes/, /dist/, /static/ filled in by twt-py
        yield url
```
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

__all__ = ["install_runtimes", "serve_site"]


@contextmanager
def serve_site(
    folder: Path | str,
    *,
    node_modules: Path | str | None = None,
    headers: Mapping[str, str] | None = None,
) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 (a free port) in a background thread; yield the base URL.

    The folder's own files first; then twt_py at `/dist/` (the fast path, `twt_py.pyscript.js`
    and `twt_py.brython-compiled.js` compiled by the Brython in `node_modules`, and the plain
    files), the shim and the mock SDK at `/static/`, and the runtimes in `node_modules`
    (default: the folder's) at `/runtimes/`. Needs the `server` extra (starlette, uvicorn).
    """
    from .._cpython.site_app import create_site_app, running

    app = create_site_app(
        Path(folder), node_modules=Path(node_modules) if node_modules else None, headers=headers
    )
    with running(app) as url:
        yield url


def missing_runtimes(folder: Path | str) -> list[str]:
    """The dependencies of `folder/package.json` that are not in `folder/node_modules`."""
    folder = Path(folder)
    manifest = folder / "package.json"
    if not manifest.is_file():
        return []
    deps = json.loads(manifest.read_text("utf-8")).get("dependencies", {})
    return [name for name in deps if not (folder / "node_modules" / name / "package.json").is_file()]


def install_runtimes(folder: Path | str) -> None:
    """Run `npm install` in `folder` when its package.json's dependencies are not installed.

    Raises `RuntimeError` with one line saying what to do when npm is missing or fails.
    """
    folder = Path(folder)
    missing = missing_runtimes(folder)
    if not missing:
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError(
            "the page's runtimes (%s) are not in %s and npm is not installed: install Node.js "
            "(npm), then run npm install there" % (", ".join(missing), folder / "node_modules")
        )
    done = subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0 or missing_runtimes(folder):
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(
            "npm install in %s did not install %s (%s): run it there and fix what it says"
            % (folder, ", ".join(missing_runtimes(folder)) or "everything", last)
        )
