"""The ``[lint]`` table of ``charter.toml``: which rules run, at which severity, where.

```toml
[lint]
select = ["L1", "L401"]        # codes or prefixes; default: every rule
ignore = ["L117"]
informative = false            # also lint descriptive prose of informative clauses
glossary = ["reasonable person"]   # accepted terms: vagueness rules stay silent on them
baseline = "lint-baseline.json"    # findings recorded there are not reported
[lint.severity]
L101 = "info"                  # error | warning | info | off
[lint.authority]               # policy for L304: the modalities each level may use
root = ["must", "must_not"]
[[lint.overrides]]
paths = ["drafts/*"]           # globs, relative to the project root
ignore = ["L4"]
severity = { L101 = "off" }
```

Everything is validated up front; an unknown key, code or severity raises
:class:`~charter.errors.ConfigError` (exit code 2) naming the file and the key.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from charter.config import table_name
from charter.diagnostics import Severity
from charter.errors import ConfigError
from charter.spec.model import Modality

_KEYS = frozenset(
    {"select", "ignore", "severity", "informative", "glossary", "authority", "baseline",
     "overrides"}
)  # fmt: skip
_OVERRIDE_KEYS = frozenset({"paths", "select", "ignore", "severity"})
_SEVERITIES = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


@dataclass(frozen=True, slots=True)
class Selection:
    """select / ignore / severity, as written at one level (top or one override)."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity | None], ...] = ()  # None: "off"

    def apply(self, levels: dict[str, Severity | None]) -> None:
        """Narrow ``levels`` (code -> severity, None when off) in place."""
        if self.select is not None:
            for code in levels:
                if not _matches(code, self.select):
                    levels[code] = None
        for code in levels:
            if _matches(code, self.ignore):
                levels[code] = None
        for pattern, severity in self.severity:
            for code in levels:
                if _matches(code, (pattern,)) and (levels[code] is not None or severity):
                    levels[code] = severity


@dataclass(frozen=True, slots=True)
class Override:
    paths: tuple[str, ...]
    selection: Selection

    def covers(self, rel_path: str) -> bool:
        return any(fnmatch.fnmatchcase(rel_path, pattern) for pattern in self.paths)


@dataclass(frozen=True, slots=True)
class LintSettings:
    """Validated lint settings of one project (defaults: every rule, default severity)."""

    top: Selection = field(default_factory=Selection)
    overrides: tuple[Override, ...] = ()
    informative: bool = False
    glossary: tuple[str, ...] = ()
    authority: tuple[tuple[str, frozenset[Modality]], ...] = ()
    baseline: Path | None = None
    root: Path | None = None

    def levels(self, defaults: Mapping[str, Severity], rel_path: str) -> dict[str, Severity]:
        """Effective severity of every rule for the module at ``rel_path``; off rules absent."""
        levels: dict[str, Severity | None] = dict(defaults)
        self.top.apply(levels)
        for override in self.overrides:
            if override.covers(rel_path):
                override.selection.apply(levels)
        return {code: sev for code, sev in levels.items() if sev is not None}

    def policy(self, authority: str | None) -> frozenset[Modality] | None:
        return dict(self.authority).get(authority) if authority else None

    def relative(self, path: str) -> str:
        """``path`` relative to the project root, for override globs and baselines."""
        if self.root is None:
            return Path(path).as_posix()
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return Path(path).as_posix()


def _matches(code: str, patterns: Iterable[str]) -> bool:
    return any(code.startswith(p) for p in patterns)


def load_settings(project: Any) -> LintSettings:
    """Settings from ``project.config`` (a ProjectConfig or None)."""
    config = getattr(project, "config", None)
    if config is None:
        return LintSettings()
    raw = config.section("lint")
    source = str(config.source or "charter.toml")
    return parse_settings(raw, source, Path(config.root))


def parse_settings(raw: dict[str, Any], source: str, root: Path | None = None) -> LintSettings:
    from charter.lint.packs import rules_by_code

    known = sorted(rules_by_code())
    where = f"{source}: [{table_name(Path(source), 'lint')}]"
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise ConfigError(
            f"{where}: unknown key(s) {', '.join(unknown)}; expected {', '.join(sorted(_KEYS))}"
        )
    baseline = raw.get("baseline")
    if baseline is not None and (not isinstance(baseline, str) or not baseline):
        raise ConfigError(f"{where}: 'baseline' must be a file name")
    informative = raw.get("informative", False)
    if not isinstance(informative, bool):
        raise ConfigError(f"{where}: 'informative' must be true or false")
    return LintSettings(
        top=_selection(raw, where, known),
        overrides=tuple(_overrides(raw.get("overrides", []), where, known)),
        informative=informative,
        glossary=_strings(raw.get("glossary", []), f"{where} glossary"),
        authority=_authority(raw.get("authority", {}), where),
        baseline=(root / baseline if root else Path(baseline)) if baseline else None,
        root=root,
    )


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}: expected a list of strings")
    return tuple(v.strip() for v in value)


