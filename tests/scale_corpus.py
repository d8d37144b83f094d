"""Tiny synthetic articles for the scale tests (written for these tests; no real news)."""

from __future__ import annotations

from pathlib import Path

STORIES = [
    ("Ministers of Freedonia and Sylvania met in Geneva on Monday.",
     "Freedonia's foreign minister, Ana Petrova, said the talks were constructive. "
     "\"We agreed to meet again next month,\" she told reporters.",
     "Sylvania accused Freedonia of moving troops near the border last week."),
    ("The central bank of Ruritania raised interest rates on Tuesday.",
     "Governor Karl Weiss said inflation remained too high. "
     "Analysts at the Meridian Institute expected another rise in March.",
     "Exporters in Ruritania criticised the decision."),
    ("Floods closed schools across the northern province on Wednesday.",
     "The regional governor asked the army for help with evacuations. "
     "\"The water is still rising,\" a rescue worker said.",
     "Japan sent tents and water pumps to the region."),
]


def article(i: int) -> str:
    """The i-th synthetic article (cycles through the stories with a distinct number)."""
    lead, mid, tail = STORIES[i % len(STORIES)]
    return (f"Report number {i}: {lead}\n\n{mid}\n\n{tail} "
            f"Officials said item {i} would be reviewed.\n")


def write_corpus(folder: Path, n: int) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"a{i:03d}.txt"
        p.write_text(article(i), encoding="utf-8")
        paths.append(str(p))
    return paths
