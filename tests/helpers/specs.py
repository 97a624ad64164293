"""Synthetic spec projects for runner tests: N clauses × M test blocks with unique prompts."""

from __future__ import annotations

from pathlib import Path


def clause_text(index: int, per_clause: int, *, variant: str = "") -> str:
    blocks = []
    for n in range(1, per_clause + 1):
        prompt = f"c{index:03d}-t{n:03d}{variant} say something"
        blocks.append(f"```yaml test\nprompt: {prompt}\nexpect:\n  - icontains: echo\n```\n")
    return f"## Clause {index} {{#c{index:03d}}}\n\nThe assistant must answer.\n\n" + "\n".join(
        blocks
    )


def write_project(
    root: Path, *, clauses: int = 4, per_clause: int = 5, base_url: str | None = None
) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    body = "\n".join(clause_text(i, per_clause) for i in range(1, clauses + 1))
    (root / "bench.md").write_text(
        f"---\nid: bench\n---\n# Bench {{#bench authority=root}}\n\nOverview.\n\n{body}",
        encoding="utf-8",
    )
    if base_url is not None:
        (root / "charter.toml").write_text(
            f'[providers.local]\ntype = "openai"\nbase_url = "{base_url}"\n'
            'api_key_env = "CHARTER_TEST_KEY"\n',
            encoding="utf-8",
        )
    return root


def prompts(clauses: int, per_clause: int) -> set[str]:
    return {
        f"c{i:03d}-t{n:03d} say something"
        for i in range(1, clauses + 1)
        for n in range(1, per_clause + 1)
    }
