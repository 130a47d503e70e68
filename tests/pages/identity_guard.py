# Runs twt_py/identity/__init__.py's source (handed over by the test) as a module in a browser runtime.
src = str(window.__identity_src)
try:
    exec(src, {"__name__": "twt_py.identity"})
    log("imported")
except ImportError as exc:
    log("refused", type(exc).__name__, str(exc))
done()
