"""A scripted judge that knows the spec's labels: right except where a test says otherwise.

It reads each judge prompt the way a model would (clause id, conversation, response
under test) and looks the candidate up in labels worked out from the parsed spec here,
not by the code under test.
"""

from __future__ import annotations

import json
import re
from typing import Any

Key = tuple[str, tuple[str, ...], str]


def candidates(project: Any) -> list[tuple[Key, str]]:
    """(clause id, conversation contents, candidate) and "pass" for GOOD, "fail" for BAD."""
    found: list[tuple[Key, str]] = []
    for module in project.modules:
        for clause in module.clauses:
            for example in clause.examples:
                for candidate in example.candidates:
                    # the conversation this candidate answers: the messages above it
                    conversation = tuple(
                        m.content for m in example.messages if m.span.line < candidate.span.line
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
        rf'<charter-message-{tag} role="[^"]*">\n(.*?)\n</charter-message-{tag}>', user, re.DOTALL
    )
    response = re.search(
        rf"<charter-response-{tag}>\n(.*)\n</charter-response-{tag}>", user, re.DOTALL
    )
    assert response is not None
    return nonce.group(2), tuple(messages), response.group(1)


class ScriptedJudge:
    """Right on every candidate except those in ``wrong``; unreadable on ``garbled``."""

    def __init__(
        self, truth: dict[Key, str], wrong: set[Key], garbled: set[Key] | None = None
    ) -> None:
        self.truth, self.wrong, self.garbled = truth, wrong, garbled or set()

    def __call__(self, body: dict[str, Any]) -> str:
        key = read_prompt(body)
        if key in self.garbled:
            return "I would rather not say."
        verdict = self.truth[key]
        if key in self.wrong:
            verdict = "fail" if verdict == "pass" else "pass"
        return json.dumps({"reasoning": "scripted", "verdict": verdict})
