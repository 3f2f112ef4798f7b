"""The workbench measured with axe-core, the standard accessibility engine (shipped
by the pinned PyPI package axe-playwright-python): the main pages, opened by the
roles who use them, in English and in French, at 1280×800 and on a tablet
(820×1180), checked against WCAG 2.0 and 2.1 levels A and AA, colour contrast
among them. A failure lists every violation: page, size, rule, element, and
for contrast the measured ratio against the one required."""

from __future__ import annotations

import re
from datetime import timedelta
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy import select, update

import liaison.web
from liaison.domain.exchange import CrimeArea
from liaison.journeys import pictures
from liaison.services.identity.principals import principal_for_user
from liaison.services.operations import operations
from liaison.services.runtime import Runtime
from liaison.store import schema
from liaison.store.types import utcnow
from tests.api.world import PASSWORD, SECRET_CASE, World

AXE_SCRIPT = files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SIZES = {"1280×800": (1280, 800), "tablet 820×1180": (820, 1180)}
BROWSER_LOCALES = {"en": "en-GB", "fr": "fr-FR"}
PURPOSE = "Checking a person hit on KL1234"


def _axe(page: Page) -> dict[str, Any]:
    """axe.run on the whole page, WCAG 2.0/2.1 A and AA rules only; every node of the
    violations and of what axe leaves for review (the others: one node each)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)  # through the DevTools protocol: the page's CSP does not apply
    options = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations", "incomplete"]}
    result: dict[str, Any] = page.evaluate("options => window.axe.run(document, options)", options)
    return result


def _describe(where: str, violation: dict[str, Any]) -> list[str]:
    lines = []
    for node in violation["nodes"]:
        target = " ".join(str(part) for part in node["target"])
        details = [check for kind in ("any", "all", "none") for check in node.get(kind, [])]
        measured = ""
        for check in details:
            data = check.get("data")
            if isinstance(data, dict) and "contrastRatio" in data:
                measured = (
                    f" {data.get('fgColor')} on {data.get('bgColor')}: {data['contrastRatio']}:1,"
                    f" needs {data.get('expectedContrastRatio')}"
                )
        message = "; ".join(check["message"] for check in details) or violation["help"]
        lines.append(f"{where} [{violation['id']}] {target}{measured} — {message}")
    return lines


def _paths(runtime: Runtime, world: World, pushed: dict[str, int], operation_id: int) -> dict[str, list[str]]:
    """The pages of each role's day, in the order the audit page should come last."""
    with runtime.sessions() as session:
        traveller_id, booking_id = session.execute(
            select(schema.Traveller.id, schema.BookingVersion.booking_id)
            .join(schema.TravellerIdentity, schema.TravellerIdentity.traveller_id == schema.Traveller.id)
            .join(schema.BookingVersion, schema.BookingVersion.id == schema.Traveller.booking_version_id)
            .where(schema.TravellerIdentity.surname == "ABDURAKHMANOV")
        ).one()
        flight_id = session.scalar(select(schema.Flight.id).where(schema.Flight.flight_number == "1234"))
        message_id = session.scalar(
            select(schema.CaseMessage.id).where(schema.CaseMessage.body.contains(SECRET_CASE))
        )
    persons = world.registers["persons"]
    return {
        "analyst.nl": [
            "/",
            "/hits?status=all",
            f"/hits/{pushed['person']}",
            f"/hits/{pushed['document']}",
            f"/travellers/{traveller_id}",
            f"/bookings/{booking_id}",
            f"/flights/{flight_id}",
            f"/travellers/{traveller_id}/journey",
            f"/travellers/{traveller_id}/journey?purpose={PURPOSE.replace(' ', '+')}",
            f"/operations/{operation_id}",
        ],
        "liaison_officer.fr": [
            "/inbox",
            "/cases",
            f"/cases/{world.cases['fr_be']}",
            f"/messages/{message_id}",
            "/registers",
            f"/registers/{persons}",
            f"/records/{world.records['shared_person']}",
        ],
        "supervisor.fr": [
            "/rules",
            f"/rules/{world.rules['fr']}",
            "/rules/new",
            "/rules/lists",
            "/rules/requests",
        ],
        "supervisor.nl": ["/operations", f"/operations/{operation_id}"],
        "field_officer.nl": ["/", f"/operations/{operation_id}/field"],
        "dpo.nl": ["/audit"],
    }


