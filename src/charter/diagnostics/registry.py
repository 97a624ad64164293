"""A registry of diagnostic codes, so every code has one title and one default severity.

Each family (``P`` parse, ``L`` lint, ``C`` check, ``T`` test planning) registers its
codes at import time; renderers (SARIF rules, ``--explain``, docs) read them from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from charter.diagnostics.model import Severity


@dataclass(frozen=True, slots=True)
class CodeInfo:
    code: str
    title: str
    severity: Severity
    explanation: str = ""


_CODES: dict[str, CodeInfo] = {}


def register(code: str, title: str, severity: Severity, explanation: str = "") -> CodeInfo:
    """Record a code; registering the same code twice with a different title is a bug."""
    info = CodeInfo(code, title, severity, explanation)
    existing = _CODES.get(code)
    if existing is not None and existing.title != title:
        raise ValueError(f"diagnostic code {code} registered twice ({existing.title!r})")
    _CODES[code] = info
    return info


def describe(code: str) -> CodeInfo | None:
    return _CODES.get(code)


def known_codes() -> list[CodeInfo]:
    return sorted(_CODES.values(), key=lambda info: info.code)
