"""Real poison for the pipeline: a trigger that makes the database refuse one traveller.

A message is poison when its processing fails every time, whatever worker takes
it. After the readers' cleaning, what is left is the database saying no; the
trigger makes it say no to one surname, on SQLite and PostgreSQL alike (on
PostgreSQL its message quotes the surname, as the server's own errors quote values).
"""

from __future__ import annotations

from sqlalchemy import Engine, text


def refuse_surname(engine: Engine, surname: str) -> None:
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.execute(
                text(
                    "CREATE TRIGGER poison BEFORE INSERT ON traveller_identities "
                    f"WHEN NEW.surname = '{surname}' BEGIN SELECT RAISE(ABORT, 'refused'); END"
                )
            )
            return
        connection.execute(
            text(
                "CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"IF NEW.surname = '{surname}' THEN "
                "RAISE EXCEPTION 'refused traveller %', NEW.surname USING ERRCODE = 'check_violation'; "
                "END IF; RETURN NEW; END $$"
            )
        )
        connection.execute(
            text(
                "CREATE TRIGGER poison BEFORE INSERT ON traveller_identities "
                "FOR EACH ROW EXECUTE FUNCTION poison()"
            )
        )


def accept_again(engine: Engine) -> None:
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.execute(text("DROP TRIGGER poison"))
        else:
            connection.execute(text("DROP TRIGGER poison ON traveller_identities"))
            connection.execute(text("DROP FUNCTION poison()"))
