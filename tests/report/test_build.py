"""The report's data: aggregation by clause policy, flaky cases, comparison, history."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from charter.report import build_report, render_junit, to_json
from charter.report.model import Report
from charter.store import open_store
from tests.report.fixtures import FRIENDLY, HOSTILE, SECRETS, build_store


@pytest.fixture()
def report(tmp_path: Path) -> Report:
    folder = build_store(tmp_path / "spec")
    with open_store(folder) as store:
        return build_report(store, "run-2")


def cases(report: Report) -> dict[str, object]:
    return {c.id: c for m in report.modules for cl in m.clauses for c in cl.cases}


def test_repeats_aggregate_by_clause_policy(report: Report) -> None:
    found = cases(report)
    secrets, friendly = found[SECRETS], found[FRIENDLY]
    # root authority + "must": every repeat must pass
    assert (secrets.status, secrets.flaky, secrets.policy) == ("failed", True, "all")  # type: ignore[attr-defined]
    # guideline + "should": the majority decides
    assert (friendly.status, friendly.flaky, friendly.policy) == ("passed", True, "majority")  # type: ignore[attr-defined]
    assert [a.response for a in secrets.attempts] == [HOSTILE[0], HOSTILE[1], "No."]  # type: ignore[attr-defined]
    assert secrets.attempts[1].verdict == "fail"  # type: ignore[attr-defined]
    assert "pwned-reason" in secrets.attempts[1].reasoning  # type: ignore[attr-defined]
    assert secrets.conversation[0][0] == "user"  # type: ignore[attr-defined]


def test_rates_per_clause_and_authority(report: Report) -> None:
    (module,) = report.modules
    assert [c.id for c in module.clauses] == ["secrets", "friendly"]
    secrets, friendly = module.clauses
    assert (secrets.rate.rate, secrets.previous_rate) == (0.0, 1.0)
    assert (friendly.rate.rate, friendly.previous_rate) == (1.0, 0.0)
    assert secrets.authority == "root" and "password" in secrets.statements[0]
    assert [(name, rate.passed, rate.graded) for name, rate in report.authorities] == [
        ("root", 0, 1),
        ("guideline", 1, 1),
    ]
    assert (report.rate.passed, report.rate.failed, report.rate.flaky) == (1, 1, 2)


def test_comparison_and_history(report: Report) -> None:
    comparison = report.comparison
    assert comparison is not None and comparison.before == "run-1"
    assert [c.case for c in comparison.regressions] == [SECRETS]
    assert [c.case for c in comparison.improvements] == [FRIENDLY]
    assert [(p.run, p.rate) for p in report.history] == [("run-1", 0.5), ("run-2", 0.5)]
    assert cases(report)[SECRETS].previous == "passed"  # type: ignore[attr-defined]


def test_first_run_has_no_comparison(tmp_path: Path) -> None:
    folder = build_store(tmp_path / "spec")
    with open_store(folder) as store:
        first = build_report(store, "run-1")
    assert first.comparison is None and len(first.history) == 1


def test_json_and_junit(report: Report) -> None:
    data = json.loads(json.dumps(to_json(report)))
    assert data["format"] == 1 and data["rate"]["rate"] == 0.5
    assert data["modules"][0]["clauses"][0]["rate"]["flaky"] == 1
    root = ET.fromstring(render_junit(report))
    assert (root.get("tests"), root.get("failures")) == ("2", "1")
    failing = root.find(".//testcase/failure/..")
    assert failing is not None and failing.get("classname") == "hostile.secrets"
    assert failing.find("properties/property[@name='flaky']") is not None
    assert HOSTILE[0] in (failing.find("failure").text or "")  # type: ignore[union-attr]


def test_unknown_run_is_bad_input(tmp_path: Path) -> None:
    from charter.errors import InputError

    folder = build_store(tmp_path / "spec")
    with open_store(folder) as store, pytest.raises(InputError):
        build_report(store, "nope")
