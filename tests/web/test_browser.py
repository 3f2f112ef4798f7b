"""The workbench in headless Chromium against the real app served by uvicorn:
what an analyst, a liaison officer and a field officer actually do."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from liaison.services.runtime import Runtime
from tests.api.world import PASSWORD, World
from tests.web import data

pytestmark = pytest.mark.browser


def sign_in(page: Page, base: str, username: str, path: str = "/") -> None:
    page.goto(f"{base}{path}")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base}{path}")


def mark_document(page: Page) -> None:
    """A flag that only survives as long as the page is not reloaded."""
    page.evaluate("window.__notReloaded = true")


def was_not_reloaded(page: Page) -> bool:
    return bool(page.evaluate("window.__notReloaded === true"))


def test_an_analyst_dismisses_a_hit_from_the_queue(
    page: Page, live_server: str, runtime: Runtime, pushed: dict[str, int]
) -> None:
    sign_in(page, live_server, "analyst.nl", "/hits")
    rows = page.locator("#queue-body tr[data-hit]")
    expect(rows).to_have_count(2)
    expect(page.locator("#queue-total")).to_contain_text("2")

    # Keyboard: j selects the first row (highest score first), Enter opens it.
    person_row = page.locator(f'#queue-body tr[data-hit="{pushed["person"]}"]')
    page.keyboard.press("j")
    while person_row.get_attribute("aria-selected") != "true":
        page.keyboard.press("j")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/hits/{pushed['person']}\b"))

    # A hit on FR-NCB's record: the unit's own traveller and what to do; the score and how
    # the record compares stay with the owner until it releases the details.
    expect(page.locator("#traveller")).to_contain_text("ABDURAKHMANOV")
    expect(page.locator("#hit-score")).to_have_text("withheld by the owner")
    expect(page.locator("#record-withheld")).to_be_visible()
    expect(page.locator("#what-to-do")).to_contain_text("FR-NCB")
    expect(page.locator("#aligned-names")).to_have_count(0)
    expect(page.locator("#evidence")).to_have_count(0)
    expect(page.locator("#legs")).to_contain_text("KL1234")

    # d puts the cursor in the dismissal's reason.
    page.keyboard.press("d")
    expect(page.locator("#dismiss-reason")).to_be_focused()
    page.keyboard.type("Different person: birth year and document do not match the file")
    page.get_by_role("button", name="Dismiss the hit").click()

    # Back in the queue, which no longer lists it among the new hits.
    expect(page).to_have_url(re.compile(r"/hits$"))
    expect(rows).to_have_count(1)
    expect(person_row).to_have_count(0)

    # A later push raises hits that appear in the open queue without a reload.
    mark_document(page)
    data.push(runtime, "NL-PIU", data.pnr("0002", locator="Y8L3MN", leg=data.todays_leg("1240")))
    expect(rows).to_have_count(3, timeout=15_000)
    assert was_not_reloaded(page)
    expect(page.locator("#live-status")).to_contain_text("New hits")

    # The dismissed hit keeps its reason and history.
    page.goto(f"{live_server}/hits/{pushed['person']}")
    expect(page.locator("#hit-status")).to_have_text("Dismissed")
    expect(page.locator("#history")).to_contain_text("Dismissed")
    expect(page.locator("#review-outcome")).to_contain_text("birth year")


def test_a_message_reaches_the_other_agency_live(browser: Browser, live_server: str, world: World) -> None:
    sender_context = browser.new_context(viewport={"width": 1280, "height": 800})
    receiver_context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        receiver = receiver_context.new_page()
        sign_in(receiver, live_server, "liaison_officer.be", "/inbox")
        before = receiver.locator("#inbox-body tr[data-message]").count()
        expect(receiver.locator("body")).to_have_attribute("data-live-open", "true")
        mark_document(receiver)

        sender = sender_context.new_page()
        case_path = f"/cases/{world.cases['fr_be']}"
        sign_in(sender, live_server, "liaison_officer.fr", case_path)
        sender.get_by_label("Kind").select_option("request")
        sender.get_by_label("Answer needed within (requests)").select_option("urgent_direct")
        sender.get_by_label("Handling code").select_option("H1")
        sender.get_by_label("Source reliability").select_option("B")
        sender.get_by_label("Information accuracy").select_option("2")
        sender.get_by_label("Message", exact=True).fill("Please confirm the travel dates of the courier.")
        sender.get_by_role("button", name="Send", exact=True).click()
        expect(sender.locator("#case-messages")).to_contain_text("Please confirm the travel dates")

        rows = receiver.locator("#inbox-body tr[data-message]")
        expect(rows).to_have_count(before + 1, timeout=15_000)
        assert was_not_reloaded(receiver)
        newest = rows.first
        expect(newest).to_contain_text("FR-NCB")
        expect(newest).to_contain_text("Request")
        newest.get_by_role("link").first.click()
        expect(receiver.locator(".message")).to_contain_text("Please confirm the travel dates")
        expect(receiver.locator(".codes-line")).to_contain_text("H1")
        expect(receiver.locator(".marking")).to_be_visible()

        receiver.get_by_label("Reply").select_option("answer")
        receiver.get_by_label("Message", exact=True).fill("He flew out on the 21st and back on the 23rd.")
        receiver.get_by_role("button", name="Send the reply").click()
        expect(receiver.locator("h1")).to_contain_text("Answer")

        sender.reload()
        expect(sender.locator("#case-messages")).to_contain_text("He flew out on the 21st")
        expect(sender.locator("#case-messages")).to_contain_text("Answered")
    finally:
        sender_context.close()
        receiver_context.close()


def test_a_field_officer_on_a_tablet(browser: Browser, live_server: str, world: World) -> None:
    context = browser.new_context(viewport={"width": 768, "height": 1024}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        sign_in(page, live_server, "field_officer.fr")
        navigation = page.get_by_role("navigation", name="Main")
        expect(navigation.get_by_role("link", name="Inbox")).to_be_visible()
        expect(navigation.get_by_role("link", name="Hits")).to_have_count(0)
        fits = "document.documentElement.scrollWidth <= window.innerWidth"
        assert page.evaluate(fits), "the dashboard fits the tablet's width"
        navigation.get_by_role("link", name="Cases").click()
        page.get_by_role("link", name=re.compile(r"^C\d{4}-")).first.click()
        expect(page.locator(".message").first).to_be_visible()
        expect(page.locator("#compose")).to_have_count(0)
        assert page.evaluate(fits), "the case fits the tablet's width"
        box = navigation.get_by_role("link", name="Inbox").bounding_box()
        assert box is not None
        assert box["height"] >= 32, "touch targets are large enough"
    finally:
        context.close()


def test_the_language_is_chosen_per_user_and_kept(browser: Browser, live_server: str, world: World) -> None:
    first = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = first.new_page()
        sign_in(page, live_server, "analyst.fr")
        page.get_by_label("Language").select_option("fr")
        expect(page.locator("h1")).to_have_text("Tableau de bord")
        expect(page.locator("html")).to_have_attribute("lang", "fr")
    finally:
        first.close()
    second = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB")
    try:
        page = second.new_page()
        page.goto(f"{live_server}/login")
        page.get_by_label("User name").fill("analyst.fr")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page.locator("h1")).to_have_text("Tableau de bord")
    finally:
        second.close()


def test_every_field_has_a_label_and_focus_follows_the_page(
    page: Page, live_server: str, pushed: dict[str, int]
) -> None:
    sign_in(page, live_server, "analyst.nl", "/hits")
    for path in ("/hits", f"/hits/{pushed['person']}", "/cases", "/inbox", "/"):
        page.goto(f"{live_server}{path}")
        unlabelled = page.evaluate(
            """() => Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
                 .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
                 .map(el => el.name)"""
        )
        assert unlabelled == [], (path, unlabelled)
    page.goto(f"{live_server}/")
    page.keyboard.press("Tab")
    expect(page.locator(".skip")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("a.brand")).to_be_focused()


RULE_YAML = """name: One-way trips from Istanbul
description: Couriers fly one way out of Istanbul.
when:
  all:
    - departs_from: {airports: [IST]}
    - one_way: true
