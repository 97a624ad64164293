"""The page's guard: token on every request, CSRF on every write, strict headers.

A pure ASGI middleware in front of the whole application:

- ``Host`` must name the loopback address the server listens on (no DNS rebinding);
- the first request carries ``?token=`` (printed once at start); it is traded for an
  ``HttpOnly; SameSite=Strict`` cookie and a redirect to the same page without the token,
  and every later request must carry that cookie — without it the answer is 403;
- a ``POST`` must come from the page itself: an ``Origin`` (when sent) equal to the
  server's, ``Sec-Fetch-Site`` (when sent) ``same-origin``, and the ``X-Charter-CSRF``
  header equal to the per-start CSRF value the page holds (a cross-site form can set none
  of these);
- every response has a strict Content-Security-Policy (scripts and styles from this
  origin only, nothing inline, no frames, forms post only here) and no referrer.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "charter_token"
CSRF_HEADER = "x-charter-csrf"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "content-security-policy": CSP,
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
}


@dataclass(frozen=True, slots=True)
class Secrets:
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))


class Guard:
    """ASGI middleware enforcing the rules of the module docstring."""

    def __init__(self, app: ASGIApp, keys: Secrets, hosts: set[str]) -> None:
        self.app = app
        self.keys = keys
        self.hosts = hosts  # allowed Host values: '127.0.0.1:PORT', 'localhost:PORT'

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope)
        if refusal is not None:
            await _secured(refusal)(scope, receive, send)
            return
        await self.app(scope, receive, _with_headers(send))

    def _refusal(self, scope: Scope) -> Response | None:
        headers = Headers(scope=scope)
        if headers.get("host", "") not in self.hosts:
            return PlainTextResponse("unknown host", status_code=421)
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if "token" in query and _same(query["token"], self.keys.token):
            return self._trade(scope, query)
        cookie = SimpleCookie(headers.get("cookie", ""))
        given = cookie[COOKIE].value if COOKIE in cookie else ""
        if not _same(given, self.keys.token):
            return PlainTextResponse("forbidden: open the URL printed by charter serve", 403)
        if scope["method"] not in ("GET", "HEAD") and not self._same_origin(headers):
            return PlainTextResponse("forbidden: cross-site request", status_code=403)
        return None

    def _trade(self, scope: Scope, query: dict[str, str]) -> Response:
        rest = {k: v for k, v in query.items() if k != "token"}
        target = scope["path"] + ("?" + urlencode(rest) if rest else "")
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(COOKIE, self.keys.token, httponly=True, samesite="strict", path="/")
        return response

    def _same_origin(self, headers: Headers) -> bool:
        origin = headers.get("origin")
        if origin is not None and origin not in {f"http://{h}" for h in self.hosts}:
            return False
        if headers.get("sec-fetch-site", "same-origin") != "same-origin":
            return False
        return _same(headers.get(CSRF_HEADER, ""), self.keys.csrf)


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


def _secured(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers[name] = value
    return response


def _with_headers(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            raw = [(k, v) for k, v in message.get("headers", []) if k.decode() not in HEADERS]
            raw += [(k.encode(), v.encode()) for k, v in HEADERS.items()]
            message = {**message, "headers": raw}
        await send(message)

    return wrapped
