"""Unit tests for twt_py._types: Language, Visibility, Position/css_length, Customer, and the
value classes handed to callbacks (CPython only)."""

import math

import pytest

from twt_py import (
    Chat,
    ChatError,
    ChatWidget,
    Customer,
    Language,
    Position,
    ReadyInfo,
    Visibility,
    VisibilityChange,
)
from twt_py._types import css_length

SIG = "0123456789abcdef0123456789abcdef"
CODES = ("en", "zh-cn", "zh-tw", "ja", "ko", "de", "fr", "pt", "ru")


def test_public_names_of_the_spec_import():
    assert isinstance(Chat, ChatWidget)
    assert issubclass(ChatError, Exception)


# ---------------------------------------------------------------- Language


def test_language_constants_are_the_vendor_codes():
    assert (
        Language.EN,
        Language.ZH_CN,
        Language.ZH_TW,
        Language.JA,
        Language.KO,
        Language.DE,
        Language.FR,
        Language.PT,
        Language.RU,
    ) == CODES
    assert tuple(Language.ALL) == CODES
    assert all(type(c) is str for c in Language.ALL)


@pytest.mark.parametrize("code", CODES)
def test_language_codes_normalize_to_themselves(code):
    assert Language.normalize(code) == code
    assert Language.normalize(code.upper()) == code


@pytest.mark.parametrize(
    "spelling, code",
    [
        ("zh-CN", "zh-cn"),
        ("zh_CN", "zh-cn"),
        ("ZH-cn", "zh-cn"),
        ("zh-TW", "zh-tw"),
        ("zh_TW", "zh-tw"),
        ("zh_tw", "zh-tw"),
        ("zh-Hant", "zh-tw"),
        ("zh-Hans", "zh-cn"),
        ("zh-Hant-TW", "zh-tw"),
        ("zh-Hans-CN", "zh-cn"),
        ("zh-HK", "zh-tw"),
        ("zh-MO", "zh-tw"),
        ("zh-SG", "zh-cn"),
        ("en-US", "en"),
        ("en_GB", "en"),
        ("EN", "en"),
        ("En-us", "en"),
        ("pt-BR", "pt"),
        ("pt_PT", "pt"),
        ("fr-CA", "fr"),
        ("de-AT", "de"),
        ("ja-JP", "ja"),
        ("ko-KR", "ko"),
        ("ru-RU", "ru"),
        (" ja ", "ja"),
    ],
)
def test_language_normalizes_common_spellings(spelling, code):
    assert Language.normalize(spelling) == code


@pytest.mark.parametrize(
    "bad", ["", "xx", "zh", "zh-XX", "english", "en-", "es", "it-IT", "ja--JP", "zh-cn-"]
)
def test_unknown_language_is_a_value_error_listing_the_nine_codes(bad):
    with pytest.raises(ValueError) as info:
        Language.normalize(bad)
    text = str(info.value)
    assert repr(bad) in text
    for code in CODES:
        assert code in text


@pytest.mark.parametrize("bad", [None, 1, b"en", ["en"], Language])
def test_language_of_the_wrong_type_is_a_type_error(bad):
    with pytest.raises(TypeError) as info:
        Language.normalize(bad)
    assert type(bad).__name__ in str(info.value)


# ---------------------------------------------------------------- Visibility


def test_visibility_constants_are_plain_vendor_strings():
    assert Visibility.MAXIMIZED == "maximized"
    assert Visibility.MINIMIZED == "minimized"
    assert Visibility.HIDDEN == "hidden"
    assert type(Visibility.MAXIMIZED) is str
    assert set(Visibility.ALL) == {"maximized", "minimized", "hidden"}


