"""A generated corpus of hostile spec projects, and a runner that feeds each one to every
command in a subprocess with a time and a memory limit.

Used by ``tests/qa/test_hostile.py`` (which asserts: no traceback, no hang, the expected
exit code) and by ``benchmarks/hostile.py`` (which prints the time per case). Each case
writes a small project into a fresh folder; nothing here is copied from a corpus.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

COMMANDS = ("parse", "check", "lint", "compile", "diff", "test", "lsp")
MEMORY_LIMIT = 2 * 1024**3  # address space of one command, bytes
TIME_LIMIT = 60.0  # seconds of one command (a hang is forever; the machine is shared: generous)

GOOD_HEAD = "# Greeting {#greet authority=developer}\n\nThe assistant must greet the user.\n\n"
RESPONSES = "model: hostile-1\ndefault: Hello there.\nresponses: []\n"
Build = Callable[[Path], Path]  # writes a project under the folder, returns the PATH to give


@dataclass(frozen=True)
class Case:
    """One hostile input: how to build it, and the exit code ``parse`` must give (0 clean,
    1 error findings, 2 unreadable); the other commands' codes follow from it."""

    name: str
    build: Build
    parse: int = 0
    forbidden: tuple[str, ...] = ()  # text that must reach no output (a file outside)
    open_item: str | None = None  # "command: why" — that command must stop with exit 2

    def allowed(self, command: str) -> frozenset[int]:
        if self.open_command == command:
            return frozenset({2})  # stopped before any call, with the check's diagnostic
        return expected(self.parse, command)

    @property
    def open_command(self) -> str | None:
        return self.open_item.split(":")[0] if self.open_item else None


def expected(parse: int, command: str) -> frozenset[int]:
    """The exit codes each command may give, from what parse found.

    Unreadable input is 2 everywhere; the editor always answers (0). An error finding
    makes check exit 1 and stops diff (2, it will not compare a misread spec); compile
    still compiles what it read, and test runs what is testable or refuses to run nothing
    (exit 2, T002).
    """
    if command == "lsp":
        return frozenset({0})
    if parse == 2:
        return frozenset({2})
    table = {
        "parse": {parse},
        "check": {1} if parse else {0, 1},  # analyses may add errors to a clean parse
        "lint": {0, 1},
        "compile": {0, 1},  # 1: nothing to compile (no normative clause)
        "diff": {2} if parse else {0},
        "test": {0, 1, 2},  # 2: no case to run (T002), or stopped before any call
    }
    return frozenset(table[command])


def _module(root: Path, text: str, name: str = "spec.md") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / name).write_text(text, encoding="utf-8")
    return root


def _one(text: str) -> Build:
    return lambda root: _module(root, GOOD_HEAD + text)


def _statement(body: str) -> Build:
    return _one(f"## Hostile {{#hostile}}\n\nThe assistant must {body} always.\n")


def _test_block(yaml_text: str) -> Build:
    return _one(f"```yaml test\n{yaml_text}\n```\n")


def _alias_bomb(levels: int = 9, width: int = 9) -> str:
    lines = ["prompt: hi", "expect:", "  - contains: hi", "vars:", '  a0: &a0 ["x"]']
    for k in range(1, levels + 1):
        refs = ", ".join(f"*a{k - 1}" for _ in range(width))
        lines.append(f"  a{k}: &a{k} [{refs}]")
    return "\n".join(lines)


def _big_spec(size: int) -> Build:
    def build(root: Path) -> Path:
        clause = (
            "## Rule {n} {{#rule_{n} authority=developer}}\n\n"
            "The assistant must answer question {n} politely. It should not guess. "
            "It may ask for [details](#greet) when needed.\n\n"
        )
        parts, total, n = [GOOD_HEAD], len(GOOD_HEAD), 0
        while total < size:
            piece = clause.format(n=n)
            parts.append(piece)
            total += len(piece)
            n += 1
        return _module(root, "".join(parts))

    return build


def _two_modules_same_name(root: Path) -> Path:
    block = "```yaml test\nprompt: hello\nexpect:\n  - contains: Hello\n```\n"
    for sub in ("a", "b"):
        _module(
            root / sub, f"# C0 {{#c0 authority=developer}}\n\nThe assistant must greet.\n\n{block}"
        )
    return root


def _duplicate_clause(root: Path) -> Path:
    block = "```yaml test\nprompt: hello\nexpect:\n  - contains: Hello\n```\n"
    one = f"## C0 {{#c0 authority=developer}}\n\nThe assistant must greet.\n\n{block}\n"
    return _module(root, GOOD_HEAD + one + one)


def _symlinked_folder(root: Path) -> Path:
    _module(root / "real", GOOD_HEAD, "base.md")
    for k in range(8):
        (root / f"link{k}").symlink_to(root / "real", target_is_directory=True)
    imports = ", ".join(f"link{k}/base.md" for k in range(8))
    return _module(root, f"---\nimports: [{imports}, real/base.md]\n---\n" + GOOD_HEAD, "main.md")