# Parse diagnostics a user may re-level or switch off like a lint rule (never the ones
# that stop a spec from being read).
PARSE_CODES = ("P021", "P023")


def check_codes(patterns: Iterable[str], known: list[str], where: str) -> None:
    """Every entry must name a rule, a prefix of some rule code, or a parse code of
    :data:`PARSE_CODES`."""
    for pattern in patterns:
        if pattern in PARSE_CODES:
            continue
        if not any(code.startswith(pattern) for code in known) or not pattern.startswith("L"):
            raise ConfigError(
                f"{where}: unknown rule code '{pattern}' (lint codes are L101…L901, and "
                f"{', '.join(PARSE_CODES)}; see 'charter lint --list-rules')"
            )


def parse_levels(
    settings: LintSettings, code: str, default: Severity, rel_path: str
) -> Severity | None:
    """The severity of parse code ``code`` under ``settings`` (None: off). A ``select``
    list narrows parse codes only when it names one."""
    levels: dict[str, Severity | None] = {code: default}
    for selection in [settings.top] + [
        o.selection for o in settings.overrides if o.covers(rel_path)
    ]:
        named = selection.select is not None and any(p.startswith("P") for p in selection.select)
        (selection if named else replace(selection, select=None)).apply(levels)
    return levels[code]


def _selection(raw: Mapping[str, Any], where: str, known: list[str]) -> Selection:
    select = _strings(raw["select"], f"{where} select") if "select" in raw else None
    ignore = _strings(raw.get("ignore", []), f"{where} ignore")
    check_codes(select or (), known, f"{where} select")
    check_codes(ignore, known, f"{where} ignore")
    severity_raw = raw.get("severity", {})
    if not isinstance(severity_raw, dict):
        raise ConfigError(f"{where}: 'severity' must be a table of CODE = \"level\"")
    check_codes(severity_raw, known, f"{where} severity")
    severity: list[tuple[str, Severity | None]] = []
    for code, value in severity_raw.items():
        if value != "off" and value not in _SEVERITIES:
            raise ConfigError(
                f"{where}: severity of {code} must be error, warning, info or off, not {value!r}"
            )
        severity.append((code, None if value == "off" else _SEVERITIES[value]))
    return Selection(select, ignore, tuple(severity))


def _overrides(value: Any, where: str, known: list[str]) -> list[Override]:
    if not isinstance(value, list):
        raise ConfigError(f"{where}: 'overrides' must be an array of tables ([[lint.overrides]])")
    out: list[Override] = []
    for n, item in enumerate(value, start=1):
        here = f"{where} overrides #{n}"
        if not isinstance(item, dict):
            raise ConfigError(f"{here}: must be a table")
        unknown = sorted(set(item) - _OVERRIDE_KEYS)
        if unknown:
            raise ConfigError(f"{here}: unknown key(s) {', '.join(unknown)}")
        if "paths" not in item:
            raise ConfigError(f"{here}: 'paths' is required")
        paths = _strings(item["paths"], f"{here} paths")
        out.append(Override(paths, _selection(item, here, known)))
    return out


def _authority(value: Any, where: str) -> tuple[tuple[str, frozenset[Modality]], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: 'authority' must be a table of level = [modalities]")
    names = {m.value for m in Modality if m is not Modality.NONE}
    out: list[tuple[str, frozenset[Modality]]] = []
    for level, allowed in value.items():
        items = _strings(allowed, f"{where} authority.{level}")
        bad = sorted(set(items) - names)
        if bad:
            raise ConfigError(
                f"{where}: authority.{level}: unknown modality {', '.join(bad)}; "
                f"use {', '.join(sorted(names))}"
            )
        out.append((level, frozenset(Modality(i) for i in items)))
    return tuple(out)


__all__ = [
    "PARSE_CODES",
    "LintSettings",
    "Override",
    "Selection",
    "check_codes",
    "load_settings",
    "parse_levels",
    "parse_settings",
]
