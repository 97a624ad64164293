"""Spec Markdown turned into instructions a model reads: references, tags and notes.

What this module guarantees for the text of one statement:

- ``[?](#id)`` (and ``[?](file.md#id)``) becomes the referenced clause's title in quotes,
  or, with ``inline``, the title followed by that clause's first rule in brackets.
- ``[text](#id)`` and ``[text](file.md#id)`` links become their ``text``; links to the web
  stay as written.
- Footnote tags ``[^tag]`` are removed (they name prompt files, not instructions).
- Whitespace, line breaks included, collapses to single spaces.

And which statements are left out of a prompt:

- **Example commentary**: a sentence with no modal that speaks about an example
  ("Here, ...", "In this example ...", "In the example above ...") -- examples are not in
  the prompt, so such a sentence would read as a general rule.
- **Authoring notes**: sentences addressed to spec authors -- in an abstract clause, one
  whose subject is a module or an implementation ("Every product module must implement
  this clause"); in any clause, one with no modal about "this clause" or "this section"
  (what it says is rendered from ``implements`` / ``overrides`` instead).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from charter.spec.model import Clause, Modality, Project, Statement

TitleOf = Callable[[str], Clause | None]
_SECTION = re.compile(r"\[\?\]\((?:[^()\s#]*)#([\w.-]+)\)")
# link text holds no '[': each '[' then starts at most one scan (quadratic on '[[[[' else)
_LINK = re.compile(r"\[([^\[\]^?][^\[\]]*)\]\((?:[^()\s#]*\.md)?#[\w.-]+\)")
# starts where a run of white space starts, and a tag holds no '[': each character is
# read a bounded number of times (quadratic on long runs of white space or of '[^a')
_FOOTNOTE = re.compile(r"(?<!\s)\s*+\[\^[^\[\]\s]+\]")
_EXAMPLE_TALK = re.compile(
    r"^(?:here,|in (?:this|these|the|each|both) (?:above )?examples?\b|"
    r"in the examples? above\b|the (?:above|previous|following) examples?\b)",
    re.IGNORECASE,
)
_AUTHOR_SUBJECT = re.compile(
    r"^(?:every|each|any|an?|the)\s+(?:\w+\s+)?(?:modules?|implementations?)\b", re.IGNORECASE
)
_SELF = re.compile(r"\bthis (?:clause|section)\b", re.IGNORECASE)


def clause_index(project: Project) -> TitleOf:
    """A lookup of clauses by id across every module (first definition wins)."""
    index: dict[str, Clause] = {}
    for module in project.modules:
        for clause in module.clauses:
            index.setdefault(clause.id, clause)
    return index.get


def render(text: str, clauses: TitleOf, inline: bool = False) -> str:
    """One statement's Markdown as prompt text (see the module docstring)."""

    def section(match: re.Match[str]) -> str:
        target = clauses(match.group(1))
        if target is None:
            return match.group(1).replace("_", " ")
        title = f"“{target.title}”"
        first = _first_rule(target, clauses) if inline else None
        return f"{title} [{first}]" if first else title

    text = _FOOTNOTE.sub("", text)
    text = _SECTION.sub(section, text)
    text = _LINK.sub(lambda m: m.group(1), text)
    return " ".join(text.split())


def _first_rule(clause: Clause, clauses: TitleOf) -> str | None:
    for statement in clause.statements:
        if statement.modality.normative:
            text = _FOOTNOTE.sub("", statement.text)
            text = _SECTION.sub(lambda m: m.group(1).replace("_", " "), text)
            return " ".join(_LINK.sub(lambda m: m.group(1), text).split()).rstrip(".")
    return None


def example_commentary(statement: Statement) -> bool:
    """A sentence with no modal that comments on an example."""
    return statement.modality is Modality.NONE and bool(_EXAMPLE_TALK.match(statement.text.strip()))


def authoring_note(clause: Clause, statement: Statement) -> bool:
    """A sentence addressed to the spec's authors (see the module docstring)."""
    text = statement.text.strip()
    if clause.abstract and _AUTHOR_SUBJECT.match(text):
        return True
    return statement.modality is Modality.NONE and bool(_SELF.search(text))


def kept(clause: Clause) -> list[Statement]:
    """The statements of ``clause`` that go into a prompt, in document order."""
    return [
        s for s in clause.statements if not example_commentary(s) and not authoring_note(clause, s)
    ]
