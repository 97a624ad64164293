"""Charter values to LSP values: 1-based spans to 0-based ranges, diagnostics, locations.

Charter columns count code points, 1-based, end exclusive; LSP positions are 0-based and
count the code units the client negotiated (UTF-16 by default). Conversion goes through
pygls's ``PositionCodec`` with the file's own lines, so a line holding emoji or accents
is placed exactly. A span without an end covers the rest of its line.

:class:`Converter` keeps the LSP form of the last round's findings: a finding whose
value and source lines are unchanged is not converted again (an edit changes a few of
the Model Spec's 300 findings; the others only move when lines are added or removed,
and a moved finding is a different value, so it is converted afresh).
"""

from __future__ import annotations

from lsprotocol import types
from pygls.uris import from_fs_path
from pygls.workspace import PositionCodec

from charter.diagnostics import Diagnostic, Related, Severity
from charter.lsp.texts import Texts, absolute

SOURCE = "charter"
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def uri_of(path: str) -> str:
    uri = from_fs_path(absolute(path))
    return uri if uri is not None else "file://" + absolute(path)


def to_range(
    texts: Texts,
    codec: PositionCodec,
    path: str,
    start: tuple[int, int],
    end: tuple[int | None, int | None] = (None, None),
) -> types.Range:
    """The LSP range of 1-based ``start`` .. ``end`` (exclusive) in ``path``."""
    lines = texts.lines(path)
    line, col = max(start[0], 1), max(start[1], 1)
    end_line = end[0] or line
    end_col = end[1]
    if end_col is None:
        end_col = len(lines[end_line - 1]) + 1 if end_line <= len(lines) else col
    server = types.Range(
        types.Position(line - 1, col - 1), types.Position(end_line - 1, max(end_col - 1, 0))
    )
    return codec.range_to_client_units(lines, server)


def to_diagnostic(d: Diagnostic, texts: Texts, codec: PositionCodec) -> types.Diagnostic:
    message = d.message
    if d.question and d.question not in message:
        message = f"{message}\nquestion: {d.question}"
    related = [_related(r, texts, codec) for r in d.related]
    return types.Diagnostic(
        range=to_range(texts, codec, d.path, (d.line, d.col), (d.end_line, d.end_col)),
        message=message,
        severity=_SEVERITY[d.severity],
        code=d.code,
        source=SOURCE,
        related_information=related or None,
        data={"code": d.code, "line": d.line, "col": d.col},
    )


def _related(r: Related, texts: Texts, codec: PositionCodec) -> types.DiagnosticRelatedInformation:
    span = to_range(texts, codec, r.path, (r.line, r.col), (r.end_line, r.end_col))
    return types.DiagnosticRelatedInformation(types.Location(uri_of(r.path), span), r.message)


def location(
    texts: Texts, codec: PositionCodec, path: str, line: int, col: int, end_col: int
) -> types.Location:
    return types.Location(uri_of(path), to_range(texts, codec, path, (line, col), (line, end_col)))


class Converter:
    """:func:`to_diagnostic` with the results of the previous round reused."""

    def __init__(self) -> None:
        self._kept: dict[tuple[Diagnostic, tuple[str, ...]], types.Diagnostic] = {}

    def convert(
        self, found: list[Diagnostic], texts: Texts, codec: PositionCodec
    ) -> dict[str, list[types.Diagnostic]]:
        """The LSP diagnostics of ``found``, by absolute path, in the order given."""
        kept: dict[tuple[Diagnostic, tuple[str, ...]], types.Diagnostic] = {}
        by_path: dict[str, list[types.Diagnostic]] = {}
        for d in found:
            key = (d, _lines_read(d, texts))
            item = kept.get(key) or self._kept.get(key)
            if item is None:
                item = to_diagnostic(d, texts, codec)
            kept[key] = item
            by_path.setdefault(absolute(d.path), []).append(item)
        self._kept = kept  # memory holds one round, not every round
        return by_path


def _lines_read(d: Diagnostic, texts: Texts) -> tuple[str, ...]:
    """The source lines the LSP form of ``d`` depends on (its ends and its related ends)."""
    out = [texts.line(d.path, d.line), texts.line(d.path, d.end_line or d.line)]
    for r in d.related:
        out += (texts.line(r.path, r.line), texts.line(r.path, r.end_line or r.line))
    return tuple(out)
