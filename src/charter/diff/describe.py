"""Plain-text descriptions of changes, shared by the terminal and Markdown renderers.

``headline(change)`` is one line saying what happened to the clause; ``details(change)``
are the lines under it, each ``(marker, text)`` with marker ``+``, ``-``, ``~`` or ``!``
(a semantic change), or ``("w", ops)`` for a word diff to be drawn by the caller.
"""

from __future__ import annotations

from typing import Any

from charter.diff.model import Change, ChangeKind

Detail = tuple[str, Any]
_PART_NAMES = {"statement": "statements", "commentary": "commentary", "definition": "definitions"}


def headline(change: Change, *, title: bool = True) -> str:
    """One line; ``title=False`` leaves the clause title out of added/removed lines."""
    text = _HEADLINES[change.kind](change)
    prefix = f'"{change.title}", '
    if not title and change.kind in (ChangeKind.ADDED, ChangeKind.REMOVED):
        return text.removeprefix(prefix)
    return text


def _added(c: Change) -> str:
    d = c.detail
    parts = [f'"{c.title}"', d.get("authority") or "informative"]
    if d.get("examples"):
        parts.append(_plural(d["examples"], "example"))
    if "text_from" in d:
        src = d["text_from"]
        parts.append(f"{src['share']:.0%} of its text was in #{src['clause']}")
    return ", ".join(parts)


def _removed(c: Change) -> str:
    d = c.detail
    parts = [f'"{c.title}"', d.get("authority") or "informative"]
    if d.get("examples"):
        parts.append(_plural(d["examples"], "example"))
    if "merged_into" in d:
        dst = d["merged_into"]
        parts.append(f"{dst['share']:.0%} of its text is now in #{dst['clause']}")
    return ", ".join(parts)


def _renamed(c: Change) -> str:
    sim = c.detail.get("similarity")
    how = f" (content similarity {sim:.2f})" if sim is not None else ""
    return f"#{c.old_id} → #{c.new_id}{how}"


def _authority(c: Change) -> str:
    text = str(c.detail.get("description", f"{c.old} → {c.new}"))
    return text + (" (inherited)" if c.detail.get("inherited") else "")


def _modality(c: Change) -> str:
    statements = c.detail.get("statements", [])
    pairs = ", ".join(f"{s['old_modality']} → {s['new_modality']}" for s in statements)
    return f"{c.detail.get('direction', '')}: {pairs}"


def _reworded(c: Change) -> str:
    edits = c.detail.get("edits", [])
    parts: list[str] = []
    if c.detail.get("title"):
        parts.append("title changed")
    for part in ("statement", "commentary", "definition"):
        ops = [e["op"] for e in edits if e["part"] == part]
        counts = [
            f"{ops.count(op)} {op}" for op in ("changed", "added", "removed", "moved") if op in ops
        ]
        if counts:
            parts.append(f"{_PART_NAMES[part]}: {', '.join(counts)}")
    if c.detail.get("dropped"):
        parts.append(f"{_plural(c.detail['dropped'], 'rule')} dropped")
    if c.detail.get("created"):
        parts.append(f"{_plural(c.detail['created'], 'new rule')}")
    return "; ".join(parts)


def _examples(c: Change) -> str:
    edits = c.detail.get("examples", [])
    counts = [
        f"{sign}{sum(1 for e in edits if e['op'] == op)}"
        for sign, op in (("+", "added"), ("-", "removed"), ("~", "changed"))
        if any(e["op"] == op for e in edits)
    ]
    flipped = sum(1 for e in edits if "verdict" in e["what"])
    text = f"{c.old} → {c.new} ({' '.join(counts)})"
    return text + (
        f"; a GOOD/BAD verdict flipped in {_plural(flipped, 'example')}" if flipped else ""
    )


def _prompts(c: Change) -> str:
    edits = c.detail.get("prompts", [])
    signs = {"added": "+", "removed": "-", "changed": "~"}
    text = " ".join(f"{signs[e['op']]}[^{e['tag']}]" for e in edits)
    return text + (" (prompt files no clause tags)" if c.detail.get("unlinked") else "")


_HEADLINES = {
    ChangeKind.ADDED: _added,
    ChangeKind.REMOVED: _removed,
    ChangeKind.RENAMED: _renamed,
    ChangeKind.MOVED: lambda c: f"{c.old} → {c.new}",
    ChangeKind.AUTHORITY: _authority,
    ChangeKind.MODALITY: _modality,
    ChangeKind.REWORDED: _reworded,
    ChangeKind.ATTRIBUTES: lambda c: f"{c.old} → {c.new}",
    ChangeKind.EXAMPLES: _examples,
    ChangeKind.PROMPTS: _prompts,
}


def details(change: Change) -> list[Detail]:
    """The lines under a headline, for the kinds that have more to show."""
    if change.kind is ChangeKind.REWORDED:
        return _reworded_details(change)
    if change.kind is ChangeKind.MODALITY:
        return [
            ("!", f"{s['old_modality']} → {s['new_modality']} ({s['direction']}): {s['new']}")
            for s in change.detail.get("statements", [])
        ]
    if change.kind is ChangeKind.EXAMPLES:
        return [_example_detail(e) for e in change.detail.get("examples", [])]
    if change.kind is ChangeKind.ATTRIBUTES:
        return [
            ("~", f"{a['name']}: {a['old'] or '(none)'} → {a['new'] or '(none)'}")
            for a in change.detail.get("attributes", [])
        ]
    return []


def _reworded_details(change: Change) -> list[Detail]:
    out: list[Detail] = []
    title = change.detail.get("title")
    if title:
        out.append(("~", f'title: "{title[0]}" → "{title[1]}"'))
    for edit in change.detail.get("edits", []):
        where = f"{edit['part']} " if edit["part"] != "statement" else ""
        if edit["op"] == "changed":
            out.append(("w", (f"{where}:{edit['new_line']} ", edit["words"])))
        elif edit["op"] == "added":
            out.append(("+", f"{where}:{edit['new_line']} {edit['new']}"))
        elif edit["op"] == "moved" and edit["old"] is not None:
            moved = f"moved #{edit['from']} → #{edit['to']}"
            out.append(("~", f"{where}(old :{edit['old_line']}) {moved}: {edit['old']}"))
        elif edit["op"] == "moved":
            moved = f"moved #{edit['from']} → #{edit['to']}"
            out.append(("~", f"{where}:{edit['new_line']} {moved}: {edit['new']}"))
        else:
            out.append(("-", f"{where}(old :{edit['old_line']}) {edit['old']}"))
    return out


def _example_detail(e: dict[str, Any]) -> Detail:
    noun = "test" if e["test"] else "example"
    if e["op"] == "added":
        return ("+", f'{noun} {e["position"]} "{e["title"]}"')
    if e["op"] == "removed":
        return ("-", f'{noun} {e["old_position"]} "{e["title"]}"')
    moved = f" (was {e['old_position']})" if e["old_position"] != e["position"] else ""
    renamed = (
        f' (was "{e["old_title"]}")' if e["old_title"] and e["old_title"] != e["title"] else ""
    )
    marker = "!" if "verdict" in e["what"] else "~"
    return (
        marker,
        f'{noun} {e["position"]}{moved} "{e["title"]}"{renamed}: {", ".join(e["what"])}',
    )


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"
