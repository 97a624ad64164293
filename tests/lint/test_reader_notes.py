"""'Note that …' points out a fact to the reader of the spec: context, not a rule. Vague
words in the fact ('the timetable usually changes') set no threshold a response is tested
on, so the vagueness rules leave them alone — unless the fact itself binds the assistant
('Note that the assistant should …'). 'Keep in mind that …' stays an imperative: L114
(mental state) asks what it changes in a response."""

from __future__ import annotations

from pathlib import Path

from tests.lint.helpers import charter

SPEC = """\
---
authority: guideline
---
# Ferry booking helper {#ferry}

Note that the timetable usually changes in October.
Notice that many crossings are cancelled in bad weather.
Please note that some ports have limited parking.
Keep in mind that the ferry is often late.
Note that the assistant should often mention the ferry's name.
The assistant should usually quote the departure time from the live timetable.

**Example**: a departure

~~~xml
<user>
When does the 9:00 boat leave?
</user>
<comparison>
<assistant>
<!-- GOOD -->
It leaves at 9:05 today.
</assistant>
<assistant>
<!-- BAD: a guess -->
Around nine.
</assistant>
</comparison>
~~~
"""


def test_facts_told_to_the_reader_are_not_linted_as_rules(tmp_path: Path) -> None:
    spec = tmp_path / "ferry.md"
    spec.write_text(SPEC, encoding="utf-8")
    result = charter("lint", "--format", "json", "ferry.md", cwd=tmp_path)
    import json

    found = sorted((d["line"], d["code"]) for d in json.loads(result.stdout)["diagnostics"])
    lines = {line for line, _ in found}
    assert not lines & {6, 7, 8}, found
    assert (9, "L114") in found  # an instruction about the assistant's state of mind
    # a rule inside the note, and the plain rule, are still read as rules
    assert (10, "L111") in found and (11, "L111") in found
