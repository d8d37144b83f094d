"""A hostile audit: bad input, kills, Dask faults, web abuse and fuzzing; prints a table of
trials and failures, one line per failure.

    python benchmarks/audit.py                      # every part (several minutes)
    python benchmarks/audit.py --parts input,web --kills 5 --fuzz 200

- **input**: hostile files (empty, binary, random bytes, names that are not UTF-8, a FIFO,
  lone surrogates, wrong-typed fields, oversized records, truncated gzip, deep pages, an
  article over spaCy's 1,000,000 characters with ``--long``...), each read among good
  files by ``ingest`` (one process, ``-w 2``, ``--no-analysis``), ``analyze`` and
  ``batch``.  A trial fails on a traceback, a failure line without a code, a good file not
  stored, or an exit status other than 0 or 1.
- **kills**: SIGKILL of ``ingest`` (one process, ``--batch-size 10``; ``-w 2``) at a
  random moment.  A trial fails when the file is not valid, a rerun does not give the
  clean run's counts, or a process of the killed run is alive 10 s later.
- **dask**: a worker killed during ``batch`` (no shard lost or doubled), a cluster whose
  workers cannot start (one coded line), ``batch`` itself killed (no process left).
- **web**: stored XSS, write methods, path traversal, costly searches, concurrent clients
  against ``newsgraph serve``.  A trial fails on a 5xx, markup echoed unescaped, a write
  accepted, a file outside the static folder served, or a costly search not refused.
- **fuzz**: ``tests/test_fuzz.py`` with ``NEWSGRAPH_FUZZ`` random examples per test.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))

NG = [sys.executable, "-m", "newsgraph"]
TABLES = ("articles", "mentions", "quotes", "events")
GOOD = ["Port talks resume\n\nJapan and Australia resumed port talks in Canberra on Monday, "
        "officials said.\n",
        "Fishing deal\n\nChile and Peru signed a fishing agreement on Tuesday.\n",
        "Envoy summoned\n\nNorway summoned the Chilean ambassador over the salmon dispute.\n"]


class Tally:
    def __init__(self) -> None:
        self.rows: dict[str, list[int]] = {}
        self.notes: list[str] = []
        self.info: list[str] = []

    def add(self, part: str, ok: bool, note: str = "") -> None:
        row = self.rows.setdefault(part, [0, 0])
        row[0] += 1
        if not ok:
            row[1] += 1
            self.notes.append(f"{part}: {note}")

    def table(self) -> str:
        out = ["| area | trials | failures |", "|---|---|---|"]
        out += [f"| {k} | {t} | {f} |" for k, (t, f) in self.rows.items()]
        return "\n".join(out + [f"  {n}" for n in self.info]
                         + [f"  FAILED {n}" for n in self.notes])


def run(args, timeout=600, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*NG, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, errors="backslashreplace", **kw)


def outlived(pgid: int, grace: float, poll: float) -> list[int]:
    """The pids of the group still alive ``grace`` seconds after its leader was killed (each
    then killed): ``tests/test_crash.py``'s check."""
    from test_crash import outlived as members

    return [pid for pid, _ in members(pgid, grace, poll)]


