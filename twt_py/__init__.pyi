# Types of twt_py's public API (the runtime modules carry no annotations, so that
# MicroPython and Brython never import `typing`). Checked by `mypy --strict` in `./run test`.
from collections.abc import Awaitable, Callable
from typing import Final, Literal, TypeAlias, TypeVar, overload

__version__: str
PRODUCTION_SRC: Final[str]

LanguageCode: TypeAlias = Literal["en", "zh-cn", "zh-tw", "ja", "ko", "de", "fr", "pt", "ru"]
VisibilityValue: TypeAlias = Literal["maximized", "minimized", "hidden"]
Length: TypeAlias = int | float | str

class RuntimeInfo:
    name: Literal["pyodide", "micropython", "brython", "cpython"]
    version: str
    python: str
    worker: bool
    @property
    def in_browser(self) -> bool: ...

runtime: RuntimeInfo

class ChatError(Exception):
    """The widget failed: the root of every error twt_py delivers."""
    message: str
    pending: tuple[str, ...]
    def __init__(self, message: str, pending: tuple[str, ...] | list[str] = ...) -> None: ...

class ChatLoadError(ChatError):
    """The SDK script could not be loaded (HTTP error, network failure, blocked by the browser)."""

class ChatSDKError(ChatError):
    """The SDK's code failed: it reported an error, or threw (in its script or in a call)."""

class ChatTimeoutError(ChatError):
    """The SDK did not become ready within the time allowed."""

class ChatWorkerError(ChatError):
    """twt_py runs in a PyScript worker that cannot reach the page (not cross-origin isolated)."""

class Language:
    EN: Final = "en"
    ZH_CN: Final = "zh-cn"
    ZH_TW: Final = "zh-tw"
    JA: Final = "ja"
    KO: Final = "ko"
    DE: Final = "de"
    FR: Final = "fr"
    PT: Final = "pt"
    RU: Final = "ru"
    ALL: Final[tuple[LanguageCode, ...]]
    @staticmethod
    def normalize(value: str) -> LanguageCode: ...

class Visibility:
    MAXIMIZED: Final = "maximized"
    MINIMIZED: Final = "minimized"
    HIDDEN: Final = "hidden"
    ALL: Final[tuple[VisibilityValue, ...]]

class Position:
    right: str | None
    bottom: str | None
    def __init__(self, right: Length | None = None, bottom: Length | None = None) -> None: ...
    def to_dict(self) -> dict[str, str]: ...

class Customer:
    sbs: str
    sbs_mm: str
    ranstr: str
    name: str | None
    nickname: str | None
    email: str | None
    phone: str | None
    def __init__(
        self,
        sbs: str,
        sbs_mm: str,
        ranstr: str,
        name: str | None = None,
        nickname: str | None = None,
        email: str | None = None,
        phone: str | None = None,
    ) -> None: ...
    @classmethod
    def from_dict(cls, data: dict[str, str]) -> Customer: ...
    def to_dict(self) -> dict[str, str]: ...
    def login_args(self) -> list[str | None]: ...

class ReadyInfo:
    version: str | None
    timestamp: float | None

class VisibilityChange:
    visibility: VisibilityValue
    is_open: bool

_T = TypeVar("_T")
_Result: TypeAlias = object | Awaitable[object]

class Subscription:
    """A callback registered with an `on_*` method; `cancel()` stops further calls.

    It stays callable as the function it wraps, so `on_*` work as decorators.
    """
    active: bool
    def cancel(self) -> None:
        """Stop calling the callback; calling it twice is harmless."""
    def __call__(self, *args: object) -> object: ...

