"""A deterministic, streaming generator of synthetic news articles for benchmarks.

The articles are made up from word lists written for this file: publications
from many countries, dates over several years, countries and capitals, people
with roles, quotes, datelines, and a Zipf-distributed vocabulary of real and
invented words, so that search sees both very common and very rare terms.
Nothing is held in memory beyond the word lists: ``articles(n)`` yields one
record at a time, in the JSON Lines corpus format (``id``, ``text``,
``headline``, ``publication``, ``published``, ``url``, ``language``).

    python benchmarks/corpus.py 1000 --out /tmp/corpus.jsonl.gz
    python benchmarks/corpus.py 50 --newsstand /tmp/newsstand-dir

Used by the ingest, web and scale benchmarks.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import random
from datetime import date, timedelta
from typing import Iterator

__all__ = ["articles", "queries", "newsstand_text", "write_jsonl", "PUBLICATIONS", "COUNTRIES"]

# (name, ISO alpha-2 of the publication, language, domain)
PUBLICATIONS = (
    ("Bangkok Courier", "TH", "en", "bangkokcourier.example"),
    ("Manila Ledger", "PH", "en", "manilaledger.example"),
    ("Seoul Morning Star", "KR", "en", "seoulstar.example"),
    ("Tokyo Evening Herald", "JP", "en", "tokyoherald.example"),
    ("Straits Observer", "SG", "en", "straitsobserver.example"),
    ("Delhi Chronicle", "IN", "en", "delhichronicle.example"),
    ("Karachi Dispatch", "PK", "en", "karachidispatch.example"),
    ("Sydney Harbour Times", "AU", "en", "harbourtimes.example"),
    ("Auckland Gazette", "NZ", "en", "aucklandgazette.example"),
    ("London Packet", "GB", "en", "londonpacket.example"),
    ("Dublin Sentinel", "IE", "en", "dublinsentinel.example"),
    ("Toronto Lantern", "CA", "en", "torontolantern.example"),
    ("Chicago Ledger", "US", "en", "chicagoledger.example"),
    ("Pacific Coast Bulletin", "US", "en", "pacificbulletin.example"),
    ("Nairobi Standard Post", "KE", "en", "nairobipost.example"),
    ("Lagos Tribune Daily", "NG", "en", "lagostribune.example"),
    ("Cape Town Mercury", "ZA", "en", "capemercury.example"),
    ("Gulf Today Review", "AE", "en", "gulfreview.example"),
    ("Jerusalem Courier", "IL", "en", "jerusalemcourier.example"),
    ("Kyiv Independent Review", "UA", "en", "kyivreview.example"),
    ("Hong Kong Daily Mirror", "HK", "en", "hkmirror.example"),
    ("Taipei Times Review", "TW", "en", "taipeireview.example"),
    ("Jakarta Herald", "ID", "en", "jakartaherald.example"),
    ("Kuala Lumpur Post", "MY", "en", "klpost.example"),
    ("Hanoi Weekly News", "VN", "en", "hanoiweekly.example"),
    ("Berliner Abendpost", "DE", "de", "abendpost.example"),
    ("Le Courrier du Soir", "FR", "fr", "courrierdusoir.example"),
    ("El Diario del Puerto", "ES", "es", "diariopuerto.example"),
    ("Folha do Litoral", "BR", "pt", "folhalitoral.example"),
    ("Gazzetta del Lago", "IT", "it", "gazzettalago.example"),
)

# (name, demonym, capital)
COUNTRIES = (
    ("the United States", "American", "Washington"), ("Japan", "Japanese", "Tokyo"),
    ("China", "Chinese", "Beijing"), ("South Korea", "South Korean", "Seoul"),
    ("North Korea", "North Korean", "Pyongyang"), ("Taiwan", "Taiwanese", "Taipei"),
    ("Russia", "Russian", "Moscow"), ("Ukraine", "Ukrainian", "Kyiv"),
    ("India", "Indian", "New Delhi"), ("Pakistan", "Pakistani", "Islamabad"),
    ("Australia", "Australian", "Canberra"), ("the Philippines", "Philippine", "Manila"),
    ("Vietnam", "Vietnamese", "Hanoi"), ("Indonesia", "Indonesian", "Jakarta"),
    ("Thailand", "Thai", "Bangkok"), ("Britain", "British", "London"),
    ("France", "French", "Paris"), ("Germany", "German", "Berlin"),
    ("Iran", "Iranian", "Tehran"), ("Israel", "Israeli", "Jerusalem"),
    ("Turkey", "Turkish", "Ankara"), ("Saudi Arabia", "Saudi", "Riyadh"),
    ("Egypt", "Egyptian", "Cairo"), ("Nigeria", "Nigerian", "Abuja"),
    ("Kenya", "Kenyan", "Nairobi"), ("Brazil", "Brazilian", "Brasilia"),
    ("Mexico", "Mexican", "Mexico City"), ("Canada", "Canadian", "Ottawa"),
    ("Myanmar", "Myanmar", "Naypyidaw"), ("New Zealand", "New Zealand", "Wellington"),
)

ROLES = ("foreign minister", "defence minister", "prime minister", "president",
         "trade minister", "ambassador", "spokesperson for the foreign ministry",
         "national security adviser", "finance minister", "chief negotiator",
         "opposition leader", "army chief", "central bank governor", "interior minister")
FIRST = ("Anna", "Kenji", "Li", "Min-jun", "Olga", "Rahul", "Sarah", "Tomas", "Amara", "Hiro",
         "Wei", "Fatima", "Diego", "Elena", "Kwame", "Siti", "Jonas", "Priya", "Mateo", "Yuki",
         "Nadia", "Omar", "Grace", "Ivan", "Leila", "Daniel", "Mei", "Arjun", "Chloe", "Tariq")
LAST = ("Tanaka", "Kim", "Zhang", "Petrova", "Sharma", "Okafor", "Nguyen", "Schmidt", "Costa",
        "Haddad", "Suzuki", "Park", "Ivanov", "Mensah", "Rahman", "Silva", "Lee", "Moreau",
        "Kowalski", "Santos", "Yamamoto", "Chen", "Abdullah", "Novak", "Reyes", "Fischer",
        "Wang", "Singh", "Otieno", "Lindqvist", "Jong-un", "Hayashi", "Russel", "Blinken")
VERBS = ("agreed to expand", "pledged to strengthen", "voiced concern about", "condemned",
         "welcomed", "rejected", "called for", "warned against", "announced", "signed",
         "discussed", "criticised", "praised", "postponed", "suspended", "resumed",
         "proposed", "reviewed", "questioned", "backed", "opposed", "threatened to end")
CUES = ("said", "told reporters", "said in a statement", "added", "wrote on social media",
        "told a news conference", "said on Tuesday", "according to officials")
# Topics are an adjective with a noun (500 of them); each article keeps to two, so a
# topic phrase is as rare in the corpus as a story's subject is in real news.
TOPIC_ADJ = ("maritime", "nuclear", "trade", "border", "energy", "climate", "humanitarian",
             "military", "cyber", "food", "refugee", "vaccine", "steel", "fishing", "currency",
             "semiconductor", "election", "port", "water", "grain")
TOPIC_NOUN = ("security", "talks", "drills", "sanctions", "agreement", "dispute", "aid",
              "controls", "prices", "finance", "supplies", "exports", "tariffs", "pact",
              "inspections", "negotiations", "corridor", "summit", "crisis", "investments",
              "rights", "cooperation", "standoff", "quotas", "deal")
TOPICS = tuple(f"{a} {n}" for a in TOPIC_ADJ for n in TOPIC_NOUN)
# Common English words of news prose, and syllables for invented rare words.
COMMON = """the of and to in a that for on is with was as by at from it be has have are
said were its an will their not after but which this also had been more would government
officials year new two people last minister week told first talks could other than about
over against state security foreign country military economic support plans policy public
president meeting agreement region countries during while between since under they we
spokesman statement national week month thursday monday tuesday wednesday friday report
international political after before further according including growing increase
leaders cooperation concerns pressure talks regional trade defence forces border since
announced expected capital agency allies ministry development crisis official recent
strategy response measures process issues global relations efforts future joint""".split()
SYLLABLES = ("ka", "lo", "mi", "ran", "tes", "vor", "bel", "dun", "pha", "qui", "zen", "sor",
             "tri", "mal", "nek", "os", "ul", "gar", "fen", "hol", "ix", "bre", "cal", "dro")


def _vocabulary(rng: random.Random, n: int = 40_000) -> tuple[list[str], list[float]]:
    """Real words first, then invented ones, with Zipf cumulative weights."""
    seen = set(COMMON)
    words = list(COMMON)
    while len(words) < n:
        w = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if w not in seen:
            seen.add(w)
            words.append(w)
    cum = list(itertools.accumulate(1.0 / (r + 1) ** 1.05 for r in range(len(words))))
    return words, cum


class _Gen:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.words, self.cum = _vocabulary(random.Random(seed + 1))
        self.people = [(f, l, self.rng.choice(ROLES), self.rng.randrange(len(COUNTRIES)))
                       for f in FIRST for l in LAST]

    def filler(self, k: int) -> str:
        return " ".join(self.rng.choices(self.words, cum_weights=self.cum, k=k))

    def sentence(self, c1, c2, person, topics) -> str:
        rng = self.rng
        name1, dem1, cap1 = c1
        name2, _dem2, cap2 = c2
        first, last, role, _ = person
        kind = rng.randrange(6)
        if kind == 0:
            return (f"{name1[0].upper() + name1[1:]} and {name2} {rng.choice(VERBS)} "
                    f"the {rng.choice(topics)}, {self.filler(rng.randint(4, 10))}.")
        if kind == 1:
            return (f"\u201c{self.filler(rng.randint(6, 14)).capitalize()} on {rng.choice(topics)},"
                    f"\u201d {first} {last}, {dem1} {role}, {rng.choice(CUES)}.")
        if kind == 2:
            return (f"{cap1} {rng.choice(VERBS)} {cap2}'s {rng.choice(topics)} "
                    f"{self.filler(rng.randint(3, 9))}.")
        if kind == 3:
            return (f"Mr {last} {rng.choice(CUES)} that {name2} had {rng.choice(VERBS)} "
                    f"the {rng.choice(topics)}.")
        return f"{self.filler(rng.randint(8, 18)).capitalize()}."


def articles(n: int, *, seed: int = 0, start: date = date(2018, 1, 1),
             days: int = 6 * 365) -> Iterator[dict]:
    """Yield ``n`` article records, the same ones for the same ``seed``."""
    g = _Gen(seed)
    rng = g.rng
    for i in range(n):
        pub, _cc, lang, domain = rng.choice(PUBLICATIONS)
        c1, c2 = rng.sample(COUNTRIES, 2)
        person = rng.choice(g.people)
        day = start + timedelta(days=rng.randrange(days))
        topics = rng.sample(TOPICS, 2)
        headline = (f"{c1[0][0].upper() + c1[0][1:]} {rng.choice(VERBS)} {topics[0]} "
                    f"with {c2[0]}")
        paras = []
        for p in range(rng.randint(4, 11)):
            sents = [g.sentence(c1, c2, person if rng.random() < 0.6 else rng.choice(g.people),
                                topics)
                     for _ in range(rng.randint(2, 4))]
            para = " ".join(sents)
            if i % 2:  # half the articles write two states as acronyms (no random draw)
                para = para.replace("the United States", "the US").replace("Britain", "the UK")
            if p == 0:
                para = f"{c1[2].upper()}: " + para
            paras.append(para)
        yield {
            "id": f"synthetic-{seed}-{i:07d}",
            "headline": headline,
            "publication": pub,
            "published": day.isoformat(),
            "url": f"https://{domain}/{day:%Y/%m/%d}/{i}",
            "language": lang,
            "text": "\n\n".join(paras),
        }


def queries(n: int = 100, *, seed: int = 0) -> list[tuple[str, str, dict]]:
    """``n`` varied search queries as (query, "rare"|"common", filters).

    Common ones use frequent words, countries and phrases; rare ones use words from
    the tail of the vocabulary, people's names and unusual combinations.  About a
    quarter carry a filter (date range, publication or language).
    """
    rng = random.Random(seed + 7)
    words, _ = _vocabulary(random.Random(seed + 1))
    out: list[tuple[str, str, dict]] = []
    for i in range(n):
        if i % 2 == 0:
            kind = "common"
            q = rng.choice([
                lambda: rng.choice(COMMON[40:]),
                lambda: rng.choice(COUNTRIES)[0].replace("the ", ""),
                lambda: f'"{rng.choice(TOPICS)}"',
                lambda: f"{rng.choice(COUNTRIES)[2]} {rng.choice(COMMON[40:])}",
                lambda: f"{rng.choice(COUNTRIES)[1]} OR {rng.choice(COUNTRIES)[1]}",
                lambda: "US-Japan" if rng.random() < 0.5 else "North Korea's",
            ])()
        else:
            kind = "rare"
            q = rng.choice([
                lambda: words[rng.randrange(20_000, len(words))],
                lambda: f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                lambda: f"{words[rng.randrange(3_000, 10_000)]} {rng.choice(COUNTRIES)[2]}",
                lambda: f"{words[rng.randrange(8_000, len(words))][:7]}*",
                lambda: "Kim Jong-un -Japan",
            ])()
        filters: dict = {}
        r = rng.random()
        if r < 0.1:
            y = rng.randint(2018, 2023)
            filters = {"since": f"{y}-01-01", "until": f"{y}-06-30"}
        elif r < 0.2:
            filters = {"publication": rng.choice(PUBLICATIONS)[0]}
        elif r < 0.25:
            filters = {"language": "en"}
        out.append((q, kind, filters))
    return out


def newsstand_text(rec: dict) -> str:
    """A record rendered in the newsstand text format (publication, headline, separator)."""
    return f"{rec['publication']}\n\n{rec['headline']}\n\n-\n\n{rec['text']}\n"


def write_jsonl(path: str, n: int, *, seed: int = 0) -> int:
    """Write ``n`` records to ``path`` (gzip when it ends in .gz); returns bytes written."""
    opener = gzip.open if path.endswith(".gz") else open
    size = 0
    with opener(path, "wt", encoding="utf-8", **({"compresslevel": 1} if path.endswith(".gz")
                                                  else {})) as fh:
        for rec in articles(n, seed=seed):
            line = json.dumps(rec, ensure_ascii=False) + "\n"
            size += len(line)
            fh.write(line)
    return size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", help="JSON Lines file to write (.gz: compressed)")
    ap.add_argument("--newsstand", metavar="DIR", help="write one newsstand .txt file per article")
    args = ap.parse_args()
    if args.newsstand:
        os.makedirs(args.newsstand, exist_ok=True)
        for rec in articles(args.n, seed=args.seed):
            with open(os.path.join(args.newsstand, rec["id"] + ".txt"), "w", encoding="utf-8") as fh:
                fh.write(newsstand_text(rec))
    elif args.out:
        print(f"wrote {write_jsonl(args.out, args.n, seed=args.seed):,} bytes of JSON Lines")
    else:
        for rec in articles(args.n, seed=args.seed):
            print(json.dumps(rec, ensure_ascii=False))


if __name__ == "__main__":
    main()
