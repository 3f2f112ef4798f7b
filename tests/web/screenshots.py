"""Screenshots of the workbench's main pages for a reviewer to look at (`make screenshots`).

Builds a small demo world, serves it, signs in as the demo's people and saves
one PNG per page and window size; prints how long each page took to render."""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx2
from playwright.sync_api import Page, sync_playwright
from sqlalchemy import select

from liaison.domain.codes import Mode
from liaison.services import demo
from liaison.services.runtime import open_runtime
from liaison.settings import Settings
from liaison.store import schema
from tests.web.server import CHROMIUM, serving

WINDOWS = {"desktop": (1280, 800), "tablet": (768, 1024)}


def _sign_in(page: Page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/login")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("button[type=submit]").click()
    page.wait_for_url(f"{base}/")


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        base_settings = Settings(mode=Mode.DEVELOPMENT, data_dir=Path(scratch))
        settings = demo.demo_settings(Path(scratch) / "demo", base_settings)
        built = demo.build_demo(settings, day=datetime.now(UTC).date(), scale=0.1)
        runtime = open_runtime(settings)
        with runtime.sessions() as session:
            analyst = session.scalar(select(schema.User).where(schema.User.username == "analyst.fr"))
            assert analyst is not None
            hit_id = session.scalar(
                select(schema.Hit.id)
                .where(schema.Hit.agency_id == analyst.agency_id)
                .order_by(schema.Hit.score.desc())
            )
            case_id = session.scalar(
                select(schema.CaseAgency.case_id).where(schema.CaseAgency.agency_id == analyst.agency_id)
            )
            rule_id = session.scalar(
                select(schema.RiskRule.id).where(schema.RiskRule.agency_id == analyst.agency_id)
            )
            rule_hit = session.scalar(
                select(schema.Hit.id)
                .where(schema.Hit.agency_id == analyst.agency_id, schema.Hit.rule_ref.is_not(None))
                .order_by(schema.Hit.id)
            )
            traveller = session.scalar(select(schema.Hit.traveller_id).where(schema.Hit.id == hit_id))
            booking = session.scalar(select(schema.Hit.booking_id).where(schema.Hit.id == hit_id))
            register = session.scalar(
                select(schema.Register.id).where(schema.Register.owner_agency_id == analyst.agency_id)
            )
        tours = {
            "analyst.fr": [
                "/",
                "/hits?status=all",
                f"/hits/{hit_id}",
                "/inbox",
                "/cases",
                f"/cases/{case_id}",
                "/rules",
                f"/rules/{rule_id}",
                "/rules/new",
                "/rules/lists",
                "/rules/report",
                f"/hits/{rule_hit}",
                f"/travellers/{traveller}",
                f"/bookings/{booking}",
                "/registers",
                *([f"/registers/{register}"] if register else []),
            ],
            "liaison.ncb.be": ["/", "/inbox", "/cases"],
            "dpo.fr": ["/", "/audit"],
            "field.de": ["/", "/inbox"],
        }
        with serving(runtime) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
            for username, paths in tours.items():
                for window, (width, height) in WINDOWS.items():
                    if window == "tablet" and username != "field.de":
                        continue
                    context = browser.new_context(viewport={"width": width, "height": height})
                    page = context.new_page()
                    _sign_in(page, base, username, built.login_password)
                    cookies = {c["name"]: c["value"] for c in context.cookies()}
                    for path in paths:
                        started = time.perf_counter()
                        httpx2.get(f"{base}{path}", cookies=cookies, headers={"Accept": "text/html"})
                        took = (time.perf_counter() - started) * 1000
                        page.goto(f"{base}{path}")
                        slug = path.strip("/").replace("/", "-").split("?")[0] or "dashboard"
                        name = f"{username}-{window}-{slug}"
                        page.screenshot(path=out / f"{name}.png", full_page=True)
                        print(f"{took:7.1f} ms  {username:16} {path}")
                    context.close()
            browser.close()
        runtime.dispose()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "var/screenshots"))
