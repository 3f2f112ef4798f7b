"""A small world of three agencies for access-control tests, built through the services."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from liaison.domain.codes import (
    AgencyKind,
    HandlingCode,
    InformationAccuracy,
    ListKind,
    PersonCategory,
    RegisterKind,
    Role,
    SourceReliability,
)
from liaison.domain.exchange import CrimeArea, EntityKind
from liaison.domain.permissions import Permission
from liaison.services.criteria import lists as criteria_lists
from liaison.services.criteria import rules as criteria_rules
from liaison.services.exchange import cases, messages
from liaison.services.exchange.views import CaseIn, EntityIn, MessageIn
from liaison.services.identity import accounts
from liaison.services.identity.principals import create_machine_client, principal_for_user
from liaison.services.registers import registers
from liaison.services.registers.records import (
    CardInput,
    CodesInput,
    DocumentInput,
    NameInput,
    PersonInput,
    RecordInput,
)
from liaison.store.schema import User

PASSWORD = "correct horse battery staple"
SECRET_NAME = "Zebulon Quartermaine-Oyelaran"
SECRET_DOCUMENT = "ZQ9911223"
SHARED_DOCUMENT = "SH4455667"
SHARED_CARD = "4539578763621486"
SECRET_CASE = "Operation Quartz-Heron"  # a FR-BE case NL-PIU is not part of
SECRET_RULE = "Kestrel-Obsidian routing"  # a FR risk rule: no other agency may read it


@dataclass
class World:
    users: dict[str, str] = field(default_factory=dict)  # username -> agency code
    machine_tokens: dict[str, str] = field(default_factory=dict)  # agency -> token
    records: dict[str, int] = field(default_factory=dict)  # label -> record id
    registers: dict[str, int] = field(default_factory=dict)
    cases: dict[str, int] = field(default_factory=dict)
    rules: dict[str, int] = field(default_factory=dict)


def build(session: Session, card_key: bytes) -> World:
    world = World()
    agencies = {
        code: accounts.create_agency(session, code=code, name=name, country=country, kind=kind)
        for code, name, country, kind in (
            ("FR-NCB", "NCB Paris", "FR", AgencyKind.NATIONAL_CENTRAL_BUREAU),
            ("NL-PIU", "PIU Netherlands", "NL", AgencyKind.PASSENGER_INFORMATION_UNIT),
            ("BE-NCB", "NCB Brussels", "BE", AgencyKind.NATIONAL_CENTRAL_BUREAU),
        )
    }
    shared_hash = accounts.hash_password(PASSWORD)
    for code, agency in agencies.items():
        prefix = code.split("-")[0].lower()
        for role in Role:
            username = f"{role.value}.{prefix}"
            accounts.create_user(
                session,
                agency=agency,
                username=username,
                display_name=username,
                roles={role},
                password=PASSWORD,
                password_hash=shared_hash,
            )
            world.users[username] = code
        _client, issued = create_machine_client(
            session, agency=agency, name=f"{code} system", scopes={Permission.PUSH_MESSAGES, Permission.QUERY}
        )
        world.machine_tokens[code] = issued.clear
    owner_user = session.query(User).filter_by(username="liaison_officer.fr").one()
    owner = principal_for_user(owner_user)
    persons = registers.create_register(session, owner, name="Wanted persons", kind=RegisterKind.PERSONS)
    documents = registers.create_register(
        session, owner, name="Stolen documents", kind=RegisterKind.DOCUMENTS
    )
    cards = registers.create_register(session, owner, name="Compromised cards", kind=RegisterKind.CARDS)
    world.registers = {"persons": persons.id, "documents": documents.id, "cards": cards.id}

    def add(label: str, register_id: int, data: RecordInput) -> None:
        world.records[label] = registers.create_record(session, owner, register_id, data, card_key).id

    add(
        "secret_person",
        persons.id,
        RecordInput(
            reference="FR-SECRET-PERSON",
            codes=CodesInput(handling_code=HandlingCode.H1, valid_from=date(2020, 1, 1)),
            details=PersonInput(
                category=PersonCategory.WANTED,
                names=[NameInput(full_name=SECRET_NAME, is_primary=True)],
                birth_dates=["1979-04-02"],
                nationalities=["FR"],
            ),
        ),
    )
    add(
        "shared_person",
        persons.id,
        RecordInput(
            reference="FR-SHARED-PERSON",
            codes=CodesInput(handling_code=HandlingCode.H0, valid_from=date(2020, 1, 1)),
            shared_with=["NL-PIU"],
            details=PersonInput(
                category=PersonCategory.FOREIGN_TERRORIST_FIGHTER,
                names=[
                    NameInput(full_name="Магомед Магомедович Абдурахманов", script="Cyrl", is_primary=True),
                    NameInput(full_name="Abdurakhmanov, Magomed Magomedovich"),
                ],
                birth_dates=["1985-03-12"],
                nationalities=["RU"],
                gender="M",
            ),
        ),
    )
    add(
        "secret_document",
        documents.id,
        RecordInput(
            reference="FR-SECRET-DOC",
            codes=CodesInput(valid_from=date(2020, 1, 1)),
            details=DocumentInput(number=SECRET_DOCUMENT, issuing_country="FR", document_status="stolen"),
        ),
    )
    for label, handling in (("shared_document_h2", HandlingCode.H2), ("shared_document_h0", HandlingCode.H0)):
        add(
            label,
            documents.id,
            RecordInput(
                reference=f"FR-{label.upper()}",
                codes=CodesInput(handling_code=handling, valid_from=date(2020, 1, 1)),
                shared_with=["NL-PIU"],
                details=DocumentInput(
                    number=SHARED_DOCUMENT if handling is HandlingCode.H2 else "SH0000001",
                    issuing_country="FR",
                    document_status="lost",
                ),
            ),
        )
    add(
        "shared_card",
        cards.id,
        RecordInput(
            reference="FR-CARD-1",
            codes=CodesInput(valid_from=date(2020, 1, 1)),
            shared_with=["NL-PIU"],
            details=CardInput(number=SHARED_CARD, scheme="VISA"),
        ),
    )
    case = cases.open_case(
        session,
        owner,
        CaseIn(
            subject=f"{SECRET_CASE}: firearms", crime_area=CrimeArea.FIREARMS_TRAFFICKING, agencies=["BE-NCB"]
        ),
    )
    messages.send(
        session,
        owner,
        case.id,
        MessageIn(
            body=f"{SECRET_CASE}: informant names the courier {SECRET_NAME}",
            handling_code=HandlingCode.H2,
            source_reliability=SourceReliability.B,
            information_accuracy=InformationAccuracy.KNOWN_TO_SOURCE,
            entities=[EntityIn(kind=EntityKind.PERSON, value=SECRET_NAME)],
        ),
    )
    world.cases["fr_be"] = case.id
    owner_supervisor = principal_for_user(session.query(User).filter_by(username="supervisor.fr").one())
    fr_lists = criteria_lists.save_list(
        session, owner_supervisor, f"{SECRET_RULE} airports", ListKind.AIRPORTS, ["BEY", "IST"]
    )
    rule = criteria_rules.create(
        session,
        owner_supervisor,
        {
            "name": SECRET_RULE,
            "description": "late one-way bookings through the listed airports",
            "when": {"all": [{"transits": {"lists": [fr_lists.name]}}, {"one_way": True}]},
        },
    )
    world.rules["fr"] = rule.rule_id
    session.flush()
    return world
