"""End to end in headless Chromium: search, open an article, click through to an
actor and a dyad, and save a screenshot of every page.

Uses Debian's chromium (``apt-get install chromium``), never a downloaded one.
Screenshots go to the test's temporary folder, or to the folder named by
``NEWSGRAPH_SCREENSHOTS`` (``docs/screenshots`` refreshes the README's).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES
from webkb import build_kb, story_analyses

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    uvicorn = pytest.importorskip("uvicorn")
    from newsgraph.web import create_app

    from newsgraph.pipeline import analyze_documents
    from newsgraph.readers import ReadOptions, read_paths

    # The bundled example articles, through the real pipeline, beside the fixtures.
    examples = [a for a in analyze_documents(read_paths([str(EXAMPLES)], ReadOptions()))
                if not hasattr(a, "code")]
    assert len(examples) >= 5
    kb = build_kb(tmp_path_factory.mktemp("browser") / "kb.db", story_analyses() + examples)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(kb), host="127.0.0.1", port=port,
                                        log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium): "
                    "browser test not run")
    sync_api = pytest.importorskip("playwright.sync_api")
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def test_search_article_actor_dyad_network(server, browser, tmp_path):
    shots = Path(os.environ.get("NEWSGRAPH_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    dialogs, failed = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("requestfailed", lambda r: failed.append(r.url))
    outside = []
    page.on("request", lambda r: None if r.url.startswith(server) else outside.append(r.url))

    def shot(name: str) -> None:
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)

    page.goto(server + "/")
    assert page.locator("h1").inner_text() == "Knowledge base overview"
    assert page.locator(".stats").inner_text().startswith("")
    shot("home")

    page.fill("header input[name=q]", "fisheries")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=fisheries")
    hits = page.locator("ul.articles a.headline")
    n_hits = hits.count()
    assert n_hits >= 1
    assert page.locator("ul.articles mark").count() >= 1
    shot("search")
    page.check("form.search input[name=dedupe]")  # one per story: the search's dedupe
    page.click("form.search button")
    page.wait_for_url("**/search?q=fisheries*dedupe=1*")
    assert page.locator("form.search input[name=dedupe]").is_checked()
    assert "one per story" in page.locator(".summary").inner_text()
    assert hits.count() == n_hits  # no reprints among them

    page.click("text=Norway and Chile agree fisheries pact")
    page.wait_for_url("**/articles/**")
    assert page.locator(".text .hl.quote").count() >= 1
    assert page.locator(".text .hl.trigger").count() >= 1
    assert page.locator(".text a.hl.mention").count() >= 3
    shot("article")

    page.locator(".text a.hl.mention", has_text="Ingrid Dahl").first.click()
    page.wait_for_url("**/actors/person%3Aingrid-dahl")
    assert "Ingrid Dahl" in page.locator("h1").inner_text()
    assert page.locator("svg.chart").count() == 1
    shot("actor")

    page.locator("a[href='/dyads/person%3Aingrid-dahl/CHL']").first.click()
    page.wait_for_url("**/dyads/**")
    assert page.locator("svg.chart a").count() >= 1
    shot("dyad")
    page.locator("svg.chart a").first.click()
    page.wait_for_url("**since=*#sentences")
    assert page.locator("#sentences blockquote.sentence").count() >= 1
    shot("dyad-bar")

    page.goto(server + "/network")
    assert page.locator("svg.chart circle").count() >= 3
    shot("network")
    page.check("input[value=CONSULT]")
    page.click("form.filters button")
    page.wait_for_url("**/network?type=CONSULT*")
    assert page.locator("input[value=CONSULT]").is_checked()

    # A bundled example article, analysed by the real pipeline: found and highlighted.
    page.goto(server + "/search?q=Morimoto")
    page.click("text=Japan and Australia pledge closer defence ties")
    page.wait_for_url("**/articles/**")
    assert page.locator(".text a.hl.mention", has_text="Kenji Morimoto").count() >= 1
    assert page.locator(".text .hl.quote").count() >= 2
    shot("example-article")

    page.goto(server + "/articles/fx-hostile")
    assert "<script>alert('quote')</script>" in page.locator(".text").inner_text()
    page.goto(server + "/search?q=-Chile")
    assert "only excludes terms" in page.locator(".reason").inner_text()
    shot("error")

    assert dialogs == []  # nothing in a hostile article ran
    assert failed == [] and outside == []  # no request left the server
