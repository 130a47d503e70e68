"""The `twt-py` command (CPython only).

```
twt-py serve [--port 8000] [--root DIR] [--cross-origin-isolated]   # on 127.0.0.1
twt-py build [--out dist] [--base-url ./twt_py/] [--no-wheel]
twt-py sign --sbs 1001 [--ranstr R]       # AppSecret from $TWT_APP_SECRET or stdin
```
"""

import argparse
import sys
from pathlib import Path


def _serve(args: argparse.Namespace) -> int:
    try:
        from ._server import serve
    except ImportError as exc:  # starlette/uvicorn missing
        print(
            "twt-py serve needs the server extra: pip install 'twt-py[server]' (%s)" % exc,
            file=sys.stderr,
        )
        return 2
    serve(
        Path(args.root) if args.root else None,
        host=args.host,
        port=args.port,
        tests=args.tests,
        cross_origin_isolated=args.cross_origin_isolated,
    )
    return 0


def _build(args: argparse.Namespace) -> int:
    from ._dist import build

    for path in build(Path(args.out), base_url=args.base_url, wheel=not args.no_wheel):
        print(path)
    return 0


def _sign(args: argparse.Namespace) -> int:
    import os

    from .identity import IdentityError, sign

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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="twt-py", description="Tools for twt-py: the local server, builds, identity signing."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("serve", help="serve the demo, the runtimes and the package on 127.0.0.1")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--root", help="the twt-py checkout to serve (default: found from here)")
    p.add_argument("--tests", action="store_true", help="also serve the test pages at /_t/")
    p.add_argument(
        "--cross-origin-isolated",
        action="store_true",
        help="send COOP/COEP/CORP headers so PyScript workers can reach the page's window",
    )
    p.set_defaults(func=_serve)

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


def main(argv: "list[str] | None" = None) -> int:
    args = _parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
