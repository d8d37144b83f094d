"""Synthetic stories and reprints for the near-duplicate tests (written for these tests)."""

from __future__ import annotations

from newsgraph.models import Article, Caption, Source, Span

HARBOUR = [
    "Officials from Freedonia and Sylvania signed an agreement on Tuesday to reopen the "
    "shared harbour at Port Amber, closed since a dispute over fishing rights two years ago.",
    "The deal, reached after four rounds of talks in Geneva, allows fishing boats from both "
    "countries to use the harbour on alternate days and sets up a joint patrol of the bay.",
    "\"This is a good day for the fishermen of both nations,\" said Ana Petrova, the "
    "Freedonian trade minister, after the signing ceremony in the old customs house.",
    "Sylvania's delegation said the patrol would begin in the spring and that customs "
    "officers from each side would be stationed at the harbour entrance.",
    "Local traders welcomed the news but warned that repairs to the breakwater, damaged in "
    "last winter's storms, would take months and cost more than either government had offered.",
    "The two governments are expected to meet again in June to discuss a wider trade "
    "accord covering timber, grain and the river crossing at Lowbridge.",
]
BANK = [
    "The central bank of Ruritania raised its main interest rate by half a point on "
    "Thursday, its third increase this year, citing stubborn inflation in food and fuel.",
    "Governor Karl Weiss told a news conference in the capital that prices were still rising "
    "faster than wages and that the bank was ready to act again if needed.",
    "Economists at the Meridian Institute had expected a smaller move and said the decision "
    "showed the bank was worried about the weak currency.",
    "Exporters criticised the increase, saying higher borrowing costs would hurt factories "
    "that were already struggling with the loss of orders from abroad.",
    "The finance ministry said it supported the bank's independence and would publish a "
    "revised budget forecast at the end of the month.",
]
# Same countries and place as HARBOUR, a different story: must stay apart.
HARBOUR_CLASH = [
    "Coast guard vessels from Freedonia and Sylvania collided near Port Amber on Sunday "
    "during a standoff over a trawler accused of fishing without a licence.",
    "No one was hurt, but both governments summoned the other's ambassador and traded "
    "accusations about who had entered disputed waters first.",
    "Sylvania's defence ministry released video it said showed the Freedonian ship turning "
    "sharply across its bow, a claim Freedonia rejected as a fabrication.",
    "Fishermen in the port said they had stayed ashore for three days because of the "
    "tension and were losing money every day the boats remained tied up.",
    "Diplomats said the incident could delay talks on a broader maritime agreement that "
    "had been expected to resume later in the year.",
]


def make_article(aid: str, headline: str, paragraphs: list[str], *, captions=(),
                 published: str = "2024-03-05", publication: str = "Daily Test") -> Article:
    text, spans = headline, []
    for p in paragraphs:
        text += "\n\n"
        spans.append(Span(len(text), len(text) + len(p)))
        text += p
    caps = []
    for c in captions:
        text += "\n\n"
        caps.append(Caption(c, None, len(text), len(text) + len(c)))
        text += c
    return Article(aid, Source(None, "text", aid), text, tuple(spans), tuple(caps),
                   headline=headline, headline_span=Span(0, len(headline)),
                   published=published, publication=publication)


def corpus() -> dict[str, Article]:
    """Stories with known reprints: id prefix = story ('h' harbour, 'b' bank, 'c' clash)."""
    arts = [
        make_article("h1", "Freedonia and Sylvania agree to reopen Port Amber", HARBOUR,
                     captions=["Fishing boats at Port Amber. Photo: Test Agency"]),
        # edited headline, different caption, later paper
        make_article("h2", "Harbour deal ends two-year fishing dispute", HARBOUR,
                     captions=["The old customs house where the deal was signed."],
                     published="2024-03-06", publication="Evening Test"),
        # trimmed last paragraph, no caption
        make_article("h3", "Port Amber to reopen under new accord", HARBOUR[:-1],
                     publication="Weekly Test"),
        make_article("b1", "Ruritania raises rates again", BANK),
        # update: one paragraph added at the end, edited headline
        make_article("b2", "Ruritania's bank raises rates; exporters object", BANK + [
            "Shares of the largest exporters fell sharply in afternoon trading after the "
            "announcement, and the currency recovered some of its recent losses."],
            published="2024-03-06"),
        make_article("c1", "Coast guard ships collide near Port Amber", HARBOUR_CLASH),
    ]
    return {a.id: a for a in arts}


# -- a larger corpus of made-up stories with wire copies ----------------------------------

_SYLLABLES = ("ka", "lo", "mi", "ren", "tu", "sa", "vo", "del", "pri", "nor", "ast", "bel",
              "cor", "dun", "fel", "gar", "hul", "isk", "jor", "mer")


def _words(rng, n: int) -> str:
    return " ".join("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 3)))
                    for _ in range(n))


def _para(rng) -> str:
    return _words(rng, rng.randint(18, 30)).capitalize() + "."


def _day(s: int, shift: int = 0) -> str:
    return f"2024-{1 + s % 9:02d}-{10 + s % 15 + shift:02d}"


def bridge_stories(rng) -> tuple[Article, Article, Article]:
    """Two stories that share four of their seven paragraphs (similarity about 0.4:
    apart) and an article of all ten (about 0.7 to each): one story."""
    shared = [_para(rng) for _ in range(4)]
    a, b = [_para(rng) for _ in range(3)], [_para(rng) for _ in range(3)]
    return (make_article("ba", "First account", shared + a, published="2024-05-02"),
            make_article("bb", "Second account", shared + b, published="2024-05-03"),
            make_article("bc", "Both accounts", shared + a + b, published="2024-05-01"))


def wire_corpus(n_stories: int = 40, seed: int = 7) -> list[Article]:
    """Stories of made-up words, about half with copies (the last paragraph cut, one
    added, one rewritten, or none changed; published a day before, on or a day after
    the first), in an order where copies often come before the story they copy, and
    the three articles of :func:`bridge_stories`."""
    import random

    rng = random.Random(seed)
    arts = list(bridge_stories(rng))
    for s in range(n_stories):
        body = [_para(rng) for _ in range(rng.randint(4, 8))]
        arts.append(make_article(f"s{s:02d}-0", f"Story {s}", body, published=_day(s, 1)))
        for k in range(1, rng.choice((0, 0, 0, 1, 2, 3, 5)) + 1):
            copy = list(body)
            edit = rng.randrange(4)
            if edit == 0:
                copy = copy[:-1]
            elif edit == 1:
                copy.append(_para(rng))
            elif edit == 2:
                copy[rng.randrange(len(copy))] = _para(rng)
            arts.append(make_article(f"s{s:02d}-{k}", f"Story {s}, copy {k}", copy,
                                     published=_day(s, rng.choice((0, 1, 2))),
                                     publication=f"Paper {k}"))
    rng.shuffle(arts)
    return arts
