"""The generated scripts of `static/`, made from their sources there.

    python -m twt_py._cpython.jsbuild            # rewrite every generated script
    python -m twt_py._cpython.jsbuild --check    # exit 1 naming the stale ones

- `twt-mock-sdk.js`, the mock SDK, is one IIFE whose parts live in `static/mock/` by job
  (`base.js` the shared constants, helpers and options; `sdk.js` the contract double;
  `widget.js` the UI; `load.js` the simulated agents and widget weight; `control.js` the
  `__twt_mock__` object and the start). The parts share the IIFE's scope, so the build only
  puts them, in `MOCK_PARTS` order, between the banner (`mock/banner.js`) and the IIFE's ends.
- `twt-lazy.js`, the shim for lazy pages, is `twt-early.js` followed by
  `early/placeholder.js`: one request draws the placeholder from the first paint.

Pages, the wheel and `twt-py serve` use the generated files as they are committed, so a page
needs no build step; `tests/unit/test_jsbuild.py` fails when one differs from its sources.
Only the standard library: a checkout builds them without Node.js or npm.
"""

from __future__ import annotations

import sys
from pathlib import Path

STATIC = Path(__file__).resolve().parents[2] / "static"

#: The mock's parts in build order: `control.js` starts the mock, so it comes last.
MOCK_PARTS = ("base.js", "sdk.js", "widget.js", "load.js", "control.js")


def _notice(sources: str) -> str:
    return (
        "/* Generated from %s by `python -m twt_py._cpython.jsbuild`: edit those, then"
        " rebuild. */\n" % sources
    )


def mock_sdk(static: Path = STATIC) -> str:
    """`twt-mock-sdk.js` as its parts in `static/mock/` make it."""
    parts = static / "mock"
    out = [_notice("static/mock/*.js"), (parts / "banner.js").read_text("utf-8")]
    out.append("(function (window, document) {\n  'use strict';\n")
    for name in MOCK_PARTS:
        out.append("\n  // ================================================================ mock/%s\n" % name)
        out.append((parts / name).read_text("utf-8"))
    out.append("})(window, document);\n")
    return "".join(out)


def lazy_shim(static: Path = STATIC) -> str:
    """`twt-lazy.js`: the early-capture shim and the placeholder UI, for one request."""
    early = (static / "twt-early.js").read_text("utf-8")
    placeholder = (static / "early" / "placeholder.js").read_text("utf-8")
    return _notice("static/twt-early.js and static/early/placeholder.js") + early + "\n" + placeholder


#: Every generated file of `static/`, and how it is made.
GENERATED = {"twt-mock-sdk.js": mock_sdk, "twt-lazy.js": lazy_shim}


def stale(static: Path = STATIC) -> "list[str]":
    """The generated files whose committed text differs from what their sources make."""
    out = []
    for name, make in GENERATED.items():
        path = static / name
        if not path.is_file() or path.read_text("utf-8") != make(static):
            out.append(name)
    return out


def write(static: Path = STATIC) -> "list[Path]":
    """Rewrite every generated file; returns the paths that changed."""
    changed = []
    for name, make in GENERATED.items():
        path = static / name
        text = make(static)
        if not path.is_file() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
            changed.append(path)
    return changed


def main(argv: "list[str] | None" = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--check"]:
        names = stale()
        for name in names:
            print("static/%s is stale: run python -m twt_py._cpython.jsbuild" % name)
        return 1 if names else 0
    if args:
        print("usage: python -m twt_py._cpython.jsbuild [--check]", file=sys.stderr)
        return 2
    for path in write():
        print("wrote %s" % path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
