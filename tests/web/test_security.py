"""The page's guard against a real server: token, CSRF, host, project root, inert text.

Requests go over real HTTP (urllib) to a ``charter serve`` process; hostile spec text and
hostile model output are rendered in Chromium, which must run none of it.
"""

from __future__ import annotations

import http.cookiejar
import http.server
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from charter.spec.writer import digest
from tests.web.conftest import SPEC_PATH, Served, cookie, request, start, stop

WRITE = "/api/write"


def keys(served: Served) -> tuple[dict[str, str], str]:
    """Headers a same-origin request of the page carries, and the CSRF value."""
    token = urllib.parse.parse_qs(urllib.parse.urlsplit(served.url).query)["token"][0]
    status, html = request(served.base + "/", headers={"Cookie": f"charter_token={token}"})
    assert status == 200
    csrf = html.split('name="charter-csrf" content="', 1)[1].split('"', 1)[0]
    return {"Cookie": f"charter_token={token}", "X-Charter-CSRF": csrf}, csrf


def form_for(served: Served, rel: str = SPEC_PATH) -> dict[str, str]:
    data = (served.root / rel).read_bytes()
    return {"kind": "reading", "path": rel, "hash": digest(data), "key": "x", "reading": "x"}


def test_every_request_needs_the_token(served: Served) -> None:
    for path in ("/", "/fragment", "/static/app.js", "/?token=wrong"):
        status, body = request(served.base + path)
        assert status == 403, path
        assert "charter serve" in body
    status, _ = request(served.base + WRITE, data=form_for(served))
    assert status == 403
    # the printed URL: its token is traded for a cookie and the browser redirected
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(served.url, timeout=30) as response:
        assert response.status == 200 and "token=" not in response.url
        assert "Open questions" in response.read().decode()
    assert [c.name for c in jar] == ["charter_token"]


def test_a_write_needs_csrf_and_same_origin(served: Served) -> None:
    headers, _ = keys(served)
    before = (served.root / SPEC_PATH).read_bytes()
    cookie_only = {"Cookie": headers["Cookie"]}
    assert request(served.base + WRITE, form_for(served), cookie_only)[0] == 403
    evil = {**headers, "Origin": "http://evil.example"}
    assert request(served.base + WRITE, form_for(served), evil)[0] == 403
    cross = {**headers, "Sec-Fetch-Site": "cross-site"}
    assert request(served.base + WRITE, form_for(served), cross)[0] == 403
    assert (served.root / SPEC_PATH).read_bytes() == before


def test_unknown_host_is_refused(served: Served) -> None:
    headers, _ = keys(served)
    status, _ = request(served.base + "/", headers={**headers, "Host": "evil.example"})
    assert status == 421


def test_strict_headers(served: Served) -> None:
    token = urllib.parse.parse_qs(urllib.parse.urlsplit(served.url).query)["token"][0]
    req = urllib.request.Request(served.base + "/", headers={"Cookie": f"charter_token={token}"})
    with urllib.request.urlopen(req, timeout=30) as response:
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "default-src 'none'" in csp
        assert "unsafe-inline" not in csp
        assert response.headers["Referrer-Policy"] == "no-referrer"


def test_a_path_outside_the_project_is_refused(served: Served, tmp_path: Path) -> None:
    headers, _ = keys(served)
    outside = tmp_path / "outside.md"
    outside.write_text("# Outside {#outside authority=user}\n\nThe assistant should be nice.\n")
    before = outside.read_bytes()
    for rel in ("../outside.md", str(outside), "support/../../outside.md"):
        form = {**form_for(served), "path": rel, "hash": digest(before)}
        status, body = request(served.base + WRITE, form, headers)
        assert status == 403, (rel, body)
        assert "outside the project" in body
    form = {**form_for(served), "path": "charter.toml"}  # inside, but not a module
    assert request(served.base + WRITE, form, headers)[0] == 403
    assert outside.read_bytes() == before


