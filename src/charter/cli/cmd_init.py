"""``charter init [DIR]``: scaffold a spec project that passes ``charter check`` as written."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

CONFIG = """\
# Charter project settings. Every key is optional; see the README.
[project]
examples_dir = "examples"
levels = ["root", "system", "developer", "user", "guideline"]
"""

MODULE = """\
---
charter: 1
id: {module_id}
title: {title}
version: 0.1.0
---
# {title} {{#overview}}

This module describes the behaviour of the assistant. Each heading of this file is a
clause, and the `authority` attribute of a clause says who may override that clause.

**Assistant**: the model that answers the customers of this product.

## Answer in the customer's language {{#answer_in_customer_language authority=developer}}

The assistant must reply in the language of the customer's last message[^lang].

**Example**: a question in Spanish

~~~xml
<user>
¿Dónde está mi pedido?
</user>
<comparison>
<assistant> <!-- GOOD -->
Su pedido salió del almacén ayer y llegará el jueves.
</assistant>
<assistant> <!-- BAD: answers in English -->
Your order left the warehouse yesterday and arrives on Thursday.
</assistant>
</comparison>
~~~

```yaml test
id: spanish-reply
prompt: ¿Cuándo llega mi pedido?
expect:
  - not-icontains: your order
  - max-length: 600
```
"""

PROMPT = """\
Examples for [^lang] in Answer in the customer's language:

**Example**: a question in German

~~~xml
<user>
Wann kommt meine Bestellung an?
</user>
~~~
"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "init",
        help="scaffold a new spec project",
        description="Create charter.toml, a first module with one clause, an example, a "
        "test block and a prompt file. Existing files are never overwritten.",
    )
    parser.add_argument(
        "dir",
        metavar="DIR",
        nargs="?",
        default=".",
        help="folder to create the project in (default: the current one)",
    )
    parser.add_argument("--title", default="Assistant behaviour", help="title of the first module")
    parser.set_defaults(handler=run)


def _create(path: Path, text: str) -> None:
    """Write a new file; never through a symbolic link, never over an existing file
    (O_EXCL also holds if one appears between the check above and this call)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    with os.fdopen(os.open(path, flags, 0o644), "w", encoding="utf-8") as out:
        out.write(text)


def run(args: argparse.Namespace) -> int:
    from charter.errors import InputError

    root = Path(args.dir)
    blocking = next((p for p in (root, *root.parents) if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise InputError(f"cannot create a project in {root}: {blocking} is a file, not a folder")
    module_id = (Path(os.path.realpath(root)).name or "spec").lower().replace(" ", "-")
    files = {
        root / "charter.toml": CONFIG,
        root / "spec.md": MODULE.format(module_id=module_id, title=args.title),
        root / "examples" / "lang.md": PROMPT,
    }
    # lexists: a dangling symbolic link counts too (writing would follow it elsewhere)
    existing = [str(p) for p in files if os.path.lexists(p)]
    if existing:
        raise InputError(f"refusing to overwrite {', '.join(existing)}")
    if (root / "examples").is_symlink():
        raise InputError(f"refusing to write through the symbolic link {root / 'examples'}")
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            _create(path, text)
    except OSError as exc:
        raise InputError(f"cannot write the project: {exc.strerror or exc}") from exc
    for path in files:
        print(f"created {path}")
    print(f"next: charter check {root}")
    return 0
