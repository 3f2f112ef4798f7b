"""English and French: the catalogue is complete, and the reader's locale is honoured."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

import liaison
from liaison.domain.exchange import CrimeArea, Urgency
from liaison.i18n import catalog, format_number, format_time, negotiate
from liaison.services.exchange.vocabulary import LABELS, label, vocabulary

ROOT = Path(__file__).resolve().parents[1]


def _source_messages() -> set[str]:
    """What `pybabel extract -F babel.cfg -k N_` finds: Python's N_() and _(), and the templates' _()."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)  # type: ignore[no-untyped-call]
    found = extract_from_dir(
        Path(liaison.__file__).parent,
        method_map,
        options_map,
        keywords={"_": None, "gettext": None, "N_": None},
    )
    return {message if isinstance(message, str) else message[0] for _, _, message, _, _ in found}


def test_every_label_has_its_french_and_the_catalogue_nothing_stale() -> None:
    french = catalog("fr")
    assert french is not None
    wanted = _source_messages()
    assert {text for labels in LABELS.values() for text in labels.values()} <= wanted
    present = {message.id for message in french if message.id}
    assert wanted - present == set(), "run pybabel extract / update (babel.cfg) and translate"
    assert present - wanted == set(), "obsolete entries in the French catalogue"
    untranslated = [message.id for message in french if message.id and not message.string]
    assert untranslated == []
    assert not [message.id for message in french if message.id and message.fuzzy]


def test_every_value_of_every_vocabulary_has_a_label() -> None:
    for kind, labels in LABELS.items():
        assert set(labels) == set(kind), kind.__name__


def test_the_closest_supported_locale_is_chosen() -> None:
    assert negotiate("fr-BE") == "fr"
    assert negotiate("fr_CA") == "fr"
    assert negotiate("de") == "en"
    assert negotiate(None) == "en"


def test_labels_dates_and_numbers_in_french() -> None:
    assert label(CrimeArea.MIGRANT_SMUGGLING, "fr") == "Trafic de migrants"
    assert label(CrimeArea.MIGRANT_SMUGGLING, "en") == "Migrant smuggling"
    assert (
        vocabulary("fr").urgencies[Urgency.URGENT_DIRECT]
        == "Urgent, information directement accessible (8 heures)"
    )
    assert vocabulary("fr-FR").locale == "fr"
    when = datetime(2026, 11, 22, 14, 5, tzinfo=UTC)
    assert format_time(when, "fr").startswith("22 nov. 2026")
    assert format_time(when, "en").startswith("Nov 22, 2026")
    assert format_number(1234567.5, "fr") == "1\u202f234\u202f567,5"
    assert format_number(1234567.5, "en") == "1,234,567.5"
