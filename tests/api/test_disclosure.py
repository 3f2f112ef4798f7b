"""Hit / no-hit gives nothing of the owner's record away before the owner releases it
(issue #20, item 6): no score, no rank, no per-attribute outcome, to the asker or to a
unit whose travellers hit another agency's record. The owner, and the asker after the
release, read the full explanation."""

from __future__ import annotations

from typing import Any

from liaison.services.runtime import Runtime
from tests.api.clients import Actor, fresh_client
from tests.api.world import SHARED_CARD, SHARED_DOCUMENT, World
from tests.web import data

NAME = "MAGHOMED ABDURAKHMANOV"  # the shared FR-NCB record, born 1985-03-12
ANSWER_KEYS = {
    "batch",
    "answers",
    "index",
    "hit",
    "hits",
    "query_hit_id",
    "owner",
    "register_kind",
    "what_to_do",
}
WITHHELD_KEYS = {"kind", "rule", "withheld", "what_to_do"}
# Words of the matching engine's explanations: none may reach a reader not entitled to them.
OUTCOME_WORDS = ("same date", "same year", "different month", "year apart", "agree", "similarity", "aligned")


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {key for item in value.values() for key in _keys(item)}
    if isinstance(value, list):
        return {key for item in value for key in _keys(item)}
    return set()


def _ask(asker: Actor, *items: dict[str, Any], kind: str = "persons") -> dict[str, Any]:
    answer = asker.post(
        f"/api/v1/queries/{kind}", json={"purpose": "Passenger at the gate", "items": list(items)}
    )
    assert answer.status_code == 200, answer.text
    found: dict[str, Any] = answer.json()
    return found


def _without_ids(answer: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            **hit,
            "query_hit_id": None,
            "what_to_do": hit.get("what_to_do", "").replace(
                f"/query-hits/{hit['query_hit_id']}/", "/query-hits/N/"
            ),
        }
        for hit in answer["hits"]
    ]


def test_probing_birth_dates_gives_the_same_answer_for_every_hit(runtime: Runtime, world: World) -> None:
    """The issue's probe: the same name with four birth dates read the owner's year and month off."""
    asker = Actor(fresh_client(runtime), username="analyst.nl")
    dates = ["1985", "1985-03", "1985-04", "1986"]
    answers = [_ask(asker, {"name": NAME, "birth_date": date})["answers"][0] for date in dates]
    assert all(answer["hit"] for answer in answers), [answer["hit"] for answer in answers]
    first = _without_ids(answers[0])
    assert first
    assert first[0]["owner"] == "FR-NCB"
    for date, answer in zip(dates, answers, strict=True):
        assert _without_ids(answer) == first, f"{date} answers differently from {dates[0]}"
    batch = _ask(asker, *({"name": NAME, "birth_date": date} for date in dates))
    assert [_without_ids(answer) for answer in batch["answers"]] == [first] * len(dates)


def test_no_answer_carries_a_score_or_an_outcome(runtime: Runtime, world: World) -> None:
    asker = Actor(fresh_client(runtime), username="analyst.nl")
    for kind, item in (
        ("persons", {"name": NAME, "birth_date": "1985-03-12", "nationality": "RUS"}),
        ("documents", {"number": SHARED_DOCUMENT, "issuing_country": "FRA"}),
        ("cards", {"number": SHARED_CARD}),
    ):
        answer = _ask(asker, item, kind=kind)
        assert answer["answers"][0]["hit"] is True, kind
        assert _keys(answer) <= ANSWER_KEYS, f"{kind}: {_keys(answer) - ANSWER_KEYS}"
        hit = answer["answers"][0]["hits"][0]
        assert f"/api/v1/query-hits/{hit['query_hit_id']}/detail-requests" in hit["what_to_do"]


def test_several_hits_come_in_record_order_not_score_order(runtime: Runtime, world: World) -> None:
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")
    asker = Actor(fresh_client(runtime), username="analyst.nl")
    created = []
    for reference, born in (("FR-TWIN-1", "1970-06-01"), ("FR-TWIN-2", "1970-05-05")):
        record = {
            "reference": reference,
            "shared_with": ["NL-PIU"],
            "details": {
                "kind": "persons",
                "category": "wanted",
                "names": [{"full_name": "Ivan Sergeyevich Dolgorukov"}],
                "birth_dates": [born],
            },
        }
        made = owner.post(f"/api/v1/registers/{world.registers['persons']}/records", json=record)
        assert made.status_code == 201, made.text
        created.append(made.json()["id"])
    # The second record agrees better (same month): ranked by score it would come first.
    answer = _ask(asker, {"name": "Ivan Sergeyevich Dolgorukov", "birth_date": "1970-05"})
    hit_ids = [hit["query_hit_id"] for hit in answer["answers"][0]["hits"]]
    assert len(hit_ids) == 2
    told = {
        n["payload"]["query_hit_id"]: n["payload"]
        for n in owner.get("/api/v1/notifications", params={"limit": 100}).json()["items"]
        if n["kind"] == "hit_on_record"
    }
    assert [told[hit_id]["record_id"] for hit_id in hit_ids] == created
    assert told[hit_ids[1]]["score"] > told[hit_ids[0]]["score"], "the owner reads the scores"
    assert hit_ids == sorted(hit_ids), "the hits' numbers do not rank them either"


