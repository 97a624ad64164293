"""Project configuration: ``charter.toml``, or ``[tool.charter]`` in ``pyproject.toml``.

The core keys are read and checked here; each capability (lint, judge...) reads and
validates its own table from :attr:`ProjectConfig.raw`, so this package stays at the
bottom of the import graph. Guarantees: a table not in :data:`TABLES` is an error naming
the closest valid table (``[judeg]`` → ``judge``); ``[project]``, ``[test]`` and every
``[providers.NAME]`` of a built-in type are checked key by key and value by value when the
file is read (:mod:`charter.config.providers`), before any command does work.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from charter.config.keys import check_keys, int_in, one_of, suggest
from charter.config.providers import DEVELOPER_ROLES, check_tables
from charter.errors import ConfigError

CONFIG_FILE = "charter.toml"
DEFAULT_EXCLUDE = ("README.md", "CHANGELOG.md", "LICENSE.md", "CONTRIBUTING.md")
MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_FILE_BYTES_LIMIT = 256 * 1024 * 1024  # the largest max_file_bytes accepted
PROJECT_KEYS = ("examples_dir", "exclude", "levels", "max_file_bytes", "modules")
TEST_KEYS = ("model", "developer_role")
# Every top-level table a charter.toml may hold; a capability adding a table adds it here.
TABLES = ("project", "lint", "providers", "judge", "test")


@dataclass(frozen=True, slots=True)
class TestSettings:
    """The ``[test]`` table: defaults of ``charter test`` that its options override."""

    __test__ = False  # not a pytest class

    model: str | None = None  # PROVIDER/MODEL used when --model is not given
    developer_role: str | None = None  # developer | system, for every provider of the run


@dataclass(frozen=True, slots=True)
class ProjectConfig:
    """The core settings of a project, with defaults for a bare folder."""

    root: Path
    source: Path | None = None  # the file the settings came from
    modules: tuple[str, ...] = ("**/*.md",)
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    examples_dir: str = "examples"
    levels: tuple[str, ...] | None = None
    max_file_bytes: int = MAX_FILE_BYTES
    raw: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def section(self, name: str) -> dict[str, Any]:
        value = self.raw.get(name, {})
        if not isinstance(value, dict):
            raise ConfigError(f"{self.source}: [{table_name(self.source, name)}] must be a table")
        return value


def table_name(source: Path | None, name: str) -> str:
    """How a user finds table ``name`` in ``source``: under [tool.charter] in a pyproject."""
    if source is not None and source.name == "pyproject.toml":
        return f"tool.charter.{name}"
    return name


def find_config(folder: Path) -> Path | None:
    """The config file of ``folder`` itself: charter.toml, else a pyproject with [tool.charter]."""
    candidate = folder / CONFIG_FILE
    if candidate.is_file():
        return candidate
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        try:
            text = pyproject.read_text(encoding="utf-8")
            data = tomllib.loads(text)
        except (OSError, UnicodeDecodeError):
            return None
        except tomllib.TOMLDecodeError:
            # broken, and meant for us: say so (load_config reports the TOML error)
            return pyproject if "tool.charter" in text else None
        if isinstance(data.get("tool"), dict) and "charter" in data["tool"]:
            return pyproject
    return None


def load_config(root: Path, source: Path | None = None) -> ProjectConfig:
    """Read and validate the config for ``root``; raises ConfigError with file:line context."""
    source = source or find_config(root)
    if source is None:
        return ProjectConfig(root=root)
    raw = _read_table(source)
    return _validate(root, source, raw)


def _read_table(source: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{source}: cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{source}: not UTF-8 text") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: invalid TOML: {exc}") from exc
    if source.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("charter", {}) if isinstance(tool, dict) else {}
        if not isinstance(table, dict):
            raise ConfigError(f"{source}: [tool.charter] must be a table")
        return table
    return data


def _strings(source: Path, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{source}: '{key}' must be a list of strings")
    return tuple(value)


def load_test_settings(config: ProjectConfig | None) -> TestSettings:
    """The checked ``[test]`` table of ``config`` (defaults without one)."""
    if config is None:
        return TestSettings()
    table = config.section("test")
    where = f"{config.source}: [{table_name(config.source, 'test')}]"
    check_keys(where, table, TEST_KEYS)
    model = table.get("model")
    if model is not None and (not isinstance(model, str) or "/" not in model.strip("/")):
        raise ConfigError(f"{where}: 'model' is written PROVIDER/MODEL, got {model!r}")
    role = table.get("developer_role")
    if role is not None:
        one_of(where, "developer_role", role, DEVELOPER_ROLES)
    return TestSettings(model=model, developer_role=role)


def _check_tables(source: Path, raw: dict[str, Any]) -> None:
    for name in raw:
        if name not in TABLES:
            shown = table_name(source, name)
            raise ConfigError(
                f"{source}: unknown table [{shown}]{suggest(name, TABLES)}; "
                f"expected one of {', '.join(TABLES)}"
            )
        if not isinstance(raw[name], dict):
            raise ConfigError(f"{source}: [{table_name(source, name)}] must be a table")
    if "providers" in raw:
        check_tables(raw["providers"], f"{source}: ")


def _validate(root: Path, source: Path, raw: dict[str, Any]) -> ProjectConfig:
    _check_tables(source, raw)
    project = raw.get("project", {})
    check_keys(f"{source}: [{table_name(source, 'project')}]", project, PROJECT_KEYS)
    kwargs: dict[str, Any] = {}
    for key in ("modules", "exclude", "levels"):
        if key in project:
            kwargs[key] = _strings(source, key, project[key])
    for pattern in kwargs.get("modules", ()):
        if PurePath(pattern).anchor:  # Path.glob refuses a rooted pattern
            raise ConfigError(
                f"{source}: 'modules' patterns are relative to the project folder, not {pattern!r}"
            )
    if "examples_dir" in project:
        value = project["examples_dir"]
        if not isinstance(value, str) or not value or "/" in value:
            raise ConfigError(f"{source}: 'examples_dir' must be a folder name, e.g. 'examples'")
        kwargs["examples_dir"] = value
    if "max_file_bytes" in project:
        kwargs["max_file_bytes"] = int_in(
            str(source), "max_file_bytes", project["max_file_bytes"], 1, MAX_FILE_BYTES_LIMIT
        )
    config = ProjectConfig(root=root, source=source, raw=raw, **kwargs)
    load_test_settings(config)  # checked now, like every table this package owns
    return config
