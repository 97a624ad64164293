"""What ``charter test`` start-up imports: nothing a plain run does not use.

Each module named here cost milliseconds at every start-up before it was made lazy; a
fresh interpreter shows whether an import crept back in."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.specs import write_project

_PROBE = """
import json, sys
from charter.run.parsecache import load_cached
import charter.cli.cmd_test, charter.run, charter.store, charter.providers.openai
load_cached(sys.argv[1])
print(json.dumps(sorted(sys.modules)))
"""


def _modules(root: Path, env: dict[str, str]) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, str(root)], env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return set(json.loads(out.stdout))


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    plain = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    return {**plain, "XDG_CACHE_HOME": str(tmp_path / "cache"), "CHARTER_NO_PARSE_CACHE": ""}


def test_a_run_imports_no_proxy_reader_and_no_regex_engine(
    tmp_path: Path, env: dict[str, str]
) -> None:
    root = write_project(tmp_path / "p", clauses=2, per_clause=3)
    loaded = _modules(root, env)
    assert "charter.spec.loader" in loaded  # a miss parses
    # front matter and test blocks of the common shape are read without PyYAML
    assert not {"urllib.request", "http.client", "regex", "yaml"} & loaded


def test_a_block_outside_the_common_shape_is_read_by_pyyaml(
    tmp_path: Path, env: dict[str, str]
) -> None:
    root = write_project(tmp_path / "p", clauses=1, per_clause=1)
    spec = root / "bench.md"
    folded = "```yaml test\nprompt: >\n  folded\n  text\nexpect:\n  - icontains: echo\n```\n"
    spec.write_text(spec.read_text() + "\n" + folded, encoding="utf-8")
    assert "yaml" in _modules(root, env)


def test_a_parse_cache_hit_imports_no_parser(tmp_path: Path, env: dict[str, str]) -> None:
    from charter.store import open_store

    root = write_project(tmp_path / "p", clauses=2, per_clause=3)
    open_store(root).close()
    _modules(root, env)  # a miss in a project with a store writes the entry
    assert list((root / ".charter" / "parse").glob("*.pickle"))
    loaded = _modules(root, env)
    assert not {"charter.spec.loader", "markdown_it", "yaml"} & loaded
