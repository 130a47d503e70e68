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
    active: bool
    def cancel(self) -> None: ...
    def __call__(self, *args: object) -> object: ...

class ChatWidget:
    def __init__(self, host: object | None = None) -> None: ...
    def on_ready(self, callback: Callable[[ReadyInfo], _Result]) -> Subscription: ...
    def on_error(self, callback: Callable[[ChatError], _Result]) -> Subscription: ...
    def on_unread(self, callback: Callable[[int], _Result]) -> Subscription: ...
    def on_visibility(self, callback: Callable[[VisibilityChange], _Result]) -> Subscription: ...
    @property
    def is_ready(self) -> bool: ...
    @property
    def is_open(self) -> bool: ...
    @property
    def unread(self) -> int: ...
    @property
    def visibility(self) -> VisibilityValue | None: ...
    @property
    def error(self) -> ChatError | None: ...
    @property
    def version(self) -> str | None: ...
    async def ready(self, timeout: float | None = 10) -> ReadyInfo: ...
    def open(self) -> None: ...
    def close(self) -> None: ...
    def toggle(self) -> None: ...
    def hide_badge(self) -> None: ...
    @overload
    def set_position(self, position: Position) -> None: ...
    @overload
    def set_position(self, *, right: Length | None = None, bottom: Length | None = None) -> None: ...
    def set_language(self, language: str) -> None: ...
    def login(self, customer: Customer | dict[str, str]) -> None: ...
    def dispose(self) -> None: ...

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
