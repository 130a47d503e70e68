"""The engine page guard fails what it should on every engine: a test can fail."""

import re

from _driver import EnginePage


def test_guard_sees_every_kind_of_problem(engine_page: EnginePage) -> None:
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
    problems = "\n".join(engine_page.problems())
    for expected in (
        r"cdn\.example\.com",
        r"example\.com/beacon|blocked by CSP: http://example\.com",
        r"guard probe: console",
        r"uncaught: .*guard probe: uncaught",
        r"unhandled rejection: .*guard probe: rejection",
        r"HTTP 404 for /no/such/file\.js",
    ):
        assert re.search(expected, problems), (expected, problems)
    engine_page.allow(r"guard probe|example\.com|HTTP 404 for /no/such/file\.js")
    assert engine_page.problems() == []
