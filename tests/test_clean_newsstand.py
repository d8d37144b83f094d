"""The newsstand layout: header, separator, dateline, body, captions and footer."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.clean import clean
from newsgraph.errors import InputError
from newsgraph.readers import ReadOptions, read_text

SAMPLE = """The Harbour Courier

Ministers agree on river treaty

Talks to resume next month

By Ana Costa

-

LISBON: Portugal and Spain agreed on Monday to share river data.

"We want a fair deal," the minister said.

- first bullet point

- second bullet point

 ?? Getty Images ?? Delegates arrive for the talks.
Getty Images Delegates arrive for the talks.
 ?? ?? Costa: A fair deal
Costa: A fair deal

Newspapers in English

Newspapers from United Kingdom
"""


def _article(text):
    return clean(read_text(text, ReadOptions(format="newsstand")))


def _check_spans(a):
    assert a.text[a.headline_span.start:a.headline_span.end] == a.headline
    for c in a.captions:
        assert a.text[c.start:c.end] == c.text
    blocks = [a.headline] + ([a.deck] if a.deck else []) + \
        [a.text[p.start:p.end] for p in a.paragraphs] + [c.text for c in a.captions]
    assert a.text == "\n".join(blocks)


def test_sample_fields():
    a = _article(SAMPLE)
    assert (a.publication, a.headline, a.deck, a.byline, a.dateline) == (
        "The Harbour Courier", "Ministers agree on river treaty", "Talks to resume next month",
        "Ana Costa", "LISBON")
    assert (a.language, a.country) == ("en", "GB")
    assert a.origin["country"] == "footer" and a.origin["publication"] == "header"
    assert [a.text[p.start:p.end] for p in a.paragraphs] == [
        "Portugal and Spain agreed on Monday to share river data.",
        '"We want a fair deal," the minister said.',
        "- first bullet point", "- second bullet point"]
    assert [(c.text, c.credit) for c in a.captions] == [
        ("Delegates arrive for the talks.", "Getty Images"), ("Costa: A fair deal", None)]
    assert "Newspapers" not in a.text and "??" not in a.text
    _check_spans(a)


@pytest.mark.parametrize("variant", [
    lambda s: s.replace("\n", "\r\n"),
    lambda s: s.replace("\n", " \n"),
    lambda s: s.rstrip("\n"),
    lambda s: s.replace("\n", "\t \r\n").rstrip(),
])
def test_line_endings_and_trailing_spaces_do_not_matter(variant):
    a, b = _article(SAMPLE), _article(variant(SAMPLE))
    assert (a.text, a.paragraphs, a.captions, a.headline, a.dateline, a.country) == \
        (b.text, b.paragraphs, b.captions, b.headline, b.dateline, b.country)


@pytest.mark.parametrize("first, dateline, rest", [
    ("TOKYO: The talks began.", "TOKYO", "The talks began."),
    ("NEW YORK: Markets rose.", "NEW YORK", "Markets rose."),
    ("LONDON \u2014 Ministers met.", "LONDON", "Ministers met."),
    ("WASHINGTON (AP) \u2014 The Senate voted.", "WASHINGTON", "The Senate voted."),
    ("BUENOS AIRES - Talks resumed.", "BUENOS AIRES", "Talks resumed."),
    ("WASHINGTON\u2014The Senate voted.", "WASHINGTON", "The Senate voted."),
    ("TOKYO, Jan 7 (Reuters) - Japan said.", "TOKYO", "Japan said."),
    ("Tokyo (Kyodo) - Japan said.", "Tokyo", "Japan said."),
    ("ST. PETERSBURG, Russia \u2014 Officials said.", "ST. PETERSBURG", "Officials said."),
    ("AP: the agency said.", None, "AP: the agency said."),
    ("Star Wars: Battlefront is a game.", None, "Star Wars: Battlefront is a game."),
    ("Subs Not Used: Smith, Jones.", None, "Subs Not Used: Smith, Jones."),
    ("US-Japan ties: a new era.", None, "US-Japan ties: a new era."),
])
def test_datelines(first, dateline, rest):
    a = _article(f"Pub\n\nHeadline\n\n-\n\n{first}\n\nSecond paragraph.\n")
    assert a.dateline == dateline
    assert a.text[a.paragraphs[0].start:a.paragraphs[0].end] == rest


def test_no_separator_still_reads_body():
    a = _article("Body one.\n\n ?? AFP ?? A caption.\nAFP A caption.\n\nNewspapers in English\n")
    assert [a.text[p.start:p.end] for p in a.paragraphs] == ["Body one."]
    assert a.captions[0].credit == "AFP"
    assert any(w.startswith("[W203]") for w in a.warnings)


def test_no_body_is_an_error():
    with pytest.raises(InputError) as exc:
        _article("Pub\n\nHeadline\n\n-\n\nNewspapers in English\n")
    assert exc.value.code == "E201"


def test_multi_word_and_unknown_footer_countries():
    a = _article("P\n\nH\n\n-\n\nBody.\n\nNewspapers from South Korea\n")
    assert a.country == "KR"
    a = _article("P\n\nH\n\n-\n\nBody.\n\nNewspapers from Atlantis\n")
    assert a.country is None and any(w.startswith("[W202]") for w in a.warnings)


_word = st.text(alphabet=string.ascii_letters + "\u00e9\u2019", min_size=1, max_size=8)
_sentence = st.lists(_word, min_size=1, max_size=8).map(lambda ws: " ".join(ws) + ".")
_credit = st.sampled_from([None, "AFP", "Reuters", "Getty Images", "AP"])


@settings(max_examples=60, deadline=None)
@given(headline=st.lists(_word, min_size=1, max_size=6).map(" ".join),
       deck=st.one_of(st.none(), _sentence.map(lambda s: s[:-1])),
       byline=st.one_of(st.none(), st.lists(_word, min_size=2, max_size=3).map(" ".join)),
       dateline=st.one_of(st.none(), st.sampled_from(["TOKYO", "NEW YORK", "RIO DE JANEIRO"])),
       paragraphs=st.lists(_sentence, min_size=1, max_size=6),
       captions=st.lists(st.tuples(_sentence, _credit), max_size=3),
       country=st.sampled_from(["Thailand", "New Zealand", "United States", "South Africa"]),
       crlf=st.booleans())
def test_roundtrip_layout_and_offsets(headline, deck, byline, dateline, paragraphs, captions,
                                      country, crlf):
    lines = ["Some Paper", "", headline, ""]
    if deck:
        lines += [deck, ""]
    if byline:
        lines += [f"By {byline}", ""]
    lines += ["-", ""]
    for i, p in enumerate(paragraphs):
        lines += [(f"{dateline}: {p}" if i == 0 and dateline else p), ""]
    for text, credit in captions:
        lines += [f" ?? {credit} ?? {text}" if credit else f" ?? ?? {text}",
                  f"{credit} {text}" if credit else text]
    lines += ["", "Newspapers in English", "", f"Newspapers from {country}"]
    a = _article(("\r\n" if crlf else "\n").join(lines))
    assert a.headline == headline and a.deck == deck and a.byline == byline
    assert a.dateline == dateline and a.publication == "Some Paper"
    assert [a.text[p.start:p.end] for p in a.paragraphs] == paragraphs
    assert [(c.text, c.credit) for c in a.captions] == captions
    assert a.language == "en" and a.country is not None
    _check_spans(a)
