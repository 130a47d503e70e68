from pyscript import window; window.__bench_ready = window.performance.now()  # noqa: E702 (the one line)
