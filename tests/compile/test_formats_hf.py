"""trl-sft and trl-dpo files load with Hugging Face ``datasets`` and pass TRL's own
chat-template preparation (``trl.data_utils.apply_chat_template``) on every record.

The tokenizer is built here, offline: a one-token vocabulary and a chat template string
written for this test (no model download). The template renders system, user, assistant
(with tool calls) and tool turns and the tools list, and raises on any other role, so a
``developer`` message left unmapped fails the test.

Needs the ``hf`` extra plus ``trl`` (``pip install -e '.[dev,hf]'`` and
``pip install --no-deps 'trl>=1.16'``, which skips torch). Without them these tests skip,
unless ``CHARTER_REQUIRE_HF=1`` (set in CI), where a missing package is a failure.
"""

from __future__ import annotations

import importlib
import json
import os
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from charter.compile import Gates, collect, write
from charter.spec.loader import load
from charter.spec.model import Project

SHOP = Path(__file__).resolve().parents[2] / "examples" / "shop"
TEMPLATE = """\
{%- if tools %}<|tools|>{{ tools | tojson }}<|end|>{% endif %}
{%- for message in messages %}
{%- if message['role'] not in ['system', 'user', 'assistant', 'tool'] %}
{{- raise_exception('unknown role: ' ~ message['role']) }}
{%- endif %}
{{- '<|' ~ message['role'] ~ '|>' ~ (message['content'] or '') }}
{%- if message['tool_calls'] %}{% for call in message['tool_calls'] %}
{{- '<|call|>' ~ call['function']['name'] ~ ' ' ~ call['function']['arguments'] }}
{%- endfor %}{% endif %}
{{- '<|end|>' }}
{%- endfor %}
{%- if add_generation_prompt %}<|assistant|>{% endif %}"""


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing here may reach the Hugging Face hub."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")


def _need(name: str) -> ModuleType:
    if os.environ.get("CHARTER_REQUIRE_HF"):
        return importlib.import_module(name)
    return pytest.importorskip(name)


@pytest.fixture(scope="module")
def tokenizer() -> Any:
    _need("transformers")
    from tokenizers import Tokenizer
    from tokenizers.models import WordLevel
    from transformers import PreTrainedTokenizerFast

    core = Tokenizer(WordLevel({"<unk>": 0, "<|end|>": 1}, unk_token="<unk>"))
    made = PreTrainedTokenizerFast(tokenizer_object=core, unk_token="<unk>", eos_token="<|end|>")
    made.chat_template = TEMPLATE
    return made


@pytest.fixture(scope="module", params=["model_spec", "model_spec_kept", "shop"])
def project_and_gates(
    request: pytest.FixtureRequest, model_spec_dir: Path
) -> tuple[Project, Gates]:
    if request.param == "shop":
        return load(SHOP), Gates()
    return load(model_spec_dir / "2025-12-18"), Gates(request.param.endswith("kept"))


def _load(tmp_path: Path, project: Project, gates: Gates, target: str) -> tuple[Any, int]:
    datasets = _need("datasets")
    out = write(collect(project, gates), target)
    path = tmp_path / f"{target}.jsonl"
    path.write_text(out.jsonl(), encoding="utf-8")
    loaded = datasets.load_dataset(
        "json", data_files=str(path), split="train", cache_dir=str(tmp_path / "hf-cache")
    )
    return loaded, len(out.lines)


def _tools(row: dict[str, Any]) -> list[dict[str, Any]] | None:
    return json.loads(row["tools"]) if row.get("tools") else None


def test_sft_loads_and_every_record_renders(
    tmp_path: Path, project_and_gates: tuple[Project, Gates], tokenizer: Any
) -> None:
    data_utils = _need("trl.data_utils")
    loaded, written = _load(tmp_path, *project_and_gates, "trl-sft")
    assert loaded.num_rows == written > 0
    for row in loaded:
        assert data_utils.is_conversational(row)
        example = {"messages": row["messages"]}
        rendered = data_utils.apply_chat_template(example, tokenizer, tools=_tools(row))
        last = row["messages"][-1]
        assert last["role"] == "assistant"
        assert rendered["text"].rstrip().endswith("<|end|>")
        assert (last["content"] or "") in rendered["text"]


def test_dpo_loads_and_every_record_renders(
    tmp_path: Path, project_and_gates: tuple[Project, Gates], tokenizer: Any
) -> None:
    data_utils = _need("trl.data_utils")
    loaded, written = _load(tmp_path, *project_and_gates, "trl-dpo")
    assert loaded.num_rows == written > 0
    for row in loaded:
        for key in ("prompt", "chosen", "rejected"):  # every key reads as conversational
            assert data_utils.is_conversational({key: row[key]})
        example = {key: row[key] for key in ("prompt", "chosen", "rejected")}
        rendered = data_utils.apply_chat_template(example, tokenizer, tools=_tools(row))
        assert rendered["prompt"].endswith("<|assistant|>")
        assert rendered["chosen"] and rendered["rejected"]
        assert rendered["chosen"] != rendered["rejected"]


def test_an_unmapped_developer_role_would_fail(tokenizer: Any) -> None:
    data_utils = _need("trl.data_utils")
    example = {"messages": [{"role": "developer", "content": "x"}]}
    with pytest.raises(Exception, match="unknown role"):
        data_utils.apply_chat_template(example, tokenizer)
