"""Footnote tags and prompt files: dangling tags (C060), orphan prompt files (C061), and
prompt files whose header names a different clause than the one tagging them (C062).

A tag ``[^abcd]`` on a statement of a module links it to ``<examples_dir>/abcd.md`` in
the module's folder; modules in one folder share that examples folder. The truth these
checks compare is purely textual — tags as the parser read them, files as the loader
found them — so they need no heuristics and report every dangling tag and orphan file.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from charter.check import codes
from charter.check.diag import make, related
from charter.check.symbols import SymbolTable
from charter.diagnostics import Diagnostic, Related
from charter.spec.inline import plain_text
from charter.spec.model import Clause, Module, PromptFile, Span


@dataclass(frozen=True, slots=True)
class TagUse:
    module: Module
    clause: Clause
    span: Span  # of the tag itself


Folder = str  # a resolved examples folder


def check_footnotes(table: SymbolTable) -> list[Diagnostic]:
    examples_dir = getattr(table.project.config, "examples_dir", "examples")
    files: dict[Folder, dict[str, PromptFile]] = defaultdict(dict)
    for prompt in table.project.prompt_files:
        files[str(table.folder(prompt.path))].setdefault(prompt.tag, prompt)
    uses, modules = _tag_uses(table, examples_dir)
    found = [
        _dangling(use, tag, examples_dir)
        for folder, by_tag in uses.items()
        for tag, tag_uses in by_tag.items()
        if tag not in files.get(folder, {})
        for use in tag_uses
    ]
    for folder, by_tag in files.items():
        titles = _titles(modules.get(folder, []))
        for tag, prompt in by_tag.items():
            tag_uses = uses.get(folder, {}).get(tag)
            if not tag_uses:
                found.append(_orphan(prompt, titles))
            else:
                found.extend(_title_mismatch(prompt, tag_uses, titles))
    return found


def _tag_uses(
    table: SymbolTable, examples_dir: str
) -> tuple[dict[Folder, dict[str, list[TagUse]]], dict[Folder, list[Module]]]:
    """Every tag use, and the modules, grouped by the examples folder they share."""
    uses: dict[Folder, dict[str, list[TagUse]]] = defaultdict(lambda: defaultdict(list))
    modules: dict[Folder, list[Module]] = defaultdict(list)
    for module in table.project.modules:
        folder = str(table.target(module, examples_dir))
        modules[folder].append(module)
        for clause in module.clauses:
            for statement in clause.statements:
                for tag in dict.fromkeys(statement.tags):
                    span = table.sources.tag_span(statement.span, tag)
                    uses[folder][tag].append(TagUse(module, clause, span))
    return uses, modules


def _dangling(use: TagUse, tag: str, examples_dir: str) -> Diagnostic:
    expected = Path(use.module.path).parent / examples_dir / f"{tag}.md"
    message = (
        f"footnote tag [^{tag}] in #{use.clause.id} ('{use.clause.title}') has no prompt "
        f"file: '{expected.as_posix()}' does not exist"
    )
    return make(codes.C060, message, use.span, clause=use.clause.id)


def _orphan(prompt: PromptFile, titles: dict[str, Clause]) -> Diagnostic:
    message = f"prompt file '{prompt.path}' is not tagged: no statement carries [^{prompt.tag}]"
    others: list[Related] = []
    named = titles.get(normalize_title(prompt.target_title or ""))
    if named is not None:
        message += f"; its header names #{named.id} ('{named.title}') — tag a statement there"
        others.append(related(f"#{named.id}, named by the header of {prompt.path}", named.span))
    return make(codes.C061, message, _header(prompt), others=others)


def _title_mismatch(
    prompt: PromptFile, uses: list[TagUse], titles: dict[str, Clause]
) -> list[Diagnostic]:
    if prompt.target_title is None:
        return []  # no header at all: the parser already said so (P060)
    wanted = normalize_title(prompt.target_title)
    if any(normalize_title(u.clause.title) == wanted for u in uses):
        return []
    tagger = uses[0]
    message = (
        f"prompt file '{prompt.path}' says it holds examples for '{prompt.target_title}', "
        f"but [^{prompt.tag}] is carried by #{tagger.clause.id} ('{tagger.clause.title}')"
    )
    others = [related(f"[^{prompt.tag}] is carried here, in #{u.clause.id}", u.span) for u in uses]
    named = titles.get(wanted)
    if named is not None:
        message += f", not by #{named.id}"
        others.append(related(f"#{named.id} ('{named.title}'), named by the header", named.span))
    else:
        message += "; no clause has that title (was the clause renamed?)"
    return [make(codes.C062, message, _header(prompt), clause=tagger.clause.id, others=others)]


def _header(prompt: PromptFile) -> Span:
    span = prompt.span
    return Span(span.path, span.line, 1, span.line, 1)


def _titles(modules: list[Module]) -> dict[str, Clause]:
    out: dict[str, Clause] = {}
    for module in modules:
        for clause in module.clauses:
            out.setdefault(normalize_title(clause.title), clause)
    return out


def normalize_title(title: str) -> str:
    """Titles compared as readers see them: markup removed, case and spacing folded."""
    return " ".join(plain_text(title).casefold().split()).rstrip(":")
