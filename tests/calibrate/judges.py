"""A scripted judge that knows the spec's labels: right except where a test says otherwise.

It reads each judge prompt the way a model would (clause id, the instructions of the
conversation, response under test, the statements to report on) and looks the candidate
up in labels worked out from the parsed spec here, not by the code under test. It answers
with per-statement findings: all satisfied for a pass, all violated for a fail, all
unclear where a test wants it uncertain.
"""

from __future__ import annotations

import json
import re
from typing import Any

Key = tuple[str, tuple[str, ...], str]
INSTRUCTING = ("system", "developer", "user")


def candidates(project: Any) -> list[tuple[Key, str]]:
    """(clause id, conversation contents, candidate) and "pass" for GOOD, "fail" for BAD."""
    found: list[tuple[Key, str]] = []
    for module in project.modules:
        for clause in module.clauses:
            for example in clause.examples:
                for candidate in example.candidates:
                    # the conversation this candidate answers: the instructions above it
                    conversation = tuple(
                        m.content
                        for m in example.messages
                        if m.span.line < candidate.span.line and m.role in INSTRUCTING
                    )
                    if candidate.verdict is None or candidate.verdict.value == "ok":
                        continue
                    key = (clause.id, conversation, candidate.content)
                    found.append((key, "pass" if candidate.verdict.value == "good" else "fail"))
    return found


def labels(project: Any) -> dict[Key, str]:
    truth = dict(candidates(project))
    for key, label in candidates(project):  # a repeated candidate must keep its label
        assert truth[key] == label, "two candidates the judge could not tell apart"
    return truth


def read_prompt(body: dict[str, Any]) -> Key:
    user = body["messages"][-1]["content"]
    nonce = re.search(r"<charter-clause-(\w+)>\nid: (.*)\n", user)
    assert nonce is not None
    tag = nonce.group(1)
    messages = re.findall(
        rf'<charter-message-{tag} role="(system|developer|user)" level="[^"]*">\n(.*?)\n'
        rf"</charter-message-{tag}>",
        user,
        re.DOTALL,
    )
    response = re.search(
        rf"<charter-response-{tag}>\n(.*)\n</charter-response-{tag}>", user, re.DOTALL
    )
    assert response is not None
    return nonce.group(2), tuple(text for _, text in messages), response.group(1)


def statement_ids(body: dict[str, Any]) -> list[str]:
    """The statements the prompt asks findings on (``S1 [must] ...`` lines)."""
    user = body["messages"][-1]["content"]
    clause = user.split("statements to report on:\n", 1)[1].split("\n</charter-clause-", 1)[0]
    return re.findall(r"^(S\d+) \[", clause, re.MULTILINE)


def findings(body: dict[str, Any], outcome: str) -> str:
    """An answer with the same ``outcome`` for every statement of the prompt."""
    found = [{"statement": s, "outcome": outcome, "evidence": ""} for s in statement_ids(body)]
    return json.dumps({"reasoning": "scripted", "findings": found})


OUTCOME = {"pass": "satisfied", "fail": "violated", "uncertain": "unclear"}


class ScriptedJudge:
    """Right on every candidate except those in ``wrong``; unreadable on ``garbled``."""

    def __init__(
        self,
        truth: dict[Key, str],
        wrong: set[Key],
        garbled: set[Key] | None = None,
        unsure: set[Key] | None = None,
    ) -> None:
        self.truth, self.wrong, self.garbled = truth, wrong, garbled or set()
        self.unsure = unsure or set()

    def __call__(self, body: dict[str, Any]) -> str:
        key = read_prompt(body)
        if key in self.garbled:
            return "I would rather not say."
        verdict = self.truth[key]
        if key in self.unsure:
            verdict = "uncertain"
        elif key in self.wrong:
            verdict = "fail" if verdict == "pass" else "pass"
        return findings(body, OUTCOME[verdict])
