"""The spec model as plain JSON-ready data (the shape of DESIGN §3, ``"format": 1``)."""

from __future__ import annotations

from typing import Any

from charter.spec.model import (
    Candidate,
    Clause,
    Example,
    Message,
    Module,
    Project,
    PromptFile,
    Reference,
    Statement,
    TestBlock,
)

FORMAT_VERSION = 1


def message_to_dict(m: Message) -> dict[str, Any]:
    return {"role": m.role, "attrs": dict(m.attrs), "content": m.content, "line": m.span.line}


def candidate_to_dict(c: Candidate) -> dict[str, Any]:
    return {
        "verdict": c.verdict.value if c.verdict else None,
        "reason": c.reason,
        "refs": list(c.refs),
        "content": c.content,
        "attrs": dict(c.attrs),
        "line": c.span.line,
    }


def example_to_dict(e: Example) -> dict[str, Any]:
    return {
        "title": e.title,
        "description": e.description,
        "line": e.span.line,
        "messages": [message_to_dict(m) for m in e.messages],
        "candidates": [candidate_to_dict(c) for c in e.candidates],
    }


def statement_to_dict(s: Statement) -> dict[str, Any]:
    return {
        "text": s.text,
        "line": s.span.line,
        "col": s.span.col,
        "modality": s.modality.value,
        "polarity": s.polarity.value,
        "tags": list(s.tags),
    }


def test_block_to_dict(t: TestBlock) -> dict[str, Any]:
    return {
        "id": t.id,
        "line": t.span.line,
        "prompt": t.prompt,
        "messages": [{"role": m.role, "content": m.content} for m in t.messages],
        "expect": [{"kind": e.kind, "negate": e.negate, "value": e.value} for e in t.expect],
    }


def prompt_to_dict(p: PromptFile) -> dict[str, Any]:
    return {
        "tag": p.tag,
        "path": p.path,
        "target_title": p.target_title,
        "examples": [example_to_dict(e) for e in p.examples],
    }


def _target(ref: Reference) -> str:
    """An attribute target as an id, qualified with its file when it has one."""
    return f"{ref.file}#{ref.target}" if ref.file else ref.target


def clause_to_dict(c: Clause, prompts: tuple[PromptFile, ...] = ()) -> dict[str, Any]:
    return {
        "id": c.id,
        "title": c.title,
        "level": c.level,
        "authority": c.authority,
        "own_authority": c.own_authority,
        "normative": c.normative,
        "parent": c.parent,
        "children": list(c.children),
        "line": c.span.line,
        "end_line": c.body_end_line,
        "id_explicit": c.id_explicit,
        "overrides": [_target(r) for r in c.overrides],
        "implements": [_target(r) for r in c.implements],
        "abstract": c.abstract,
        "status": c.status,
        "tags": list(c.tags),
        "statements": [statement_to_dict(s) for s in c.statements],
        "examples": [example_to_dict(e) for e in c.examples],
        "prompts": [prompt_to_dict(p) for p in prompts],
        "test_blocks": [test_block_to_dict(t) for t in c.test_blocks],
        "references": [
            {
                "kind": r.kind.value,
                "target": r.target,
                "file": r.file,
                "line": r.span.line,
                "col": r.span.col,
            }
            for r in c.references
        ],
        "definitions": [
            {"term": d.term, "meaning": d.meaning, "line": d.span.line} for d in c.definitions
        ],
    }


def module_to_dict(m: Module, project: Project | None = None) -> dict[str, Any]:
    return {
        "id": m.id,
        "path": m.path,
        "title": m.title,
        "version": m.version,
        "imports": list(m.imports),
        "levels": list(m.levels),
        "owner": m.owner,
        "clauses": [
            clause_to_dict(c, project.prompts_for(m, c) if project else ()) for c in m.clauses
        ],
    }


def project_to_dict(project: Project, diagnostics: list[dict[str, Any]]) -> dict[str, Any]:
    linked = {p.path for m in project.modules for c in m.clauses for p in project.prompts_for(m, c)}
    return {
        "format": FORMAT_VERSION,
        "root": project.root,
        "modules": [module_to_dict(m, project) for m in project.modules],
        "unlinked_prompts": [
            prompt_to_dict(p) for p in project.prompt_files if p.path not in linked
        ],
        "diagnostics": diagnostics,
    }
