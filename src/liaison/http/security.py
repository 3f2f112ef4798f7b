"""Headers every response carries, and the CSRF check for form posts."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Sequence
from ipaddress import IPv4Network, IPv6Network, ip_address
from urllib.parse import SplitResult, urlsplit

from fastapi import Request
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from liaison.domain.errors import Forbidden

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'"
    ),
    "Cache-Control": "no-store",
}


# Production is served over HTTPS only (LIAISON_BASE_URL is https://): browsers are told to keep it so.
HSTS = "max-age=31536000; includeSubDomains"


class SecurityHeadersMiddleware:
    """Adds SECURITY_HEADERS (and HSTS in production) to every HTTP response that
    does not set them itself; with a configured base URL, every request is seen
    as addressed to it, so no link or redirect repeats a forged Host header.

    Plain ASGI: Starlette's BaseHTTPMiddleware would run every request through
    an extra task and a response stream."""

    def __init__(self, app: ASGIApp, *, hsts: bool = False, base_url: str | None = None) -> None:
        self.app = app
        self.headers = {**SECURITY_HEADERS, **({"Strict-Transport-Security": HSTS} if hsts else {})}
        self.origin = urlsplit(base_url) if base_url else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.origin is not None:
            scope = _addressed_to(scope, self.origin)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _addressed_to(scope: Scope, origin: SplitResult) -> Scope:
    """The scope with scheme, server and Host header of the configured origin."""
    port = origin.port or (443 if origin.scheme == "https" else 80)
    headers = [(name, value) for name, value in scope["headers"] if name != b"host"]
    headers.append((b"host", origin.netloc.encode("ascii")))
    return {**scope, "scheme": origin.scheme, "server": (origin.hostname, port), "headers": headers}


CSRF_SESSION_KEY = "csrf"
CSRF_FIELD = "csrf"  # the hidden field of every form the pages post
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use."""
    token = request.session.get(CSRF_SESSION_KEY)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session[CSRF_SESSION_KEY] = token
    return token


def check_csrf(request: Request, submitted: str) -> None:
    expected = request.session.get(CSRF_SESSION_KEY)
    if not isinstance(expected, str) or not hmac.compare_digest(expected, submitted):
        raise Forbidden("the form has expired or did not come from this site; reload and try again")


async def csrf_protected(request: Request) -> None:
    """The pages' routers depend on this: a form posted (or any other change asked)
    without the session's token in its `csrf` field is refused before the handler
    runs, whichever route it names. The form is parsed once and kept by the request."""
    if request.method in SAFE_METHODS:
        return
    submitted = (await request.form()).get(CSRF_FIELD)
    check_csrf(request, submitted if isinstance(submitted, str) else "")


Networks = Sequence[IPv4Network | IPv6Network]


def forwarded_client(peer: str, forwarded_for: Sequence[str], trusted: Networks) -> str:
    """The client's address: the peer's own, unless the peer is a trusted proxy; then
    X-Forwarded-For read from the right, past every trusted proxy. Anyone else can
    write whatever they like in that header, so nobody else is believed."""
    hops = [hop.strip() for value in forwarded_for for hop in value.split(",") if hop.strip()]
    address = peer
    while _trusted(address, trusted) and hops:
        hop = hops.pop()
        if not _is_address(hop):
            break  # a trusted proxy passed on something that is no address: keep the proxy's
        address = hop
    return address


def _is_address(text: str) -> bool:
    try:
        ip_address(text)
    except ValueError:
        return False
    return True


def _trusted(address: str, trusted: Networks) -> bool:
    if not trusted or not _is_address(address):
        return False
    parsed = ip_address(address)
    return any(parsed.version == network.version and parsed in network for network in trusted)


def client_address(request: Request, trusted: Networks) -> str:
    """Where a request comes from, for throttling sign-ins and the audit trail."""
    peer = request.client.host if request.client else "unknown"
    return forwarded_client(peer, request.headers.getlist("x-forwarded-for"), trusted)
