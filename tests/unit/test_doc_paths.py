"""What twt_py tells a user to type matches what the docs tell them.

An error or warning that names a URL path (`/dist/twt-early.js`) or hands over a tag to paste
(`<script src="...">`) must use the path the docs use: a user who meets the message and then
reads the docs (or the other way round) must not find two answers. The messages are the string
constants in `raise` statements and console calls of twt_py's modules, and the string literals
handed to `warn(...)` / `console.*(...)` in static/*.js.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
PATH = re.compile(r"(?<![\w.])/(?:dist|static|runtimes)/[\w./@-]*\w")
SCRIPT_SRC = re.compile(r"<script\b[^>]*?\bsrc=[\"']([^\"']+)[\"']")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
JS_CALL = re.compile(r"\b(?:warn|console\.(?:warn|error|log|info))\s*\((.*?)\);", re.S)
JS_STRING = re.compile(r"'((?:[^'\\\n]|\\.)*)'|\"((?:[^\"\\\n]|\\.)*)\"")


def _strings(node: ast.AST) -> "list[str]":
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _is_console_call(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("console", "warn", "error")
    )


def python_messages() -> "list[tuple[str, str]]":
    """(where, text) of every string constant in a raise or a console/warn call in twt_py."""
    out = []
    for path in sorted((ROOT / "twt_py").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Raise) and node.exc is not None) or _is_console_call(node):
                where = "%s:%d" % (path.relative_to(ROOT), getattr(node, "lineno", 0))
                out += [(where, text) for text in _strings(node)]
    return out


def js_messages() -> "list[tuple[str, str]]":
    out = []
    for path in sorted((ROOT / "static").glob("*.js")):
        text = path.read_text("utf-8")
        for call in JS_CALL.finditer(text):
            where = "%s:%d" % (path.relative_to(ROOT), text.count("\n", 0, call.start()) + 1)
            out += [(where, a or b) for a, b in JS_STRING.findall(call.group(1))]
    return out


def docs_html() -> str:
    """Every fenced html block of the README and the docs pages, one text."""
    return "\n".join(
        body for doc in DOCS for lang, body in FENCE.findall(doc.read_text("utf-8")) if lang == "html"
    )


def test_the_scan_finds_the_messages() -> None:
    # The scan is not vacuous: it sees the lazy-mode error that hands over the shim's tag.
    messages = python_messages()
    assert any("<script src=" in text for _, text in messages), messages[:5]
    assert len(js_messages()) > 10


def test_a_tag_in_a_message_is_the_tag_the_docs_use() -> None:
    html = docs_html()
    used = set(SCRIPT_SRC.findall(html))
    assert "/dist/twt-early.js" in used  # the docs' pages load the shim from /dist/
    wrong = []
    for where, text in python_messages() + js_messages():
        for src in SCRIPT_SRC.findall(text):
            if "%" in src or src in used:
                continue
            name = src.rsplit("/", 1)[-1]
            same = sorted(u for u in used if u.rsplit("/", 1)[-1] == name) or ["no such tag"]
            wrong.append("%s: %s (the docs' pages use %s)" % (where, src, ", ".join(same)))
    assert not wrong, "messages hand over a <script src> the docs never use:\n" + "\n".join(wrong)


def test_a_path_in_a_message_is_a_path_the_docs_name() -> None:
    docs = "\n".join(doc.read_text("utf-8") for doc in DOCS)
    wrong = [
        "%s: %s" % (where, path)
        for where, text in python_messages() + js_messages()
        for path in PATH.findall(text)
        if path not in docs
    ]
    assert not wrong, "messages name paths no doc names:\n" + "\n".join(wrong)


def test_the_docs_name_every_file_the_build_writes(tmp_path: Path) -> None:
    from twt_py._cpython.dist import build

    written = build(tmp_path, wheel=False)
    top = sorted({p.relative_to(tmp_path).parts[0] for p in written})
    assert len(top) >= 9, top
    for doc in ("docs/testing.md", "docs/getting-started.md"):
        text = (ROOT / doc).read_text("utf-8")
        missing = [name for name in top if name not in text]
        assert not missing, "%s does not name what `twt-py build` writes: %s" % (doc, missing)


def test_the_readme_is_a_front_page_into_the_docs() -> None:
    """At most 300 lines, and a link to every page of the docs site's nav (mkdocs.yml)."""
    readme = (ROOT / "README.md").read_text("utf-8")
    assert readme.count("\n") <= 300, "README.md has %d lines" % readme.count("\n")
    nav = re.findall(r"^  - [^:\n]+: (\S+\.md)$", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)
    assert len(nav) >= 8, nav
    for page in nav:
        assert (ROOT / "docs" / page).is_file(), page
    unlinked = [p for p in nav if p != "architecture.md" and "](docs/%s" % p not in readme]
    assert not unlinked, "README.md links to no %s" % unlinked
