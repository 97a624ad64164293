"""``load(path, overrides=...)``: unsaved buffers stand in for files on disk."""

from __future__ import annotations

import shutil
from pathlib import Path

import charter

SHOP = Path(__file__).resolve().parents[2] / "examples" / "shop"


def test_an_override_replaces_the_file_and_leaves_the_disk_alone(tmp_path: Path) -> None:
    root = tmp_path / "shop"
    shutil.copytree(SHOP, root, ignore=shutil.ignore_patterns(".charter"))
    spec = root / "support" / "assistant.md"
    disk = spec.read_text(encoding="utf-8")
    buffer = disk.replace(
        "{#order_status authority=developer}", "{#where_is_it authority=developer}"
    )
    project = charter.load(root, overrides={str(spec): buffer})
    ids = {c.id for m in project.modules for c in m.clauses}
    assert "where_is_it" in ids and "order_status" not in ids
    assert spec.read_text(encoding="utf-8") == disk
    again = charter.load(root)
    assert "order_status" in {c.id for m in again.modules for c in m.clauses}


def test_an_override_of_a_prompt_file(tmp_path: Path) -> None:
    root = tmp_path / "shop"
    shutil.copytree(SHOP, root, ignore=shutil.ignore_patterns(".charter"))
    prompt = root / "support" / "examples" / "rt01.md"
    project = charter.load(root, overrides={str(prompt): "not a prompt file at all\n"})
    (found,) = [p for p in project.prompt_files if p.path.endswith("rt01.md")]
    assert found.examples == ()


def test_loading_again_reparses_only_what_changed(tmp_path: Path) -> None:
    root = tmp_path / "shop"
    shutil.copytree(SHOP, root, ignore=shutil.ignore_patterns(".charter"))
    spec = root / "support" / "assistant.md"
    first = charter.load(root, overrides={str(spec): spec.read_text() + "\nMore.\n"})
    second = charter.load(root, overrides={str(spec): spec.read_text() + "\nMore again.\n"})
    same = {m.id: m for m in first.modules}
    for module in second.modules:
        if module.id == "larkspur-support":
            assert module is not same[module.id]  # its text changed: parsed again
        else:
            assert module is same[module.id]  # unchanged: the parse is reused
    assert all(a is b for a, b in zip(first.prompt_files, second.prompt_files, strict=True))
