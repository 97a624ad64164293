"""Helpers for the diff tests: the corpus releases, an independent reading of heading ids,
and small synthetic specs written to a temporary folder.

``heading_ids`` reads ``{#id authority=...}`` with a regular expression, independently of
the parser, so the golden tests compare the diff against a truth it did not compute.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from charter import load
from charter.diff import Diff, diff_projects
from charter.spec.model import Project
from tests.conftest import MODEL_SPEC

_HEADING = re.compile(r"^#{1,6} .*\{#([A-Za-z0-9_.-]+)([^}]*)\}\s*$", re.M)
_FENCE = re.compile(r"^ {0,3}(~{3,}|`{3,})(.*)$")
_AUTHORITY = re.compile(r"authority=([a-z]+)")


def heading_ids(release: str) -> dict[str, str | None]:
    """Every heading id of a release's model_spec.md with its own authority (None if none).

    Headings inside fenced blocks are skipped (a fence closes with its own marker).
    """
    text = (MODEL_SPEC / release / "model_spec.md").read_text(encoding="utf-8")
    found: dict[str, str | None] = {}
    fence: str | None = None  # the open fence's marker, e.g. '~~~'
    for line in text.split("\n"):
        f = _FENCE.match(line)
        if fence is None and f:
            fence = f.group(1)
        elif fence is not None:
            if (
                f
                and f.group(1)[0] == fence[0]
                and len(f.group(1)) >= len(fence)
                and not f.group(2).strip()
            ):
                fence = None
        elif m := _HEADING.match(line):
            auth = _AUTHORITY.search(m.group(2))
            found[m.group(1)] = auth.group(1) if auth else None
    return found


@cache
def release(name: str) -> Project:
    return load(MODEL_SPEC / name)


@cache
def release_diff(old: str, new: str) -> Diff:
    return diff_projects(release(old), release(new))


def write_spec(folder: Path, files: dict[str, str]) -> Path:
    """Write ``{relative path: text}`` under ``folder`` and return the folder."""
    for name, text in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return folder


BASE = """\
# Shop {#shop}

## Refunds {#refunds authority=developer}

The assistant should link the refund form[^rf01]. It must not promise an amount.

**Example**: amount asked

~~~xml
<user>
How much will I get back?
</user>
<comparison>
<assistant> <!-- GOOD -->
Use the refund form; the amount depends on the order.
</assistant>
<assistant> <!-- BAD -->
You will get $40.
</assistant>
</comparison>
~~~

## Tone {#tone authority=user}

The assistant should be friendly and brief in every answer it gives to customers.

```yaml test
id: greets
prompt: Hello there
expect:
  - icontains: hello
```
"""

PROMPT = """\
Examples for [^rf01] in Refunds:

**Example**: refund for order

~~~xml
<user>
Can I get a refund for order 123?
</user>
~~~
"""
