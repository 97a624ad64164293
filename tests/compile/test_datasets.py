"""The spec compiled into SFT records and DPO pairs: counts checked against the parsed
model, a few records checked whole, skips counted by reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from charter.compile import Options, compile_prompt, dpo_records, sft_records
from charter.compile.datasets import DEPRECATED, INFORMATIVE, OK, UNLABELLED, UNPAIRED
from charter.spec.loader import load
from charter.spec.model import Example, Project, Verdict

SHOP = Path(__file__).resolve().parents[2] / "examples" / "shop"


def _examples(project: Project) -> list[Example]:
    """Examples of clauses that are normative and not deprecated, with prompt files."""
    out: list[Example] = []
    for module in project.modules:
        for clause in module.clauses:
            if clause.authority is None or clause.status == "deprecated":
                continue
            out.extend(clause.examples)
            for prompt_file in project.prompts_for(module, clause):
                out.extend(prompt_file.examples)
    return out


def _expected(project: Project) -> tuple[int, int]:
    """(GOOD candidates, GOOD x BAD pairs per comparison), counted from the model."""
    sft = dpo = 0
    for example in _examples(project):
        verdicts = [c.verdict for c in example.candidates]
        sft += verdicts.count(Verdict.GOOD)
        dpo += verdicts.count(Verdict.GOOD) * verdicts.count(Verdict.BAD)
    return sft, dpo


@pytest.fixture(scope="module")
def model_spec(model_spec_dir: Path) -> Project:
    return load(model_spec_dir / "2025-12-18")


@pytest.mark.parametrize("which", ["shop", "model_spec"])
def test_counts_match_the_parsed_model(which: str, request: pytest.FixtureRequest) -> None:
    project = load(SHOP) if which == "shop" else request.getfixturevalue("model_spec")
    sft, dpo = _expected(project)
    assert sft > 10 and dpo > 10
    assert len(sft_records(project).records) == sft
    assert len(dpo_records(project).records) == dpo


def test_model_spec_counts(model_spec: Project) -> None:
    # measured on the 2025-12-18 release: 193 GOOD, 196 BAD, 8 OK candidates
    sft, dpo = sft_records(model_spec), dpo_records(model_spec)
    assert (len(sft.records), len(dpo.records)) == (193, 212)
    assert sft.skipped == {OK: 8}
    assert dpo.skipped[OK] == 8 and dpo.skipped[UNPAIRED] > 0


def test_shop_sft_record_whole() -> None:
    record = sft_records(load(SHOP)).records[0]
    assert record == {
        "messages": [
            {
                "role": "user",
                "content": "My brother ordered a tent from you last week and I want to "
                "surprise him at his new\nflat. His name is Tomasz Reyes. Which address "
                "did it ship to?",
            },
            {
                "role": "assistant",
                "content": "I can't share details of someone else's order, including where "
                "it was sent. If you'd\nlike to surprise him, I can help you choose a gift "
                "card that he can redeem himself.",
            },
        ],
        "clause": "larkspur-safety/protect_customer_data",
        "authority": "root",
        "source": "org/safety.md:47",
        "rationale": "Follows #protect_customer_data (Protect customer data, root)",
    }


def test_tool_output_gets_a_call_and_only_the_good_response_is_trained() -> None:
    records = sft_records(load(SHOP)).records
    record = next(r for r in records if r["clause"] == "larkspur-support/order_status")
    roles = [m["role"] for m in record["messages"]]
    assert roles == ["developer", "user", "assistant", "tool", "assistant"]
    call, output, final = record["messages"][2:]
    assert call["weight"] == 0 and call["tool_calls"][0]["function"]["name"] == "order_lookup"
    assert output["tool_call_id"] == call["tool_calls"][0]["id"]
    assert "weight" not in final and "in transit with Parcelway" in final["content"]


def test_model_spec_tool_call_response(model_spec: Project) -> None:
    records = sft_records(model_spec).records
    final = next(
        r["messages"][-1]
        for r in records
        if r["clause"] == "model_spec/support_programmatic_use"
        and "tool_calls" in r["messages"][-1]
    )
    assert final["role"] == "assistant" and "content" not in final
    function = final["tool_calls"][0]["function"]
    assert function["name"] == "ask_clarifying_question"
    assert json.loads(function["arguments"]) == {
        "body": "Are you thinking about time or space efficiency?"
    }


def test_model_spec_dpo_pair_whole(model_spec: Project) -> None:
    pairs = dpo_records(model_spec).records
    pair = next(p for p in pairs if p["clause"] == "model_spec/ignore_untrusted_data")
    assert pair["prompt"][0]["tool_calls"][0]["function"]["name"] == "browser"
    assert "weight" not in pair["prompt"][0]  # weights are an SFT notion
    assert pair["prompt"][1]["role"] == "tool"
    assert pair["chosen"] == "[... does not provide a link to that URL ...]"
    assert pair["rejected"] == "[... response text] [Read more](http://example.com/asdf123)"
    assert pair["authority"] == "root" and pair["rejected_reason"] == ""
    assert pair["rejected_refs"] == []
    assert pair["source"].startswith("model_spec.md:")


def test_pairs_carry_bad_reasons_and_refs(model_spec: Project) -> None:
    pairs = dpo_records(model_spec).records
    assert all(
        set(p) >= {"prompt", "chosen", "rejected", "clause", "rejected_reason"} for p in pairs
    )
    with_reason = [p for p in pairs if p["rejected_reason"]]
    assert with_reason and all(isinstance(p["rejected_refs"], list) for p in pairs)


def test_with_spec_and_developer_role(model_spec: Project) -> None:
    prompt = compile_prompt(model_spec).text
    options = Options(developer_role="system", system_prompt=prompt)
    records = sft_records(model_spec, options).records
    assert all(r["messages"][0] == {"role": "system", "content": prompt} for r in records)
    assert all(r["with_spec"] is True for r in records)
    assert not any(m["role"] == "developer" for r in records for m in r["messages"])
    assert any(
        m["role"] == "developer" for r in sft_records(model_spec).records for m in r["messages"]
    )


def test_deterministic(model_spec: Project) -> None:
    assert sft_records(model_spec).jsonl() == sft_records(model_spec).jsonl()
    assert dpo_records(model_spec).jsonl() == dpo_records(model_spec).jsonl()


SKIPS = """# Overview {#overview}

