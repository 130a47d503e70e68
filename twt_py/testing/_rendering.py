"""Browser rendering that is the same on every machine: fonts, locale, time zone, viewport.

A page's layout depends on the fonts the machine has: a label in Chinese set in a CJK font on
one machine and in a fallback on another wraps differently, and a button that was beside the
chat widget ends up under it. So the browser the tests launch sees only the fonts pinned with
the project (the DejaVu family from the `dejavu-fonts-ttf` npm package), through a fontconfig
file of its own (`FONTCONFIG_FILE`); the machine's fonts, its `~/.fonts` and its fontconfig
settings play no part. Characters those fonts lack (CJK) render as the same empty box on every
machine, so glyph widths, wrapping and what overlaps what are the same everywhere.

Locale, time zone and viewport are pinned too (`CONTEXT_ARGS`, `browser_env()`).

```python
from twt_py.testing._rendering import browser_env, find_fonts
fonts = find_fonts()                   # node_modules/dejavu-fonts-ttf/ttf, or $TWT_PY_FONTS
env = browser_env(fonts)               # for browser_type.launch(env=env)
```
"""

import hashlib
import os
import re
import tempfile
from pathlib import Path

FONTS_ENV = "TWT_PY_FONTS"
FONT_PACKAGE = "dejavu-fonts-ttf"

# The families CSS's generic names resolve to. Every other family a page asks for (Arial,
# "PingFang SC", ...) falls back to the first.
FAMILIES = {"sans-serif": "DejaVu Sans", "serif": "DejaVu Serif", "monospace": "DejaVu Sans Mono"}

# What every page context gets: the same locale, time zone, window and pixel density.
CONTEXT_ARGS: "dict[str, object]" = {
    "locale": "en-US",
    "timezone_id": "UTC",
    "viewport": {"width": 1280, "height": 720},
    "device_scale_factor": 1,
    "color_scheme": "light",
}

# Chromium flags that take the rest of the machine out of text rendering.
LAUNCH_ARGS = ["--lang=en-US", "--font-render-hinting=none", "--force-color-profile=srgb"]

NO_FONTS = (
    "No pinned fonts for the browser tests: run `npm ci` (the project's package.json pins %s) "
    "or set %s to a folder of .ttf files." % (FONT_PACKAGE, FONTS_ENV)
)


def find_fonts(start: "Path | None" = None) -> "Path | None":
    """The folder of pinned fonts: `$TWT_PY_FONTS`, else `node_modules/dejavu-fonts-ttf/ttf`
    in `start` (default: the working directory) or the nearest folder above it that has one."""
    env = os.environ.get(FONTS_ENV)
    if env:
        path = Path(env)
        if not path.is_dir() or not any(path.glob("*.ttf")):
            raise FileNotFoundError("%s=%r is not a folder of .ttf files" % (FONTS_ENV, env))
        return path.resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "node_modules" / FONT_PACKAGE / "ttf"
        if candidate.is_dir():
            return candidate
    return None


def _config_text(fonts: Path, cache: Path) -> str:
    aliases = "".join(
        "\n  <alias binding=\"same\"><family>%s</family><prefer><family>%s</family></prefer></alias>"
        % (generic, family)
        for generic, family in FAMILIES.items()
    )
    return """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<!-- Written by twt_py.testing: only these fonts, none of the machine's. -->
<fontconfig>
  <dir>%(fonts)s</dir>
  <cachedir>%(cache)s</cachedir>%(aliases)s
  <match target="pattern">
    <edit name="family" mode="append_last"><string>%(default)s</string></edit>
  </match>
  <match target="font">
    <edit name="antialias" mode="assign"><bool>true</bool></edit>
    <edit name="hinting" mode="assign"><bool>false</bool></edit>
    <edit name="autohint" mode="assign"><bool>false</bool></edit>
    <edit name="rgba" mode="assign"><const>none</const></edit>
    <edit name="embeddedbitmap" mode="assign"><bool>false</bool></edit>
  </match>
</fontconfig>
""" % {"fonts": fonts, "cache": cache, "aliases": aliases, "default": FAMILIES["sans-serif"]}


def fontconfig_file(fonts: Path) -> Path:
    """Write (once per font folder) a fontconfig file that sees only `fonts`; return its path."""
    key = hashlib.sha256(str(fonts).encode()).hexdigest()[:12]
    folder = Path(tempfile.gettempdir()) / ("twt-py-fonts-%s-%s" % (key, os.getuid() if hasattr(os, "getuid") else 0))
    cache = folder / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    path = folder / "fonts.conf"
    text = _config_text(fonts, cache)
    if not path.is_file() or path.read_text() != text:
        partial = folder / ("fonts.conf.%d" % os.getpid())
        partial.write_text(text)
        os.replace(partial, path)
    return path


def browser_env(fonts: "Path | None", engine: str = "chromium") -> "dict[str, str]":
    """The environment to launch the browser with: the pinned fonts (when `fonts` is given),
    UTC and a neutral locale (`engine`: Playwright's browser name)."""
    env = dict(os.environ)
    # Chromium takes its language from --lang; WebKit takes navigator.language from the
    # locale, and "C" is no language tag (Brython then throws before any Python runs).
    locale = "C.UTF-8" if engine == "chromium" else "en_US.UTF-8"
    env.update({"TZ": "UTC", "LANG": locale, "LANGUAGE": "en", "LC_ALL": locale})
    if fonts is not None:
        env["FONTCONFIG_FILE"] = str(fontconfig_file(fonts))
        env.pop("FONTCONFIG_PATH", None)
        env.pop("FONTCONFIG_SYSROOT", None)
    return env


_INTERCEPT = re.compile(r"(<[^\n]*?>)\s+(?:from <[^\n]*?>\s+subtree\s+)?intercepts pointer events")
_TARGET = re.compile(r"waiting for (.+)")


def explain_intercepted_click(message: str) -> "str | None":
    """A first line for a failed click whose target was covered: what was in the way.

    Playwright buries it in a 30-second call log ("<div ...> intercepts pointer events"); this
    says it plainly, and that it is about the page's layout, not about the code under test.

    ```python
    log = 'waiting for locator("#buy")\n  - <div id="w"></div> intercepts pointer events'
    print(explain_intercepted_click(log))  # The click on locator("#buy") never happened: ...
    ```
    """
    found = _INTERCEPT.search(message)
    if not found:
        return None
    target = _TARGET.search(message)
    return (
        "The click on %s never happened: %s covers it. Its layout put an overlay (the chat "
        "widget?) over the target; that depends on fonts, viewport and text widths, not on the "
        "code under test. Close or move the widget first, or assert the overlap if it is the "
        "point of the test." % (target.group(1).strip() if target else "the element", found.group(1))
    )
