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


NARROW = {"width": 390, "height": 844}
WORK_PAGES = ["/", "/events", "/quotes", "/actors", "/actors/NOR", "/articles/fx-pact",
              "/dyads/NOR/CHL", "/network", "/search?q=Chile", "/events?source=NOR&sort=type",
              "/?sort=arrived"]

# The text colour and the background it is drawn on, for every element that holds text
# (the background: the element's own, else the nearest ancestor's that is not transparent).
_TEXT_COLOURS = """() => {
  const out = [];
  const seen = new Set();
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('svg') || !el.getClientRects().length) continue;
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.opacity === '0') continue;
    let bg = 'rgba(0, 0, 0, 0)';
    for (let e = el; e; e = e.parentElement) {
      const b = getComputedStyle(e).backgroundColor;
      if (b !== 'rgba(0, 0, 0, 0)' && b !== 'transparent') { bg = b; break; }
    }
    const key = style.color + '|' + bg + '|' + el.tagName + '.' + el.className;
    if (!seen.has(key)) { seen.add(key); out.push([style.color, bg, el.tagName + '.' + el.className]); }
  }
  return out;
}"""


def _rgb(css: str) -> tuple[int, int, int]:
    return tuple(int(float(x)) for x in css[css.index("(") + 1:css.index(")")].split(",")[:3])


def _contrast(fg, bg) -> float:
    def lum(c):
        s = [x / 255 for x in c]
        s = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in s]
        return 0.2126 * s[0] + 0.7152 * s[1] + 0.0722 * s[2]

    a, b = sorted((lum(fg), lum(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, NARROW])
def test_pages_fit_the_screen_and_their_text_is_readable(server, browser, viewport):
    """No page scrolls sideways (390 px is a phone), the navigation is on screen, and
    every text drawn has a contrast of at least 4.5:1 with what it is drawn on."""
    page = browser.new_page(viewport=viewport)
    for url in WORK_PAGES:
        page.goto(server + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], (url, width)
        for name in ("Events", "Quotes", "Actors", "Network"):
            box = page.locator("nav.main a", has_text=name).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], name
            assert box["y"] + box["height"] <= viewport["height"], name
        low = [(c, b, where, round(_contrast(_rgb(c), _rgb(b)), 2))
               for c, b, where in page.evaluate(_TEXT_COLOURS)
               if b != "rgba(0, 0, 0, 0)" and _contrast(_rgb(c), _rgb(b)) < 4.5]
        assert low == [], url
    page.close()


def test_the_article_layers_switch_off_without_scripts(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "/articles/fx-pact")

    def background(selector: str) -> str:
        return page.locator(selector).first.evaluate("e => getComputedStyle(e).backgroundColor")

    assert background(".text .hl.trigger") != "rgba(0, 0, 0, 0)"
    page.click("label[for=layer-events]")
    assert background(".text .hl.trigger") == "rgba(0, 0, 0, 0)"
    assert not page.locator(".text .label.trigger").first.is_visible()
    assert background(".text .hl.quote") != "rgba(0, 0, 0, 0)"  # the other layers stay
    page.click("label[for=layer-quotes]")
    assert background(".text .hl.quote") == "rgba(0, 0, 0, 0)"
    page.click("label[for=layer-actors]")
    width = page.locator(".text a.hl.mention").first.evaluate(
        "e => getComputedStyle(e).borderBottomWidth")
    assert width == "0px"
    page.click("label[for=layer-events]")  # and back on
    assert background(".text .hl.trigger") != "rgba(0, 0, 0, 0)"
    gap = page.locator(".text .pb").first.evaluate("e => e.getBoundingClientRect().height")
    assert gap > 8  # paragraphs are spaced
    page.close()


def test_work_in_the_lists_and_save_screenshots(server, browser, tmp_path):
    shots = Path(os.environ.get("NEWSGRAPH_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    outside = []
    page.on("request", lambda r: None if r.url.startswith(server) else outside.append(r.url))
    page.goto(server + "/events")
    page.fill("form.filters input[name=source]", "Norway")
    page.check("form.filters input[value=SANCTION]")
    page.check("form.filters input[value=CONSULT]")
    page.click("form.filters button")
    page.wait_for_url("**/events?*source=Norway*")
    rows = page.locator("table.list tbody tr")
    assert rows.count() >= 2
    page.click("th >> text=Type")
    page.wait_for_url("**sort=type*")
    types = page.locator("table.list tbody td[data-label=Type]").all_inner_texts()
    assert types == sorted(types)
    with page.expect_download() as dl:
        page.click(".downloads >> text=CSV")
    text = Path(dl.value.path()).read_text()
    assert text.count("\n") == rows.count() + 1 and "SANCTION" in text
    page.goto(server + "/events?per_page=5")
    assert "1-5 of" in page.locator(".pager").inner_text()
    page.screenshot(path=str(shots / "events.png"), full_page=True)
    page.click("a[rel=next]")
    page.wait_for_url("**page=2*")
    assert "6-10 of" in page.locator(".pager").inner_text()
    page.goto(server + "/quotes")
    assert page.locator("table.list tbody tr").count() >= 3
    page.screenshot(path=str(shots / "quotes.png"), full_page=True)
    page.goto(server + "/actors/Ingrid Dahl")
    assert page.url.endswith("/actors/person%3Aingrid-dahl")
    page.goto(server + "/?sort=arrived")
    page.screenshot(path=str(shots / "home-arrived.png"), full_page=True)
    page.close()
    phone = browser.new_page(viewport=NARROW)
    for name, url in (("home-390", "/"), ("events-390", "/events?per_page=5"),
                      ("article-390", "/articles/fx-pact"), ("actor-390", "/actors/NOR"),
                      ("network-390", "/network")):
        phone.goto(server + url)
        phone.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    phone.click("nav.main a >> text=Network")
    phone.wait_for_url("**/network")
    phone.close()
    assert outside == []
