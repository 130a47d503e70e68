"""The local server behind `twt-py serve` (CPython only; needs the `server` extra).

It serves, from a project checkout:

| path | what |
| --- | --- |
| `/` | the demo (`demo/`; `/demo/<runtime>.html`, and `<runtime>-worker.html` for PyScript) |
| `/static/` | the mock SDK and the early-capture shim |
| `/runtimes/{pyscript,pyodide,micropython,brython}/` | the pinned npm runtimes |
| `/twt_py/` | the package's browser modules, one file each |
| `/dist/` | `twt_py.zip`, `twt_py.brython.js`, `pyscript-files.json`, `twt-early.js`, and the fast
  path (`twt_py.pyscript.js`, `twt_py.brython-compiled.js`), made from source |
| `/_t/<runtime>/<name>` | with `tests=True`: `tests/pages/<name>.py` on that runtime |
| `/api/identity` | the demo visitor's identity, signed here (see `demo_identity`) |
| `/_t/<runtime>-worker/<name>` | with `tests=True`: the same page's Python in a PyScript worker |
| `/_t/_guard/` | with `tests=True`: the opt-in page guard of engine tests (`pageguard.py`) |

PyScript workers reach the page's `window` only on a cross-origin isolated page: the worker
pages are served isolated, and `cross_origin_isolated=True` (`twt-py serve
--cross-origin-isolated`) isolates every response (see `CrossOriginIsolation`).

`.wasm` is served as `application/wasm` and `.mjs`/`.js` as JavaScript; nothing is cached,
so an edited file shows on the next reload.
"""

import json
import mimetypes
import os
import secrets
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from ..identity import sign
from . import dist as _dist
from . import fastpath as _fastpath
from . import pageguard as _pageguard
from . import pages as _pages

mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("text/javascript", ".mjs")
mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("text/x-python", ".py")

# The demo's pages: one per runtime, and the PyScript ones again with the Python in a worker.
DEMO_PAGES = (*_pages.RUNTIMES, "pyodide-worker", "micropython-worker")

RUNTIME_DIRS = {
    "pyscript": "node_modules/@pyscript/core/dist",
    "pyodide": "node_modules/pyodide",
    "micropython": "node_modules/@micropython/micropython-webassembly-pyscript",
    "brython": "node_modules/brython",
}


class _NoCache(StaticFiles):
    async def get_response(self, path: str, scope):  # type: ignore[no-untyped-def]
        response = await super().get_response(path, scope)
        response.headers["Cache-Control"] = "no-store"
        return response


def find_root(start: "Path | None" = None) -> Path:
    """The project checkout that holds `demo/`, `static/` and `node_modules/`."""
    candidates = [start] if start else [Path.cwd(), Path(__file__).resolve().parents[2]]
    for c in candidates:
        if c and (c / "static").is_dir() and (c / "node_modules").is_dir():
            return c.resolve()
    raise FileNotFoundError(
        "no twt-py checkout with static/ and node_modules/ found (tried %s); "
        "run `npm ci` in the checkout, or pass --root" % ", ".join(str(c) for c in candidates)
    )


