"""The spec model: immutable values for every element of a spec, each with its span.

Everything here is a frozen dataclass built by the parser and never mutated afterwards.
Lines and columns are 1-based; ``end_col`` is exclusive. Ids are clause ids without ``#``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

from charter.diagnostics import Diagnostic

DEFAULT_LEVELS: tuple[str, ...] = ("root", "system", "developer", "user", "guideline")
# Old names of levels, with their current name: the 2025-04-11 Model Spec calls its top
# level ``platform``, renamed ``root`` in later releases. Check and diff both honour it.
LEVEL_ALIASES: dict[str, str] = {"platform": "root"}


@dataclass(frozen=True, slots=True)
class Span:
    """A region of a source file: ``path:line:col`` to ``end_line:end_col`` (exclusive)."""

    path: str
    line: int
    col: int = 1
    end_line: int = 0
    end_col: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


class Modality(StrEnum):
    """Strength and direction of a normative statement (RFC 2119 family)."""

    MUST = "must"
    MUST_NOT = "must_not"
    SHOULD = "should"
    SHOULD_NOT = "should_not"
    MAY = "may"
    NONE = "none"

    @property
    def normative(self) -> bool:
        return self is not Modality.NONE

    @property
    def negative(self) -> bool:
        return self is Modality.MUST_NOT or self is Modality.SHOULD_NOT  # identity: no str ==


class Polarity(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"


class RefKind(StrEnum):
    """How a reference was written."""

    SECTION = "section"  # [?](#id)
    LINK = "link"  # [text](#id)
    FILE = "file"  # [text](other.md#id)
    CANDIDATE = "candidate"  # <!-- BAD[#id] -->
    OVERRIDES = "overrides"  # {#id overrides=#other}
    IMPLEMENTS = "implements"  # {#id implements=#other}


@dataclass(frozen=True, slots=True)
class Reference:
    kind: RefKind
    target: str  # clause id, without '#'
    span: Span
    file: str | None = None  # for RefKind.FILE and qualified attributes: 'other.md'
    text: str = ""


@dataclass(frozen=True, slots=True)
class Statement:
    """One sentence or list item of normative body text."""

    text: str  # the exact source text (Markdown), so offsets map to the span
    span: Span
    modality: Modality
    polarity: Polarity
    tags: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()
    list_item: bool = False


@dataclass(frozen=True, slots=True)
class Definition:
    term: str
    meaning: str
    span: Span


@dataclass(frozen=True, slots=True)
class Commentary:
    """An admonition (``!!! meta "Commentary"``): context for humans, not instructions."""

    kind: str
    title: str
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Message:
    role: str
    attrs: tuple[tuple[str, str], ...]
    content: str
    span: Span

    def attr(self, name: str) -> str | None:
        return dict(self.attrs).get(name)


class Verdict(StrEnum):
    GOOD = "good"
    BAD = "bad"
    OK = "ok"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A candidate assistant response inside ``<comparison>``."""

    verdict: Verdict | None  # None: the parser reported a missing verdict
    reason: str
    refs: tuple[str, ...]
    content: str
    span: Span
    attrs: tuple[tuple[str, str], ...] = ()
    role: str = "assistant"


@dataclass(frozen=True, slots=True)
class Example:
    title: str
    description: str
    messages: tuple[Message, ...]
    candidates: tuple[Candidate, ...]
    span: Span  # from the '**Example**' line to the end of the conversation block


@dataclass(frozen=True, slots=True)
class Expectation:
    """One fixed assertion of a test block: ``contains``, ``not-regex``, ``judge``..."""

    kind: str  # without the 'not-' prefix
    value: Any
    negate: bool = False


