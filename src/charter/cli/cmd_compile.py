"""``charter compile PATH --target T``: the spec as a system prompt, as training data for a
named trainer, or as a test suite for a peer tool.

The output goes to standard output or ``-o FILE`` (a folder for ``promptfoo`` and
``inspect``); what was written and what was skipped, by reason, goes to standard error --
as one JSON object with ``--format json``. Exit 0; 1 when there is nothing to compile (no
record, no rule, no case: the message says why); 2 when the spec cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

PROMPT = "prompt"
TRAINING = ("openai-sft", "openai-dpo", "trl-sft", "trl-dpo")
EXPORTS = ("promptfoo", "inspect")
TARGETS = (PROMPT, *TRAINING, *EXPORTS)
DESCRIPTION = """Compile a spec project into what a model, a trainer or a peer tool consumes.

  prompt      the system prompt `charter test --with-spec` sends: every rule of every
              normative clause grouped by authority level, definitions first; its
              token count (tokenizer named) goes to stderr
  openai-sft  OpenAI chat fine-tuning JSONL, one record per GOOD candidate
  openai-dpo  OpenAI preference fine-tuning JSONL (input / preferred_output /
              non_preferred_output), one line per (GOOD, BAD) pair of a comparison
  trl-sft     Hugging Face / TRL conversational dataset ("messages")
  trl-dpo     TRL conversational preference dataset (prompt / chosen / rejected,
              all message lists)
  promptfoo   a folder with promptfooconfig.yaml: one test per case, the clause as
              an llm-rubric, GOOD/BAD candidates as references
  inspect     a folder with an Inspect AI dataset (JSONL) and task file

