"""Completion of clause ids and code actions (quick fixes, suppressions, missing ids).

Completion triggers after ``(#``, ``(file.md#``, ``=#`` (overrides/implements) and
``[#`` (``BAD[#id]``) and offers the ids a reference written there can resolve to.
Code actions come from the diagnostics of the last analysis of a file: a diagnostic's
own :class:`~charter.diagnostics.Fix`, a suppression of a lint finding placed where it
cannot change the parse (:func:`charter.lint.suppress.placement`: never inside a wrapped
paragraph or list), ``{#id}`` for a heading without one (``P023``), the id a ``C001``
"did you mean" names, and, on any line of a clause, "Add a precedent": an example
skeleton at the end of the clause in the module's own fence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lsprotocol import types
from pygls.workspace import PositionCodec

from charter.diagnostics import Diagnostic, Fix
from charter.lint.ids import id_edit, id_position
from charter.lint.suppress import placement
from charter.lsp.convert import to_diagnostic, to_range, uri_of
from charter.lsp.snapshot import Snapshot
from charter.spec.model import Clause, Module, testable
from charter.spec.writer import example_edit

_BEFORE_ID = re.compile(r"(?:\((?P<file>[^()\s#]*\.md)?|=|\[)#(?P<prefix>[\w.-]*)$")
_DID_YOU_MEAN = re.compile(r"no clause '(?P<wrong>[\w.-]+)'.*did you mean '#(?P<right>[\w.-]+)'\?")


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
            _did_you_mean(snapshot, d, codec) if d.code == "C001" else None,
        ]
        for item in edits:
            if item is not None and item[1] is not None:
                actions.append(_action(item[0], d.path, [item[1]], lsp))
        if d.code.startswith("L"):
            title, suppress = _suppress(snapshot, d, codec)
            actions.append(_action(title, d.path, suppress, lsp))
    precedent = _precedent(snapshot, path, first, codec)
    if precedent is not None:
        actions.append(precedent)
    newline = snapshot.texts.newline(path)
    return [_line_endings(action, newline) for action in actions]


def _line_endings(action: types.CodeAction, newline: str) -> types.CodeAction:
    """Inserted lines end the way the file's lines do (CRLF stays CRLF); every action
    edits ``path``, the file whose diagnostics it answers."""
    changes = action.edit.changes if action.edit is not None else None
    if newline != "\n":
        for edits in (changes or {}).values():
            for edit in edits:
                edit.new_text = edit.new_text.replace("\n", newline)
    return action


def _action(
    title: str, path: str, edits: list[types.TextEdit], diag: types.Diagnostic | None
) -> types.CodeAction:
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix if diag is not None else types.CodeActionKind.Refactor,
        diagnostics=[diag] if diag is not None else None,
        edit=types.WorkspaceEdit(changes={uri_of(path): edits}),
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
    """``{#slug}`` at the end of the heading, or ``#slug`` into its attribute block —
    the edit ``charter fix --ids`` makes (a title that ends in braces is not a block)."""
    slug = d.clause or ""
    lines = snapshot.texts.lines(d.path)
    line, col, end = id_position(d, lines)
    edit = id_edit(snapshot.texts.line(d.path, line), line, col, slug, end)
    at = (edit.line, edit.col)
    span = to_range(snapshot.texts, codec, d.path, at, at)
    return f"Add the id {{#{slug}}}", types.TextEdit(span, edit.text)


def _suppress(
    snapshot: Snapshot, d: Diagnostic, codec: PositionCodec
) -> tuple[str, list[types.TextEdit]]:
    """A suppression that cannot change the parse: above a one-line block, or a
    disable/enable pair around the wrapped paragraph or list holding the finding."""
    lines = snapshot.texts.lines(d.path)
    edits = []
    for at, text in placement(lines, d.line, d.code):
        span = to_range(snapshot.texts, codec, d.path, (at, 1), (at, 1))
        edits.append(types.TextEdit(span, text))
    where = "on this line" if len(edits) == 1 else "in this paragraph or list"
    return f"Suppress {d.code} {where}", edits


def _did_you_mean(
    snapshot: Snapshot, d: Diagnostic, codec: PositionCodec
) -> tuple[str, types.TextEdit | None]:
    """Replace the misspelt id inside the reference with the one C001 suggests."""
    m = _DID_YOU_MEAN.search(d.message)
    if m is None:
        return "", None
    text = snapshot.texts.line(d.path, d.line)
    end = d.end_col if (d.end_line or d.line) == d.line and d.end_col else len(text) + 1
    at = text.find("#" + m["wrong"], d.col - 1, end - 1)
    if at < 0:
        return "", None
    start, stop = (d.line, at + 2), (d.line, at + 2 + len(m["wrong"]))
    span = to_range(snapshot.texts, codec, d.path, start, stop)
    return f"Change to '#{m['right']}'", types.TextEdit(span, m["right"])


def _precedent(
    snapshot: Snapshot, path: str, line: int, codec: PositionCodec
) -> types.CodeAction | None:
    """ "Add a precedent": an example skeleton at the end of the clause around ``line``."""
    module = snapshot.module_at(path)
    clause = _clause_at(module, line) if module is not None else None
    if module is None or clause is None or not testable(clause):
        return None  # a precedent is a test case: only for clauses that are tested
    lines = snapshot.texts.lines(path)
    edit = example_edit(
        lines, clause, "TITLE", "USER MESSAGE", "A GOOD ANSWER", "A BAD ANSWER", "WHY IT IS BAD"
    )
    span = to_range(snapshot.texts, codec, path, (edit.line, 1), (edit.line, 1))
    title = f"Add a precedent to #{clause.id} (an example that becomes a test case)"
    return _action(title, path, [types.TextEdit(span, edit.text)], None)


def _clause_at(module: Module, line: int) -> Clause | None:
    for clause in module.clauses:
        if clause.span.line <= line <= clause.body_end_line:
            return clause
    return None