@dataclass(frozen=True, slots=True)
class TestBlock:
    """A fenced ```` ```yaml test ```` block: a prompt or conversation plus expectations."""

    __test__ = False  # not a pytest test class

    raw: str
    id: str | None
    prompt: str | None
    messages: tuple[Message, ...]
    expect: tuple[Expectation, ...]
    span: Span
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class Clause:
    """A heading and the body up to the next heading (children are separate clauses)."""

    id: str
    title: str
    level: int
    span: Span  # the heading line
    body_end_line: int  # last line of the body (inclusive)
    own_authority: str | None = None
    authority: str | None = None  # own, or inherited from the nearest ancestor
    id_explicit: bool = True
    parent: str | None = None
    children: tuple[str, ...] = ()
    overrides: tuple[Reference, ...] = ()
    implements: tuple[Reference, ...] = ()
    abstract: bool = False
    status: str = "active"
    tags: tuple[str, ...] = ()
    attributes: tuple[tuple[str, str], ...] = ()  # every attribute as written
    statements: tuple[Statement, ...] = ()
    examples: tuple[Example, ...] = ()
    references: tuple[Reference, ...] = ()  # body references, in order
    definitions: tuple[Definition, ...] = ()
    commentary: tuple[Commentary, ...] = ()
    test_blocks: tuple[TestBlock, ...] = ()

    @property
    def normative(self) -> bool:
        """A clause with authority (own or inherited) is normative and testable."""
        return self.authority is not None

    @property
    def footnote_tags(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for statement in self.statements:
            seen.update(dict.fromkeys(statement.tags))
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Module:
    """One Markdown file of a spec: front matter and clauses in document order."""

    path: str
    id: str
    title: str | None
    clauses: tuple[Clause, ...]
    version: str | None = None
    charter: int | None = None
    imports: tuple[str, ...] = ()
    levels: tuple[str, ...] = DEFAULT_LEVELS
    owner: str | None = None
    abstract: bool = False
    front_matter: dict[str, Any] = field(default_factory=dict, hash=False)
    line_count: int = 0
    _index: dict[str, Clause] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        index: dict[str, Clause] = {}
        for clause in self.clauses:
            index.setdefault(clause.id, clause)
        object.__setattr__(self, "_index", index)

    def clause(self, clause_id: str) -> Clause | None:
        return self._index.get(clause_id)

    @property
    def stem(self) -> str:
        return Path(self.path).stem


def testable(clause: Clause) -> bool:
    """The one rule for which clauses are tested: normative, not abstract, not deprecated.
    Planning, calibration, coverage, lint and diff impact all ask it. (A module marked
    ``abstract`` may leave imported abstract clauses unimplemented; its own concrete
    clauses are still tested.)"""
    return clause.normative and not clause.abstract and clause.status != "deprecated"


@dataclass(frozen=True, slots=True)
class PromptFile:
    """``examples/<tag>.md``: challenging prompts for the statement tagged ``[^tag]``."""

    tag: str
    path: str
    target_title: str | None
    examples: tuple[Example, ...]
    span: Span


@lru_cache(maxsize=4096)
def _folder(path: str) -> str:
    """A file's folder as the prompt index spells it (``Path("spec.md").parent`` is "."):
    cached, because ``prompts_for`` runs once per clause on hot paths."""
    return str(Path(path).parent)


@dataclass(frozen=True, slots=True)
class Project:
    """A loaded spec project: modules, prompt files and every diagnostic found loading them."""

    root: str
    modules: tuple[Module, ...]
    prompt_files: tuple[PromptFile, ...]
    diagnostics: tuple[Diagnostic, ...]
    config: Any = field(default=None, compare=False, hash=False)
    _prompt_index: dict[str, dict[str, PromptFile]] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )

    def module(self, module_id_or_path: str) -> Module | None:
        for module in self.modules:
            if module_id_or_path in (module.id, module.path):
                return module
        return None

    def prompts_for(self, module: Module, clause: Clause) -> tuple[PromptFile, ...]:
        """Prompt files tagged by the clause's statements, in tag order."""
        by_tag = self._prompt_index.get(_folder(module.path))
        if not by_tag:
            return ()
        return tuple(by_tag[tag] for tag in clause.footnote_tags if tag in by_tag)

    def __post_init__(self) -> None:
        # Prompt files by the folder of the modules they serve, then by tag: built once,
        # so that looking up a clause's prompt files costs O(its tags).
        examples_dir = getattr(self.config, "examples_dir", "examples")
        index: dict[str, dict[str, PromptFile]] = {}
        for prompt in self.prompt_files:
            folder = Path(prompt.path).parent
            if folder.name == examples_dir:
                index.setdefault(str(folder.parent), {})[prompt.tag] = prompt
        object.__setattr__(self, "_prompt_index", index)
