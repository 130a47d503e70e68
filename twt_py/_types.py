"""Values a site owner passes to the widget: languages, positions, customers.

Plain classes with validation at construction: no `typing`, `enum` or `dataclasses`, so they
load fast on MicroPython and Brython (types live in `__init__.pyi`). Loaded on first use (a
command, `install`, or `from twt_py import Language`): a page that only listens never pays
for them. What the SDK sends back (`ReadyInfo`, `Visibility`, ...) is in `_events`.
"""

from ._contract import LANGUAGES as _CODES
from ._errors import describe as _describe

_CHINESE_TRADITIONAL = ("tw", "hk", "mo", "hant")
_CHINESE_SIMPLIFIED = ("cn", "sg", "my", "hans")
_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"


class Language:
    """The nine languages of the widget, as the vendor's codes.

    Each constant is a plain string. `Language.normalize` accepts common spellings
    (`"zh-CN"`, `"zh_TW"`, `"en-US"`, `"EN"`, `"zh-Hant"`, `"pt-BR"`) and returns the code.

    ```python
    from twt_py import Chat, Language
    Chat.set_language(Language.JA)
    Chat.set_language("zh_TW")          # the same as Language.ZH_TW
    Language.normalize("en-US")          # "en"
    ```
    """

    EN = "en"
    ZH_CN = "zh-cn"
    ZH_TW = "zh-tw"
    JA = "ja"
    KO = "ko"
    DE = "de"
    FR = "fr"
    PT = "pt"
    RU = "ru"
    ALL = _CODES

    @staticmethod
    def normalize(value):
        """The vendor's code for `value`; `ValueError` naming the nine codes if there is none."""
        if not isinstance(value, str):
            raise TypeError(
                "language must be a str such as 'en' or 'zh-cn', got %s" % _describe(value)
            )
        tag = value.strip().lower().replace("_", "-")
        parts = tag.split("-")
        primary = parts[0]
        if tag in _CODES:
            return tag
        if "" in parts:  # "en-", "zh-cn-", "ja--JP": an empty subtag is no language tag
            pass
        elif primary == "zh" and len(parts) > 1:
            rest = parts[1:]
            for part in rest:
                if part in _CHINESE_TRADITIONAL:
                    return "zh-tw"
            for part in rest:
                if part in _CHINESE_SIMPLIFIED:
                    return "zh-cn"
        elif primary in _CODES and len(parts) > 1 and primary != "zh":
            region = parts[1]
            if 2 <= len(region) <= 8 and all(c in _ALNUM for c in region):
                return primary
        raise ValueError(
            "unknown language %r: use one of %s (or a regional variant such as 'en-US', "
            "'zh-Hant', 'pt-BR')" % (value, ", ".join(_CODES))
        )


_UNITS = ("px", "rem", "em", "%", "vh", "vw", "vmin", "vmax", "pt", "cm", "mm", "in", "ch", "ex")


def _is_number(text):
    # digits with at most one dot, at least one digit: "20", "1.5", ".5" (not "5.": CSS needs
    # a digit after the dot)
    if not text or text.count(".") > 1 or text.endswith("."):
        return False
    digits = text.replace(".", "")
    return digits != "" and all(c in "0123456789" for c in digits)


