"""Accessibility audits with axe-core: `audit(page)` and `assert_accessible(page)`.

The kit runs the axe-core engine that twt-py pins (`package.json`, shipped in the wheel as
`twt_py/testing/axe.min.js`) inside the page under test, so a site owner's suite checks their
page with the same rules as twt-py's own tests. Nothing is fetched: the script is read from
disk and evaluated in every frame of the page (through the DevTools protocol, so a page's
Content-Security-Policy does not block it).

```python
from twt_py.testing import assert_accessible

def test_home_page_is_accessible(page):
    page.goto("/")
    assert_accessible(page)                       # zero violations, or a readable list
    assert_accessible(page, include="#checkout")  # one part of the page
```
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._files import cached_text

if TYPE_CHECKING:
    from playwright.sync_api import Page

__all__ = [
    "AccessibilityError",
    "AuditReport",
    "Violation",
    "assert_accessible",
    "audit",
    "axe_core_path",
]

_AXE_FILE = "axe.min.js"
IMPACTS = ("critical", "serious", "moderate", "minor")

#: A CSS selector, a list of them, or None (the whole page).
Selectors = str | Sequence[str] | None


def axe_core_path() -> Path:
    """The axe-core script the kit runs.

    Package data first (`twt_py/testing/axe.min.js`, where the wheel puts it), then a source
    checkout's `node_modules/axe-core/axe.min.js` (`npm ci` installs the pinned version).
    """
    here = Path(__file__).resolve().parent
    candidates = [here / _AXE_FILE, here.parents[1] / "node_modules" / "axe-core" / _AXE_FILE]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(
        "twt_py.testing cannot find axe-core (looked for %s); reinstall twt-py[testing], or "
        "run `npm ci` in the twt-py checkout" % ", ".join(str(c) for c in candidates)
    )


def _axe_source() -> str:
    return cached_text(axe_core_path())


@dataclass(frozen=True)
class Violation:
    """One axe-core rule that failed: `rule` is its id (`"color-contrast"`), `impact` one of
    `"critical"`, `"serious"`, `"moderate"`, `"minor"`, `targets` the failing elements as CSS
    selectors (` >>> ` steps into a shadow root or a frame), `details` axe's "fix any/all of the
    following" text for each target."""

    rule: str
    impact: str
    help: str
    help_url: str
    targets: tuple[str, ...]
    details: tuple[str, ...]

    def format(self) -> str:
        """The violation as a few readable lines (rule, impact, each target and its fix)."""
        lines = [
            "%s (%s): %s  [%d element%s]"
            % (
                self.rule,
                self.impact,
                self.help,
                len(self.targets),
                "" if len(self.targets) == 1 else "s",
            )
        ]
        for target, detail in zip(self.targets, self.details, strict=True):
            lines.append("    - %s" % target)
            for line in detail.splitlines():
                if line.strip():
                    lines.append("        %s" % line.strip())
        lines.append("    more: %s" % self.help_url)
        return "\n".join(lines)


@dataclass(frozen=True)
class AuditReport:
    """What `audit()` found on a page: `violations` (empty when the page passes), how many
    rules passed, and how many axe could not decide (`incomplete`: worth a manual look)."""

    url: str
    axe_version: str
    violations: tuple[Violation, ...]
    passes: int
    incomplete: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """True when axe-core found no violation."""
        return not self.violations

    def format(self) -> str:
        """A readable summary: one block per violated rule, most severe first."""
        if self.ok:
            return "axe-core %s: no violations on %s (%d rules passed)" % (
                self.axe_version,
                self.url,
                self.passes,
            )
        count = sum(len(v.targets) for v in self.violations)
        head = "axe-core %s: %d violation%s (%d rule%s) on %s" % (
            self.axe_version,
            count,
            "" if count == 1 else "s",
            len(self.violations),
            "" if len(self.violations) == 1 else "s",
            self.url,
        )
        return "\n".join([head, *("  " + v.format() for v in self.violations)])


class AccessibilityError(AssertionError):
    """axe-core found violations on the page (`report` has them)."""

    def __init__(self, report: AuditReport) -> None:
        super().__init__(report.format())
        self.report = report


# ---------------------------------------------------------------- running axe in the page

_JS_HAS_AXE = "(v) => !!(window.axe && window.axe.version === v)"

# Wait for finite animations (a panel sliding in) so colours are measured at rest, then run.
_JS_RUN = r"""async ({context, options}) => {
  // Two frames: style changes made just before (a panel shown) have started their animations.
  for (let i = 0; i < 2; i++) await new Promise((done) => requestAnimationFrame(() => done()));
  const roots = [document];
  for (let i = 0; i < roots.length; i++) {
    roots[i].querySelectorAll('*').forEach((el) => { if (el.shadowRoot) roots.push(el.shadowRoot); });
  }
  const moving = new Set();
  roots.forEach((root) => (root.getAnimations ? root.getAnimations() : []).forEach((a) => {
    const timing = a.effect && a.effect.getComputedTiming();
    if (a.playState === 'running' && timing && isFinite(timing.endTime)) moving.add(a);
  }));
  await Promise.all([...moving].map((a) => a.finished.catch(() => null)));
  const scope = context && Object.keys(context).length ? context : document;
  const result = await window.axe.run(scope, options);
  const target = (t) => (Array.isArray(t) ? t.map(target).join(' >>> ') : String(t));
  const node = (n) => ({target: target(n.target), summary: n.failureSummary || ''});
  return {
    url: result.url,
    version: result.testEngine.version,
    passes: result.passes.length,
    incomplete: result.incomplete.map((r) => r.id),
    violations: result.violations.map((v) => ({
      id: v.id, impact: v.impact || 'minor', help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map(node),
    })),
  };
}"""