class _EvilSite(http.server.BaseHTTPRequestHandler):
    target = ""

    def do_GET(self) -> None:
        page = (
            f'<form id="f" method="post" action="{self.target}{WRITE}">'
            '<input name="kind" value="dismiss"><input name="path" value="support/assistant.md">'
            '</form><script>document.getElementById("f").submit()</script>'
        )
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(page.encode())

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def evil_site(served: Served) -> Iterator[str]:
    _EvilSite.target = served.base
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _EvilSite)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_cross_site_form_post_in_the_browser(page: Any, served: Served, evil_site: str) -> None:
    before = (served.root / SPEC_PATH).read_bytes()
    responses: list[int] = []
    page.on("response", lambda r: responses.append(r.status) if WRITE in r.url else None)
    page.goto(evil_site)  # the same browser holds the page's cookie
    page.wait_for_url(f"{served.base}{WRITE}")
    assert responses == [403]
    assert (served.root / SPEC_PATH).read_bytes() == before


HOSTILE = "<script>alert('spec')</script><img src=x onerror=alert('img')>"


def test_hostile_spec_text_is_inert(browser: Any, shop: Path) -> None:
    spec = shop / SPEC_PATH
    text = spec.read_text(encoding="utf-8")
    text = text.replace("## Product advice", f"## Product advice {HOSTILE}", 1)
    text += f"\n## Odd {{#odd authority=user}}\n\nThe assistant should answer {HOSTILE} quickly.\n"
    spec.write_text(text, encoding="utf-8")
    served = start(shop)
    try:
        context = browser.new_context()
        tab = context.new_page()
        dialogs: list[str] = []
        tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        tab.goto(served.url)
        box = tab.locator(".finding", has_text="L101").first
        box.wait_for()
        assert HOSTILE in tab.locator("#document").inner_text()
        box.locator("summary").click()  # the answer forms, fetched and inserted
        form = box.locator('form[data-kind="reading"]')
        form.locator('[name="reading"]').fill("in two sentences")
        form.locator('button[type="submit"]').click()
        diff = form.locator(".diff")
        diff.wait_for(state="visible")
        assert HOSTILE in diff.inner_text()
        assert tab.evaluate("document.querySelectorAll('#live script, #live img').length") == 0
        assert dialogs == []
        context.close()
    finally:
        stop(served)


def test_hostile_model_output_is_inert(browser: Any, shop: Path, tmp_path: Path) -> None:
    script = tmp_path / "model.yaml"
    reply = f"- {HOSTILE}\\n- Where is my order {HOSTILE}?"
    script.write_text(f'responses:\n  - match: ""\n    reply: "{reply}"\n', encoding="utf-8")
    served = start(shop, "--model", f"scripted/{script}")
    try:
        context = browser.new_context()
        tab = context.new_page()
        dialogs: list[str] = []
        tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        tab.goto(served.url)
        box = tab.locator(".finding", has_text="L112").first
        box.locator("summary").click()
        form = box.locator('form[data-kind="precedent"]')
        form.locator("button.suggest").click()
        first = form.locator(".suggestion").first
        first.wait_for()
        assert form.locator(".cost").inner_text().startswith("cost: ")
        assert first.inner_text() == HOSTILE
        first.click()  # fills the user message field: as text
        assert form.locator('[name="user"]').input_value() == HOSTILE
        form.locator("button.suggest").click()  # asked again: from the cache
        tab.locator(".cost", has_text="cached").wait_for()
        assert tab.evaluate("document.querySelectorAll('#live script, #live img').length") == 0
        assert dialogs == []
        context.close()
    finally:
        stop(served)


def test_a_broken_config_is_shown_escaped(shop: Path) -> None:
    served = start(shop)
    try:
        (shop / "charter.toml").write_text("[project\n<b>oops</b>\n")
        status, body = request(served.base + "/", headers=cookie(served))
        assert status == 500
        assert "invalid TOML" in body and "Traceback" not in body
    finally:
        stop(served)
