"""The chat by keyboard on every engine: the essentials of `tests/browser/test_accessibility.py`.

On the demo's shop, on each runtime, with nothing but keys: Tab reaches the page's own
"Contact us" button, Enter opens the chat and the focus moves into it, Escape closes it and the
focus comes back; Space opens it again, and the widget's close button closes it. Then on to the
vendor's floating launcher (`?launcher=shown`): Tab reaches it, Enter opens, Escape returns.

Tab differs between engines in one place. Safari, by default, moves the focus with Tab to text
fields and skips buttons and links (its "Press Tab to highlight each item on a webpage"
setting, off by default). WebKitGTK, the WebKit here, moves it to buttons and links as Chromium
and Firefox do: measured, and held by the count of Tab stops below, which fails if WebKitGTK
ever skips them. So the path is the same on all three engines, by Tab, with no programmatic
focus; on a Safari with the default setting a visitor needs Option+Tab for the same path.
"""

import pytest
from _driver import EnginePage
from _steps import FOCUSED_ID, focus_on, has_text, hidden, open_demo, shown

pytestmark = pytest.mark.browser

# More Tab stops than the page has before the launcher (the top bar, the header, the console's
# buttons and links, the shop's view, the cookie banner).
MAX_TABS = 80
# The stops before "Contact us": nine language buttons, full screen, the brand link, three tabs.
BEFORE_CONTACT = 14


def tab_to(page: EnginePage, want: str) -> "list[str]":
    """Press Tab until `want` (a `data-testid` or id) has the focus; the stops on the way."""
    stops: "list[str]" = []
    for _ in range(MAX_TABS):
        page.press("Tab")
        stops.append(str(page.evaluate(FOCUSED_ID)))
        if stops[-1] == want:
            return stops
    raise AssertionError("%d Tabs never reached %r: %s" % (MAX_TABS, want, stops))


def test_contact_button_launcher_and_chat_by_keyboard(
    engine_page: EnginePage, runtime: str
) -> None:
    # One page load (Pyodide boots in seconds): the page's button, then the vendor's launcher.
    open_demo(engine_page, runtime, "?launcher=shown&delay=0")
    shown(engine_page, "twt-launcher")
    stops = tab_to(engine_page, "contact-btn")
    assert len(stops) == BEFORE_CONTACT + 1, stops
    assert stops[-4:] == ["tab-shop", "tab-help", "tab-checkout", "contact-btn"], stops
    engine_page.press("Enter")
    shown(engine_page, "twt-panel")
    focus_on(engine_page, "twt-input")
    has_text(engine_page, "#st-open", "yes")
    engine_page.press("Escape")
    hidden(engine_page, "twt-panel")
    focus_on(engine_page, "contact-btn")
    has_text(engine_page, "#st-open", "no")
    # Space opens it again; the widget's own close button (two Shift+Tabs back from the input)
    # closes it and gives the focus back as well.
    engine_page.press(" ")
    shown(engine_page, "twt-panel")
    focus_on(engine_page, "twt-input")
    engine_page.press("Shift+Tab")
    engine_page.press("Shift+Tab")
    focus_on(engine_page, "twt-close")
    engine_page.press("Enter")
    hidden(engine_page, "twt-panel")
    focus_on(engine_page, "contact-btn")

    # On through the page to the vendor's launcher, the document's last stop.
    tab_to(engine_page, "twt-launcher")
    engine_page.press("Enter")
    shown(engine_page, "twt-panel")
    focus_on(engine_page, "twt-input")
    engine_page.press("Escape")
    hidden(engine_page, "twt-panel")
    focus_on(engine_page, "twt-launcher")
