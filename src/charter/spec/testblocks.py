"""Read ```` ```yaml test ```` blocks: a prompt or conversation plus fixed expectations."""

from __future__ import annotations

from typing import Any

from charter.diagnostics import Diagnostic
from charter.spec import codes
from charter.spec.diag import make
from charter.spec.model import Expectation, Message, Span, TestBlock
from charter.spec.yamlsafe import YamlProblem, load_yaml

EXPECTATION_KINDS = frozenset(
    {"contains", "icontains", "regex", "equals", "is-json", "json-schema", "max-length", "judge"}
)
_NO_NOT_FORM = frozenset({"judge"})
_FIELDS = frozenset({"id", "prompt", "messages", "expect", "description", "vars", "repeat"})


def parse_test_block(
    raw: str, span: Span, clause: str | None
) -> tuple[TestBlock | None, list[Diagnostic]]:
    """Parse one block; invalid blocks give diagnostics and no TestBlock."""
    body_line = span.line + 1
    data = load_yaml(raw)
    if isinstance(data, YamlProblem):
        return None, [
            make(
                codes.P050,
                f"test block is not valid YAML: {data.message}",
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
    for key in data:
        if key not in _FIELDS:
            problems.append(_invalid(span, clause, f"unknown field '{key}' in test block"))
    prompt, messages = _read_input(data, span, clause, problems)
    expect = _read_expect(data.get("expect"), span, clause, problems)
    if problems:
        return None, problems
    block_id = data.get("id")
    return TestBlock(
        raw, str(block_id) if block_id is not None else None, prompt, messages, expect, span, data
    ), []


def _invalid(span: Span, clause: str | None, message: str) -> Diagnostic:
    return make(codes.P051, message, span.path, span.line, span.col, clause=clause)


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
    raw: Any, span: Span, clause: str | None, problems: list[Diagnostic]
) -> tuple[Expectation, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.append(_invalid(span, clause, "'expect' must be a list of expectations"))
        return ()
    out: list[Expectation] = []
    for item in raw:
        if not isinstance(item, dict) or len(item) != 1:
            problems.append(
                _invalid(
                    span, clause, "each expectation is a one-key mapping, e.g. '- contains: refund'"
                )
            )
            continue
        ((key, value),) = item.items()
        negate = isinstance(key, str) and key.startswith("not-")
        kind = key[4:] if negate else key
        if kind not in EXPECTATION_KINDS or (negate and kind in _NO_NOT_FORM):
            known = ", ".join(sorted(EXPECTATION_KINDS))
            problems.append(
                make(
                    codes.P052,
                    f"unknown expectation '{key}' (known: {known}, "
                    "each but judge with a 'not-' form)",
                    span.path,
                    span.line,
                    span.col,
                    clause=clause,
                )
            )
            continue
        out.append(Expectation(kind, value, negate))
    return tuple(out)
