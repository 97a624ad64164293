"""A clean three-team project (fixture ``clean``): imports, overrides, abstract/implements,
cross-module references, prompt files and test blocks — and no error."""

from __future__ import annotations

import json

import pytest

from charter.cli.main import main
from charter.diagnostics import Severity
from tests.check.support import FIXTURES, check


def test_checker_finds_nothing() -> None:
    assert check("clean") == []


def test_charter_check_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(FIXTURES / "clean"), "--format", "json"])
    payload = json.loads(capsys.readouterr().out)
    ours = [d for d in payload["diagnostics"] if d["code"][0] in "PC"]
    assert ours == []
    errors = [d for d in payload["diagnostics"] if d["severity"] == Severity.ERROR.value]
    assert code == (1 if errors else 0)
