"""Control: inline suppression comments, the [lint] table, baselines — and the clear
exit-code-2 failures when any of them is malformed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from charter.errors import ConfigError, InputError
from charter.lint.settings import parse_settings
from tests.lint.helpers import TEST_BLOCK, charter, codes, lint_text

HEAD = "# C {#c authority=user}\n\n"


def test_disable_next_line() -> None:
    text = HEAD + "<!-- charter-disable-next-line L101 -->\nThe assistant must act quickly.\n\n"
    assert "L101" not in codes(text + TEST_BLOCK)
    assert "L901" not in codes(text + TEST_BLOCK)


def test_disable_and_enable_a_region() -> None:
    text = (
        HEAD + "<!-- charter-disable L101, L111 -- the team accepts these here -->\n\n"
        "The assistant must act quickly.\n\n<!-- charter-enable L101 -->\n\n"
        "The assistant must usually act quickly.\n\n" + TEST_BLOCK
    )
    found = lint_text(text)
    assert [(d.code, d.line) for d in found if d.code in ("L101", "L111")] == [("L101", 9)]


def test_disable_everything_with_no_code() -> None:
    text = HEAD + "<!-- charter-disable -->\n\nThe assistant must usually act quickly.\n\n"
    assert codes(text + TEST_BLOCK) == []


def test_unused_suppression_is_reported() -> None:
    text = HEAD + "<!-- charter-disable-next-line L109 -->\nThe assistant must wave.\n\n"
    found = [d for d in lint_text(text + TEST_BLOCK) if d.code == "L901"]
    assert len(found) == 1 and found[0].line == 3


def test_comments_in_code_blocks_are_not_directives() -> None:
    text = HEAD + "The assistant must wave.\n\n```text\n<!-- charter-disabel L1 -->\n```\n\n"
    lint_text(text + TEST_BLOCK)  # no InputError: the typo is inside a fence


@pytest.mark.parametrize(
    ("comment", "problem"),
    [
        ("<!-- charter-disabel L101 -->", "unknown directive 'charter-disabel'"),
        ("<!-- charter-disable L999 -->", "unknown rule code 'L999'"),
        ("<!-- charter-disable banana -->", "unknown rule code 'banana'"),
        ("<!-- charter-enable L101 -->", "has no matching charter-disable"),
        ("<!-- charter-disable L101", "not closed"),
    ],
)
def test_malformed_suppression_is_an_input_error(comment: str, problem: str) -> None:
    text = HEAD + comment + "\n\nThe assistant must wave.\n\n" + TEST_BLOCK
    with pytest.raises(InputError, match=r"spec\.md:3:1") as info:
        lint_text(text)
    assert problem in str(info.value)


def test_malformed_suppression_exits_2(tmp_path: Path) -> None:
    spec = tmp_path / "spec.md"
    spec.write_text(HEAD + "<!-- charter-disable L7 -->\nThe assistant must wave.\n")
    result = charter("lint", str(spec))
    assert result.returncode == 2
    assert "unknown rule code 'L7'" in result.stderr and "Traceback" not in result.stderr


# -- [lint] settings -----------------------------------------------------------------------
VAGUE = HEAD + "The assistant must act quickly and sometimes twice.\n\n" + TEST_BLOCK


def test_select_ignore_and_severity() -> None:
    assert set(codes(VAGUE)) == {"L101", "L111"}
    assert codes(VAGUE, config={"select": ["L10"]}) == ["L101"]
    assert codes(VAGUE, config={"ignore": ["L1"]}) == []
    found = lint_text(VAGUE, config={"severity": {"L101": "error", "L111": "off"}})
    assert [(d.code, d.severity.value) for d in found] == [("L101", "error")]


def test_per_path_overrides() -> None:
    config = {"overrides": [{"paths": ["spec.md"], "ignore": ["L101"]}]}
    assert codes(VAGUE, config=config) == ["L111"]
    config = {"overrides": [{"paths": ["drafts/*"], "ignore": ["L101"]}]}
    assert set(codes(VAGUE, config=config)) == {"L101", "L111"}


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ({"ignore": ["L999"]}, "unknown rule code 'L999'"),
        ({"select": ["P024"]}, "unknown rule code 'P024'"),
        ({"severity": {"L101": "loud"}}, "must be error, warning, info or off"),
        ({"colour": "red"}, "unknown key(s) colour"),
        ({"overrides": [{"ignore": ["L101"]}]}, "'paths' is required"),
        ({"authority": {"root": ["always"]}}, "unknown modality always"),
        ({"glossary": "ok", "informative": "yes"}, "'informative' must be true or false"),
    ],
)
def test_bad_lint_settings_are_config_errors(raw: dict, problem: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(ConfigError, match=r"charter.toml: \[lint\]") as info:
        parse_settings(raw, "charter.toml")
    assert problem in str(info.value)


def _project(tmp_path: Path, config: str = "") -> Path:
    (tmp_path / "charter.toml").write_text(config)
    (tmp_path / "spec.md").write_text(VAGUE)
    return tmp_path


def test_config_is_read_from_charter_toml(tmp_path: Path) -> None:
    root = _project(tmp_path, '[lint]\nignore = ["L111"]\n[lint.severity]\nL101 = "info"\n')
    result = charter("lint", str(root), "--format", "json")
    found = json.loads(result.stdout)["diagnostics"]
    assert [(d["code"], d["severity"]) for d in found] == [("L101", "info")]
    assert result.returncode == 0


def test_unknown_code_in_config_exits_2(tmp_path: Path) -> None:
    root = _project(tmp_path, '[lint]\nignore = ["L1234"]\n')
    for command in ("lint", "check"):
        result = charter(command, str(root))
        assert result.returncode == 2, command
        assert "unknown rule code 'L1234'" in result.stderr and "Traceback" not in result.stderr


def test_error_severity_makes_lint_and_check_exit_1(tmp_path: Path) -> None:
    root = _project(tmp_path, '[lint.severity]\nL101 = "error"\n')
    assert charter("lint", str(root)).returncode == 1
    assert charter("check", str(root)).returncode == 1


# -- baselines ----------------------------------------------------------------------------
def test_baseline_reports_only_new_findings(tmp_path: Path) -> None:
    root = _project(tmp_path)
    baseline = tmp_path / "baseline.json"
    result = charter("lint", str(root), "--write-baseline", str(baseline))
    assert result.returncode == 0 and "wrote 2 finding(s)" in result.stderr
    data = json.loads(baseline.read_text())
    assert data["format"] == 2 and len(data["findings"]) == 2
    clean = charter("lint", str(root), "--baseline", str(baseline), "--format", "json")
    assert json.loads(clean.stdout)["diagnostics"] == []
    # lines move, nothing new: still clean; a new finding: reported
    spec = tmp_path / "spec.md"
    spec.write_text("\n\n" + spec.read_text().replace("twice.", "twice, etc."))
    moved = charter("lint", str(root), "--baseline", str(baseline), "--format", "json")
    assert [d["code"] for d in json.loads(moved.stdout)["diagnostics"]] == ["L107"]


def test_baseline_from_config_is_used_by_check(tmp_path: Path) -> None:
    root = _project(tmp_path, '[lint]\nbaseline = "lint-baseline.json"\n')
    assert (
        charter("lint", str(root), "--write-baseline", str(root / "lint-baseline.json")).returncode
        == 0
    )
    result = charter("check", str(root), "--format", "json")
    assert not [d for d in json.loads(result.stdout)["diagnostics"] if d["code"].startswith("L")]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "baseline is not valid JSON"),
        ('{"findings": []}', "baseline format None is not supported"),
        ('{"format": 1, "findings": [{"code": "L101"}]}', "has no 'fingerprint'"),
        ("[1, 2]", "not a charter lint baseline"),
    ],
)
def test_broken_baseline_exits_2(tmp_path: Path, content: str, problem: str) -> None:
    root = _project(tmp_path)
    baseline = tmp_path / "baseline.json"
    baseline.write_text(content)
    result = charter("lint", str(root), "--baseline", str(baseline))
    assert result.returncode == 2
    assert problem in result.stderr and "Traceback" not in result.stderr


def test_missing_baseline_exits_2(tmp_path: Path) -> None:
    result = charter("lint", str(_project(tmp_path)), "--baseline", str(tmp_path / "none.json"))
    assert result.returncode == 2 and "--write-baseline" in result.stderr


def test_heading_without_id_is_configurable_like_a_rule(tmp_path: Path) -> None:
    """P023 is a warning by default; [lint] severity and --ignore accept it."""
    (tmp_path / "guide.md").write_text("# Tone\n\nThe assistant should be polite.\n")
    default = charter("lint", str(tmp_path))
    assert default.returncode == 0 and "warning P023" in default.stdout
    ignored = charter("lint", str(tmp_path), "--ignore", "P023")
    assert ignored.returncode == 0 and "P023" not in ignored.stdout
    (tmp_path / "charter.toml").write_text('[lint]\nseverity = { P023 = "error" }\n')
    strict = charter("lint", str(tmp_path))
    assert strict.returncode == 1 and "error P023" in strict.stdout


def test_check_honours_the_parse_code_severity(tmp_path: Path) -> None:
    (tmp_path / "guide.md").write_text("# Tone\n\nThe assistant should be polite.\n")
    assert charter("check", str(tmp_path)).returncode == 0
    (tmp_path / "charter.toml").write_text('[lint]\nseverity = { P023 = "error" }\n')
    assert charter("check", str(tmp_path)).returncode == 1
    (tmp_path / "charter.toml").write_text('[lint]\nignore = ["P023"]\n')
    assert "P023" not in charter("check", str(tmp_path)).stdout