def test_visibility_change_and_ready_info_compare_by_value():
    assert VisibilityChange("hidden", False) == VisibilityChange("hidden", False)
    assert VisibilityChange("hidden", False) != VisibilityChange("minimized", False)
    assert VisibilityChange("maximized", True) != VisibilityChange("maximized", False)
    assert ReadyInfo("1.2.0", 5.0) == ReadyInfo("1.2.0", 5.0)
    assert ReadyInfo("1.2.0", 5.0) != ReadyInfo("1.2.1", 5.0)
    assert "1.2.0" in repr(ReadyInfo("1.2.0", 5.0))
    assert "hidden" in repr(VisibilityChange("hidden", False))


# ---------------------------------------------------------------- css_length / Position


@pytest.mark.parametrize(
    "value, css",
    [
        (20, "20px"),
        (0, "0px"),
        (20.0, "20px"),
        (1.5, "1.5px"),
        (0.25, "0.25px"),
        ("20px", "20px"),
        (" 20px ", "20px"),
        ("0", "0"),
        ("1.5rem", "1.5rem"),
        (".5em", ".5em"),
        ("10%", "10%"),
        ("3vh", "3vh"),
        ("2vmin", "2vmin"),
        ("12pt", "12pt"),
        ("1in", "1in"),
        ("20PX", "20PX"),
        ("1.5Rem", "1.5Rem"),
    ],
)
def test_css_length_accepts_lengths_and_pixels(value, css):
    assert css_length(value, "right") == css


@pytest.mark.parametrize(
    "bad",
    [
        -1,
        -0.5,
        float("nan"),
        float("inf"),
        float("-inf"),
        "-5px",
        "20",
        "px",
        "",
        "20 px",
        "abc",
        "20px; background:red",
        "20px;background:red",
        "calc(10px + 2px)",
        "1e3px",
        "1.2.3px",
        "5.px",
        "5min",
        "20px !important",
    ],
)
def test_css_length_rejects_non_lengths_naming_the_value(bad):
    with pytest.raises(ValueError) as info:
        css_length(bad, "bottom")
    text = str(info.value)
    assert "bottom" in text
    if isinstance(bad, str):
        assert repr(bad) in text
    elif not math.isnan(bad):
        assert repr(bad) in text


@pytest.mark.parametrize("bad", [True, False, None, [1], {"px": 1}, b"20px", 1j])
def test_css_length_of_the_wrong_type_is_a_type_error(bad):
    with pytest.raises(TypeError) as info:
        css_length(bad, "right")
    assert "right" in str(info.value)
    assert type(bad).__name__ in str(info.value)


def test_position_keeps_the_sides_given():
    assert Position(right=20).to_dict() == {"right": "20px"}
    assert Position(bottom="5rem").to_dict() == {"bottom": "5rem"}
    assert Position(right=0, bottom=1.5).to_dict() == {"right": "0px", "bottom": "1.5px"}
    assert Position(20, 80) == Position(right="20px", bottom="80px")
    assert Position(20) != Position(21)
    assert "20px" in repr(Position(20))


def test_position_needs_a_side():
    with pytest.raises(ValueError):
        Position()


def test_position_validates_each_side():
    with pytest.raises(ValueError, match="right"):
        Position(right="20px; background:red", bottom=1)
    with pytest.raises(ValueError, match="bottom"):
        Position(right=1, bottom=-3)
    with pytest.raises(TypeError, match="bottom"):
        Position(bottom=[3])


# ---------------------------------------------------------------- Customer


def test_customer_requires_only_sbs_sbs_mm_ranstr():
    c = Customer(sbs="1001", sbs_mm=SIG, ranstr="r" * 16)
    assert c.to_dict() == {"sbs": "1001", "sbs_mm": SIG, "ranstr": "r" * 16}
    assert c.login_args() == ["1001", SIG, "r" * 16]
    assert c.name is None and c.phone is None


def test_customer_with_every_field():
    c = Customer(
        sbs="1001",
        sbs_mm=SIG,
        ranstr="r" * 16,
        name="Ada",
        nickname="ada",
        email="ada@example.com",
        phone="+1 555",
    )
    assert c.login_args() == ["1001", SIG, "r" * 16, "Ada", "ada", "ada@example.com", "+1 555"]


