"""The lenient reader for ``~~~xml`` conversation blocks.

These blocks are not well-formed XML (raw ``&`` and ``<``, code fences, nested
``<settings>``), so they are read line by line: a known role tag at the start of a line
opens a message, its closing tag (at the end of a line) closes it, and ``<comparison>``
lines open and close the set of candidate responses. Everything else is content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from charter.diagnostics import CodeInfo, Diagnostic
from charter.spec import codes
from charter.spec.diag import make
from charter.spec.model import Candidate, Message, Span, Verdict

ROLES = ("system", "developer", "user", "assistant", "tool")
# A value is quoted (and then followed by a space or '>') or a bare run; the atomic
# group stops the engine from trying both readings of every value (exponential).
_VALUE = "(?>\"[^\"]*\"(?=[\\s>])|'[^']*'(?=[\\s>])|[^\\s>]+)"
_OPEN = re.compile(
    r"^\s*<(system|developer|user|assistant|tool)((?:\s+[\w:.-]+\s*=\s*" + _VALUE + r")*)\s*>"
)
# a name starts where a run of name characters starts: no rescan from inside the run
_ATTR = re.compile(r"(?<![\w:.-])([\w:.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))")
_STRAY = re.compile(
    r"^(\s*[*_>~-]{1,2})\s*</?(?:comparison|system|developer|user|assistant|tool)\b"
)
_ELISIONS = frozenset({"[...]", "...", "…", "[…]"})
_VERDICT = re.compile(r"\s*+<!--\s*+(.*?)-->", re.DOTALL)


def _verdict(text: str) -> tuple[str, int, int] | None:
    """A leading ``<!-- … -->``: its text (white space trimmed), where that text starts,
    and where the comment ends; None when the text does not start with one or the
    comment's text spans lines. Linear: the first ``-->`` ends it."""
    m = _VERDICT.match(text)
    if m is None:
        return None
    body = m.group(1).rstrip()
    if "\n" in body:
        return None
    return body, m.start(1), m.end()


_VERDICT_BODY = re.compile(r"^(GOOD|BAD|OK)\b\s*(?:\[([^\]]*)\])?\s*[:,]?\s*(.*)$", re.DOTALL)


@dataclass(slots=True)
class Conversation:
    messages: list[Message] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    has_comparison: bool = False


@dataclass(slots=True)
class _Open:
    role: str
    attrs: tuple[tuple[str, str], ...]
    line: int
    col: int
    in_comparison: bool
    verdict_text: str | None
    verdict_line: int
    verdict_col: int
    lines: list[str] = field(default_factory=list)


