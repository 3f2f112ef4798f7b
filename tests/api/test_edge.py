"""The HTTP edge: what every request meets before a route runs (host, HTTPS, body
size, credentials, characters no field may hold, a database that is down)."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import re
import secrets
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import make_url

from liaison.app import create_app
from liaison.domain.codes import Mode
from liaison.domain.errors import ConfigurationError
from liaison.services.identity.installation import initialise
from liaison.services.runtime import Runtime, open_runtime
from liaison.settings import Settings
from tests.api.clients import Actor, all_roles_token, csrf_from, fresh_client
from tests.api.world import PASSWORD, World

FORGED_HOST = "attacker.example"


def _with_settings(runtime: Runtime, **changes: object) -> Runtime:
    return dataclasses.replace(runtime, settings=runtime.settings.model_copy(update=changes))


def test_pages_never_repeat_a_forged_host_header(runtime: Runtime) -> None:
    with TestClient(create_app(runtime=runtime), follow_redirects=False) as client:
        page = client.get("/login", headers={"Host": FORGED_HOST})
        assert page.status_code == 200
        assert FORGED_HOST not in page.text
        assert re.search(r'href="/static/liaison\.css"', page.text), "links are paths on this site"


def test_a_configured_base_url_is_the_only_origin_links_use(runtime: Runtime) -> None:
    pinned = _with_settings(runtime, base_url="https://liaison.example.org")
    with TestClient(create_app(runtime=pinned), follow_redirects=False) as client:
        redirect = client.get("/hits", headers={"Host": FORGED_HOST})
        assert redirect.status_code == 303
        assert FORGED_HOST not in redirect.headers["location"]
        page = client.get("/login", headers={"Host": FORGED_HOST})
        assert FORGED_HOST not in page.text
        assert csrf_from(page.text)


def test_production_sends_hsts_and_development_does_not(runtime: Runtime) -> None:
    production = _with_settings(
        runtime,
        mode=Mode.PRODUCTION,
        secret_key=secrets.token_urlsafe(48),
        base_url="https://liaison.example.org",
    )
    with TestClient(create_app(runtime=production), base_url="https://liaison.example.org") as client:
        hsts = client.get("/healthz").headers.get("strict-transport-security", "")
        assert hsts.startswith("max-age=")
        assert int(hsts.split("=")[1].split(";")[0]) >= 31536000
    with TestClient(create_app(runtime=runtime)) as client:
        assert "strict-transport-security" not in client.get("/healthz").headers


@pytest.mark.parametrize("base_url", [None, "http://liaison.example.org"])
def test_production_refuses_to_serve_without_an_https_base_url(
    runtime: Runtime, base_url: str | None
) -> None:
    production = _with_settings(
        runtime, mode=Mode.PRODUCTION, secret_key=secrets.token_urlsafe(48), base_url=base_url
    )
    with pytest.raises(ConfigurationError, match="LIAISON_BASE_URL"):
        create_app(runtime=production)


CASES = "/api/v1/exchange/cases"
JSON = {"Content-Type": "application/json"}


def _one_line_detail(answer: Any) -> str:
    detail = answer.json()["detail"]
    assert isinstance(detail, str)
    assert "\n" not in detail
    return detail


def test_the_api_authenticates_before_it_reads_the_body(runtime: Runtime, world: World) -> None:
    """Before, FastAPI parsed the body first: malformed JSON got 422 and a huge one filled memory."""
    with fresh_client(runtime) as anonymous:
        answer = anonymous.post(CASES, content=b"[" * 600_000, headers=JSON)
        assert answer.status_code == 401
        forged = anonymous.post(
            CASES, content=b"[" * 600_000, headers={**JSON, "Authorization": "Bearer forged"}
        )
        assert forged.status_code == 401

        def endless() -> Iterator[bytes]:  # no length, far past any limit
            for _ in range(64):
                yield b"[" * 65536

        assert anonymous.post(CASES, content=endless(), headers=JSON).status_code == 401


def test_json_bodies_past_the_limit_get_413_with_or_without_a_length(runtime: Runtime, world: World) -> None:
    officer = Actor(fresh_client(runtime), username="liaison_officer.nl")
    limit = runtime.settings.max_json_bytes
    case = {
        "subject": "Courier network",
        "crime_area": "terrorism",
        "agencies": ["FR-NCB"],
        "pad": " " * limit,
    }
    body = json.dumps(case).encode()

    def chunked() -> Iterator[bytes]:
        for start in range(0, len(body), 65536):
            yield body[start : start + 65536]

    for content in (body, chunked()):
        answer = officer.post(CASES, content=content, headers=JSON)
        assert answer.status_code == 413, answer.text
        assert f"{limit}-byte limit" in _one_line_detail(answer)


def test_files_keep_their_own_larger_limits(runtime: Runtime, world: World) -> None:
    officer = Actor(fresh_client(runtime), username="liaison_officer.nl")
    case = officer.post(
        CASES, json={"subject": "Scan", "crime_area": "terrorism", "agencies": ["FR-NCB"]}
    ).json()
    message = officer.post(
        f"/api/v1/exchange/cases/{case['id']}/messages",
        json={
            "body": "attached",
            "handling_code": "H0",
            "source_reliability": "A",
            "information_accuracy": "1",
        },
    )
    assert message.status_code == 201, message.text
    content = b"%PDF-1.7\n" * (runtime.settings.max_json_bytes // 4)
    added = officer.post(
        f"/api/v1/exchange/messages/{message.json()['id']}/attachments",
        params={"filename": "scan.pdf"},
        content=content,
        headers={"Content-Type": "application/pdf"},
    )
    assert added.status_code == 201, added.text


def test_page_forms_are_capped_too(runtime: Runtime, world: World) -> None:
    with fresh_client(runtime) as client:
        csrf = csrf_from(client.get("/login").text)
        filler = "x" * runtime.settings.max_json_bytes
        answer = client.post("/login", data={"username": filler, "password": "p", "csrf": csrf})
        assert answer.status_code == 413


@pytest.mark.parametrize("username", ["analyst\x00.fr", "\x00", "analyst\x1b[2J.fr"])
def test_the_sign_in_form_refuses_control_characters(runtime: Runtime, world: World, username: str) -> None:
    """On PostgreSQL a NUL in the unauthenticated user name was a 500."""
    with fresh_client(runtime) as client:
        csrf = csrf_from(client.get("/login").text)
        answer = client.post("/login", data={"username": username, "password": PASSWORD, "csrf": csrf})
        assert answer.status_code == 422, answer.text
        assert "form.username" in _one_line_detail(answer)


# --- every write route, every text field: NUL, other control characters, blanks ----------

BAD_TEXT = ["\x00", "a\x00b", "\x07", "\ud800", "", "   "]


def _resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _example(schema: dict[str, Any], components: dict[str, Any], depth: int = 0, choice: int = 0) -> Any:
    """A value of the schema, every optional property filled, so every text field is reached;
    `choice` picks the alternative of each union (a record's person, document or card)."""
    schema = _resolve(schema, components)
    for key in ("enum", "examples"):
        if schema.get(key):
            return schema[key][0]
    if "const" in schema:
        return schema["const"]
    for key in ("oneOf", "anyOf", "allOf"):
        options = [o for o in schema.get(key, []) if _resolve(o, components).get("type") != "null"]
        if options:
            return _example(options[choice % len(options)], components, depth, choice)
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        if depth > 6:
            return {}
        return {
            name: _example(sub, components, depth + 1, choice)
            for name, sub in schema.get("properties", {}).items()
        }
    if kind == "array":
        return [
            _example(schema.get("items", {}), components, depth + 1, choice)
            for _ in range(schema.get("minItems", 1))
        ]
    if kind == "integer":
        return max(int(schema.get("minimum", 1)), 1)
    if kind == "number":
        return float(schema.get("minimum", 1))
    if kind == "boolean":
        return False
    if schema.get("format") == "date":
        return "2031-01-01"
    if schema.get("format") == "date-time":
        return "2031-01-01T00:00:00Z"
    return "x" * max(int(schema.get("minLength", 1)), 1)


def _text_fields(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, str):
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _text_fields(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _text_fields(item, (*path, index))


def _replaced(value: Any, path: tuple[Any, ...], text: str) -> Any:
    if not path:
        return text
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = _replaced(value[path[0]], path[1:], text)
    return copy


class _Ids(dict[str, int]):
    """Path parameters by name; an id nobody named is 1."""

    def __missing__(self, key: str) -> int:
        return 1


def test_no_text_field_of_any_write_route_gives_a_server_error(runtime: Runtime, world: World) -> None:
    """From the OpenAPI document: each POST, PUT and PATCH operation, each text field of its
    JSON body and each text query parameter, sent NUL, a control character, a lone surrogate,
    an empty and a blank value, on an object that exists. Nothing may answer 5xx."""
    ids = {
        "register_id": next(iter(world.registers.values())),
        "record_id": next(iter(world.records.values())),
        "case_id": world.cases["fr_be"],
        "rule_id": world.rules["fr"],
    }
    headers = {"Authorization": f"Bearer {all_roles_token(runtime, 'edge')}"}
    with fresh_client(runtime) as client:
        document = client.get("/api/v1/openapi.json").json()
        components = document["components"]["schemas"]
        registers = client.get("/api/v1/registers", headers=headers).json()["items"]
        register_of_kind = {r["kind"]: r["id"] for r in reversed(registers)}
        tried = 0
        for path, operations in document["paths"].items():
            for method, operation in operations.items():
                if method not in ("post", "put", "patch"):
                    continue
                queries = {
                    p["name"]: _example(p.get("schema", {}), components)
                    for p in operation.get("parameters", [])
                    if p["in"] == "query"
                }
                content = operation.get("requestBody", {}).get("content", {})
                schema = content.get("application/json", {}).get("schema")
                bodies = [_example(schema, components, choice=c) for c in range(3)] if schema else [None]
                for body in [b for i, b in enumerate(bodies) if b not in bodies[:i]]:
                    kind = body.get("details", {}).get("kind") if isinstance(body, dict) else None
                    where = {**ids, "register_id": register_of_kind.get(kind, ids["register_id"])}
                    url = path.format_map(_Ids(where))
                    variants: list[tuple[str, dict[str, Any], Any]] = []
                    for field in _text_fields(body):
                        variants += [
                            (".".join(map(str, field)), queries, _replaced(body, field, t)) for t in BAD_TEXT
                        ]
                    for name, value in queries.items():
                        if isinstance(value, str):
                            variants += [
                                (name, {**queries, name: t}, body) for t in BAD_TEXT if "\ud800" not in t
                            ]
                    for field_name, params, payload in variants:
                        answer = client.request(
                            method.upper(), url, params=params, headers={**headers, **JSON},
                            content=json.dumps(payload).encode() if payload is not None else b"",
                        )  # fmt: skip
                        tried += 1
                        assert answer.status_code < 500, (
                            f"{method.upper()} {path} {field_name}: {answer.text}"
                        )
    assert tried > 300


def test_a_document_record_refuses_a_blank_country_and_a_past_validity(
    runtime: Runtime, world: World
) -> None:
    """Both were 500s: a NOT NULL column and the table's validity check."""
    officer = Actor(fresh_client(runtime), username="liaison_officer.fr")
    registers = officer.get("/api/v1/registers").json()["items"]
    documents = next(r for r in registers if r["kind"] == "documents")
    url = f"/api/v1/registers/{documents['id']}/records"
    record = {"reference": "FR-EDGE-1", "details": {"kind": "documents", "number": "ED1234567",
              "issuing_country": "FR", "document_status": "stolen"}}  # fmt: skip
    blank = officer.post(url, json=_replaced(record, ("details", "issuing_country"), ""))
    assert blank.status_code == 422
    assert "issuing_country" in _one_line_detail(blank)
    past = officer.post(url, json={**record, "codes": {"valid_until": "2001-01-01"}})
    assert past.status_code == 422
    assert "valid_until" in _one_line_detail(past)
    assert officer.post(url, json=record).status_code == 201


# --- the database stops answering ------------------------------------------------------


class _Proxy:
    """A TCP relay to the database that the test can cut: connections drop, new ones are refused."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                near, _ = self.listener.accept()
            except OSError:
                return
            far = socket.create_connection(self.target)
            self.sockets += [near, far]
            for source, sink in ((near, far), (far, near)):
                threading.Thread(target=_relay, args=(source, sink), daemon=True).start()

    def cut(self) -> None:
        for each in [self.listener, *self.sockets]:
            with contextlib.suppress(OSError):
                each.shutdown(socket.SHUT_RDWR)
            each.close()


def _relay(source: socket.socket, sink: socket.socket) -> None:
    with contextlib.suppress(OSError):
        while data := source.recv(65536):
            sink.sendall(data)
    with contextlib.suppress(OSError):
        sink.shutdown(socket.SHUT_RDWR)


def test_every_route_answers_503_while_the_database_is_down(database_url: str, tmp_path: Path) -> None:
    """A real PostgreSQL behind a relay that is cut: the API answers 503 in one line, pages
    a 503 page, like /healthz; before, each API call was a 500."""
    url = make_url(database_url)
    if url.get_backend_name() != "postgresql":
        pytest.skip("an outage of a database server: PostgreSQL")
    admin = initialise(Settings(data_dir=tmp_path, database_url=database_url, freeze_heap=False)).admin
    assert admin is not None
    proxy = _Proxy(url.host or "127.0.0.1", url.port or 5432)
    relayed = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    runtime = open_runtime(Settings(data_dir=tmp_path, database_url=relayed, freeze_heap=False))
    try:
        with TestClient(create_app(runtime=runtime), follow_redirects=False) as client:
            assert client.get("/healthz").status_code == 200
            csrf = csrf_from(client.get("/login").text)
            signed_in = client.post(
                "/login", data={"username": admin.username, "password": admin.password, "csrf": csrf}
            )
            assert signed_in.status_code == 303
            proxy.cut()
            assert client.get("/healthz").status_code == 503
            bearer = {"Authorization": "Bearer some-token"}
            for method, path in (("GET", "/api/v1/me"), ("POST", CASES), ("GET", "/api/v1/registers")):
                answer = client.request(method, path, headers={**bearer, **JSON}, content=b"{}")
                assert answer.status_code == 503, f"{method} {path}: {answer.text}"
                assert "database" in _one_line_detail(answer)
            page = client.get("/", headers={"Accept": "text/html"})
            assert page.status_code == 503
            assert page.headers["content-type"].startswith("text/html")
    finally:
        proxy.cut()
        runtime.dispose()
