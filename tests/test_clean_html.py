"""HTML pages: body with trafilatura, captions and credits from figures, metadata."""

from __future__ import annotations

import pytest

from newsgraph.clean import clean
from newsgraph.errors import InputError
from newsgraph.readers import ReadOptions, read_text

_P = ("<p>Ministers from the two countries met on Tuesday in the capital for talks on trade, "
      "energy and the shared border, officials said after the meeting ended.</p>")
PAGE = f"""<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
<title>Ministers meet for border talks</title>
<meta property="og:site_name" content="The Test Gazette">
<meta name="author" content="Jo Writer">
<meta property="article:published_time" content="2024-04-05T08:00:00Z">
</head><body><nav><a href="/">Home</a></nav><article>
<h1>Ministers meet for border talks</h1>
{_P}
<figure><img src="x.jpg" alt=""><figcaption>The ministers shake hands before the talks.
<span class="photo-credit">Photo: Test Agency</span></figcaption></figure>
{_P.replace('Tuesday', 'Wednesday')}
<figure><img src="y.jpg" alt=""><figcaption>A border crossing near the river.<small>AFP</small></figcaption></figure>
<figure><figcaption>A market in the old town (Photo: Local Wire)</figcaption></figure>
{_P.replace('Tuesday', 'Thursday')}
</article><footer>All rights reserved</footer></body></html>"""


def test_body_captions_credits_and_metadata():
    a = clean(read_text(PAGE, ReadOptions(format="html")))
    paras = [a.text[p.start:p.end] for p in a.paragraphs]
    assert len(paras) == 3 and "Tuesday" in paras[0] and "Thursday" in paras[2]
    assert [(c.text, c.credit) for c in a.captions] == [
        ("The ministers shake hands before the talks.", "Test Agency"),
        ("A border crossing near the river.", "AFP"),
        ("A market in the old town", "Local Wire")]
    for c in a.captions:
        assert a.text[c.start:c.end] == c.text
        assert all(c.text not in p for p in paras)
    assert a.headline == "Ministers meet for border talks"
    assert (a.publication, a.published, a.byline, a.language) == (
        "The Test Gazette", "2024-04-05", "Jo Writer", "en")
    assert a.origin["published"] == "html" and a.origin["language"] == "html"


def test_page_without_article_is_e201():
    with pytest.raises(InputError) as exc:
        clean(read_text("<html><head><title>x</title></head><body><nav><a href='/'>Home</a>"
                        "</nav></body></html>", ReadOptions(format="html")))
    assert exc.value.code == "E201"
