"""Load the YAML rule packs shipped in ``charter/lint/packs/`` into validated :class:`Rule`s.

Loading is done once per process (``all_rules`` is cached) and registers every rule's
code with :mod:`charter.diagnostics` so that renderers, ``--explain`` and the docs read
titles and severities from one place. A pack that breaks the schema raises
:class:`~charter.errors.ConfigError` naming the pack, the rule and the field.

Start-up: ``packs/compiled.json`` holds the packs already parsed, with a hash of the
YAML they came from. When the hash matches the shipped YAML it is read with ``json``
(no PyYAML import, no YAML parse: about 40 ms saved per process); when it does not (a
pack was edited and not recompiled) the YAML is parsed, so a stale file is never used.
Regenerate it with ``python -m charter.lint.packs``; a test keeps it current.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

from charter.diagnostics import register
from charter.errors import ConfigError
from charter.lint.rules import Rule
from charter.lint.schema import build_rule, check_template, hint_for, token_regex

PACKS = ("vagueness", "reference", "modality", "testability", "structure")


def _yaml_load(text: str) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)  # a safe loader (C or pure Python)


COMPILED = "compiled.json"


def _folder() -> Any:
    return resources.files("charter.lint") / "packs"


@lru_cache(maxsize=1)
def syntax_words() -> frozenset[str]:
    """Words of the rules that read syntax (``params.pos`` / ``params.modal``): a statement
    holding none of them needs no parse for those rules."""
    words: set[str] = set()
    for rule in all_rules():
        if rule.params.get("pos") or rule.params.get("modal"):
            words.update(rule.hints or ())
    return frozenset(words)


def pack_texts() -> dict[str, str]:
    return {pack: (_folder() / f"{pack}.yaml").read_text(encoding="utf-8") for pack in PACKS}


def source_hash(texts: dict[str, str]) -> str:
    from charter.hashing import Hasher

    digest = Hasher(16)
    for pack in PACKS:
        digest.update(pack.encode() + b"\0" + texts[pack].encode("utf-8") + b"\0")
    return digest.hexdigest()


def compiled_json(texts: dict[str, str]) -> str:
    """The content of ``packs/compiled.json`` for these YAML texts."""
    import json

    packs = {pack: _yaml_load(texts[pack]) for pack in PACKS}
    payload = {"source_hash": source_hash(texts), "packs": packs}
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def _pack_data(texts: dict[str, str]) -> dict[str, Any]:
    import json

    try:
        compiled = json.loads((_folder() / COMPILED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        compiled = None
    if isinstance(compiled, dict) and compiled.get("source_hash") == source_hash(texts):
        return dict(compiled["packs"])
    return {pack: _parse(texts[pack], pack) for pack in PACKS}


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    """Every built-in rule, in code order; codes are registered on first call."""
    data = _pack_data(pack_texts())
    rules: list[Rule] = []
    for pack in PACKS:
        rules.extend(rules_of(data[pack], pack))
    return _finish(rules)


@lru_cache(maxsize=1)
def rules_by_code() -> dict[str, Rule]:
    return {rule.code: rule for rule in all_rules()}


def _finish(rules: list[Rule]) -> tuple[Rule, ...]:
    seen: dict[str, Rule] = {}
    for rule in rules:
        if rule.code in seen:
            raise ConfigError(f"rule code {rule.code} defined twice ({seen[rule.code].pack})")
        seen[rule.code] = rule
        register(rule.code, rule.title, rule.severity, rule.explanation)
    return tuple(sorted(rules, key=lambda r: r.code))


def _parse(text: str, pack: str) -> Any:
    try:
        return _yaml_load(text)
    except Exception as exc:  # yaml.YAMLError, kept lazy
        raise ConfigError(f"rule pack {pack}: invalid YAML: {exc}") from exc


def load_pack(text: str, pack: str) -> list[Rule]:
    """Rules of one pack's YAML text; ``pack`` names it in error messages."""
    return rules_of(_parse(text, pack), pack)


def rules_of(data: Any, pack: str) -> list[Rule]:
    """Rules of one pack's parsed data."""
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise ConfigError(f"rule pack {pack}: expected a mapping with a 'rules' list")
    family = str(data.get("family", pack))
    defaults = data.get("defaults", {})
    if not isinstance(defaults, dict):
        raise ConfigError(f"rule pack {pack}: 'defaults' must be a mapping")
    items = [{**defaults, **item} if isinstance(item, dict) else item for item in data["rules"]]
    return [build_rule(item, pack, family) for item in items]


def _write_compiled() -> None:
    from pathlib import Path

    target = Path(str(_folder())) / COMPILED
    target.write_text(compiled_json(pack_texts()), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    _write_compiled()

__all__ = [
    "COMPILED",
    "PACKS",
    "all_rules",
    "check_template",
    "compiled_json",
    "hint_for",
    "load_pack",
    "pack_texts",
    "rules_by_code",
    "rules_of",
    "source_hash",
    "token_regex",
]
