"""``charter calibrate`` end to end: a copy of the shop example, a judge on 127.0.0.1."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

import charter
from charter.cli.main import main
from charter.store import open_store
from charter.store.judging import JudgeStore
from tests.calibrate.judges import ScriptedJudge, candidates, labels
from tests.judge.server import JudgeServer

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture()
def shop(tmp_path: Path) -> Path:
    target = tmp_path / "shop"
    shutil.copytree(REPO / "examples" / "shop", target)
    return target


def configure(project: Path, server: JudgeServer, threshold: float = 0.9) -> None:
    config = project / "charter.toml"
    config.write_text(
        config.read_text()
        + f'\n[providers.judge]\ntype = "openai"\nbase_url = "{server.base_url}"\n'
        + f"\n[judge]\nthreshold = {threshold}\n"
    )


def calibrate(project: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, Any]:
    code = main(["calibrate", str(project), "--grader", "judge/j1", "--format", "json", *extra])
    return code, json.loads(capsys.readouterr().out)


def test_a_correct_judge_passes_and_is_stored(
    shop: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    truth = labels(charter.load(shop))
    with JudgeServer(ScriptedJudge(truth, set())) as server:
        configure(shop, server)
        code, data = calibrate(shop, capsys)
        again, cached = calibrate(shop, capsys)
    n = len(candidates(charter.load(shop)))
    assert code == 0 and again == 0
    assert {k: data[k] for k in ("format", "n", "scored", "unscored", "agreement")} == {
        "format": 1,
        "n": n,
        "scored": n,
        "unscored": 0,
        "agreement": 1.0,
    }
    assert data["kappa"] == pytest.approx(1.0)
    assert {c["clause"] for c in data["clauses"]} >= {"order_status", "returns_and_refunds"}
    assert len(server.requests) == n  # the second calibration came from the verdict cache
    assert cached["agreement"] == 1.0
    with JudgeStore(open_store(shop)) as store:
        row = store.last_calibration(data["spec"]["hash"], "judge/j1")
    assert row is not None and row.agreement == 1.0 and row.n == n
    assert row.spec_version == "1.2.0, 2.0.0"  # the versions of the two modules


def test_a_biased_judge_is_below_threshold(shop: Path, capsys: pytest.CaptureFixture[str]) -> None:
    always_pass = lambda body: json.dumps({"reasoning": "fine", "verdict": "pass"})  # noqa: E731
    with JudgeServer(always_pass) as server:
        configure(shop, server)
        code, data = calibrate(shop, capsys, "--no-cache")
    good = [label for _, label in candidates(charter.load(shop))].count("pass")
    assert code == 1
    assert data["agreement"] == pytest.approx(good / data["n"])
    assert data["kappa"] == pytest.approx(0.0)
    assert data["confusion"]["bad"]["pass"] == data["n"] - good


def test_nothing_scored_gives_null_and_exit_1(
    shop: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with JudgeServer(lambda body: "no comment") as server:
        configure(shop, server, threshold=0.0)
        code, data = calibrate(shop, capsys)
    assert code == 1
    assert (data["scored"], data["agreement"], data["kappa"]) == (0, None, None)
    assert data["unscored"] == data["n"] > 0


def test_the_text_says_why_candidates_are_unscored(
    shop: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with JudgeServer(lambda body: "no comment") as server:
        configure(shop, server, threshold=0.0)
        code = main(["calibrate", str(shop), "--grader", "judge/j1"])
    out = capsys.readouterr().out
    assert code == 1
    assert "judge answer(s) held no readable verdict" in out and "call(s) failed" not in out


def test_unreachable_judge_exits_3(shop: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with JudgeServer(lambda body: "") as server:
        configure(shop, server)
    # the server is shut down: nothing listens on its port any more
    code = main(["calibrate", str(shop), "--grader", "judge/j1", "--retries", "0"])
    assert code == 3
    assert "cannot connect" in capsys.readouterr().err


def test_text_output(shop: Path, capsys: pytest.CaptureFixture[str]) -> None:
    truth = labels(charter.load(shop))
    wrong = {sorted(truth)[0]}
    with JudgeServer(ScriptedJudge(truth, wrong)) as server:
        configure(shop, server)
        code = main(["calibrate", str(shop), "--grader", "judge/j1"])
    out = capsys.readouterr().out
    assert code == 0  # 35 of 36 agree: 97.2% ≥ 90%
    assert "agreement 97.2%" in out and "kappa" in out and "disagrees:" in out


def test_mode_is_reported_blind_by_default(shop: Path, capsys: pytest.CaptureFixture[str]) -> None:
    truth = labels(charter.load(shop))
    with JudgeServer(ScriptedJudge(truth, set())) as server:
        configure(shop, server)
        _, blind = calibrate(shop, capsys, "--no-cache")
        _, siblings = calibrate(shop, capsys, "--no-cache", "--mode", "with-siblings")
        main(["calibrate", str(shop), "--grader", "judge/j1", "--mode", "with-siblings"])
    assert (blind["mode"], siblings["mode"]) == ("blind", "with-siblings")
    assert "mode with-siblings" in capsys.readouterr().out
    clause = blind["clauses"][0]
    low, high = clause["agreement_ci"]
    assert low <= clause["agreement"] <= high
    assert clause["warning"] is not None  # the shop's clauses have a handful of candidates


def test_uncertain_verdicts_are_counted_apart(
    shop: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    truth = labels(charter.load(shop))
    unsure = set(sorted(truth)[:5])
    with JudgeServer(ScriptedJudge(truth, set(), unsure=unsure)) as server:
        configure(shop, server)
        code, data = calibrate(shop, capsys, "--no-cache")
    n_unsure = sum(1 for k, _ in candidates(charter.load(shop)) if k in unsure)
    # right on every decided candidate, but abstaining is not agreeing: the threshold
    # applies to the strict agreement, where uncertain counts as a miss
    assert data["strict_agreement"] == pytest.approx((data["n"] - n_unsure) / data["n"])
    assert data["strict_agreement"] < 0.9 and code == 1
    assert (data["uncertain"], data["scored"]) == (n_unsure, data["n"] - n_unsure)
    assert data["uncertain_share"] == pytest.approx(n_unsure / data["n"])
    assert data["agreement"] == 1.0 and data["confusion"]["good"]["pass"] < data["n"]
    assert sum(c["uncertain"] for c in data["clauses"]) == n_unsure


def test_a_panel_lists_where_its_judges_disagree(
    shop: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = charter.load(shop)
    truth = labels(project)
    keys = [k for k, _ in candidates(project)]
    clause = keys[0][0]
    wrong = {k for k in keys if k[0] == clause}  # the second judge misreads one clause
    with (
        JudgeServer(ScriptedJudge(truth, set())) as one,
        JudgeServer(ScriptedJudge(truth, wrong)) as two,
    ):
        config = shop / "charter.toml"
        config.write_text(
            config.read_text()
            + f'\n[providers.one]\ntype = "openai"\nbase_url = "{one.base_url}"\n'
            + f'\n[providers.two]\ntype = "openai"\nbase_url = "{two.base_url}"\n'
        )
        argv = ["calibrate", str(shop), "--grader", "one/a", "--grader", "two/b"]
        code = main([*argv, "--format", "json", "--no-store"])
        data = json.loads(capsys.readouterr().out)
        main([*argv, "--no-store"])
        text = capsys.readouterr().out
    n_wrong = len(wrong)
    assert code == 0 and data["judge"]["panel"] == "one/a, two/b"
    assert (data["uncertain"], data["scored"]) == (n_wrong, len(keys) - n_wrong)
    assert data["agreement"] == 1.0  # where the judges agree, they are right
    flagged = [c for c in data["clauses"] if c["to_clarify"]]
    assert [c["clause"] for c in flagged] == [clause]
    assert len(flagged[0]["judges_disagree"]) == n_wrong
    assert data["judges"]["one/a"]["agreement"] == 1.0
    assert data["judges"]["two/b"]["agreement"] == pytest.approx(1 - n_wrong / len(keys))
    assert "a clause to clarify" in text and "judge two/b: agreement" in text