class _Reader:
    def __init__(self, path: str, first_line: int, clause: str | None) -> None:
        self.path = path
        self.first_line = first_line
        self.clause = clause
        self.out = Conversation()
        self.current: _Open | None = None
        self.comparison_line: int | None = None
        self.comparison_start = 0  # candidates read before the open comparison

    def diag(self, info: CodeInfo, message: str, line: int, col: int = 1) -> None:
        self.out.diagnostics.append(make(info, message, self.path, line, col, clause=self.clause))

    def feed(self, number: int, line: str) -> None:
        stray = _STRAY.match(line)
        if stray and (
            self.current is None or line.strip()[len(stray.group(1)) :] == f"</{self.current.role}>"
        ):
            self.diag(
                codes.P042,
                f"stray '{stray.group(1).strip()}' before a tag (a Markdown "
                "leftover?); read as the tag",
                number,
                1,
            )
            line = line[stray.end(1) :]
        if self.current is not None:
            self._feed_content(number, line)
            return
        stripped = line.strip()
        if not stripped or stripped in _ELISIONS:
            return
        opened = _OPEN.match(line)
        if opened:
            self._open(number, line, opened)
        elif stripped == "<comparison>":
            self._open_comparison(number, line)
        elif stripped == "</comparison>":
            self._close_comparison(number, line)
        elif stripped.startswith("</"):
            self.diag(
                codes.P034,
                f"closing tag '{stripped}' with no open message",
                number,
                line.index("<") + 1,
            )
        else:
            self.diag(
                codes.P035,
                "text outside any message tag is ignored",
                number,
                len(line) - len(line.lstrip()) + 1,
            )

    def _open(self, number: int, line: str, m: re.Match[str]) -> None:
        role = m.group(1)
        attrs = tuple(
            (a.group(1), next(g for g in a.groups()[1:] if g is not None))
            for a in _ATTR.finditer(m.group(2) or "")
        )
        rest = line[m.end() :]
        verdict_text, verdict_col = None, 0
        vm = _verdict(rest)
        if vm:
            verdict_text, verdict_col = vm[0], m.end() + vm[1] + 1
            rest = rest[vm[2] :]
        self.current = _Open(
            role,
            attrs,
            number,
            line.index("<") + 1,
            self.comparison_line is not None,
            verdict_text,
            number,
            verdict_col,
        )
        if rest.strip():
            self._feed_content(number, rest)

    def _feed_content(self, number: int, line: str) -> None:
        current = self.current
        assert current is not None
        closing = f"</{current.role}>"
        stripped = line.rstrip()
        if stripped.endswith(closing):
            before = stripped[: -len(closing)]
            if before.strip():
                current.lines.append(before)
            self._close(number, len(stripped) + 1)
            return
        if not current.lines and current.verdict_text is None:
            vm = _verdict(line)
            if vm and vm[2] == len(stripped):
                current.verdict_text, current.verdict_line = vm[0], number
                current.verdict_col = vm[1] + 1
                return
        current.lines.append(line)

    def _close(self, number: int, end_col: int) -> None:
        current = self.current
        assert current is not None
        self.current = None
        span = Span(self.path, current.line, current.col, number, end_col)
        content = unescape_xml("\n".join(current.lines).strip("\n"))
        if current.in_comparison:
            self._add_candidate(current, content, span)
        else:
            if current.verdict_text is not None:
                self.diag(
                    codes.P039,
                    "verdict marker on a message outside <comparison> is ignored",
                    current.verdict_line,
                    current.verdict_col,
                )
            self.out.messages.append(Message(current.role, current.attrs, content, span))

    def _add_candidate(self, current: _Open, content: str, span: Span) -> None:
        if current.role != "assistant":
            self.diag(
                codes.P040,
                f"<{current.role}> inside <comparison>: only assistant responses are candidates",
                current.line,
                current.col,
            )
        verdict: Verdict | None = None
        reason, refs = "", tuple[str, ...]()
        if current.verdict_text is None:
            self.diag(
                codes.P036,
                "candidate response has no verdict; add <!-- GOOD --> or "
                "<!-- BAD: reason --> after the opening tag",
                current.line,
                current.col,
            )
        else:
            parsed = parse_verdict(current.verdict_text)
            if parsed is None:
                self.diag(
                    codes.P037,
                    f"cannot read verdict '<!-- {current.verdict_text} -->'; "
                    "expected GOOD, BAD or OK, optionally '[#id]' and ': reason'",
                    current.verdict_line,
                    current.verdict_col,
                )
            else:
                verdict, reason, refs = parsed
        self.out.candidates.append(
            Candidate(verdict, reason, refs, content, span, current.attrs, current.role)
        )

    def _open_comparison(self, number: int, line: str) -> None:
        if self.comparison_line is not None:
            self.diag(codes.P034, "<comparison> inside another <comparison>", number)
        self.comparison_line = number
        self.comparison_start = len(self.out.candidates)
        self.out.has_comparison = True

    def _close_comparison(self, number: int, line: str) -> None:
        if self.comparison_line is None:
            self.diag(
                codes.P034, "</comparison> with no open <comparison>", number, line.index("<") + 1
            )
            return
        if len(self.out.candidates) == self.comparison_start:
            self.diag(codes.P041, "<comparison> holds no candidate response", self.comparison_line)
        self.comparison_line = None

    def finish(self, last_line: int) -> Conversation:
        if self.current is not None:
            self.diag(
                codes.P033,
                f"<{self.current.role}> is never closed with </{self.current.role}>",
                self.current.line,
                self.current.col,
            )
            self._close(last_line, 1)
        if self.comparison_line is not None:
            self.diag(codes.P038, "<comparison> is never closed", self.comparison_line)
        return self.out


_ENTITY = re.compile(r"&(lt|gt|amp|quot|apos|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def unescape_xml(text: str) -> str:
    """Decode the five XML entities and numeric references: these blocks are XML-like,
    so authors write ``&lt;form&gt;`` for ``<form>`` (the Model Spec does, 150 times).
    A raw ``&`` or an unknown entity stays as written."""
    if "&" not in text:
        return text
    return _ENTITY.sub(_entity, text)


def _entity(m: re.Match[str]) -> str:
    name = m.group(1)
    if name in _NAMED:
        return _NAMED[name]
    code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
    return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else m.group(0)


def parse_verdict(text: str) -> tuple[Verdict, str, tuple[str, ...]] | None:
    """Read 'GOOD', 'BAD: reason', 'BAD[#a, #b]: reason', 'OK, reason'."""
    m = _VERDICT_BODY.match(text.strip())
    if not m:
        return None
    refs: tuple[str, ...] = ()
    if m.group(2) is not None:
        parts = [p.strip() for p in m.group(2).split(",")]
        if not all(p.startswith("#") and len(p) > 1 for p in parts):
            return None
        refs = tuple(p[1:] for p in parts)
    return Verdict(m.group(1).lower()), m.group(3).strip(), refs


def read_conversation(
    lines: list[str], first_line: int, path: str, clause: str | None = None
) -> Conversation:
    """Read the lines of a conversation block; ``first_line`` is the 1-based number of lines[0]."""
    reader = _Reader(path, first_line, clause)
    number = first_line
    for number, line in enumerate(lines, start=first_line):
        reader.feed(number, line)
    return reader.finish(number)
