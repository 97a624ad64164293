"""Stable ``P…`` codes: everything the parser and project loader can object to."""

from __future__ import annotations

from charter.diagnostics import Severity, register

E = Severity.ERROR
W = Severity.WARNING
I = Severity.INFO  # noqa: E741

P001 = register("P001", "file cannot be read", E, "The path does not exist or is not readable.")
P002 = register("P002", "file is not UTF-8 text", E, "Spec files must be UTF-8 encoded text.")
P003 = register("P003", "binary file", E, "The file contains NUL bytes; it is not a text file.")
P004 = register("P004", "empty module", W, "The file holds no text, so no clause.")
P005 = register("P005", "file too large", E, "Files above the size limit are not parsed.")
P010 = register(
    "P010", "unclosed front matter", E, "A '---' line opens YAML front matter that never closes."
)
P006 = register(
    "P006",
    "not a regular file",
    E,
    "The path names a named pipe, device, socket or folder; only regular files are read "
    "(a pipe would block the reader, a device may never end).",
)
P007 = register(
    "P007",
    "link leads outside the project",
    E,
    "A module is a symbolic link (or sits in a linked folder) whose real path is outside "
    "the project root; it is not loaded, so nothing outside the project enters the output.",
)
P008 = register(
    "P008",
    "module over the analysis budget",
    W,
    "A module is longer than the lint budget (20,000 lines): it is parsed and checked, "
    "but lint's text rules skip it so that their time stays bounded. Split it into modules.",
)
P011 = register("P011", "invalid YAML front matter", E, "The front matter is not valid YAML.")
P012 = register("P012", "front matter is not a mapping", E, "Front matter must be a YAML mapping.")
P013 = register(
    "P013", "invalid front matter field", E, "A known front matter field has the wrong type."
)
P014 = register("P014", "unknown front matter field", I, "The field is not one Charter reads.")
P020 = register(
    "P020", "malformed attribute block", E, "A heading's '{...}' block could not be read."
)
P021 = register("P021", "unknown heading attribute", W, "The attribute is not one Charter reads.")
P022 = register(
    "P022", "invalid attribute value", E, "An attribute has a value Charter cannot use."
)
P023 = register(
    "P023",
    "heading without id",
    W,
    "A heading without '{#id}' gets an id derived from its title (a slug), and the spec is "
    "read as usual; but that id changes when the title does, which breaks references, test "
    "history and diffs. 'charter fix --ids' writes the derived ids into the headings. The "
    "severity is configurable like a lint rule ([lint] severity, --ignore P023).",
)
P024 = register("P024", "duplicate clause id", E, "Two headings of one module have the same id.")
P025 = register(
    "P025",
    "text over the analysis budget",
    W,
    "A statement or heading is longer than the analysis budget (4,000 characters); lint "
    "rules skip it so that their time stays bounded. Split it into sentences.",
)
P026 = register(
    "P026",
    "duplicate module id",
    E,
    "Two modules of a project have the same id (from front matter, or from the path "
    "below the project folder), so their case ids would collide.",
)
P027 = register(
    "P027",
    "nesting too deep",
    E,
    "Quotes or lists nest as deep as the Markdown parser goes (20 levels); what is "
    "deeper is dropped, so statements there would be silently lost.",
)
P028 = register(
    "P028",
    "not a heading",
    W,
    "A paragraph of one line opens with '#' and a letter ('#Refunds'): Markdown needs a "
    "space after the '#'s, so this line is text, not a clause. Add the space if a heading "
    "was meant.",
)
P029 = register(
    "P029",
    "heading without title",
    W,
    "A heading has no title ('##' alone, or '## {#id}' with only attributes): its clause "
    "is read, but every message, report and changelog names it by an empty title. Write a "
    "title after the '#'s, before any attributes: '## Refund policy {#refunds}'.",
)
P030 = register(
    "P030",
    "unterminated code block",
    E,
    "A fenced block is never closed; it swallows the rest of the file.",
)
P031 = register(
    "P031",
    "example without conversation",
    W,
    "An '**Example**:' paragraph is not followed by a '~~~xml' block.",
)
P032 = register(
    "P032",
    "conversation without example title",
    I,
    "A '~~~xml' block has no '**Example**:' paragraph before it.",
)
P033 = register("P033", "unclosed message", E, "A message tag is never closed in the conversation.")
P034 = register(
    "P034", "unexpected closing tag", W, "A closing tag does not match an open message."
)
P035 = register(
    "P035", "text outside a message", W, "Conversation text is outside every message tag."
)
P036 = register(
    "P036",
    "candidate without verdict",
    E,
    "A response inside <comparison> has no <!-- GOOD --> / <!-- BAD --> marker.",
)
P037 = register("P037", "malformed verdict", E, "A verdict comment could not be read.")
P038 = register("P038", "unclosed comparison", E, "A <comparison> is never closed.")
P039 = register(
    "P039",
    "verdict outside comparison",
    W,
    "A verdict marker on a message outside <comparison> is ignored.",
)
P040 = register(
    "P040", "non-assistant message in comparison", W, "Only assistant responses are compared."
)
P041 = register("P041", "empty comparison", W, "A <comparison> holds no candidate response.")
P042 = register(
    "P042",
    "stray characters before a tag",
    W,
    "Characters before a message tag at a line start, usually a Markdown leftover.",
)
P050 = register("P050", "invalid test block YAML", E, "A 'yaml test' block is not valid YAML.")
P051 = register(
    "P051", "invalid test block", E, "A 'yaml test' block does not have the documented shape."
)
P052 = register(
    "P052", "unknown expectation kind", E, "An expectation is not one of the documented kinds."
)
P053 = register(
    "P053",
    "invalid expectation value",
    E,
    "An expectation's value cannot be checked as written: a regex that does not compile, "
    "a max-length that is not a non-negative integer, an empty judge criterion...",
)
P054 = register(
    "P054",
    "duplicate test block id",
    E,
    "Two 'yaml test' blocks of one clause have the same case id (an explicit 'id', or the "
    "position an unnamed block takes); the second one is ignored.",
)
P055 = register(
    "P055",
    "YAML alias in a test block",
    E,
    "A 'yaml test' block uses an alias ('*name'). Aliases are refused: a few nested ones "
    "expand into millions of values (a 'billion laughs' bomb). Write the value out.",
)
P056 = register(
    "P056",
    "recursive YAML alias",
    E,
    "A 'yaml test' block holds an alias inside the collection it names: the value would "
    "contain itself and could be neither sent nor stored.",
)
P060 = register(
    "P060",
    "prompt file without header",
    W,
    "A prompt file should start with 'Examples for [^tag] in <title>:'.",
)
P061 = register("P061", "prompt file tag mismatch", W, "The header's tag is not the file's name.")
P062 = register("P062", "prompt file without examples", W, "A prompt file holds no example.")
P070 = register("P070", "no Markdown files", E, "The folder holds no Markdown module.")
P071 = register(
    "P071", "invalid project configuration", E, "charter.toml or [tool.charter] could not be used."
)

# Codes that mean "the input could not be read at all": exit code 2, not 1.
FATAL_CODES = frozenset(
    {P001.code, P002.code, P003.code, P005.code, P006.code, P070.code, P071.code}
)
