from twt_py import runtime

result("name", runtime.name)
result("version", runtime.version)
result("python", runtime.python)
log("runtime", runtime.name, runtime.version)
done()
