"""The queue and the hit page show each hit's priority, filter by it, and explain the
alignment rules of the hit's names (in English and French)."""

from __future__ import annotations

import html
import re

from liaison.services.runtime import Runtime
from tests.api.clients import Actor, csrf_from, fresh_client
from tests.api.world import World
from tests.web import data

PAGE = {"Accept": "text/html"}


def _analyst(runtime: Runtime, world: World) -> Actor:
    data.add_common_name(runtime, world)
    data.push(runtime, "FR-NCB", data.graded_pnr("0101"))
    return Actor(fresh_client(runtime), username="analyst.fr")


def _rows(page: str) -> list[str]:
    return re.findall(r'<tr data-hit="\d+".*?</tr>', page, flags=re.DOTALL)


def test_the_queue_shows_the_priority_and_sorts_by_it(runtime: Runtime, world: World) -> None:
    analyst = _analyst(runtime, world)
    queue = analyst.get("/hits", headers=PAGE).text
    order = [
        name
        for row in _rows(queue)
        for name in ("JANSEN", "ABDURAKHMANOV", "QUARTERMAINE-OYELARAN", "SMITH")
        if f">{name}," in row
    ]
    assert order == ["JANSEN", "ABDURAKHMANOV", "QUARTERMAINE-OYELARAN", "SMITH"]
    smith = next(row for row in _rows(queue) if ">SMITH," in row)
    assert 'class="priority priority-common_name">Common name only<' in smith
    assert "common name, nothing else agrees" in smith
    assert '<option value="rare_name">Rare name only</option>' in queue


def test_the_queue_filters_by_priority(runtime: Runtime, world: World) -> None:
    analyst = _analyst(runtime, world)
    rare = analyst.get("/hits?priority=rare_name", headers=PAGE).text
    assert [">QUARTERMAINE-OYELARAN," in row for row in _rows(rare)] == [True]
    assert '<option value="rare_name" selected>' in rare
    assert len(_rows(analyst.get("/hits?priority=", headers=PAGE).text)) >= 4
    assert analyst.get("/hits?priority=urgent", headers=PAGE).status_code == 422


def _hit_of(analyst: Actor, surname: str) -> int:
    items = analyst.get("/api/v1/hits").json()["items"]
    return int(next(h["id"] for h in items if h["traveller"] and h["traveller"]["surname"] == surname))


def test_the_hit_page_shows_the_priority_and_a_glossary_of_its_rules(runtime: Runtime, world: World) -> None:
    analyst = _analyst(runtime, world)
    hit = _hit_of(analyst, "ABDURAKHMANOV")
    page = analyst.get(f"/hits/{hit}", headers=PAGE).text
    assert 'id="hit-priority" class="priority priority-corroborated">Corroborated<' in page
    assert 'id="hit-priority-reason">rare name, birth date agrees<' in page
    glossary = page[page.index('id="rule-glossary"') :]
    glossary = glossary[: glossary.index("</details>")]
    table = page[page.index('id="aligned-names"') : page.index('id="rule-glossary"')]
    used = set(re.findall(r"<td>([a-z_]+)</td></tr>", table))
    assert used, "the names were aligned by some rule"
    assert set(re.findall(r"<dt><code>([a-z_]+)</code></dt>", glossary)) == used
    # Only the rules of this hit: a rule its names did not use is not explained.
    assert "<code>acronym</code>" not in glossary
    document = analyst.get(f"/hits/{_hit_of(analyst, 'JANSEN')}", headers=PAGE).text
    assert 'id="rule-glossary"' not in document
    assert 'id="hit-priority-reason">document number agrees<' in document


def test_priority_and_glossary_in_french(runtime: Runtime, world: World) -> None:
    analyst = _analyst(runtime, world)
    chosen = analyst.post(
        "/account/locale", data={"locale": "fr", "csrf": csrf_from(analyst.get("/").text), "next": "/hits"}
    )
    assert chosen.status_code == 303
    queue = html.unescape(analyst.get("/hits", headers=PAGE).text)
    assert "Nom courant seul" in queue
    assert "nom courant, rien d’autre ne concorde" in queue
    page = html.unescape(analyst.get(f"/hits/{_hit_of(analyst, 'SMITH')}", headers=PAGE).text)
    assert "Ce que signifient les règles de la colonne Comment" in page
    assert "la même partie, lettre pour lettre" in page


def test_a_joined_rule_is_explained_by_both_its_words() -> None:
    from liaison.web.hits import glossary

    explanation = {"name": {"aligned": [{"rule": "joined skeleton"}, {"rule": "exact"}, {"rule": "unknown"}]}}
    assert [rule for rule, _ in glossary(explanation)] == ["joined", "skeleton", "exact"]