# The `on_*` methods and the commands (open ... login) are one line each at run time, naming
# their `_contract.EVENTS` or `_contract.COMMANDS` entry; tests/unit/test_contract.py checks
# that this class declares exactly those.
class ChatWidget:
    """A controller of the TWT Chat widget on one page (`twt_py.Chat` is the page's own).

    Pass `host` (an FFI adapter) only in tests; the default is the running runtime's.
    """
    def __init__(self, host: object | None = None) -> None: ...
    def on_ready(self, callback: Callable[[ReadyInfo], _Result]) -> Subscription:
        """Call `callback(info)` when the SDK is ready, at once if it already is.

        `info.version` and `info.timestamp` come from the SDK's ready signal.

        ```python
        @Chat.on_ready
        def greet(info):
            print("chat", info.version, "ready")
        ```
        """
    def on_error(self, callback: Callable[[ChatError], _Result]) -> Subscription:
        """Call `callback(err)` (a `ChatError`) when the SDK fails, at once if it has.

        ```python
        Chat.on_error(lambda err: print("chat unavailable:", err.message))
        ```
        """
    def on_unread(self, callback: Callable[[int], _Result]) -> Subscription:
        """Call `callback(count)` when the unread count changes, at once if it is known.

        ```python
        @Chat.on_unread
        def badge(count):
            print("99+" if count > 99 else count)
        ```
        """
    def on_visibility(self, callback: Callable[[VisibilityChange], _Result]) -> Subscription:
        """Call `callback(change)` when the widget's visibility changes, at once if known.

        `change.visibility` is a `Visibility` value, `change.is_open` a bool.

        ```python
        @Chat.on_visibility
        def pause_video(change):
            print("open" if change.is_open else "closed")
        ```
        """
    @property
    def is_ready(self) -> bool:
        """True once the SDK is ready (and has not failed since)."""
    @property
    def is_open(self) -> bool:
        """True while the chat window is open."""
    @property
    def unread(self) -> int:
        """The last known unread message count (0 before any is known)."""
    @property
    def visibility(self) -> VisibilityValue | None:
        """`Visibility.MAXIMIZED`, `MINIMIZED` or `HIDDEN`, or None while unknown."""
    @property
    def error(self) -> ChatError | None:
        """The `ChatError` the SDK failed with, or None."""
    @property
    def version(self) -> str | None:
        """The SDK's version once ready (None before, or if it could not be recovered)."""
    async def ready(self, timeout: float | None = 10) -> ReadyInfo:
        """Wait until the SDK is ready and return its `ReadyInfo`.

        Raises the SDK's `ChatError` if it failed, `ChatTimeoutError` after `timeout`
        seconds (None waits for ever).

        ```python
        info = await Chat.ready(timeout=10)
        print("chat version", info.version)
        ```
        """
    def open(self) -> None:
        """Open the chat window (when the SDK is ready, if it is not yet).

        ```python
        Chat.open()
        ```
        """
    def close(self) -> None:
        """Close the chat window.

        ```python
        Chat.close()
        ```
        """
    def toggle(self) -> None:
        """Open the chat window if it is closed, close it if it is open.

        ```python
        Chat.toggle()
        ```
        """
    def hide_badge(self) -> None:
        """Hide the floating launcher; `open()` still works.

        ```python
        Chat.hide_badge()
        ```
        """
    @overload
    def set_position(self, position: Position) -> None:
        """Move the launcher: `set_position(right=20, bottom="80px")` or a `Position`.

        Numbers mean pixels; strings are CSS lengths like `"1.5rem"`. A negative, NaN or
        non-length value raises `ValueError`; a value of the wrong type `TypeError`.

        ```python
        Chat.set_position(right="20px", bottom="80px")
        ```
        """
    @overload
    def set_position(self, *, right: Length | None = None, bottom: Length | None = None) -> None: ...
    def set_language(self, language: str) -> None:
        """Switch the widget's language: a `Language` constant or a spelling of one.

        Unknown languages raise `ValueError` listing the nine codes.

        ```python
        Chat.set_language("ja")
        ```
        """
    def login(self, customer: Customer | dict[str, str]) -> None:
        """Tell the agents who the visitor is (a `Customer`, signed on your server).

        ```python
        Chat.login(Customer(sbs="1001", sbs_mm=signature, ranstr=ranstr, name="Ada"))
        ```
        """
    def dispose(self) -> None:
        """Remove every listener, release every proxy JS no longer holds, and drop the
        callbacks and pending commands. The widget can bind again on next use (for pages
        that swap content)."""

Chat: ChatWidget

def install(
    appid: str,
    *,
    lang: str | None = None,
    theme: Literal["light", "dark"] | None = None,
    launcher: Literal["default", "custom"] = "default",
    customer: Customer | dict[str, str] | None = None,
    src: str = ...,
    timeout: float = 15.0,
    nonce: str | None = None,
    load: Literal["eager", "idle", "interaction"] | None = None,
    chat: ChatWidget | None = None,
) -> ChatWidget: ...

__all__ = [
    "PRODUCTION_SRC",
    "Chat",
    "ChatError",
    "ChatLoadError",
    "ChatSDKError",
    "ChatTimeoutError",
    "ChatWidget",
    "ChatWorkerError",
    "Customer",
    "Language",
    "Position",
    "ReadyInfo",
    "RuntimeInfo",
    "Subscription",
    "Visibility",
    "VisibilityChange",
    "__version__",
    "install",
    "runtime",
]
