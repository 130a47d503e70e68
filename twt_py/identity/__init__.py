"""Sign TWT Chat customer identities on your **server**.

TWT Chat recognises a returning customer by three values the page gives
the SDK (in `window.__twt__config` or through `login(...)`):

| key      | what it is                                              |
| -------- | ------------------------------------------------------- |
| `sbs`    | your site's unique id for the customer                  |
| `ranstr` | a random string chosen for this signature               |
| `sbs_mm` | `md5(md5(sbs + "_" + AppSecret) + "_" + ranstr)`        |

Each md5 step is the lower-case 32-character hex digest of the UTF-8
bytes of its text. Only a holder of the AppSecret (from the vendor console,
Settings > Developer) can compute `sbs_mm`, which is what stops a visitor
from chatting as somebody else. So the AppSecret must never reach a
browser: not in page source, not in a Python file the page loads (anyone
can read it), not in a URL. This module runs on CPython on your server
and refuses to be imported in a browser runtime (Pyodide, MicroPython,
Brython).

```python
>>> from twt_py.identity import sign, verify
>>> signed = sign("1001", "your_app_secret", ranstr="_random16string_")
>>> signed.sbs_mm
'74f7dad4a3542e28ef15ba73476e39ac'
>>> verify("1001", signed.sbs_mm, signed.ranstr, "your_app_secret")
True
>>> from pprint import pprint
>>> pprint(signed.to_config(name="Ada"), sort_dicts=False)
{'sbs': '1001',
 'sbs_mm': '74f7dad4a3542e28ef15ba73476e39ac',
 'ranstr': '_random16string_',
 'name': 'Ada'}

```

In production leave out `ranstr`: `sign()` then draws a fresh one from
the `secrets` module. Send the page the result of `to_config()` or
`to_json()` (it never contains the AppSecret); the page passes it on to
the SDK, e.g. with `install(customer=...)`.

Errors: a value of the wrong type raises `TypeError`; an unusable value
(an empty `sbs`, AppSecret or explicit `ranstr`, a malformed `sbs_mm` in
a hand-built `SignedIdentity`) raises `IdentityError`, a `ValueError`.
No error message ever contains the AppSecret.
"""

# The browser check comes first, before any import a browser runtime may
# lack (MicroPython has no hashlib.md5): the reason the module cannot be
# used there must be the error a developer sees, not a missing module.
_SERVER_ONLY_MESSAGE = (
    "twt_py.identity signs customer identities with your AppSecret and must run "
    "on your server, never in a browser: anyone can read a page's Python. Compute "
    "sbs_mm on the server (twt_py.identity.sign) and send the page only sbs, "
    "sbs_mm and ranstr."
)

try:  # Brython's built-in module, asked first: there `import sys` may be a failed request
    from browser import window as _window  # type: ignore[import-not-found]
except ImportError:
    _window = None
if getattr(_window, "__BRYTHON__", None) is not None:
    raise ImportError(_SERVER_ONLY_MESSAGE)

try:
    import sys as _sys
except ImportError:  # only a browser runtime without its stdlib lacks sys
    raise ImportError(_SERVER_ONLY_MESSAGE) from None

# Pyodide reports sys.platform "emscripten"; MicroPython's webassembly port
# (PyScript's MicroPython) "webassembly"; Brython "brython".
_BROWSER_PLATFORMS = ("emscripten", "webassembly", "brython")
_BROWSER_IMPLEMENTATIONS = ("micropython", "brython")


def _running_in_browser() -> bool:
    platform = str(getattr(_sys, "platform", "")).lower()
    implementation = getattr(_sys, "implementation", None)
    name = str(getattr(implementation, "name", "")).lower()
    return platform in _BROWSER_PLATFORMS or name in _BROWSER_IMPLEMENTATIONS


if _running_in_browser():
    raise ImportError(_SERVER_ONLY_MESSAGE)

# Imported only after the browser check, on purpose.
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass

__all__ = ["IdentityError", "SignedIdentity", "sign", "verify"]

# Random bytes in a generated `ranstr`: token_hex(16) gives 32 lower-case hex characters.
_RANSTR_BYTES = 16
_HEX_DIGITS = frozenset("0123456789abcdef")


class IdentityError(ValueError):
    """An identity value that cannot be signed or used.

    Raised for an empty `sbs` or AppSecret, an explicitly given empty
    `ranstr`, and a malformed `sbs_mm` in a hand-built `SignedIdentity`.
    It is a `ValueError`, so `except ValueError` catches it too. The
    message never contains the AppSecret.

    ```python
    >>> from twt_py.identity import IdentityError, sign
    >>> try:
    ...     sign("", "your_app_secret")
    ... except IdentityError as error:
    ...     print(error)
    sign(): sbs must not be empty; pass your site's id for the customer, e.g. str(user.id)

    ```
    """