def _selectors(value: Selectors, name: str) -> list[str] | None:
    if value is None:
        return None
    items = [value] if isinstance(value, str) else list(value)
    if not items or not all(isinstance(s, str) and s.strip() for s in items):
        raise TypeError(
            "%s must be a CSS selector or a list of them (non-empty strings), got %r"
            % (name, value)
        )
    return items


def _count(page: Page, selector: str) -> int:
    """Elements matching `selector` as axe-core reads it (`querySelectorAll`: no shadow DOM)."""
    count = page.evaluate(
        "(s) => { try { return document.querySelectorAll(s).length } catch (e) { return -1 } }",
        selector,
    )
    if count < 0:
        raise ValueError("%r is not a valid CSS selector" % (selector,))
    return int(count)


def _inject(page: Page, version: str) -> None:
    source = _axe_source()
    for frame in page.frames:
        if frame.is_detached():
            continue
        if not frame.evaluate(_JS_HAS_AXE, version):
            frame.evaluate(source + "\n;0")  # statements, evaluated (not a function call)


def _version_of_source() -> str:
    head = _axe_source()[:200]
    marker = "axe v"
    start = head.find(marker)
    if start < 0:
        return ""
    return head[start + len(marker) :].split()[0]


def audit(
    page: Page,
    *,
    include: Selectors = None,
    exclude: Selectors = None,
    disable: Iterable[str] = (),
    tags: Iterable[str] | None = None,
) -> AuditReport:
    """Run axe-core on `page` as it is now and return what it found (never raises for
    violations; `assert_accessible` does).

    `include`/`exclude`: CSS selectors limiting the audit to (or keeping out) parts of the
    page; `disable`: rule ids to skip (say why in your test); `tags`: only rules with these
    tags (e.g. `["wcag2a", "wcag2aa"]`); by default every rule axe-core enables by default,
    best practices included.

    ```python
    report = audit(page, include="#twt-mock-widget")
    assert report.ok, report.format()
    ```
    """
    __tracebackhide__ = True
    context: dict[str, Any] = {}
    inc, exc = _selectors(include, "include"), _selectors(exclude, "exclude")
    if inc is not None:
        context["include"] = [[s] for s in inc]
    if exc is not None:
        context["exclude"] = [[s] for s in exc]
    options: dict[str, Any] = {"resultTypes": ["violations"]}
    disabled = [disable] if isinstance(disable, str) else list(disable)
    if not all(isinstance(r, str) and r for r in disabled):
        raise TypeError("disable must be a list of axe-core rule ids (str), got %r" % (disable,))
    if disabled:
        options["rules"] = {rule: {"enabled": False} for rule in disabled}
    if tags is not None:
        chosen = [tags] if isinstance(tags, str) else list(tags)
        if not chosen or not all(isinstance(t, str) and t for t in chosen):
            raise TypeError("tags must be a non-empty list of axe-core tags, got %r" % (tags,))
        options["runOnly"] = {"type": "tag", "values": chosen}
    if inc is not None:
        missing = [s for s in inc if _count(page, s) == 0]
        if missing:
            raise ValueError(
                "include=%r: nothing on %s matches %s, so there is nothing to audit"
                % (include, page.url, ", ".join(missing))
            )
    _inject(page, _version_of_source())
    data = page.evaluate(_JS_RUN, {"context": context, "options": options})
    order = {impact: i for i, impact in enumerate(IMPACTS)}
    violations = sorted(
        (
            Violation(
                rule=v["id"],
                impact=v["impact"],
                help=v["help"],
                help_url=v["helpUrl"].split("?")[0],
                targets=tuple(n["target"] for n in v["nodes"]),
                details=tuple(n["summary"] for n in v["nodes"]),
            )
            for v in data["violations"]
        ),
        key=lambda v: (order.get(v.impact, len(IMPACTS)), v.rule),
    )
    return AuditReport(
        url=data["url"],
        axe_version=data["version"],
        violations=tuple(violations),
        passes=int(data["passes"]),
        incomplete=tuple(data["incomplete"]),
    )


def assert_accessible(
    page: Page,
    *,
    include: Selectors = None,
    exclude: Selectors = None,
    disable: Iterable[str] = (),
    tags: Iterable[str] | None = None,
) -> AuditReport:
    """Fail (`AccessibilityError`, an `AssertionError`) unless axe-core finds zero violations
    on `page`; the message lists each rule, its impact, the failing elements and the fix.
    Same arguments as `audit()`; returns its report.

    ```python
    page.goto("/")
    assert_accessible(page)
    ```
    """
    __tracebackhide__ = True
    report = audit(page, include=include, exclude=exclude, disable=disable, tags=tags)
    if not report.ok:
        raise AccessibilityError(report)
    return report
