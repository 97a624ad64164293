"""The hostile-input corpus (``hostile_corpus.py``) through every command and the
language server, each in a subprocess with a time and a memory limit: no traceback, no
hang, no raw escape sequence on the terminal, and the exit code the case calls for.

The corpus holds the cases of issue 11 (super-linear patterns, YAML bombs, pipes,
links out of the project, look-alike ids, duplicate module names, deep nesting, terminal
escapes) and more; ``benchmarks/hostile.py`` times the same runs and names the worst.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.qa import hostile_corpus as corpus

CASES = {case.name: case for case in corpus.cases()}


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_command_survives_the_case(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    workdir, target = corpus.build(case, tmp_path)
    found: list[str] = []
    for command in corpus.COMMANDS:
        outcome = corpus.run_command(case, command, target, workdir)
        found.extend(corpus.problems(case, outcome))
        if command == "lsp" and outcome.code == 0:
            assert '"id": 1' in outcome.stdout or '"id":1' in outcome.stdout, (
                "the language server did not answer initialize"
            )
    assert not found, "\n".join(found)


def test_the_corpus_covers_the_issue() -> None:
    wanted = {"backticks_2000", "it_repeated_25kb", "paragraph_100kb", "term_repeated_100kb",
              "unclosed_comment_100kb", "yaml_alias_bomb", "yaml_recursive", "dup_module_names",
              "dup_clause_id", "symlinked_folder", "fifo_example", "fifo_path", "outside_symlink",
              "symlink_loop", "deep_blockquote", "homoglyph_ids", "terminal_escapes"}  # fmt: skip
    assert wanted <= set(CASES)


def test_a_hang_is_reported(tmp_path: Path) -> None:
    """The harness itself can fail: a command that never ends is named, not waited for."""
    case = corpus.Case("sleeper", lambda root: root)
    outcome = corpus.run_python(case, "import time; time.sleep(60)", tmp_path, limit=2.0)
    assert outcome.code is None
    assert corpus.problems(case, outcome) == ["sleeper/python: no answer within 2 s"]
