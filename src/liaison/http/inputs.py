"""Characters no text field may hold, refused at the edge for every route and field.

PostgreSQL cannot store NUL in text (the insert fails with a 500), lone UTF-16
surrogates cannot be encoded at all, and other C0 control characters only hide
text from the people who read it. One app-wide dependency looks at the path,
the query, and the JSON or form body FastAPI has already parsed (the edge has
capped its size), and answers 422 naming the first field at fault. Tab, line
feed and carriage return stay allowed: free text has lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from fastapi import Request
from starlette.datastructures import UploadFile

from liaison.domain.errors import InvalidInput

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
# In JSON those characters can only arrive escaped: skip the walk when no escape could be one.
ESCAPED = re.compile(rb"\\u(?:00[01][0-9a-fA-F]|[dD][89a-fA-F][0-9a-fA-F]{2})")


def problem_with(location: str, value: str) -> str | None:
    found = FORBIDDEN.search(value)
    if found is None:
        return None
    return f"{location}: control character U+{ord(found.group()):04X} is not allowed in text"


def _strings(value: Any, location: str) -> Iterator[tuple[str, str]]:
    """Every string in a parsed JSON document with its place, keys included."""
    if isinstance(value, str):
        yield location, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield f"{location}.{key}", str(key)
            yield from _strings(item, f"{location}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{location}.{index}")


def first_problem(fields: Iterable[tuple[str, str]]) -> str | None:
    for location, value in fields:
        problem = problem_with(location, value)
        if problem is not None:
            return problem
    return None


async def refuse_control_characters(request: Request) -> None:
    """App-wide dependency: runs after FastAPI parsed the body, before the route's own."""
    fields: list[tuple[str, str]] = [(f"path.{k}", str(v)) for k, v in request.path_params.items()]
    fields += [(f"query.{k}", v) for k, v in request.query_params.multi_items()]
    route = request.scope.get("route")
    if getattr(route, "body_field", None) is not None:  # the route's body is parsed already
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            fields += [(f"form.{k}", v) for k, v in form.multi_items() if not isinstance(v, UploadFile)]
        elif "json" in content_type and ESCAPED.search(await request.body()):
            fields += list(_strings(await request.json(), "body"))
    problem = first_problem(fields)
    if problem is not None:
        raise InvalidInput(problem)
