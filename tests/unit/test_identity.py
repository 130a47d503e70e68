"""Unit tests for twt_py.identity, the server-side identity signature (CPython only)."""

from __future__ import annotations

import builtins
import doctest
import hmac
import importlib.util
import json
import os
import secrets
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from twt_py import identity
from twt_py.identity import IdentityError, SignedIdentity, sign, verify

ROOT = Path(__file__).resolve().parents[2]

MODULE_PATH = ROOT / "twt_py" / "identity" / "__init__.py"

# ---------------------------------------------------------------------------
# Known answers, computed with coreutils md5sum (cross-checked with
# `openssl md5`), independently of the implementation, following the rule
# sbs_mm = md5(md5(sbs + "_" + AppSecret) + "_" + ranstr):
#
#   $ printf '%s' '1001_your_app_secret' | md5sum
#   ff745bcf280aa7027dad2ebdf0bddd52  -
#   $ printf '%s' 'ff745bcf280aa7027dad2ebdf0bddd52__random16string_' | md5sum
#   74f7dad4a3542e28ef15ba73476e39ac  -
#
# Non-ASCII sbs, written as explicit UTF-8 bytes so the shell's locale cannot
# change them ('客户-001' is e5 ae a2 e6 88 b7 2d 30 30 31):
#
#   $ printf '\345\256\242\346\210\267-001_your_app_secret' | md5sum
#   14b25a7b1a1b5a1e3a4f525fc7d8a73f  -
#   $ printf '%s' '14b25a7b1a1b5a1e3a4f525fc7d8a73f_0123456789abcdef' | md5sum
#   27d2f570bb236cbe77f65f451fb97bda  -
#
# Non-ASCII sbs and secret ('Zoë' is 5a 6f c3 ab, 'sécret' is 73 c3 a9 63 72 65 74):
#
#   $ printf 'Zo\303\253_s\303\251cret' | md5sum
#   84827dd3eccfc541d56eacb375a79e2c  -
#   $ printf '%s' '84827dd3eccfc541d56eacb375a79e2c_abcdefghijklmnop' | md5sum
#   6d76c7df436a71cc36cb790fa39af6df  -
# ---------------------------------------------------------------------------
KNOWN_ANSWERS = [
    pytest.param(
        "1001",
        "your_app_secret",
        "_random16string_",
        "74f7dad4a3542e28ef15ba73476e39ac",
        id="ascii",
    ),
    pytest.param(
        "客户-001",
        "your_app_secret",
        "0123456789abcdef",
        "27d2f570bb236cbe77f65f451fb97bda",
        id="cjk-sbs",
    ),
    pytest.param(
        "Zoë",
        "sécret",
        "abcdefghijklmnop",
        "6d76c7df436a71cc36cb790fa39af6df",
        id="latin1-sbs-and-secret",
    ),
]

SBS = "1001"
SECRET = "your_app_secret"
RANSTR = "_random16string_"
SBS_MM = "74f7dad4a3542e28ef15ba73476e39ac"


# --- known answers -----------------------------------------------------------


@pytest.mark.parametrize(("sbs", "secret", "ranstr", "expected"), KNOWN_ANSWERS)
def test_sign_matches_known_answer(sbs: str, secret: str, ranstr: str, expected: str) -> None:
    signed = sign(sbs, secret, ranstr=ranstr)
    assert signed == SignedIdentity(sbs=sbs, sbs_mm=expected, ranstr=ranstr)


@pytest.mark.parametrize(("sbs", "secret", "ranstr", "expected"), KNOWN_ANSWERS)
def test_verify_accepts_known_answer(sbs: str, secret: str, ranstr: str, expected: str) -> None:
    assert verify(sbs, expected, ranstr, secret) is True


def test_ranstr_may_be_given_positionally() -> None:
    assert sign(SBS, SECRET, RANSTR).sbs_mm == SBS_MM


def test_short_explicit_ranstr_is_allowed() -> None:
    # The vendor only recommends 16+ characters; a short one still signs.
    # printf '%s' 'ff745bcf280aa7027dad2ebdf0bddd52_x' | md5sum
    assert sign(SBS, SECRET, "x").sbs_mm == "c43d942395c3a4572aee83be3e5a4ffb"


