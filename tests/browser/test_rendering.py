"""The suite's browser renders the same on every machine (issue: a test that depended on fonts).

The harness (playwright.config.py, `twt_py/testing/_rendering.py`) launches Chromium with a
fontconfig file that sees only the fonts pinned in package.json, in UTC, en-US, 1280x720 at
scale 1. These tests show it took effect: Chromium reports that it drew Latin, Chinese and
"font-family: Arial, PingFang SC" text with the pinned DejaVu Sans only, and the widths it laid
out are the advance widths read from that font file, whatever fonts the machine has installed.
"""

import importlib.util
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("twt_playwright_config", ROOT / "playwright.config.py")
assert _spec and _spec.loader
config = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(config)

SIZE = 20
SAMPLES = {
    "latin": ("sans-serif", "checkSdkHealth() Chat with us"),
    "chinese": ("sans-serif", "客服在线,请稍后"),
    "named-fonts": ("'PingFang SC', 'Microsoft YaHei', Arial", "客服状态 Help"),
    "mixed": ("system-ui", "联系客服 Contact us 123"),
}
PAGE = """<!doctype html><meta charset="utf-8"><body style="margin:0">%s</body>""" % "".join(
    '<p><span id="%s" style="font-family:%s;font-size:%dpx;font-kerning:none;'
    'font-variant-ligatures:none;white-space:pre">%s</span></p>' % (key, family, SIZE, text)
    for key, (family, text) in SAMPLES.items()
)


def advance_width(font: TTFont, text: str, size: float) -> float:
    """Width of `text` from the font file's own metrics (a missing glyph is `.notdef`)."""
    cmap, hmtx = font.getBestCmap(), font["hmtx"]
    units = sum(hmtx[cmap.get(ord(ch), ".notdef")][0] for ch in text)
    return units * size / font["head"].unitsPerEm


def test_text_is_drawn_with_the_pinned_fonts_only(page: Page) -> None:
    fonts = config.pinned_fonts()
    pinned = TTFont(str(fonts / "DejaVuSans.ttf"))
    page.set_content(PAGE)
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    for key, (_, text) in SAMPLES.items():
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "#" + key})["nodeId"]
        used = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        assert [(f["familyName"], f["isCustomFont"]) for f in used] == [("DejaVu Sans", False)], key
        width = page.evaluate("id => document.getElementById(id).getBoundingClientRect().width", key)
        # Layout rounds to 1/64 px; a system font in its place differs by whole pixels.
        assert width == pytest.approx(advance_width(pinned, text, SIZE), abs=0.1), (key, text)


def test_locale_time_zone_and_window_are_pinned(page: Page) -> None:
    page.set_content("<!doctype html><title>x</title>")
    seen = page.evaluate(
        """() => ({
            language: navigator.language,
            zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
            offset: new Date(2026, 0, 1).getTimezoneOffset(),
            number: (1234.5).toLocaleString(),
            width: innerWidth, height: innerHeight, scale: devicePixelRatio,
        })"""
    )
    assert seen == {
        "language": "en-US",
        "zone": "UTC",
        "offset": 0,
        "number": "1,234.5",
        "width": 1280,
        "height": 720,
        "scale": 1,
    }


def test_the_fontconfig_file_sees_only_the_pinned_folder() -> None:
    env = config.launch_args()["env"]
    assert isinstance(env, dict)
    text = Path(env["FONTCONFIG_FILE"]).read_text()
    assert "<dir>%s</dir>" % config.pinned_fonts() in text
    assert text.count("<dir>") == 1 and "<include" not in text  # no system fonts, no conf.d
