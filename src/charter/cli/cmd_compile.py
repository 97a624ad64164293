"""``charter compile PATH --target prompt|sft|dpo``: the spec as a system prompt or as
training data (JSONL).

The output goes to standard output or ``-o FILE``; the token estimate (prompt) or a
one-line summary of records written and skipped (sft, dpo) goes to standard error.
Exit 0, or 2 when the spec cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

TARGETS = ("prompt", "sft", "dpo")
DESCRIPTION = """Compile a spec project into what a model consumes.

  prompt  the system prompt `charter test --with-spec` sends: each normative clause's
          title, id, authority and statements; its estimated tokens go to stderr
  sft     JSONL, one chat record (OpenAI fine-tuning format) per GOOD candidate of
          every example of a normative clause: the conversation, then the GOOD
          response, with "clause", "authority", "source" and a "rationale" citing it
  dpo     JSONL, one preference pair per (GOOD, BAD) candidate pair of a comparison:
          "prompt" (messages), "chosen", "rejected", "clause", "rejected_reason",
          "rejected_refs"

OK candidates, candidates without a verdict, and examples of informative or
deprecated clauses are skipped (counted on stderr). Output order is document order."""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "compile",
        help="compile the spec into a system prompt, SFT records or DPO pairs",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("path", metavar="PATH", help="spec folder, charter.toml or .md file")
    parser.add_argument("--target", choices=TARGETS, required=True, help="what to produce")
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write the output to FILE instead of standard output"
    )
    parser.add_argument(
        "--with-spec",
        action="store_true",
        help="sft, dpo: put the compiled spec prompt first, as a system message "
        '(records then carry "with_spec": true)',
    )
    parser.add_argument(
        "--developer-role",
        choices=("developer", "system"),
        default="developer",
        help="sft, dpo: the chat role of developer messages (default: developer)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from charter.cli.common import exit_code, load_project
    from charter.cli.output import emit, format_diagnostics, use_colour
    from charter.cli.terminal import printable
    from charter.compile import Options, compile_prompt, dpo_records, sft_records
    from charter.diagnostics import sort_diagnostics

    project = load_project(args.path)
    if exit_code(project.diagnostics) == 2:
        fatal = [d for d in sort_diagnostics(project.diagnostics) if d.severity.value == "error"]
        print(format_diagnostics(fatal, "text", colour=use_colour(sys.stderr)), file=sys.stderr)
        return 2
    if not project.modules:
        print(f"charter: error: no spec modules found in {args.path}", file=sys.stderr)
        return 2
    compiled = compile_prompt(project)
    if args.target == "prompt":
        to_terminal = args.output is None and sys.stdout.isatty()
        emit(printable(compiled.text) if to_terminal else compiled.text, args.output)
        print(
            f"charter: {compiled.clauses} clauses, about {compiled.tokens} tokens (estimated)",
            file=sys.stderr,
        )
        return 0
    options = Options(
        developer_role=args.developer_role,
        system_prompt=compiled.text if args.with_spec else None,
    )
    if args.target == "sft":
        data, noun = sft_records(project, options), "SFT records"
    else:
        data, noun = dpo_records(project, options), "DPO pairs"
    _write(data.jsonl(), args.output)
    print(f"charter: {data.summary(noun)}", file=sys.stderr)
    return 0


def _write(text: str, output: str | None) -> None:
    """JSONL to stdout or FILE; an empty dataset is an empty file, not a blank line."""
    from pathlib import Path

    from charter.errors import InputError

    if output is None:
        sys.stdout.write(text)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {output}: {exc.strerror or exc}") from exc