def count(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        conn.close()


# -- bad input -------------------------------------------------------------------------------

def hostile_files(folder: Path, long: bool) -> dict[str, Path | None]:
    """name -> the file (None: made in place, like a FIFO)."""
    rnd = random.Random(1)
    files: dict[str, bytes] = {
        "empty.txt": b"", "spaces.txt": b"   \n\n ", "nul.txt": b"\0" * 500,
        "pdf.txt": b"%PDF-1.7\n" + bytes(rnd.randrange(256) for _ in range(2000)),
        "random.txt": bytes(rnd.randrange(256) for _ in range(20_000)),
        "high-bytes.txt": bytes(rnd.randrange(0x80, 0x100) for _ in range(20_000)),
        "cp1252.txt": "Titre\n\nLe ministre a déclaré à Genève que c'était fini.\n".encode("cp1252"),
        "utf16.txt": "Headline\n\nJapan praised Chile.\n".encode("utf-16"),
        "bad-bom.txt": b"\xff\xfe" + b"\x00\xd8" * 50,
        "truncated.txt.gz": gzip.compress(GOOD[0].encode())[:30],
        "surrogates.jsonl": b'{"id": "s1", "text": "Japan\\ud800 praised Chile."}\n'
                            b'{"id": "s2\\udfff", "text": "Peru\\udc00 praised Chile."}\n',
        "typed.jsonl": json.dumps({"id": "t1", "text": "Chile praised Peru.", "publication": ["x"],
                                   "headline": {"a": 1}, "published": [2024]}).encode() + b"\n",
        "not-json.jsonl": b'{"id": "x", "text": \n[1, 2]\n"str"\n{"id": 5}\n',
        "huge-record.jsonl": json.dumps({"id": "h", "text": "word " * 900_000}).encode() + b"\n",
        "bad.csv": b'id,text\n1,"unclosed\n2,a,b,c\n',
        "no-text.csv": b"id,body\n1,x\n",
        "array.json": json.dumps([{"id": "j1", "text": "Chile praised Peru."}, 5, None]).encode(),
        "deep.html": ("<html><head><title>Deep</title></head><body>" + "<div>" * 400 + "<p>" +
                      "Japan and Australia resumed port talks in Canberra on Monday. " * 4 +
                      "</p>" + "</div>" * 400 + "</body></html>").encode(),
        "no-article.html": b"<html><body><nav>Home | News</nav></body></html>",
        "script.html": b"<html><body><script>" + b"var a=1;" * 5000 + b"</script></body></html>",
        os.fsdecode(b"name-\xff\xfe.txt"): GOOD[1].encode(),
        "controls.txt": b"Head\n\n" + b"\x1b[31mJapan\x07 praised \x0bChile.\n" * 3,
        "bidi.txt": "Head\n\n\u202eJapan praised Chile.\u202c\n".encode(),
    }
    if long:
        para = "The minister said the talks in Canberra would resume on Monday. " * 12
        files["long.txt"] = ("Long report\n\n" + "\n\n".join([para] * 1400)).encode()
    out: dict[str, Path | None] = {}
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        out[name] = path
    os.mkfifo(folder / "fifo.txt")
    out["fifo.txt"] = None
    return out


def _judge(tally: Tally, part: str, p: subprocess.CompletedProcess, what: str,
           stored: int | None = None, expect: int | None = None) -> None:
    problems = []
    if "Traceback" in p.stderr:
        problems.append("traceback: " + p.stderr.strip().splitlines()[-1][:200])
    for line in p.stderr.splitlines():
        if ": [" not in line and line.startswith(("/", "<")) and "newsgraph" not in line[:10]:
            problems.append(f"uncoded line {line[:120]!r}")
    if p.returncode not in (0, 1):
        problems.append(f"exit {p.returncode}")
    if expect is not None and stored != expect:
        problems.append(f"stored {stored}, expected {expect}")
    tally.add(part, not problems, f"{what}: {'; '.join(problems)}")


def audit_input(tally: Tally, tmp: Path, long: bool) -> None:
    bad = tmp / "bad"
    bad.mkdir()
    files = hostile_files(bad, long)
    good = tmp / "good"
    good.mkdir()
    for i, text in enumerate(GOOD):
        (good / f"good-{i}.txt").write_text(text, encoding="utf-8")
    for name, path in files.items():
        case = tmp / f"case-{len(list(tmp.iterdir()))}"
        case.mkdir()
        for f in good.iterdir():
            shutil.copy(f, case / f.name)
        if path is None:
            os.mkfifo(case / name)
        else:
            shutil.copy(path, case / name)
        for mode in (["--no-analysis"], []):
            db = case / f"kb{len(mode)}.db"
            p = run(["ingest", str(case), "--db", str(db), *mode], timeout=900)
            _judge(tally, "bad input: ingest", p, f"{name} {' '.join(mode) or '(analysed)'}",
                   _good_stored(db), len(GOOD))
        if path is not None:
            p = run(["analyze", str(case / name), "--format", "jsonl"], timeout=900)
            _judge(tally, "bad input: analyze", p, name)
    every = tmp / "every"  # all of them at once, among the good files
    shutil.copytree(bad, every, ignore=lambda d, names: ["fifo.txt"])
    os.mkfifo(every / "fifo.txt")
    for f in good.iterdir():
        shutil.copy(f, every / f.name)
    for mode in (["-w", "2"], [], ["--no-analysis"]):
        db = tmp / f"every{len(mode)}.db"
        p = run(["ingest", str(every), "--db", str(db), *mode], timeout=1800)
        _judge(tally, "bad input: ingest", p, f"every file {' '.join(mode) or '(analysed)'}",
               _good_stored(db), len(GOOD))
    if _has_dask():
        p = run(["batch", str(bad), str(good), "--out", str(tmp / "batch"), "--local-cluster",
                 "2", "--quiet"], timeout=1200)
        _judge(tally, "bad input: batch + load", p, "batch of every hostile file")
        p = run(["load", str(tmp / "batch"), "--db", str(tmp / "batch.db")])
        _judge(tally, "bad input: batch + load", p, "load", _good_stored(tmp / "batch.db"),
               len(GOOD))


def _good_stored(db: Path) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(db)
    try:
        return sum(conn.execute("SELECT count(*) FROM articles WHERE text LIKE ?",
                                (f"%{t.splitlines()[2][:40]}%",)).fetchone()[0] > 0
                   for t in GOOD)
    finally:
        conn.close()


def _has_dask() -> bool:
    try:
        import distributed  # noqa: F401
        return True
    except ImportError:
        return False


# -- kills ------------------------------------------------------------------------------------

def audit_kills(tally: Tally, tmp: Path, kills: int) -> None:
    from scale_corpus import write_corpus

    src = tmp / "corpus"
    write_corpus(src, 400)
    clean_db = tmp / "clean.db"
    run(["ingest", str(src), "--db", str(clean_db), "--quiet"])
    clean = count(clean_db)
    rnd = random.Random()
    for i in range(kills):
        mode = ["-w", "2"] if i % 2 else ["--batch-size", "10"]
        db = tmp / f"killed-{i}.db"
        proc = subprocess.Popen([*NG, "ingest", str(src), "--db", str(db), "--quiet", *mode],
                                cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        delay = rnd.uniform(0.5, 12.0)
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        left = outlived(proc.pid, 10, 0.25)
        problems = [f"{len(left)} processes alive 10 s later"] if left else []
        if db.exists():
            conn = sqlite3.connect(db)
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
            conn.close()
            if ok != "ok":
                problems.append(f"integrity {ok}")
        run(["ingest", str(src), "--db", str(db), "--quiet"])
        if count(db) != clean:
            problems.append(f"rerun {count(db)} != clean {clean}")
        tally.add("kills (SIGKILL of ingest)", not problems,
                  f"{' '.join(mode)} at {delay:.1f}s: {'; '.join(problems)}")


# -- Dask faults --------------------------------------------------------------------------------

def audit_dask(tally: Tally, tmp: Path, rounds: int) -> None:
    if not _has_dask():
        return
    from scale_corpus import write_corpus

    src = tmp / "dask-in"
    write_corpus(src, 240)
    for i in range(rounds):  # a worker killed while it runs shards
        out = tmp / f"dask-out-{i}"
        proc = subprocess.Popen([*NG, "batch", str(src), "--out", str(out), "--local-cluster",
                                 "2", "--shard-size", "20", "--quiet"], cwd=ROOT,
                                start_new_session=True, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        victim = _wait_for_worker(proc.pid, timeout=120)
        time.sleep(random.uniform(2, 8))
        if victim and proc.poll() is None:
            os.kill(victim, signal.SIGKILL)
        try:
            _, err = proc.communicate(timeout=900)
        except subprocess.TimeoutExpired:
            proc.kill()
            err = "timed out"
        manifest = json.loads((out / "manifest.json").read_text()) if (out / "manifest.json"
                                                                          ).exists() else {}
        db = tmp / f"dask-{i}.db"
        run(["load", str(out), "--db", str(db)])
        n = count(db)["articles"] if db.exists() else 0
        problems = []
        if "Traceback" in err:  # Dask's own log of the dead worker; newsgraph went on
            tb = err[err.index("Traceback"):].splitlines()
            tally.info.append(f"dask round {i}: Dask logged a traceback ending "
                              f"{next((x for x in tb[1:] if not x.startswith(' ')), '')[:150]!r}")
        if manifest.get("n_articles") != 240 or n != 240:
            problems.append(f"manifest {manifest.get('n_articles')}, loaded {n} of 240")
        tally.add("dask: worker killed in batch", not problems,
                  f"victim {victim}: {'; '.join(problems)}")
    boom = tmp / "boom_preload.py"
    boom.write_text("import os\n\ndef dask_setup(worker):  # the worker dies as it starts\n"
                    "    os._exit(3)\n")
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__PRELOAD": json.dumps([str(boom)])}
    p = run(["batch", str(src), "--out", str(tmp / "dask-boom"), "--local-cluster", "2"],
            env=env, timeout=300)
    tally.add("dask: workers die as the cluster starts", "Traceback" not in p.stderr
              and "[E614]" in p.stderr and p.returncode == 1, p.stderr.strip()[-300:])
    proc = subprocess.Popen([*NG, "batch", str(src), "--out", str(tmp / "dask-killed"),
                             "--local-cluster", "2", "--shard-size", "20", "--quiet"], cwd=ROOT,
                            start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _wait_for_worker(proc.pid, timeout=120)
    time.sleep(3)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    left = outlived(proc.pid, 30, 0.5)
    tally.add("dask: batch itself killed", not left, f"{len(left)} processes alive 30 s later")


def _wait_for_worker(pgid: int, timeout: float) -> int | None:
    """A Dask worker process of the group (a child of a nanny), once one runs."""
    from test_crash import group_members as members

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        procs = members(pgid)
        workers = [pid for pid, cmd in procs if "spawn" in cmd or "forkserver" in cmd]
        if len(workers) >= 2:
            return workers[-1]
        time.sleep(0.5)
    return None


# -- web abuse ------------------------------------------------------------------------------------

XSS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "javascript:alert(1)",
       "</title><script>x</script>", "<svg onload=alert(1)>", "'-alert(1)-'"]


def audit_web(tally: Tally, tmp: Path, clients: int, requests: int) -> None:
    corpus = tmp / "web.jsonl"
    with open(corpus, "w", encoding="utf-8") as f:
        for i, x in enumerate(XSS):
            f.write(json.dumps({"id": f"x{i}/{x}", "headline": x, "publication": x,
                                "url": x, "text": f"{x} Japan praised Chile {x}."}) + "\n")
        for i in range(60):
            f.write(json.dumps({"id": f"wire/{i}", "text": f"Story {i}: Chile and Peru held "
                                f"labour talks on item {i}.", "published": "2024-01-02"}) + "\n")
    db = tmp / "web.db"
    run(["ingest", str(corpus), "--db", str(db), "--quiet"])
    port = _free_port()
    server = subprocess.Popen([*NG, "serve", "--db", str(db), "--port", str(port)], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/index.json", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        from urllib.parse import quote, urlencode

        def get(path, method="GET"):
            req = urllib.request.Request(base + path, method=method)
            t0 = time.perf_counter()
            try:
                with urllib.request.urlopen(req, timeout=60) as r:
                    return r.status, r.read().decode("utf-8", "replace"), time.perf_counter() - t0
            except urllib.error.HTTPError as e:
                return e.code, e.read().decode("utf-8", "replace"), time.perf_counter() - t0

        pages = ["/", "/search?" + urlencode({"q": "Japan"}), "/network"]
        for x in XSS:
            pages += ["/search?" + urlencode({"q": x}), "/search?" + urlencode({"publication": x}),
                      "/articles/" + quote(x, safe=""), "/actors/" + quote(x, safe=""),
                      "/dyads/" + quote(x, safe="") + "/USA", "/network?" + urlencode({"type": x})]
        pages += ["/articles/" + quote(f"x{i}/{x}", safe="") for i, x in enumerate(XSS)]
        for path in pages:
            status, body, _ = get(path)
            raw = [x for x in XSS if x in body and x.startswith("<")]
            tally.add("web: stored and reflected XSS", status < 500 and not raw
                      and not re.search(r"<script", body, re.I),
                      f"{path}: {status} {raw}")
        for method in ("POST", "PUT", "DELETE", "PATCH", "OPTIONS"):
            for path in ("/", "/search", "/articles/wire%2F1", "/static/style.css"):
                status, body, _ = get(path, method)
                tally.add("web: write methods", status == 405, f"{method} {path}: {status}")
        for path in ("/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
                     "/static/..%2f..%2fpyproject.toml", "/articles/..%2f..%2fetc%2fpasswd",
                     "/%2e%2e/%2e%2e/etc/passwd", "/static//etc/passwd", "/static/%00"):
            status, body, _ = get(path)
            tally.add("web: path traversal", status in (400, 404) and "root:" not in body
                      and "[project]" not in body, f"{path}: {status}")
        costly = [" OR ".join(f"w{i}*" for i in range(520)),
                  " OR ".join(f"w{i}*" for i in range(2000)), "labour " * 4000,
                  " ".join(f"a{i}*" for i in range(8)) + " " + "x " * 56]
        for q in costly:
            for fts in ("", "1"):
                status, body, secs = get("/search.json?" + urlencode({"q": q, "fts": fts}))
                tally.add("web: costly searches", status in (200, 400) and secs < 12,
                          f"{len(q)} chars fts={fts}: {status} in {secs:.1f}s")
        latencies: list[float] = []
        errors: list[str] = []
        paths = ["/", "/search?q=labour", "/search?q=Chile+OR+Peru", "/articles/wire%2F3",
                 "/network", "/search.json?q=talks&since=2024", "/actors/CHL"]

        def client(k: int) -> None:
            for j in range(requests):
                status, _, secs = get(paths[(k + j) % len(paths)])
                latencies.append(secs)
                if status >= 500:
                    errors.append(f"{status}")

        threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        latencies.sort()
        p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0
        for _ in latencies:
            tally.rows.setdefault("web: concurrent clients", [0, 0])[0] += 1
        tally.rows["web: concurrent clients"][1] += len(errors)
        tally.info.append(f"concurrent: {len(latencies)} requests from {clients} clients, "
                           f"p95 {p95 * 1000:.0f} ms, {len(errors)} errors")
    finally:
        server.terminate()
        server.wait()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- fuzzing --------------------------------------------------------------------------------------

def audit_fuzz(tally: Tally, examples: int) -> None:
    env = {**os.environ, "NEWSGRAPH_FUZZ": str(examples)}
    p = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                        "tests/test_fuzz.py", "--hypothesis-show-statistics"], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=3600)
    for name, body in re.findall(r"tests/test_fuzz.py::(\w+):\n(.*?)(?=\ntests/|\Z)", p.stdout,
                                 re.S):
        passing = sum(int(n) for n in re.findall(r"(\d+) passing", body))
        failing = sum(int(n) for n in re.findall(r"(\d+) failing", body))
        tally.rows[f"fuzz: {name[10:]}"] = [passing + failing, failing]
    if p.returncode:
        tally.notes.append("fuzz: " + p.stdout[-2000:])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--parts", default="input,kills,dask,web,fuzz")
    ap.add_argument("--kills", type=int, default=12)
    ap.add_argument("--dask-rounds", type=int, default=3)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=100)
    ap.add_argument("--fuzz", type=int, default=500)
    ap.add_argument("--long", action="store_true",
                    help="add an article over spaCy's 1,000,000 characters (about 80 s a read)")
    args = ap.parse_args()
    tally = Tally()
    parts = args.parts.split(",")
    with tempfile.TemporaryDirectory(prefix="ng-audit-") as d:
        tmp = Path(d)
        for part, fn in (("input", lambda: audit_input(tally, tmp / "input", args.long)),
                         ("kills", lambda: audit_kills(tally, tmp / "kills", args.kills)),
                         ("dask", lambda: audit_dask(tally, tmp / "dask", args.dask_rounds)),
                         ("web", lambda: audit_web(tally, tmp / "web", args.clients,
                                                   args.requests)),
                         ("fuzz", lambda: audit_fuzz(tally, args.fuzz))):
            if part in parts:
                (tmp / part).mkdir(exist_ok=True)
                t0 = time.perf_counter()
                fn()
                print(f"{part}: {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    print(tally.table())


if __name__ == "__main__":
    main()
