"""The cross-module type checker behind ``charter check``.

Like a type checker across packages, it proves that the modules of a project fit
together: every reference resolves (in its own module, then through its imports),
imports exist, stay in the project and form no cycle, every level of authority is one
the chain of command knows, overrides respect that chain, abstract clauses are
implemented, footnote tags and prompt files match, and no two normative statements
contradict each other without the chain of command settling it. Findings are
``C…`` diagnostics (:mod:`charter.check.codes`), each naming both ends, with the other
end as a related location. :mod:`charter.check.coverage` reports which testable clauses
have examples, prompt files or test blocks.

Entry points: :func:`check_project` (``Project -> list[Diagnostic]``) and
:func:`~charter.check.coverage.measure_coverage`.
"""

from __future__ import annotations

from charter.check.checker import check_project

__all__ = ["check_project"]
