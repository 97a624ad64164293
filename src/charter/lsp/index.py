"""Where clause ids, ``#id`` references and footnote tags are written in a snapshot.

The spec model keeps a reference's whole span (``[?](#id)``, ``overrides=#id``,
``BAD[#id]``) and a statement's span; this index finds the exact columns of the name
inside them in the source lines, so hover, rename and completion work on the name
itself. Every :class:`Occurrence` is 1-based with an exclusive end, like the model.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from charter.check.symbols import Symbol
from charter.lsp.snapshot import Snapshot
from charter.spec.model import Clause, Module, PromptFile, Reference, Span


class Kind(StrEnum):
    CLAUSE = "clause"  # the id in a heading's {#id}, or the heading of an id-less clause
    REFERENCE = "reference"  # #id in a link, an attribute or a BAD[#id] marker
    TAG = "tag"  # [^tag]


@dataclass(frozen=True, slots=True)
class Occurrence:
    kind: Kind
    name: str  # clause id or tag
    module: Module
    clause: Clause  # the clause it is written in (or that it declares)
    line: int
    col: int  # where the name starts (after '#' or '[^')
    end_col: int
    hit: Span  # the region a cursor may be in to mean this occurrence
    reference: Reference | None = None
    explicit: bool = True  # False: an id-less heading (the id is a slug of the title)

    def contains(self, line: int, col: int) -> bool:
        span = self.hit
        last_line = span.end_line or span.line
        if not span.line <= line <= last_line:
            return False
        after_start = line > span.line or col >= span.col
        before_end = line < last_line or col < (span.end_col or col + 1)
        return after_start and before_end


def occurrences(snapshot: Snapshot, module: Module) -> Iterator[Occurrence]:
    """Every clause declaration, reference and footnote tag written in ``module``."""
    for clause in module.clauses:
        yield _declaration(snapshot, module, clause)
        refs = (*clause.overrides, *clause.implements, *clause.references)
        for ref in refs:
            found = _reference(snapshot, module, clause, ref)
            if found is not None:
                yield found
        yield from _tags(snapshot, module, clause)


def occurrence_at(snapshot: Snapshot, path: str, line: int, col: int) -> Occurrence | None:
    """The occurrence under a 1-based cursor position, if any (names before headings)."""
    module = snapshot.module_at(path)
    if module is None:
        return None
    hits = [o for o in occurrences(snapshot, module) if o.contains(line, col)]
    hits.sort(key=lambda o: o.kind is Kind.CLAUSE)  # a reference in a heading wins
    return hits[0] if hits else None


def resolve(snapshot: Snapshot, occ: Occurrence) -> Symbol | None:
    """The clause an occurrence names (itself for a declaration)."""
    if occ.kind is Kind.CLAUSE:
        return Symbol(occ.module, occ.clause)
    if occ.reference is None:
        return None
    return snapshot.table.resolve(occ.module, occ.reference).found


def prompt_for_tag(snapshot: Snapshot, occ: Occurrence) -> PromptFile | None:
    prompts = snapshot.project.prompts_for(occ.module, occ.clause)
    return next((p for p in prompts if p.tag == occ.name), None)


def _declaration(snapshot: Snapshot, module: Module, clause: Clause) -> Occurrence:
    span = clause.span
    text = snapshot.texts.line(module.path, span.line)
    at = text.find("{#" + clause.id, max(span.col - 1, 0)) if clause.id_explicit else -1
    hit = Span(module.path, span.line, 1, span.line, len(text) + 1)
    if at < 0:
        return Occurrence(
            Kind.CLAUSE, clause.id, module, clause, span.line, span.col, span.end_col, hit,
            explicit=False,
        )  # fmt: skip
    start = at + 3
    return Occurrence(
        Kind.CLAUSE, clause.id, module, clause, span.line, start, start + len(clause.id), hit
    )


def _reference(
    snapshot: Snapshot, module: Module, clause: Clause, ref: Reference
) -> Occurrence | None:
    span = ref.span
    needle = "#" + ref.target
    last = span.end_line or span.line
    for number in range(last, span.line - 1, -1):  # the target is the end of the span
        text = snapshot.texts.line(module.path, number)
        start = span.col - 1 if number == span.line else 0
        end = span.end_col - 1 if number == last and span.end_col else len(text)
        at = text.rfind(needle, start, end)
        if at >= 0:
            col = at + 2
            return Occurrence(
                Kind.REFERENCE, ref.target, module, clause, number, col,
                col + len(ref.target), span, ref,
            )  # fmt: skip
    return None


def _tags(snapshot: Snapshot, module: Module, clause: Clause) -> Iterator[Occurrence]:
    for statement in clause.statements:
        span = statement.span
        for tag in statement.tags:
            needle = f"[^{tag}]"
            for number in range(span.line, (span.end_line or span.line) + 1):
                text = snapshot.texts.line(module.path, number)
                at = text.find(needle)
                if at >= 0:
                    hit = Span(module.path, number, at + 1, number, at + 1 + len(needle))
                    yield Occurrence(
                        Kind.TAG, tag, module, clause, number, at + 3, at + 3 + len(tag), hit
                    )
                    break
