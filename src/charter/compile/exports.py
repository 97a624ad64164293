"""The spec's test cases exported to peer tools: promptfoo and Inspect AI.

Both exports hold the cases ``charter test`` plans (:func:`charter.run.plan.plan_cases`,
same ids), each with its conversation as a chat message list, its clause as a grading
rubric (title, authority, every rule, rendered as in the compiled prompt) and the
example's GOOD / BAD candidates as references in the rubric.

``promptfoo`` writes ``promptfooconfig.yaml``: one test per case (``vars.messages``, sent
as the chat by the prompt ``{{ messages | dump }}``), an ``llm-rubric`` assertion with the
clause, and a test block's fixed expectations as promptfoo assertions (``contains``,
``icontains``, ``regex``, ``equals``, ``is-json`` and their ``not-`` forms; ``max-length``
as a ``javascript`` check; ``judge`` as another ``llm-rubric``). The grader is the same
provider as the model under test unless the config is edited.

``inspect`` writes ``dataset.jsonl`` (``id``, ``input`` messages, ``target`` = the
rubric, ``metadata``) and ``charter_task.py``: ``generate()``, then a scorer for the fixed
expectations and ``model_graded_qa()`` against the rubric. Inspect has no developer role:
developer messages become system messages there (promptfoo sends them as written).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from charter.chat import ChatMessage
from charter.compile.prompt_text import TitleOf, clause_index, kept, render
from charter.errors import InputError
from charter.run.plan import Case, Plan, plan_cases
from charter.spec.model import Expectation, Project, Verdict

JsonDict = dict[str, Any]
DEFAULT_PROVIDER = "openai:chat:gpt-4.1-mini"
_PROMPTFOO_KINDS = {"contains", "icontains", "regex", "equals", "is-json"}


class _Dumper(yaml.SafeDumper):
    """Multi-line strings as literal blocks, so rubrics and messages read as written."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


@dataclass(frozen=True, slots=True)
class Written:
    cases: int
    files: tuple[str, ...]


def export(project: Project, target: str, folder: str, provider: str = DEFAULT_PROVIDER) -> Written:
    """Write the ``target`` ("promptfoo" or "inspect") export of ``project`` to ``folder``."""
    cases = list(plan_cases(project, Plan()))
    clauses = clause_index(project)
    out = Path(folder)
    try:
        out.mkdir(parents=True, exist_ok=True)
        if target == "promptfoo":
            files = _write_promptfoo(out, cases, clauses, provider)
        else:
            files = _write_inspect(out, cases, clauses)
    except OSError as exc:
        raise InputError(f"cannot write {folder}: {exc.strerror or exc}") from exc
    return Written(len(cases), tuple(str(f) for f in files))


def rubric(case: Case, clauses: TitleOf) -> str:
    """The clause as grading instructions, with the case's references."""
    clause = case.clause
    rules = [render(s.text, clauses) for s in kept(clause)]
    lines = [
        f"The response must follow the rule “{clause.title}” "
        f"(authority: {clause.authority}). The rule says:",
        *(f"- {rule}" for rule in rules),
    ]
    for verdict, label in ((Verdict.GOOD, "acceptable"), (Verdict.BAD, "unacceptable")):
        for ref in (r for r in case.references if r.verdict is verdict):
            why = f" ({ref.reason})" if ref.reason else ""
            lines.append(f"\nAn {label} response looks like this{why}:\n{ref.content.strip()}")
    return "\n".join(lines)


def _metadata(case: Case) -> JsonDict:
    return {
        "case": case.id,
        "clause": f"{case.module}/{case.clause.id}",
        "authority": case.clause.authority,
        "source": f"{Path(case.span.path).name}:{case.span.line}",
    }


def _write_promptfoo(out: Path, cases: list[Case], clauses: TitleOf, provider: str) -> list[Path]:
    config = {
        "description": "Charter spec cases",
        "prompts": [{"id": "charter-conversation", "raw": "{{ messages | dump }}"}],
        "providers": [{"id": provider}],
        "defaultTest": {"options": {"provider": provider}},
        "tests": [_promptfoo_test(case, clauses) for case in cases],
    }
    path = out / "promptfooconfig.yaml"
    text = yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    path.write_text("# Written by `charter compile --target promptfoo`.\n" + text, "utf-8")
    return [path]


def _promptfoo_test(case: Case, clauses: TitleOf) -> JsonDict:
    asserts = [{"type": "llm-rubric", "value": rubric(case, clauses)}]
    asserts += [_promptfoo_assert(e) for e in case.expectations]
    return {
        "description": case.id,
        "vars": {"messages": _chat(case.messages, developer="developer")},
        "assert": asserts,
        "metadata": _metadata(case),
    }


