"""Read ```` ```yaml test ```` blocks: a prompt or conversation plus fixed expectations."""

from __future__ import annotations

from typing import Any

from charter.diagnostics import Diagnostic
from charter.diagnostics.registry import CodeInfo
from charter.spec import codes
from charter.spec.assertvalues import regex_problem, schema_problem
from charter.spec.diag import make
from charter.spec.model import Expectation, Message, Span, TestBlock
from charter.spec.yamlsafe import YamlProblem, load_yaml, safe_loader

EXPECTATION_KINDS = frozenset(
    {"contains", "icontains", "regex", "equals", "is-json", "json-schema", "max-length", "judge"}
)
_NO_NOT_FORM = frozenset({"judge"})
_YAML_CODES = {
    "alias": (codes.P055, "test block uses a YAML alias"),
    "recursive-alias": (codes.P056, "test block holds a recursive YAML alias"),
}
_FIELDS = frozenset({"id", "prompt", "messages", "expect", "description", "vars", "repeat"})


def parse_test_block(
    raw: str, span: Span, clause: str | None
) -> tuple[TestBlock | None, list[Diagnostic]]:
    """Parse one block; invalid blocks give diagnostics and no TestBlock."""
    body_line = span.line + 1
    data: Any = load_yaml(raw)  # the common shape read fast, YAML for the rest
    if isinstance(data, YamlProblem):
        code, prefix = _YAML_CODES.get(data.kind, (codes.P050, "test block is not valid YAML"))
        return None, [
            make(
                code,
                f"{prefix}: {data.message}",
                span.path,
                body_line + data.line,
                data.col + 1,
                clause=clause,
            )
        ]
    if not isinstance(data, dict):
        return None, [
            _invalid(
                span,
                clause,
                "a test block must be a YAML mapping with 'prompt' or 'messages' and 'expect'",
            )
        ]
    problems: list[Diagnostic] = []
    where = _Where(raw, span)
    for key in data:
        if key not in _FIELDS:
            message = f"unknown field '{key}' in test block"
            problems.append(_invalid(where.key(key), clause, message))
    prompt, messages = _read_input(data, span, clause, problems)
    expect = _read_expect(data.get("expect"), where, clause, problems)
    if problems:
        return None, problems
    block_id = data.get("id")
    return TestBlock(
        raw, str(block_id) if block_id is not None else None, prompt, messages, expect, span, data
    ), []


def _invalid(span: Span, clause: str | None, message: str) -> Diagnostic:
    return make(codes.P051, message, span.path, span.line, span.col, clause=clause)


class _Where:
    """Where a top-level key or an ``expect`` item of a block is; the fence otherwise.

    The YAML is composed again only when a problem is reported, so a sound block costs
    nothing extra.
    """

    def __init__(self, raw: str, span: Span) -> None:
        self.raw, self.span = raw, span
        self._root: Any = False

    def _node(self) -> Any:
        import yaml

        if self._root is False:
            try:
                self._root = yaml.compose(self.raw, Loader=safe_loader())
            except (yaml.YAMLError, ValueError, RecursionError):
                self._root = None
        return self._root if isinstance(self._root, yaml.MappingNode) else None

    def _at(self, node: Any) -> Span:
        mark = node.start_mark
        line = self.span.line + 1 + mark.line
        return Span(self.span.path, line, mark.column + 1, line, mark.column + 1)

    def key(self, name: Any) -> Span:
        root = self._node()
        for key_node, _ in root.value if root is not None else ():
            if key_node.value == str(name):
                return self._at(key_node)
        return self.span

    def item(self, index: int) -> Span:
        import yaml  # already imported by _node

        root = self._node()
        for key_node, value in root.value if root is not None else ():
            is_list = isinstance(value, yaml.SequenceNode)
            if key_node.value == "expect" and is_list and index < len(value.value):
                return self._at(value.value[index])
        return self.span


def _read_input(
    data: dict[str, Any], span: Span, clause: str | None, problems: list[Diagnostic]
) -> tuple[str | None, tuple[Message, ...]]:
    prompt, raw_messages = data.get("prompt"), data.get("messages")
    if (prompt is None) == (raw_messages is None):
        problems.append(
            _invalid(span, clause, "a test block needs exactly one of 'prompt' or 'messages'")
        )
        return None, ()
    if prompt is not None:
        if not isinstance(prompt, str) or not prompt.strip():
            problems.append(_invalid(span, clause, "'prompt' must be a non-empty string"))
            return None, ()
        return prompt, (Message("user", (), prompt, span),)
    if not isinstance(raw_messages, list) or not raw_messages:
        problems.append(_invalid(span, clause, "'messages' must be a non-empty list"))
        return None, ()
    messages: list[Message] = []
    for item in raw_messages:
        ok = (
            isinstance(item, dict)
            and isinstance(item.get("role"), str)
            and isinstance(item.get("content"), str)
        )
        if not ok:
            problems.append(
                _invalid(span, clause, "each message needs 'role' and 'content' strings")
            )
            return None, ()
        messages.append(Message(item["role"], (), item["content"], span))
    return None, tuple(messages)


def _read_expect(
    raw: Any, where: _Where, clause: str | None, problems: list[Diagnostic]
) -> tuple[Expectation, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.append(_invalid(where.key("expect"), clause, "'expect' must be a list"))
        return ()
    out: list[Expectation] = []
    for index, item in enumerate(raw):
        if item in ("is-json", "not-is-json"):  # the one kind that needs no value
            item = {item: None}
        if not isinstance(item, dict) or len(item) != 1:
            message = "each expectation is a one-key mapping, e.g. '- contains: refund'"
            problems.append(_invalid(where.item(index), clause, message))
            continue
        ((key, value),) = item.items()
        negate = isinstance(key, str) and key.startswith("not-")
        kind = key[4:] if negate else key
        if kind not in EXPECTATION_KINDS or (negate and kind in _NO_NOT_FORM):
            known = ", ".join(sorted(EXPECTATION_KINDS))
            message = (
                f"unknown expectation '{key}' (known: {known}, each but judge with a 'not-' form)"
            )
            problems.append(_make(codes.P052, message, where.item(index), clause))
            continue
        problem = _value_problem(kind, value)
        if problem is not None:
            problems.append(_make(codes.P053, f"{key}: {problem}", where.item(index), clause))
            continue
        out.append(Expectation(kind, value, negate))
    return tuple(out)


def _make(code: CodeInfo, message: str, span: Span, clause: str | None) -> Diagnostic:
    return make(code, message, span.path, span.line, span.col, clause=clause)


def _value_problem(kind: str, value: Any) -> str | None:
    """Why ``value`` cannot be checked as a ``kind`` expectation, or None."""
    if kind in ("contains", "icontains", "equals", "regex"):
        if not isinstance(value, str | int | float) or isinstance(value, bool) or value == "":
            return "needs a non-empty string"
        if kind == "regex":
            return regex_problem(str(value))
    elif kind == "judge":
        if not isinstance(value, str) or not value.strip():
            return "needs a criterion, e.g. '- judge: The response does not promise an amount.'"
    elif kind == "max-length":
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            return f"needs a non-negative integer, not {value!r}"
    elif kind == "json-schema":
        return schema_problem(value)  # the whole schema, before any model call
    elif kind == "is-json" and value not in (None, True):
        return f"takes no value (write '- is-json' or '- not-is-json'), not {value!r}"
    return None
