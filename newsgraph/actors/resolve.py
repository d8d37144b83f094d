"""References: the one place where pronouns, role nouns and descriptions find their actor.

No neural coreference model is available offline; these are rules a reader can follow.
Every reference is resolved, in text order, to an *earlier* mention of an actor of the
article (a name, a surname, or a reference resolved before it, so chains carry on; a title
only its holder named later can fit is the one exception: ``role-noun`` below), and
becomes a mention of that actor with the rule's name, which is how the quote and event
stages see it (``ActorIndex.for_token``).

Rules (``actors.rules.v10``):

- ``role-noun``: "the prime minister", "the chancellor", "the foreign minister" -> the
  person named most recently whose roles fit the title (a role fits when it is the title,
  or the title with portfolio words before it: "the minister" fits "Foreign Minister",
  not "Prime Minister" or "Deputy Minister"; the offices a known office-holder held in the
  article's year count as roles: :mod:`.known`), else the person named next, in this or the
  next paragraph, whose roles fit it ("..., the trade secretary has said. Jane Roe ...").
  With no such person, a title that is not a public office ("the professor", "the coach") goes to the nearest person in the same or
  the previous paragraph who holds no other role of its sector (the founder of a company
  can be "the professor"); a public office ("the president", "the general") stays
  unresolved rather than go to someone never given it, unless the title names the holder's
  party ("the Tory leader", "the Liberal Democrat leader"): then the nearest person close by
  who is no member of another party and holds no other role of the sector holds it, and a
  holder of no party belongs to that one (and acts for its state: ``country_from`` ``party``).
- ``office-holder``: an office a state has one holder of that no one in the article holds
  ("the prime minister" in a UK article that names no prime minister) is its unnamed holder,
  a person of that state ("UK prime minister").
- ``description``: a definite description headed by a noun of ``data/descriptions.tsv``,
  or by any noun that is the subject of an inverted attribution ("..., says the bow-tied
  maverick": the inversion follows a quotation and speaks of someone, unless the noun names
  a thing or a collective): a person ("the labourer", "the 32-year-old mother") -> the
  nearest person in the same or the previous paragraph, the subject of a sentence first; an organisation ("the insurer",
  "the company", "the agency") -> the latest organisation whose name has that noun ("the
  commission" -> "Police Commission") or that the article describes with it ("media company
  GroupX", "Jarvis, the builder,"), else the nearest organisation of a compatible kind
  (a business for "the insurer", a public body for "the agency"; an organisation whose
  kind is unknown when it has been the subject of a sentence or the agent of a verb, "done
  by X"); a place ("the city", "the
  country") -> the place or state named before; "the government" -> the state named before.
- ``pronoun``: he, she, it, they, his, its, their, ... -> the nearest agreeing actor:
  gender (a courtesy title, a common first name, a noun that names the person, "her son
  Kody" (``data/gendered_nouns.tsv``), the only gendered pronouns of a sentence the person
  is the subject of, or a "he"/"she" already resolved to them), number and animacy (people for he/she; states,
  organisations and documents for it; groups and organisations for they); never a
  co-argument of its own verb ("Blair backed him"; "Campbell, whom he praised").  In its own
  sentence the nearest agreeing mention outside quotation marks; else, sentence by sentence back (at most four
  sentences with text outside quotation marks): the subject of the latest reporting clause
  when the pronoun reports ("he said"), else that sentence's subject (its main clause's
  first), else its latest
  agreeing mention.  A person known to agree wins over one of unknown gender in the same
  sentence.  When nothing in reach agrees, "he"/"she" goes to the latest person known to
  be of that gender in the six paragraphs before.  Expletive "it" is left alone.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Token

from ..lexicon import slug
from .context import Context
from .grounding import office_state
from .lexicon import WORDS
from .reftables import CLASSES, Descriptions, descriptions, parties_of, party_words

__all__ = ["resolve_references", "Descriptions", "descriptions", "CLASSES"]

PRONOUN_KINDS = {
    "person": ("person",),
    "thing": ("country", "organization", "document"),
    "any": ("group", "organization"),
}
#: sentences, and paragraphs, a pronoun looks back
MAX_BACK = 10
PRONOUN_PARA_BACK = 3
#: paragraphs "he"/"she" looks back for a person known to agree when nothing nearer agrees
FAR_PARA_BACK = 6
#: paragraphs a person description or an unrolled role noun looks back
PARA_BACK = 1
#: paragraphs an organisation description looks back for a kind that fits
ORG_PARA_BACK = 3
SUBJECT_DEPS = ("nsubj", "nsubjpass")
#: entity types of a modifier that makes a description name itself ("the Canadian government")
NAME_ENTS = frozenset({"NORP", "GPE", "ORG", "PERSON", "LOC", "FAC"})
ORG_KINDS = {"business": "business", "government": "government"}
#: sectors of titles that name one office ("the president", "the general", "the judge"): only
#: the person the article gave that role refers back to it
PUBLIC_OFFICES = frozenset({"GOV", "LEG", "MIL", "JUD", "COP"})
PARTY_SECTOR = "PTY"
SECTOR_KINDS = {"GOV": "government", "IGO": "government", "MIL": "government", "BUS": "business",
                "PTY": "party", "LAB": "union"}
#: description classes that only an organisation of that kind fits ("the party", "the union")
STRICT_KINDS = frozenset({"party", "union"})


@dataclass(frozen=True, slots=True)
class Ref:
    """A mention that a later reference can point back to: an actor's, or (``aid`` None) an
    unnamed speaker's ("a spokeswoman said"), whose phrase is ``span``."""

    aid: str | None
    kind: str
    tok: int  # head token
    sent: int
    para: int
    quoted: bool
    subject: bool
    reporting: bool
    span: tuple[int, int] | None = None
    gender: str | None = None