def _promptfoo_assert(expectation: Expectation) -> JsonDict:
    kind, value, negate = expectation.kind, expectation.value, expectation.negate
    if kind == "judge":
        return {"type": "llm-rubric", "value": str(value)}
    if kind == "max-length":
        return {"type": "javascript", "value": f"output.length <= {int(value)}"}
    if kind == "json-schema":
        kind = "is-json"
    if kind not in _PROMPTFOO_KINDS:
        raise InputError(f"no promptfoo assertion for expectation {kind!r}")
    found: JsonDict = {"type": f"not-{kind}" if negate else kind}
    if value not in (None, True) or kind != "is-json":
        found["value"] = value
    return found


def _chat(messages: Iterable[ChatMessage], developer: str) -> list[JsonDict]:
    """Messages in OpenAI Chat Completions shape (promptfoo sends them as they are)."""
    out: list[JsonDict] = []
    for message in messages:
        role = developer if message.role == "developer" else message.role
        item: JsonDict = {"role": role, "content": message.content}
        if message.tool_calls:
            item["tool_calls"] = [
                {
                    "id": c.id,
                    "type": "function",
                    "function": {"name": c.name, "arguments": c.arguments},
                }
                for c in message.tool_calls
            ]
        if message.tool_call_id is not None:
            item["tool_call_id"] = message.tool_call_id
        out.append(item)
    return out


def _inspect_messages(messages: Iterable[ChatMessage]) -> list[JsonDict]:
    """Messages as Inspect's ``ChatMessage`` models read them (no developer role)."""
    out: list[JsonDict] = []
    for message in messages:
        role = "system" if message.role == "developer" else message.role
        item: JsonDict = {"role": role, "content": message.content}
        if message.tool_calls:
            item["tool_calls"] = [
                {"id": c.id, "function": c.name, "arguments": json.loads(c.arguments)}
                for c in message.tool_calls
            ]
        if message.tool_call_id is not None:
            item["tool_call_id"] = message.tool_call_id
            item["function"] = message.name
        out.append(item)
    return out


def _write_inspect(out: Path, cases: list[Case], clauses: TitleOf) -> list[Path]:
    dataset = out / "dataset.jsonl"
    lines = []
    for case in cases:
        meta = _metadata(case)
        meta["checks"] = [
            {"kind": e.kind, "value": e.value, "negate": e.negate}
            for e in case.expectations
            if e.kind != "judge"
        ]
        sample = {
            "id": case.id,
            "input": _inspect_messages(case.messages),
            "target": rubric(case, clauses),
            "metadata": meta,
        }
        lines.append(json.dumps(sample, ensure_ascii=False) + "\n")
    dataset.write_text("".join(lines), encoding="utf-8")
    task = out / "charter_task.py"
    task.write_text(_TASK, encoding="utf-8")
    return [dataset, task]


_TASK = '''"""Written by `charter compile --target inspect`: the spec's cases as an Inspect AI task.

Run: inspect eval charter_task.py --model PROVIDER/MODEL
"""

import json
import re
from pathlib import Path

from inspect_ai import Task, task
from inspect_ai.dataset import json_dataset
from inspect_ai.scorer import CORRECT, INCORRECT, Score, accuracy, model_graded_qa, scorer
from inspect_ai.solver import generate


def _holds(check, text):
    kind, value = check["kind"], check["value"]
    if kind == "contains":
        found = str(value) in text
    elif kind == "icontains":
        found = str(value).lower() in text.lower()
    elif kind == "regex":
        found = re.search(str(value), text) is not None
    elif kind == "equals":
        found = text.strip() == str(value).strip()
    elif kind == "max-length":
        found = len(text) <= int(value)
    else:  # is-json, json-schema: the text parses as JSON
        try:
            json.loads(text)
            found = True
        except ValueError:
            found = False
    return found != check["negate"]


@scorer(metrics=[accuracy()])
def charter_checks():
    """The case's fixed expectations (a case without any passes)."""

    async def score(state, target):
        text = state.output.completion
        failed = [c["kind"] for c in state.metadata.get("checks", []) if not _holds(c, text)]
        value = INCORRECT if failed else CORRECT
        return Score(value=value, explanation="failed: " + ", ".join(failed) if failed else "")

    return score


@task
def charter():
    return Task(
        dataset=json_dataset(str(Path(__file__).parent / "dataset.jsonl")),
        solver=[generate()],
        scorer=[charter_checks(), model_graded_qa()],
    )
'''
