"""Pronoun resolution by rules (no neural coreference model is available offline).

Rule ``actors.rules.v2:pronoun``: a pronoun (he, she, it, they, his, its, their, ...) refers to

1. the nearest earlier mention of an agreeing actor in its own sentence (outside quotation
   marks, unless the pronoun itself is quoted): people for he/she, states, organisations and
   documents for it/its, groups and organisations for they/their;
2. else, going back sentence by sentence (at most four): when the pronoun is the subject of a
   reporting verb ("he said"), the subject of the previous reporting clause; otherwise that
   sentence's subject; otherwise its last agreeing mention.

Gender is used where a courtesy title gave it ("Mr", "Ms").  Expletive "it" ("it is clear")
is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from .context import Context

__all__ = ["resolve_pronouns"]

KINDS = {
    "person": ("person",),
    "thing": ("country", "organization", "document"),
    "any": ("group", "organization"),
}
EXPLETIVE_HEADS = {"be", "seem", "appear", "remain", "take", "happen", "matter", "become", "rain"}
MAX_BACK = 4


@dataclass(frozen=True)
class Cand:
    aid: str
    kind: str
    tok: int  # head token of the mention
    sent: int
    quoted: bool
    subject: bool
    reporting: bool


def _candidates(ctx: Context) -> list[Cand]:
    doc, b = ctx.toks, ctx.builder
    tok_at = {t.idx: t.i for t in doc}
    out = []
    for aid, ms in b.mentions.items():
        kind = b.data[aid]["kind"]
        for m in ms:
            i = tok_at.get(m.start)
            if i is None:
                continue
            j = i
            while j + 1 < len(doc) and doc[j + 1].idx < m.end:
                j += 1
            head = doc[j]
            for k in range(i, j + 1):  # the token whose head lies outside the mention
                if not (i <= doc[k].head.i <= j) or doc[k].head.i == k:
                    head = doc[k]
                    break
            subject = head.dep_ in ("nsubj", "nsubjpass")
            reporting = subject and ctx.reporting(head.head)
            out.append(Cand(aid, kind, head.i, ctx.sent_of[head.i], ctx.in_quote[head.i], subject, reporting))
    out.sort(key=lambda c: c.tok)
    return out


def resolve_pronouns(ctx: Context) -> dict[int, str]:
    """Add pronoun mentions to the actors they refer to; returns {token index: actor id}."""
    doc, b, lex = ctx.toks, ctx.builder, ctx.lex
    cands = _candidates(ctx)
    by_sent: dict[int, list[Cand]] = {}
    for c in cands:
        by_sent.setdefault(c.sent, []).append(c)
    resolved: dict[int, str] = {}
    for t in doc:
        info = lex.pronouns.get(t.lower_)
        if info is None or t.pos_ not in ("PRON", "DET"):
            continue
        gender, _number, kind = info
        if t.lower_ == "it" and (t.dep_ == "expl" or t.head.lemma_ in EXPLETIVE_HEADS):
            continue
        kinds = KINDS[kind]
        quoted = ctx.in_quote[t.i]
        reporting = t.dep_ in ("nsubj", "nsubjpass") and ctx.reporting(t.head)

        def ok(c: Cand) -> bool:
            if c.kind not in kinds:
                return False
            if gender in ("m", "f") and ctx.gender.get(c.aid, gender) != gender:
                return False
            return True

        s = ctx.sent_of[t.i]
        same = [c for c in by_sent.get(s, ()) if c.tok < t.i and ok(c) and (quoted or not c.quoted)]
        choice = same[-1] if same else None
        back = 1
        while choice is None and back <= MAX_BACK and s - back >= 0:
            prev = [c for c in by_sent.get(s - back, ()) if ok(c)]
            if kind == "any":  # plural: groups before organisations
                prev = [c for c in prev if c.kind == "group"] or prev
            if prev:
                rep = [c for c in prev if c.reporting]
                subj = [c for c in prev if c.subject and not c.quoted]
                if reporting and rep:
                    choice = rep[-1]
                elif subj:
                    choice = subj[0]
                else:
                    choice = prev[-1]
            back += 1
        if choice is None:
            continue
        if b.mention(choice.aid, t.idx, t.idx + len(t.text), "pronoun", rule="pronoun"):
            resolved[t.i] = choice.aid
    return resolved