# --- verify rejects ------------------------------------------------------------


def _change_one_digit(signature: str, index: int) -> str:
    digit = signature[index]
    replacement = "0" if digit != "0" else "1"
    return signature[:index] + replacement + signature[index + 1 :]


@pytest.mark.parametrize("index", [0, 15, 31])
def test_verify_rejects_tampered_signature(index: int) -> None:
    assert verify(SBS, _change_one_digit(SBS_MM, index), RANSTR, SECRET) is False


@pytest.mark.parametrize(
    ("sbs", "sbs_mm", "ranstr", "secret"),
    [
        pytest.param("1002", SBS_MM, RANSTR, SECRET, id="wrong-sbs"),
        pytest.param(SBS, SBS_MM, "_random16string!", SECRET, id="wrong-ranstr"),
        pytest.param(SBS, SBS_MM, RANSTR, "your_app_secreT", id="wrong-secret"),
        pytest.param(SBS, SBS_MM.upper(), RANSTR, SECRET, id="upper-case-hex"),
        pytest.param(SBS, SBS_MM[:8].upper() + SBS_MM[8:], RANSTR, SECRET, id="mixed-case"),
        pytest.param(SBS, " " + SBS_MM, RANSTR, SECRET, id="padded"),
        pytest.param(SBS, SBS_MM + "\n", RANSTR, SECRET, id="trailing-newline"),
        pytest.param(SBS, SBS_MM[:-1], RANSTR, SECRET, id="truncated"),
        pytest.param(SBS, "", RANSTR, SECRET, id="empty-signature"),
        pytest.param(SBS, "é" * 32, RANSTR, SECRET, id="non-ascii-signature"),
        pytest.param(SBS, SBS_MM, "", SECRET, id="empty-ranstr"),
    ],
)
def test_verify_rejects(sbs: str, sbs_mm: str, ranstr: str, secret: str) -> None:
    assert verify(sbs, sbs_mm, ranstr, secret) is False


def test_verify_rejects_a_signature_made_with_an_empty_ranstr() -> None:
    # sign() refuses an empty ranstr, so verify() never accepts one, even when
    # the signature is right for it.
    # printf '%s' 'ff745bcf280aa7027dad2ebdf0bddd52_' | md5sum
    assert verify(SBS, "730c62aeb55fd5a634017fde02c4fd86", "", SECRET) is False
    assert verify(SBS, identity._signature(SBS, SECRET, ""), "", SECRET) is False


def test_verify_compares_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    assert verify(SBS, SBS_MM, RANSTR, SECRET) is True
    assert verify(SBS, "0" * 32, RANSTR, SECRET) is False
    assert len(calls) == 2


# --- fresh ranstr --------------------------------------------------------------


def test_fresh_ranstr_is_long_random_and_verifies() -> None:
    first = sign(SBS, SECRET)
    second = sign(SBS, SECRET)
    for signed in (first, second):
        assert len(signed.ranstr) >= 16
        assert set(signed.ranstr) <= set("0123456789abcdef")  # URL-, HTML- and JS-safe
        assert verify(SBS, signed.sbs_mm, signed.ranstr, SECRET)
    assert first.ranstr != second.ranstr
    assert first.sbs_mm != second.sbs_mm


def test_fresh_ranstr_comes_from_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(secrets, "token_hex", lambda n: "f" * (2 * n))
    assert sign(SBS, SECRET).ranstr == "f" * 32


def test_signature_is_lower_case_hex() -> None:
    signed = sign("客户-001", SECRET)
    assert len(signed.sbs_mm) == 32
    assert set(signed.sbs_mm) <= set("0123456789abcdef")


# --- bad inputs ------------------------------------------------------------------


@pytest.mark.parametrize("bad", [1001, None, b"1001", 10.01])
def test_sign_rejects_non_str_sbs(bad: object) -> None:
    with pytest.raises(TypeError) as info:
        sign(bad, SECRET)  # type: ignore[arg-type]
    message = str(info.value)
    assert "sbs" in message
    assert ("None" if bad is None else type(bad).__name__) in message
    assert "str" in message


