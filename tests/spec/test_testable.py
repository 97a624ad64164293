"""One rule decides which clauses are tested; planning and coverage agree on it."""

from __future__ import annotations

from pathlib import Path

from charter import load
from charter.check.coverage import measure_coverage
from charter.run.plan import Plan, plan_cases

SPEC = """---
abstract: true
---
# Platform {#platform authority=system}

The assistant must reply in English.

```yaml test
prompt: hi
expect:
  - icontains: hello
```

## Interface {#interface authority=system abstract}

The assistant must hand over to a person when asked.

## Old {#old authority=user status=deprecated}

The assistant should greet.

```yaml test
prompt: hello
expect:
  - icontains: hi
```
"""


def test_abstract_module_concrete_clause_is_tested_and_counted(tmp_path: Path) -> None:
    (tmp_path / "p.md").write_text(SPEC, encoding="utf-8")
    project = load(tmp_path)
    planned = [case.id for case in plan_cases(project, Plan())]
    assert planned == ["p/platform/test-1"]
    coverage = measure_coverage(project)
    assert (coverage.total.clauses, coverage.total.covered) == (1, 1)