def test_customer_login_args_keep_middle_gaps_and_drop_trailing_ones():
    c = Customer(sbs="1", sbs_mm=SIG, ranstr="x", email="a@b.c")
    assert c.login_args() == ["1", SIG, "x", None, None, "a@b.c"]


def test_customer_repr_does_not_show_the_signature():
    c = Customer(sbs="1", sbs_mm=SIG, ranstr="x", name="Ada")
    assert SIG not in repr(c)
    assert "Ada" in repr(c)


def test_customer_equality():
    assert Customer("1", SIG, "x") == Customer(sbs="1", sbs_mm=SIG, ranstr="x")
    assert Customer("1", SIG, "x") != Customer("2", SIG, "x")


@pytest.mark.parametrize("missing", ["sbs", "sbs_mm", "ranstr"])
def test_customer_missing_a_required_field_names_it(missing):
    kwargs = {"sbs": "1", "sbs_mm": SIG, "ranstr": "x"}
    del kwargs[missing]
    with pytest.raises(TypeError, match=missing):
        Customer(**kwargs)


@pytest.mark.parametrize("field", ["sbs", "sbs_mm", "ranstr"])
def test_customer_empty_required_field_is_a_value_error(field):
    kwargs = {"sbs": "1", "sbs_mm": SIG, "ranstr": "x", field: ""}
    with pytest.raises(ValueError, match=field):
        Customer(**kwargs)


@pytest.mark.parametrize("field", ["sbs", "sbs_mm", "ranstr", "name", "nickname", "email", "phone"])
def test_customer_fields_must_be_strings(field):
    kwargs = {"sbs": "1", "sbs_mm": SIG, "ranstr": "x", field: 1001}
    with pytest.raises(TypeError) as info:
        Customer(**kwargs)
    assert "Customer.%s" % field in str(info.value)
    assert "int" in str(info.value)


@pytest.mark.parametrize(
    "bad",
    [
        SIG.upper(),
        SIG[:-1],
        SIG + "0",
        "g" * 32,
        " " + SIG[1:],
        "ABC",
        "0123456789ABCDEF0123456789abcdef",
    ],
)
def test_customer_sbs_mm_must_be_32_lower_case_hex(bad):
    with pytest.raises(ValueError) as info:
        Customer(sbs="1", sbs_mm=bad, ranstr="x")
    assert "32 lower-case hex" in str(info.value)
    assert repr(bad) in str(info.value)


def test_customer_from_dict():
    c = Customer.from_dict({"sbs": "1", "sbs_mm": SIG, "ranstr": "x", "name": "Ada"})
    assert c == Customer("1", SIG, "x", name="Ada")


def test_customer_from_dict_rejects_unknown_and_missing_keys_and_non_dicts():
    with pytest.raises(ValueError) as info:
        Customer.from_dict({"sbs": "1", "sbs_mm": SIG, "ranstr": "x", "age": 3})
    assert "age" in str(info.value) and "sbs_mm" in str(info.value)
    with pytest.raises(ValueError, match="ranstr"):
        Customer.from_dict({"sbs": "1", "sbs_mm": SIG})
    with pytest.raises(TypeError, match="list"):
        Customer.from_dict([("sbs", "1")])
    with pytest.raises(ValueError, match="sbs_mm"):
        Customer.from_dict({"sbs": "1", "sbs_mm": "nope", "ranstr": "x"})


# ---------------------------------------------------------------- errors


def test_chat_error_names_pending_commands():
    err = ChatError("boom", ["open()", "close()"])
    assert err.message == "boom"
    assert err.pending == ("open()", "close()")
    assert str(err).startswith("boom")
    assert "open(), close()" in str(err)
    assert str(ChatError("plain")) == "plain"
    assert ChatError("plain").pending == ()
