"""Hover, go-to-definition, find-references and rename over a snapshot.

Pure functions: a snapshot, a file and a 1-based position in, ``lsprotocol`` values out.
A reference resolves exactly as ``charter check`` resolves it (own module, then direct
imports; ``file.md#id`` by path), through the checker's symbol table.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict

from lsprotocol import types
from pygls.workspace import PositionCodec

from charter.check.symbols import Symbol
from charter.lsp.convert import location, to_range, uri_of
from charter.lsp.index import Kind, Occurrence, occurrences, prompt_for_tag, resolve
from charter.lsp.snapshot import Snapshot
from charter.lsp.texts import absolute
from charter.spec.model import Clause, Module

VALID_ID = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


def hover_text(snapshot: Snapshot, occ: Occurrence) -> str:
    if occ.kind is Kind.TAG:
        return _tag_text(snapshot, occ)
    symbol = resolve(snapshot, occ)
    if symbol is None:
        return f"`#{occ.name}`: no clause of that id is visible from this module"
    return clause_text(snapshot, symbol.module, symbol.clause)


def clause_text(snapshot: Snapshot, module: Module, clause: Clause) -> str:
    authority = clause.authority or "informative"
    if clause.authority and clause.own_authority is None:
        authority += " (inherited)"
    prompts = snapshot.project.prompts_for(module, clause)
    prompt_examples = sum(len(p.examples) for p in prompts)
    kind = ""
    if clause.abstract:
        kind = " · **abstract**: an interface, implemented elsewhere and not tested itself"
    lines = [
        f"**{clause.title}** `#{clause.id}`",
        "",
        f"authority: {authority}{kind} · module: `{module.id}` ({module.path}:{clause.span.line})",
        "",
        f"{len(clause.statements)} statements · {len(clause.examples)} examples · "
        f"{len(prompts)} prompt files ({prompt_examples} examples) · "
        f"{len(clause.test_blocks)} test blocks",
    ]
    if clause.statements:
        lines += ["", "> " + clause.statements[0].text.replace("\n", " ")]
    return "\n".join(lines)


def _tag_text(snapshot: Snapshot, occ: Occurrence) -> str:
    prompt = prompt_for_tag(snapshot, occ)
    if prompt is None:
        return f"`[^{occ.name}]`: no prompt file `examples/{occ.name}.md` for this tag"
    target = f" for *{prompt.target_title}*" if prompt.target_title else ""
    return f"`[^{occ.name}]` → {prompt.path}{target}: {len(prompt.examples)} examples"


def definition(snapshot: Snapshot, occ: Occurrence, codec: PositionCodec) -> types.Location | None:
    if occ.kind is Kind.TAG:
        prompt = prompt_for_tag(snapshot, occ)
        if prompt is None:
            return None
        return location(snapshot.texts, codec, prompt.path, 1, 1, 1)
    symbol = resolve(snapshot, occ)
    return None if symbol is None else _declaration(snapshot, symbol, codec)


def _declaration(snapshot: Snapshot, symbol: Symbol, codec: PositionCodec) -> types.Location:
    decl = next(
        o
        for o in occurrences(snapshot, symbol.module)
        if o.kind is Kind.CLAUSE and o.clause is symbol.clause
    )
    return location(snapshot.texts, codec, decl.module.path, decl.line, decl.col, decl.end_col)


def same_target(snapshot: Snapshot, occ: Occurrence) -> list[Occurrence]:
    """Every occurrence naming what ``occ`` names: declaration first, then references."""
    if occ.kind is Kind.TAG:
        folder = _folder(occ.module)
        return [
            o
            for m in snapshot.project.modules
            if _folder(m) == folder
            for o in occurrences(snapshot, m)
            if o.kind is Kind.TAG and o.name == occ.name
        ]
    symbol = resolve(snapshot, occ)
    if symbol is None:
        return []
    key = (symbol.module.path, symbol.clause.id)
    found = []
    for module in snapshot.project.modules:
        for o in occurrences(snapshot, module):
            if o.kind is Kind.TAG:
                continue
            hit = resolve(snapshot, o)
            if hit is not None and (hit.module.path, hit.clause.id) == key:
                found.append(o)
    found.sort(key=lambda o: o.kind is not Kind.CLAUSE)
    return found


def references(
    snapshot: Snapshot, occ: Occurrence, codec: PositionCodec, declaration: bool
) -> list[types.Location]:
    out = []
    for o in same_target(snapshot, occ):
        if o.kind is Kind.CLAUSE and not declaration:
            continue
        out.append(location(snapshot.texts, codec, o.module.path, o.line, o.col, o.end_col))
    return out


def rename(
    snapshot: Snapshot, occ: Occurrence, new_name: str, codec: PositionCodec
) -> types.WorkspaceEdit:
    """Edits renaming the clause ``occ`` names, in its heading and every reference."""
    if occ.kind is Kind.TAG:
        raise ValueError("renaming a footnote tag is not supported; rename the clause id")
    if not VALID_ID.match(new_name):
        raise ValueError(f"'{new_name}' is not a valid clause id (letters, digits, _ . -)")
    targets = same_target(snapshot, occ)
    if not targets or not targets[0].explicit:
        raise ValueError(f"'#{occ.name}' has no explicit {{#id}} to rename; add one first")
    changes: dict[str, list[types.TextEdit]] = defaultdict(list)
    for o in targets:
        span = to_range(snapshot.texts, codec, o.module.path, (o.line, o.col), (o.line, o.end_col))
        changes[uri_of(o.module.path)].append(types.TextEdit(span, new_name))
    return types.WorkspaceEdit(changes=dict(changes))


def name_range(snapshot: Snapshot, occ: Occurrence, codec: PositionCodec) -> types.Range:
    """The range of the name itself (the id without '#', the tag without '[^]')."""
    where = (occ.line, occ.col)
    return to_range(snapshot.texts, codec, occ.module.path, where, (occ.line, occ.end_col))


def rename_range(snapshot: Snapshot, occ: Occurrence, codec: PositionCodec) -> types.Range | None:
    """The name under the cursor, when it names a clause with an explicit id (the heading's
    own, not only the reference's: :func:`rename` refuses a derived one)."""
    if occ.kind is Kind.TAG or not occ.explicit:
        return None
    hit = resolve(snapshot, occ)
    if hit is None or not hit.clause.id_explicit:
        return None
    return name_range(snapshot, occ, codec)


def _folder(module: Module) -> str:
    return os.path.dirname(absolute(module.path))
