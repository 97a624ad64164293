"""YAML front matter at the top of a module: read, validate, and blank out for Markdown."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from charter.diagnostics import Diagnostic
from charter.spec import codes
from charter.spec.diag import make
from charter.spec.model import DEFAULT_LEVELS
from charter.spec.yamlsafe import YamlProblem, load_yaml

KNOWN_FIELDS = frozenset(
    {
        "charter",
        "id",
        "title",
        "version",
        "imports",
        "levels",
        "owner",
        "abstract",
        "description",
        "status",
        "tags",
        "authority",  # default authority of the module's clauses that name none
    }
)


@dataclass(slots=True)
class FrontMatter:
    data: dict[str, Any] = field(default_factory=dict)
    end_line: int = 0  # number of lines the front matter occupies (0: none)
    id: str | None = None
    title: str | None = None
    version: str | None = None
    charter: int | None = None
    imports: tuple[str, ...] = ()
    levels: tuple[str, ...] = DEFAULT_LEVELS
    owner: str | None = None
    abstract: bool = False
    authority: str | None = None


def split_front_matter(lines: list[str], path: str) -> tuple[FrontMatter, list[Diagnostic]]:
    """Read front matter from ``lines`` (without line ends) if the first line is '---'."""
    if not lines or lines[0].rstrip() != "---":
        return FrontMatter(), []
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return _read("\n".join(lines[1:i]), i + 1, path)
    return FrontMatter(), [
        make(
            codes.P010,
            "front matter opened with '---' is never closed with a '---' line",
            path,
            1,
            1,
        )
    ]


def _read(text: str, end_line: int, path: str) -> tuple[FrontMatter, list[Diagnostic]]:
    fm = FrontMatter(end_line=end_line)
    data = load_yaml(text) if text.strip() else {}
    if isinstance(data, YamlProblem):
        return fm, [
            make(
                codes.P011,
                f"invalid YAML in front matter: {data.message}",
                path,
                data.line + 2,
                data.col + 1,
            )
        ]
    if not isinstance(data, dict):
        return fm, [make(codes.P012, "front matter must be a mapping of fields", path, 2, 1)]
    fm.data = {str(k): v for k, v in data.items()}
    return fm, _validate(fm, path, text.split("\n"))


def _field_line(field_name: str, lines: list[str]) -> int:
    for i, line in enumerate(lines):
        if line.startswith(f"{field_name}:"):
            return i + 2
    return 2


def _validate(fm: FrontMatter, path: str, lines: list[str]) -> list[Diagnostic]:
    out: list[Diagnostic] = []

    def bad(name: str, expected: str) -> None:
        out.append(
            make(
                codes.P013,
                f"front matter field '{name}' must be {expected}",
                path,
                _field_line(name, lines),
                1,
            )
        )

    for key, value in fm.data.items():
        if key not in KNOWN_FIELDS:
            out.append(
                make(
                    codes.P014,
                    f"unknown front matter field '{key}'",
                    path,
                    _field_line(key, lines),
                    1,
                )
            )
        elif key in ("id", "title", "owner", "version") and value is not None:
            if isinstance(value, (dict, list)):
                bad(key, "a string")
            else:
                setattr(fm, key, str(value))
        elif key == "charter":
            if isinstance(value, int) and not isinstance(value, bool):
                fm.charter = value
            else:
                bad(key, "an integer format version, e.g. 'charter: 1'")
        elif key in ("imports", "levels"):
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list) or not all(isinstance(i, str) and i for i in items):
                bad(key, "a list of strings")
            elif key == "levels" and not items:
                bad(key, "a non-empty list of levels, highest first")
            else:
                setattr(fm, key, tuple(items))
        elif key == "authority":
            if isinstance(value, str) and value.strip():
                fm.authority = value.strip()
            else:
                bad(key, "a level name, e.g. 'authority: guideline'")
        elif key == "abstract":
            if isinstance(value, bool):
                fm.abstract = value
            else:
                bad(key, "true or false")
    return out
