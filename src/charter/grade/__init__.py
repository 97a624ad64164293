"""Grading responses: fixed assertions now, a judge through the :class:`Grader` protocol.

- :mod:`charter.grade.base`: :class:`Grade`, :class:`Status`, :class:`Grader`, :class:`GradeItem`;
- :mod:`charter.grade.assertions`: the fixed assertion kinds of test blocks;
- :mod:`charter.grade.pipeline`: :func:`grade_response`, the order graders run in.
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
