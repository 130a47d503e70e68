# Start-up with twt-py: "usable" is twt_py imported and Chat bound to the page and answering.
# __bench_t0 (set before the import) splits the time into runtime boot and twt_py's import.
try:
    from browser import window  # Brython
except ImportError:
    import js as window  # PyScript (Pyodide, MicroPython)

window.__bench_t0 = window.performance.now()
from twt_py import Chat  # noqa: E402

usable = Chat.is_ready is not None
window.__bench_ready = window.performance.now()
