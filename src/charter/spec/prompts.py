"""Prompt files: ``examples/<tag>.md`` holding challenging prompts for one tagged statement.

The first line reads ``Examples for [^tag] in <clause title>:``; then come examples in
the usual ``**Example**: title`` + ``~~~xml`` form, usually without candidate responses.
"""

from __future__ import annotations

import re
from pathlib import Path

from charter.diagnostics import Diagnostic
from charter.spec import codes
from charter.spec.diag import make
from charter.spec.model import PromptFile, Span
from charter.spec.parse import normalize, walk_text

_HEADER = re.compile(r"^Examples for \[\^([A-Za-z0-9_-]+)\] in (.+?):?\s*$")


def parse_prompt_file(text: str, path: str) -> tuple[PromptFile, list[Diagnostic]]:
    """Parse a prompt file; the tag is the file's stem, checked against the header."""
    text = normalize(text)
    tag = Path(path).stem
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    diags: list[Diagnostic] = []
    target: str | None = None
    header_line = (first or 0) + 1
    if first is None:
        diags.append(make(codes.P062, "prompt file is empty", path))
    else:
        m = _HEADER.match(lines[first].strip())
        if m is None:
            diags.append(
                make(
                    codes.P060,
                    f"first line should read 'Examples for [^{tag}] in <section title>:'",
                    path,
                    header_line,
                )
            )
        else:
            target = m.group(2).strip()
            if m.group(1) != tag:
                diags.append(
                    make(
                        codes.P061,
                        f"header names [^{m.group(1)}] but the file is '{tag}.md'",
                        path,
                        header_line,
                    )
                )
    walker, _front, walk_diags = walk_text(text, path)
    diags.extend(walk_diags)
    examples = tuple(walker.loose_examples) + tuple(
        e for clause in walker.clauses for e in clause.examples
    )
    if first is not None and not examples:
        diags.append(
            make(codes.P062, "prompt file holds no '**Example**:' conversation", path, header_line)
        )
    span = Span(path, header_line, 1, len(lines), 1)
    return PromptFile(tag, path, target, examples, span), diags