@pytest.mark.parametrize("bad", [12345, None, b"your_app_secret", bytearray(b"s")])
def test_sign_rejects_non_str_secret_without_echoing_it(bad: object) -> None:
    with pytest.raises(TypeError) as info:
        sign(SBS, bad)  # type: ignore[arg-type]
    message = str(info.value)
    assert "app_secret" in message
    assert ("None" if bad is None else type(bad).__name__) in message
    assert "str" in message
    assert "your_app_secret" not in message and "12345" not in message


@pytest.mark.parametrize("bad", [1234567890123456, b"_random16string_", ["x"]])
def test_sign_rejects_non_str_ranstr(bad: object) -> None:
    with pytest.raises(TypeError, match=r"^sign\(\): ranstr must be a str, got "):
        sign(SBS, SECRET, bad)  # type: ignore[arg-type]


def test_sign_rejects_empty_sbs() -> None:
    with pytest.raises(IdentityError, match=r"^sign\(\): sbs must not be empty"):
        sign("", SECRET)


def test_sign_rejects_empty_secret() -> None:
    with pytest.raises(IdentityError, match=r"^sign\(\): app_secret must not be empty"):
        sign(SBS, "")


def test_sign_rejects_explicit_empty_ranstr() -> None:
    with pytest.raises(IdentityError, match=r"^sign\(\): ranstr must not be empty"):
        sign(SBS, SECRET, "")


def test_identity_error_is_a_value_error() -> None:
    assert issubclass(IdentityError, ValueError)
    with pytest.raises(ValueError):
        sign("", SECRET)


@pytest.mark.parametrize(
    ("args", "parameter"),
    [
        ((1001, SBS_MM, RANSTR, SECRET), "sbs"),
        ((SBS, None, RANSTR, SECRET), "sbs_mm"),
        ((SBS, SBS_MM.encode(), RANSTR, SECRET), "sbs_mm"),
        ((SBS, SBS_MM, None, SECRET), "ranstr"),
        ((SBS, SBS_MM, RANSTR, b"your_app_secret"), "app_secret"),
    ],
)
def test_verify_rejects_non_str(args: tuple[object, ...], parameter: str) -> None:
    with pytest.raises(TypeError, match=rf"verify\(\): {parameter} must be a str, got "):
        verify(*args)  # type: ignore[arg-type]


def test_verify_rejects_empty_sbs_and_secret() -> None:
    with pytest.raises(IdentityError, match=r"sbs must not be empty"):
        verify("", SBS_MM, RANSTR, SECRET)
    with pytest.raises(IdentityError, match=r"app_secret must not be empty"):
        verify(SBS, SBS_MM, RANSTR, "")


def test_error_messages_never_contain_the_secret() -> None:
    secret = "TOP-SECRET-VALUE"
    for call in (
        lambda: sign("", secret),
        lambda: sign(SBS, secret, ""),
        lambda: sign(SBS, secret, 5),  # type: ignore[arg-type]
        lambda: verify("", SBS_MM, RANSTR, secret),
        lambda: verify(SBS, None, RANSTR, secret),  # type: ignore[arg-type]
    ):
        with pytest.raises((TypeError, ValueError)) as info:
            call()
        assert secret not in str(info.value)


# --- SignedIdentity ------------------------------------------------------------


def test_signed_identity_is_frozen_and_holds_no_secret() -> None:
    signed = sign(SBS, SECRET, RANSTR)
    with pytest.raises(AttributeError):
        signed.sbs = "1002"  # type: ignore[misc]
    assert SECRET not in repr(signed)
    assert SECRET not in signed.to_json(name="Ada")


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        ({"sbs": "", "sbs_mm": SBS_MM, "ranstr": RANSTR}, IdentityError, "sbs must not be empty"),
        ({"sbs": 1001, "sbs_mm": SBS_MM, "ranstr": RANSTR}, TypeError, "sbs must be a str"),
        ({"sbs": SBS, "sbs_mm": SBS_MM.upper(), "ranstr": RANSTR}, IdentityError, "sbs_mm"),
        ({"sbs": SBS, "sbs_mm": SECRET, "ranstr": RANSTR}, IdentityError, "32 lower-case hex"),
        ({"sbs": SBS, "sbs_mm": None, "ranstr": RANSTR}, TypeError, "sbs_mm must be a str"),
        ({"sbs": SBS, "sbs_mm": SBS_MM, "ranstr": ""}, IdentityError, "ranstr must not be empty"),
        ({"sbs": SBS, "sbs_mm": SBS_MM, "ranstr": 7}, TypeError, "ranstr must be a str"),
    ],
)
def test_hand_built_signed_identity_is_checked(
    kwargs: dict[str, Any], error: type[Exception], pattern: str
) -> None:
    with pytest.raises(error, match=pattern) as info:
        SignedIdentity(**kwargs)
    assert SECRET not in str(info.value)


