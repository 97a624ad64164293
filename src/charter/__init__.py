"""Charter: make a written specification of an AI model's behaviour executable.

The public Python API is small and stable:

- :func:`load` reads a spec project (a folder, a ``charter.toml`` or one Markdown file)
  and returns a :class:`~charter.spec.model.Project` with its diagnostics;
- :func:`parse_module` parses one module's text.

Heavy modules are imported lazily so that ``import charter`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from charter.spec.loader import load
    from charter.spec.parse import parse_module

__all__ = ["__version__", "load", "parse_module"]


def __getattr__(name: str) -> Any:
    if name == "load":
        from charter.spec.loader import load

        return load
    if name == "parse_module":
        from charter.spec.parse import parse_module

        return parse_module
    raise AttributeError(f"module 'charter' has no attribute {name!r}")