def _operation(runtime: Runtime) -> int:
    """A running NL-led operation over the pushed flight's airports, FR taking part."""
    now = utcnow()
    with runtime.transaction() as session:
        lead = session.scalars(select(schema.User).where(schema.User.username == "supervisor.nl")).one()
        operation = operations.create(
            session,
            principal_for_user(lead),
            operations.OperationIn(
                name="Airport action day",
                starts_at=now - timedelta(hours=1),
                ends_at=now + timedelta(days=2),
                agencies=["FR-NCB"],
                crime_areas=[CrimeArea.DRUG_TRAFFICKING],
                scope=operations.ScopeIn(airports=["IST", "AMS"]),
            ),
        )
        return operation.id


def _sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/login")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("button[type=submit]").click()
    expect(page).to_have_url(f"{base}/")


def _check(page: Page, where: str, found: list[str]) -> None:
    result = _axe(page)
    assert result["testEngine"]["name"] == "axe-core", result["testEngine"]
    checked = {rule["id"] for kind in ("passes", "violations", "incomplete") for rule in result[kind]}
    assert "color-contrast" in checked, (where, "axe measured no text's contrast")
    for violation in result["violations"]:
        found.extend(_describe(where, violation))
    for review in result["incomplete"]:
        if review["id"] != "color-contrast":
            continue  # other rules' "needs review" are left to a person
        for node in review["nodes"]:
            found.extend(_measure_svg_text(page, where, node))


def _measure_svg_text(page: Page, where: str, node: dict[str, Any]) -> list[str]:
    """Text that axe could not measure: in our SVG pictures axe cannot tell what is drawn under
    it, so the test measures it (the WCAG formula, against the shapes under the text's middle)."""
    target = " ".join(str(part) for part in node["target"])
    measured = page.evaluate(SVG_TEXT_CONTRAST, target)
    if measured is None:
        messages = "; ".join(check["message"] for check in node.get("any", []))
        return [f"{where} [color-contrast, not measured] {target} — {messages}"]
    ratio, needed = measured["ratio"], 3.0 if measured["large"] else 4.5
    if ratio >= needed:
        return []
    return [
        f"{where} [color-contrast, SVG text] {target} {measured['fg']} on {measured['bg']}:"
        f" {ratio:.2f}:1, needs {needed}:1 — {measured['text']!r}"
    ]


# The contrast of an SVG <text> against what is painted under its middle (shapes of the same
# picture, composited with their opacity, over white), as WCAG 2 defines the ratio.
SVG_TEXT_CONTRAST = r"""selector => {
  const text = document.querySelector(selector);
  if (!(text instanceof SVGTextElement)) return null;
  const parse = value => {
    const m = /rgba?\(([^)]+)\)/.exec(value || "");
    if (!m) return null;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const over = (top, alpha, below) => ({
    r: top.r * alpha + below.r * (1 - alpha), g: top.g * alpha + below.g * (1 - alpha),
    b: top.b * alpha + below.b * (1 - alpha), a: 1,
  });
  const luminance = c => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const hex = c => "#" + [c.r, c.g, c.b].map(v => Math.round(v).toString(16).padStart(2, "0")).join("");
  const svg = text.ownerSVGElement;
  const box = text.getBoundingClientRect();
  const layers = [];
  for (const shape of document.elementsFromPoint(box.left + box.width / 2, box.top + box.height / 2)) {
    if (shape === svg || !svg.contains(shape) || shape instanceof SVGTextElement) continue;
    const style = getComputedStyle(shape);
    const fill = parse(style.fill);
    if (!fill) continue;
    const alpha = fill.a * Number(style.opacity) * Number(style.fillOpacity);
    if (alpha <= 0) continue;
    layers.push({fill, alpha});
    if (alpha >= 1) break;
  }
  let bg = {r: 255, g: 255, b: 255, a: 1};
  for (const layer of layers.reverse()) bg = over(layer.fill, layer.alpha, bg);
  const style = getComputedStyle(text);
  const ink = parse(style.fill) || {r: 0, g: 0, b: 0, a: 1};
  const fg = over(ink, ink.a * Number(style.opacity) * Number(style.fillOpacity), bg);
  const [light, dark] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
  const scale = svg.viewBox.baseVal && svg.viewBox.baseVal.width
    ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 1;
  const size = parseFloat(style.fontSize) * scale;
  const bold = Number(style.fontWeight) >= 700;
  return {
    ratio: (light + 0.05) / (dark + 0.05), fg: hex(fg), bg: hex(bg),
    large: size >= 24 || (bold && size >= 18.66), text: text.textContent,
  };
}"""


