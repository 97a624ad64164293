"""A whole run whose base URL carries credentials: the secrets reach the server as auth
and query parameters, and appear nowhere else — not in the store, the JSON, the JUnit
file, the HTML report, `charter runs` or the terminal — even when the server's error
echoes them back."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from charter.cli.main import main
from tests.helpers.specs import write_project
from tests.providers.capture import CaptureServer

PASSWORD = "sk-run-pass-Q7w8E9r0"
QUERY_KEY = "sk-run-query-A1s2D3f4"
SECRETS = (PASSWORD, QUERY_KEY, base64.b64encode(f"alice:{PASSWORD}".encode()).decode())


def _project(root: Path, address: str) -> Path:
    write_project(root, clauses=2, per_clause=2)
    url = f"http://alice:{PASSWORD}@{address}/v1?api-key={QUERY_KEY}"
    (root / "charter.toml").write_text(
        f'[providers.local]\ntype = "openai"\nbase_url = "{url}"\n', encoding="utf-8"
    )
    return root


def _everything(root: Path, out: str) -> bytes:
    blobs = [out.encode()]
    blobs += [p.read_bytes() for p in root.rglob("*") if p.is_file() and p.name != "charter.toml"]
    return b"\n".join(blobs)


@pytest.mark.parametrize("fail_status", [None, 400])
def test_no_secret_leaves_a_run(
    fail_status: int | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with CaptureServer(fail_status=fail_status) as server:
        root = _project(tmp_path / "p", server.address)
        junit = root / "out" / "junit.xml"
        junit.parent.mkdir()
        main(
            ["test", str(root), "--model", "local/m", "--format", "json", "--junit-xml", str(junit)]
        )
        main(["test", str(root), "--model", "local/m"])  # the text summary too
        for fmt in ("html", "junit", "json"):
            main(
                [
                    "report",
                    "latest",
                    str(root),
                    "--format",
                    fmt,
                    "-o",
                    str(root / "out" / f"r.{fmt}"),
                ]
            )
        main(["runs", str(root)])
        main(["cache", "explain", "bench/c001/test-1", str(root)])
    captured = capsys.readouterr()
    assert server.requests, "the run reached the server"
    assert all(f"api-key={QUERY_KEY}" in r.path for r in server.requests)
    assert all(r.headers["authorization"] == "Basic " + SECRETS[2] for r in server.requests)
    if fail_status:
        assert "bad request to" in captured.out + captured.err  # the echo was recorded
    assert "api-key=***" in captured.out + captured.err  # cache explain shows the masked URL
    everything = _everything(root, captured.out + captured.err)
    for secret in SECRETS:
        assert secret.encode() not in everything
