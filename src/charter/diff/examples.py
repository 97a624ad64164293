"""Compare the worked examples, test blocks and linked prompt files of one clause.

Examples pair by title (when the title is unique on both sides), then by content
similarity (a retitled example) at :data:`RETITLE_THRESHOLD`; the rest are added or
removed. A paired example reports which of its parts changed: title, description,
conversation, candidates, reasons, and ``verdict`` when a candidate response kept its
text but flipped between GOOD and BAD — the one example edit that inverts what the spec
asks for. Test blocks pair by ``id``, else by position. Prompt files pair by tag.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from charter.diff.cases import digest, example_data, test_data
from charter.diff.text import jaccard, normalize, text_shingles
from charter.spec.model import Example, PromptFile, TestBlock

RETITLE_THRESHOLD = 0.5


def compare_examples(old: tuple[Example, ...], new: tuple[Example, ...]) -> list[dict[str, Any]]:
    """One entry per added, removed or changed example, in new document order."""
    pairs, removed, added = _pair_examples(old, new)
    edits: list[dict[str, Any]] = []
    for j, i in pairs:
        what = _what_changed(old[j], new[i])
        if what:
            edits.append(_entry("changed", old[j], new[i], j, i, what))
    edits += [_entry("added", None, new[i], None, i, []) for i in added]
    edits += [_entry("removed", old[j], None, j, None, []) for j in removed]
    return sorted(edits, key=lambda e: (e["position"] or 0, e["old_position"] or 0))


def _pair_examples(
    old: tuple[Example, ...], new: tuple[Example, ...]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    old_titles = Counter(normalize(e.title) for e in old)
    new_index = {normalize(e.title): i for i, e in enumerate(new)}
    new_titles = Counter(normalize(e.title) for e in new)
    pairs: list[tuple[int, int]] = []
    for j, example in enumerate(old):
        title = normalize(example.title)
        if old_titles[title] == 1 and new_titles.get(title) == 1:
            pairs.append((j, new_index[title]))
    left_old = [j for j in range(len(old)) if j not in {p[0] for p in pairs}]
    left_new = [i for i in range(len(new)) if i not in {p[1] for p in pairs}]
    sig = {("o", j): _shingles(old[j]) for j in left_old} | {
        ("n", i): _shingles(new[i]) for i in left_new
    }
    scored = sorted(
        ((jaccard(sig["o", j], sig["n", i]), j, i) for j in left_old for i in left_new),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    for score, j, i in scored:
        if score >= RETITLE_THRESHOLD and j in left_old and i in left_new:
            pairs.append((j, i))
            left_old.remove(j)
            left_new.remove(i)
    return pairs, left_old, left_new


def _shingles(example: Example) -> frozenset[tuple[str, ...]]:
    parts = [m.content for m in example.messages] + [c.content for c in example.candidates]
    return text_shingles(parts)


def _what_changed(old: Example, new: Example) -> list[str]:
    a, b = example_data(old), example_data(new)
    what = [
        name
        for name, x, y in zip(("title", "description", "conversation"), a, b, strict=False)
        if x != y
    ]
    old_c, new_c = a[3], b[3]
    if [c[3] for c in old_c] != [c[3] for c in new_c]:
        what.append("candidates")
    same = _same_candidates(old_c, new_c)
    if any(a[0] != b[0] for a, b in same):
        what.append("verdict")
    if any((a[1], a[2]) != (b[1], b[2]) for a, b in same):
        what.append("reasons")
    return what


def _same_candidates(old: list[Any], new: list[Any]) -> list[tuple[Any, Any]]:
    """Old and new candidates with the same text, paired in order (texts may repeat)."""
    unused: dict[str, list[Any]] = {}
    for candidate in old:
        unused.setdefault(candidate[3], []).append(candidate)
    pairs = []
    for candidate in new:
        waiting = unused.get(candidate[3])
        if waiting:
            pairs.append((waiting.pop(0), candidate))
    return pairs


def _entry(
    op: str,
    old: Example | None,
    new: Example | None,
    j: int | None,
    i: int | None,
    what: list[str],
) -> dict[str, Any]:
    return {
        "op": op,
        "title": _title(new, old),
        "old_title": old.title if old else None,
        "position": None if i is None else i + 1,
        "old_position": None if j is None else j + 1,
        "line": new.span.line if new else None,
        "test": False,
        "what": what,
    }


def _title(new: Example | None, old: Example | None) -> str:
    if new is not None:
        return new.title
    return old.title if old is not None else ""


def compare_tests(old: tuple[TestBlock, ...], new: tuple[TestBlock, ...]) -> list[dict[str, Any]]:
    """Test blocks keyed by id, else by position: added, removed or changed."""
    a = {b.id or str(n): b for n, b in enumerate(old, 1)}
    b = {t.id or str(n): t for n, t in enumerate(new, 1)}
    edits: list[dict[str, Any]] = []
    for key in [*b, *(k for k in a if k not in b)]:
        if key in a and key in b and test_data(a[key]) == test_data(b[key]):
            continue
        op = "changed" if key in a and key in b else ("added" if key in b else "removed")
        edits.append(
            {
                "op": op,
                "title": key,
                "old_title": key if key in a else None,
                "position": list(b).index(key) + 1 if key in b else None,
                "old_position": list(a).index(key) + 1 if key in a else None,
                "line": b[key].span.line if key in b else None,
                "test": True,
                "what": ["test"] if op == "changed" else [],
            }
        )
    return edits


def compare_prompts(
    old: tuple[PromptFile, ...], new: tuple[PromptFile, ...]
) -> list[dict[str, Any]]:
    """Prompt files linked to the clause, keyed by tag."""
    a = {p.tag: p for p in old}
    b = {p.tag: p for p in new}
    edits: list[dict[str, Any]] = []
    for tag in [*b, *(t for t in a if t not in b)]:
        if tag in a and tag in b and _prompt_digest(a[tag]) == _prompt_digest(b[tag]):
            continue
        op = "changed" if tag in a and tag in b else ("added" if tag in b else "removed")
        edits.append(
            {
                "op": op,
                "tag": tag,
                "path": b[tag].path if tag in b else None,
                "old_path": a[tag].path if tag in a else None,
                "examples": len(b[tag].examples) if tag in b else 0,
                "old_examples": len(a[tag].examples) if tag in a else 0,
            }
        )
    return edits


def _prompt_digest(prompt: PromptFile) -> str:
    return digest([example_data(e) for e in prompt.examples])