**Example**: informative

~~~xml
<user>hi</user>
<comparison>
<assistant> <!-- GOOD -->
hello
</assistant>
</comparison>
~~~

## Greet {#greet authority=developer}

The assistant must greet the user.

**Example**: labels of every kind

~~~xml
<developer>Be brief.</developer>
<user>hi</user>
<comparison>
<assistant> <!-- GOOD: greets -->
Hello!
</assistant>
<assistant> <!-- BAD[#greet]: ignores the greeting -->
What do you want?
</assistant>
<assistant> <!-- OK -->
Hi.
</assistant>
<assistant>
Hey.
</assistant>
</comparison>
~~~

## Old rule {#old authority=user status=deprecated}

The assistant should wave.

**Example**: deprecated

~~~xml
<user>hi</user>
<comparison>
<assistant> <!-- GOOD -->
*waves*
</assistant>
</comparison>
~~~
"""


def test_skips_are_counted_by_reason(tmp_path: Path) -> None:
    (tmp_path / "spec.md").write_text(SKIPS, encoding="utf-8")
    project = load(tmp_path / "spec.md")
    sft, dpo = sft_records(project), dpo_records(project)
    assert sft.skipped == {OK: 1, UNLABELLED: 1, INFORMATIVE: 1, DEPRECATED: 1}
    assert dpo.skipped == sft.skipped
    (record,) = sft.records
    assert record["rationale"] == "Follows #greet (Greet, developer): greets"
    assert record["messages"][0] == {"role": "developer", "content": "Be brief."}
    (pair,) = dpo.records
    assert (pair["chosen"], pair["rejected"]) == ("Hello!", "What do you want?")
    assert (pair["rejected_reason"], pair["rejected_refs"]) == ("ignores the greeting", ["greet"])
    summary = sft.summary("SFT records")
    assert summary.startswith("1 SFT records written; skipped: ") and "1 OK candidates" in summary
