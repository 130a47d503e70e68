"""The typed stub and the runtime package describe the same public API."""

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import twt_py

STUB = Path(twt_py.__file__).with_name("__init__.pyi")


def _stub() -> ast.Module:
    return ast.parse(STUB.read_text("utf-8"))


def test_all_matches_stub() -> None:
    tree = _stub()
    stub_all = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "__all__"
    )
    assert sorted(ast.literal_eval(stub_all)) == sorted(twt_py.__all__)
    for name in twt_py.__all__:
        assert hasattr(twt_py, name), name


def test_every_stubbed_member_exists_at_run_time() -> None:
    for node in _stub().body:
        if isinstance(node, ast.ClassDef) and hasattr(twt_py, node.name):
            cls = getattr(twt_py, node.name)
            for item in node.body:
                name = None
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    name = item.name
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    name = item.target.id
                if name and not name.startswith("_"):
                    has = (
                        hasattr(cls, name)
                        or name in getattr(cls, "__slots__", ())
                        or "self.%s = " % name in inspect.getsource(cls)
                    )
                    assert has, "%s.%s is in the stub but not at run time" % (node.name, name)


def test_errors_have_one_root() -> None:
    for name in ("ChatLoadError", "ChatSDKError", "ChatTimeoutError"):
        err = getattr(twt_py, name)
        assert issubclass(err, twt_py.ChatError)
        assert err.__doc__ and "\n" not in err.__doc__.strip()


def test_chat_outside_a_browser_fails_at_once_naming_the_browser_runtimes() -> None:
    run = subprocess.run(
        [sys.executable, "-c", "from twt_py import Chat; Chat.open()"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode != 0
    assert "twt_py's Chat runs in a browser" in run.stderr, run.stderr
    for runtime in ("Pyodide", "MicroPython", "Brython"):
        assert runtime in run.stderr
