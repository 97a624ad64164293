"""Testability rules: normative clauses without tests, and examples a judge cannot use.

A clause with authority is tested (DESIGN §1); these rules say where the material for
testing it — examples, prompt files, test blocks, GOOD and BAD references — is missing.
"""

from __future__ import annotations

from collections.abc import Iterator

from charter.diagnostics import Diagnostic, Fix
from charter.lint.context import ModuleContext
from charter.lint.language import only_describes
from charter.lint.rules import Rule
from charter.spec.model import Clause, Example, Verdict, testable


def no_test(ctx: ModuleContext, rule: Rule) -> Iterator[Diagnostic]:
    """A testable clause with statements but no example, prompt file or test block."""
    for clause in ctx.module.clauses:
        if not testable(clause) or not clause.statements:
            continue
        if clause.examples or clause.test_blocks or ctx.prompts_for(clause):
            continue
        if only_describes(ctx.project, clause):
            continue  # nothing to test (L301 asks for a rule when the heading gave authority)
        count = len(clause.statements)
        yield ctx.at_clause(
            rule, clause, count=count, term=clause.authority or "", fix=_skeleton(clause)
        )


SKELETON = """
**Example**: {title}

~~~xml
<user>A prompt that tests this clause.</user>
<comparison>
<assistant><!-- GOOD -->A response that follows the clause.</assistant>
<assistant><!-- BAD: why it breaks the clause -->A tempting response that does not.</assistant>
</comparison>
~~~
"""


def _skeleton(clause: Clause) -> Fix:
    """Insert an example skeleton after the clause body (an LSP quick fix)."""
    at = clause.body_end_line + 1
    text = SKELETON.format(title=f"{clause.title.lower()}: a first case")
    return Fix("insert an example skeleton after the clause", text, at, 1, at, 1)


def _examples(ctx: ModuleContext) -> Iterator[tuple[Clause, Example]]:
    for clause in ctx.module.clauses:
        if testable(clause):
            for example in clause.examples:
                yield clause, example


def _at_example(ctx: ModuleContext, rule: Rule, clause: Clause, example: Example) -> Diagnostic:
    span = example.span
    return ctx.at_clause(
        rule, clause, line=span.line, col=span.col, term=example.title or "(untitled)"
    )


def _verdicts(example: Example) -> set[Verdict]:
    return {c.verdict for c in example.candidates if c.verdict is not None}


def no_bad_candidate(ctx: ModuleContext, rule: Rule) -> Iterator[Diagnostic]:
    for clause, example in _examples(ctx):
        if example.candidates and Verdict.BAD not in _verdicts(example):
            yield _at_example(ctx, rule, clause, example)


def no_comparison(ctx: ModuleContext, rule: Rule) -> Iterator[Diagnostic]:
    for clause, example in _examples(ctx):
        if not example.candidates and example.messages:
            yield _at_example(ctx, rule, clause, example)


def no_prompt(ctx: ModuleContext, rule: Rule) -> Iterator[Diagnostic]:
    for clause, example in _examples(ctx):
        if example.candidates and not any(m.role != "assistant" for m in example.messages):
            yield _at_example(ctx, rule, clause, example)


def bad_without_reason(ctx: ModuleContext, rule: Rule) -> Iterator[Diagnostic]:
    """Once per clause, at the first BAD candidate without a reason (with the count)."""
    for clause in ctx.module.clauses:
        if not testable(clause):
            continue
        silent = [
            (example, c)
            for example in clause.examples
            for c in example.candidates
            if c.verdict is Verdict.BAD and not c.reason.strip()
        ]
        if silent:
            example, first = silent[0]
            yield ctx.at_clause(
                rule,
                clause,
                line=first.span.line,
                col=first.span.col,
                term=example.title or "(untitled)",
                count=len(silent),
            )
