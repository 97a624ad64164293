"""Safe YAML loading that reports problems as values with positions, never raising."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class YamlProblem:
    message: str
    line: int  # 0-based line inside the YAML text
    col: int  # 0-based


def load_yaml(text: str) -> Any:
    """The loaded value, or a :class:`YamlProblem`; uses the C loader when available."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, col = (mark.line, mark.column) if mark is not None else (0, 0)
        return YamlProblem(exc.problem or str(exc), line, col)
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        return YamlProblem(str(exc).splitlines()[0] if str(exc) else type(exc).__name__, 0, 0)
