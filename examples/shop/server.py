"""Serve the Paper & Pine shop locally, with nothing but the standard library.

    python examples/shop/server.py [--port 8000] [--node-modules DIR]

| URL | from |
| --- | --- |
| `/`, `/pyodide.html`, `/brython.html`, `/app.py` | this folder |
| `/runtimes/{pyscript,pyodide,micropython,brython}/` | the npm packages in `node_modules/` |
| `/dist/` | `twt-py build --no-wheel` output (built into `dist/` on first start) |
| `/static/twt-early.js` | twt-py's early-capture shim (`static/` of twt-py's source) |

The TWT Chat SDK is not served here: the pages load the vendor's production URL. In the tests
(tests/conftest.py) the same server runs on a free port and `twt_py.testing` answers that
URL with the mock SDK.
"""

import argparse
import shutil
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

SITE = Path(__file__).resolve().parent
#: The runtimes' npm packages and twt-py's static files; this example uses the checkout's.
NODE_MODULES = SITE.parents[1] / "node_modules"
TWT_STATIC = SITE.parents[1] / "static"

RUNTIMES = {
    "/runtimes/pyscript/": "@pyscript/core/dist",
    "/runtimes/pyodide/": "pyodide",
    "/runtimes/micropython/": "@micropython/micropython-webassembly-pyscript",
    "/runtimes/brython/": "brython",
}


class ShopHandler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
        ".py": "text/x-python",
        ".zip": "application/zip",
    }

    def __init__(self, *args: Any, mounts: "dict[str, Path]", **kwargs: Any) -> None:
        self.mounts = mounts
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        route = urlsplit(path).path
        for prefix, folder in self.mounts.items():
            if route.startswith(prefix):
                base, rest = folder, path[len(prefix) - 1 :]
                break
        else:
            base, rest = Path(self.directory), path
        site, self.directory = self.directory, str(base)
        try:
            return super().translate_path(rest)
        finally:
            self.directory = site

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


def build_twt_py(out: Path) -> Path:
    """`twt-py build --out OUT --no-wheel`: twt_py for PyScript and Brython, fast path included."""
    command = shutil.which("twt-py", path=str(Path(sys.executable).parent)) or shutil.which(
        "twt-py"
    )
    if command is None:
        raise SystemExit("the twt-py command is missing: pip install twt-py")
    subprocess.run(
        [command, "build", "--out", str(out), "--no-wheel"], check=True, stdout=subprocess.DEVNULL
    )
    return out


def _stale(dist: Path) -> bool:
    """True when a built file in `dist` was made from other twt_py sources (or Brython)."""
    from twt_py._cpython.fastpath import stale

    problems = stale(dist, NODE_MODULES / "brython" / "brython.js")
    for problem in problems:
        print("rebuilding twt_py: %s" % problem, flush=True)
    return bool(problems)


def make_server(
    port: int = 0, *, dist: Path, node_modules: Path = NODE_MODULES
) -> ThreadingHTTPServer:
    """The shop's server on 127.0.0.1 (`port=0`: any free port), not started."""
    missing = [p for p in RUNTIMES.values() if not (node_modules / p).is_dir()]
    if missing:
        raise SystemExit(
            "missing in %s: %s (npm install them)" % (node_modules, ", ".join(missing))
        )
    mounts = {prefix: node_modules / folder for prefix, folder in RUNTIMES.items()}
    mounts["/dist/"] = dist
    mounts["/static/"] = TWT_STATIC
    handler = partial(ShopHandler, mounts=mounts, directory=str(SITE))
    return ThreadingHTTPServer(("127.0.0.1", port), handler)


def start(server: ThreadingHTTPServer) -> str:
    """Serve in a background thread; return the base URL."""
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return "http://127.0.0.1:%d" % server.server_address[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--node-modules", type=Path, default=NODE_MODULES)
    args = parser.parse_args()
    dist = SITE / "dist"
    if not (dist / "twt_py.zip").is_file() or _stale(dist):
        build_twt_py(dist)
    server = make_server(args.port, dist=dist, node_modules=args.node_modules)
    print(
        "Paper & Pine on http://127.0.0.1:%d/  (Ctrl+C to stop)" % server.server_address[1],
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
