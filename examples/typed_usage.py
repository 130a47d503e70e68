"""A site owner's page script, type-checked with `mypy --strict` in CI (`./run test`).

It is not run: it shows that the public API's types catch what a site owner gets wrong.
"""

from twt_py import (
    Chat,
    ChatError,
    ChatTimeoutError,
    Customer,
    Language,
    Position,
    ReadyInfo,
    Visibility,
    VisibilityChange,
    install,
)


def show_badge(count: int) -> None:
    print("99+" if count > 99 else str(count))


@Chat.on_visibility
def pause_video(change: VisibilityChange) -> None:
    if change.visibility == Visibility.MAXIMIZED:
        print("pause")
    elif change.is_open is False:
        print("play")


async def greet(info: ReadyInfo) -> None:
    print("chat", info.version or "unknown version", "ready at", info.timestamp)


def fallback(err: ChatError) -> None:
    print("no chat:", err.message, "pending:", ", ".join(err.pending))


async def main() -> None:
    install("YOUR_APPID", lang=Language.JA, theme="dark", launcher="custom")
    sub = Chat.on_unread(show_badge)
    Chat.on_ready(greet)
    Chat.on_error(fallback)
    Chat.set_language("zh_TW")
    Chat.set_position(right=20, bottom="80px")
    Chat.set_position(Position(right="1.5rem"))
    Chat.login(Customer(sbs="1001", sbs_mm="74f7dad4a3542e28ef15ba73476e39ac", ranstr="r" * 16))
    Chat.open()
    Chat.toggle()
    Chat.hide_badge()
    Chat.close()
    try:
        info = await Chat.ready(timeout=10)
    except ChatTimeoutError:
        return
    version: str | None = info.version
    unread: int = Chat.unread
    is_open: bool = Chat.is_open
    print(version, unread, is_open, Chat.visibility, Chat.is_ready, Chat.error, Chat.version)
    sub.cancel()
    Chat.dispose()
