"""Per example of a spec: comparisons, SFT records and preference pairs `charter compile`
writes (default gates, then with --keep-placeholders), as a Markdown table.

    .venv/bin/python benchmarks/compile_counts.py ../shared/corpora/openai-model-spec/2025-12-18
"""

from __future__ import annotations

import sys
from collections import Counter

from charter.compile import Gates, collect
from charter.spec.dialogue import turns
from charter.spec.loader import load
from charter.spec.model import testable


def main(path: str) -> None:
    project = load(path)
    default, kept = collect(project), collect(project, Gates(keep_placeholders=True))
    counts = {
        name: (
            Counter(r.origin.source for r in data.sft),
            Counter(p.origin.source for p in data.pairs),
        )
        for name, data in (("default", default), ("kept", kept))
    }
    print("| clause | example | line | comparisons | SFT | pairs | SFT (kept) | pairs (kept) |")
    print("|---|---|---|---|---|---|---|---|")
    totals = Counter()
    for module in project.modules:
        for clause in (c for c in module.clauses if testable(c)):
            for example in clause.examples:
                if not example.candidates:
                    continue
                lines = {f"{module.stem}.md:{c.span.line}" for c in example.candidates}
                row = [len(turns(example))]
                for name in ("default", "kept"):
                    sft, pairs = counts[name]
                    row += [sum(sft[x] for x in lines), sum(pairs[x] for x in lines)]
                for key, value in zip(
                    ("comparisons", "sft", "pairs", "sft_kept", "pairs_kept"), row, strict=True
                ):
                    totals[key] += value
                title = example.title.replace("|", "/")[:60]
                cells = " | ".join(str(v) for v in row)
                print(f"| {clause.id} | {title} | {example.span.line} | {cells} |")
    print(f"\ntotals: {dict(totals)}")


if __name__ == "__main__":
    main(sys.argv[1])
