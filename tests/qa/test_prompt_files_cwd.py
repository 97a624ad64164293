"""Prompt files link to their module when charter runs inside the project folder (QA:
`cd spec && charter parse .` found 0 of the Model Spec's 112 prompt files, because the
module's folder was spelled "" and the prompt index's ".")."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter import load

SPEC = "# A {#a authority=root}\n\nThe assistant must greet[^ab12].\n"
PROMPT = (
    "Examples for [^ab12] in A:\n\n**Example**: hi\n\n~~~xml\n<user>\nhello\n</user>\n"
    "<comparison>\n<assistant> <!-- GOOD -->\nhi\n</assistant>\n"
    "<assistant> <!-- BAD -->\ngo away\n</assistant>\n</comparison>\n~~~\n"
)


@pytest.mark.parametrize("where", [".", "inner"])
def test_prompt_files_link_from_any_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    root = tmp_path / "inner"
    (root / "examples").mkdir(parents=True)
    (root / "spec.md").write_text(SPEC)
    (root / "examples" / "ab12.md").write_text(PROMPT)
    monkeypatch.chdir(root if where == "." else tmp_path)
    project = load(where)
    (module,) = project.modules
    (clause,) = module.clauses
    assert [p.tag for p in project.prompts_for(module, clause)] == ["ab12"]
