"""Parse one module (or read one file) into the spec model; never raises on bad input.

``parse_module(text, path)`` is the pure entry point; ``read_source`` turns a file on disk
into text or ``P00x`` diagnostics (missing, not UTF-8, binary, too large).
"""

from __future__ import annotations

import errno
import os
import stat
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from charter.diagnostics import Diagnostic
from charter.spec import codes
from charter.spec.budgets import FILE_LINES
from charter.spec.diag import make
from charter.spec.frontmatter import FrontMatter, split_front_matter
from charter.spec.model import Clause, Module
from charter.spec.walker import Walker

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

    from charter.spec.builder import ClauseBuilder

MAX_FILE_BYTES = 8 * 1024 * 1024


class Parsed(NamedTuple):
    """A module and the diagnostics found parsing it (unpack: ``module, diags = ...``)."""

    module: Module
    diagnostics: tuple[Diagnostic, ...]


@lru_cache(maxsize=1)
def markdown() -> MarkdownIt:
    """The block-level Markdown parser, built once (and imported lazily)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.admon import admon_plugin

    md = MarkdownIt("commonmark").enable("table").use(admon_plugin)
    md.disable(["inline", "text_join"])
    return md


def normalize(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def source_lines(path: str) -> list[str]:
    """A file's lines numbered as the parser numbers them (BOM dropped, any newline), or
    no lines when it cannot be read. Analyses that need exact columns read through this.
    Only a regular file is read (a FIFO would block), and at most the parser's size cap."""
    try:
        data, _ = read_regular(Path(path), MAX_FILE_BYTES)
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError, NotRegularFile):
        return []
    return normalize(text).split("\n")


class NotRegularFile(Exception):
    """The path names a FIFO, device, socket or folder: reading it could block or never end."""


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))  # fmt: skip


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_regular(path: Path, limit: int) -> tuple[bytes, int]:
    """Up to ``limit + 1`` bytes of a regular file, and its size as ``fstat`` gives it.

    Opened non-blocking and checked with ``fstat`` on the open descriptor, so a FIFO
    neither blocks the open nor is read, and a file swapped for one between a check and
    the open is caught too."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(file_kind(info.st_mode))
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(limit + 1)
        return data, max(info.st_size, len(data))
    finally:
        os.close(fd)


def walk_text(text: str, path: str) -> tuple[Walker, FrontMatter, list[Diagnostic]]:
    """Front matter plus a token walk of the rest, with line numbers of the whole file."""
    lines = text.split("\n")
    front, diags = split_front_matter(lines, path)
    body_lines = [""] * front.end_line + lines[front.end_line :]
    walker = Walker(lines, path, front.authority)
    tokens = markdown().parse("\n".join(body_lines))
    walker.walk(tokens)
    diags.extend(walker.diags)
    diags.extend(too_deep(tokens, path))
    return walker, front, diags


_CONTAINERS = frozenset(
    {
        "blockquote_open",
        "bullet_list_open",
        "ordered_list_open",
        "list_item_open",
        "admonition_open",
    }
)


def too_deep(tokens: list[Token], path: str) -> list[Diagnostic]:
    """P027 where blocks nest as deep as the Markdown parser goes (it drops what is
    deeper without a word: 20 levels of '>' or of nested lists)."""
    limit = int(markdown().options.get("maxNesting", 20)) - 1
    # a container opened at the last level: its content would be one deeper, and is dropped
    deepest = next((t for t in tokens if t.level >= limit and t.type in _CONTAINERS), None)
    if deepest is None:
        return []
    line = (deepest.map[0] + 1) if deepest.map else 1
    message = (
        f"quotes or lists nest more than {limit} levels deep here, beyond what the Markdown "
        "parser reads: the text inside is dropped, not read as statements"
    )
    return [make(codes.P027, message, path, line)]


def parse_module(text: str, path: str = "<string>") -> Parsed:
    """Parse a module's text. Any text gives a module; problems come back as diagnostics."""
    text = normalize(text)
    if not text.strip():
        empty = Module(path, Path(path).stem or "module", None, (), line_count=0)
        return Parsed(empty, (make(codes.P004, "module is empty: it holds no clause", path),))
    walker, front, diags = walk_text(text, path)
    return assemble(path, front, freeze(walker.clauses, front), diags, len(walker.lines))


def freeze(builders: list[ClauseBuilder], front: FrontMatter) -> tuple[Clause, ...]:
    """The clauses of ``builders``, with front matter 'authority' as the default level."""
    for builder in builders:
        if builder.authority is None and front.authority is not None:
            builder.authority = front.authority
    return tuple(b.freeze() for b in builders)


def assemble(
    path: str,
    front: FrontMatter,
    clauses: tuple[Clause, ...],
    diags: list[Diagnostic],
    line_count: int,
) -> Parsed:
    """The module of ``clauses`` (``diags`` gains P008 when the file is over budget)."""
    if line_count > FILE_LINES:
        message = (
            f"module has {line_count:,} lines, over the analysis budget of "
            f"{FILE_LINES:,}: lint's text rules skip it; split it into modules"
        )
        diags.append(make(codes.P008, message, path))
    title = front.title or (clauses[0].title if clauses else None)
    module = Module(
        path=path,
        id=front.id or Path(path).stem,
        title=title,
        clauses=clauses,
        version=front.version,
        charter=front.charter,
        imports=front.imports,
        levels=front.levels,
        owner=front.owner,
        abstract=front.abstract,
        front_matter=front.data,
        line_count=line_count,
    )
    return Parsed(module, tuple(diags))


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop (the link points, directly or not, at itself)"
    return exc.strerror or str(exc)


def _amount(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1_000_000 else f"{size:,} bytes"


def _too_large(size: int, max_bytes: int) -> str:
    # a stream is read up to one byte past the limit: its real size is unknown
    limit = f"the {_amount(max_bytes)} limit for a spec file"
    if size == max_bytes + 1:
        return f"file is over {limit}"
    return f"file is {_amount(size)}, above {limit}"


def read_source(
    path: Path, display: str, max_bytes: int = MAX_FILE_BYTES
) -> tuple[str | None, list[Diagnostic]]:
    """The file's text, or diagnostics saying why it cannot be used."""
    try:
        data, size = read_regular(path, max_bytes)
    except NotRegularFile as kind:
        return None, [make(codes.P006, f"not a regular file: it is {kind}", display)]
    except OSError as exc:
        return None, [make(codes.P001, f"cannot read file: {_reason(exc)}", display)]
    if size > max_bytes:
        return None, [
            make(
                codes.P005,
                _too_large(size, max_bytes),
                display,
            )
        ]
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        return None, [make(codes.P003, "binary data (NUL byte): not a text file", display, line)]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            make(
                codes.P002,
                f"not UTF-8 text: byte 0x{data[exc.start]:02x} cannot "
                "be decoded; save the file as UTF-8",
                display,
                line,
                col,
            )
        ]