def create_app(
    root: "Path | None" = None,
    *,
    tests: bool = False,
    app_secret: "str | None" = None,
    cross_origin_isolated: bool = False,
) -> Starlette:
    """The server's ASGI app for the checkout at `root`; `tests=True` adds the test pages.

    `app_secret` signs the demo identity (default: `$TWT_APP_SECRET`, else a random one).
    `cross_origin_isolated` sends COOP/COEP/CORP with every response (`CrossOriginIsolation`);
    without it, only the pages whose Python runs in a worker (the demo's `*-worker.html`, the
    test pages at `/_t/<runtime>-worker/`) are isolated, unless their URL says `coi=0`.
    """
    root = find_root(root)

    async def package_module(request: Request) -> Response:
        rel = "twt_py/" + request.path_params["path"]
        try:
            data = _dist.read_module(rel)
        except FileNotFoundError:
            raise HTTPException(404) from None
        return Response(data, media_type="text/x-python", headers={"Cache-Control": "no-store"})

    async def dist_file(request: Request) -> Response:
        name = request.path_params["name"]
        headers = {"Cache-Control": "no-store"}
        if name == "twt_py.brython.js":
            return Response(_dist.brython_bundle(), media_type="text/javascript", headers=headers)
        if name == "twt_py.zip":
            return Response(_dist.pyscript_zip(), media_type="application/zip", headers=headers)
        if name in _fastpath.artifact_names():
            data = _fastpath.artifact(name, root / RUNTIME_DIRS["brython"] / "brython.js")
            return Response(data, media_type=_fastpath.media_type(name), headers=headers)
        if name == "pyscript-files.json":
            return JSONResponse({"files": _dist.pyscript_files("/twt_py/")}, headers=headers)
        if name in ("twt-early.js", "twt-lazy.js"):  # as `twt-py build` names them (and /static/)
            return Response(_dist.early_shim(name), media_type="text/javascript", headers=headers)
        raise HTTPException(404)

    async def test_page(request: Request) -> Response:
        runtime = request.path_params["runtime"]
        name = request.path_params["name"]
        worker = runtime.endswith("-worker") and runtime != "brython-worker"
        runtime = runtime[: -len("-worker")] if worker else runtime
        if runtime not in _pages.RUNTIMES or "/" in name or name.startswith("."):
            raise HTTPException(404)
        pages = root / "tests" / "pages"
        src = pages / (name + ".py")
        if not src.is_file():
            raise HTTPException(404)
        meta_path = pages / (name + ".json")
        meta = json.loads(meta_path.read_text("utf-8")) if meta_path.is_file() else {}
        head = meta.get("head", "")
        body = meta.get("body", "")
        # `?head=<name>` picks a named head variant (e.g. a load order) from the page's JSON.
        variant = request.query_params.get("head")
        if variant:
            heads = meta.get("heads", {})
            if variant not in heads:
                raise HTTPException(404, "no head variant %r" % variant)
            head = heads[variant]
        kit = (pages / "_pagekit.py").read_text("utf-8")
        page = _pages.render(
            runtime,
            kit + "\n" + src.read_text("utf-8"),
            title="%s on %s%s" % (name, runtime, " (worker)" if worker else ""),
            head=head,
            body=body + '\n<ol id="log"></ol>',
            brython_stdlib=bool(meta.get("brython_stdlib")),
            delivery=request.query_params.get("delivery", "files"),
            worker=worker,
        )
        return HTMLResponse(page, headers={"Cache-Control": "no-store"})

    demo_identity = _demo_identity_endpoint(app_secret)

    async def demo_runtime_page(request: Request) -> Response:
        runtime = request.url.path.rsplit("/", 1)[1][: -len(".html")]
        return HTMLResponse(demo_page(root, runtime), headers={"Cache-Control": "no-store"})

    routes: "list[BaseRoute]" = [
        Route("/", lambda request: RedirectResponse("/demo/")),
        Route("/api/identity", demo_identity),
        *[Route("/demo/%s.html" % rt, demo_runtime_page) for rt in DEMO_PAGES],
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Route("/twt_py/{path:path}", package_module),
        Route("/dist/{name}", dist_file),
    ]
    guard_log = _pageguard.GuardLog()
    if tests:
        routes.extend(guard_log.routes())
        routes.append(Route("/_t/{runtime}/{name}", test_page))
        routes.append(Mount("/tests/pages", _NoCache(directory=root / "tests" / "pages")))
    for name, rel in RUNTIME_DIRS.items():
        routes.append(Mount("/runtimes/" + name, _NoCache(directory=root / rel)))
    routes.append(Mount("/static", _NoCache(directory=root / "static")))
    routes.append(Mount("/demo", _NoCache(directory=root / "demo", html=True)))
    app = Starlette(routes=routes)
    if tests:
        # Only for browsers that opt in with a cookie (tests/engines): see pageguard.py.
        app.add_middleware(_pageguard.PageGuardMiddleware, log=guard_log)
    app.add_middleware(
        CrossOriginIsolation, isolate=None if cross_origin_isolated else _worker_page
    )
    return app


def demo_page(root: Path, runtime: str) -> str:
    """`/demo/<runtime>.html`: the shop (`demo/shop.html`, written once) with the runtime's
    label, head and body parts from `demo/runtimes/<runtime>.html` filled in."""
    template = (root / "demo" / "shop.html").read_text("utf-8")
    fragment = (root / "demo" / "runtimes" / (runtime + ".html")).read_text("utf-8")
    label = fragment.split("<!-- label -->\n", 1)[1].split("\n", 1)[0]
    head = fragment.split("<!-- head -->\n", 1)[1].split("<!-- body -->\n", 1)[0]
    body = fragment.split("<!-- body -->\n", 1)[1]
    return (
        template.replace("<!-- runtime:label -->", label)
        .replace("<!-- runtime:head -->\n", head)
        .replace("<!-- runtime:body -->\n", body)
    )


