"""Render a :class:`Diff` for a terminal (optionally in colour) or as JSON-ready data.

Text: one headline per change (``marker kind #clause  what  path:line``), the details
under it unless ``brief``, and a summary with the suggested version bump. Word diffs are
drawn ``[-old-]{+new+}`` without colour and red/green with it; long unchanged runs are
shortened to a few words of context. JSON: ``{"format": 1, "changes": [...]}`` with the
fields of :meth:`Change.to_dict`, the version suggestion, and the impact when given.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from charter.diff.describe import details, headline
from charter.diff.impact import Impact
from charter.diff.model import Change, ChangeKind, Diff

FORMAT_VERSION = 1
CONTEXT_WORDS = 8
_MARKERS = {
    ChangeKind.ADDED: ("+", "32"),
    ChangeKind.REMOVED: ("-", "31"),
    ChangeKind.AUTHORITY: ("!", "35"),
    ChangeKind.MODALITY: ("!", "35"),
}
_DETAIL_COLOURS = {"+": "32", "-": "31", "!": "35", "~": "33"}


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def to_json(diff: Diff, impact: Impact | None = None) -> dict[str, Any]:
    changes = [c.to_dict() for c in diff.changes]
    payload: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "old": diff.old_root,
        "new": diff.new_root,
        "changes": changes,
        "version": diff.version.to_dict(),
    }
    if impact is not None:
        for data, found in zip(changes, impact.changes, strict=True):
            data["impact"] = {
                "invalidated": list(found.invalidated),
                "obsolete": list(found.obsolete),
            }
        payload["impact"] = {
            "invalidated": list(impact.invalidated),
            "obsolete": list(impact.obsolete),
        }
    return payload


def render_text(
    diff: Diff, *, colour: bool = False, brief: bool = False, impact: Impact | None = None
) -> str:
    lines: list[str] = []
    module = None
    for n, change in enumerate(diff.changes):
        if change.module != module:
            module = change.module
            lines.append(_paint(module or "(prompt files)", "1", colour))
        lines.append(_headline(change, colour))
        if not brief:
            lines += [f"      {_detail(d, colour)}" for d in details(change)]
        if impact is not None:
            lines += _impact_lines(impact, n, colour)
    lines.append(summary(diff, impact))
    return "\n".join(lines)


def _headline(change: Change, colour: bool) -> str:
    marker, code = _MARKERS.get(change.kind, ("~", "33"))
    clause = _paint(f"#{change.clause}", "36", colour) if change.clause else ""
    where = _paint(f"{change.path}:{change.line}", "2", colour)
    kind = _paint(f"{marker} {change.kind.value:<10}", code, colour)
    return f"  {kind} {clause}  {headline(change)}  {where}"


def _detail(item: tuple[str, Any], colour: bool) -> str:
    marker, payload = item
    if marker == "w":
        prefix, ops = payload
        return f"~ {prefix}{words_text(ops, colour)}"
    return _paint(f"{marker} {payload}", _DETAIL_COLOURS[marker], colour)


def words_text(ops: list[list[str]], colour: bool, context: int = CONTEXT_WORDS) -> str:
    """A word diff on one line; unchanged runs longer than twice ``context`` shortened."""
    out: list[str] = []
    for index, (op, text) in enumerate(ops):
        if op == "=":
            out.append(_shorten(text, context, index == 0, index == len(ops) - 1))
        elif op == "-":
            out.append(_paint(text, "31;9", True) if colour else f"[-{text}-]")
        else:
            out.append(_paint(text, "32", True) if colour else f"{{+{text}+}}")
    return " ".join(part for part in out if part)


def _shorten(text: str, context: int, first: bool, last: bool) -> str:
    words = text.split(" ")
    if len(words) <= 2 * context:
        return text
    head = [] if first else words[:context]
    tail = [] if last else words[-context:]
    return " ".join([*head, "…", *tail])


def _impact_lines(impact: Impact, n: int, colour: bool) -> list[str]:
    found = impact.changes[n]
    lines = []
    if found.invalidated:
        lines.append(_paint(f"      re-run: {' '.join(found.invalidated)}", "2", colour))
    if found.obsolete:
        lines.append(_paint(f"      obsolete: {' '.join(found.obsolete)}", "2", colour))
    return lines


def summary(diff: Diff, impact: Impact | None = None) -> str:
    if diff.empty:
        return "no change"
    counts = Counter(c.kind for c in diff.changes)
    parts = [f"{counts[k]} {k.value}" for k in ChangeKind if counts[k]]
    version = diff.version
    target = f" ({version.old_version} → {version.new_version})" if version.new_version else ""
    text = (
        f"{len(diff.changes)} change{'s' * (len(diff.changes) != 1)}: {', '.join(parts)}\n"
        f"suggested version bump: {version.bump.label}{target}"
    )
    text += "".join(f"\n  {reason}" for reason in version.reasons)
    if impact is not None:
        text += (
            f"\ntest cases to re-run: {len(impact.invalidated)}; obsolete: {len(impact.obsolete)}"
        )
    return text
