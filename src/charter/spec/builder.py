"""Mutable accumulators the parser fills while walking tokens, frozen at the end."""

from __future__ import annotations

from dataclasses import dataclass, field

from charter.spec.model import (
    Clause,
    Commentary,
    Definition,
    Example,
    Reference,
    Span,
    Statement,
    TestBlock,
)


@dataclass(slots=True)
class ClauseBuilder:
    id: str
    title: str
    level: int
    span: Span
    id_explicit: bool
    own_authority: str | None
    authority: str | None
    parent: str | None
    overrides: tuple[Reference, ...] = ()
    implements: tuple[Reference, ...] = ()
    abstract: bool = False
    status: str = "active"
    tags: tuple[str, ...] = ()
    attributes: tuple[tuple[str, str], ...] = ()
    end_line: int = 0
    children: list[str] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    examples: list[Example] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)
    commentary: list[Commentary] = field(default_factory=list)
    test_blocks: list[TestBlock] = field(default_factory=list)

    def freeze(self) -> Clause:
        return Clause(
            id=self.id,
            title=self.title,
            level=self.level,
            span=self.span,
            body_end_line=max(self.end_line, self.span.line),
            own_authority=self.own_authority,
            authority=self.authority,
            id_explicit=self.id_explicit,
            parent=self.parent,
            children=tuple(self.children),
            overrides=self.overrides,
            implements=self.implements,
            abstract=self.abstract,
            status=self.status,
            tags=self.tags,
            attributes=self.attributes,
            statements=tuple(self.statements),
            examples=tuple(self.examples),
            references=tuple(self.references),
            definitions=tuple(self.definitions),
            commentary=tuple(self.commentary),
            test_blocks=tuple(self.test_blocks),
        )


@dataclass(slots=True)
class PendingExample:
    """An '**Example**: title' paragraph waiting for its conversation block."""

    title: str
    line: int
    col: int
    description: list[str] = field(default_factory=list)