def _visit_at_each_size(page: Page, base: str, label: str, paths: list[str], found: list[str]) -> None:
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        for path in paths:
            answer = page.goto(f"{base}{path}")
            assert answer is not None
            assert answer.status == 200, (label, path, answer.status)
            expect(page.locator("h1")).to_be_visible()
            _check(page, f"{path} ({label}, {size})", found)


@pytest.mark.browser
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # what is shown does not depend on it
@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_workbench_passes_axe_wcag_2_aa(
    browser: Browser,
    live_server: str,
    runtime: Runtime,
    world: World,
    pushed: dict[str, int],
    language: str,
) -> None:
    operation_id = _operation(runtime)
    tours = _paths(runtime, world, pushed, operation_id)
    with runtime.transaction() as session:
        session.execute(update(schema.User).values(locale=language))
    found: list[str] = []
    contexts: list[BrowserContext] = []
    try:
        anonymous = browser.new_context(locale=BROWSER_LOCALES[language])
        contexts.append(anonymous)
        page = anonymous.new_page()
        _visit_at_each_size(page, live_server, f"signed out, {language}", ["/login"], found)
        expect(page.locator("html")).to_have_attribute("lang", language)
        for username, paths in tours.items():
            # One sign-in per role, kept while the window changes size.
            context = browser.new_context(locale=BROWSER_LOCALES[language])
            contexts.append(context)
            context.set_default_timeout(10_000)
            page = context.new_page()
            _sign_in(page, live_server, username)
            expect(page.locator("html")).to_have_attribute("lang", language)
            _visit_at_each_size(page, live_server, f"{username}, {language}", paths, found)
    finally:
        for context in contexts:
            context.close()
    assert not found, f"{len(found)} accessibility violations (axe-core):\n" + "\n".join(found)


def test_the_report_names_the_measured_contrast() -> None:
    """What a failure prints for a contrast violation: the colours, the ratio, the rule."""
    violation = {
        "id": "color-contrast",
        "help": "Elements must meet minimum color contrast ratio thresholds",
        "nodes": [
            {
                "target": [".muted"],
                "any": [
                    {
                        "message": "Element has insufficient color contrast of 3.2",
                        "data": {
                            "fgColor": "#888888",
                            "bgColor": "#ffffff",
                            "contrastRatio": 3.54,
                            "expectedContrastRatio": "4.5:1",
                        },
                    }
                ],
            }
        ],
    }
    (line,) = _describe("/ (analyst.nl, en, 1280×800)", violation)
    assert re.search(r"\[color-contrast\] \.muted #888888 on #ffffff: 3\.54:1, needs 4\.5:1", line), line


def _ratio(first: str, second: str) -> float:
    """WCAG 2's contrast ratio of two #rrggbb (or #rgb) colours."""

    def luminance(colour: str) -> float:
        digits = colour[1:] if len(colour) == 7 else "".join(d * 2 for d in colour[1:])
        channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_every_trip_colour_of_the_journey_pictures_is_legible() -> None:
    """The browser test sees only the trips of its data; a person with seven trips uses all
    the colours, as text on the timeline (#fff) and as lines on the map (#f4f7fb)."""
    assert round(_ratio("#ef6c00", "#ffffff"), 2) == 3.08  # the orange the palette had
    for colour in pictures.COLOURS:
        for background in ("#ffffff", "#f4f7fb"):
            ratio = _ratio(colour, background)
            assert ratio >= 4.5, (colour, background, round(ratio, 2))


def test_the_focus_ring_stands_out_on_every_background() -> None:
    """axe does not measure non-text contrast (WCAG 1.4.11): the focus ring is two rings, the
    focus colour outside and ink inside, so one of them has 3:1 on the page, a panel or the
    header; the yellow alone had 1.53:1 on the page."""
    css = (Path(liaison.web.__file__).parent / "static" / "liaison.css").read_text(encoding="utf-8")
    colours = dict(re.findall(r"--([a-z-]+): (#[0-9a-f]{6}|#[0-9a-f]{3})\b", css))
    focus_rule = re.search(r"^:focus-visible \{([^}]*)\}", css, re.MULTILINE)
    assert focus_rule is not None
    assert "var(--focus)" in focus_rule.group(1)
    assert "var(--ink)" in focus_rule.group(1)
    assert round(_ratio(colours["focus"], colours["page"]), 2) == 1.53
    for background in ("page", "panel", "accent"):
        best = max(_ratio(colours[ring], colours[background]) for ring in ("focus", "ink"))
        assert best >= 3, (background, round(best, 2))
