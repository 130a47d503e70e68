from browser import window; window.__bench_ready = window.performance.now()  # noqa: E702, I001
