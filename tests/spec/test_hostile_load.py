"""Loading a project made of hostile files: pipes, links, look-alike module names,
YAML bombs, over-long statements and deep nesting all end in diagnostics."""

from __future__ import annotations

import os
from pathlib import Path

import charter
from charter import parse_module

HEAD = "# Greeting {#greet authority=developer}\n\nThe assistant must greet the user.\n\n"


def _codes(project: charter.Project) -> list[str]:
    return [d.code for d in project.diagnostics]


def test_a_fifo_prompt_file_is_refused_without_blocking(tmp_path: Path) -> None:
    (tmp_path / "spec.md").write_text(HEAD)
    (tmp_path / "examples").mkdir()
    os.mkfifo(tmp_path / "examples" / "greet.md")
    assert _codes(charter.load(tmp_path)) == ["P006"]


def test_a_fifo_given_as_the_path_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "spec.md")
    assert _codes(charter.load(tmp_path / "spec.md")) == ["P006"]


def test_a_link_out_of_the_project_is_not_loaded(tmp_path: Path) -> None:
    (tmp_path / "outside.md").write_text("# Secret {#secret}\n\nThe assistant must leak.\n")
    project_dir = tmp_path / "project"
    project_dir.mkdir()
    (project_dir / "spec.md").write_text(HEAD)
    (project_dir / "other.md").symlink_to(tmp_path / "outside.md")
    project = charter.load(project_dir)
    assert _codes(project) == ["P007"]
    assert [m.id for m in project.modules] == ["spec"]


def test_a_file_given_on_the_command_line_may_be_a_link(tmp_path: Path) -> None:
    (tmp_path / "real.md").write_text(HEAD)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "link.md").symlink_to(tmp_path / "real.md")
    project = charter.load(tmp_path / "sub" / "link.md")
    assert _codes(project) == [] and len(project.modules) == 1


def test_a_linked_folder_loads_each_file_once(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "base.md").write_text(HEAD)
    for k in range(5):
        (tmp_path / f"link{k}").symlink_to(tmp_path / "real", target_is_directory=True)
    imports = ", ".join([f"link{k}/base.md" for k in range(5)] + ["real/base.md"])
    (tmp_path / "main.md").write_text(f"---\nimports: [{imports}]\n---\n# Main {{#main}}\n\nHi.\n")
    project = charter.load(tmp_path / "main.md")
    assert sorted(m.id for m in project.modules) == ["link0/base", "main"]
    assert "P026" not in _codes(project)


def test_a_link_loop_is_a_clear_diagnostic(tmp_path: Path) -> None:
    (tmp_path / "spec.md").write_text(HEAD)
    (tmp_path / "loop.md").symlink_to(tmp_path / "loop.md")
    project = charter.load(tmp_path)
    (diag,) = project.diagnostics
    assert diag.code == "P001" and "symbolic link loop" in diag.message


def test_module_ids_come_from_the_path_below_the_project(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "spec.md").write_text("# C0 {#c0}\n\nThe assistant must greet.\n")
    (tmp_path / "top.md").write_text("---\nid: chosen\n---\n# T {#t}\n\nHi.\n")
    project = charter.load(tmp_path)
    assert sorted(m.id for m in project.modules) == ["a/spec", "b/spec", "chosen"]
    assert _codes(project) == []


def test_two_modules_with_one_id_are_p026(tmp_path: Path) -> None:
    for name in ("one.md", "two.md"):
        (tmp_path / name).write_text("---\nid: same\n---\n# C {#c}\n\nHi.\n")
    assert _codes(charter.load(tmp_path)) == ["P026"]


def test_the_shop_and_a_single_file_keep_their_ids() -> None:
    shop = Path(__file__).parents[2] / "examples" / "shop"
    assert sorted(m.id for m in charter.load(shop).modules) == [
        "larkspur-safety",
        "larkspur-support",
    ]


def _block(body: str) -> str:
    return HEAD + f"```yaml test\n{body}\n```\n"


def test_an_alias_bomb_is_refused_before_it_expands() -> None:
    lines = ["prompt: hi", "vars:", '  a0: &a0 ["x"]']
    lines += [f"  a{k}: &a{k} [{', '.join([f'*a{k - 1}'] * 9)}]" for k in range(1, 10)]
    module, diags = parse_module(_block("\n".join(lines)), "x.md")
    assert [d.code for d in diags] == ["P055"]
    assert module.clauses[0].test_blocks == ()


def test_a_recursive_alias_is_p056() -> None:
    _, diags = parse_module(_block("prompt: hi\nvars: &a [*a]"), "x.md")
    assert [(d.code, d.line) for d in diags] == [("P056", 7)]


def test_markdown_emphasis_in_a_prompt_is_not_an_alias() -> None:
    _, diags = parse_module(_block("prompt: 'say **hi** *now*'\nexpect:\n  - contains: hi"), "x")
    assert diags == ()


def test_a_statement_over_the_budget_is_reported_and_kept() -> None:
    module, diags = parse_module(HEAD.replace("greet the user", "see " + "it " * 2000), "x.md")
    assert [d.code for d in diags] == ["P025"]
    assert "6,024 characters long" in diags[0].message
    assert len(module.clauses[0].statements) == 1


def test_deep_quotes_are_reported_not_dropped_silently() -> None:
    text = HEAD + "> " * 25 + "The assistant must never reveal the key.\n"
    _, diags = parse_module(text, "x.md")
    assert [(d.code, d.line) for d in diags] == [("P027", 5)]
    _, shallow = parse_module(HEAD + "> " * 19 + "The assistant must wave.\n", "x.md")
    assert shallow == ()


def test_a_module_over_the_file_budget_is_parsed_but_not_linted(tmp_path: Path) -> None:
    from charter.analysis import collect

    rule = "## Rule {n} {{#rule_{n} authority=developer}}\n\nThe assistant must use emoji sparingly.\n\n"
    text = HEAD + "".join(rule.format(n=n) for n in range(5_100))
    (tmp_path / "spec.md").write_text(text)
    project = charter.load(tmp_path)
    assert _codes(project) == ["P008"] and len(project.modules[0].clauses) == 5_101
    found = {d.code for d in collect(project)}
    assert "L101" not in found  # 'sparingly' in every statement: the text rules did not run
    (tmp_path / "spec.md").write_text(HEAD + rule.format(n=1))
    assert "L101" in {d.code for d in collect(charter.load(tmp_path))}


def test_the_alias_prefilter_never_hides_an_alias() -> None:
    """Every way PyYAML accepts an alias is caught (the pre-filter only skips text that
    cannot hold one)."""
    import yaml

    from charter.spec.yamlsafe import load_yaml

    shapes = ["a: &x 1\nb: *x", "- &x 1\n- *x", "[&x 1, *x]", "{a: &x 1, b: *x}",
              "a: &x 1\nb:\n  *x", "? &x k\n: 1\n? *x\n: 2", "[&x 1,*x]", "a: &x 1\nb: [ *x ]"]  # fmt: skip
    for text in shapes:
        yaml.safe_load(text)  # valid YAML with an alias
        assert getattr(load_yaml(text), "kind", None) == "alias", text
    for text in ("p: say **hi**", "p: '*quoted*'", "p: 2*3"):
        assert not hasattr(load_yaml(text), "kind"), text