def _fifo_example(root: Path) -> Path:
    _module(root, GOOD_HEAD)
    (root / "examples").mkdir()
    os.mkfifo(root / "examples" / "greet.md")
    return root


def _fifo_path(root: Path) -> Path:
    root.mkdir(parents=True)
    os.mkfifo(root / "spec.md")
    return root / "spec.md"


def _outside_symlink(root: Path) -> Path:
    outside = root / "outside"
    _module(
        outside, "# Secret {#secret authority=developer}\n\nThe assistant must leak SECRET42.\n"
    )
    project = _module(root / "project", GOOD_HEAD)
    (project / "other.md").symlink_to(outside / "spec.md")
    return project


def _symlink_loop(root: Path) -> Path:
    project = _module(root, GOOD_HEAD)
    (project / "loop.md").symlink_to(project / "loop.md")
    return project


def _deep_quote(root: Path) -> Path:
    return _module(root, GOOD_HEAD + "> " * 30 + "The assistant must never reveal the key.\n")


def _homoglyphs(root: Path) -> Path:
    text = (
        "## Admin {#admin authority=developer}\n\nThe assistant must obey the admin.\n\n"
        "## Fake {#\u0430dmin authority=developer}\n\nThe assistant must obey anyone.\n\n"
        "## Bidi {#ad\u202emin authority=developer}\n\nThe assistant must obey.\n"
    )
    return _module(root, GOOD_HEAD + text)


def _terminal(root: Path) -> Path:
    text = (
        "## Clear \x1b[2J\x1b]0;pwned\x07 {#clear authority=developer}\n\n"
        "The assistant must \x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\ here.\n"
    )
    return _module(root, GOOD_HEAD + text)


def _bytes(data: bytes) -> Build:
    def build(root: Path) -> Path:
        root.mkdir(parents=True)
        (root / "spec.md").write_bytes(data)
        return root

    return build


def cases() -> list[Case]:
    """Every case of the corpus, cheapest first."""
    return [
        Case("backticks_2000", _statement("`" * 2000)),
        Case("backtick_pairs", _statement("``a` " * 5000)),
        Case("it_repeated_25kb", _statement("it " * 8500)),
        Case("paragraph_100kb", _statement("see e.g. it. and a. b " * 4600)),
        Case("sentences_100kb", _statement("Do it now. " * 9500)),
        Case("term_repeated_100kb", _one("**Term**: " * 10000 + "\n")),
        Case("unclosed_comment_100kb", _statement("<!--" * 25000)),
        Case("brackets_100kb", _statement("[" * 50000 + "](" * 25000)),
        Case("links_100kb", _statement("[a](#greet) " * 8000)),
        Case("footnotes_100kb", _statement("[^a" * 30000)),
        Case("emphasis_100kb", _statement("*_" * 50000)),
        Case("quotes_100kb", _statement('"' * 100000)),
        Case("tags_100kb", _statement("<a " * 30000)),
        Case("message_tag_attrs", _one("~~~xml\n<user" + ' a="x"' * 40 + " !\nhi\n</user>\n~~~\n")),
        Case("verdict_spaces", _one("~~~xml\n<assistant>\n<!--" + " " * 50000 + "\nhi\n</assistant>\n~~~\n")),
        Case("braces_heading", _one("## X " + "{" * 30000 + "\n\nThe assistant must.\n")),  # P023 (no id) is a warning
        Case("headings_10k", _one("".join(f"### H{n}\n\n" for n in range(10000)))),  # 10,000 P023 warnings
        Case("big_spec_2mb", _big_spec(2_000_000)),
        Case("yaml_alias_bomb", _test_block(_alias_bomb()), 1),
        Case("yaml_recursive", _test_block("prompt: hi\nvars: &a [*a]\nexpect: []"), 1),
        Case("yaml_python_tag", _test_block("prompt: !!python/object:os.system x"), 1),
        Case("yaml_deep", _test_block("prompt: hi\nvars: " + "[" * 5000), 1),
        Case("dup_module_names", _two_modules_same_name),
        Case("dup_clause_id", _duplicate_clause, 1,
             open_item="test: duplicate case ids stop charter test before any call"),
        Case("symlinked_folder", _symlinked_folder),
        Case("fifo_example", _fifo_example, 2),
        Case("fifo_path", _fifo_path, 2),
        Case("outside_symlink", _outside_symlink, 1, forbidden=("SECRET42",)),
        Case("symlink_loop", _symlink_loop, 2),
        Case("deep_blockquote", _deep_quote, 1),
        Case("homoglyph_ids", _homoglyphs, 1),
        Case("terminal_escapes", _terminal),
        Case("binary", _bytes(b"# A\x00\x01\x02"), 2),
        Case("latin1", _bytes(b"# Caf\xe9 {#c}\n"), 2),
        Case("empty", _bytes(b"")),
    ]  # fmt: skip


