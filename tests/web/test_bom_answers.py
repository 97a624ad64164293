"""Answers written into a file that starts with a UTF-8 BOM (what Windows editors save).
The finding's columns are the parser's, which does not count the BOM: a reading on the
first line replaced the wrong characters ('replywithin a minutey'), and a dismissal put
its comment in front of the BOM. Written through :class:`charter.web.writes.Writer`, the
page's write path, on real files."""

from __future__ import annotations

from pathlib import Path

from charter.analysis import collect
from charter.spec.loader import load
from charter.spec.writer import digest
from charter.web.writes import Writer

TEXT = (
    "\ufeffThe assistant should reply promptly to customers.\r\n\r\n"
    "# Shop {#shop authority=user}\r\n\r\nThe assistant must not guess.\r\n"
)


def _key(root: Path, code: str) -> str:
    found = [d for d in collect(load(str(root))) if d.code == code and d.line == 1]
    assert len(found) == 1, found
    return f"{code}:spec.md:{found[0].line}:{found[0].col}"


def _write(root: Path, **form: str) -> bytes:
    spec = root / "spec.md"
    base = {"path": "spec.md", "hash": digest(spec.read_bytes())}
    Writer(str(root)).write({**base, **form})
    return spec.read_bytes()


def test_a_reading_on_the_first_line_of_a_bom_file(tmp_path: Path) -> None:
    (tmp_path / "spec.md").write_bytes(TEXT.encode("utf-8"))
    key = _key(tmp_path, "L112")
    after = _write(tmp_path, kind="reading", key=key, reading="within a minute")
    assert after == TEXT.replace("promptly", "within a minute").encode("utf-8")


def test_a_dismissal_on_the_first_line_keeps_the_bom_first(tmp_path: Path) -> None:
    (tmp_path / "spec.md").write_bytes(TEXT.encode("utf-8"))
    key = _key(tmp_path, "L112")
    after = _write(tmp_path, kind="dismiss", key=key, reason="fine here")
    assert after.startswith(b"\xef\xbb\xbf<!-- charter-disable-next-line L112 -- fine here -->\r\n")
    assert after.endswith(TEXT[1:].encode("utf-8"))
    assert after.count(b"\xef\xbb\xbf") == 1
