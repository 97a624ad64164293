"""Turn a heading token into a ClauseBuilder: title, id, attributes, authority, parent."""

from __future__ import annotations

from collections.abc import Container

from charter.diagnostics import Diagnostic
from charter.spec import codes
from charter.spec.attributes import KNOWN_KEYS, HeadingAttributes, split_heading
from charter.spec.builder import ClauseBuilder
from charter.spec.diag import make
from charter.spec.model import Reference, RefKind, Span
from charter.spec.text import slugify

STATUSES = frozenset({"draft", "active", "deprecated"})


def build_clause(
    content: str,
    line: int,
    col: int,
    level: int,
    path: str,
    parent: ClauseBuilder | None,
    taken: Container[str] = (),
    end: tuple[int, int] | None = None,
) -> tuple[ClauseBuilder, list[Diagnostic]]:
    """A clause from heading text at ``line``/``col`` (1-based column of the text).
    ``taken``: ids already used in the file (and every explicit one); a derived id that
    would repeat one gets a suffix, the way ``charter fix --ids`` writes it. ``end``: where
    a heading of several lines (setext) ends; its title reads as one line."""
    attrs = split_heading(content)
    if "\n" in attrs.title:
        attrs.title = " ".join(part.strip() for part in attrs.title.split("\n"))
    diags: list[Diagnostic] = []
    clause_id = attrs.id or unique_slug(slugify(attrs.title), taken)
    end_line, end_col = end if end is not None else (line, col + len(content))
    here = Span(path, line, col, end_line, end_col)

    def at(offset: int) -> tuple[int, int]:
        return line, col + offset

    for problem in attrs.problems:
        diags.append(
            make(
                codes.P020,
                f"malformed attribute block: {problem.message}",
                path,
                *at(problem.offset),
                clause=clause_id,
            )
        )
    if not attrs.title.strip():
        diags.append(_untitled(content, level, clause_id, attrs.id is None, here))
    elif attrs.id is None:
        diags.append(
            make(
                codes.P023,
                f"heading '{attrs.title}' has no id; it gets "
                f"'{clause_id}', which changes when the title does — add "
                f"'{{#{clause_id}}}'",
                path,
                line,
                col,
                end_line=end_line if end_line != line else None,
                end_col=end_col,
                clause=clause_id,
            )
        )
    builder = ClauseBuilder(
        id=clause_id,
        title=attrs.title,
        level=level,
        span=here,
        id_explicit=attrs.id is not None,
        own_authority=None,
        authority=parent.authority if parent else None,
        parent=parent.id if parent else None,
    )
    _apply_attributes(builder, attrs, path, line, col, diags)
    return builder, diags


def _untitled(content: str, level: int, clause_id: str, derived: bool, here: Span) -> Diagnostic:
    """P029: one clear message for an empty heading (a P023 'heading '' has no id' and
    lint findings about clause '' said what was missing only by omission)."""
    marks = "#" * level
    if derived:
        problem = f"empty heading: '{marks}' has no title and no id"
        write = f"a title and an id after it, e.g. '{marks} Refund policy {{#refund-policy}}'"
    else:
        problem = f"heading '{marks} {content.strip()}' has no title, only attributes"
        write = f"a title before them, e.g. '{marks} Refund policy {content.strip()}'"
    return make(
        codes.P029,
        f"{problem}; write {write}",
        here.path,
        here.line,
        here.col,
        end_line=here.end_line if here.end_line != here.line else None,
        end_col=here.end_col,
        clause=clause_id,
    )


def unique_slug(slug: str, taken: Container[str]) -> str:
    """``slug``, or ``slug-2``, ``slug-3``… — the first not in ``taken``. A derived slug
    never holds '-', so a suffixed id cannot repeat another heading's derived id."""
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


def explicit_id(content: str) -> str | None:
    """The ``{#id}`` written in heading text, if any (cheap for headings without one)."""
    return split_heading(content).id if "{" in content else None


def _apply_attributes(
    builder: ClauseBuilder,
    attrs: HeadingAttributes,
    path: str,
    line: int,
    col: int,
    diags: list[Diagnostic],
) -> None:
    written: list[tuple[str, str]] = []
    for key, value, offset in attrs.pairs:
        written.append((key, value))
        span = Span(path, line, col + offset, line, col + offset + len(key) + 1 + len(value))
        if key not in KNOWN_KEYS:
            diags.append(
                make(
                    codes.P021,
                    f"unknown heading attribute '{key}'",
                    path,
                    line,
                    col + offset,
                    clause=builder.id,
                )
            )
        elif key == "authority":
            builder.own_authority = builder.authority = value
        elif key in ("overrides", "implements"):
            refs = _targets(value, RefKind(key), span, diags, builder.id)
            if key == "overrides":
                builder.overrides = refs
            else:
                builder.implements = refs
        elif key == "status":
            if value not in STATUSES:
                diags.append(
                    make(
                        codes.P022,
                        f"status '{value}' is not one of {', '.join(sorted(STATUSES))}",
                        path,
                        line,
                        col + offset,
                        clause=builder.id,
                    )
                )
            else:
                builder.status = value
        elif key == "tags":
            builder.tags = tuple(value.split())
        elif key == "abstract":
            builder.abstract = value.lower() in ("true", "yes", "1")
    for flag, offset in attrs.flags:
        written.append((flag, ""))
        if flag == "abstract":
            builder.abstract = True
        else:
            diags.append(
                make(
                    codes.P021,
                    f"unknown heading flag '{flag}'",
                    path,
                    line,
                    col + offset,
                    clause=builder.id,
                )
            )
    builder.attributes = tuple(written)


def _targets(
    value: str, kind: RefKind, span: Span, diags: list[Diagnostic], clause: str
) -> tuple[Reference, ...]:
    """``#id``, ``#a,#b`` or ``other.md#id`` targets of overrides=/implements=."""
    refs: list[Reference] = []
    for part in value.split(","):
        part = part.strip()
        file, sep, target = part.rpartition("#")
        if not sep or not target:
            diags.append(
                make(
                    codes.P022,
                    f"{kind.value}= expects '#id' or 'file.md#id', got '{part}'",
                    span.path,
                    span.line,
                    span.col,
                    clause=clause,
                )
            )
            continue
        refs.append(Reference(kind, target, span, file or None, part))
    return tuple(refs)
