"""The hit queue over the API: most urgent first, each hit with its priority and reason."""

from __future__ import annotations

from liaison.services.runtime import Runtime
from tests.api.clients import Actor, fresh_client
from tests.api.world import World
from tests.web import data


def _graded(runtime: Runtime, world: World) -> Actor:
    data.add_common_name(runtime, world)
    data.push(runtime, "FR-NCB", data.graded_pnr("0101"))
    return Actor(fresh_client(runtime), username="analyst.fr")


def test_the_queue_puts_documents_then_corroborated_then_rare_then_common_names(
    runtime: Runtime, world: World
) -> None:
    analyst = _graded(runtime, world)
    items = analyst.get("/api/v1/hits").json()["items"]
    graded = [(hit["traveller"]["surname"], hit["priority"]) for hit in items if hit["priority"]]
    assert graded == [
        ("JANSEN", "document"),
        ("ABDURAKHMANOV", "corroborated"),
        ("QUARTERMAINE-OYELARAN", "rare_name"),
        ("SMITH", "common_name"),
    ]
    reasons = {hit["traveller"]["surname"]: hit["priority_reason"] for hit in items if hit["priority"]}
    assert reasons == {
        "JANSEN": "document number agrees",
        "ABDURAKHMANOV": "rare name, birth date agrees",
        "QUARTERMAINE-OYELARAN": "rare name, nothing else agrees",
        "SMITH": "common name, nothing else agrees",
    }
    # Hits that grade no identity (a risk rule) have no priority and sort with the most urgent.
    ungraded = [index for index, hit in enumerate(items) if hit["priority"] is None]
    assert all(hit["explanation"]["kind"] in ("rule", "card") for hit in items if hit["priority"] is None)
    assert ungraded == list(range(len(ungraded)))
    by_score = analyst.get("/api/v1/hits", params={"sort": "-score"}).json()["items"]
    scores = [hit["score"] for hit in by_score]
    assert scores == sorted(scores, reverse=True)


def test_the_queue_filters_by_priority(runtime: Runtime, world: World) -> None:
    analyst = _graded(runtime, world)
    common = analyst.get("/api/v1/hits", params={"priority": "common_name"}).json()
    assert common["total"] == 1
    assert common["items"][0]["traveller"]["surname"] == "SMITH"
    rare = analyst.get("/api/v1/hits", params={"priority": "rare_name"}).json()["items"]
    assert [hit["traveller"]["surname"] for hit in rare] == ["QUARTERMAINE-OYELARAN"]
    assert analyst.get("/api/v1/hits", params={"priority": "urgent"}).status_code == 422
    one = analyst.get(f"/api/v1/hits/{common['items'][0]['id']}").json()
    assert (one["priority"], one["priority_reason"]) == ("common_name", "common name, nothing else agrees")


def test_a_withheld_hit_withholds_its_priority_too(runtime: Runtime, world: World) -> None:
    """NL-PIU's person hit is on a FR-NCB record not released to it: its grade would
    tell whether the owner's birth date agrees, so it stays with the owner."""
    data.push(runtime, "NL-PIU", data.pnr("0001"))
    analyst = Actor(fresh_client(runtime), username="analyst.nl")
    person = next(h for h in analyst.get("/api/v1/hits").json()["items"] if h["owner"] and h["score"] is None)
    assert person["priority"] is None
    assert person["priority_reason"] is None
    for code in ("document", "corroborated", "rare_name", "common_name"):
        listed = analyst.get("/api/v1/hits", params={"priority": code}).json()["items"]
        assert person["id"] not in [hit["id"] for hit in listed]
