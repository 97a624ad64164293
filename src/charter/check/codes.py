"""Stable ``C…`` codes: what the cross-module type checker (``charter check``) reports.

Numbering by family: C00x references, C01x imports, C02x chain of command, C03x
interfaces, C04x contradictions, C05x examples, C06x footnote tags and prompt files.
A code, once published, keeps its meaning; retired codes are never reused.
"""

from __future__ import annotations

from charter.diagnostics import Severity, register

E = Severity.ERROR
W = Severity.WARNING
I = Severity.INFO  # noqa: E741

C001 = register(
    "C001",
    "unresolved reference",
    E,
    "A reference names a clause id that neither its own module nor any module it imports defines.",
)
C002 = register(
    "C002",
    "duplicate clause id",
    E,
    "Two clauses of one module have the same id; references to it are ambiguous.",
)
C003 = register(
    "C003",
    "ambiguous reference",
    E,
    "An unqualified id is defined by two or more imported modules; qualify it as 'file.md#id'.",
)
C004 = register(
    "C004",
    "reference to a module not imported",
    W,
    "A 'file.md#id' reference points into a module that this module does not list in 'imports'.",
)
C005 = register(
    "C005",
    "conflicting definitions of a term",
    W,
    "Two modules that see each other define the same term with different meanings.",
)
C010 = register(
    "C010", "missing import", E, "An entry of 'imports' names a file that does not exist."
)
C011 = register(
    "C011",
    "import cycle",
    E,
    "Modules import each other in a cycle; every module of the cycle depends on itself.",
)
C012 = register(
    "C012",
    "import outside the project",
    E,
    "An import leaves the project root; it is not loaded or checked.",
)
C013 = register(
    "C013",
    "import not loaded",
    E,
    "An imported file exists but could not be read as a module (see its P-code diagnostic).",
)
C020 = register(
    "C020",
    "unknown level of authority",
    E,
    "An 'authority=' value is not a level of the module's chain of command.",
)
C021 = register(
    "C021",
    "override forbidden by the chain of command",
    E,
    "A root clause can never be overridden, and a clause may only override clauses at its own level or below.",
)
C022 = register(
    "C022",
    "override or implementation of a clause not imported",
    E,
    "'overrides=' and 'implements=' may only name clauses of the module itself or of a module it imports.",
)
C030 = register(
    "C030",
    "abstract clause not implemented",
    E,
    "A module imports an abstract clause but no clause of it says 'implements=#id' (and the module is not itself abstract).",
)
C031 = register(
    "C031",
    "implements a clause that is not abstract",
    E,
    "'implements=' must name an abstract clause; use 'overrides=' to replace a concrete one.",
)
C040 = register(
    "C040",
    "contradiction not settled by the chain of command",
    E,
    "Two normative statements say opposite things about the same behaviour, at the same level, and neither clause overrides the other.",
)
C041 = register(
    "C041",
    "contradiction settled by the chain of command",
    I,
    "Two normative statements say opposite things about the same behaviour; the higher level (or an explicit override) wins.",
)
C042 = register(
    "C042",
    "contradiction found by a model",
    W,
    "With 'charter check --model P/M', a model judged two statements that the deterministic check left open to conflict; the message names the situation and the question to resolve.",
)
C043 = register(
    "C043",
    "a model asks for clarification",
    I,
    "With 'charter check --model P/M', a model could not tell whether two statements conflict and asks a question (or gave no usable answer, or pairs were left unasked beyond the limit).",
)
C050 = register(
    "C050",
    "unresolved candidate reference",
    E,
    "A '<!-- BAD[#id] -->' verdict names a clause that does not resolve.",
)
C051 = register(
    "C051",
    "comparison without a GOOD candidate",
    W,
    "A <comparison> holds candidates but none marked GOOD (or OK), so it shows no acceptable response.",
)
C060 = register(
    "C060",
    "dangling footnote tag",
    E,
    "A statement's footnote tag '[^tag]' has no prompt file 'examples/tag.md'.",
)
C061 = register(
    "C061",
    "orphan prompt file",
    W,
    "A prompt file 'examples/tag.md' is not tagged by any statement, so its prompts test nothing.",
)
C062 = register(
    "C062",
    "prompt file names another clause",
    W,
    "The header 'Examples for [^tag] in <title>' names a clause other than the one whose statement carries the tag.",
)
