"""The engine page guard fails what it should on every engine: a test can fail."""

import re

from _driver import EnginePage, PlaywrightPage


def test_guard_sees_every_kind_of_problem(engine_page: EnginePage) -> None:
    # Allowed from the start, or the waits would end at the first one (as they should on a
    # page that fails); problems(allowed=True) still lists them, and the test checks it does.
    engine_page.allow(r"guard probe|example\.com|HTTP 404 for /no/such/file\.js")
    engine_page.goto("/tests/pages/external.html")
    engine_page.wait_for("() => window.__tried === true")
    # The faults run as the page's own script: what a test's script does may run apart from
    # the page (Firefox's WebDriver runs it in a sandbox whose errors the page never sees).
    engine_page.evaluate(
        """() => {
          const s = document.createElement("script");
          s.textContent = `
            console.error("guard probe: console");
            setTimeout(() => { throw new Error("guard probe: uncaught"); });
            Promise.reject(new Error("guard probe: rejection"));
            fetch("/no/such/file.js").catch(() => null);
            fetch("http://example.com/beacon").catch(() => null);`;
          document.head.append(s);
        }"""
    )
    engine_page.wait_for("() => window.__twt_guard__.problems.length >= 5")
    problems = "\n".join(engine_page.problems(allowed=True))
    for expected in (
        r"cdn\.example\.com",
        r"example\.com/beacon|blocked by CSP: http://example\.com",
        r"guard probe: console",
        r"uncaught: .*guard probe: uncaught",
        r"unhandled rejection: .*guard probe: rejection",
        r"HTTP 404 for /no/such/file\.js",
    ):
        assert re.search(expected, problems), (expected, problems)
    if isinstance(engine_page, PlaywrightPage):
        # Playwright's route is this page's guard, but the server's CSP stops the page's own
        # requests before any route sees them. A new window's load is not the page's to
        # police: only the route can stop it, and only its line shows that it did.
        engine_page.allow(r"example\.org/route-probe")
        engine_page.evaluate("() => { window.open('http://example.org/route-probe'); }")
        seen: "list[str]" = []
        for _ in range(100):  # the window's request reaches the route in its own time: 10 s
            seen = [line for line in engine_page.problems(allowed=True) if "route-probe" in line]
            if seen:
                break
            engine_page.page.wait_for_timeout(100)
        assert seen == ["external request: http://example.org/route-probe"], seen
    assert engine_page.problems() == []


def test_driver_clicks_keys_and_focus_through_shadow_roots(engine_page: EnginePage) -> None:
    page = engine_page
    page.allow(r"cdn\.example\.com")
    page.goto("/tests/pages/external.html")
    page.wait_for("() => window.__tried === true")
    page.evaluate(
        """() => {
          document.body.innerHTML = '<input id="a" aria-label="First"><div id="host"></div>';
          const root = document.getElementById("host").attachShadow({mode: "open"});
          root.innerHTML = '<button id="b" data-testid="inner">Inner</button>';
          window.__clicks = 0;
          root.getElementById("b").addEventListener("click", () => { window.__clicks += 1; });
          document.getElementById("a").addEventListener("keydown", e => { window.__key = e.key; });
        }"""
    )
    page.click("#a")
    assert page.focused() == 'input#a "First"'
    page.press("Shift+ArrowDown")
    assert page.evaluate("() => window.__key") == "ArrowDown"
    page.press("Tab")
    assert page.focused() == "button#b[data-testid=inner]"
    page.press("Shift+Tab")
    assert page.focused() == 'input#a "First"'
    page.click("[data-testid=inner]")
    assert page.evaluate("() => window.__clicks") == 1
    assert page.texts("button") == ["Inner"] and page.text("#none") == ""
    assert page.count("#b") == 1 and page.attribute("#b", "data-testid") == "inner"