"""


def test_a_supervisor_approves_and_activates_a_rule_an_analyst_drafted(
    browser: Browser, live_server: str, pushed: dict[str, int]
) -> None:
    analyst_context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB")
    supervisor_context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB")
    try:
        analyst = analyst_context.new_page()
        sign_in(analyst, live_server, "analyst.nl", "/rules")
        analyst.get_by_role("link", name="New rule").click()
        editor = analyst.get_by_label("The rule, in YAML or JSON: name, description and when")
        # A mistake is refused next to the field, naming the part at fault; what was typed stays.
        editor.fill(RULE_YAML.replace("[IST]", "[XQZ]"))
        analyst.get_by_role("button", name="Save as a draft").click()
        expect(analyst.locator("#rule-error")).to_contain_text("rule.when.all[0].departs_from.airports[0]")
        expect(editor).to_have_value(re.compile("XQZ"))
        editor.fill(RULE_YAML.replace("one_way: true", "meal: {codes: [MOML]}"))
        analyst.get_by_role("button", name="Save as a draft").click()
        expect(analyst.locator("#rule-error")).to_contain_text("religion")
        editor.fill(RULE_YAML)
        analyst.get_by_role("button", name="Save as a draft").click()
        expect(analyst).to_have_url(re.compile(r"/rules/\d+#version-1$"))
        rule_path = analyst.url.split("#")[0]
        version = analyst.locator("#version-1")
        expect(version).to_contain_text("the journey starts at IST")
        expect(version).to_contain_text("Draft")
        version.get_by_role("button", name="Run the back-test").click()
        expect(analyst.locator("#version-1 .backtest-figures")).to_contain_text("travellers selected")
        expect(analyst.locator("#version-1")).to_contain_text("KL1234 IST-AMS")
        # The analyst has no approval to give: no button, and the form refused.
        expect(analyst.get_by_role("button", name="Approve version 1")).to_have_count(0)
        token = analyst.locator('input[name="csrf"]').first.get_attribute("value")
        refused = analyst.request.post(
            f"{rule_path}/versions/1/approve", form={"csrf": token or ""}, headers={"Accept": "text/html"}
        )
        assert refused.status == 403

        supervisor = supervisor_context.new_page()
        sign_in(supervisor, live_server, "supervisor.nl", rule_path.removeprefix(live_server))
        expect(supervisor.locator("#version-1")).to_contain_text("travellers selected")
        supervisor.get_by_role("button", name="Approve version 1").click()
        expect(supervisor.locator("#version-1")).to_contain_text("Approved by supervisor.nl")
        airports = "Only bookings touching these airports (IATA codes, empty for any)"
        supervisor.get_by_label(airports).fill("IST")
        supervisor.get_by_role("button", name="Put version 1 in force").click()
        expect(supervisor.locator("#version-1")).to_contain_text("In force")
        expect(supervisor.locator("#version-1")).to_contain_text("Put in force by supervisor.nl")

        # The supervisor's own revision needs another supervisor: refused, with the reason.
        supervisor.get_by_role("link", name="Write a new version").click()
        supervisor.get_by_label("The rule, in YAML or JSON: name, description and when").fill(
            RULE_YAML.replace("IST", "SAW")
        )
        supervisor.get_by_role("button", name="Save as a draft").click()
        expect(supervisor.locator("#own-draft-2")).to_be_visible()
        supervisor.locator("#version-2").get_by_role("button", name="Run the back-test").click()
        supervisor.get_by_role("button", name="Approve version 2").click()
        expect(supervisor.locator("#action-error")).to_contain_text("the author of a rule may not approve it")
        expect(supervisor.locator("#version-2")).to_contain_text("Draft")

        # Activation screened the bookings already received: the rule hit, explained, in the queue.
        analyst.goto(f"{live_server}/hits")
        rule_rows = analyst.locator("#queue-body tr[data-hit]", has_text="One-way trips from Istanbul")
        expect(rule_rows).to_have_count(3)
        rule_rows.first.get_by_role("link").first.click()
        explanation = analyst.locator("#rule-explanation")
        expect(explanation).to_contain_text("the journey starts at IST")
        expect(explanation).to_contain_text("origin = IST")
        expect(explanation.locator("li.met")).to_have_count(3)
    finally:
        analyst_context.close()
        supervisor_context.close()


def test_every_field_of_the_rules_and_registers_pages_has_a_label(
    page: Page, live_server: str, world: World
) -> None:
    sign_in(page, live_server, "supervisor.fr", "/rules")
    person = world.records["shared_person"]
    paths = [
        "/rules",
        "/rules/new",
        "/rules/lists",
        "/rules/report",
        f"/rules/{world.rules['fr']}",
        f"/rules/{world.rules['fr']}/revise",
        "/registers",
        f"/registers/{world.registers['persons']}",
        f"/registers/{world.registers['persons']}/import",
        f"/records/{person}",
        f"/records/{person}/edit",
    ] + [f"/registers/{register_id}/records/new" for register_id in world.registers.values()]
    for path in paths:
        page.goto(f"{live_server}{path}")
        expect(page.locator("h1")).to_be_visible()
        unlabelled = page.evaluate(
            """() => Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
                 .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
                 .map(el => el.name)"""
        )
        assert unlabelled == [], (path, unlabelled)
