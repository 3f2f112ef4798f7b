"""Poison messages: cleaned at reading when they can be, set aside as failed when they
keep failing, retried by an operator; and no personal data in what a failure leaves."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest
from sqlalchemy import insert, select

from liaison.domain.codes import MessageStatus
from liaison.domain.passenger import Traveller
from liaison.formats import write_pnrgov
from liaison.services.runtime import Runtime
from liaison.store import schema
from tests.api.clients import Actor, fresh_client
from tests.api.test_pipeline import FLIGHT, _message, _push
from tests.api.world import World
from tests.poison import accept_again, refuse_surname
from tests.test_cli import run

POISON = "POISONOVA"


def _pnr_with(reference: str, surname: str) -> bytes:
    """A one-traveller PNR whose traveller has this surname (written as sent, bytes and all)."""
    from liaison.domain.passenger import Booking, PnrMessage

    traveller = Traveller(surname=surname, given_names="ELENA", reference="1")
    booking = Booking(record_locator=f"P{reference}", record_locator_owner="KL", travellers=(traveller,))
    return write_pnrgov(
        PnrMessage(
            sender="KL",
            reference=reference,
            interchange_reference=reference,
            flight=FLIGHT,
            bookings=(replace(booking, itinerary=(FLIGHT,)),),
        )
    )


def test_a_nul_byte_in_a_name_is_refused_at_reading_and_the_message_partly_read(
    runtime: Runtime, world: World
) -> None:
    """Was: PostgreSQL refused the PNR (text fields cannot contain NUL) and it stayed
    `received`, delivered again for ever. A damaged name is not matched as if it were
    right: the traveller is refused with an error naming PNR, segment and element, and
    the rest of the message is processed."""
    airline = Actor(fresh_client(runtime), token=world.machine_tokens["NL-PIU"])
    receipt = _push(airline, _pnr_with("0101", "NUL\x00LOVA\x01"))
    status = airline.get(f"/api/v1/messages/{receipt['receipt']}").json()
    assert status["status"] == "partly_read", status
    assert "segment TIF" in status["error"]
    assert "element TIF 01:1" in status["error"]
    assert "PNR P0101: the name of the traveller (reference '1') holds control characters" in status["error"]
    assert "LOVA" not in status["error"]
    with runtime.sessions() as session:
        surnames = session.scalars(select(schema.TravellerIdentity.surname)).all()
    assert "NULLOVA" not in surnames


def test_a_message_that_keeps_failing_is_set_aside_and_the_others_go_on(
    runtime: Runtime, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    refuse_surname(runtime.engine, POISON)
    airline = Actor(fresh_client(runtime), token=world.machine_tokens["NL-PIU"])
    caplog.set_level(logging.INFO)
    poison = _push(airline, _pnr_with("0201", POISON))
    good = _push(airline, _message("0202"))

    failed = airline.get(f"/api/v1/messages/{poison['receipt']}").json()
    limit = runtime.settings.max_processing_attempts
    assert failed["status"] == "failed", failed
    assert failed["attempts"] == limit
    assert failed["error"].startswith(f"set aside after {limit} failed attempts: IntegrityError")
    assert airline.get(f"/api/v1/messages/{good['receipt']}").json()["status"] == "processed"
    # Neither the stored error nor the log quotes the refused traveller.
    assert POISON not in failed["error"]
    assert POISON not in caplog.text
    assert f"processing message {poison['receipt']} failed (attempt {limit} of {limit}" in caplog.text

    env = {"LIAISON_DATABASE_URL": str(runtime.engine.url.render_as_string(hide_password=False))}
    env["LIAISON_DATA_DIR"] = str(runtime.settings.data_dir)
    listed = run(["messages", "failed"], env)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith(f"{poison['receipt']}\tNL-PIU\tpnrgov\t0201\t")
    assert POISON not in listed.stdout
    refused = run(["messages", "retry", str(good["receipt"])], env)
    assert refused.returncode == 1
    assert f"no failed message {good['receipt']}" in refused.stderr

    accept_again(runtime.engine)  # the operator fixed the cause
    retried = run(["messages", "retry", "--all"], env)
    assert retried.returncode == 0, retried.stderr
    assert f"messages retried: 1 ({poison['receipt']})" in retried.stdout
    after = airline.get(f"/api/v1/messages/{poison['receipt']}").json()
    assert after["status"] == "processed"
    assert after["attempts"] == 0
    assert run(["messages", "failed"], env).stdout == ""


def test_a_failing_statement_never_shows_its_parameters(runtime: Runtime) -> None:
    """The text of a database error (logged by workers and the app) names no surname:
    engines hide parameters."""
    with pytest.raises(Exception) as raised, runtime.transaction() as session:
        session.execute(
            insert(schema.TravellerIdentity),
            [{"traveller_id": 2**31 - 7, "surname": POISON, "given_names": "E", "birth_date": "1961-02-03"}],
        )
    assert "hidden due to hide_parameters" in str(raised.value)
    assert POISON not in str(raised.value)
    assert "1961-02-03" not in str(raised.value)


def test_a_poison_message_is_counted_in_the_database(runtime: Runtime, world: World) -> None:
    """The count of attempts lives with the message, so it holds across processes."""
    from liaison.services.pipeline import pipeline

    refuse_surname(runtime.engine, POISON)
    with runtime.transaction() as session:
        hub = session.scalar(select(schema.Agency.id).where(schema.Agency.code == "NL-PIU"))
    assert hub is not None
    message_id = pipeline.receive(
        runtime, agency_id=hub, machine_client_id=None, body=_pnr_with("0301", POISON)
    ).message_id
    first = pipeline.attempt(runtime, message_id)
    assert isinstance(first, pipeline.Failure)
    assert (first.attempts, first.set_aside) == (1, False)
    with runtime.sessions() as session:
        stored = session.get(schema.InboundMessage, message_id)
        assert stored is not None
        assert stored.status is MessageStatus.RECEIVED
        assert stored.attempts == 1
        assert stored.error is not None
        assert stored.error.startswith(f"attempt 1 of {runtime.settings.max_processing_attempts} failed")


def test_the_workers_sweep_goes_on_past_a_message_that_fails(runtime: Runtime, world: World) -> None:
    """Was: the sweep raised at the first failure, and the worker running it exited."""
    from datetime import timedelta

    from sqlalchemy import update

    from liaison.services.pipeline import broker, pipeline
    from liaison.store.types import utcnow

    refuse_surname(runtime.engine, POISON)
    with runtime.transaction() as session:
        agency = session.scalar(select(schema.Agency.id).where(schema.Agency.code == "NL-PIU"))
    assert agency is not None
    poison, good = (
        pipeline.receive(runtime, agency_id=agency, machine_client_id=None, body=body).message_id
        for body in (_pnr_with("0401", POISON), _message("0402"))
    )
    with runtime.transaction() as session:  # published once but lost in transit: the sweep's work
        session.execute(update(schema.InboundMessage).values(received_at=utcnow() - timedelta(minutes=5)))
    assert broker.sweep(runtime) == 2
    with runtime.sessions() as session:
        assert session.get(schema.InboundMessage, good).status is MessageStatus.PROCESSED  # type: ignore[union-attr]
        assert session.get(schema.InboundMessage, poison).attempts == 1  # type: ignore[union-attr]


def test_a_database_error_quotes_no_value(runtime: Runtime) -> None:
    """PostgreSQL quotes values in its errors (a trigger's message here, a failing row's
    contents in a check violation's detail): the error that reaches a log holds none."""
    refuse_surname(runtime.engine, POISON)
    with pytest.raises(Exception) as raised, runtime.transaction() as session:
        session.execute(
            insert(schema.TravellerIdentity),
            [{"traveller_id": 2**31 - 7, "surname": POISON, "given_names": "E", "birth_date": "1961-02-03"}],
        )
    assert POISON not in str(raised.value)
    assert POISON not in str(raised.value.__cause__)
    if runtime.engine.dialect.name == "postgresql":
        assert "(psycopg.errors.CheckViolation) SQLSTATE 23514" in str(raised.value)
