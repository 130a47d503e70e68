from browser import window
window.__bench_t0 = window.performance.now()
from twt_py import Chat
usable = Chat.is_ready is not None
window.__bench_ready = window.performance.now()
