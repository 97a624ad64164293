"""Safe YAML loading that reports problems as values with positions, never raising.

Only the safe loader is used (no ``!!python/…`` tags). Aliases (``*name``) are refused
before anything is built: nine levels of nine-way aliases expand a few hundred bytes
into hundreds of millions of nodes, and an alias inside its own anchor is a cycle that
JSON output and hashing cannot handle. The check reads the parser's event stream, so it
costs one linear pass, and only for text where a ``*`` stands where an alias could.

Text of the common simple shape (``key: value`` lines, lists of one-key mappings) is read
by :func:`charter.spec.quickyaml.read_simple`, which returns exactly what the safe loader
would; PyYAML (about 10 ms to import) is imported only for anything else, so a spec whose
front matter and test blocks are all simple never imports it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from charter.spec.quickyaml import read_simple

# Where an alias can stand: at a line start or after white space or a flow indicator,
# '*' then an anchor character. Markdown emphasis ('**bold**') does not look like it,
# so most blocks skip the event pass; anything that might be an alias is parsed exactly.
_ALIAS_LIKE = re.compile(r"(?:^|[\s\[{,:?-])\*[^\s*,\[\]{}]", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class YamlProblem:
    message: str
    line: int  # 0-based line inside the YAML text
    col: int  # 0-based
    kind: str = "syntax"  # "syntax", "alias" or "recursive-alias"


def safe_loader() -> Any:
    """PyYAML's safe loader class, the C one when available (imports PyYAML)."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """The loaded value, or a :class:`YamlProblem`; uses the C loader when available."""
    simple = read_simple(text)
    if simple is not None:
        return simple
    import yaml

    try:
        if "*" in text and _ALIAS_LIKE.search(text):
            problem = alias_problem(text)
            if problem is not None:
                return problem
        return yaml.load(text, Loader=safe_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, col = (mark.line, mark.column) if mark is not None else (0, 0)
        return YamlProblem(exc.problem or str(exc), line, col)
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        return YamlProblem(str(exc).splitlines()[0] if str(exc) else type(exc).__name__, 0, 0)


def alias_problem(text: str) -> YamlProblem | None:
    """A problem for the first alias in ``text`` (a recursive one named as such)."""
    import yaml

    open_anchors: list[str | None] = []  # anchors of the collections being read
    for event in yaml.parse(text, Loader=safe_loader()):
        if isinstance(event, yaml.CollectionStartEvent):
            open_anchors.append(event.anchor)
        elif isinstance(event, yaml.CollectionEndEvent):
            open_anchors.pop()
        elif isinstance(event, yaml.AliasEvent):
            mark = event.start_mark
            line, col = (mark.line, mark.column) if mark is not None else (0, 0)
            if event.anchor in open_anchors:
                message = f"alias '*{event.anchor}' refers to a collection that contains it"
                return YamlProblem(message, line, col, "recursive-alias")
            message = f"alias '*{event.anchor}' is not allowed: write the value out"
            return YamlProblem(message, line, col, "alias")
    return None
