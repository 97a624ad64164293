"""The compliance-over-time chart: an inline SVG line of pass rates across runs.

Pure SVG (no script, no external font or stylesheet); every text that came from the
store — run ids, model names — is escaped. Runs with nothing graded are gaps.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from html import escape

from charter.report.model import Point

WIDTH, HEIGHT = 720, 180
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 12, 28


def _x(index: int, count: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span / 2 if count == 1 else span * index / (count - 1))


def _y(rate: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - rate)


def _grid() -> list[str]:
    lines = []
    for rate in (0.0, 0.5, 1.0):
        y = _y(rate)
        lines.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{rate:.0%}</text>'
        )
    return lines


def render_chart(points: Sequence[Point], current: str) -> str:
    """An ``<svg>`` element; ``current`` (a run id) is drawn highlighted."""
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}"'
        ' role="img" aria-label="pass rate of each run, oldest first"'
        ' xmlns="http://www.w3.org/2000/svg">',
        *_grid(),
    ]
    drawn = [(i, p) for i, p in enumerate(points) if p.rate is not None]
    coords = [(_x(i, len(points)), _y(p.rate or 0.0)) for i, p in drawn]
    if len(coords) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(f'<polyline points="{path}" class="line"/>')
    for (_, point), (x, y) in zip(drawn, coords, strict=True):
        label = escape(
            f"{point.run} · {point.model} · {point.passed}/{point.graded} passed "
            f"({(point.rate or 0):.1%})"
        )
        css = "dot current" if point.run == current else "dot"
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" class="{css}"><title>{label}</title></circle>'
        )
    for i, point in enumerate(points):
        if i in (0, len(points) - 1) or point.run == current:
            day = time.strftime("%m-%d %H:%M", time.gmtime(point.created))
            anchor = "start" if i == 0 else "end" if i == len(points) - 1 else "middle"
            if len(points) == 1:
                anchor = "middle"
            parts.append(
                f'<text x="{_x(i, len(points)):.1f}" y="{HEIGHT - 8}" text-anchor="{anchor}">'
                f"{escape(day)}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)