def test_to_config_without_details() -> None:
    config = sign(SBS, SECRET, RANSTR).to_config()
    assert config == {"sbs": SBS, "sbs_mm": SBS_MM, "ranstr": RANSTR}
    assert list(config) == ["sbs", "sbs_mm", "ranstr"]


def test_to_config_with_all_details() -> None:
    config = sign(SBS, SECRET, RANSTR).to_config(
        name="Ada Lovelace", nickname="Ada", email="ada@example.com", phone="+44 20 0000 0000"
    )
    assert config == {
        "sbs": SBS,
        "sbs_mm": SBS_MM,
        "ranstr": RANSTR,
        "name": "Ada Lovelace",
        "nickname": "Ada",
        "email": "ada@example.com",
        "phone": "+44 20 0000 0000",
    }
    assert all(type(value) is str for value in config.values())


def test_to_config_omits_none_and_keeps_given_strings() -> None:
    config = sign(SBS, SECRET, RANSTR).to_config(name=None, nickname="", email="a@b.c")
    assert config == {
        "sbs": SBS,
        "sbs_mm": SBS_MM,
        "ranstr": RANSTR,
        "nickname": "",
        "email": "a@b.c",
    }


def test_to_config_returns_a_fresh_dict() -> None:
    signed = sign(SBS, SECRET, RANSTR)
    signed.to_config()["sbs"] = "tampered"
    assert signed.to_config()["sbs"] == SBS


@pytest.mark.parametrize("detail", ["name", "nickname", "email", "phone"])
@pytest.mark.parametrize("bad", [42, b"Ada", ["Ada"]])
def test_to_config_rejects_non_str_details(detail: str, bad: object) -> None:
    with pytest.raises(TypeError, match=rf"{detail} must be a str, got {type(bad).__name__}"):
        sign(SBS, SECRET, RANSTR).to_config(**{detail: bad})  # type: ignore[arg-type]


def test_to_config_rejects_unknown_details() -> None:
    with pytest.raises(TypeError):
        sign(SBS, SECRET, RANSTR).to_config(mail="a@b.c")  # type: ignore[call-arg]


def test_to_json_round_trips_to_config() -> None:
    signed = sign("客户-001", SECRET, "0123456789abcdef")
    details = {"name": "Zoë </script><!--", "email": "a&b@example.com"}
    text = signed.to_json(**details)
    assert json.loads(text) == signed.to_config(**details)
    assert json.loads(text) == {
        "sbs": "客户-001",
        "sbs_mm": "27d2f570bb236cbe77f65f451fb97bda",
        "ranstr": "0123456789abcdef",
        "name": "Zoë </script><!--",
        "email": "a&b@example.com",
    }


def test_to_json_is_safe_inside_an_inline_script() -> None:
    text = sign(SBS, SECRET, RANSTR).to_json(name="</script><script>alert(1)</script>\u2028")
    assert text.isascii()
    for forbidden in ("<", ">", "&", "\u2028"):
        assert forbidden not in text


def test_to_json_exact_text() -> None:
    assert sign(SBS, SECRET, RANSTR).to_json(name="Ada") == (
        '{"sbs":"1001","sbs_mm":"74f7dad4a3542e28ef15ba73476e39ac",'
        '"ranstr":"_random16string_","name":"Ada"}'
    )


