"""Walk markdown-it block tokens and build clauses, statements, examples and test blocks.

Inline parsing is switched off (it is the slow half of markdown-it); inline constructs —
references and footnote tags — are read from each paragraph's text by
:mod:`charter.spec.inline`, and positions come from the tokens' line maps plus the
paragraph's column on each source line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from charter.diagnostics import Diagnostic, Fix
from charter.spec import codes
from charter.spec.budgets import STATEMENT_CHARS, over_budget
from charter.spec.builder import ClauseBuilder, PendingExample
from charter.spec.conversation import read_conversation
from charter.spec.diag import make
from charter.spec.headings import build_clause, explicit_id, unique_slug
from charter.spec.inline import find_footnotes, find_references
from charter.spec.model import (
    Commentary,
    Definition,
    Example,
    Modality,
    Polarity,
    Reference,
    RefKind,
    Span,
    Statement,
    TestBlock,
)
from charter.spec.sentences import split_sentences
from charter.spec.statements import read_modality
from charter.spec.testblocks import parse_test_block
from charter.spec.text import LineIndex

if TYPE_CHECKING:
    from markdown_it.token import Token

_EXAMPLE_PREFIXES = ("**Example**:", "**Example:**")
_DEFINITION = re.compile(r"^\*\*([^*\n]{1,80}?)\*\*\s*:\s*(\S.*)$", re.DOTALL)
_HEADING_LINE = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
_NO_SPACE_HEADING = re.compile(r"(#{1,6})[A-Za-z]")  # '#Refunds': text, though meant as one


class _Taken:
    """Ids a derived id must avoid: those already given, and every explicit one."""

    def __init__(self, given: dict[str, ClauseBuilder], explicit: set[str]) -> None:
        self.given, self.explicit = given, explicit

    def __contains__(self, key: object) -> bool:
        return key in self.given or key in self.explicit


class Walker:
    """One pass over the tokens of one file."""

    def __init__(self, lines: list[str], path: str, default_authority: str | None = None) -> None:
        self.lines = lines
        self.path = path
        # the module's level from front matter: a clause under it is normative, so a
        # '**Term**: …' paragraph in it is a rule, not a definition
        self.default_authority = default_authority
        self.clauses: list[ClauseBuilder] = []
        self.current: ClauseBuilder | None = None
        self.stack: list[ClauseBuilder] = []
        self.pending: PendingExample | None = None
        self.loose_examples: list[Example] = []
        self.diags: list[Diagnostic] = []
        self.ids: dict[str, ClauseBuilder] = {}
        self.list_depth = 0
        self.lead: tuple[Modality, Polarity] | None = None  # modality a list lead-in sets
        self.admonition: tuple[Token, list[str]] | None = None
        self.case_keys: dict[int, set[str]] = {}  # id(clause builder) -> its case ids
        self.explicit: set[str] = set()  # the file's explicit {#id}s (see walk)

    # -- token dispatch ---------------------------------------------------------------
    def walk(self, tokens: Sequence[Token]) -> None:
        # every explicit id of the file, so a derived id never takes one (a later
        # '{#scope}' keeps its id; the earlier untitled-id 'Scope' becomes 'scope-2')
        self.explicit = {
            found
            for k, tok in enumerate(tokens)
            if tok.type == "heading_open"
            and k + 1 < len(tokens)
            and (found := explicit_id(tokens[k + 1].content)) is not None
        }
        i, n = 0, len(tokens)
        while i < n:
            tok = tokens[i]
            kind = tok.type
            if kind == "heading_open":
                self._heading(tok, tokens[i + 1])
                i += 3
                continue
            if kind == "paragraph_open":
                self._paragraph(tok, tokens[i + 1])
                i += 3
                continue
            if kind == "table_open":
                i = self._table(tokens, i)
                continue
            if kind == "fence":
                self._fence(tok)
            elif kind == "list_item_open":
                self.list_depth += 1
            elif kind == "list_item_close":
                self.list_depth -= 1
            elif kind == "admonition_open":
                self._flush_pending()
                self.admonition = (tok, [])
            elif kind == "admonition_close":
                self._close_admonition(tok)
            i += 1
        self._flush_pending()
        last = len(self.lines)
        for clause in self.clauses:
            if clause.end_line == 0:
                clause.end_line = last

    # -- headings ---------------------------------------------------------------------
    def _heading(self, tok: Token, inline: Token) -> None:
        self._flush_pending()
        self.lead = None
        line = (tok.map[0] if tok.map else 0) + 1
        level = int(tok.tag[1:]) if tok.tag[1:].isdigit() else 1
        content = inline.content
        source = self.lines[line - 1] if line - 1 < len(self.lines) else content
        col = max(source.find(content), 0) + 1 if content else 1
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        if self.current is not None:
            self.current.end_line = line - 1
        taken = _Taken(self.ids, self.explicit)
        end = self._heading_end(content, line)
        builder, diags = build_clause(content, line, col, level, self.path, parent, taken, end)
        self.diags.extend(diags)
        self._register(builder)
        if parent is not None:
            parent.children.append(builder.id)
        self.stack.append(builder)
        self.clauses.append(builder)
        self.current = builder
        if over_budget(content):
            self._over_budget("heading", len(content), line, col)

    def _heading_end(self, content: str, line: int) -> tuple[int, int] | None:
        """Line and column after the text of a heading of several lines (setext)."""
        if "\n" not in content:
            return None
        pieces = content.split("\n")
        last = line + len(pieces) - 1
        source = self.lines[last - 1] if last - 1 < len(self.lines) else pieces[-1]
        return last, max(source.find(pieces[-1]), 0) + 1 + len(pieces[-1])

    def _register(self, builder: ClauseBuilder) -> None:
        first = self.ids.get(builder.id)
        if first is None:
            self.ids[builder.id] = builder
            return
        span = builder.span
        self.diags.append(
            Diagnostic(
                codes.P024.code,
                codes.P024.severity,
                f"duplicate clause id '{builder.id}' (first used at line {first.span.line})",
                self.path,
                span.line,
                span.col,
                clause=builder.id,
            )
        )

    # -- tables -----------------------------------------------------------------------
    def _table(self, tokens: Sequence[Token], i: int) -> int:
        """Each body cell is read like a paragraph (a rule written in a table is still a
        rule, not text to drop); header cells are column labels. Returns the index of
        the token after the table."""
        body = False
        while i < len(tokens) and tokens[i].type != "table_close":
            tok = tokens[i]
            if tok.type == "tbody_open":
                body = True
            elif body and tok.type == "inline" and tok.content.strip() and tok.map:
                self._paragraph(tok, tok)
            i += 1
        return i + 1

    # -- paragraphs -------------------------------------------------------------------
    def _index(self, tok: Token, text: str) -> LineIndex:
        start = tok.map[0] if tok.map else 0
        cols: list[int] = []
        for k, piece in enumerate(text.split("\n")):
            src = self.lines[start + k] if start + k < len(self.lines) else ""
            cols.append(max(src.find(piece), 0) + 1 if piece else 1)
        return LineIndex(text, self.path, start + 1, line_cols=cols)

    def _paragraph(self, tok: Token, inline: Token) -> None:
        text = inline.content
        index = self._index(tok, text)
        if self.admonition is not None:
            self.admonition[1].append(text)
            self._references(text, index)
            return
        if text.startswith(_EXAMPLE_PREFIXES):
            self._flush_pending()
            title = text.split(":", 1)[1].strip() if ":" in text else ""
            title = title.lstrip("*").strip()
            line, col = index.position(0)
            self.pending = PendingExample(title, line, col)
            return
        if self.pending is not None:
            self.pending.description.append(text)
            self._references(text, index)
            return
        if self.current is None:
            self._preamble(index.position(0)[0])
        assert self.current is not None
        if "\n" not in text and _NO_SPACE_HEADING.match(text):
            self._not_a_heading(text, index)
        informative = (self.current.authority or self.default_authority) is None
        if informative and self._definition(text, index):
            return
        self._statements(text, index)

    def _not_a_heading(self, text: str, index: LineIndex) -> None:
        """P028 on a one-line paragraph that looks like a heading without its space."""
        hashes = len(text) - len(text.lstrip("#"))
        line, col = index.position(0)
        at = col + hashes
        fix = Fix(f"insert a space after '{'#' * hashes}'", " ", line, at, line, at)
        message = (
            f"'{text[:40]}' is text, not a heading: Markdown needs a space after '{'#' * hashes}'"
        )
        self.diags.append(make(codes.P028, message, self.path, line, col, fix=fix))

    def _preamble(self, line: int) -> None:
        """Text before the first heading: a clause of its own ('preamble'), so it is read
        and linted rather than dropped; a later heading starts a sibling clause."""
        span = Span(self.path, line, 1, line, 1)
        name = unique_slug("preamble", _Taken(self.ids, self.explicit))  # an explicit id wins
        builder = ClauseBuilder(name, "Preamble", 1, span, False, None, None, None)
        self._register(builder)
        self.clauses.append(builder)
        self.current = builder

    def _definition(self, text: str, index: LineIndex) -> bool:
        """Record a '**Term**: meaning' paragraph; definitions are not statements."""
        m = _DEFINITION.match(text)
        if m is None or self.current is None:
            return False
        term = m.group(1).strip().rstrip(":")
        meaning = " ".join(m.group(2).split())
        self.current.definitions.append(Definition(term, meaning, index.span(0, m.end(1) + 2)))
        self._references(text, index)
        return True

    def _references(self, text: str, index: LineIndex, shift: int = 0) -> list[Reference]:
        refs = [
            Reference(r.kind, r.target, index.span(shift + r.start, shift + r.end), r.file, r.text)
            for r in find_references(text)
        ]
        if self.current is not None:
            self.current.references.extend(refs)
        return refs

    def _statements(self, text: str, index: LineIndex) -> None:
        assert self.current is not None
        in_list = self.list_depth > 0
        lead = self.lead if in_list else None
        # A paragraph without "](" or "[^" has no reference or footnote tag in any of its
        # sentences: the per-sentence searches are skipped (they would find nothing).
        links, notes = "](" in text, "[^" in text
        statements = self.current.statements
        last: Statement | None = None
        for start, end in split_sentences(text):
            piece = text[start:end]
            if over_budget(piece):
                self._over_budget("statement", len(piece), *index.position(start))
            refs = tuple(self._references(piece, index, start)) if links else ()
            tags = tuple(t.tag for t in find_footnotes(piece)) if notes else ()
            modality, polarity, _ = read_modality(piece)
            if lead is not None and modality is Modality.NONE:
                modality, polarity = lead  # "must do each of the following:" + items
            last = Statement(
                piece, index.span(start, end), modality, polarity, tags, refs, list_item=in_list
            )
            statements.append(last)
        if not in_list:
            lead_in = last is not None and last.text.endswith(":") and last.modality.normative
            self.lead = (last.modality, last.polarity) if lead_in and last else None

    def _over_budget(self, what: str, size: int, line: int, col: int) -> None:
        message = (
            f"{what} is {size:,} characters long, over the analysis budget of "
            f"{STATEMENT_CHARS:,}: lint rules skip it; split it into sentences"
        )
        clause = self.current.id if self.current else None
        self.diags.append(make(codes.P025, message, self.path, line, col, clause=clause))

    # -- admonitions ------------------------------------------------------------------
    def _close_admonition(self, close: Token) -> None:
        if self.admonition is None:
            return
        open_tok, texts = self.admonition
        self.admonition = None
        if self.current is None or open_tok.map is None:
            return
        kind = str(open_tok.meta.get("tag", "note"))
        title = open_tok.info.strip()
        title = title[len(kind) :].strip().strip('"') if title.startswith(kind) else title
        start, end = open_tok.map
        span = Span(self.path, start + 1, 1, end, len(self.lines[end - 1]) + 1 if end else 1)
        self.current.commentary.append(Commentary(kind, title, "\n\n".join(texts), span))

    # -- fenced blocks ----------------------------------------------------------------
    def _fence(self, tok: Token) -> None:
        if tok.map is None:
            return
        start, end = tok.map
        closed = self._fence_closed(tok, end)
        if not closed:
            self._unterminated(tok, start, end)
        words = tok.info.split()
        content = tok.content.split("\n")
        if content and content[-1] == "":
            content.pop()
        span = Span(self.path, start + 1, 1, end, 1)
        if words[:1] == ["xml"]:
            self._conversation(content, start + 2, span)
        elif words[:2] == ["yaml", "test"]:
            self._flush_pending()
            clause = self.current.id if self.current else None
            block, diags = parse_test_block(tok.content, span, clause)
            self.diags.extend(diags)
            if block is not None and self.current is not None:
                self._add_test_block(block)

    def _add_test_block(self, block: TestBlock) -> None:
        """Append ``block`` unless its case id (``id``, else position) is taken."""
        assert self.current is not None
        clause, blocks = self.current.id, self.current.test_blocks
        taken = self.case_keys.setdefault(id(self.current), set())
        key = block.id or str(len(blocks) + 1)
        if key in taken:
            message = f"test block id '{key}' is already used in this clause; ignored"
            span = block.span
            self.diags.append(
                make(codes.P054, message, span.path, span.line, span.col, clause=clause)
            )
            return
        taken.add(key)
        blocks.append(block)

    def _fence_closed(self, tok: Token, end: int) -> bool:
        if end > len(self.lines) or end - 1 <= (tok.map[0] if tok.map else 0):
            return False
        last = self.lines[end - 1].strip()
        return bool(last) and last.startswith(tok.markup) and set(last) == {tok.markup[0]}

    def _unterminated(self, tok: Token, start: int, end: int) -> None:
        body = self.lines[start + 1 : end]
        swallowed = sum(1 for line in body if _HEADING_LINE.match(line))
        extra = f", including {swallowed} heading(s)" if swallowed else ""
        col = len(self.lines[start]) - len(self.lines[start].lstrip()) + 1
        self.diags.append(
            make(
                codes.P030,
                f"code block opened with '{tok.markup}' is never closed; it swallows "
                f"lines {start + 2}–{end}{extra}",
                self.path,
                start + 1,
                col,
                clause=self.current.id if self.current else None,
            )
        )

    def _conversation(self, content: list[str], first_line: int, span: Span) -> None:
        clause = self.current.id if self.current else None
        convo = read_conversation(content, first_line, self.path, clause)
        self.diags.extend(convo.diagnostics)
        pending = self.pending
        self.pending = None
        if pending is None:
            self.diags.append(
                make(
                    codes.P032,
                    "conversation block has no '**Example**: title' before it",
                    self.path,
                    span.line,
                    1,
                    clause=clause,
                )
            )
            title, description, line, col = "", "", span.line, 1
        else:
            title, line, col = pending.title, pending.line, pending.col
            description = "\n\n".join(pending.description)
        example = Example(
            title,
            description,
            tuple(convo.messages),
            tuple(convo.candidates),
            Span(self.path, line, col, span.end_line, 4),
        )
        self._candidate_references(example)
        if self.current is not None:
            self.current.examples.append(example)
        else:
            self.loose_examples.append(example)

    def _candidate_references(self, example: Example) -> None:
        if self.current is None:
            return
        for cand in example.candidates:
            line = cand.span.line
            for target in cand.refs:
                src = self.lines[line - 1] if line - 1 < len(self.lines) else ""
                col = max(src.find(f"#{target}"), 0) + 1
                span = Span(self.path, line, col, line, col + len(target) + 1)
                self.current.references.append(Reference(RefKind.CANDIDATE, target, span))
            if "](#" in cand.reason or ".md#" in cand.reason:
                src = self.lines[line - 1] if line - 1 < len(self.lines) else ""
                offset = max(src.find(cand.reason), 0)
                index = LineIndex(src, self.path, line)
                for r in find_references(cand.reason):
                    self.current.references.append(
                        Reference(
                            r.kind,
                            r.target,
                            index.span(offset + r.start, offset + r.end),
                            r.file,
                            r.text,
                        )
                    )

    def _flush_pending(self) -> None:
        if self.pending is None:
            return
        pending, self.pending = self.pending, None
        self.diags.append(
            make(
                codes.P031,
                f"example '{pending.title}' has no '~~~xml' conversation after it",
                self.path,
                pending.line,
                pending.col,
                clause=self.current.id if self.current else None,
            )
        )


__all__ = ["Walker"]