def _describe_type(value: object) -> str:
    return "None" if value is None else type(value).__name__


def _require_str(function: str, parameter: str, value: object, valid: str) -> str:
    """Return `value` if it is a str; otherwise raise a TypeError naming it.

    Only the type of a bad value is reported, never the value itself: the
    value might be the AppSecret.
    """
    if not isinstance(value, str):
        raise TypeError(
            f"{function}: {parameter} must be a str, got {_describe_type(value)}; {valid}"
        )
    return value


_SBS_VALID = "pass your site's id for the customer, e.g. str(user.id)"
_SECRET_VALID = "pass the AppSecret from the TWT console (Settings > Developer) as text"
_RANSTR_VALID = "pass a random text of 16+ characters, or leave ranstr out to generate one"
_SBS_MM_VALID = "pass the 32-character lower-case hex signature the page sent"


def _check_sbs(function: str, sbs: object) -> str:
    text = _require_str(function, "sbs", sbs, _SBS_VALID)
    if not text:
        raise IdentityError(f"{function}: sbs must not be empty; {_SBS_VALID}")
    return text


def _check_secret(function: str, app_secret: object) -> str:
    text = _require_str(function, "app_secret", app_secret, _SECRET_VALID)
    if not text:
        raise IdentityError(f"{function}: app_secret must not be empty; {_SECRET_VALID}")
    return text


