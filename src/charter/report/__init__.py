"""Reports of runs: a plain data model built from the store and the spec, and renderers.

- :mod:`charter.report.model`: :class:`Report` and its parts, :func:`to_json`;
- :mod:`charter.report.build`: :func:`build_report` (store + spec → Report);
- :mod:`charter.report.compare`: per-case aggregates of two runs, regressions;
- :mod:`charter.report.html`, :mod:`.chart`, :mod:`.junit`: the renderers.
"""

from __future__ import annotations

from charter.report.build import build_report
from charter.report.html import render_html
from charter.report.junit import render_junit
from charter.report.model import Report, to_json

__all__ = ["Report", "build_report", "render_html", "render_junit", "to_json"]
