"""The `twt-py` command (CPython only).

```
twt-py init DIR [--runtime micropython|pyodide|brython]   # a small working site with tests
twt-py serve [DIR] [--port 8000] [--node-modules DIR] [--cross-origin-isolated]
twt-py build [--out dist] [--base-url ./twt_py/] [--no-wheel]
twt-py sign --sbs 1001 [--ranstr R]       # AppSecret from $TWT_APP_SECRET or stdin
twt-py --version
```
"""

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from starlette.types import ASGIApp


class CommandError(Exception):
    """A command cannot go on; its message is one line saying what to do."""


def _serve(args: argparse.Namespace) -> int:
    try:
        from . import site_app as _site
    except ImportError as exc:  # starlette/uvicorn missing
        raise CommandError(
            "needs the server extra: pip install 'twt-py[server]' (%s)" % exc
        ) from None
    checkout = _checkout(args)
    if checkout is not None:
        from .server import create_app

        app: "ASGIApp" = create_app(
            checkout, tests=args.tests, cross_origin_isolated=args.cross_origin_isolated
        )
        what = "the twt-py demo from %s" % checkout
    else:
        if args.tests:
            raise CommandError("--tests serves a twt-py checkout's test pages: run it in the checkout")
        site = Path(args.dir or ".")
        node_modules = Path(args.node_modules) if args.node_modules else None
        try:
            app = _site.create_site_app(
                site,
                node_modules=node_modules,
                headers=_site.ISOLATION_HEADERS if args.cross_origin_isolated else None,
            )
            what = "%s (%s)" % (site.resolve(), _site.describe(site, node_modules))
        except _site.ServeError as exc:
            raise CommandError(str(exc)) from None
    try:
        sock = _site.bind(args.host, args.port)
    except _site.ServeError as exc:
        raise CommandError(str(exc)) from None
    port = sock.getsockname()[1]
    print("twt-py: serving %s\n  http://%s:%d/  (Ctrl+C to stop)" % (what, args.host, port), flush=True)
    try:
        _site.run(app, sock)
    except KeyboardInterrupt:
        pass
    return 0


def _checkout(args: argparse.Namespace) -> "Path | None":
    """The checkout whose demo to serve: `--root`, or the current folder when it is one and
    no DIR was given; None to serve a site folder."""
    if args.root:
        if args.dir:
            raise CommandError("pass either a site folder or --root CHECKOUT, not both")
        root = Path(args.root)
        if not _is_checkout(root):
            raise CommandError(
                "%s is not a twt-py checkout (no demo/, static/ and node_modules/); to serve "
                "your own site folder: twt-py serve %s" % (root, root)
            )
        return root.resolve()
    if args.dir is None and _is_checkout(Path.cwd()):
        return Path.cwd().resolve()
    return None


def _is_checkout(path: Path) -> bool:
    return all((path / name).is_dir() for name in ("demo", "static", "node_modules"))


def _init(args: argparse.Namespace) -> int:
    from .starter import StarterError, write_site

    try:
        written = write_site(Path(args.dir), runtime=args.runtime, appid=args.appid, force=args.force)
    except StarterError as exc:
        raise CommandError(str(exc)) from None
    for path in written:
        print(path)
    print(
        "\nNext: cd %s, then see README.md (npm install, then pytest: this twt-py has the test kit "
        "when it was installed as twt-py[testing])"
        % args.dir,
        file=sys.stderr,
    )
    return 0


def _build(args: argparse.Namespace) -> int:
    from .dist import build

    for path in build(Path(args.out), base_url=args.base_url, wheel=not args.no_wheel):
        print(path)
    return 0


def _sign(args: argparse.Namespace) -> int:
    import os

    from ..identity import IdentityError, sign

    secret = os.environ.get("TWT_APP_SECRET")
    if not secret and sys.stdin is not None and not sys.stdin.isatty():
        secret = sys.stdin.readline().strip()
    if not secret:
        print(
            "twt-py sign: set TWT_APP_SECRET or pipe the AppSecret on standard input "
            "(it is never taken as an argument, so it stays out of shell history)",
            file=sys.stderr,
        )
        return 2
    try:
        identity = sign(args.sbs, secret, args.ranstr)
    except (IdentityError, TypeError) as exc:
        print("twt-py sign: %s" % exc, file=sys.stderr)
        return 2
    print(identity.to_json())
    return 0


def _version() -> str:
    from .. import __version__

    return __version__


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="twt-py",
        description="Tools for twt-py: a starter site, the local server, builds, identity signing.",
    )
    parser.add_argument("--version", action="version", version="twt-py %s" % _version())
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser(
        "serve",
        help="serve a site folder (default: this folder; in a twt-py checkout: the demo) on "
        "127.0.0.1, with twt_py at /dist/, the mock SDK at /static/, runtimes at /runtimes/",
    )
    p.add_argument("dir", nargs="?", help="the site folder to serve (default: the current folder)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000; 0: any)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument(
        "--node-modules",
        metavar="DIR",
        help="the node_modules folder /runtimes/ comes from (default: DIR/node_modules)",
    )
    p.add_argument("--root", help="a twt-py checkout: serve its demo (the default inside one)")
    p.add_argument("--tests", action="store_true", help="checkout only: also serve /_t/ test pages")
    p.add_argument(
        "--cross-origin-isolated",
        action="store_true",
        help="send COOP/COEP/CORP headers so PyScript workers can reach the page's window",
    )
    p.set_defaults(func=_serve)

    p = sub.add_parser(
        "init", help="write a small working site with a chat button, tests and pinned runtimes"
    )
    p.add_argument("dir", help="the folder to create (it must not exist, or be empty)")
    p.add_argument(
        "--runtime",
        choices=("micropython", "pyodide", "brython"),
        default="micropython",
        help="the page's Python runtime (default micropython: PyScript + MicroPython)",
    )
    p.add_argument("--appid", default="YOUR_APPID", help="your TWT Chat APPID (default YOUR_APPID)")
    p.add_argument("--force", action="store_true", help="write into a folder that is not empty")
    p.set_defaults(func=_init)

    p = sub.add_parser("build", help="build the wheel, PyScript files and Brython bundle")
    p.add_argument("--out", default="dist", help="output folder (default dist)")
    p.add_argument(
        "--base-url",
        default="./twt_py/",
        help="URL the page fetches the package folder from, for pyscript-files.json",
    )
    p.add_argument("--no-wheel", action="store_true", help="skip the wheel")
    p.set_defaults(func=_build)

    p = sub.add_parser(
        "sign",
        help="sign a customer identity (sbs_mm) with the AppSecret from $TWT_APP_SECRET or stdin",
    )
    p.add_argument("--sbs", required=True, help="the customer's unique id on your site")
    p.add_argument("--ranstr", help="the random string to sign with (default: a fresh one)")
    p.set_defaults(func=_sign)
    return parser


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (and names the help)."""

    def error(self, message: str) -> "NoReturn":
        self.exit(2, "%s: error: %s (see %s --help)\n" % (self.prog, message, self.prog))


def main(argv: "list[str] | None" = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return int(args.func(args))
    except CommandError as exc:
        print("twt-py %s: %s" % (args.command, exc), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
