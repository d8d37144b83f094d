"""Explorer latency on a large knowledge base: p95 over 50 requests per page type.

Pages: home (by publication or arrival, "since" a moment), search, article, actor
(a third of them "since" a moment), dyad, network, and the working lists /events,
/quotes and /actors with filters, words, sort columns and later pages.  A moment of
"since my last visit" is drawn from the newest tenth of the arrivals (articles
arrive four a second in the synthetic knowledge base).

    python benchmarks/web.py                       # build /tmp/newsgraph-web-bench.db (100,000 articles) once, then measure
    python benchmarks/web.py --articles 20000 --db /tmp/small.db
    python benchmarks/web.py --rebuild             # build the knowledge base again

The knowledge base is synthetic: articles with actors, mentions, quotes and
events written straight into the knowledge base's tables (running the NLP pipeline over
100,000 articles would take hours on a laptop, and the explorer only reads
rows).  Actors are drawn from a Zipf-like distribution, as in news, so a few
actors (the big countries) appear in a large share of articles.

Requests go over HTTP to uvicorn on 127.0.0.1 in this process (one server
thread); each page type gets 50 requests with varied ids and parameters:
articles at random, actors and dyads drawn the way a reader meets them (a
random event's participants, so heavy actors come up often), searches for
words of varied frequency with and without facet filters, and network views
with random type and date filters.  Prints one line per page type:
median, p95 and max in milliseconds, and the 200 ms target.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import sqlite3
import statistics
import sys
import threading
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsgraph.models import EVENT_TYPES, QUAD_CLASS  # noqa: E402
from newsgraph import KnowledgeBase  # noqa: E402

TARGET_MS = 200.0


# -- a synthetic knowledge base -------------------------------------------------

def _vocabulary(rng: random.Random, n: int = 3000) -> list[str]:
    syll = ["ka", "to", "ri", "men", "sa", "lo", "ver", "dan", "pe", "qui", "ras", "tel",
            "mo", "nu", "bar", "ste", "gi", "fon", "lu", "dre"]
    words = set()
    while len(words) < n:
        words.add("".join(rng.choice(syll) for _ in range(rng.randint(1, 3))))
    return sorted(words)


def _zipf_weights(n: int, s: float = 1.1) -> list[float]:
    return [1.0 / (i + 1) ** s for i in range(n)]


def build(path: Path, n_articles: int, *, seed: int = 42) -> None:
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    vocab_w = _zipf_weights(len(vocab), 1.0)
    countries = [f"{a}{b}{c}" for a in "ABCDEFGHIJ" for b in "KLM" for c in "NOP"][:80]
    actors = [(c, f"Country {c.title()}", "country", c) for c in countries]
    for i in range(3000):
        c = rng.choice(countries)
        actors.append((f"person:p{i}", f"{rng.choice(vocab).title()} {rng.choice(vocab).title()}",
                       "person", c))
    for i in range(600):
        actors.append((f"org:o{i}", f"{rng.choice(vocab).title()} Agency", "organization",
                       rng.choice(countries)))
    order = list(range(len(actors)))
    rng.shuffle(order)
    # countries first in popularity, then people and organisations mixed
    order = list(range(80)) + [i for i in order if i >= 80]
    actors = [actors[i] for i in order]
    actor_w = _zipf_weights(len(actors), 1.05)
    pubs = [(f"The {rng.choice(vocab).title()} {rng.choice(['Times', 'Post', 'Herald', 'Daily'])}",
             rng.choice(["GB", "US", "JP", "TH", "IN", "AU", "CA", "SG"])) for _ in range(40)]
    pub_w = _zipf_weights(len(pubs), 0.8)
    start = date(2019, 1, 1)
    span = (date(2024, 12, 31) - start).days
    path.unlink(missing_ok=True)
    kb = KnowledgeBase(str(path))
    c = kb.conn
    c.execute("PRAGMA synchronous = OFF")  # a throw-away benchmark file
    arrival = datetime(2025, 1, 1, tzinfo=timezone.utc)  # four articles arrive a second
    t0 = time.perf_counter()
    for first in range(0, n_articles, 2000):
        arts, aas, mens, roles, quotes, events, eas = [], [], [], [], [], [], []
        ev_id = c.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0]
        for k in range(first, min(n_articles, first + 2000)):
            aid = f"a{k:07d}"
            published = (start + timedelta(days=rng.randrange(span))).isoformat()
            cast = []
            for idx in rng.choices(range(len(actors)), actor_w, k=rng.randint(3, 8)):
                if actors[idx] not in cast:
                    cast.append(actors[idx])
            parts: list[str] = []
            pos = 0
            spans: dict[str, list[tuple[int, int]]] = {a[0]: [] for a in cast}
            sentences: list[tuple[int, int]] = []
            for _ in range(rng.randint(8, 16)):
                s0 = pos
                words = rng.choices(vocab, vocab_w, k=rng.randint(10, 22))
                actor = rng.choice(cast)
                cut = rng.randrange(len(words))
                before = " ".join(words[:cut])
                piece = (before + " " if before else "").capitalize()
                m0 = pos + len(piece)
                piece += actor[1] + " " + " ".join(words[cut:]) + ". "
                spans[actor[0]].append((m0, m0 + len(actor[1])))
                parts.append(piece)
                pos += len(piece)
                sentences.append((s0, pos - 1))
            headline = " ".join(rng.choices(vocab, vocab_w, k=7)).capitalize()
            body = "".join(parts)
            text = headline + "\n\n" + body
            off = len(headline) + 2
            pub, ctry = rng.choices(pubs, pub_w)[0]
            now = (arrival + timedelta(seconds=k // 4)).isoformat(timespec="seconds")
            arts.append((aid, f"{k:064x}", "text", pub, "en", ctry, published, headline, text,
                         json.dumps([[off, len(text)]]), now))
            for a in cast:
                ms = spans[a[0]]
                aas.append((aid, a[0], a[1], a[2], a[3], len(ms)))
                mens.extend((aid, a[0], s + off, e + off, a[1]) for s, e in ms)
                if a[2] == "person" and rng.random() < 0.5:
                    roles.append((a[0], "minister", a[3], aid, published))
            for q in range(rng.randint(0, 4)):
                s0, s1 = sentences[rng.randrange(len(sentences))]
                speaker = rng.choice(cast)
                about = [x[0] for x in rng.sample(cast, min(2, len(cast)))]
                quotes.append((aid, q + 1, s0 + off, s1 + off, text[s0 + off:s1 + off], "indirect",
                               speaker[0], speaker[1], json.dumps(about), published))
            for e in range(rng.randint(0, 6) if len(cast) > 1 else 0):
                s0, s1 = sentences[rng.randrange(len(sentences))]
                src, tgt = rng.sample(cast, 2)
                typ = rng.choice(EVENT_TYPES)
                ev_id += 1
                events.append((ev_id, aid, e + 1, typ, QUAD_CLASS[typ], json.dumps([src[0]]),
                               json.dumps([tgt[0]]), "asserted", published, "said",
                               s0 + off, s0 + off + 4, s0 + off, s1 + off, published))
                eas.append((ev_id, src[0], "source"))
                eas.append((ev_id, tgt[0], "target"))
        with kb.transaction():
            c.executemany("INSERT INTO articles (id, sha256, source_format, publication, language, "
                          "country, published, headline, text, paragraphs, ingested_at) "
                          "VALUES (?,?,?,?,?,?,?,?,?,?,?)", arts)
            c.executemany("INSERT INTO article_actors (article_id, actor_id, name, kind, country, "
                          "n_mentions) VALUES (?,?,?,?,?,?)", aas)
            c.executemany('INSERT INTO mentions (article_id, actor_id, start, "end", text) '
                          "VALUES (?,?,?,?,?)", mens)
            c.executemany("INSERT INTO actor_roles (actor_id, role, country, article_id, seen) "
                          "VALUES (?,?,?,?,?)", roles)
            c.executemany('INSERT INTO quotes (article_id, seq, start, "end", text, kind, '
                          "speaker_actor, speaker_name, about, published) VALUES (?,?,?,?,?,?,?,?,?,?)",
                          quotes)
            c.executemany("INSERT INTO events (id, article_id, seq, type, quad, source, target, "
                          "modality, date, trigger, trigger_start, trigger_end, sentence_start, "
                          "sentence_end, published) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", events)
            c.executemany("INSERT INTO event_actors (event_id, actor_id, role) VALUES (?,?,?)", eas)
    c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    kb.close()
    print(f"built {path} with {n_articles:,} articles in {time.perf_counter() - t0:.0f} s "
          f"({path.stat().st_size / 1e6:.0f} MB)", flush=True)


# -- requests -------------------------------------------------------------------

def _urls(path: Path, n: int, rng: random.Random) -> dict[str, list[str]]:
    from urllib.parse import quote, urlencode

    c = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    max_rowid = c.execute("SELECT max(rowid) FROM articles").fetchone()[0]
    max_event = c.execute("SELECT max(id) FROM events").fetchone()[0]

    def rand_article() -> str:
        while True:
            row = c.execute("SELECT id, text FROM articles WHERE rowid = ?",
                            (rng.randint(1, max_rowid),)).fetchone()
            if row:
                return row

    def rand_event() -> tuple[str, str]:
        while True:
            rows = c.execute("SELECT actor_id, role FROM event_actors WHERE event_id = ?",
                             (rng.randint(1, max_event),)).fetchall()
            roles = dict((r, a) for a, r in rows)
            if "source" in roles and "target" in roles:
                return roles["source"], roles["target"]

    first, last = c.execute("SELECT min(published), max(published) FROM articles").fetchone()
    pubs = [r[0] for r in c.execute("SELECT DISTINCT publication FROM articles LIMIT 40")]
    d0 = date.fromisoformat(first)
    days = (date.fromisoformat(last) - d0).days
    urls: dict[str, list[str]] = {k: [] for k in
                                  ("home", "search", "article", "actor", "dyad", "network",
                                   "events", "quotes", "actors")}
    def rand_arrival() -> str:
        """A moment of "since my last visit": among the newest tenth of the arrivals."""
        while True:
            row = c.execute("SELECT ingested_at FROM articles WHERE rowid = ?",
                            (rng.randint(max_rowid * 9 // 10, max_rowid),)).fetchone()
            if row:
                return row[0]
    for i in range(n):
        home: dict[str, str] = {}
        if i % 3 == 1:
            home["sort"] = "arrived"
        if i % 3 == 2:
            home["arrived_since"] = rand_arrival()
        if i % 4 == 3:
            home["page"] = str(rng.randint(2, 20))
        urls["home"].append("/" + ("?" + urlencode(home) if home else ""))
        aid, text = rand_article()
        urls["article"].append(f"/articles/{quote(aid, safe='')}")
        words = text.split()
        w = rng.choice(words).strip(".").lower()
        params = {"q": w}
        if i % 3 == 1:
            params["q"] = f"{w} {rng.choice(words).strip('.').lower()}"
        if i % 4 == 2:
            params["publication"] = rng.choice(pubs)
        if i % 5 == 3:
            params["page"] = str(rng.randint(2, 5))
        if i % 6 == 5:
            params["order"] = "arrived"
        if i % 6 == 4:
            params["arrived_since"] = rand_arrival()
        urls["search"].append("/search?" + urlencode(params))
        src, tgt = rand_event()
        since = f"?{urlencode({'arrived_since': rand_arrival()})}" if i % 3 == 1 else ""
        urls["actor"].append(f"/actors/{quote(rng.choice((src, tgt)), safe='')}{since}")
        urls["dyad"].append(f"/dyads/{quote(src, safe='')}/{quote(tgt, safe='')}")
        net: list[tuple[str, str]] = []
        if i % 2:
            net += [("type", t) for t in rng.sample(EVENT_TYPES, rng.randint(1, 4))]
        if i % 3:
            a = d0 + timedelta(days=rng.randrange(days))
            b = a + timedelta(days=rng.choice([7, 30, 90, 365]))
            net += [("since", a.isoformat()), ("until", b.isoformat())]
        urls["network"].append("/network" + ("?" + urlencode(net) if net else ""))
        # the working lists: filters, a sort column now and then, a later page
        ev: list[tuple[str, str]] = []
        if i % 4 == 1:
            ev.append((rng.choice(("source", "target", "actor")), rng.choice((src, tgt))))
        if i % 4 == 2:
            ev += [("type", t) for t in rng.sample(EVENT_TYPES, rng.randint(1, 3))]
            a = d0 + timedelta(days=rng.randrange(days))
            ev += [("since", a.isoformat()), ("until", (a + timedelta(days=90)).isoformat())]
        if i % 4 == 3:
            ev.append(("text", w))
        if i % 5 == 4:
            ev.append(("sort", rng.choice(("type", "-arrived", "publication", "day"))))
        if i % 3 == 2:
            ev.append(("page", str(rng.randint(2, 4))))
        urls["events"].append("/events" + ("?" + urlencode(ev) if ev else ""))
        qs: list[tuple[str, str]] = []
        if i % 4 == 1:
            qs.append((rng.choice(("speaker", "about")), rng.choice((src, tgt))))
        if i % 4 == 2:
            qs.append(("publication", rng.choice(pubs)))
        if i % 4 == 3:
            qs.append(("text", w))
        if i % 5 == 4 and not any(k == "about" for k, _ in qs):  # about: nearest first
            qs.append(("sort", rng.choice(("speaker", "-arrived", "kind"))))
        if i % 3 == 2:
            qs.append(("page", str(rng.randint(2, 4))))
        urls["quotes"].append("/quotes" + ("?" + urlencode(qs) if qs else ""))
        urls["actors"].append("/actors" + (f"?page={rng.randint(2, 9)}" if i % 2 else ""))
    c.close()
    return urls


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure(path: Path, n: int, *, seed: int = 7, json_twins: bool = False) -> int:
    import httpx
    import uvicorn

    from newsgraph.web import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(path), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    rng = random.Random(seed)
    urls = _urls(path, n, rng)
    worst = 0.0
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            client.get("/")  # warm the connection and the page cache
            for page, page_urls in urls.items():
                for suffix in ([""] + ([".json"] if json_twins else [])):
                    times = []
                    for url in page_urls:
                        if suffix:
                            p, _, q = url.partition("?")
                            url = ("/index" if p == "/" else p) + ".json" + ("?" + q if q else "")
                        t = time.perf_counter()
                        r = client.get(url)
                        times.append((time.perf_counter() - t) * 1000)
                        if r.status_code != 200:
                            raise SystemExit(f"{url}: HTTP {r.status_code}\n{r.text[:500]}")
                    times.sort()
                    p95 = times[max(0, int(round(0.95 * len(times))) - 1)]
                    worst = max(worst, p95)
                    name = page + (" (json)" if suffix else "")
                    print(f"{name:16s} n={len(times):3d}  median {statistics.median(times):7.1f} ms"
                          f"  p95 {p95:7.1f} ms  max {times[-1]:7.1f} ms  "
                          f"{'ok' if p95 <= TARGET_MS else 'OVER'} (target p95 <= {TARGET_MS:.0f} ms)",
                          flush=True)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    return 0 if worst <= TARGET_MS else 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, default=Path("/tmp/newsgraph-web-bench.db"))
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=50)
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--json", action="store_true", help="also time every page's .json twin")
    args = ap.parse_args(argv)
    if args.rebuild or not args.db.exists():
        build(args.db, args.articles)
    else:
        KnowledgeBase(str(args.db)).close()  # migrate a file built by an older newsgraph
    n = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True).execute(
        "SELECT count(*) FROM articles").fetchone()[0]
    print(f"knowledge base {args.db}: {n:,} articles; {args.requests} requests per page type")
    return measure(args.db, args.requests, json_twins=args.json)


if __name__ == "__main__":
    sys.exit(main())
