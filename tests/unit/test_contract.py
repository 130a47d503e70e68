"""Every copy of the vendor's contract agrees with `twt_py/_contract.py`, its one declaration.

The facade loops over the contract's tables; these tests hold the copies that cannot import
it (the typed stub, the JavaScript doubles and shims, the test pages' capture) to the same
names and values. Adding a command or an event to the contract makes them fail until every
copy follows.
"""

import ast
import re
from pathlib import Path

import fake_sdk

import twt_py
from twt_py import ChatWidget, Language, Visibility
from twt_py._contract import (
    API,
    COMMANDS,
    EARLY,
    EVENTS,
    LANGUAGES,
    OWN_METHODS,
    QUERIES,
    QUEUE_ENTRY,
    QUEUE_STUB_ON,
    VISIBILITIES,
    WIDGET,
)
from twt_py._ffi_base import _HELPERS_JS

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "static"
STUB = Path(twt_py.__file__).with_name("__init__.pyi")

API_MEMBERS = [c[1] for c in COMMANDS if c[1] not in OWN_METHODS] + list(QUERIES)
WINDOW_EVENTS = [e[2] for e in EVENTS if e[1] in ("window", "count")]
WIDGET_EVENTS = [e[2] for e in EVENTS if e[1] == "widget"]
PUBLIC = [c[0] for c in COMMANDS] + ["on_" + e[0] for e in EVENTS]
# ChatWidget's members that are not made from the contract's tables.
NOT_FROM_THE_TABLES = {
    "__init__", "is_ready", "is_open", "unread", "visibility", "error", "version", "ready",
    "dispose",
}


def _read(path: Path) -> str:
    return path.read_text("utf-8")


def _js_strings(text: str) -> "list[str]":
    return re.findall(r"'([^'\\]*)'", text)


# ---------------------------------------------------------------- the contract itself


def test_the_tables_are_well_formed() -> None:
    checks = __import__("twt_py._commands", fromlist=["CHECKS"]).CHECKS
    reads = __import__("twt_py._events", fromlist=["READ"]).READ
    for name, method, check, shim in COMMANDS:
        assert name.isidentifier() and method.isidentifier(), name
        assert check in checks, (name, check)
        assert shim in (None, "load", "position", "language", "hide"), (name, shim)
    assert set(OWN_METHODS) <= {c[1] for c in COMMANDS}
    slots = [e[0] for e in EVENTS]
    assert len(set(slots)) == len(slots) and set(slots) == set(reads)
    for _slot, source, _name, _key, repeats in EVENTS:
        assert source in ("window", "count", "widget")
        assert repeats in ("equal", "first", "upgrade")
        # The count listener hands its number straight to the channel, which drops equal ones.
        assert source != "count" or repeats == "equal"
    assert len(set(PUBLIC)) == len(PUBLIC)


# ---------------------------------------------------------------- Python copies


def _stub_class(name: str) -> ast.ClassDef:
    tree = ast.parse(_read(STUB))
    return next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == name)


def _literal(alias: str) -> "list[str]":
    tree = ast.parse(_read(STUB))
    node = next(
        n for n in tree.body
        if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name) and n.target.id == alias
    )
    assert isinstance(node.value, ast.Subscript)
    return [ast.literal_eval(e) for e in ast.walk(node.value.slice) if isinstance(e, ast.Constant)]


def test_the_stub_declares_the_enumerations_and_every_command_and_event() -> None:
    assert _literal("LanguageCode") == list(LANGUAGES)
    assert _literal("VisibilityValue") == list(VISIBILITIES)
    methods = {
        n.name for n in _stub_class("ChatWidget").body
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
    }
    assert methods - NOT_FROM_THE_TABLES == set(PUBLIC)
    assert NOT_FROM_THE_TABLES <= methods


def test_the_runtime_class_has_every_command_and_event() -> None:
    public = {n for n in vars(ChatWidget) if not n.startswith("_")}
    assert public - NOT_FROM_THE_TABLES == set(PUBLIC)
    for name in PUBLIC:
        assert callable(getattr(ChatWidget, name, None)), name


def test_the_value_classes_are_the_enumerations() -> None:
    assert Language.ALL == LANGUAGES
    assert [v for k, v in vars(Language).items() if k.isupper() and k != "ALL"] == list(LANGUAGES)
    assert Visibility.ALL == VISIBILITIES
    assert [Visibility.MAXIMIZED, Visibility.MINIMIZED, Visibility.HIDDEN] == list(VISIBILITIES)


def test_the_fake_sdk_has_every_member_and_event() -> None:
    assert list(fake_sdk.API_MEMBERS) == API_MEMBERS
    for member in API_MEMBERS:
        assert callable(getattr(fake_sdk.FakeSDK, "_api_" + member, None)), member
    assert sorted(fake_sdk.EVENT.values()) == sorted(e[2] for e in EVENTS)


def test_the_adapter_helpers_make_the_vendor_queue_stub() -> None:
    assert QUEUE_STUB_ON in _HELPERS_JS and "w.%s = w.%s ||" % (WIDGET, WIDGET) in _HELPERS_JS


# ---------------------------------------------------------------- JavaScript copies


def test_the_mock_sdk_offers_the_contract() -> None:
    mock = _read(STATIC / "twt-mock-sdk.js")  # the built file pages load
    assert sorted(set(re.findall(r"\bmember\('(\w+)'", mock))) == sorted(API_MEMBERS)
    for name in WINDOW_EVENTS:
        assert re.search(r"dispatchWindowEvent\('%s'" % re.escape(name), mock), name
    for name in WIDGET_EVENTS:
        assert "'%s'" % name in mock, name
    assert QUEUE_ENTRY in mock
    langs = re.search(r"\bLANGS = \[([^\]]*)\]", mock)
    assert langs and _js_strings(langs.group(1)) == list(LANGUAGES)
    for value in VISIBILITIES:
        assert "'%s'" % value in mock, value
    assert "window.%s" % API in mock and WIDGET in mock


def _shim() -> str:
    # The built shim, and the placeholder part lazy pages load beside it where it is split off.
    parts = [STATIC / "twt-early.js", STATIC / "twt-lazy.js"]
    return "\n".join(_read(p) for p in parts if p.exists())


def test_the_early_shim_records_every_event_and_makes_the_queue_stub() -> None:
    early = _read(STATIC / "twt-early.js")
    for name in WINDOW_EVENTS:
        assert "window.addEventListener('%s'" % name in early, name
    for name in WIDGET_EVENTS:
        assert "%s.on('%s'" % (WIDGET, name) in early, name
    assert QUEUE_STUB_ON in early
    record = re.search(r"\(window\.%s = \{([^}]*)\}" % EARLY, early)
    assert record, "the shim's record"
    for slot in [e[0] for e in EVENTS]:
        assert re.search(r"\b%s: null\b" % slot, record.group(1)), slot


def test_the_shim_acts_on_exactly_the_commands_the_contract_says() -> None:
    shim = _shim()
    told = set(re.findall(r"method === '(\w+)'", shim))
    assert told == {c[1] for c in COMMANDS if c[3] is not None}


def test_the_test_pages_capture_every_window_event() -> None:
    capture = _read(ROOT / "tests" / "pages" / "mock" / "_capture.js")
    listed = re.search(r"\[('__twt__[^\]]*)\]\.forEach", capture)
    assert listed and _js_strings(listed.group(1)) == WINDOW_EVENTS
