"""Lint a Markdown text in memory, and run the charter command as a real subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from charter.diagnostics import Diagnostic
from charter.lint.context import Sources
from charter.lint.engine import lint_project
from charter.lint.settings import LintSettings, parse_settings
from charter.spec.model import Project
from charter.spec.parse import parse_module

# Every example needs a test block or the coverage rule (L401) speaks; tests of language
# rules add this after their clause.
TEST_BLOCK = "```yaml test\nprompt: hi\nexpect:\n  - judge: ok\n```\n"


def clause(text: str, authority: str = "user", cid: str = "c") -> str:
    return f"# Clause {{#{cid} authority={authority}}}\n\n{text}\n\n{TEST_BLOCK}"


def lint_text(
    text: str, *, settings: LintSettings | None = None, config: dict | None = None
) -> list[Diagnostic]:
    """Findings for one module held in memory (path ``spec.md``)."""
    path = "spec.md"
    module, diags = parse_module(text, path)
    project = Project(".", (module,), (), tuple(diags))
    if settings is None:
        settings = parse_settings(config or {}, "charter.toml") if config else LintSettings()
    sources = Sources({path: text.split("\n")})
    return lint_project(project, settings=settings, sources=sources, baseline=False)


def codes(text: str, **kwargs: object) -> list[str]:
    return [d.code for d in lint_text(text, **kwargs)]  # type: ignore[arg-type]


def charter(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "charter.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )
