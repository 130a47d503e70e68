# Start-up with twt-py in a PyScript worker: the same as startup.py, with the page's window
# reached through PyScript's bridge (its clock is the page's, so the figures compare).
from pyscript import window

window.__bench_t0 = window.performance.now()
from twt_py import Chat  # noqa: E402

usable = Chat.is_ready is not None
window.__bench_ready = window.performance.now()
