"""The HTML report in headless Chromium: it renders, loads nothing from elsewhere, and
article text with markup in it stays text (no script runs).

Uses Debian's chromium (``apt-get install chromium``), never a downloaded one.
"""

from __future__ import annotations

import os
import shutil

import pytest

from newsgraph.report import render_html
from test_report import _analysis

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def test_report_page_in_chromium(tmp_path):
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium): "
                    "browser test not run")
    sync_api = pytest.importorskip("playwright.sync_api")
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    page_file = tmp_path / "report.html"
    page_file.write_text(render_html([_analysis()]), encoding="utf-8")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 900})
            dialogs, requests = [], []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_file.as_uri())
            page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
            assert dialogs == []
            assert requests == [page_file.as_uri()]
            assert page.locator("h1").inner_text().startswith("Talks on <script>")
            assert page.locator("article figure").count() == 1
            assert page.locator("mark").count() >= 4
            assert page.locator("img").count() == 0
            assert "OSLO:" in page.locator("section.body").inner_text()
        finally:
            browser.close()
