"""Edit-to-diagnostics latency of ``charter lsp`` on the Model Spec.

    .venv/bin/python benchmarks/lsp_latency.py [--edits N]

Copies the 2025-12-18 Model Spec into a temporary folder, starts the language server
(a real subprocess speaking JSON-RPC, the test client of tests/lsp), opens the file and
waits for its first diagnostics (cold: spaCy loads, every statement that needs it is
parsed). Then it makes N edits, each rewording one normative statement (so that statement
must be parsed again), and times each from the didChange notification to the matching
publishDiagnostics. Printed: the first-open time and the median and worst edit latency
(target: <= 300 ms).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.lsp.client import LspClient  # noqa: E402

SPEC = REPO.parent / "shared" / "corpora" / "openai-model-spec" / "2025-12-18" / "model_spec.md"
NEEDLE = "The assistant should"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=10)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="charter-lsp-") as tmp:
        root = Path(tmp)
        path = root / "model_spec.md"
        shutil.copy(SPEC, path)
        (root / "charter.toml").write_text("")
        client = LspClient(root)
        try:
            client.initialize(root)
            start = time.perf_counter()
            uri = client.open(path)
            client.diagnostics(uri, 1)
            first = time.perf_counter() - start
            times = _edits(client, uri, path.read_text(encoding="utf-8"), args.edits)
            client.shutdown()
        finally:
            client.kill()
    print(f"file: {SPEC.name} (2025-12-18), {args.edits} edits, shared machine")
    print(f"first open to diagnostics: {first * 1000:.0f} ms")
    print(
        f"edit to diagnostics: median {statistics.median(times) * 1000:.0f} ms, "
        f"worst {max(times) * 1000:.0f} ms (target <= 300 ms)"
    )
    return 0


def _edits(client: LspClient, uri: str, text: str, count: int) -> list[float]:
    times = []
    for n in range(count):
        version = n + 2
        edited = text.replace(NEEDLE, f"The assistant (edit {n}) should", 1)
        start = time.perf_counter()
        client.change(uri, version, edited)
        client.diagnostics(uri, version)
        times.append(time.perf_counter() - start)
    return times


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
