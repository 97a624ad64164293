"""``Store.outcome_lines``: SQLite writes the JSON of ``--format json``'s case list; it must
read back exactly as the rows Python reads (a differential test over awkward text)."""

from __future__ import annotations

import io
import json
from pathlib import Path

from charter.run.export import write_json
from charter.store import ResultRecord, open_store
from charter.store.records import CaseStatus

REASONS = [
    "",
    'quotes " and \\ backslash',
    "line\nbreak\tand tab\r",
    "escape \x1b[31m and bell \x07 and nul-ish \x01",
    "non-ASCII: é ß 漢字 🙂 \u2028 \u00a0",
    "</script> & <b>",
]


def test_the_json_lines_read_back_as_the_rows(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        store.create_run("r", "m", str(tmp_path), "h", {})
        statuses = list(CaseStatus)
        for i, reason in enumerate(REASONS):
            status = statuses[i % len(statuses)]
            record = ResultRecord(
                f"m/c\u00e9/test-{i}", i % 2, "m", "c", status, reason, i % 2 == 0
            )
            store.record("r", record)
        out = io.StringIO()
        write_json(out, store, "r", {"n": 1})
        keys = ("id", "clause", "module", "status", "repeat", "cached", "reason")
        expected = [dict(zip(keys, row, strict=True)) for row in store.outcomes("r")]
    cases = json.loads(out.getvalue())["cases"]
    assert cases == json.loads(json.dumps(expected)) and len(cases) == len(REASONS)
    assert [type(c["cached"]) for c in cases] == [bool] * len(REASONS)
    assert out.getvalue().count("\n  {") == len(REASONS)  # one case per line