def css_length(value, name):
    """`value` as a CSS length for the launcher's `name` side; `ValueError`/`TypeError` if not.

    Numbers mean pixels; strings must be a non-negative number with a unit (`"20px"`,
    `"1.5rem"`, `"10%"`) or `"0"`, and nothing else.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise TypeError(
            "%s must be a number of pixels or a CSS length string such as '20px', got %s"
            % (name, _describe(value))
        )
    if not isinstance(value, str):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("%s must be a finite number of pixels, got %r" % (name, value))
        if value < 0:
            raise ValueError("%s must not be negative, got %r" % (name, value))
        if value == int(value):
            return "%dpx" % int(value)
        return ("%.4f" % value).rstrip("0").rstrip(".") + "px"
    text = value.strip()
    if text == "0":
        return "0"
    lower = text.lower()  # CSS units are case-insensitive: "20PX" is a length
    for unit in _UNITS:
        if lower.endswith(unit) and _is_number(text[: len(text) - len(unit)]):
            return text
    raise ValueError(
        "%s must be a non-negative CSS length such as '20px', '1.5rem' or '10%%' (units: %s), "
        "got %r" % (name, ", ".join(_UNITS), value)
    )


class Position:
    """Where the launcher sits: distances from the right and bottom edges of the viewport.

    Numbers mean pixels; strings are CSS lengths. At least one side must be given.

    ```python
    from twt_py import Chat, Position
    Chat.set_position(Position(right=20, bottom="5rem"))
    ```
    """

    __slots__ = ("bottom", "right")

    def __init__(self, right=None, bottom=None):
        if right is None and bottom is None:
            raise ValueError("a Position needs right, bottom or both, e.g. Position(right=20)")
        self.right = None if right is None else css_length(right, "right")
        self.bottom = None if bottom is None else css_length(bottom, "bottom")

    def to_dict(self):
        """The `{right, bottom}` object the SDK takes (sides not given are left out)."""
        out = {}
        if self.right is not None:
            out["right"] = self.right
        if self.bottom is not None:
            out["bottom"] = self.bottom
        return out

    def __eq__(self, other):
        return (
            isinstance(other, Position)
            and self.right == other.right
            and self.bottom == other.bottom
        )

    def __repr__(self):
        return "Position(right=%r, bottom=%r)" % (self.right, self.bottom)


_HEX = "0123456789abcdef"
_CUSTOMER_FIELDS = ("sbs", "sbs_mm", "ranstr", "name", "nickname", "email", "phone")


class Customer:
    """Who the visitor is, for the agents: `sbs`, `sbs_mm` and `ranstr` are required.

    `sbs_mm` is the signature your server computes with the AppSecret
    (`twt_py.identity.sign` on CPython); the AppSecret itself never reaches the page.

    ```python
    from twt_py import Chat, Customer
    Chat.login(Customer(sbs="1001", sbs_mm="74f7dad4a3542e28ef15ba73476e39ac",
                        ranstr="_random16string_", name="Ada"))
    ```
    """

    __slots__ = _CUSTOMER_FIELDS

    def __init__(
        self, sbs, sbs_mm, ranstr, name=None, nickname=None, email=None, phone=None
    ):
        values = (sbs, sbs_mm, ranstr, name, nickname, email, phone)
        for field, value in zip(_CUSTOMER_FIELDS, values):  # noqa: B905 (no strict= in MicroPython)
            required = field in ("sbs", "sbs_mm", "ranstr")
            if value is None and not required:
                continue
            if not isinstance(value, str):
                raise TypeError(
                    "Customer.%s must be a str, got %s" % (field, _describe(value))
                )
            if required and not value:
                raise ValueError("Customer.%s is required and must not be empty" % field)
        if len(sbs_mm) != 32 or any(c not in _HEX for c in sbs_mm):
            raise ValueError(
                "Customer.sbs_mm must be 32 lower-case hex characters "
                "(md5(md5(sbs + '_' + AppSecret) + '_' + ranstr), made on your server), got %r"
                % sbs_mm
            )
        self.sbs = sbs
        self.sbs_mm = sbs_mm
        self.ranstr = ranstr
        self.name = name
        self.nickname = nickname
        self.email = email
        self.phone = phone

    @classmethod
    def from_dict(cls, data):
        """A Customer from a mapping with the config's keys (what your server sends)."""
        if not isinstance(data, dict):
            raise TypeError("Customer.from_dict needs a dict, got %s" % _describe(data))
        unknown = [k for k in data if k not in _CUSTOMER_FIELDS]
        if unknown:
            raise ValueError(
                "unknown customer field(s) %s: valid fields are %s"
                % (", ".join(sorted(unknown)), ", ".join(_CUSTOMER_FIELDS))
            )
        for key in ("sbs", "sbs_mm", "ranstr"):
            if key not in data:
                raise ValueError("Customer.%s is required" % key)
        return cls(**data)

    def to_dict(self):
        """The config's identity keys (fields not given are left out)."""
        out = {}
        for field in _CUSTOMER_FIELDS:
            value = getattr(self, field)
            if value is not None:
                out[field] = value
        return out

    def login_args(self):
        """The positional arguments of the SDK's `login(...)`, trailing missing ones dropped."""
        args = [getattr(self, f) for f in _CUSTOMER_FIELDS]
        while args and args[-1] is None:
            args.pop()
        return args

    def __eq__(self, other):
        return isinstance(other, Customer) and self.to_dict() == other.to_dict()

    def __repr__(self):
        return "Customer(%s)" % ", ".join(
            "%s=%r" % (k, v) for k, v in self.to_dict().items() if k != "sbs_mm"
        )


def as_customer(value, what):
    """`value` (a `Customer` or its dict) as a `Customer`; `TypeError` naming `what` if neither."""
    if isinstance(value, dict):
        value = Customer.from_dict(value)
    if not isinstance(value, Customer):
        raise TypeError("%s takes a Customer (or its dict), got %s" % (what, _describe(value)))
    return value
