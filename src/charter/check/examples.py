"""Example checks: a comparison with no acceptable candidate (C051), and ``BAD[#id]`` refs
in prompt files that resolve to no clause (C050).

``BAD[#id]`` refs inside a module's own examples are checked with the module's other
references (:mod:`charter.check.references`); a prompt file belongs to no module, so its
refs resolve against the modules whose examples folder holds it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from charter.check import codes
from charter.check.diag import make, related
from charter.check.symbols import SymbolTable
from charter.diagnostics import Diagnostic
from charter.spec.model import Example, Module, PromptFile, Verdict

ACCEPTABLE = frozenset({Verdict.GOOD, Verdict.OK})


def check_examples(table: SymbolTable) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for owner, clause_id, example in _all_examples(table):
        found.extend(_no_good(owner, clause_id, example))
    owners = _owners(table)
    for prompt in table.project.prompt_files:
        if any(c.refs for e in prompt.examples for c in e.candidates):
            found.extend(_prompt_refs(table, prompt, owners.get(table.folder(prompt.path), [])))
    return found


def _all_examples(table: SymbolTable) -> Iterator[tuple[str, str | None, Example]]:
    for module in table.project.modules:
        for clause in module.clauses:
            for example in clause.examples:
                yield f"#{clause.id} ('{clause.title}')", clause.id, example
    for prompt in table.project.prompt_files:
        for example in prompt.examples:
            yield f"prompt file '{prompt.path}'", None, example


def _no_good(owner: str, clause_id: str | None, example: Example) -> list[Diagnostic]:
    verdicts = [c.verdict for c in example.candidates]
    if not verdicts or None in verdicts or any(v in ACCEPTABLE for v in verdicts):
        return []  # no comparison, or one the parser already flagged (P036)
    message = (
        f"example '{example.title}' in {owner} compares {len(verdicts)} candidate(s), none "
        "marked GOOD or OK, so it never shows an acceptable response"
    )
    others = [related("a BAD candidate", c.span) for c in example.candidates[:3]]
    return [make(codes.C051, message, example.span, clause=clause_id, others=others)]


def _prompt_refs(table: SymbolTable, prompt: PromptFile, owners: list[Module]) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for example in prompt.examples:
        for candidate in example.candidates:
            for target in candidate.refs:
                if any(table.resolve_id(m, target).found for m in owners):
                    continue
                message = (
                    f"BAD[#{target}] in example '{example.title}' of prompt file "
                    f"'{prompt.path}' does not resolve: no clause '{target}' in "
                    + (", ".join(f"'{m.path}'" for m in owners) or "any module of its folder")
                )
                found.append(make(codes.C050, message, candidate.span))
    return found


def _owners(table: SymbolTable) -> dict[Path, list[Module]]:
    """Modules by the examples folder they share."""
    examples_dir = getattr(table.project.config, "examples_dir", "examples")
    owners: dict[Path, list[Module]] = defaultdict(list)
    for module in table.project.modules:
        owners[table.target(module, examples_dir)].append(module)
    return owners
