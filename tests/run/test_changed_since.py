"""``charter test --changed-since REV``: only the cases a change since REV invalidates.

A temporary git repository holds a spec of three clauses; the model under test is a real
OpenAI-compatible server on 127.0.0.1 that counts every prompt it is sent, so the test
sees both what was planned (the JSON case list) and what was actually asked.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from charter.cli.main import main
from charter.store import open_store
from tests.helpers.openai_server import OpenAIServer
from tests.helpers.specs import clause_text, write_project


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def _repo(tmp_path: Path, base_url: str) -> Path:
    repo = tmp_path / "repo"
    write_project(repo / "spec", clauses=3, per_clause=2, base_url=base_url)
    _git(repo, "init", "-q")
    _git(repo, "add", "spec")
    _git(repo, "commit", "-qm", "spec")
    return repo


def _edit(spec: Path, old: str, new: str) -> None:
    text = spec.read_text(encoding="utf-8")
    assert old in text
    spec.write_text(text.replace(old, new), encoding="utf-8")


def _run(capsys: pytest.CaptureFixture[str], rev: str) -> tuple[int, dict, str]:  # type: ignore[type-arg]
    argv = ["test", "spec", "--model", "local/m", "--format", "json", "--changed-since", rev]
    code = main(argv)
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def test_only_the_edited_clause_is_planned_and_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with OpenAIServer() as server:
        repo = _repo(tmp_path, server.base_url)
        monkeypatch.chdir(repo)
        spec = repo / "spec" / "bench.md"
        reworded = clause_text(2, 2).replace("must answer.", "must answer politely.")
        _edit(spec, clause_text(2, 2), reworded)

        code, payload, err = _run(capsys, "HEAD")  # the edit is not committed
        assert code == 0
        assert "changed since HEAD: 1 clause-level change(s), 2 case(s) to run" in err
        assert {c["id"] for c in payload["cases"]} == {"bench/c002/test-1", "bench/c002/test-2"}
        assert payload["summary"]["total"] == 2
        assert set(server.stats.by_prompt) == {
            "c002-t001 say something",
            "c002-t002 say something",
        }

        _git(repo, "commit", "-qam", "reword c002")
        code, payload, err = _run(capsys, "HEAD")  # committed: nothing changed since HEAD
        assert code == 0 and payload["cases"] == []
        assert "no case to run (nothing changed since HEAD)" in err

        code, payload, _ = _run(capsys, "HEAD~1")  # the commit before the edit
        assert {c["id"] for c in payload["cases"]} == {"bench/c002/test-1", "bench/c002/test-2"}
        assert all(c["cached"] for c in payload["cases"])

        # A test block added to c003: only the new case, not c003's unchanged ones.
        extra = "```yaml test\nprompt: c003-new say something\nexpect:\n  - icontains: echo\n```\n"
        _edit(spec, clause_text(3, 2), clause_text(3, 2) + "\n" + extra)
        code, payload, _ = _run(capsys, "HEAD")
        assert code == 0
        assert [c["id"] for c in payload["cases"]] == ["bench/c003/test-3"]
        assert server.stats.by_prompt["c003-new say something"] == 1
        assert server.stats.requests == 3


def test_a_resumed_run_keeps_its_changed_cases(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with OpenAIServer() as server:
        repo = _repo(tmp_path, server.base_url)
        monkeypatch.chdir(repo)
        _edit(repo / "spec" / "bench.md", "c001-t002 say", "c001-t002 now say")
        _, payload, _ = _run(capsys, "HEAD")
        run_id = payload["run"]
        assert [c["id"] for c in payload["cases"]] == ["bench/c001/test-2"]
        code = main(["test", "spec", "--resume", run_id, "--format", "json"])
        resumed = json.loads(capsys.readouterr().out)
    assert code == 0 and [c["id"] for c in resumed["cases"]] == ["bench/c001/test-2"]
    assert server.stats.requests == 1


def test_a_bad_revision_is_exit_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repo(tmp_path, "http://127.0.0.1:9/v1")
    monkeypatch.chdir(repo)
    argv = ["test", "spec", "--model", "local/m", "--changed-since", "no-such-rev"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "--changed-since no-such-rev: unknown git revision 'no-such-rev'" in err
    assert "Traceback" not in err
    with open_store(repo / "spec") as store:
        assert store.latest_run() is None  # nothing was started


def test_outside_a_git_repository_is_exit_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = tmp_path / "plain"
    write_project(plain / "spec", clauses=1, per_clause=1, base_url="http://127.0.0.1:9/v1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(plain)
    assert main(["test", "spec", "--model", "local/m", "--changed-since", "HEAD"]) == 2
    err = capsys.readouterr().err
    assert "--changed-since HEAD: git rev-parse failed" in err
    assert "not a git repository" in err


def test_a_spec_that_did_not_parse_at_rev_is_exit_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repo(tmp_path, "http://127.0.0.1:9/v1")
    monkeypatch.chdir(repo)
    spec = repo / "spec" / "bench.md"
    good = spec.read_text(encoding="utf-8")
    spec.write_bytes(b"\xff\xfe not utf-8 \x00")
    _git(repo, "commit", "-qam", "broken")
    spec.write_text(good, encoding="utf-8")
    assert main(["test", "spec", "--model", "local/m", "--changed-since", "HEAD"]) == 2
    err = capsys.readouterr().err
    assert "--changed-since HEAD: the spec at HEAD has errors" in err
