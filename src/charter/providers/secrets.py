"""Credentials in base URLs taken apart into auth, and the one redactor for provider text.

A base URL such as ``http://user:pw@host/v1?api-key=K`` carries secrets in two places.
:func:`split_url` returns the URL without its userinfo (what connections, identities and
messages use), the query parameters (which are still sent, on every request), the
authentication the userinfo stands for, and every secret value found. A :class:`Redactor`
replaces those values (and anything that merely looks like a credential in a URL or a
header) with ``***``; providers pass every message they raise through it, including text
that came back from a server, and mask their own secret values in model output too (an
echoing server), so no secret reaches the store or the terminal.

Guarantees: :func:`redact` and :meth:`Redactor.redact` run in time linear in the text
(plain substring replacement and patterns without nested quantifiers); secret values
shorter than 4 characters are not redacted by value (they would mangle ordinary text),
but their URL and query positions still are.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from charter.errors import ConfigError

MASK = "***"
MIN_SECRET = 4
# Query parameter names whose values are credentials (compared case-insensitively).
SECRET_PARAMS = frozenset(
    {
        "key",
        "api-key",
        "api_key",
        "apikey",
        "token",
        "access_token",
        "auth",
        "sig",
        "signature",
        "secret",
        "password",
        "code",
    }
)
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]{0,15}://)[^/\s@?#]{1,512}@")
_QUERY_SECRET = re.compile(
    r"(?i)([?&](?:" + "|".join(re.escape(n) for n in sorted(SECRET_PARAMS)) + r")=)[^&#\s\"']+"
)
_AUTH_HEADER = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{4,}")


@dataclass(frozen=True, slots=True)
class SplitURL:
    """A base URL taken apart: see the module docstring."""

    url: str  # scheme://host[:port]/path, no userinfo, no query
    query: tuple[tuple[str, str], ...]  # sent with every request, in order
    username: str | None
    password: str | None
    secrets: tuple[str, ...]  # every credential value found in the URL

    @property
    def query_string(self) -> str:
        return urlencode(self.query)

    def shown(self) -> str:
        """The URL as it may be shown and cached: secret query values masked."""
        if not self.query:
            return self.url
        pairs = [(k, MASK if k.lower() in SECRET_PARAMS else v) for k, v in self.query]
        return self.url + "?" + urlencode(pairs, safe="*")

    def token(self) -> str | None:
        """A lone credential in the userinfo (``token@host`` or ``:token@host``): a bearer key."""
        if self.username and self.password is None:
            return self.username
        if not self.username and self.password:
            return self.password
        return None

    def basic_auth(self) -> str | None:
        """``Basic ...`` when the userinfo has both a user name and a password."""
        if self.username and self.password is not None:
            raw = f"{self.username}:{self.password}".encode()
            return "Basic " + base64.b64encode(raw).decode("ascii")
        return None


def split_url(url: str) -> SplitURL:
    """Take ``url`` apart; the fragment is dropped (it is never sent to a server).

    An unusable URL (not http/https, no host, a bad port) is a ConfigError whose message
    shows the URL redacted."""
    parts = urlsplit(url.strip())
    try:
        port = parts.port
    except ValueError:
        port = -1
    if parts.scheme not in ("http", "https") or not parts.hostname or port == -1:
        raise ConfigError(f"base URL must be http(s)://HOST[:PORT][/PATH]: {redact(url)!r}")
    username = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password is not None else None
    host = parts.hostname
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host + (f":{port}" if port is not None else "")
    query = tuple(parse_qsl(parts.query, keep_blank_values=True))
    secrets = [s for s in (username, password) if s]
    if username and password is not None:  # how it travels in a basic-auth header
        secrets.append(base64.b64encode(f"{username}:{password}".encode()).decode("ascii"))
    secrets += [v for k, v in query if k.lower() in SECRET_PARAMS and v]
    clean = urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))
    return SplitURL(clean, query, username, password, tuple(secrets))


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with the given secret values, URL userinfo, credential query values and
    ``Bearer``/``Basic`` header values replaced by ``***``."""
    for secret in sorted({s for s in secrets if len(s) >= MIN_SECRET}, key=len, reverse=True):
        text = text.replace(secret, MASK)
        quoted = _quoted_forms(secret)
        for form in quoted:
            text = text.replace(form, MASK)
    text = _USERINFO.sub(lambda m: m.group(1) + MASK + "@", text)
    text = _QUERY_SECRET.sub(lambda m: m.group(1) + MASK, text)
    return _AUTH_HEADER.sub(lambda m: m.group(1) + " " + MASK, text)


def _quoted_forms(secret: str) -> set[str]:
    """How a secret may come back from a server: percent-encoded or base64 (basic auth)."""
    from urllib.parse import quote

    forms = {quote(secret, safe=""), quote(secret)}
    forms.discard(secret)
    return {f for f in forms if len(f) >= MIN_SECRET}


class Redactor:
    """A redactor bound to one provider's secrets (its key and its URL's credentials)."""

    __slots__ = ("_secrets",)

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        self._secrets = tuple(s for s in secrets if s)

    def redact(self, text: str) -> str:
        return redact(text, self._secrets)

    def mask_values(self, text: str) -> str:
        """``text`` with only this provider's own secret values masked: for model output,
        where credential-looking text the model wrote on its own must stay as it is."""
        for secret in self._secrets:
            if len(secret) >= MIN_SECRET and secret in text:
                text = text.replace(secret, MASK)
        return text

    def __repr__(self) -> str:
        return f"Redactor({len(self._secrets)} secret(s))"
