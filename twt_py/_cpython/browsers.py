"""The oldest browsers each kind of twt-py page runs in: the one statement of those versions.

The runtimes set the floors, not twt_py: a page's floor is, per browser, the newest of the first
versions that have a feature its runtime uses without a fallback. The early shim's console line
(`static/twt-early.js`, `FLOORS`), the Brython fast path's warning (`fastpath_brython.py`),
docs/browsers.md and README.md say the same in their own words, and
`tests/unit/test_browser_floors.py` fails when one of them says another version.
"""

from typing import NamedTuple


class Versions(NamedTuple):
    """First versions of Safari (macOS and iOS), Firefox and Chrome (and Edge)."""

    safari: str
    firefox: str
    chrome: str

    def __str__(self) -> str:
        return "Safari %s, Firefox %s, Chrome %s" % self


# What the runtimes use with no fallback, and the first versions that have it (read from the
# pinned packages' files and the browsers' release notes: docs/browsers.md says where).
FEATURES = {
    "structuredClone": Versions("15.4", "94", "98"),
    "Array.prototype.at": Versions("15.4", "90", "92"),
    "WebAssembly exception handling": Versions("15.2", "100", "95"),
    "Object.hasOwn": Versions("15.4", "92", "93"),
    "DecompressionStream": Versions("16.4", "113", "80"),
    # On a cross-origin isolated page, where PyScript's worker needs it.
    "SharedArrayBuffer": Versions("15.2", "79", "92"),
}

_PYSCRIPT = ("structuredClone", "Array.prototype.at")  # PyScript 0.7's core.js
_PYODIDE = (*_PYSCRIPT, "WebAssembly exception handling")  # pyodide.asm.wasm's tag section
_BRYTHON = ("Object.hasOwn",)  # Brython 3.14's brython.js

# Each kind of page (the rows of docs/browsers.md's table) and the features it needs.
NEEDS = {
    "PyScript": _PYSCRIPT,
    "PyScript + MicroPython": _PYSCRIPT,
    "PyScript + Pyodide": _PYODIDE,
    "Brython": _BRYTHON,
    "Brython fast path, at full speed": (*_BRYTHON, "DecompressionStream"),
    "PyScript worker": (*_PYSCRIPT, "SharedArrayBuffer"),
    "PyScript worker, Pyodide": (*_PYODIDE, "SharedArrayBuffer"),
}


def _newest(versions: "list[str]") -> str:
    return max(versions, key=lambda v: tuple(int(part) for part in v.split(".")))


def floor(page: str) -> Versions:
    """The oldest versions that run `page` (a key of `NEEDS`): per browser, the newest of the
    first versions of the features it needs."""
    have = [FEATURES[feature] for feature in NEEDS[page]]
    return Versions(*(_newest([v[i] for v in have]) for i in range(3)))
