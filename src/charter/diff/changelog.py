"""A Markdown release note from a :class:`Diff`, grouped by what matters to a reviewer.

Sections, in order (empty ones are left out): the suggested version and its reasons;
authority changes (lowered, raised, then level renames folded into one line per rename);
modality changes; removed clauses; new clauses; renamed; moved; reworded (quoting every
removed or added must/should statement: a rule in a normative clause, text in an
informative one); attribute changes; examples and prompt files; and, when an
:class:`Impact` is given, the test cases to re-run. Every clause is a link built from a
template (default ``{path}#{id}``, the path relative to the project root), so the note
can point at a repository or at a published HTML page.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from charter.diff.describe import headline
from charter.diff.impact import Impact
from charter.diff.model import Change, ChangeKind, Diff
from charter.diff.semver import RULE

QUOTE_CHARS = 240
# Characters that would start Markdown markup mid-line (``#`` and intraword ``_`` cannot).
_ESCAPE = str.maketrans({c: f"\\{c}" for c in "\\`*[]<>|"})
_CLAUSE_ID = re.compile(r"#([A-Za-z0-9_.-]+)")


@dataclass(frozen=True, slots=True)
class Links:
    """Templates for clause links; ``{path}`` (relative to the root) and ``{id}``."""

    new: str = "{path}#{id}"
    old: str | None = None  # removed clauses; default: the same template as ``new``

    def for_change(self, diff: Diff, change: Change, *, old_side: bool = False) -> str:
        root = diff.old_root if old_side else diff.new_root
        path = (change.old_path if old_side else change.path) or change.path
        clause = (change.old_id if old_side else change.new_id) or change.clause or ""
        rel = posixpath.relpath(path.replace("\\", "/"), root.replace("\\", "/") or ".")
        template = (self.old or self.new) if old_side else self.new
        return template.format(path=rel, id=clause)


def escape(text: str) -> str:
    return text.translate(_ESCAPE)


def render_changelog(
    diff: Diff,
    *,
    title: str | None = None,
    links: Links | None = None,
    impact: Impact | None = None,
) -> str:
    links = links or Links()
    out = [f"# {escape(title or f'Changes from {diff.old_root} to {diff.new_root}')}", ""]
    out += _version(diff)
    for heading, writer in _SECTIONS:
        body = writer(diff, links)
        if body:
            out += [f"## {heading}", "", *body, ""]
    if impact is not None:
        out += _impact(diff, impact)
    if diff.empty:
        out += ["No clause changed.", ""]
    return "\n".join(out).rstrip() + "\n"


def _version(diff: Diff) -> list[str]:
    v = diff.version
    target = f" ({v.old_version} → {v.new_version})" if v.new_version else ""
    lines = [f"**Suggested version bump: {v.bump.label}**{target}", ""]
    lines += [f"- {_ids(reason)}" for reason in v.reasons]
    return [*lines, "", f"> Versioning rule — {RULE}", ""]


def _link(diff: Diff, links: Links, change: Change, *, old_side: bool = False) -> str:
    title = escape(change.title or change.clause or "")
    clause = (change.old_id if old_side else change.new_id) or change.clause
    return f"[{title}]({links.for_change(diff, change, old_side=old_side)}) `#{clause}`"


def _quote(text: str) -> str:
    text = " ".join(text.split())
    short = text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"
    return f"“{escape(short)}”"


def _authority(diff: Diff, links: Links) -> list[str]:
    changes = diff.of_kind(ChangeKind.AUTHORITY)
    lines = []
    for how in ("lowered", "became_informative", "changed", "raised", "became_normative"):
        for c in (c for c in changes if c.detail.get("direction") == how):
            lines.append(f"- **{how.replace('_', ' ')}** {_link(diff, links, c)}: {headline(c)}")
    renamed: dict[tuple[str | None, str | None], list[Change]] = defaultdict(list)
    for c in changes:
        if c.detail.get("direction") == "level_renamed":
            renamed[c.old, c.new].append(c)
    for (old, new), group in renamed.items():
        clauses = ", ".join(_link(diff, links, c) for c in group)
        lines.append(
            f"- **level renamed** `{old}` → `{new}` (the old name of the same level; same rank) "
            f"for {len(group)} clause{'s' * (len(group) != 1)}: {clauses}"
        )
    return lines


def _modality(diff: Diff, links: Links) -> list[str]:
    lines = []
    for c in diff.of_kind(ChangeKind.MODALITY):
        lines.append(f"- {_link(diff, links, c)}: {escape(c.reason)}")
        for s in c.detail.get("statements", []):
            lines.append(f"  - {s['old_modality']} → {s['new_modality']}: {_quote(s['new'])}")
    return lines


def _removed(diff: Diff, links: Links) -> list[str]:
    return [
        f"- {_link(diff, links, c, old_side=True)} — {_ids(headline(c, title=False))}"
        for c in diff.of_kind(ChangeKind.REMOVED)
    ]


def _added(diff: Diff, links: Links) -> list[str]:
    return [
        f"- {_link(diff, links, c)} — {_ids(headline(c, title=False))}"
        for c in diff.of_kind(ChangeKind.ADDED)
    ]


def _ids(text: str) -> str:
    """Escaped text with clause ids as code spans."""
    return _CLAUSE_ID.sub(r"`#\1`", escape(text))


def _renamed(diff: Diff, links: Links) -> list[str]:
    lines = []
    for c in diff.of_kind(ChangeKind.RENAMED):
        sim = c.detail.get("similarity")
        how = f" (content similarity {sim:.2f})" if sim is not None else ""
        lines.append(f"- `#{c.old_id}` → {_link(diff, links, c)}{how}")
    return lines


def _moved(diff: Diff, links: Links) -> list[str]:
    return [
        f"- {_link(diff, links, c)}: {_ids(c.old or '')} → {_ids(c.new or '')}"
        for c in diff.of_kind(ChangeKind.MOVED)
    ]


def _reworded(diff: Diff, links: Links) -> list[str]:
    lines = []
    for c in diff.of_kind(ChangeKind.REWORDED):
        lines.append(f"- {_link(diff, links, c)}: {escape(headline(c))}")
        if c.detail.get("title"):
            old, new = c.detail["title"]
            lines.append(f"  - title: {_quote(old)} → {_quote(new)}")
        for e in c.detail.get("edits", []):
            if e["part"] == "statement" and e["op"] in ("added", "removed") and _is_rule(e):
                label = _RULE_LABELS[bool(c.detail.get("normative")), e["op"]]
                lines.append(f"  - {label} ({e['modality']}): {_quote(e['new'] or e['old'])}")
            elif e["part"] == "statement" and e["op"] == "moved":
                moved = f"`#{e['from']}` → `#{e['to']}`"
                lines.append(f"  - moved {moved}: {_quote(e['new'] or e['old'])}")
    return lines


# A must/should statement is a rule in a normative clause, plain text in an informative one.
_RULE_LABELS = {
    (True, "added"): "new rule",
    (True, "removed"): "removed rule",
    (False, "added"): "new text",
    (False, "removed"): "removed text",
}


def _is_rule(edit: dict[str, object]) -> bool:
    return edit["modality"] in ("must", "must_not", "should", "should_not")


def _attributes(diff: Diff, links: Links) -> list[str]:
    lines = []
    for c in diff.of_kind(ChangeKind.ATTRIBUTES):
        target = _link(diff, links, c) if c.clause else f"module `{c.module}` (front matter)"
        lines.append(f"- {target}: {escape(c.old or '')} → {escape(c.new or '')}")
    return lines


def _examples(diff: Diff, links: Links) -> list[str]:
    """One bullet per clause: its example and test edits, then its prompt file edits."""
    lines: list[str] = []
    last: str | None = None
    for c in diff.changes:
        if c.kind not in (ChangeKind.EXAMPLES, ChangeKind.PROMPTS):
            continue
        text = escape(headline(c))
        if c.kind is ChangeKind.PROMPTS:
            text = f"prompt files {text}"
        if c.clause and c.clause == last and lines:
            lines[_bullet_index(lines)] += f"; {text}"
        else:
            target = _link(diff, links, c) if c.clause else "prompt files no clause tags"
            lines.append(f"- {target}: {text}")
        last = c.clause
        lines += [_example_line(e) for e in c.detail.get("examples", [])]
    return lines


def _bullet_index(lines: list[str]) -> int:
    """Index of the last top-level bullet."""
    return max(i for i, line in enumerate(lines) if line.startswith("- "))


def _example_line(e: dict[str, Any]) -> str:
    noun = "test" if e["test"] else "example"
    what = f": {', '.join(e['what'])}" if e["what"] else ""
    flip = " — **a GOOD/BAD verdict flipped**" if "verdict" in e["what"] else ""
    return f"  - {e['op']} {noun} {_quote(e['title'])}{what}{flip}"


def _impact(diff: Diff, impact: Impact) -> list[str]:
    lines = [
        "## Test impact",
        "",
        f"{len(impact.invalidated)} test cases to re-run, {len(impact.obsolete)} obsolete.",
        "",
    ]
    per_clause: dict[str, set[str]] = defaultdict(set)
    for change, found in zip(diff.changes, impact.changes, strict=True):
        per_clause[change.clause or ""].update(found.invalidated)
    for clause, ids in per_clause.items():
        if ids:
            lines.append(f"- `#{clause}`: {len(ids)} — " + ", ".join(f"`{i}`" for i in sorted(ids)))
    return [*lines, ""]


_SECTIONS: tuple[tuple[str, Callable[[Diff, Links], list[str]]], ...] = (
    ("Authority changes", _authority),
    ("Modality changes", _modality),
    ("Removed clauses", _removed),
    ("New clauses", _added),
    ("Renamed clauses", _renamed),
    ("Moved clauses", _moved),
    ("Reworded clauses", _reworded),
    ("Attribute changes", _attributes),
    ("Examples and prompt files", _examples),
)
