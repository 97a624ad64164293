"""``charter test`` end to end: output formats, exit codes, the cache across runs."""

from __future__ import annotations

import json
import socket
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from charter.cli.main import main
from tests.helpers.openai_server import OpenAIServer
from tests.helpers.specs import clause_text, write_project

REPO = Path(__file__).resolve().parents[2]
SHOP = REPO / "examples" / "shop"


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, dict]:  # type: ignore[type-arg]
    code = main(argv)
    return code, json.loads(capsys.readouterr().out)


def test_json_payload_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with OpenAIServer() as server:
        root = write_project(tmp_path / "p", clauses=2, per_clause=3, base_url=server.base_url)
        code, payload = _json(capsys, ["test", str(root), "--model", "local/m", "--format", "json"])
    assert code == 0
    assert set(payload) == {"format", "run", "summary", "cases"}
    assert payload["format"] == 1
    assert payload["summary"]["passed"] == 6 and payload["summary"]["calls"] == 6
    assert len(payload["cases"]) == 6
    case = payload["cases"][0]
    assert set(case) == {"id", "clause", "module", "status", "repeat", "cached", "reason"}
    assert case == {
        "id": "bench/c001/test-1",
        "clause": "c001",
        "module": "bench",
        "status": "passed",
        "repeat": 0,
        "cached": False,
        "reason": "1 assertion(s) passed",
    }