# ---------------------------------------------------------------- the demo's identity endpoint

DEMO_SBS = "demo-1001"
DEMO_VISITOR = {"name": "Demo Visitor", "nickname": "demo", "email": "visitor@example.com"}


def _demo_identity_endpoint(
    secret: "str | None" = None,
) -> "Callable[[Request], Awaitable[Response]]":
    """`GET /api/identity`: the demo visitor's identity, signed on the server.

    The AppSecret is read once per app from `TWT_APP_SECRET`; when unset, a random one is made
    for this run (and the console says so). It never leaves this process: the response holds
    only `sbs`, `sbs_mm`, `ranstr` and the visitor's details, each request with a fresh ranstr.
    """
    secret = secret or os.environ.get("TWT_APP_SECRET", "")
    if not secret:
        secret = secrets.token_hex(16)
        print(
            "twt-py: TWT_APP_SECRET is not set: the demo identity (/api/identity) is signed "
            "with a random AppSecret made for this run",
            file=sys.stderr,
            flush=True,
        )

    async def demo_identity(request: Request) -> Response:
        signed = sign(DEMO_SBS, secret)
        return JSONResponse(signed.to_config(**DEMO_VISITOR), headers={"Cache-Control": "no-store"})

    return demo_identity


def serve(
    root: "Path | None" = None,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    tests: bool = False,
    cross_origin_isolated: bool = False,
) -> None:
    """Run the server until interrupted, printing the URL to open."""
    import uvicorn

    app = create_app(root, tests=tests, cross_origin_isolated=cross_origin_isolated)
    print("twt-py: serving %s at http://%s:%d/  (Ctrl+C to stop)" % (find_root(root), host, port), flush=True)
    if cross_origin_isolated:
        print("twt-py: cross-origin isolated (COOP same-origin, COEP require-corp)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


# ---------------------------------------------------------------- cross-origin isolation

ISOLATION_HEADERS = (
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-embedder-policy", b"require-corp"),
    (b"cross-origin-resource-policy", b"same-origin"),
)
# What every other response gets when only some pages are isolated: usable from an isolated
# page (and its workers), and still from other origins (CORP applies to every page).
_SUBRESOURCE_HEADERS = (
    (b"cross-origin-embedder-policy", b"require-corp"),
    (b"cross-origin-resource-policy", b"cross-origin"),
)


def _worker_page(path: str, query: str) -> bool:
    # The pages whose Python runs in a PyScript worker (the demo's *-worker.html, the test
    # pages at /_t/<runtime>-worker/), unless the URL says coi=0; any page with coi=1.
    params = query.split("&")
    if "coi=1" in params:
        return True
    worker = (path.startswith("/_t/") and "-worker/" in path) or (
        path.startswith("/demo/") and path.endswith("-worker.html")
    )
    return worker and "coi=0" not in params


class CrossOriginIsolation:
    """ASGI middleware: the headers that make a page cross-origin isolated
    (`crossOriginIsolated`, SharedArrayBuffer), which PyScript workers need for
    `pyscript.window`.

    With `isolate=None` every response gets all three. With `isolate(path, query)`, the
    responses it picks get all three, other HTML pages none, and every other response
    (scripts, wasm, Python files) `Cross-Origin-Embedder-Policy: require-corp` and
    `Cross-Origin-Resource-Policy: cross-origin`: what an isolated page's scripts and workers
    need, and no limit for other pages or origins. So one server serves both kinds of page.
    """

    def __init__(self, app, isolate=None) -> None:  # type: ignore[no-untyped-def]
        self.app = app
        self.isolate = isolate

    async def __call__(self, scope, receive, send):  # type: ignore[no-untyped-def]
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        asked = self.isolate is None or self.isolate(
            scope["path"], scope.get("query_string", b"").decode("latin-1")
        )
        names = {name for name, _ in ISOLATION_HEADERS}

        async def send_with_headers(message):  # type: ignore[no-untyped-def]
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                is_page = any(
                    k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in headers
                )
                if asked:
                    headers.extend(ISOLATION_HEADERS)
                elif not is_page:
                    headers.extend(_SUBRESOURCE_HEADERS)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
