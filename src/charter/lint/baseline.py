"""Baselines: record today's lint findings so that only new ones are reported.

A finding's fingerprint is its code, its path relative to the project root, its clause
and its message (which quotes the flagged words) — not its line, so edits elsewhere in
the file do not resurrect recorded findings. Identical fingerprints are counted, so a
second copy of a recorded finding is still reported. A baseline that is not the JSON
this module writes raises :class:`~charter.errors.InputError` (exit code 2).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from charter.diagnostics import Diagnostic
from charter.errors import InputError

FORMAT = 1

Relative = Callable[[str], str]


def fingerprint(d: Diagnostic, relative: Relative) -> str:
    key = "\0".join((d.code, relative(d.path), d.clause or "", d.message))
    return hashlib.blake2b(key.encode("utf-8"), digest_size=10).hexdigest()


def render_baseline(diagnostics: Sequence[Diagnostic], relative: Relative) -> str:
    findings = [
        {
            "code": d.code,
            "path": relative(d.path),
            "clause": d.clause,
            "line": d.line,  # for humans reading the file; not part of the fingerprint
            "message": d.message,
            "fingerprint": fingerprint(d, relative),
        }
        for d in diagnostics
    ]
    payload = {"format": FORMAT, "generator": "charter lint", "findings": findings}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def write_baseline(path: Path, diagnostics: Sequence[Diagnostic], relative: Relative) -> None:
    try:
        path.write_text(render_baseline(diagnostics, relative), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write baseline {path}: {exc.strerror or exc}") from exc


def read_baseline(path: Path) -> Counter[str]:
    """Fingerprint counts of a baseline file."""
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
    return Counter(_fingerprints(data, path))


def _fingerprints(data: Any, path: Path) -> list[str]:
    if not isinstance(data, dict) or "findings" not in data:
        raise InputError(f"{path}: not a charter lint baseline (no 'findings' list)")
    if data.get("format") != FORMAT:
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
    diagnostics: Sequence[Diagnostic], known: Counter[str], relative: Relative
) -> list[Diagnostic]:
    """The diagnostics that the baseline does not account for."""
    remaining = Counter(known)
    fresh: list[Diagnostic] = []
    for d in diagnostics:
        key = fingerprint(d, relative)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            fresh.append(d)
    return fresh


__all__ = ["fingerprint", "read_baseline", "render_baseline", "subtract_baseline", "write_baseline"]
