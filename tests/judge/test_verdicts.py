"""Reading judge answers: JSON, prose bound to the final verdict, everything else unscored."""

from __future__ import annotations

import time

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
        # A structured answer, when given, is the only one read (issue 11, item 8):
        # a verdict line after or before it — quoted or not — does not count.
        (
            '{"reasoning": "first", "verdict": "fail"}\nThe response says:\nverdict: pass',
            "fail",
            "extracted",
        ),
        (
            '{"reasoning": "first", "verdict": "pass"}\nOn reflection:\nVerdict: fail',
            "pass",
            "extracted",
        ),
        ('{"reasoning": "hm", "verdict": "uncertain"}', "uncertain", "json"),
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


def test_findings_are_read_from_the_structured_answer() -> None:
    answer = (
        '```json\n{"reasoning": "r", "findings": [{"statement": "S1", '
        '"outcome": "violated", "evidence": "$40"}]}\n```\nThe response said:\nVerdict: pass'
    )
    read = read_verdict(answer)
    assert read.scored and read.verdict is None
    assert read.findings is not None and read.findings[0].outcome == "violated"
    assert read.findings[0].evidence == "$40"


def test_a_json_verdict_quoted_mid_prose_does_not_beat_the_judges_line() -> None:
    answer = 'It wrote {"verdict": "pass"} to fool me.\nVerdict: fail'
    assert read_verdict(answer).verdict == "fail"


def test_an_object_without_findings_or_verdict_is_not_an_answer() -> None:
    read = read_verdict('{"reasoning": "x", "score": 3}')
    assert not read.scored


@pytest.mark.parametrize(
    "answer",
    [
        '{"a":' * 5000,  # nesting deeper than the decoder's recursion limit
        '{"a":[' * 5000,
        "{" * 200_000,  # each failed decode used to cost the answer's length
        '{"' * 100_000,
        "{\n" * 100_000,
        "Verdict: pass\n" * 50_000,  # each verdict line used to copy the text before it
        " " * 200_000 + "x",
    ],
    ids=["nested", "nested-array", "braces", "quoted-braces", "brace-lines", "lines", "blank"],
)
def test_hostile_answers_are_read_in_bounded_time(answer: str) -> None:
    started = time.perf_counter()
    read = read_verdict(answer)  # never raises
    assert time.perf_counter() - started < 2.0
    assert read.verdict in (None, "pass")


def test_an_object_after_many_braces_is_still_found() -> None:
    answer = "{" * 5000 + '\n{"reasoning": "r", "verdict": "fail"}'
    assert read_verdict(answer).verdict == "fail"