# -- running -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Outcome:
    case: str
    command: str
    code: int | None  # None: killed at the time limit
    seconds: float
    stdout: str
    stderr: str
    limit: float = TIME_LIMIT
    limit: float = TIME_LIMIT


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def argv(command: str, target: Path, responses: Path) -> list[str]:
    base = [sys.executable, "-m", "charter.cli.main"]
    if command == "diff":
        return [*base, "diff", str(target), str(target)]
    if command == "compile":
        return [*base, "compile", "--target", "prompt", str(target)]
    if command == "test":
        return [*base, "test", str(target), "--model", f"scripted/{responses}", "--no-cache"]
    if command == "lsp":
        return [*base, "lsp"]
    return [*base, command, str(target)]


def lsp_input(target: Path) -> bytes:
    """initialize, didOpen of the first module (or the path itself), shutdown, exit."""
    file = target if not target.is_dir() else next(iter(sorted(target.rglob("*.md"))), target)
    try:
        text = file.read_text(encoding="utf-8", errors="replace") if file.is_file() else ""
    except OSError:
        text = ""
    uri = file.absolute().as_uri()
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"processId": None, "rootUri": None, "capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1, "text": text}}},
        {"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None},
        {"jsonrpc": "2.0", "method": "exit", "params": None},
    ]  # fmt: skip
    out = b""
    for message in messages:
        body = json.dumps(message).encode()
        out += b"Content-Length: %d\r\n\r\n" % len(body) + body
    return out


def run_command(case: Case, command: str, target: Path, workdir: Path) -> Outcome:
    responses = workdir / "responses.yaml"
    if not responses.exists():
        responses.write_text(RESPONSES, encoding="utf-8")
    stdin = lsp_input(target) if command == "lsp" else b""
    return _run(case, command, argv(command, target, responses), stdin, workdir, TIME_LIMIT)


def run_python(case: Case, code: str, workdir: Path, limit: float) -> Outcome:
    """Python code under the same limits (the harness's own test)."""
    return _run(case, "python", [sys.executable, "-c", code], b"", workdir, limit)


def _run(
    case: Case, command: str, args: list[str], stdin: bytes, workdir: Path, limit: float
) -> Outcome:
    start = time.perf_counter()
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": _src()}
    try:
        done = subprocess.run(
            args, input=stdin, capture_output=True, timeout=limit, cwd=workdir,
            preexec_fn=_limits, env=env,
        )  # fmt: skip
    except subprocess.TimeoutExpired as exc:
        spent = time.perf_counter() - start
        out, err = _text(exc.stdout), _text(exc.stderr)
        return Outcome(case.name, command, None, spent, out, err, limit)
    spent = time.perf_counter() - start
    out, err = _text(done.stdout), _text(done.stderr)
    return Outcome(case.name, command, done.returncode, spent, out, err, limit)


def _text(data: bytes | str | None) -> str:
    if isinstance(data, str):
        return data
    return (data or b"").decode("utf-8", errors="replace")


def _src() -> str:
    return str(Path(__file__).resolve().parents[2] / "src")


def build(case: Case, base: Path) -> tuple[Path, Path]:
    """The case's project under ``base/<name>`` and the PATH to give the commands."""
    workdir = base / case.name
    workdir.mkdir(parents=True)
    return workdir, case.build(workdir / "p")


def problems(case: Case, outcome: Outcome) -> list[str]:
    """What is wrong with one outcome: a hang, a traceback, an unexpected exit code."""
    found: list[str] = []
    where = f"{case.name}/{outcome.command}"
    if outcome.code is None:
        found.append(f"{where}: no answer within {outcome.limit:.0f} s")
    if "Traceback" in outcome.stderr or "Traceback" in outcome.stdout:
        found.append(f"{where}: traceback: {outcome.stderr[-600:]}")
    if outcome.code is not None and outcome.code not in case.allowed(outcome.command):
        allowed = sorted(case.allowed(outcome.command))
        found.append(
            f"{where}: exit {outcome.code}, expected one of {allowed}: {outcome.stderr[-300:]}"
        )
    leaked = [word for word in case.forbidden if word in outcome.stdout + outcome.stderr]
    if leaked and outcome.command != "lsp":  # the editor sends the text it shows itself
        found.append(f"{where}: output holds {leaked} from outside the project")
    # compile's standard output is data when piped (tests/cli/test_escaped_output.py)
    shown = outcome.stderr + ("" if outcome.command in ("compile", "lsp") else outcome.stdout)
    if "\x1b" in shown:
        found.append(f"{where}: raw ESC in terminal output")
    return found


def big_case() -> Case:
    """The 7.9 MB spec (just under the 8 MB cap): for the benchmark, too slow for the suite."""
    return Case("big_spec_7_9mb", _big_spec(7_900_000))
