"""How far PolNeAR's attribution figure can go under the quote convention GGT's gold holds.

    python scripts/attribution_bounds.py --shared ../shared --polnear PRED.jsonl --ggt PRED.jsonl

PRED files are ``newsgraph analyze ... --format jsonl`` output for ``quotes-polnear-dev`` and
``quotes-ggt-dev``.  Two measurements, printed as the scorer's lenient P/R/F1:

1. **Ceiling.** Every PolNeAR attribution the predictions miss is looked up in its sentence:
   the token of its cue nearest its content.  The misses whose cue is a verb of
   ``lexicon/data/reporting_verbs.tsv`` (any frame: saying, promising, believing, findings,
   naming, demands), a direct quotation, "according to" or a headline colon are then counted
   as found, exactly and with no new false positive.  That is the best a tool could score
   that reports speech, beliefs and findings, and nothing else.
2. **Trade-off.** Classes of attribution that PolNeAR annotates and GGT does not: the object
   of a verb of stance ("criticized the plan"), a prepositional object ("talked about X") and
   an intention's infinitive ("wants to ...").  Each class is added to both sets' predictions
   (where it overlaps no predicted quote), and both sets are scored again.

3. **Joined parts.** The PolNeAR false positives that are one part of a quotation PolNeAR joins
   with its other parts into one attribution of several spans ("A," said X, "B."), where GGT's
   gold annotates each part as a quote (none of its quotes has several spans): a false
   positive whose words are at least 80% inside such an attribution.

The verb lists below are the experiment's, from ordinary usage; they are no rules of the
pipeline.  Evaluation texts are read from ``shared/``, never copied.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from newsgraph.lexicon.words import reporting_verbs
from newsgraph.parse import parse

STANCE_OBJECT = frozenset(
    "attack back cite condemn criticize criticise defend describe dismiss dispute endorse express "
    "highlight mention note oppose praise propose question reject reference support welcome applaud "
    "blame denounce slam decry deny acknowledge announce demand discuss address raise voice tout "
    "promote challenge predict recommend urge promise pledge vow offer show mock ridicule hail lament "
    "champion unveil outline signal suggest tweet repeat echo reiterate concede admit release "
    "disclose declare".split())
STANCE_PREP = frozenset({
    "call for", "respond to", "talk about", "speak about", "speak of", "speak on", "comment on",
    "complain about", "complain of", "warn of", "warn about", "warn against", "argue for",
    "argue against", "accuse of", "believe in", "say of", "say about", "cite as", "describe as",
    "see as", "rail against", "push for", "advocate for", "campaign for", "campaign against",
    "call on", "insist on", "object to", "criticize for", "blame for", "praise for", "write about",
    "agree with", "disagree with", "joke about", "tweet about", "boast about", "worry about"})
INTENTION = frozenset(
    "want plan refuse seek agree promise pledge vow intend hope decline threaten offer propose urge "
    "ask encourage demand call aim".split())
_NO_SOURCE = {"it", "this", "that", "which", "what", "there"}


def _load(path: Path) -> dict[str, dict]:
    return {r["id"]: r for r in map(json.loads, path.open(encoding="utf-8"))}


def _matched(gold_texts: list[str], pred_texts: list[str], ev) -> tuple[set[int], int]:
    gb = [Counter(ev.tokens(t)) for t in gold_texts]
    pb = [Counter(ev.tokens(t)) for t in pred_texts]
    sims = {(i, j): s for i, a in enumerate(gb) for j, b in enumerate(pb)
            if (s := ev.dice(a, b)) >= 0.5}
    pairs, _ = ev.match_required_first(sims, set(), 0.5)
    return {i for i, _, _ in pairs}, len(pairs)


def _prf(m: int, p: int, g: int) -> str:
    prec, rec = m / p if p else 0.0, m / g if g else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return f"P={prec:.3f} R={rec:.3f} F1={f1:.3f} ({m} matched, {p} predicted, {g} gold)"


def _cue_lemma(doc, quote: dict) -> str | None:
    """The lemma of the gold cue's last word, found in the content's sentence."""
    start, end = quote["spans"][0][0], quote["spans"][-1][1]
    span = doc.char_span(start, end, alignment_mode="expand")
    cue = (quote.get("cue") or "").strip().lower()
    if span is None or not cue:
        return None
    last = cue.split()[-1]
    near = [t for t in span.sent if t.lower_ == last and not start <= t.idx < end]
    return min(near, key=lambda t: abs(t.i - span.root.i)).lemma_.lower() if near else None


def ceiling(gold: dict, inputs: dict, pred: dict, ev) -> None:
    speech = {lemma.split()[0] for lemma, v in reporting_verbs().items() if v.frame != "-"}
    m = p = g = 0
    counted = Counter()
    for gid, article in gold.items():
        quotes = article["quotes"]
        preds = [q["text"] for q in pred[gid].get("quotes", [])]
        hit, n = _matched([q["text"] for q in quotes], preds, ev)
        m, p, g = m + n, p + len(preds), g + len(quotes)
        doc = None
        for i, q in enumerate(quotes):
            if i in hit:
                continue
            cue = (q.get("cue") or "").strip().lower()
            if q["kind"] == "direct":
                counted["direct quotation"] += 1
            elif cue in ("according to", ":"):
                counted["according to / colon"] += 1
            else:
                doc = doc or parse(inputs[gid])
                lemma = _cue_lemma(doc, q)
                counted["reporting verb" if lemma in speech else "other cue"] += 1
    print(f"PolNeAR now: {_prf(m, p, g)}")
    print(f"missed, by cue: {dict(counted)}  ({len(speech)} reporting verbs listed)")
    add = 0
    for label in ("reporting verb", "according to / colon", "direct quotation"):
        add += counted[label]
        print(f"  ceiling, + every missed '{label}' found exactly: {_prf(m + add, p + add, g)}")


def joined_parts(gold: dict, pred: dict, ggt_gold: dict, ev) -> None:
    multi = sum(len(q["spans"]) > 1 for a in gold.values() for q in a["quotes"])
    ggt_multi = sum(len(q["spans"]) > 1 for a in ggt_gold.values() for q in a["quotes"])
    m = p = fp = parts = 0
    for gid, article in gold.items():
        quotes = pred[gid].get("quotes", [])
        gb = [Counter(ev.tokens(q["text"])) for q in article["quotes"]]
        pb = [Counter(ev.tokens(q["text"])) for q in quotes]
        sims = {(i, j): s for i, a in enumerate(gb) for j, b in enumerate(pb)
                if (s := ev.dice(a, b)) >= 0.5}
        pairs, _ = ev.match_required_first(sims, set(), 0.5)
        matched = {j for _, j, _ in pairs}
        m, p = m + len(pairs), p + len(quotes)
        joined = [set(ev.tokens(q["text"])) for q in article["quotes"] if len(q["spans"]) > 1]
        for j, q in enumerate(quotes):
            words = set(ev.tokens(q["text"]))
            if j in matched or not words:
                continue
            fp += 1
            parts += any(len(words & g) >= 0.8 * len(words) for g in joined)
    print(f"PolNeAR attributions of several spans: {multi}; GGT quotes of several spans: {ggt_multi}")
    print(f"PolNeAR false positives: {fp}, of which parts of such an attribution: {parts}; "
          f"precision were those right: {m / (p - parts):.3f} (now {m / p:.3f})")


def _candidates(doc, kinds: set[str]):
    for verb in doc:
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if verb.pos_ != "VERB" or subject is None or subject.lower_ in _NO_SOURCE:
            continue
        lemma = verb.lemma_.lower()
        for c in verb.children:
            if "object" in kinds and c.dep_ == "dobj" and lemma in STANCE_OBJECT:
                yield c
            elif "prep" in kinds and c.dep_ == "prep" and f"{lemma} {c.lower_}" in STANCE_PREP:
                yield from (x for x in c.children if x.dep_ in ("pobj", "pcomp"))
            elif ("intention" in kinds and c.dep_ == "xcomp" and lemma in INTENTION
                  and any(a.lower_ == "to" for a in c.children)):
                yield c


def tradeoff(sets: dict[str, tuple[dict, dict]], kinds: set[str], ev) -> None:
    for name, (gold, pred) in sets.items():
        base, new = Counter(), Counter()
        for gid, article in gold.items():
            record = pred[gid]
            text, quotes = record["text"], record.get("quotes", [])
            added = []
            for c in _candidates(parse(text), kinds):
                start, end = c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)
                if len(list(c.subtree)) >= 2 and not any(
                        start < q["end"] and q["start"] < end for q in quotes):
                    added.append(text[start:end])
            golds = [q["text"] for q in article["quotes"]]
            for tally, preds in ((base, [q["text"] for q in quotes]),
                                 (new, [q["text"] for q in quotes] + added)):
                tally["m"] += _matched(golds, preds, ev)[1]
                tally["p"] += len(preds)
                tally["g"] += len(golds)
        print(f"  {name:8s} before {_prf(base['m'], base['p'], base['g'])}")
        print(f"  {name:8s} after  {_prf(new['m'], new['p'], new['g'])}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--polnear", type=Path, required=True, help="predictions on quotes-polnear-dev")
    ap.add_argument("--ggt", type=Path, required=True, help="predictions on quotes-ggt-dev")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(args.shared / "eval"))
    import eval_common
    import eval_quotes

    class ev:  # the scorer's own token Dice and one-to-one matching
        tokens, dice, match_required_first = (eval_common.tokens, eval_common.dice,
                                              eval_quotes.match_required_first)

    gold_dir = args.shared / "eval" / "gold"
    pn_gold = _load(gold_dir / "quotes-polnear-dev.gold.jsonl")
    pn_inputs = {k: v["text"] for k, v in _load(gold_dir / "quotes-polnear-dev.input.jsonl").items()}
    pn_pred, ggt_pred = _load(args.polnear), _load(args.ggt)
    ggt_gold = _load(gold_dir / "quotes-ggt-dev.gold.jsonl")
    print("1. ceiling under the speech-and-belief convention")
    ceiling(pn_gold, pn_inputs, pn_pred, ev)
    sets = {"PolNeAR": (pn_gold, pn_pred), "GGT": (ggt_gold, ggt_pred)}
    for kinds in ({"object"}, {"prep"}, {"intention"}, {"object", "prep", "intention"}):
        print(f"2. trade-off, adding: {', '.join(sorted(kinds))}")
        tradeoff(sets, kinds, ev)
    print("3. quotation parts PolNeAR joins and GGT does not")
    joined_parts(pn_gold, pn_pred, ggt_gold, ev)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
