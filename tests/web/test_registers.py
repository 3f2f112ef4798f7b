"""The registers pages over real HTTP, on SQLite and PostgreSQL: the owner lists,
searches, adds, edits, shares and invalidates records and imports a file after
a preview; another agency never sees an unshared or unreleased record."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from liaison.domain.codes import HandlingCode, RecordStatus
from liaison.services.runtime import Runtime
from liaison.store import schema
from tests.api.clients import Actor, csrf_from, fresh_client
from tests.api.world import SECRET_DOCUMENT, SECRET_NAME, World

PAGE = {"Accept": "text/html"}
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "formats"
CSV = b"full_name,date_of_birth,nationality\nJANAN AGHA,1958,af\nABDULHAI SALEK,1965,af\n"


def _post(actor: Actor, path: str, form: dict[str, str], **kwargs: Any) -> Any:
    token = csrf_from(actor.get("/", headers=PAGE).text)
    return actor.post(path, data={**form, "csrf": token}, headers=PAGE, **kwargs)


def _count(runtime: Runtime, register_id: int) -> int:
    with runtime.sessions() as session:
        return session.scalar(select(func.count()).where(schema.Record.register_id == register_id)) or 0


def _record(runtime: Runtime, record_id: int) -> schema.Record:
    with runtime.sessions() as session:
        found = session.get(schema.Record, record_id)
        assert found is not None
        session.expunge(found)
        return found


@pytest.mark.parametrize(
    "path", ["/registers", "/registers/1", "/registers/1/records/new", "/registers/1/import", "/records/1"]
)
def test_nobody_signed_in_is_sent_to_the_login_page(app_client: TestClient, path: str) -> None:
    answer = app_client.get(path, headers=PAGE)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/login?next={path}"


@pytest.mark.parametrize(
    ("username", "path"),
    [
        ("field_officer.fr", "/registers"),
        ("dpo.fr", "/registers"),
        ("admin.fr", "/registers"),
        ("analyst.fr", "/registers/{persons}/records/new"),
        ("analyst.fr", "/registers/{persons}/import"),
        ("field_officer.fr", "/records/{secret_person}"),
    ],
)
def test_roles_without_the_right_get_403(runtime: Runtime, world: World, username: str, path: str) -> None:
    url = path.format(persons=world.registers["persons"], secret_person=world.records["secret_person"])
    answer = Actor(fresh_client(runtime), username=username).get(url, headers=PAGE)
    assert answer.status_code == 403
    assert "text/html" in answer.headers["content-type"]


def test_another_agency_never_sees_the_owners_registers_or_unreleased_records(
    runtime: Runtime, world: World
) -> None:
    other = Actor(fresh_client(runtime), username="liaison_officer.nl")
    listing = other.get("/registers", headers=PAGE)
    assert listing.status_code == 200
    assert "Wanted persons" not in listing.text
    for register_id in world.registers.values():
        assert other.get(f"/registers/{register_id}", headers=PAGE).status_code == 404
        assert other.get(f"/registers/{register_id}/import", headers=PAGE).status_code == 404
    # Shared with NL-PIU means hit / no-hit, not the details: still not found.
    for label in ("secret_person", "shared_person", "secret_document", "shared_document_h0"):
        answer = other.get(f"/records/{world.records[label]}", headers=PAGE)
        assert answer.status_code == 404, label
        assert SECRET_NAME not in answer.text
    secret = world.records["secret_person"]
    assert _post(other, f"/records/{secret}/invalidate", {"reason": "not ours"}).status_code == 404
    assert _post(other, f"/records/{secret}", {"reference": "x"}).status_code == 404
    refused = _post(
        other,
        f"/registers/{world.registers['persons']}/import",
        {"step": "apply"},
        files={"file": ("people.csv", CSV, "text/csv")},
    )
    assert refused.status_code == 404
    assert _record(runtime, secret).status is RecordStatus.ACTIVE
    assert _count(runtime, world.registers["persons"]) == 2


def test_the_owner_searches_adds_edits_shares_and_invalidates(runtime: Runtime, world: World) -> None:
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")
    register_id = world.registers["documents"]
    page = owner.get(f"/registers/{register_id}", headers=PAGE)
    assert page.status_code == 200
    assert SECRET_DOCUMENT in page.text
    found = owner.get(f"/registers/{register_id}?reference=SECRET", headers=PAGE).text
    assert found.count('data-record="') == 1

    form = {
        "reference": "FR-DOC-NEW",
        "number": "AB1234567",
        "document_type": "P",
        "issuing_country": "ZZ",
        "document_status": "stolen",
        "handling_code": "H0",
        "source_reliability": "B",
        "information_accuracy": "2",
    }
    wrong = _post(owner, f"/registers/{register_id}/records", form)
    assert wrong.status_code == 422
    assert "details.documents.issuing_country" in wrong.text
    assert 'value="AB1234567"' in wrong.text, "what was typed stays"
    added = _post(owner, f"/registers/{register_id}/records", form | {"issuing_country": "FR"})
    assert added.status_code == 303, added.text
    record_id = int(added.headers["location"].rsplit("/", 1)[1])
    shown = owner.get(f"/records/{record_id}", headers=PAGE).text
    assert "AB1234567" in shown
    assert "B: source mostly reliable" in shown

    edited = _post(
        owner,
        f"/records/{record_id}",
        form | {"issuing_country": "FR", "handling_code": "H2", "shared_with": "nl-piu, BE-NCB"},
    )
    assert edited.status_code == 303, edited.text
    record = _record(runtime, record_id)
    assert record.handling_code is HandlingCode.H2
    shown = owner.get(f"/records/{record_id}", headers=PAGE).text
    assert "BE-NCB, NL-PIU" in shown
    assert 'id="marking"' in shown
    h3 = _post(owner, f"/records/{record_id}", form | {"issuing_country": "FR", "handling_code": "H3"})
    assert h3.status_code == 422
    assert "H3 needs the restriction in words" in h3.text

    no_reason = _post(owner, f"/records/{record_id}/invalidate", {"reason": " "})
    assert no_reason.status_code == 422
    invalidated = _post(owner, f"/records/{record_id}/invalidate", {"reason": "found by its holder"})
    assert invalidated.status_code == 303
    assert _record(runtime, record_id).status is RecordStatus.INVALIDATED
    assert 'id="invalidate"' not in owner.get(f"/records/{record_id}", headers=PAGE).text

    with runtime.sessions() as session:
        reads = session.scalars(
            select(schema.AuditEvent.object_id).where(schema.AuditEvent.action == "record_read")
        ).all()
        listed = session.scalar(select(func.count()).where(schema.AuditEvent.action == "records_listed"))
    assert str(record_id) in reads, "every view of a record is audited"
    assert listed, "listing records is audited"


def test_a_person_record_keeps_its_scripts(runtime: Runtime, world: World) -> None:
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")
    record_id = world.records["shared_person"]
    editor = owner.get(f"/records/{record_id}/edit", headers=PAGE).text
    assert "Магомед Магомедович Абдурахманов [Cyrl]" in editor
    names = (
        "Магомед Магомедович Абдурахманов [Cyrl]\nAbdurakhmanov, Magomed Magomedovich\nMagomed Abdurakhmanov"
    )
    saved = _post(
        owner,
        f"/records/{record_id}",
        {"category": "foreign_terrorist_fighter", "names": names, "birth_dates": "1985-03-12",
         "gender": "M", "nationalities": "RU", "shared_with": "NL-PIU", "handling_code": "H0"},
    )  # fmt: skip
    assert saved.status_code == 303, saved.text
    shown = owner.get(f"/records/{record_id}", headers=PAGE).text
    assert "Магомед Магомедович Абдурахманов (Cyrl)" in shown
    assert "Magomed Abdurakhmanov" in shown


def test_an_import_is_previewed_then_applied_and_a_bad_file_changes_nothing(
    runtime: Runtime, world: World
) -> None:
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")
    register_id = world.registers["persons"]
    before = _count(runtime, register_id)
    url = f"/registers/{register_id}/import"
    assert 'for="import-file"' in owner.get(url, headers=PAGE).text

    bad = _post(
        owner,
        url,
        {"step": "preview"},
        files={"file": ("x.jsonl", (FIXTURES / "ftm_sample.jsonl").read_bytes())},
    )
    assert bad.status_code == 422
    assert "nothing was changed" in bad.text
    assert _count(runtime, register_id) == before

    preview = _post(
        owner,
        url,
        {"step": "preview", "shared_with": "NL-PIU"},
        files={"file": ("people.csv", CSV, "text/csv")},
    )
    assert preview.status_code == 200, preview.text
    assert 'id="preview-added">2<' in preview.text
    assert "Preview: nothing has changed yet" in preview.text
    assert _count(runtime, register_id) == before, "a preview changes nothing"
    content = re.search(r'name="content" value="([^"]+)"', preview.text)
    assert content is not None
    applied = _post(
        owner, url, {"step": "apply", "content": content.group(1), "shared_with": "NL-PIU", "format": "auto"}
    )
    assert applied.status_code == 200, applied.text
    assert 'id="imported"' in applied.text
    assert _count(runtime, register_id) == before + 2
    again = _post(
        owner,
        url,
        {"step": "preview", "shared_with": "NL-PIU"},
        files={"file": ("people.csv", CSV, "text/csv")},
    )
    assert 'id="preview-unchanged">2<' in again.text
    unshared = _post(owner, url, {"step": "preview"}, files={"file": ("people.csv", CSV, "text/csv")})
    assert 'id="preview-updated">2<' in unshared.text, "no longer shared: a change"
    tampered = _post(owner, url, {"step": "apply", "content": "not base64!"})
    assert tampered.status_code == 422
    assert _count(runtime, register_id) == before + 2


def test_an_import_preview_counts_the_values_it_leaves_out(runtime: Runtime, world: World) -> None:
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")
    url = f"/registers/{world.registers['persons']}/import"
    rows = b"".join(b"Person %d,1970,Atlantis\n" % n for n in range(205))
    data = b"full_name,date_of_birth,nationality\nLINA HADDAD,1980,Syrian Arab Republic\n" + rows
    preview = _post(owner, url, {"step": "preview"}, files={"file": ("list.csv", data, "text/csv")})
    assert preview.status_code == 200, preview.text
    assert 'id="preview-added">206<' in preview.text
    left_out = re.search(r'<ul class="counts" id="import-left-out">(.*?)</ul>', preview.text, re.S)
    assert left_out is not None
    assert "<strong>205</strong> nationality" in left_out.group(1)
    assert "row-3: nationality &#39;Atlantis&#39; left out" in preview.text
    assert 'id="import-warnings-more"' in preview.text


def test_a_record_refused_for_an_unknown_agency_leaves_nothing_behind(runtime: Runtime, world: World) -> None:
    """The page shows the form again after a refusal and its request still commits:
    the record flushed before the unknown agency was found must not be kept."""
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")
    register_id = world.registers["documents"]
    before = _count(runtime, register_id)
    form = {
        "reference": "FR-DOC-SHARED",
        "number": "CD7654321",
        "document_type": "P",
        "issuing_country": "FR",
        "document_status": "stolen",
        "handling_code": "H0",
        "source_reliability": "B",
        "information_accuracy": "2",
        "shared_with": "NL-PIU, XX-NOBODY",
    }
    refused = _post(owner, f"/registers/{register_id}/records", form)
    assert refused.status_code == 422
    assert "XX-NOBODY" in refused.text
    assert _count(runtime, register_id) == before
    added = _post(owner, f"/registers/{register_id}/records", form | {"shared_with": "NL-PIU"})
    assert added.status_code == 303, added.text
    record_id = int(added.headers["location"].rsplit("/", 1)[1])
    edited = _post(owner, f"/records/{record_id}", form | {"handling_code": "H1", "shared_with": "XX-NOBODY"})
    assert edited.status_code == 422
    record = _record(runtime, record_id)
    assert record.handling_code is HandlingCode.H0, "a refused edit changes nothing"
