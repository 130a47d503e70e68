# Every public member of the facade, driven by tests/browser/test_facade.py.
from twt_py import Chat, Customer, Language, Position, Visibility

SIG = "0123456789abcdef0123456789abcdef"

result("ready_at_start", Chat.is_ready)
result("unread_at_start", Chat.unread)
result("visibility_at_start", Chat.visibility)
result("version_at_start", Chat.version)


@Chat.on_ready
def ready(info):
    log("ready", info.version, info.timestamp > 0)


Chat.on_error(lambda err: log("error", type(err).__name__, err.message))
Chat.on_unread(lambda n: log("unread", n))
Chat.on_visibility(lambda c: log("visibility", c.visibility, c.is_open))

# Made before ready: applied in this order when the SDK becomes ready.
Chat.set_language("zh_TW")
Chat.set_position(right=24, bottom="80px")
Chat.login(Customer(sbs="1001", sbs_mm=SIG, ranstr="r" * 16, name="<b>Ada</b>"))
Chat.open()

attempt("language", lambda: Chat.set_language("xx"))
attempt("position-css", lambda: Chat.set_position(right="20px; background:red"))
attempt("position-negative", lambda: Chat.set_position(bottom=-1))
attempt("position-nan", lambda: Chat.set_position(bottom=float("nan")))
attempt("position-type", lambda: Chat.set_position(right=[1]))
attempt("customer-mm", lambda: Customer(sbs="1", sbs_mm="ABC", ranstr="x"))
attempt("customer-type", lambda: Customer(sbs=1001, sbs_mm=SIG, ranstr="x"))
attempt("callback", lambda: Chat.on_unread(42))
attempt("language-ok", lambda: Language.normalize("en-US"))
attempt("position-ok", lambda: Position(right=0, bottom="1.5rem"))

late_subs = []


@on_command
def command(cmd):
    if cmd == "close":
        Chat.close()
    elif cmd == "toggle":
        Chat.toggle()
    elif cmd == "hide":
        Chat.hide_badge()
    elif cmd == "state":
        log(
            "state",
            Chat.is_ready,
            Chat.is_open,
            Chat.unread,
            Chat.visibility,
            Chat.version,
            Chat.error,
            Chat.visibility == Visibility.MINIMIZED,
        )
    elif cmd == "late":
        late_subs.append(Chat.on_ready(lambda info: log("late-ready", info.version)))
        late_subs.append(Chat.on_unread(lambda n: log("late-unread", n)))
        late_subs.append(Chat.on_visibility(lambda c: log("late-visibility", c.visibility)))
    elif cmd == "cancel":
        for sub in late_subs:
            sub.cancel()
        log("cancelled", all(not sub.active for sub in late_subs))
    elif cmd == "raise":

        def broken(n):
            raise RuntimeError("callback broke on %s" % n)

        Chat.on_unread(broken)
        Chat.on_unread(lambda n: log("after-broken", n))
    elif cmd == "async":

        async def later(n):
            log("async-unread", n)

        Chat.on_unread(later)
    elif cmd == "await":

        async def wait():
            info = await Chat.ready(timeout=5)
            log("awaited", info.version)

        spawn(wait())


done()