def test_rerun_makes_no_call_and_an_edit_reruns_only_its_clause(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with OpenAIServer() as server:
        root = write_project(tmp_path / "p", clauses=3, per_clause=4, base_url=server.base_url)
        argv = ["test", str(root), "--model", "local/m", "--format", "json"]
        _json(capsys, argv)
        assert server.stats.requests == 12
        code, again = _json(capsys, argv)
        assert server.stats.requests == 12  # zero model calls
        assert code == 0 and again["summary"]["cached"] == 12 and again["summary"]["calls"] == 0
        spec = root / "bench.md"
        spec.write_text(spec.read_text().replace(clause_text(2, 4), clause_text(2, 4, variant="x")))
        _, edited = _json(capsys, argv)
        assert server.stats.requests == 16  # only the four cases of c002
        fresh = {c["id"] for c in edited["cases"] if not c["cached"]}
        assert fresh == {f"bench/c002/test-{n}" for n in range(1, 5)}
        _, forced = _json(capsys, [*argv, "--no-cache"])
        assert server.stats.requests == 28 and forced["summary"]["cached"] == 0


def test_repeat_asks_again_instead_of_reusing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with OpenAIServer() as server:
        root = write_project(tmp_path / "p", clauses=1, per_clause=2, base_url=server.base_url)
        _, payload = _json(
            capsys, ["test", str(root), "--model", "local/m", "--repeat", "3", "--format", "json"]
        )
    assert server.stats.requests == 6
    assert sorted((c["id"], c["repeat"]) for c in payload["cases"])[:3] == [
        ("bench/c001/test-1", 0),
        ("bench/c001/test-1", 1),
        ("bench/c001/test-1", 2),
    ]


def test_shop_example_with_the_scripted_provider(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junit = tmp_path / "junit.xml"
    store = tmp_path / "db.sqlite"
    argv = [
        "test",
        str(SHOP),
        "--model",
        f"scripted/{SHOP / 'responses.yaml'}",
        "--store",
        str(store),
        "--junit-xml",
        str(junit),
    ]
    code = main(argv)
    out = capsys.readouterr().out
    assert code == 1  # the scripted model gives pounds unasked: #units_of_measure fails
    assert out.startswith("run ")
    assert "FAILED larkspur-support/units_of_measure/test-metric-by-default" in out
    assert "matched '2 lb'" in out
    tree = ET.parse(junit).getroot()
    assert tree.tag == "testsuites" and tree.get("failures") == "1"
    suites = {s.get("name"): s for s in tree}
    units = suites["larkspur-support/units_of_measure"]
    failed = [t for t in units if t.find("failure") is not None]
    assert [t.get("name") for t in failed] == ["test-metric-by-default"]
    # examples without assertions and no judge are ungraded (skipped), never passed
    assert all(
        t.find("skipped") is not None
        for t in suites["larkspur-safety/disclose_ai"]
        if t.get("name", "").startswith("example")
    )


def test_unreachable_endpoint_exits_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    root = write_project(
        tmp_path / "p", clauses=1, per_clause=3, base_url=f"http://127.0.0.1:{port}/v1"
    )
    code = main(["test", str(root), "--model", "local/m", "--retries", "0"])
    err = capsys.readouterr().err
    assert code == 3
    assert "cannot connect to http://127.0.0.1" in err and "--resume" in err


def test_api_key_is_never_stored_or_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHARTER_TEST_KEY", "sk-very-secret-987")
    with OpenAIServer(keep_bodies=True) as server:
        root = write_project(tmp_path / "p", clauses=1, per_clause=2, base_url=server.base_url)
        main(["test", str(root), "--model", "local/m", "--format", "json"])
        server.script["c001-t001 say something"] = ["500"] * 10
        main(["test", str(root), "--model", "local/m", "--no-cache", "--retries", "0"])
    assert server.stats.headers[0]["authorization"] == "Bearer sk-very-secret-987"
    captured = capsys.readouterr()
    assert "sk-very-secret" not in captured.out + captured.err
    for file in (f for f in (root / ".charter").rglob("*") if f.is_file()):
        assert b"sk-very-secret" not in file.read_bytes(), file


def test_deadline_stops_the_run_and_keeps_what_finished(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with OpenAIServer(latency=0.2) as server:
        root = write_project(tmp_path / "p", clauses=1, per_clause=6, base_url=server.base_url)
        code = main(
            [
                "test",
                str(root),
                "--model",
                "local/m",
                "--concurrency",
                "2",
                "--deadline",
                "0.5",
                "--format",
                "json",
            ]
        )
        payload = json.loads(capsys.readouterr().out)
        assert code == 3 and payload["summary"]["status"] == "deadline"
        assert 0 < payload["summary"]["done"] < 6
        code = main(["test", str(root), "--resume", payload["run"], "--format", "json"])
        resumed = json.loads(capsys.readouterr().out)
    assert code == 0 and resumed["summary"]["done"] == 6
    assert len({c["id"] for c in resumed["cases"]}) == 6


def test_bad_arguments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_project(tmp_path / "p", clauses=1, per_clause=1)
    assert main(["test", str(root)]) == 2
    assert main(["test", str(root), "--model", "nope/m"]) == 2
    assert main(["test", str(root), "--resume", "no-such-run"]) == 2
    assert "no run 'no-such-run'" in capsys.readouterr().err


def test_tokens_and_cost_from_the_configured_price(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with OpenAIServer() as server:
        root = write_project(tmp_path / "p", clauses=1, per_clause=3, base_url=server.base_url)
        with (root / "charter.toml").open("a", encoding="utf-8") as handle:
            handle.write("price = {input = 2.0, output = 10.0}\n")
        _, payload = _json(capsys, ["test", str(root), "--model", "local/m", "--format", "json"])
        _, again = _json(capsys, ["test", str(root), "--model", "local/m", "--format", "json"])
    summary = payload["summary"]
    # the server counts words: 3 prompt words in, "ECHO: <3 words>" = 4 words out
    assert (summary["input_tokens"], summary["output_tokens"]) == (9, 12)
    assert summary["cost"] == pytest.approx((9 * 2.0 + 12 * 10.0) / 1e6)
    assert again["summary"]["cost"] is None and again["summary"]["input_tokens"] == 0  # cached


def test_cache_explain_stats_and_clear(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with OpenAIServer() as server:
        root = write_project(tmp_path / "p", clauses=1, per_clause=2, base_url=server.base_url)
        main(["test", str(root), "--model", "local/m", "--temperature", "0"])
        capsys.readouterr()
        assert main(["cache", "explain", "bench/c001/test-2", str(root)]) == 0
        out = capsys.readouterr().out
        assert "cache  hit" in out
        assert f'base_url  "{server.base_url}"' in out
        assert 'params    {"temperature": 0.0}' in out and 'provider  "openai"' in out
        assert "user      c001-t002 say something" in out
        assert main(["cache", "stats", str(root)]) == 0
        assert "2 cached responses" in capsys.readouterr().out
        assert main(["cache", "clear", str(root)]) == 0
        capsys.readouterr()
        main(["cache", "explain", "bench/c001/test-2", str(root)])
        assert "cache  miss" in capsys.readouterr().out
        assert main(["cache", "explain", "bench/nope/test-1", str(root)]) == 2