def test_to_json_rejects_non_str_details() -> None:
    with pytest.raises(TypeError, match=r"phone must be a str, got int"):
        sign(SBS, SECRET, RANSTR).to_json(phone=5550100)  # type: ignore[arg-type]


# --- module surface --------------------------------------------------------------


def test_public_names() -> None:
    assert sorted(identity.__all__) == ["IdentityError", "SignedIdentity", "sign", "verify"]
    for name in identity.__all__:
        assert getattr(identity, name).__doc__


def test_docstring_examples_run() -> None:
    result = doctest.testmod(identity, raise_on_error=False, verbose=False)
    assert result.attempted >= 10
    assert result.failed == 0


# --- the browser guard -----------------------------------------------------------


def _load_fresh_identity() -> types.ModuleType:
    """Import identity/__init__.py again as a brand-new module (not cached in sys.modules)."""
    spec = importlib.util.spec_from_file_location("twt_py_identity_probe", MODULE_PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _assert_server_only_message(error: BaseException) -> None:
    message = str(error)
    assert "server" in message
    assert "never in a browser" in message
    assert "AppSecret" in message
    assert "sbs, sbs_mm and ranstr" in message


def test_module_loads_on_cpython() -> None:
    module = _load_fresh_identity()
    assert module.sign(SBS, SECRET, RANSTR).sbs_mm == SBS_MM
    assert module.__all__ == identity.__all__


@pytest.mark.parametrize("platform", ["emscripten", "webassembly", "brython", "Emscripten"])
def test_import_refused_on_browser_platform(monkeypatch: pytest.MonkeyPatch, platform: str) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    with pytest.raises(ImportError) as info:
        _load_fresh_identity()
    _assert_server_only_message(info.value)


@pytest.mark.parametrize("name", ["micropython", "brython", "Brython", "MicroPython"])
def test_import_refused_on_browser_implementation(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    fake = types.SimpleNamespace(**vars(sys.implementation))
    fake.name = name
    monkeypatch.setattr(sys, "implementation", fake)
    with pytest.raises(ImportError) as info:
        _load_fresh_identity()
    _assert_server_only_message(info.value)


def test_import_refused_when_sys_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__
    attempted: list[str] = []

    def no_sys(name: str, *args: Any, **kwargs: Any) -> Any:
        attempted.append(name)
        if name == "sys":
            raise ImportError("No module named 'sys'")
        return real_import(name, *args, **kwargs)

    with monkeypatch.context() as patch, pytest.raises(ImportError) as info:
        patch.setattr(builtins, "__import__", no_sys)
        _load_fresh_identity()
    _assert_server_only_message(info.value)
    assert info.value.__cause__ is None
    # refused before the module imports anything else
    assert "sys" in attempted
    assert not {"hashlib", "hmac", "json", "secrets", "dataclasses"} & set(attempted)


def test_browser_guard_runs_before_hashlib(monkeypatch: pytest.MonkeyPatch) -> None:
    # MicroPython has no md5: the developer must see the server-only reason,
    # not a missing-module error.
    real_import = builtins.__import__
    attempted: list[str] = []

    def record(name: str, *args: Any, **kwargs: Any) -> Any:
        attempted.append(name)
        if name == "hashlib":
            raise ImportError("No module named 'hashlib'")
        return real_import(name, *args, **kwargs)

    with monkeypatch.context() as patch, pytest.raises(ImportError) as info:
        patch.setattr(sys, "platform", "webassembly")
        patch.setattr(builtins, "__import__", record)
        _load_fresh_identity()
    _assert_server_only_message(info.value)
    assert "hashlib" not in attempted


def test_import_refused_in_a_fresh_interpreter() -> None:
    # A real `import twt_py.identity` in a new process pretending to be Pyodide.
    script = (
        "import sys\n"
        "import twt_py\n"
        "sys.platform = 'emscripten'\n"
        "try:\n"
        "    import twt_py.identity\n"
        "except ImportError as error:\n"
        "    print('REFUSED:', error)\n"
        "else:\n"
        "    print('IMPORTED')\n"
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.startswith("REFUSED:"), result.stdout + result.stderr
    assert "must run on your server, never in a browser" in result.stdout
