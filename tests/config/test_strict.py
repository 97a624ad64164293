"""charter.toml is strict: unknown tables and keys are errors naming the closest valid
name, values are range-checked, and the [test] and [providers.*] tables are checked on load."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter.config import MAX_FILE_BYTES_LIMIT, TestSettings, load_config, load_test_settings
from charter.errors import ConfigError


def _load(tmp_path: Path, text: str, name: str = "charter.toml") -> object:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return load_config(tmp_path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[judeg]\ngrader = 'openai/x'\n", r"unknown table \[judeg\] \(did you mean 'judge'\?\)"),
        ("[tests]\nmodel = 'openai/x'\n", r"did you mean 'test'"),
        ("[test]\nmodle = 'openai/x'\n", r"did you mean 'model' for 'modle'"),
        ("[test]\nmodel = 'gpt-4o'\n", "PROVIDER/MODEL"),
        ("[test]\ndeveloper_role = 'user'\n", "developer, system"),
        ("judge = 3\n", r"\[judge\] must be a table"),
        ("[project]\nmax_file_bytes = 99999999999999999\n", "from 1 to 268435456"),
        ("[project]\nmax_file_bytes = 0\n", "from 1 to"),
        ("[project]\nmax_file_bytes = true\n", "integer"),
        ("[providers.local]\ntype = 'openai'\nbase_ulr = 'http://x'\n", "did you mean 'base_url'"),
        ("[providers.local]\ntype = 'openai'\nparams = {temperature = -1}\n", "from 0 to 2"),
        ("[providers.local]\ntype = 'openai'\nretry_after_cap = 1e9\n", "retry_after_cap"),
        ("[providers.local]\ntype = 'openai'\ndeveloper_role = 'root'\n", "developer_role"),
        ("[providers.s]\ntype = 'scripted'\nfile = 'a.yaml'\nbase_url = 'x'\n", "unknown key"),
        ("[providers]\nlocal = 3\n", r"\[providers.local\] must be a table"),
        (
            "[providers.l]\ntype = 'openai'\nprice = {input = 1, outptu = 2}\n",
            "did you mean 'output'",
        ),
        ("[providers.l]\ntype = 'openai'\nprice = {input = 1}\n", "'output' must be a number"),
    ],
)
def test_errors(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        _load(tmp_path, text)


def test_pyproject_tables_are_checked_too(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"unknown table \[tool.charter.lnit\]"):
        _load(tmp_path, "[tool.charter.lnit]\nbaseline = 'x'\n", "pyproject.toml")


def test_valid_config_loads(tmp_path: Path) -> None:
    config = _load(
        tmp_path,
        "[project]\nmax_file_bytes = 1048576\n"
        "[test]\nmodel = 'ollama/llama3.2'\ndeveloper_role = 'system'\n"
        "[judge]\ngrader = 'openai/gpt-4o'\n"
        "[providers.local]\ntype = 'openai'\nbase_url = 'http://127.0.0.1:8000/v1'\n"
        "params = {temperature = 0.2, seed = 7, extra = {min_p = 0.05}}\n"
        "judge_params = {reasoning_effort = 'high'}\n"
        "[providers.mine]\ntype = 'some-plugin'\nanything = 1\n",
    )
    assert config.max_file_bytes == 1048576  # type: ignore[attr-defined]
    assert load_test_settings(config) == TestSettings("ollama/llama3.2", "system")  # type: ignore[arg-type]
    assert load_test_settings(None) == TestSettings()
    assert MAX_FILE_BYTES_LIMIT >= 8 * 1024 * 1024
