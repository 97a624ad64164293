"""The HTML report: self-contained, spec-shaped, every model output escaped.

Static checks on the text, then the page opened in real headless Chromium (Debian's
``chromium``): the DOM after load must show the report and nothing the hostile
responses tried to inject. The same page with its Content-Security-Policy removed must
stay inert too, so it is the escaping, not only the policy, that keeps scripts out; a
positive control proves the harness would see a script that ran.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from charter.report import build_report, render_html
from charter.report.html import CSP
from charter.store import open_store
from tests.report.fixtures import HOSTILE, build_store

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")


@pytest.fixture()
def page(tmp_path: Path) -> str:
    folder = build_store(tmp_path / "spec")
    with open_store(folder) as store:
        return render_html(build_report(store, "run-2"))


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_self_contained_and_inert(page: str) -> None:
    parser = Tags()
    parser.feed(page)
    names = {tag for tag, _ in parser.tags}
    assert not names & {"script", "link", "img", "iframe", "object", "embed", "audio"}
    for tag, attrs in parser.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        for key in ("src", "href"):
            assert key not in attrs, (tag, attrs)
    assert "@import" not in page and "url(" not in page
    assert re.findall(r"https?://[^\s\"'<]+", page) == ["http://www.w3.org/2000/svg"]  # a namespace
    assert CSP in page


def test_hostile_text_is_shown_escaped(page: str) -> None:
    for text in HOSTILE:
        assert text not in page
    assert "&lt;script&gt;document.body.setAttribute(&#x27;data-pwned&#x27;" in page
    assert "&lt;/pre&gt;&lt;/details&gt;&lt;/section&gt;&lt;h1 id=&quot;injected&quot;&gt;" in page
    assert "Hostile &lt;b&gt;spec&lt;/b&gt;" in page  # the spec's text is escaped too


def test_spec_shaped(page: str) -> None:
    order = [
        page.index(s)
        for s in (
            "By level of authority",
            "Compliance over time",
            "Compared with the previous run run-1",
            "Never reveal secrets",
            "Be friendly",
        )
    ]
    assert order == sorted(order)
    assert page.count('<details class="clause"') == 2
    assert page.count('<details class="case') == 2
    assert page.count('class="badge flaky"') == 4  # two clause badges, two case badges
    assert "<svg" in page and page.count("<circle") == 2


def chromium(*args: str) -> str:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        "--disable-extensions",
        *args,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


def dom(path: Path) -> str:
    return chromium("--virtual-time-budget=2000", "--dump-dom", path.as_uri())


@needs_chromium
def test_harness_sees_a_script_that_runs(tmp_path: Path) -> None:
    control = tmp_path / "control.html"
    control.write_text(
        "<html><head><title>t</title></head><body>"
        "<script>document.title='pwned';document.body.setAttribute('data-pwned','1')"
        "</script></body></html>"
    )
    shown = dom(control)
    assert "<title>pwned</title>" in shown and 'data-pwned="1"' in shown


@needs_chromium
@pytest.mark.parametrize("with_csp", [True, False], ids=["as-written", "policy-removed"])
def test_chromium_runs_nothing_and_shows_the_report(
    page: str, tmp_path: Path, with_csp: bool
) -> None:
    html = (
        page
        if with_csp
        else page.replace(f'<meta http-equiv="Content-Security-Policy" content="{CSP}">', "")
    )
    assert (CSP in html) is with_csp
    target = tmp_path / "report.html"
    target.write_text(html, encoding="utf-8")
    shown = dom(target)
    assert "<title>Charter report run-2</title>" in shown  # no script renamed the page
    parser = Tags()
    parser.feed(shown)
    elements = [tag for tag, _ in parser.tags]
    assert not {"script", "img", "iframe"} & set(elements)
    assert ("h1", {"id": "injected"}) not in parser.tags  # the fake heading stayed text
    assert all("data-pwned" not in attrs for _, attrs in parser.tags)
    assert all(not k.startswith("on") for _, attrs in parser.tags for k in attrs)
    assert elements.count("details") == 4 and elements.count("h1") == 1
    # what a reader sees: the hostile responses as text, and the report around them
    assert "&lt;script&gt;document.body.setAttribute('data-pwned','1')" in shown
    assert '&lt;h1 id="injected"&gt;INJECTED&lt;/h1&gt;' in shown
    assert "Never reveal secrets" in shown and "Compared with the previous run run-1" in shown
    shot = tmp_path / "report.png"
    chromium("--window-size=1200,1600", f"--screenshot={shot}", target.as_uri())
    assert shot.stat().st_size > 10_000
