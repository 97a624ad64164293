"""Baselines: record today's lint findings so that only new ones are reported.

A finding's fingerprint (format 2) is its code, its path relative to the project root, its
clause, the words it points at (read from the source by its span, case and spacing
normalised) and its occurrence index among findings with that same key — never its line
or its message, so neither an edit elsewhere in the file nor a count in a message
resurrects a recorded finding. A second copy of a recorded finding gets the next index and
is still reported. Format-1 baselines (message-based) are still read. A baseline that is
not the JSON this module writes raises :class:`~charter.errors.InputError` (exit code 2).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from charter.diagnostics import Diagnostic
from charter.errors import InputError
from charter.hashing import digest

FORMAT = 2
READABLE = (1, 2)

Relative = Callable[[str], str]
Words = Callable[[Diagnostic], str]


def _hash(*parts: str) -> str:
    return digest("\0".join(parts), 10)


def fingerprint_v1(d: Diagnostic, relative: Relative) -> str:
    return _hash(d.code, relative(d.path), d.clause or "", d.message)


def source_words() -> Words:
    """The words a finding points at, read once per file from the source by its span."""
    from charter.spec.parse import source_lines

    cache: dict[str, list[str]] = {}

    def words(d: Diagnostic) -> str:
        lines = cache.get(d.path)
        if lines is None:
            lines = cache[d.path] = source_lines(d.path)
        if not d.end_line or not 0 < d.line <= d.end_line <= len(lines):
            return ""
        chunk = lines[d.line - 1 : d.end_line]
        if d.end_col:
            chunk[-1] = chunk[-1][: max(d.end_col - 1, 0)]
        chunk[0] = chunk[0][max(d.col - 1, 0) :]
        return " ".join(" ".join(chunk).split()).casefold()

    return words


def fingerprints(
    diagnostics: Sequence[Diagnostic], relative: Relative, words: Words | None = None
) -> list[str]:
    """Format-2 fingerprints of ``diagnostics``, in order (occurrence index per key)."""
    words = words or source_words()
    seen: Counter[str] = Counter()
    out: list[str] = []
    for d in diagnostics:
        key = _hash(d.code, relative(d.path), d.clause or "", words(d))
        out.append(_hash(key, str(seen[key])))
        seen[key] += 1
    return out


def fingerprint(d: Diagnostic, relative: Relative) -> str:
    """The format-2 fingerprint of one finding taken alone (occurrence index 0)."""
    return fingerprints([d], relative)[0]


def render_baseline(diagnostics: Sequence[Diagnostic], relative: Relative) -> str:
    findings = [
        {
            "code": d.code,
            "path": relative(d.path),
            "clause": d.clause,
            "line": d.line,  # for humans reading the file; not part of the fingerprint
            "message": d.message,
            "fingerprint": key,
        }
        for d, key in zip(diagnostics, fingerprints(diagnostics, relative), strict=True)
    ]
    payload = {"format": FORMAT, "generator": "charter lint", "findings": findings}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def write_baseline(path: Path, diagnostics: Sequence[Diagnostic], relative: Relative) -> None:
    try:
        path.write_text(render_baseline(diagnostics, relative), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write baseline {path}: {exc.strerror or exc}") from exc


def read_baseline(path: Path) -> tuple[int, Counter[str]]:
    """The format and fingerprint counts of a baseline file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError(
            f"baseline {path} not found; create it with 'charter lint PATH --write-baseline {path}'"
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read baseline {path}: {exc}") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path}:{exc.lineno}:{exc.colno}: baseline is not valid JSON: {exc.msg}"
        ) from exc
    found = Counter(_fingerprints(data, path))  # validates the shape first
    return int(data["format"]), found


def _fingerprints(data: Any, path: Path) -> list[str]:
    if not isinstance(data, dict) or "findings" not in data:
        raise InputError(f"{path}: not a charter lint baseline (no 'findings' list)")
    if data.get("format") not in READABLE:
        raise InputError(
            f"{path}: baseline format {data.get('format')!r} is not supported (expected {FORMAT})"
        )
    findings = data["findings"]
    if not isinstance(findings, list):
        raise InputError(f"{path}: 'findings' must be a list")
    out: list[str] = []
    for n, item in enumerate(findings, start=1):
        value = item.get("fingerprint") if isinstance(item, dict) else None
        if not isinstance(value, str) or not value:
            raise InputError(f"{path}: finding #{n} has no 'fingerprint' string")
        out.append(value)
    return out


def subtract_baseline(
    diagnostics: Sequence[Diagnostic], baseline: tuple[int, Counter[str]], relative: Relative
) -> list[Diagnostic]:
    """The diagnostics that the baseline does not account for."""
    version, known = baseline
    remaining = Counter(known)
    keys = (
        [fingerprint_v1(d, relative) for d in diagnostics]
        if version == 1
        else fingerprints(diagnostics, relative)
    )
    fresh: list[Diagnostic] = []
    for d, key in zip(diagnostics, keys, strict=True):
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            fresh.append(d)
    return fresh


__all__ = [
    "fingerprint",
    "fingerprints",
    "read_baseline",
    "render_baseline",
    "subtract_baseline",
    "write_baseline",
]
