"""Grading responses: fixed assertions, then a judge through the :class:`Grader` protocol.

- :mod:`charter.grade.base`: :class:`Grade`, :class:`Status`, :class:`Grader`, :class:`GradeItem`;
- :mod:`charter.grade.assertions`: the fixed assertion kinds of test blocks;
- :mod:`charter.grade.pipeline`: :func:`grade_response`, the order graders run in;
- :mod:`charter.grade.judge`: :class:`Judge` (settings mapping, samples, verdict cache) and
  :class:`JudgeConfig` (the ``[judge]`` table);
- :mod:`charter.grade.spec_context`: :class:`SpecContexts`, the spec as the judge reads it;
- :mod:`charter.grade.judge_prompt`: the versioned prompt (:data:`TEMPLATE_VERSION`);
- :mod:`charter.grade.findings`: per-statement findings and the verdict rule (:func:`derive`);
- :mod:`charter.grade.consensus`: samples' majority and :class:`Panel` of judges;
- :mod:`charter.grade.calibration`: agreement, kappa, Wilson intervals.
"""

from __future__ import annotations

from charter.grade.base import Check, Grade, GradeItem, Grader, ModelCall, Status
from charter.grade.pipeline import grade_fixed, grade_response

__all__ = [
    "Check",
    "Grade",
    "GradeItem",
    "Grader",
    "ModelCall",
    "Status",
    "grade_fixed",
    "grade_response",
]
