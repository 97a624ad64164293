"""Test case ids and fingerprints: which cases a clause yields, and what each one depends on.

**The case id scheme** (one function, :func:`case_id`, that the test runner reuses):
``<module id>/<clause id>/<kind>-<n>``, where kind-n is

- ``example-<n>``: the n-th ``**Example**`` of the clause (1-based, document order);
- ``prompt-<tag>-<n>``: the n-th example of the prompt file ``examples/<tag>.md`` that a
  statement of the clause tags with ``[^tag]``;
- ``test-<id>`` for a ``yaml test`` block with an ``id``, else ``test-<n>`` (its 1-based
  position among the clause's test blocks).

e.g. ``model_spec/assume_best_intentions/example-2``,
``model_spec/assume_best_intentions/prompt-a93s-1``.

Only the clauses the runner tests yield cases (:func:`testable`: normative, not abstract,
not deprecated; see :func:`charter.spec.model.testable`), and only examples with a user message
(the runner has nothing to send otherwise) — the same set as ``charter.run.plan``.

A case's *fingerprint* hashes, in normalised form, everything that decides how it is run
and graded: its conversation, its GOOD/BAD references or expectations, and the clause
context: title, authority, statements (in any order: the diff does not report reordered
statements either), and the ``status``, ``abstract``, ``overrides`` and ``implements``
attributes. Two versions of a case with the same id and fingerprint need not be re-run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from charter.diff.text import normalize
from charter.hashing import digest_json
from charter.spec.caseids import case_id as case_id  # the one spelling, shared with run
from charter.spec.model import Clause, Example, Module, Project, PromptFile, TestBlock
from charter.spec.model import testable as testable  # the shared rule, re-exported

PromptLinks = dict[tuple[str, str], tuple[PromptFile, ...]]


@dataclass(frozen=True, slots=True)
class CaseRef:
    """A case of a clause: its id, which part of the clause it comes from, its fingerprint."""

    id: str
    kind: str  # example, prompt, test
    fingerprint: str
    content: str  # the fingerprint of the case alone, without the clause context


def example_data(example: Example) -> list[Any]:
    """A normalised, JSON-ready form of an example: what makes two examples the same."""
    return [
        normalize(example.title),
        normalize(example.description),
        [[m.role, sorted(m.attrs), normalize(m.content)] for m in example.messages],
        [
            [
                c.verdict.value if c.verdict else None,
                normalize(c.reason),
                list(c.refs),
                normalize(c.content),
            ]
            for c in example.candidates
        ],
    ]


def test_data(block: TestBlock) -> list[Any]:
    return [block.id, normalize(block.raw)]


def clause_context(clause: Clause) -> list[Any]:
    """What decides how a clause's cases are judged, besides each case itself."""
    return [
        normalize(clause.title),
        clause.authority,
        sorted([normalize(s.text), s.modality.value] for s in clause.statements),
        [clause.status, clause.abstract],
        sorted(f"{r.kind.value}:{r.file or ''}#{r.target}" for r in clause.overrides),
        sorted(f"{r.kind.value}:{r.file or ''}#{r.target}" for r in clause.implements),
    ]


def digest(data: Any) -> str:
    return digest_json(data, 12)


def prompt_links(project: Project) -> PromptLinks:
    """``Project.prompts_for`` for every clause at once: (module id, clause id) → files.
    The first module with a given id wins, as everywhere else in the diff."""
    links: PromptLinks = {}
    for module in project.modules:
        for clause in module.clauses:
            links.setdefault((module.id, clause.id), project.prompts_for(module, clause))
    return links


def _sendable(example: Example) -> bool:
    """The runner's rule (``charter.run.plan``): an example is sent when its final turn
    has any message, a developer or system message alone included."""
    from charter.spec.dialogue import final_turn

    return bool(final_turn(example).dialogue.messages)


def clause_cases(
    project: Project, module: Module, clause: Clause, links: PromptLinks | None = None
) -> list[CaseRef]:
    """The cases a clause yields, in id order (examples, prompt files, test blocks)."""
    if not testable(clause):
        return []
    context = clause_context(clause)
    raw: list[tuple[str, str, Any]] = []
    for n, example in enumerate(clause.examples, 1):
        if _sendable(example):
            cid = case_id(module.id, clause.id, "example", n)
            raw.append((cid, "example", example_data(example)))
    prompts = (
        links.get((module.id, clause.id), ())
        if links is not None
        else project.prompts_for(module, clause)
    )
    for prompt in prompts:
        for n, example in enumerate(prompt.examples, 1):
            if _sendable(example):
                cid = case_id(module.id, clause.id, "prompt", n, tag=prompt.tag)
                raw.append((cid, "prompt", example_data(example)))
    for n, block in enumerate(clause.test_blocks, 1):
        cid = case_id(module.id, clause.id, "test", block.id or n)
        raw.append((cid, "test", test_data(block)))
    return [CaseRef(cid, kind, digest([context, data]), digest(data)) for cid, kind, data in raw]