def _md5_hex(text: str) -> str:
    # usedforsecurity=False: the vendor fixed the algorithm; this keeps
    # FIPS-mode OpenSSL builds from refusing md5.
    return hashlib.md5(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def _signature(sbs: str, app_secret: str, ranstr: str) -> str:
    return _md5_hex(_md5_hex(sbs + "_" + app_secret) + "_" + ranstr)


def _is_signature_shaped(value: str) -> bool:
    return len(value) == 32 and all(char in _HEX_DIGITS for char in value)


def _html_safe_json(data: dict[str, str]) -> str:
    # ensure_ascii escapes non-ASCII (including U+2028/U+2029); escaping
    # <, > and & as well keeps "</script>" or "<!--" in a customer's name
    # from ending an inline <script> element. The result is still plain JSON.
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@dataclass(frozen=True, slots=True)
class SignedIdentity:
    """A customer id with its signature: what a page may safely receive.

    Holds `sbs`, `sbs_mm` and `ranstr`, never the AppSecret. Make one with
    `sign()`; building one by hand (for example from values you stored)
    checks that all three are non-empty str and that `sbs_mm` is 32
    lower-case hex characters (`TypeError` / `IdentityError` otherwise).

    `to_config()` gives the dict for `window.__twt__config` or
    `install(customer=...)`, with the customer details you choose to
    show agents; `to_json()` gives the same as JSON text.

    ```python
    >>> from twt_py.identity import SignedIdentity, sign
    >>> signed = sign("1001", "your_app_secret", ranstr="_random16string_")
    >>> signed.sbs, signed.ranstr
    ('1001', '_random16string_')
    >>> signed.to_config(name="Ada", email="ada@example.com")["email"]
    'ada@example.com'
    >>> print(signed.to_json(nickname="<Ada>").split(",")[-1])
    "nickname":"\\u003cAda\\u003e"}
    >>> SignedIdentity("1001", "74f7dad4a3542e28ef15ba73476e39ac", "_random16string_") == signed
    True

    ```
    """

    sbs: str
    sbs_mm: str
    ranstr: str

    def __post_init__(self) -> None:
        _check_sbs("SignedIdentity()", self.sbs)
        sbs_mm = _require_str("SignedIdentity()", "sbs_mm", self.sbs_mm, _SBS_MM_VALID)
        if not _is_signature_shaped(sbs_mm):
            raise IdentityError(
                "SignedIdentity(): sbs_mm must be 32 lower-case hex characters "
                f"(got {len(sbs_mm)} characters); {_SBS_MM_VALID}"
            )
        ranstr = _require_str("SignedIdentity()", "ranstr", self.ranstr, _RANSTR_VALID)
        if not ranstr:
            raise IdentityError(f"SignedIdentity(): ranstr must not be empty; {_RANSTR_VALID}")

    def to_config(
        self,
        *,
        name: str | None = None,
        nickname: str | None = None,
        email: str | None = None,
        phone: str | None = None,
    ) -> dict[str, str]:
        """Return the identity as a plain dict for the page.

        Keys are exactly the SDK's: `sbs`, `sbs_mm`, `ranstr`, then each of
        `name`, `nickname`, `email`, `phone` that is not None (given
        strings are kept as they are, empty ones included). A detail that
        is neither str nor None raises `TypeError`. The dict is fit for
        `window.__twt__config`, `install(customer=...)` and `json.dumps`.

        ```python
        >>> from twt_py.identity import sign
        >>> signed = sign("1001", "your_app_secret", ranstr="_random16string_")
        >>> sorted(signed.to_config(phone="+1 555 0100"))
        ['phone', 'ranstr', 'sbs', 'sbs_mm']

        ```
        """
        config = {"sbs": self.sbs, "sbs_mm": self.sbs_mm, "ranstr": self.ranstr}
        details = {"name": name, "nickname": nickname, "email": email, "phone": phone}
        for key, value in details.items():
            if value is None:
                continue
            config[key] = _require_str(
                "SignedIdentity.to_config()", key, value, "pass text, or None to leave it out"
            )
        return config

    def to_json(
        self,
        *,
        name: str | None = None,
        nickname: str | None = None,
        email: str | None = None,
        phone: str | None = None,
    ) -> str:
        """Return `to_config(...)` as compact JSON text.

        Non-ASCII characters and `<`, `>`, `&` are written as `\\uXXXX`
        escapes, so the text is safe to place inside an inline `<script>`
        element as well as to return from an API endpoint.

        ```python
        >>> import json
        >>> from twt_py.identity import sign
        >>> signed = sign("Zoë", "your_app_secret", ranstr="_random16string_")
        >>> json.loads(signed.to_json(name="Zoë"))["name"]
        'Zoë'

        ```
        """
        return _html_safe_json(
            self.to_config(name=name, nickname=nickname, email=email, phone=phone)
        )


def sign(sbs: str, app_secret: str, ranstr: str | None = None) -> SignedIdentity:
    """Sign customer id `sbs` with your AppSecret, on the server.

    Computes `sbs_mm = md5(md5(sbs + "_" + app_secret) + "_" + ranstr)`,
    lower-case hex at each step, over UTF-8 text. Values are used exactly
    as given (no trimming).

    `ranstr` defaults to a fresh `secrets.token_hex(16)`: 32 lower-case hex
    characters, safe in URLs, HTML and JavaScript. Leave it out in
    production. An explicit `ranstr` must be a non-empty str; shorter than
    16 characters is accepted (the vendor only recommends 16+) but weakens
    the signature's randomness.

    Raises `TypeError` if an argument is not a str (`ranstr` may be None)
    and `IdentityError` (a `ValueError`) if `sbs`, `app_secret` or an
    explicit `ranstr` is empty.

    ```python
    >>> from twt_py.identity import sign
    >>> sign("1001", "your_app_secret", ranstr="_random16string_").sbs_mm
    '74f7dad4a3542e28ef15ba73476e39ac'
    >>> len(sign("1001", "your_app_secret").ranstr)
    32

    ```
    """
    sbs = _check_sbs("sign()", sbs)
    app_secret = _check_secret("sign()", app_secret)
    if ranstr is None:
        ranstr = secrets.token_hex(_RANSTR_BYTES)
    else:
        ranstr = _require_str("sign()", "ranstr", ranstr, _RANSTR_VALID)
        if not ranstr:
            raise IdentityError(f"sign(): ranstr must not be empty; {_RANSTR_VALID}")
    return SignedIdentity(sbs=sbs, sbs_mm=_signature(sbs, app_secret, ranstr), ranstr=ranstr)


def verify(sbs: str, sbs_mm: str, ranstr: str, app_secret: str) -> bool:
    """Check that `sbs_mm` is the signature of `sbs` with `ranstr`.

    The comparison runs in constant time (`hmac.compare_digest`). Only the
    exact lower-case 32-hex form the vendor specifies is accepted: an
    upper-case, padded or otherwise altered `sbs_mm` returns False, as does
    an empty `ranstr` (`sign()` never makes one).

    Raises `TypeError` if an argument is not a str, and `IdentityError`
    (a `ValueError`) if `sbs` or `app_secret` is empty: those are mistakes
    in the calling code, not a wrong signature.

    ```python
    >>> from twt_py.identity import verify
    >>> verify("1001", "74f7dad4a3542e28ef15ba73476e39ac", "_random16string_", "your_app_secret")
    True
    >>> verify("1001", "74F7DAD4A3542E28EF15BA73476E39AC", "_random16string_", "your_app_secret")
    False
    >>> verify("1002", "74f7dad4a3542e28ef15ba73476e39ac", "_random16string_", "your_app_secret")
    False

    ```
    """
    sbs = _check_sbs("verify()", sbs)
    sbs_mm = _require_str("verify()", "sbs_mm", sbs_mm, _SBS_MM_VALID)
    ranstr = _require_str("verify()", "ranstr", ranstr, _RANSTR_VALID)
    app_secret = _check_secret("verify()", app_secret)
    expected = _signature(sbs, app_secret, ranstr)
    # Always compute and compare, so the time taken does not depend on where
    # a wrong sbs_mm differs; bytes, because compare_digest rejects non-ASCII str.
    matches = hmac.compare_digest(expected.encode("ascii"), sbs_mm.encode("utf-8"))
    return matches and bool(ranstr)
