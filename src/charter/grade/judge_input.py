"""What the judge is given about a planned case: its conversation, references, criterion.

:func:`input_for` turns a :class:`~charter.grade.base.GradeItem` (a planned case) and the
response it got into a :class:`~charter.grade.judge_prompt.JudgeInput`. Tool calls and
tool outputs are spelled out as text the judge can read; the clause's spec context is
the one given (from :class:`~charter.grade.spec_context.SpecContexts`) or the clause's
own text; and with ``compiled_spec``, a leading system message that holds exactly the
compiled spec (``charter test --with-spec``) is dropped from the quoted conversation and
the prompt says once that the assistant had it.
"""

from __future__ import annotations

from collections.abc import Iterable

from charter.grade.base import GradeItem
from charter.grade.judge_prompt import JudgeInput, JudgeReference
from charter.grade.spec_context import SpecContext, clause_context
from charter.providers.base import ChatMessage
from charter.spec.model import Candidate, Clause


def clause_statements(clause: Clause) -> tuple[str, ...]:
    return tuple(s.text for s in clause.statements if s.modality.normative) or tuple(
        s.text for s in clause.statements
    )


def references_from(candidates: Iterable[Candidate]) -> tuple[JudgeReference, ...]:
    return tuple(
        JudgeReference(c.verdict.value, c.content, c.reason)
        for c in candidates
        if c.verdict is not None
    )


def render_message(message: ChatMessage) -> str:
    """A chat message as the judge reads it: tool calls and tool outputs spelled out."""
    parts = [message.content] if message.content else []
    for call in message.tool_calls:
        parts.append(f"[calls tool {call.name} with arguments {call.arguments}]")
    if message.role == "tool":
        parts.insert(0, f"[output of tool {message.name or 'tool'}]")
    return "\n".join(parts)


def input_for(
    item: GradeItem,
    response: str,
    context: SpecContext | None = None,
    compiled_spec: str | None = None,
) -> JudgeInput:
    """The judge's view of a planned case and the response it got. With
    ``compiled_spec``, a leading system message holding exactly it is not re-quoted."""
    criteria = [str(e.value) for e in item.expectations if e.kind == "judge"]
    messages = list(item.messages)
    with_spec = bool(
        compiled_spec
        and messages
        and messages[0].role == "system"
        and messages[0].content == compiled_spec
    )
    if with_spec:
        messages = messages[1:]
    return JudgeInput(
        clause_id=item.clause.id,
        clause_title=item.clause.title,
        authority=item.clause.authority,
        statements=clause_statements(item.clause),
        conversation=tuple((m.role, render_message(m)) for m in messages),
        response=response,
        references=references_from(item.references),
        criterion="\n".join(f"- {c}" for c in criteria) if criteria else None,
        context=context or clause_context(item.clause),
        kind=getattr(item, "kind", None),
        with_spec=with_spec,
    )