Roles: the training formats have no developer role; developer messages become system
messages where they stand. Placeholder ("[...]") and stage-direction ("[says nothing]")
candidates are skipped unless --keep-placeholders; every skip is counted by reason.
Charter's metadata (clause, authority, source line, reason) goes to --metadata FILE,
line for line, or inline under "charter" with --inline-metadata (trl-* only)."""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "compile",
        help="compile the spec into a system prompt, training data or a peer test suite",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("path", metavar="PATH", help="spec folder, charter.toml or .md file")
    parser.add_argument("--target", choices=TARGETS, required=True, help="what to produce")
    parser.add_argument("-o", "--output", metavar="PATH", help="file (folder for exports)")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="the stats on stderr: a line of text, or one JSON object",
    )
    parser.add_argument(
        "--provider",
        metavar="ID",
        help="promptfoo: the provider id of the model under test and grader "
        "(default: openai:chat:gpt-4.1-mini)",
    )
    _training_options(parser)
    _prompt_options(parser)
    parser.set_defaults(handler=run)


def _training_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--metadata", metavar="FILE", help="training: write metadata to FILE")
    parser.add_argument(
        "--inline-metadata", action="store_true", help='trl-*: metadata under "charter"'
    )
    parser.add_argument(
        "--keep-placeholders",
        action="store_true",
        help="training: keep placeholder and stage-direction candidates",
    )
    parser.add_argument(
        "--with-spec",
        action="store_true",
        help="training: put the compiled prompt first, as a system message",
    )


def _prompt_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--module", action="append", default=[], help="prompt: only module ID")
    parser.add_argument("--level", action="append", default=[], help="prompt: only level L")
    parser.add_argument("--tag", action="append", default=[], help="prompt: only clauses tagged T")
    parser.add_argument(
        "--budget", type=int, metavar="TOKENS", help="prompt: drop the lowest levels to fit"
    )
    parser.add_argument(
        "--inline-refs", action="store_true", help="prompt: [?](#id) as title and first rule"
    )


def run(args: argparse.Namespace) -> int:
    from charter.cli.common import exit_code, load_project
    from charter.cli.output import format_diagnostics, use_colour
    from charter.diagnostics import sort_diagnostics
    from charter.errors import InputError

    project = load_project(args.path)
    if exit_code(project.diagnostics) == 2:
        fatal = [d for d in sort_diagnostics(project.diagnostics) if d.severity.value == "error"]
        print(format_diagnostics(fatal, "text", colour=use_colour(sys.stderr)), file=sys.stderr)
        return 2
    if not project.modules:
        print(f"charter: error: no spec modules found in {args.path}", file=sys.stderr)
        return 2
    if args.inline_metadata and not args.target.startswith("trl-"):
        raise InputError("--inline-metadata is for trl-* targets; OpenAI rejects extra keys")
    if args.target == PROMPT:
        return _prompt(project, args)
    if args.target in TRAINING:
        return _training(project, args)
    return _export(project, args)


def _options(args: argparse.Namespace) -> Any:
    from charter.compile import PromptOptions

    return PromptOptions(
        tuple(args.module), tuple(args.level), tuple(args.tag), args.budget, args.inline_refs
    )


def _prompt(project: Any, args: argparse.Namespace) -> int:
    from charter.cli.output import emit
    from charter.cli.terminal import printable
    from charter.compile import compile_prompt

    compiled = compile_prompt(project, options=_options(args))
    stats = {
        "target": PROMPT,
        "clauses": compiled.clauses,
        "tokens": compiled.tokens,
        "tokenizer": compiled.tokenizer,
        "exact": compiled.exact,
        "dropped_levels": list(compiled.dropped_levels),
        "dropped": list(compiled.dropped),
    }
    if compiled.clauses == 0 and compiled.dropped:
        why = (
            f"--budget {args.budget} fits none of the {len(compiled.dropped)} clause(s) "
            f"selected (the prompt's fixed text alone is {compiled.tokens} tokens)"
        )
        return _nothing(args, stats, why)
    if compiled.clauses == 0:
        return _nothing(args, stats, "no normative clause matches the selection")
    # spec text shown on a terminal is escaped; piped or written, the prompt stays exact
    to_terminal = args.output is None and sys.stdout.isatty()
    emit(printable(compiled.text) if to_terminal else compiled.text, args.output)
    line = f"{compiled.clauses} clauses, {compiled.tokens} tokens ({compiled.tokenizer})"
    if compiled.dropped:
        levels = ", ".join(compiled.dropped_levels) or "none whole"
        line += f"; over budget, dropped {len(compiled.dropped)} clauses (levels: {levels}): "
        line += ", ".join(compiled.dropped)
    _report(args, stats, line)
    return 0


def _training(project: Any, args: argparse.Namespace) -> int:
    from charter.cli.output import emit
    from charter.compile import Gates, collect, compile_prompt, write

    system = compile_prompt(project, options=_options(args)).text if args.with_spec else None
    records = collect(project, Gates(args.keep_placeholders), system_prompt=system)
    out = write(records, args.target, inline_metadata=args.inline_metadata)
    pairs = args.target.endswith("-dpo")
    skipped = records.reasons(pairs) + out.skipped
    noun = "pairs" if pairs else "records"
    stats = {
        "target": args.target,
        noun: len(out.lines),
        "skipped": {reason: n for reason, n in sorted(skipped.items()) if n},
    }
    if not out.lines:
        return _nothing(args, stats, f"0 {noun}: every candidate was skipped or none exists")
    if args.output is None:
        sys.stdout.write(out.jsonl())
    else:
        _write_file(args.output, out.jsonl())
    if args.metadata:
        emit(out.sidecar(), args.metadata)
    skips = ", ".join(f"{n} {reason}" for reason, n in stats["skipped"].items())
    line = f"{len(out.lines)} {args.target} {noun} written" + (
        f"; skipped: {skips}" if skips else ""
    )
    _report(args, stats, line)
    return 0


def _export(project: Any, args: argparse.Namespace) -> int:
    from charter.compile.exports import DEFAULT_PROVIDER, export
    from charter.errors import InputError

    if not args.output:
        raise InputError(f"--target {args.target} writes a folder: give it with -o DIR")
    written = export(project, args.target, args.output, args.provider or DEFAULT_PROVIDER)
    stats = {"target": args.target, "cases": written.cases, "files": list(written.files)}
    if written.cases == 0:
        return _nothing(args, stats, "no testable case in the spec")
    _report(args, stats, f"{written.cases} cases written to {', '.join(written.files)}")
    return 0


def _nothing(args: argparse.Namespace, stats: dict[str, Any], why: str) -> int:
    stats["error"] = f"nothing to compile: {why}"
    _report(args, stats, f"error: nothing to compile: {why}")
    return 1


def _report(args: argparse.Namespace, stats: dict[str, Any], line: str) -> None:
    if args.format == "json":
        print(json.dumps(stats, ensure_ascii=False, sort_keys=True), file=sys.stderr)
    else:
        print(f"charter: {line}", file=sys.stderr)


def _write_file(output: str, text: str) -> None:
    """JSONL to FILE; an empty dataset is an empty file, not a blank line."""
    from pathlib import Path

    from charter.errors import InputError

    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {output}: {exc.strerror or exc}") from exc
