"""The rule packs: they load, every rule is registered and documented, and every rule's
own examples behave as its YAML says (each 'flag' example is flagged by that rule, each
'accept' example is not)."""

from __future__ import annotations

import pytest

from charter.diagnostics import describe
from charter.errors import ConfigError
from charter.lint.packs import all_rules, load_pack
from charter.lint.rules import RuleType
from tests.lint.helpers import clause, lint_text

RULES = all_rules()


def test_at_least_thirty_rules_most_of_them_data() -> None:
    assert len(RULES) >= 30
    data = [r for r in RULES if r.type is not RuleType.PYTHON]
    assert len(data) > len(RULES) / 2
    kinds = {r.type for r in data}
    assert kinds >= {
        RuleType.EXISTENCE,
        RuleType.SUBSTITUTION,
        RuleType.OCCURRENCE,
        RuleType.CONSISTENCY,
        RuleType.CONDITIONAL,
    }


def test_codes_are_unique_registered_and_never_errors_by_default() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    for rule in RULES:
        info = describe(rule.code)
        assert info is not None and info.title == rule.title
        assert rule.severity.value in ("warning", "info"), rule.code
        assert rule.explanation and rule.question and rule.message


def _as_module(example: str) -> str:
    """An example is either a whole module (it has a heading) or one clause's text."""
    return example if example.lstrip().startswith("#") else clause(example)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_examples(rule) -> None:  # type: ignore[no-untyped-def]
    for example in rule.flag:
        found = [d.code for d in lint_text(_as_module(example))]
        assert rule.code in found, f"{rule.code} should flag: {example!r} (got {found})"
    for example in rule.accept:
        found = [d.code for d in lint_text(_as_module(example))]
        assert rule.code not in found, f"{rule.code} should accept: {example!r}"


def test_every_rule_has_an_example_or_says_why() -> None:
    without = {r.code for r in RULES if not r.flag}
    assert without <= {"L304"}  # the policy rule needs a charter.toml; tested separately


@pytest.mark.parametrize(
    ("yaml_text", "problem"),
    [
        ("rules: [{code: X1, name: a, title: t, type: existence}]", "look like L123"),
        ("rules: [{code: L999, name: a, title: t, type: magic}]", "'type' must be one of"),
        (
            "rules: [{code: L999, name: a, title: t, type: existence, tokens: [x],"
            " message: m, question: '{nope}', explanation: e}]",
            "unknown field(s) nope",
        ),
        (
            "rules: [{code: L999, name: a, title: t, type: existence, patterns: ['(('],"
            " message: m, question: q, explanation: e}]",
            "invalid regular expression",
        ),
        ("rules: [{code: L999, colour: red}]", "unknown field(s) colour"),
        (
            "rules: [{code: L999, name: a, title: t, type: existence, message: m,"
            " question: q, explanation: e}]",
            "needs 'tokens'",
        ),
        ("just text", "expected a mapping"),
        ("rules: [", "invalid YAML"),
    ],
)
def test_a_broken_pack_names_the_rule_and_field(yaml_text: str, problem: str) -> None:
    with pytest.raises(ConfigError, match="rule pack demo") as info:
        load_pack(yaml_text, "demo")
    assert problem in str(info.value)


def test_compiled_packs_are_current() -> None:
    from importlib import resources

    from charter.lint.packs import COMPILED, compiled_json, pack_texts

    path = resources.files("charter.lint") / "packs" / COMPILED
    assert path.read_text(encoding="utf-8") == compiled_json(pack_texts()), (
        "packs/compiled.json is stale: run 'python -m charter.lint.packs'"
    )


def test_a_stale_compiled_file_is_never_used() -> None:
    from charter.lint import packs

    texts = packs.pack_texts()
    edited = dict(texts, structure=texts["structure"].replace("empty clause", "hollow clause"))
    data = packs._pack_data(edited)
    titles = [rule["title"] for rule in data["structure"]["rules"]]
    assert "hollow clause" in titles and "empty clause" not in titles


def test_every_vagueness_warning_question_offers_readings() -> None:
    """A vague word's question names the words and offers a choice of readings (issue 12):
    after the dash, at least two options joined by 'or'."""
    vague = [r for r in RULES if r.vague and (r.severity.value == "warning" or r.code == "L102")]
    assert {"L101", "L102", "L119"} <= {r.code for r in vague}  # L102: info since round 4
    for rule in vague:
        for key, question in [("", rule.question), *rule.questions.items()]:
            head, dash, options = question.partition(" — ")
            assert dash and "'" in head, (rule.code, key)  # the words come first, quoted
            assert " or " in options and "," in options, (rule.code, key, question)
