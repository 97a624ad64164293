"""Completion of clause ids and code actions (quick fixes, suppressions, missing ids).

Completion triggers after ``(#``, ``(file.md#``, ``=#`` (overrides/implements) and
``[#`` (``BAD[#id]``) and offers the ids a reference written there can resolve to.
Code actions come from the diagnostics of the last analysis of a file: a diagnostic's
own :class:`~charter.diagnostics.Fix`, ``<!-- charter-disable-next-line CODE -->`` above
the line of a lint finding, and ``{#id}`` for a heading without one (``P023``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lsprotocol import types
from pygls.workspace import PositionCodec

from charter.diagnostics import Diagnostic, Fix
from charter.lsp.convert import to_diagnostic, to_range, uri_of
from charter.lsp.snapshot import Snapshot
from charter.spec.model import Module

_BEFORE_ID = re.compile(r"(?:\((?P<file>[^()\s#]*\.md)?|=|\[)#(?P<prefix>[\w.-]*)$")


def complete(
    snapshot: Snapshot, module: Module, line: int, col: int, codec: PositionCodec
) -> list[types.CompletionItem]:
    """Ids that fit at 1-based ``line``/``col`` of ``module``, or nothing."""
    before = snapshot.texts.line(module.path, line)[: col - 1]
    m = _BEFORE_ID.search(before)
    if m is None:
        return []
    target = module
    if m["file"]:
        found = snapshot.table.by_path.get(snapshot.table.target(module, m["file"]))
        if found is None:
            return []
        target = found
    modules = [target] if m["file"] else [module, *snapshot.table.imports(module)]
    start = col - len(m["prefix"])
    span = to_range(snapshot.texts, codec, module.path, (line, start), (line, col))
    items: dict[str, types.CompletionItem] = {}
    for source in modules:
        for clause in source.clauses:
            if clause.id.startswith(m["prefix"]) and clause.id not in items:
                items[clause.id] = types.CompletionItem(
                    label=clause.id,
                    kind=types.CompletionItemKind.Reference,
                    detail=f"{clause.title} ({source.id})",
                    text_edit=types.TextEdit(span, clause.id),
                )
    return list(items.values())


def code_actions(
    snapshot: Snapshot,
    path: str,
    found: Iterable[Diagnostic],
    first: int,
    last: int,
    codec: PositionCodec,
) -> list[types.CodeAction]:
    """Actions for the diagnostics of ``path`` on 1-based lines ``first``..``last``."""
    actions: list[types.CodeAction] = []
    for d in found:
        if not d.line <= last or (d.end_line or d.line) < first:
            continue
        lsp = to_diagnostic(d, snapshot.texts, codec)
        edits = [
            (d.fix.description, _fix_edit(snapshot, d.path, d.fix, codec)) if d.fix else None,
            _add_id(snapshot, d, codec) if d.code == "P023" else None,
            _suppress(snapshot, d, codec) if d.code.startswith("L") else None,
        ]
        for item in edits:
            if item is not None and item[1] is not None:
                actions.append(_action(item[0], d.path, item[1], lsp))
    return actions


def _action(
    title: str, path: str, edit: types.TextEdit, diag: types.Diagnostic
) -> types.CodeAction:
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diag],
        edit=types.WorkspaceEdit(changes={uri_of(path): [edit]}),
    )


def _fix_edit(
    snapshot: Snapshot, path: str, fix: Fix, codec: PositionCodec
) -> types.TextEdit | None:
    if fix.replacement is None or fix.line is None:
        return None
    start = (fix.line, fix.col or 1)
    end = (fix.end_line or fix.line, fix.end_col or fix.col or 1)
    return types.TextEdit(to_range(snapshot.texts, codec, path, start, end), fix.replacement)


def _add_id(
    snapshot: Snapshot, d: Diagnostic, codec: PositionCodec
) -> tuple[str, types.TextEdit | None]:
    """``{#slug}`` at the end of the heading, or ``#slug`` into its attribute block."""
    slug = d.clause or ""
    text = snapshot.texts.line(d.path, d.line).rstrip()
    if text.endswith("}") and "{" in text:
        at, insert = text.rindex("{") + 2, f"#{slug} "
    else:
        at, insert = len(text) + 1, f" {{#{slug}}}"
    span = to_range(snapshot.texts, codec, d.path, (d.line, at), (d.line, at))
    return f"Add the id {{#{slug}}}", types.TextEdit(span, insert)


def _suppress(
    snapshot: Snapshot, d: Diagnostic, codec: PositionCodec
) -> tuple[str, types.TextEdit | None]:
    text = snapshot.texts.line(d.path, d.line)
    indent = text[: len(text) - len(text.lstrip())]
    comment = f"{indent}<!-- charter-disable-next-line {d.code} -->\n"
    span = to_range(snapshot.texts, codec, d.path, (d.line, 1), (d.line, 1))
    return f"Suppress {d.code} on this line", types.TextEdit(span, comment)
