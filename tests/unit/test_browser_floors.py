"""Every place that states a browser floor states `twt_py/_cpython/browsers.py`'s.

The early shim's console line, the Brython fast path's warning, docs/browsers.md and README.md
each say the versions in their own words; each check below finds the sentence by its words and
compares the figures in it with the table. A sentence reworded out of its check's reach fails
too (it would otherwise go unchecked): then update the check.
"""

import re
from pathlib import Path

from twt_py._cpython.browsers import FEATURES, NEEDS, Versions, floor

ROOT = Path(__file__).resolve().parents[2]

# "Safari 15.4, Firefox 94, Chrome 98", with each figure captured by name (prefix_safari, ...).
V = r"[\d.]+"


def _three(prefix: str = "") -> str:
    return rf"Safari (?P<{prefix}safari>{V}), Firefox (?P<{prefix}firefox>{V}), Chrome (?P<{prefix}chrome>{V})"


def _want(
    versions: Versions, prefix: str = "", only: "tuple[str, ...]" = ("safari", "firefox", "chrome")
) -> "dict[str, str]":
    return {prefix + name: getattr(versions, name) for name in only}


def _text(path: str) -> str:
    text = (ROOT / path).read_text("utf-8")
    # One line of JS split into "a " + "b" pieces reads as one sentence, and line breaks and
    # indentation as single spaces.
    text = re.sub(r"[\"']\s*\+\s*[\"']", "", text)
    return re.sub(r"\s+", " ", text)


SHIM = "static/twt-early.js"
BRYTHON_LOADER = "twt_py/_cpython/fastpath_brython.py"
DOCS = "docs/browsers.md"
README = "README.md"

# (file, what the sentence is, its pattern, the figures it must hold).
CHECKS = [
    (
        SHIM,
        "FLOORS, PyScript's row",
        r"'PyScript %s', '%s'" % (V, _three()),
        _want(floor("PyScript")),
    ),
    (SHIM, "FLOORS, Brython's row", r"'Brython %s', '%s'" % (V, _three()), _want(floor("Brython"))),
    (
        SHIM,
        "the worker warning's SharedArrayBuffer",
        r"which PyScript workers need \(%s have it there\)" % _three(),
        _want(FEATURES["SharedArrayBuffer"]),
    ),
    (
        BRYTHON_LOADER,
        "_BRYTHON_LOADER's warning",
        r"needs DecompressionStream \(%s\)" % _three(),
        _want(FEATURES["DecompressionStream"]),
    ),
    (
        BRYTHON_LOADER,
        "_BRYTHON_LOADER's comment",
        r"Without DecompressionStream \(Safari before (?P<safari>%s), Firefox before (?P<firefox>%s)\)"
        % (V, V),
        _want(FEATURES["DecompressionStream"], only=("safari", "firefox")),
    ),
    *[
        (
            DOCS,
            "the table's %s row" % page,
            r"\| %s \| (?P<safari>%s) \| (?P<firefox>%s) \| (?P<chrome>%s) \|"
            % (re.escape(page), V, V, V),
            _want(floor(page)),
        )
        for page in (
            "PyScript + MicroPython",
            "PyScript + Pyodide",
            "Brython",
            "Brython fast path, at full speed",
        )
    ],
    (
        DOCS,
        "the table's PyScript worker row",
        r"\| PyScript worker \(`worker` attribute\) \| (?P<safari>%s) \| (?P<firefox>%s) \(Pyodide: (?P<Pyodide_firefox>%s)\)"
        r" \| (?P<chrome>%s) \| `SharedArrayBuffer` on a cross-origin isolated page: %s \|"
        % (V, V, V, V, _three("SharedArrayBuffer_")),
        {
            **_want(floor("PyScript worker")),
            "Pyodide_firefox": floor("PyScript worker, Pyodide").firefox,
            **_want(FEATURES["SharedArrayBuffer"], "SharedArrayBuffer_"),
        },
    ),
    *[
        (
            DOCS,
            "where %s's numbers come from" % feature,
            opening + _three() + r"\)",
            _want(FEATURES[feature]),
        )
        for feature, opening in (
            ("structuredClone", r"`structuredClone` \("),
            ("Array.prototype.at", r"`Array\.prototype\.at` \("),
            ("Object.hasOwn", r"`Object\.hasOwn` \("),
            ("WebAssembly exception handling", r"\(WebAssembly exception handling: "),
        )
    ],
    (
        DOCS,
        "the shim's message, quoted",
        r"which PyScript %s needs \(Safari (?P<safari>%s), Firefox (?P<firefox>%s), Chrome (?P<chrome>%s) or later\)"
        % (V, V, V, V),
        _want(floor("PyScript")),
    ),
    (
        DOCS,
        "the fast path without DecompressionStream",
        r"without `DecompressionStream`\*\* \(Safari before (?P<safari>%s), Firefox before (?P<firefox>%s)\)"
        % (V, V),
        _want(FEATURES["DecompressionStream"], only=("safari", "firefox")),
    ),
    (
        DOCS,
        "Safari's SharedArrayBuffer",
        r"Real Safari has `SharedArrayBuffer` on cross-origin isolated pages since (?P<safari>%s)"
        % V,
        _want(FEATURES["SharedArrayBuffer"], only=("safari",)),
    ),
    (
        README,
        "Supported browsers",
        r"Safari (?P<safari>%s), Firefox (?P<firefox>%s) and Chrome (?P<chrome>%s) or later \(Firefox (?P<Pyodide_firefox>%s)"
        r" for Pyodide; Brython's fast path at full speed: Safari (?P<fast_path_safari>%s), Firefox (?P<fast_path_firefox>%s)\)"
        % (V, V, V, V, V, V),
        {
            **_want(floor("PyScript + MicroPython")),
            "Pyodide_firefox": floor("PyScript + Pyodide").firefox,
            **_want(
                floor("Brython fast path, at full speed"), "fast_path_", only=("safari", "firefox")
            ),
        },
    ),
]


def test_every_place_states_the_tables_browser_floors() -> None:
    wrong = []
    for path, what, pattern, want in CHECKS:
        found = list(re.finditer(pattern, _text(path)))
        if not found:
            wrong.append(
                "%s: %s is not found (reworded? update its check here): /%s/"
                % (path, what, pattern)
            )
        for match in found:
            for name, figure in want.items():
                if match[name] != figure:
                    qualifier, _, browser = name.rpartition("_")
                    wrong.append(
                        "%s: %s says %s %s where twt_py/_cpython/browsers.py has %s%s"
                        % (
                            path,
                            what,
                            browser.capitalize(),
                            match[name],
                            figure,
                            " (%s)" % qualifier.replace("_", " ") if qualifier else "",
                        )
                    )
    # The shim's rows check for features by name: the ones the table's floors are made of.
    for runtime in ("PyScript", "Brython"):
        row = re.search(r"'%s %s', '[^']*', \[\[(.*?)\]\]" % (runtime, V), _text(SHIM))
        named = tuple(re.findall(r"'([^']+)'", row[1])) if row else ()
        if named != NEEDS[runtime]:
            wrong.append(
                "%s: FLOORS' %s row checks for %s where twt_py/_cpython/browsers.py has %s"
                % (SHIM, runtime, ", ".join(named) or "nothing", ", ".join(NEEDS[runtime]))
            )
    assert not wrong, "\n".join(wrong)
