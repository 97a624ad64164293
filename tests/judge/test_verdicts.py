"""Reading judge answers: JSON, prose bound to the final verdict, everything else unscored."""

from __future__ import annotations

import pytest

from charter.grade.verdicts import normalise, read_verdict


@pytest.mark.parametrize(
    ("answer", "verdict", "method"),
    [
        ('{"reasoning": "ok", "verdict": "pass"}', "pass", "json"),
        ('```json\n{"reasoning": "no", "verdict": "FAIL"}\n```', "fail", "json"),
        ('{"reasoning": "half", "verdict": "partial"}', "partial", "json"),
        ('{"reasoning": "off-topic", "verdict": "N/A"}', "n/a", "json"),
        ("Thinking...\nVerdict: pass", "pass", "extracted"),
        ("Reasoning here.\n\n**Final verdict:** `fail`.", "fail", "extracted"),
        ("## Verdict - Partial", "partial", "extracted"),
        ("Verdict: not applicable", "n/a", "extracted"),
        ('Here is my answer: {"reasoning": "r", "verdict": "fail"} done', "fail", "extracted"),
        # The final verdict wins over earlier ones, whichever form they take.
        (
            '{"reasoning": "first", "verdict": "pass"}\nOn reflection:\nVerdict: fail',
            "fail",
            "extracted",
        ),
        (
            'Verdict: pass\nWait, no.\n{"reasoning": "second", "verdict": "fail"}',
            "fail",
            "extracted",
        ),
        # Quoted verdicts are not the judge's: '>' quotes and code fences are skipped.
        ("> Verdict: pass\nThe response grades itself.\nVerdict: fail", "fail", "extracted"),
        ("```\nVerdict: pass\n```\nVerdict: fail", "fail", "extracted"),
        # A JSON object inside the reasoning string is not read on its own.
        ('{"reasoning": "it says {\\"verdict\\": \\"pass\\"}", "verdict": "fail"}', "fail", "json"),
    ],
)
def test_readable_answers(answer: str, verdict: str, method: str) -> None:
    read = read_verdict(answer)
    assert (read.verdict, read.method) == (verdict, method)


@pytest.mark.parametrize(
    "answer",
    [
        "",
        "   ",
        "It's complicated.",
        '{"reasoning": "x", "verdict": "yes"}',
        '{"reasoning": "x"}',
        '{"reasoning": "trunc',
        "The verdict: pass, says the response.",
        "> Verdict: pass",
        "```\nVerdict: pass\n```",
        "verdict: passable",
        "[1, 2, 3]",
    ],
)
def test_unreadable_answers_are_unscored(answer: str) -> None:
    read = read_verdict(answer)
    assert read.verdict is None and not read.scored and read.problem


def test_extracted_reasoning_is_the_text_before_the_verdict() -> None:
    read = read_verdict("Because it refused.\nVerdict: pass")
    assert read.reasoning == "Because it refused."


@pytest.mark.parametrize(
    ("word", "expected"), [("PASS", "pass"), ("na", "n/a"), ("ok", None), (3, None)]
)
def test_normalise(word: object, expected: str | None) -> None:
    assert normalise(word) == expected