def _head(doc, i: int, j: int) -> Token:
    """The token of doc[i:j] whose head lies outside it."""
    for k in range(i, j):
        if not (i <= doc[k].head.i < j) or doc[k].head.i == k:
            return doc[k]
    return doc[j - 1]


def _clause_subject(t: Token) -> Token | None:
    """The subject of the clause ``t`` is in (through coordinated and infinitive verbs; the
    noun a relative "who" stands for)."""
    v = t.head
    while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i and v.dep_ not in SUBJECT_DEPS:
        v = v.head  # "his way" -> "made"
    for _ in range(4):
        subj = next((c for c in v.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None:
            if subj.lower_ in WORDS.relative_pronouns and v.dep_ == "relcl":
                return v.head
            return subj
        if v.dep_ not in ("conj", "xcomp", "advcl") or v.head.i == v.i:
            return None
        v = v.head
    return None


class _Resolver:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.doc = ctx.toks
        self.b = ctx.builder
        self.tables = descriptions()
        text = ctx.article.text
        # a paragraph starts after each run of line breaks
        self._breaks = [m.end() - 1 for m in re.finditer(r"\n+", text)]
        self.owner: list[str | None] = [None] * len(self.doc)  # token -> actor of its mention
        self.refs: list[Ref] = []
        for aid, ms in self.b.mentions.items():
            kind = self.b.data[aid]["kind"]
            for m in ms:
                span = ctx.token_span(m.start, m.end)
                if span is None:
                    continue
                i, j = span
                for k in range(i, j):
                    self.owner[k] = aid
                self.refs.append(self._ref(aid, kind, _head(self.doc, i, j)))
        self.refs.sort(key=lambda r: r.tok)
        self._toks = [r.tok for r in self.refs]
        self.gender = self._genders()
        self._descriptors: dict[str, set[str]] = {}

    # -- facts -------------------------------------------------------------

    def para(self, i: int) -> int:
        return bisect.bisect_right(self._breaks, self.doc[i].idx)

    def _ref(self, aid: str | None, kind: str, head: Token, span=None, gender=None) -> Ref:
        subject = head.dep_ in SUBJECT_DEPS
        return Ref(aid, kind, head.i, self.ctx.sent_of[head.i], self.para(head.i),
                   self.ctx.in_quote[head.i], subject, subject and self.ctx.reporting(head.head),
                   span, gender)

    def _noun_gender(self, r: Ref) -> str | None:
        """The sex a noun naming the person says: "her son Kody", "his wife, Anne", "Wise's
        dad, Darrin", "Kody, her son," (the noun before the name, or in apposition)."""
        nouns = self.tables.gendered_nouns
        head = self.doc[r.tok]
        near = [c for c in head.children if c.dep_ in ("appos", "compound") and c.pos_ == "NOUN"]
        if head.dep_ in ("appos", "compound") and head.head.pos_ == "NOUN":
            near.append(head.head)
        first = head.left_edge.i
        if first > 0 and self.doc[first - 1].pos_ == "NOUN":
            near.append(self.doc[first - 1])
        found = {nouns[t.lower_] for t in near if t.lower_ in nouns}
        return found.pop() if len(found) == 1 else None

    def _genders(self) -> dict[str, str]:
        """Person actor id -> "m" | "f": a courtesy title, else a common first name, else a
        noun that names the person ("her son Kody"), else the pronouns that must be the
        person's: "X said she ...", "X lost his job" (a gendered pronoun that is a dependent
        of X's verb, its possessive object, or the subject of the clause X reports), when they
        all agree."""
        ctx, b = self.ctx, self.b
        out = dict(ctx.gender)
        firsts = self.tables.first_names
        votes: dict[str, set[str]] = {}
        for aid, d in b.data.items():
            if d["kind"] != "person" or aid in out:
                continue
            words = d["name"].split()
            g = firsts.get(words[0].lower()) if len(words) > 1 else None
            if g:
                out[aid] = g
        nouns: dict[str, set[str]] = {}
        for r in self.refs:
            if r.kind == "person" and r.aid not in out and not r.quoted:
                g = self._noun_gender(r)
                if g:
                    nouns.setdefault(r.aid, set()).add(g)
        out.update({aid: next(iter(v)) for aid, v in nouns.items() if len(v) == 1})
        for r in self.refs:
            if r.kind != "person" or r.aid in out or not r.subject or r.quoted:
                continue
            verb = self.doc[r.tok].head
            for t in verb.subtree:
                p = ctx.lex.pronouns.get(t.lower_)
                if t.i <= r.tok or p is None or p[0] not in ("m", "f"):
                    continue
                if (t.head.i == verb.i or (t.dep_ == "poss" and t.head.head.i == verb.i)
                        or (t.dep_ in SUBJECT_DEPS and t.head.dep_ == "ccomp" and t.head.head.i == verb.i)):
                    votes.setdefault(r.aid, set()).add(p[0])
        for aid, v in votes.items():
            if len(v) == 1:
                out[aid] = next(iter(v))
        return out

    def _insert(self, ref: Ref) -> None:
        k = bisect.bisect_right(self._toks, ref.tok)
        self.refs.insert(k, ref)
        self._toks.insert(k, ref.tok)

    def _add(self, tok: Token, start: int, end: int, to: Ref | str, form: str, rule: str) -> bool:
        """Make [start, end) a mention of the actor (or a link to the unnamed speaker) ``to``."""
        if isinstance(to, str) or to.aid is not None:
            aid = to if isinstance(to, str) else to.aid
            if not self.b.mention(aid, start, end, form, rule=rule):
                return False
            self._insert(self._ref(aid, self.b.data[aid]["kind"], tok))
            for t in range(self.ctx.start_tok.get(start, tok.i), tok.i + 1):
                self.owner[t] = aid
            return True
        self.b.links[(start, end)] = to.span
        self._insert(self._ref(None, to.kind, tok, to.span, to.gender))
        return True

    def _before(self, i: int):
        """Refs before token i, nearest first."""
        refs = self.refs
        for k in range(bisect.bisect_left(self._toks, i) - 1, -1, -1):
            yield refs[k]

    # -- pronouns ------------------------------------------------------------

    def pronoun(self, t: Token) -> Ref | None:
        ctx = self.ctx
        gender, _number, kind = ctx.lex.pronouns[t.lower_]
        kinds = PRONOUN_KINDS[kind]
        quoted = ctx.in_quote[t.i]
        reporting = t.dep_ in SUBJECT_DEPS and ctx.reporting(t.head)
        coarg = t.dep_ != "poss" and not t.lower_.endswith(WORDS.seq("reflexive_endings"))
        s, here = ctx.sent_of[t.i], self.para(t.i)

        def fit(r: Ref) -> int:
            """2: agrees and gender known; 1: agrees, gender unknown; 0: does not agree."""
            if r.kind not in kinds:
                return 0
            if coarg and r.sent == s and r.subject and self.doc[r.tok].head.i == t.head.i:
                return 0  # "Blair backed him": never its own verb's subject
            if coarg and t.head.dep_ == "relcl" and t.head.head.i == r.tok and any(
                    c.tag_ in ("WP", "WDT") and c.dep_ != "poss" for c in t.head.children):
                return 0  # "Campbell, who he described as talented": "who" is Campbell
            if gender in ("m", "f"):
                g = self.gender.get(r.aid) if r.aid else r.gender
                return 0 if g is not None and g != gender else (2 if g else 1)
            return 2

        same: list[Ref] = []
        earlier: dict[int, list[Ref]] = {}
        far: Ref | None = None  # the latest person known to agree further back
        for r in self._before(t.i):
            if here - r.para > PRONOUN_PARA_BACK:
                if here - r.para > FAR_PARA_BACK or far is not None or gender not in ("m", "f"):
                    break
                if not r.quoted and fit(r) == 2:
                    far = r
                continue
            if r.quoted and not quoted or not fit(r):
                continue
            (same if r.sent == s else earlier.setdefault(r.sent, [])).append(r)
        if same:
            if not coarg:  # "Espinos, who made his way": his own clause's subject first
                subj = _clause_subject(t)
                own = next((r for r in same if subj is not None and r.tok == subj.i), None)
                if own is not None:
                    return own
            best = max(fit(r) for r in same)
            return next(r for r in same if fit(r) == best)
        for back in range(1, min(s, MAX_BACK) + 1):
            prev = earlier.get(s - back)
            if not prev:
                continue
            prev = prev[::-1]  # text order
            if kind == "any":  # plural: groups before organisations
                prev = [r for r in prev if r.kind == "group"] or prev
            best = max(fit(r) for r in prev)
            prev = [r for r in prev if fit(r) == best]
            rep = [r for r in prev if r.reporting]
            # the main clause's subject before one of a clause inside it ("after Brown had
            # spoken, Kennedy said ...": Kennedy)
            subj = sorted((r for r in prev if r.subject), key=lambda r: self.doc[r.tok].head.dep_ != "ROOT")
            return rep[-1] if reporting and rep else subj[0] if subj else prev[-1]
        return far

    # -- role nouns and descriptions ------------------------------------------

    def _named_after(self, t: Token) -> bool:
        """Is the noun phrase of ``t`` followed by a comma and a person's name ("The chairman of
        the Bar Council, Jane Roe said", where the parser makes both subjects of the verb)?"""
        k = t.right_edge.i + (0 if t.right_edge.text == "," else 1)
        if k >= len(self.doc) - 1 or self.doc[k].text != ",":
            return False
        who = self.owner[k + 1]
        return who is not None and who.startswith("person:")

    def description(self, t: Token) -> tuple[int, str | None, str] | None:
        """(first token, actor id or None, rule) for "the <modifiers> NOUN" at head t."""
        doc, ctx = self.doc, self.ctx
        if (t.pos_ not in ("NOUN", "PROPN") or t.tag_ not in ("NN", "NNP")
                or (t.ent_type_ and not t.text.islower())  # a lower-case noun the model took for a name
                or self.owner[t.i] is not None or t.dep_ in ("attr", "compound")):
            return None
        lefts = list(t.lefts)
        if not lefts or lefts[0].dep_ != "det" or lefts[0].lower_ != "the":
            return None
        role_words = ctx.lex.role_words
        party = self._party(lefts[1:])
        if any(c.dep_ == "poss" or (not self._of_party(c.i) and (
                (c.ent_type_ in NAME_ENTS and not c.text.islower())
                or (c.pos_ == "PROPN" and c.lower_ not in role_words)))
               for c in lefts[1:]):
            return None  # "the Canadian government", "the Acme chairman": they name themselves
        if t.pos_ == "PROPN" and t.lower_ not in role_words:
            return None
        if any(c.dep_ == "appos" and (c.pos_ == "PROPN" or c.ent_type_ == "PERSON") for c in t.rights) \
                or self._named_after(t):
            return None  # "the minister, Jane Roe,": the name that follows is the mention
        mods = [c.lower_ for c in lefts[1:] if c.dep_ in ("amod", "compound") and not self._of_party(c.i)]
        first = lefts[0].i
        title = self._title(mods, t.lower_)
        if title is not None:
            holder = self.role_holder(t, title, party)
            if holder is not None and party is not None:
                self._join_party(holder, party)
            if holder is None and party is None:
                holder = self.named_later(t, title)
            if holder is None and party is None and len(title) == len(mods) + 1:
                return first, self.office_holder(title), "office-holder"
            return first, holder, "role-noun"
        cls = self.tables.nouns.get(t.lower_)
        if party is not None:  # "the Democratic nominee": the member just named; "the Labour plans": none
            return (first, self.member(t, party), "description") if cls == "person" else None
        if cls is None and self._speaks(t) and t.i > t.head.i and t.lower_ not in ctx.lex.document_heads:
            cls = "person"  # an inverted attribution speaks of someone: "..., says the bow-tied maverick"
        if cls is None or cls in ("thing", "collective"):
            return None
        if cls == "person":
            return first, self.person_near(t, None), "description"
        if cls in ("city", "country"):
            want = "location" if cls == "city" else "country"
            places = [r for r in self._before(first) if r.kind == want and r.aid and not r.quoted]
            # the place the article called so ("the city of Phoenix"), else the nearest
            ref = next((r for r in places if t.lower_ in self.descriptors(r.aid)), places[0] if places else None)
            return first, (ref.aid if ref else None), "description"
        return first, self.org_near(t, cls), "description"

    def _speaks(self, t: Token) -> bool:
        return t.dep_ in SUBJECT_DEPS and self.ctx.reporting(t.head)

    def _title(self, mods: list[str], noun: str) -> tuple[str, ...] | None:
        roles = self.ctx.lex.roles
        words = [w for w in mods if w not in WORDS.ignored_role_words] + [noun]
        for k in range(len(words)):
            if " ".join(words[k:]) in roles:
                return tuple(words[k:])
        return None

    def _fits(self, aid: str, title: tuple[str, ...]) -> bool | None:
        """Does one of the person's roles fit the title?  False when the person holds another
        role of the same sector ("the prime minister" is not the Chancellor), None when
        nothing is known against it."""
        n = len(title)
        want = self.ctx.lex.sector(" ".join(title))
        clash = False
        for role in (*self.b.data[aid]["roles"], *self.ctx.held.get(aid, ())):
            words = [w for w in role.lower().replace("-", " ").split() if w not in WORDS.ignored_role_words]
            if tuple(words[-n:]) == title and not any(w in WORDS.office_changers for w in words[:-n]):
                return True
            clash = clash or (want is not None and self.ctx.lex.sector(role) == want)
        return False if clash else None

    def _of_party(self, i: int) -> bool:
        """Is token i a party's word: a mention of a party, or a capitalised word of a party's
        name or adjective ("Tory", "Liberal Democrat") in a state not in play?"""
        aid = self.owner[i]
        if aid is not None:
            return self.b.data[aid]["sector"] == PARTY_SECTOR
        t = self.doc[i]
        return t.text[:1].isupper() and t.lower_ in party_words()

    def _party(self, mods) -> frozenset[str] | None:
        """The parties a title's modifiers name ("the Tory leader", "the Liberal Democrat
        leader"), by name."""
        words = [c for c in mods if self._of_party(c.i)]
        if not words:
            return None
        hit = self.ctx.party_at.get(words[0].i)
        if hit is not None:  # by the table's name: the actor may be named "GOP" or "Tories"
            return frozenset({hit.name})
        aid = self.owner[words[0].i]
        if aid is not None:
            return frozenset({self.b.data[aid]["name"]})
        return parties_of(" ".join(c.text for c in words))

    def _join_party(self, aid: str, party: frozenset[str]) -> None:
        """"the Tory leader" said of a person with no party: the person belongs to it, and
        acts for the party's state (``country_from`` ``party``)."""
        d = self.b.data[aid]
        if d["affiliation"] or len(party) != 1:
            return
        hit = next((p for p in self.b.data.values() if p["sector"] == PARTY_SECTOR and p["country"]
                    and (p["name"] in party or parties_of(p["name"]) & party)), None)
        if hit is not None:  # the party by the table's name ("Labour Party"), as the text gives it
            self.b.update(aid, affiliation=next(iter(party)), country=hit["country"], country_from="party",
                          sector=PARTY_SECTOR)

    def role_holder(self, t: Token, title: tuple[str, ...],
                    party: frozenset[str] | None = None) -> str | None:
        """The person named most recently who holds the role; else the nearest person close by
        with no other role of its sector.  A public office is never given that way, unless the
        title names the holder's party ("the Tory leader"): then the nearest person close by
        who belongs to no other party and holds no other role of the sector is its holder."""
        fallback = None
        office = self.ctx.lex.sector(" ".join(title)) in PUBLIC_OFFICES and party is None
        for r in self._before(t.i):
            if r.kind != "person" or r.quoted or r.aid is None:
                continue
            other = self._parties(r.aid)
            if party and other and not other & party:
                continue  # a member of another party
            fits = self._fits(r.aid, title)
            if fits:
                return r.aid
            if fits is None and fallback is None and not office and self.para(t.i) - r.para <= PARA_BACK:
                fallback = r.aid
        # "the GOP candidate": a member of the party before a person of no known party
        return (self.member(t, party) if party else None) or fallback

    def member(self, t: Token, party: frozenset[str]) -> str | None:
        """The person named most recently, close by, who belongs to the party."""
        for r in self._before(t.i):
            if r.kind == "person" and not r.quoted and r.aid is not None and self._parties(r.aid) & party:
                return r.aid if self.para(t.i) - r.para <= PARA_BACK else None
        return None

    def _parties(self, aid: str) -> frozenset[str]:
        """The parties a person belongs to: as the text says, else as the known office-holders
        table says (:mod:`.known`)."""
        said = parties_of(self.b.data[aid]["affiliation"] or "")
        known = self.ctx.known.get(aid)
        return said or (frozenset({known.party}) if known is not None and known.party else frozenset())

    def named_later(self, t: Token, title: tuple[str, ...]) -> str | None:
        """The person named next, in this or the next paragraph, who holds the role ("the trade
        and industry secretary has said ... Patricia Hewitt told the BBC", when she is the trade
        secretary of the article's year or the text gives her that title)."""
        best = None
        for aid, d in self.b.data.items():
            if d["kind"] != "person" or not self._fits(aid, title):
                continue
            for m in self.b.mentions[aid]:
                k = self.ctx.start_tok.get(m.start)
                if m.start > t.idx and k is not None and self.para(k) - self.para(t.i) <= PARA_BACK:
                    if best is None or m.start < best[0]:
                        best = (m.start, aid)
                    break
        return best[1] if best else None

    def office_holder(self, title: tuple[str, ...]) -> str | None:
        """The unnamed present holder of an office a state has one holder of (``sole_offices``),
        of one state or of the home country ("the prime minister" in a UK article no one is
        named prime minister in; not "the former prime minister", whose title has words of its
        own, nor "the senator", one of many): a person
        actor of that state named with its attributive form ("UK prime minister"), whom later
        references to the title find."""
        role = " ".join(title)
        if role not in WORDS.sole_offices:
            return None
        got = office_state(self.ctx.lex, role, self.ctx.home.code if self.ctx.home else None)
        if got is None or got[2] not in PUBLIC_OFFICES:
            return None
        state, how, sector = got
        return self.b.add(f"person:{slug(role)}-{state.lower()}", kind="person", sector=sector,
                          name=f"{self.ctx.gaz.countries[state].attributive} {role}",
                          country=state, country_from=how, roles=(role,))

    def person_near(self, t: Token, _title) -> str | None:
        """The nearest person in this or the previous paragraph: the subject of the latest
        sentence that has one, else the nearest mention."""
        here, near = self.para(t.i), []
        for r in self._before(t.i):
            if here - r.para > PARA_BACK:
                break
            if r.kind == "person" and r.aid and not r.quoted:
                near.append(r)
        if not near:
            return None
        sent = near[0].sent
        subj = [r for r in near if r.sent == sent and r.subject]
        return (subj[-1] if subj else near[0]).aid

    def descriptors(self, aid: str) -> set[str]:
        """Common nouns the article puts next to a name to say what it is: "engineering group
        Jarvis", "the insurer Standard Life", "Jarvis, the builder,", "the city of Phoenix" ->
        {"group"}, {"insurer"}, {"builder"}, {"city"}."""
        out = self._descriptors.get(aid)
        if out is not None:
            return out
        out = set()
        doc = self.doc
        for m in self.b.mentions[aid]:
            span = self.ctx.token_span(m.start, m.end)
            if span is None:
                continue
            i, j = span
            if i > 0 and doc[i - 1].pos_ == "NOUN" and doc[i - 1].text.islower():
                out.add(doc[i - 1].lower_)
            elif i > 1 and doc[i - 1].lower_ == "of" and doc[i - 2].pos_ == "NOUN" and doc[i - 2].text.islower():
                out.add(doc[i - 2].lower_)  # "the city of Phoenix"
            head = _head(doc, i, j)
            out.update(c.lower_ for c in head.rights if c.dep_ == "appos" and c.pos_ == "NOUN")
        self._descriptors[aid] = out
        return out

    def org_kind(self, aid: str) -> str | None:
        d = self.b.data[aid]
        if d["sector"] in SECTOR_KINDS:
            return SECTOR_KINDS[d["sector"]]
        for w in [*d["name"].lower().replace(".", "").split(), *sorted(self.descriptors(aid))]:
            cls = self.tables.nouns.get(w)
            if cls in ORG_KINDS:
                return cls
        return None

    def _agent(self, i: int) -> bool:
        """Is token i the agent of a passive verb ("a study done by TransLink")?"""
        t = self.doc[i]
        return t.dep_ == "pobj" and (t.head.dep_ == "agent" or (
            t.head.lower_ == "by" and t.head.head.pos_ == "VERB"))  # "by X" on a verb, not "a poll by X"

    def org_near(self, t: Token, cls: str) -> str | None:
        """The latest organisation named with the noun ("the commission" -> "Police
        Commission", "the company" -> "media company GroupM"), else the nearest one of a kind that fits; one whose kind is unknown
        only when it has been the subject of a sentence (what the article is about, not a
        source it cites: "told BBC Radio 4", "a poll by the Courier"), or the agent of a
        passive verb ("a study was done by the agency")."""
        noun = t.lower_
        orgs = [r for r in self._before(t.i) if r.kind == "organization" and r.aid and not r.quoted]
        for r in orgs:
            if noun in self.b.data[r.aid]["name"].lower().split() or noun in self.descriptors(r.aid):
                return r.aid
        here = self.para(t.i)
        subjects = {r.aid for r in orgs if (r.subject or self._agent(r.tok)) and here - r.para <= ORG_PARA_BACK}
        for r in orgs:
            if here - r.para > ORG_PARA_BACK:
                break
            kind = self.org_kind(r.aid)
            if cls in STRICT_KINDS:  # "the party" is a party, never a body of unknown kind
                if kind == cls:
                    return r.aid
            elif (kind is None and r.aid in subjects) or (kind is not None and cls in (kind, "org")):
                return r.aid
        return None

    # -- the pass --------------------------------------------------------------

    def unnamed(self, t: Token) -> Ref | None:
        """A speaker the article does not name ("a spokeswoman said", "officials said"), for
        later pronouns to point back to."""
        if (t.pos_ != "NOUN" or not self._speaks(t) or self.ctx.in_quote[t.i]
                or t.lower_ in self.ctx.lex.document_heads):
            return None
        if any(self.owner[k] is not None for k in range(t.left_edge.i, t.i)):
            return None  # "Peru's government", "Apple spokesman": named by the actor in it
        cls = self.tables.nouns.get(t.lemma_.lower())
        if cls in ("thing", "city", "country", "collective"):
            return None
        kind = ("group" if t.tag_ in ("NNS", "NNPS") else
                "organization" if cls in ("business", "government", "org", *STRICT_KINDS) else "person")
        return self._ref(None, kind, t, (t.left_edge.idx, t.idx + len(t.text)))

    def run(self) -> dict[int, str]:
        ctx, doc = self.ctx, self.doc
        resolved: dict[int, str] = {}
        for t in doc:
            pos = t.pos_
            if pos not in ("PRON", "DET", "NOUN", "PROPN") or self.owner[t.i] is not None:
                continue
            if pos in ("PRON", "DET"):
                if t.lower_ not in ctx.lex.pronouns:
                    continue
                if t.lower_ == "it" and (t.dep_ == "expl" or t.head.lemma_ in WORDS.expletive_heads):
                    continue
                to = self.pronoun(t)
                if to is not None and self._add(t, t.idx, t.idx + len(t.text), to, "pronoun", "pronoun") \
                        and to.aid is not None:
                    resolved[t.i] = to.aid
                    said = ctx.lex.pronouns[t.lower_][0]
                    if to.kind == "person" and said in ("m", "f") and to.aid not in self.gender:
                        self.gender[to.aid] = said  # "he" once, "he" after: never "she"
                continue
            found = self.description(t)
            if found is not None and found[1] is not None:
                first, aid, rule = found
                if self._add(t, doc[first].idx, t.idx + len(t.text), aid, "description", rule):
                    resolved[t.i] = aid
                continue
            ref = self.unnamed(t)
            if ref is not None:
                self._insert(ref)
        return resolved


def resolve_references(ctx: Context) -> dict[int, str]:
    """Add every resolved pronoun, role noun and description to its actor's mentions;
    returns {head token index: actor id}."""
    return _Resolver(ctx).run()