def test_the_owner_and_after_release_the_asker_read_the_explanation(runtime: Runtime, world: World) -> None:
    asker = Actor(fresh_client(runtime), username="analyst.nl")
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")
    outsider = Actor(fresh_client(runtime), username="analyst.be")
    hit_id = _ask(asker, {"name": NAME, "birth_date": "1985-03"})["answers"][0]["hits"][0]["query_hit_id"]

    before = asker.get(f"/api/v1/query-hits/{hit_id}")
    assert before.status_code == 200, before.text
    view = before.json()
    assert view["hit"] is True
    assert view["owner"] == "FR-NCB"
    assert view["register_kind"] == "persons"
    assert view["details_released"] is False
    assert view["score"] is None
    assert set(view["explanation"]) == WITHHELD_KEYS
    assert not [word for word in OUTCOME_WORDS if word in before.text.lower()]
    assert outsider.get(f"/api/v1/query-hits/{hit_id}").status_code == 404

    owned = owner.get(f"/api/v1/query-hits/{hit_id}").json()
    assert owned["score"] is not None
    assert owned["explanation"]["evidence"], "the owner reads why it matched"
    assert "same year" in str(owned["explanation"])

    request = asker.post(
        f"/api/v1/query-hits/{hit_id}/detail-requests", json={"justification": "Arrest on arrival"}
    )
    assert request.status_code == 201, request.text
    inbox = owner.get("/api/v1/exchange/inbox", params={"open_requests": "true"}).json()["items"]
    (item,) = [i for i in inbox if i["sender"] == "NL-PIU"]
    sent = asker.get(f"/api/v1/exchange/messages/{item['message_id']}")
    assert sent.status_code == 200, "the asker reads its own request"
    assert "score" not in _keys(sent.json())
    assert not [word for word in OUTCOME_WORDS if word in sent.text.lower()]

    assert owner.post(f"/api/v1/detail-requests/{request.json()['id']}/approve", json={}).status_code == 200
    after = asker.get(f"/api/v1/query-hits/{hit_id}").json()
    assert after["details_released"] is True
    assert after["score"] == owned["score"]
    assert after["explanation"] == owned["explanation"], "released: the asker reads the explanation"


def test_a_screening_hit_on_another_agencys_record_shows_no_score_until_release(
    runtime: Runtime, world: World
) -> None:
    data.push(runtime, "NL-PIU", data.pnr("0001"))
    analyst = Actor(fresh_client(runtime), username="analyst.nl")
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")
    listed = analyst.get("/api/v1/hits", params={"sort": "-score"})
    assert listed.status_code == 200, listed.text
    hits = {hit["explanation"]["kind"]: hit for hit in listed.json()["items"]}
    assert {"person", "document"} <= set(hits)
    for hit in listed.json()["items"]:
        assert hit["owner"] == "FR-NCB"
        assert hit["record_details_released"] is False
        assert hit["score"] is None
        assert set(hit["explanation"]) == WITHHELD_KEYS
    assert hits["document"]["rule"] == "a travel document in the owner's register", "not its status"
    assert hits["person"]["traveller"]["birth_date"] == "1985-03-12", "the unit reads its own traveller"
    assert not [word for word in OUTCOME_WORDS if word in listed.text.lower()]
    assert analyst.get("/api/v1/hits", params={"min_score": 0.99}).json()["total"] == len(hits), (
        "a withheld score filters as a plain hit"
    )

    person = hits["person"]["id"]
    assert analyst.get(f"/api/v1/hits/{person}").json()["score"] is None
    assert analyst.post(f"/api/v1/hits/{person}/review", json={"action": "start"}).status_code == 200
    confirmed = analyst.post(
        f"/api/v1/hits/{person}/review", json={"action": "confirm", "reason": "Same passport photo"}
    )
    assert confirmed.status_code == 200
    assert confirmed.json()["score"] is None
    told = [n for n in owner.get("/api/v1/notifications").json()["items"] if n["kind"] == "hit_confirmed"]
    assert told[0]["payload"]["score"] > 0
    assert told[0]["payload"]["explanation"]["evidence"], "the owner reads how its record compared"
    message = analyst.get(f"/api/v1/exchange/messages/{told[0]['payload']['message_id']}")
    assert message.status_code == 200, "the unit reads its own message to the owner"
    assert "score" not in _keys(message.json())
    assert "Score" not in message.json()["body"]
    assert not [word for word in OUTCOME_WORDS if word in message.text.lower()]

    # Released to NL-PIU (through a hit / no-hit answer), the record's hits are explained.
    hit_id = _ask(analyst, {"name": NAME, "birth_date": "1985-03-12"})["answers"][0]["hits"][0][
        "query_hit_id"
    ]
    request = analyst.post(f"/api/v1/query-hits/{hit_id}/detail-requests", json={"justification": "Boarding"})
    assert owner.post(f"/api/v1/detail-requests/{request.json()['id']}/approve", json={}).status_code == 200
    released = analyst.get(f"/api/v1/hits/{person}").json()
    assert released["record_details_released"] is True
    assert released["score"] == told[0]["payload"]["score"]
    assert released["explanation"]["name"]["aligned"]
    assert released["explanation"]["evidence"]
