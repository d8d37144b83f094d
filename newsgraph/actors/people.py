"""People: names (spaCy PERSON plus title and appositive cues), one actor per person.

Rules (``actors.rules.v10``):
- ``person-ent``: a PERSON entity, without a leading courtesy title, a trailing possessive or
  words that are not part of a name;
- ``person-after-role``: capitalised proper nouns right after a role title the model did not
  tag ("economist Philip Cross", "CFO Meng Wanzhou");
- ``person-before-appositive``: a proper-noun name followed by a role appositive
  ("Tatiana Stanovaya, an analyst at ...");
- ``person-given-name``: a known given name (``data/given_names.txt``) followed by one or two
  capitalised proper nouns, unless the model put it inside a longer entity;
- ``lone-surname``: a bare surname of a person named in the article ("Michael Jordan", "Mr
  Kishida"), even where the model tagged it a place or a one-word organisation ("Vickers said");
  with two people of that surname, the one named more before it, else the one whose full name
  came last before it;
- ``surname``: "Mr Blinken", "Blinken" -> the person with that surname mentioned before (of
  two, the one mentioned more so far, else the later: "Cruz" after "Ted Cruz ... his wife,
  Heidi Cruz" is Ted Cruz), or failing that, anywhere in the article; a lone name with no fuller
  form is a person of its own.
- roles, the state a person acts for and affiliation come from :mod:`.roles`: a state named
  before the title ("US Senator": ``nationality``), owning it ("Japan's foreign minister":
  ``possessive``) or after it ("president of France": ``appositive``);
- a party gives its member's state and is the member's affiliation (``party``): in the role
  ("Tory leader", "a Labour MP", "Liberal Democrat home affairs spokesman"), before the name
  ("Labour's Alan Roe", "Republican Jane Roe"), as a label after it ("Jane Roe (D-Ohio)",
  "(Lab)") or as an appositive member noun ("Jane Roe, a Democrat, ...");
- an office held in one state only, or in the article's home country, gives that state at the
  end of the actors stage (:mod:`.grounding`); a person never takes a state from a country
  merely named near them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..lexicon import slug
from ..lexicon.words import given_names, name_particles
from .context import Context
from .lexicon import WORDS
from .nonpersons import ARTICLE_WIDE, line_flags, not_person
from .places import trim_entity
from .parties import label_party
from .roles import RoleInfo, roles_after, roles_before

__all__ = ["extract_people"]

STATE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "OPP", "PTY"}
PARTY_SECTOR = "PTY"
SKIP_POS = {"VERB", "AUX", "ADP", "DET", "PRON", "NUM", "SCONJ", "CCONJ", "PART"}


@dataclass
class NameSpan:
    i: int  # first name token
    j: int  # end (exclusive)
    ti: int  # first token including a courtesy title
    words: tuple[str, ...]
    rule: str


def _clean_span(ctx: Context, i: int, j: int) -> tuple[int, int, int] | None:
    doc, lex = ctx.toks, ctx.lex
    while i < j and (doc[i].lower_ in WORDS.articles or i in ctx.party_at):
        i += 1  # "the", and a party word before the name ("Tory John Roe")
    while j > i and (doc[j - 1].text in WORDS.possessive_marks or doc[j - 1].is_punct and doc[j - 1].text != "."
                     or j - 1 in ctx.party_at):
        j -= 1
    # cut at the first word that cannot be part of a name ("Blinken said")
    for k in range(i, j):
        t = doc[k]
        if "\n" in t.text or (not t.text[:1].isupper() and t.lower_ not in name_particles()
                               and t.text not in ("-", ".") and not _after_hyphen(doc, k)):
            j = k
            break
    # "Huawei CFO Meng", "Labour MPs Jane Roe": the name starts after a role title inside
    for k in range(j - 2, i - 1, -1):
        if (doc[k].lower_ in lex.role_heads and k > i or doc[k].lower_ in lex.role_plurals) \
                and doc[k].text[:1].isupper() and doc[k].text not in lex.given_names:
            i = k + 1
            while j - i < 2 and j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() \
                    and j not in ctx.gaz_at:
                j += 1  # "... Meng" + "Wanzhou" the model left outside
            break
    # a trailing office abbreviation is no surname ("Liberal MLA", "Police Lt")
    while j - i > 1 and (doc[j - 1].text.isupper() and doc[j - 1].lower_ in lex.role_words
                         or doc[j - 1].lower_ + "." in lex.titles):
        j -= 1
    while j - i > 1 and doc[i].text.isupper() and doc[i].lower_ in lex.role_words:
        i += 1  # "MLA Tom Smith": the office abbreviation is the role, not the name
    ti = i
    while i < j - 1 and doc[i].lower_ in lex.titles:
        i += 1
    while ti > 0 and doc[ti - 1].lower_ in lex.titles and doc[ti - 1].text[:1].isupper() \
            and doc[ti - 1].lower_ not in lex.role_words:
        ti -= 1
    if i >= j:
        return None
    return ti, i, j


def _acceptable(ctx: Context, i: int, j: int, *, strict: bool) -> bool:
    doc, lex = ctx.toks, ctx.lex
    words = list(name_words(doc, i, j))
    text = " ".join(words)
    if not text or len(words) > 5 or text.lower() in lex.not_persons:
        return False
    if any(ch.isdigit() or ch in "@#/_" for ch in text):
        return False
    if all(k in ctx.gaz_at for k in range(i, j)) or any(k in ctx.abbrevs for k in range(i, j)):
        return False  # "Sri Lanka", the "Ont" of "Kingston, Ont."
    if all(w.lower() in lex.role_words or w.lower() in lex.titles for w in words):
        return False
    if words[-1].lower() in WORDS.never_surnames:
        return False  # "King George Station"
    if strict and (words[-1].lower() in lex.org_heads or words[-1].lower() in lex.place_heads):
        return False  # "Cloverdale Sport Complex" is no person, unless the model says so
    if words[-1].lower() in lex.org_heads and (len(words) > 2 or words[0] not in lex.given_names):
        return False  # "Studiocomix Press", "Robert Bosch GmbH"; but "Margaret Court"
    return True


def _candidates(ctx: Context) -> list[NameSpan]:
    doc, lex = ctx.toks, ctx.lex
    out: dict[int, NameSpan] = {}
    taken: set[int] = set()
    lines = line_flags(ctx.article.text)
    not_names: set[tuple[str, ...]] = set()  # no person anywhere in the article ("list-title")

    def add(i: int, j: int, rule: str) -> None:
        r = _clean_span(ctx, i, j)
        if r is None:
            return
        ti, i2, j2 = r
        end = j2
        if (nick := _nickname_end(ctx, j2)) is not None:  # Jane "Spike" Roe
            j2 = nick
        elif rule == "person-ent" and j2 - i2 == 1 and _family_name_left_out(ctx, i2):
            j2 += 1  # the family name the model left outside ("Jane" + "Oh")
            end = j2
        if not _acceptable(ctx, i2, j2, strict=rule != "person-ent") \
                or any(k in taken for k in range(i2, j2)):
            return
        # the nickname and its quotation marks are no part of the name's words
        words = name_words(doc, i2, end) + ((doc[j2 - 1].text,) if nick else ())
        reason = not_person(ctx, lines, ti, i2, j2)
        if reason is not None:
            if reason in ARTICLE_WIDE:
                not_names.add(words)
            return
        taken.update(range(i2, j2))
        out[i2] = NameSpan(i2, j2, ti, words, rule)

    n = len(doc)
    for ent in ctx.ents:
        if ent.label_ == "PERSON":
            add(ent.start, ent.end, "person-ent")
    for t in doc:
        # role title + proper nouns the model missed
        if t.lower_ in lex.role_heads and t.i + 1 < n and t.i + 1 not in taken:
            k = t.i + 1
            while k < n and k - t.i <= 3 and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper() \
                    and k not in ctx.gaz_at and doc[k].ent_type_ not in ("GPE", "NORP", "DATE", "LOC"):
                k += 1
            if k > t.i + 1 and (k >= n or doc[k].pos_ != "PROPN"):
                add(t.i + 1, k, "person-after-role")
    for t in doc:
        # a known given name followed by capitalised proper nouns ("Nicole Kidman")
        if t.text in lex.given_names and t.i not in taken and t.i not in ctx.gaz_at \
                and not _inside_capitals(ctx, t.i - 1):
            first = k = _hyphen_end(doc, t.i + 1, capital=True) or t.i + 1  # "Jean-Luc"
            while k < n and k - first <= 1 and _name_word(ctx, k) and \
                    (doc[k].text not in lex.given_names or k + 1 < n and _name_word(ctx, k + 1)
                     and doc[k + 1].text not in lex.given_names):  # a middle name: "Anne Marie Roe"
                k += 1
            ent = ctx.ent_of[t.i]
            if k > first and (ent is None or ent.label_ == "PERSON" or ent.end <= k) \
                    and not _inside_capitals(ctx, k):  # "Mary Poppins Returns" is a title
                add(t.i, k, "person-given-name")
    for t in doc:
        # a proper-noun name followed by a role appositive
        if t.text == "," and t.i >= 2 and t.i - 1 not in taken:
            k = t.i
            while k - 1 >= 0 and t.i - k < 3 and doc[k - 1].tag_ == "NNP" and doc[k - 1].text[:1].isupper() \
                    and (k - 1) not in ctx.gaz_at:
                k -= 1
            if t.i - k >= 2 and (k == 0 or doc[k - 1].tag_ != "NNP") and \
                    (ctx.ent_of[k] is None or ctx.ent_of[k].label_ in ("PERSON", "ORG", "GPE", "WORK_OF_ART", "FAC")):
                if roles_after(ctx, t.i) is not None:
                    add(k, t.i, "person-before-appositive")
    return [out[k] for k in sorted(out) if out[k].words not in not_names]


def _after_hyphen(doc, k: int) -> bool:
    """Is token k the end of a hyphenated word ("un" of "Jong-un")?"""
    return k >= 2 and doc[k - 1].text == "-" and not doc[k - 1].whitespace_ \
        and not doc[k - 2].whitespace_ and doc[k].is_alpha


def _hyphen_end(doc, k: int, *, capital: bool = False) -> int | None:
    """End of the hyphenated rest of a word when token k is its attached hyphen
    ("-Luc" of "Jean-Luc"), else None; ``capital``: the rest must be capitalised."""
    if k + 1 < len(doc) and _after_hyphen(doc, k + 1) \
            and (not capital or doc[k + 1].text[:1].isupper()):
        return k + 2
    return None


def name_words(doc, i: int, j: int) -> tuple[str, ...]:
    """The words of a name in tokens i..j, hyphenated parts joined ("Kim", "Jong-un")."""
    words: list[str] = []
    for k in range(i, j):
        t = doc[k]
        if words and k > i and not doc[k - 1].whitespace_ and (t.text == "-" or doc[k - 1].text == "-"):
            words[-1] += t.text
        else:
            words.append(t.text)
    return tuple(words)


def _family_name_left_out(ctx: Context, i: int) -> bool:
    """Is the lone given name at token i followed by a family name outside its entity?"""
    doc, j = ctx.toks, i + 1
    return doc[i].text in ctx.lex.given_names and j < len(doc) and doc[j].pos_ == "PROPN" \
        and doc[j].text[:1].isupper() and j not in ctx.gaz_at \
        and doc[j].ent_type_ in ("", "PERSON") and not doc[j].is_sent_start


def _name_word(ctx: Context, k: int) -> bool:
    t = ctx.toks[k]
    return t.tag_ == "NNP" and t.text[:1].isupper() and k not in ctx.gaz_at


def _inside_capitals(ctx: Context, k: int) -> bool:
    """Is token k a capitalised word that carries a run of capitals on (not a title, role, given
    name, date or sentence start): "St. Charles County Court", "Mary Poppins Returns"?"""
    if k < 0 or k >= len(ctx.toks):
        return False
    t, lex = ctx.toks[k], ctx.lex
    return t.text[:1].isupper() and t.text.rstrip(".").isalpha() and not t.is_sent_start and t.pos_ in ("PROPN", "NOUN", "VERB") \
        and t.lower_ not in lex.titles and t.lower_ not in lex.role_words and t.text not in lex.given_names \
        and t.ent_type_ not in ("DATE", "TIME", "GPE", "NORP") and k not in ctx.gaz_at


def _nickname_end(ctx: Context, j: int) -> int | None:
    """End of a family name after a quoted nickname at token j (Jane "Spike" Roe), or None."""
    doc = ctx.toks
    if j + 3 < len(doc) and doc[j].text in ('"', "“") and doc[j + 2].text in ('"', "”") \
            and doc[j + 1].text[:1].isupper() and doc[j + 1].is_alpha and _name_word(ctx, j + 3):
        return j + 4
    return None


def _same_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two names of one person: same first and last word, or the shorter one (two words at least)
    is the end of the longer ("Al Roe" of "Jane Al Roe")."""
    if a[-1] != b[-1]:
        return False
    if a[0] == b[0] or len(a) == 1:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 2 and long_[-len(short):] == short


def extract_people(ctx: Context) -> None:
    b, doc, lex = ctx.builder, ctx.toks, ctx.lex
    spans = _candidates(ctx)
    people: list[tuple[str, tuple[str, ...]]] = []  # (actor id, name words) in order of creation
    last_seen: dict[str, int] = {}
    shared: dict[int, RoleInfo] = {}  # plural roles before lists of names (:func:`_attach_roles`)
    full = [s for s in spans if len(s.words) >= 2]
    for s in spans:
        aid = None
        if len(s.words) >= 2:
            key = " ".join(s.words).replace("’", "'")
            for pid, words in people:
                if _same_name(words, s.words):
                    aid = pid
                    break
            if aid is None:
                aid = f"person:{slug(key)}"
                people.append((aid, s.words))
                b.add(aid, name=key, kind="person")
            elif len(b.data[aid]["name"].split()) < len(s.words):
                b.update(aid, name=key)
            form = "name"
        else:
            w = s.words[0]
            said = lex.titles.get(doc[s.ti].lower_, "") if s.ti < s.i else ""
            # "Mrs Howard" is not Michael Howard: a courtesy title of the other sex is another person
            same = [pid for pid, words in people if len(words) >= 2 and words[-1] == w
                    and not _other_sex(said, _sex(ctx, pid, words))]
            if not same:
                later = [f for f in full if f.words[-1] == w
                         and not _other_sex(said, given_names().get(f.words[0], ""))]
                if not later:  # a family name written first, before the full name ("Kim")
                    firsts = {f.words: f for f in full if f.words[0] == w}
                    later = list(firsts.values()) if len(firsts) == 1 else []
                if later:
                    key = " ".join(later[0].words).replace("’", "'")
                    aid = f"person:{slug(key)}"
                    if all(pid != aid for pid, _ in people):
                        people.append((aid, later[0].words))
                        b.add(aid, name=key, kind="person")
            else:  # of two people of that surname, the one named more so far, else the later
                aid = max(same, key=lambda p: (len(b.mentions.get(p, ())), last_seen.get(p, -1)))
            if aid is None:  # a given name ("Daniel") or a family name written first ("Xi")
                first = [pid for pid, words in people if len(words) >= 2 and words[0] == w]
                if len(first) == 1:
                    aid = first[0]
            if aid is None:
                same1 = [pid for pid, words in people if words == (w,)]
                aid = same1[0] if same1 else f"person:{slug(w)}"
                if not same1:
                    people.append((aid, (w,)))
                    b.add(aid, name=w, kind="person")
            form = "surname"
        start = doc[s.ti].idx
        end = doc[s.j - 1].idx + len(doc[s.j - 1].text)
        if s.ti < s.i:
            form = "title"
            g = lex.titles.get(doc[s.ti].lower_, "")
            if g:
                ctx.gender.setdefault(aid, g)
        owner = b.owner(start, end)
        if owner is not None and owner != aid and b.kind(owner) == "location" \
                and not any(k in ctx.gaz_at for k in range(s.i, s.j)):
            b.remove(start, end)  # the model's place ("Penelope Cruz" as GPE) is a person's name
        b.mention(aid, start, end, form, rule=s.rule if form == "name" else "surname")
        last_seen[aid] = s.i
        _attach_roles(ctx, aid, s, shared)
    _lone_surnames(ctx, people)
    _drop_common_words(ctx, people)


def _sex(ctx: Context, pid: str, words: tuple[str, ...]) -> str:
    """A person's sex as known so far: from a courtesy title, else the given name ("" unknown)."""
    return ctx.gender.get(pid) or given_names().get(words[0], "")


def _other_sex(said: str, sex: str) -> bool:
    """A courtesy title's sex (``said``) and a person's (``sex``) are both known and differ."""
    return bool(said and sex and said != sex)


def _lone_surnames(ctx: Context, people: list[tuple[str, tuple[str, ...]]]) -> None:
    """A bare surname the model did not tag ("Jordan said" after "Michael Jordan"; "Mr Jordan",
    a courtesy title before it) is that person, even where the gazetteer read it as a place."""
    b, doc = ctx.builder, ctx.toks
    surnames: dict[str, list[str]] = {}
    words_of = dict(people)
    for pid, words in people:
        if len(words) >= 2 or ctx.gender.get(pid) is not None:  # "Mr Kishida" is a surname too
            surnames.setdefault(words[-1], []).append(pid)
    if not surnames:
        return
    n = len(doc)
    firsts = {pid: [m.start for m in b.mentions[pid] if m.form in ("name", "title")] for pid, _ in people}
    inside: set[int] = set()  # tokens of longer mentions ("Mr Kennedy"): already someone's
    for s, e in b.claimed:
        span = ctx.token_span(s, e)
        if span is not None and span[1] - span[0] > 1:
            inside.update(range(*span))
    for t in doc:
        pids = surnames.get(t.text)
        if not pids or t.i in inside:
            continue
        if len(pids) > 1:  # "Kevin Vickers" ... "Andrew Vickers": the one named more before, else later
            before = [(sum(m.start < t.idx for m in b.mentions[p]), max(s for s in firsts[p] if s < t.idx), p)
                      for p in pids if any(s < t.idx for s in firsts[p])]
            if not before:
                continue
            pids = [max(before)[2]]
        ent = ctx.ent_of[t.i]
        org_slip = ent is not None and ent.label_ == "ORG" and ent.end - ent.start == 1
        if t.pos_ != "PROPN" and not org_slip and not _speaking_org(ctx, t):
            continue
        if (t.i > 0 and doc[t.i - 1].pos_ == "PROPN" and doc[t.i - 1].text[:1].isupper()
                and doc[t.i - 1].lower_ not in ctx.lex.titles) or \
                (t.i + 1 < n and doc[t.i + 1].pos_ == "PROPN" and doc[t.i + 1].text[:1].isupper()):
            continue
        said = ctx.lex.titles.get(doc[t.i - 1].lower_, "") if t.i > 0 else ""
        if _other_sex(said, _sex(ctx, pids[0], words_of[pids[0]])):
            continue  # "Mrs Howard" after "Michael Howard": someone else
        start, end = t.idx, t.idx + len(t.text)
        owner = b.owner(start, end)
        if owner == pids[0]:
            continue
        if owner is not None:
            if b.kind(owner) not in ("country", "location"):
                continue
            b.remove(start, end)
        b.mention(pids[0], start, end, "surname", rule="lone-surname")


@functools.cache
def _word_classes() -> dict[str, frozenset[str]]:
    """Lower-case English words by class ("noun", "verb", "adj", "adv"): the model's lemmatizer
    index (WordNet's word lists); empty when the model has none."""
    from ..parse import load_model

    try:
        table = load_model().nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (KeyError, AttributeError):
        return {}
    return {pos: frozenset(table[pos]) for pos in ("noun", "verb", "adj", "adv") if pos in table}


@functools.cache
def _common_words() -> frozenset[str]:
    """Every word of :func:`_word_classes` (empty when the model has no index)."""
    return frozenset(w for words in _word_classes().values() for w in words)


def _last_token(ctx: Context, start: int, end: int):
    """The last token of the mention at [start, end) (the name's head: "Green" of "Damon Green")."""
    t = ctx.token_at(start)
    while t is not None and t.i + 1 < len(ctx.toks) and ctx.toks[t.i + 1].idx < end:
        t = ctx.toks[t.i + 1]
    return t


def _drop_common_words(ctx: Context, people: list[tuple[str, tuple[str, ...]]]) -> None:
    """``common-word``: a "person" with no title or role made only of ordinary English words
    ("Tattoo", "Debris"; several words only after an adjective that is no noun: "Beautiful
    Boy") that never speaks (no mention is the subject of a
    reporting verb) is the model's slip; names with a known given name ("Jim") stay."""
    b, lex = ctx.builder, ctx.lex
    words = _common_words()
    if not words:
        return
    for pid, name in people:
        if any(w in lex.given_names for w in name) or b.data[pid]["roles"]:
            continue
        ms = b.mentions[pid]
        if not ms or any(m.form == "title" for m in ms):
            continue
        toks = [_last_token(ctx, m.start, m.end) for m in ms]
        if len(name) == 1:
            if name[0].lower() not in words and not any(t is not None and t.lemma_.lower() in words for t in toks):
                continue
        elif not all(w.lower() in words for w in name) or \
                name[0].lower() not in _word_classes().get("adj", ()) or \
                name[0].lower() in _word_classes().get("noun", ()):
            continue  # "Beautiful Boy", "Golden Globes": ordinary words after an adjective
            # (WordNet's nouns hold given names: "Pat Riley", "Abraham Lincoln" stay)
        if any(t is not None and t.dep_ in ("nsubj", "nsubjpass") and ctx.reporting(t.head) for t in toks):
            continue  # "Hatch said": someone speaks
        for m in list(ms):
            b.remove(m.start, m.end)


def _speaking_org(ctx: Context, t) -> bool:
    """A one-word ORG (or a noun) that is the subject of a reporting verb ("Vickers said")."""
    ent = ctx.ent_of[t.i]
    one_word = ent is None or (ent.label_ == "ORG" and ent.end - ent.start == 1)
    return one_word and t.text[:1].isupper() and t.dep_ in ("nsubj", "nsubjpass") and ctx.reporting(t.head)


def _attach_roles(ctx: Context, aid: str, s: NameSpan, shared: dict[int, RoleInfo]) -> None:
    """The roles, state, party and affiliation the words around a name give its person.
    ``shared`` keeps, by the token after each name, a role written in the plural before a list
    of names ("Labour MPs Jane Roe and Tom Poe"): each name coordinated after it has it too."""
    b, doc, lex = ctx.builder, ctx.toks, ctx.lex
    infos = []
    before = roles_before(ctx, s.i)
    if before is None and s.ti < s.i:
        before = roles_before(ctx, s.ti)  # "shadow home secretary Mr Davis"
    if before is None:
        k = s.ti
        while k > 0 and (doc[k - 1].text == "," or doc[k - 1].lower_ in WORDS.list_joins):
            k -= 1
        if k < s.ti:
            before = shared.get(k)
    if before is not None and before.plural:
        shared[s.j] = before
    if before is not None:
        appositive = s.i > 0 and doc[s.i - 1].text == ","
        closes = s.j >= len(doc) or doc[s.j].text in (",", ")", ".", "\n") or doc[s.j].is_sent_start
        # "The chairman of the Law Society, Jane Roe said": no second comma, but the name is the
        # subject or the title's appositive (a list would be "the chairman, Jane Roe and ...")
        if not appositive or closes or doc[s.j - 1].dep_ in ("nsubj", "nsubjpass", "appos"):
            infos.append(before)
    after = roles_after(ctx, s.j)
    if after is None and s.j < len(doc) and doc[s.j].text.isupper() and doc[s.j].lower_ in lex.roles \
            and not doc[s.j].is_sent_start:
        t = doc[s.j]  # "Jane Roe MP", "John Roe MSP": an office after the name
        after = RoleInfo(t.text, t.idx, t.idx + len(t.text))
        rest = roles_after(ctx, s.j + 1)  # "Jane Roe MP, Labour's Chief Secretary to the Treasury"
        if rest is not None:
            infos.append(rest)
    if after is not None:
        infos.append(after)
    elif s.j + 1 < len(doc) and doc[s.j].lower_ in WORDS.person_org_preps:
        k = s.j + 1 + (doc[s.j + 1].lower_ == "the")
        ent = ctx.ent_of[k] if k < len(doc) else None
        if ent is not None and ent.label_ == "ORG" and ent.start <= k and k not in ctx.party_at:
            i, j = trim_entity(ent)
            b.update(aid, affiliation=ctx.article.text[doc[i].idx:doc[j - 1].idx + len(doc[j - 1].text)])
    if s.ti < s.i and (office := lex.title_offices.get(doc[s.ti].lower_)):
        b.update(aid, roles=(doc[s.ti].text,), offices=(office,))  # "Sen. Jane Roe": a senator
    party = next((info.party for info in infos if info.party is not None), None)
    for info in infos:
        sector = lex.sector(info.role)
        office = lex.office(info.role)
        if info.party is not None and (sector not in STATE_SECTORS or not (office and lex.role_states.get(office))):
            sector = PARTY_SECTOR  # "Tory co-chairman", "Lib Dem home affairs spokesman": a party office
        b.update(aid, roles=(info.role,), country=info.country, country_from=info.country_from,
                 affiliation=info.affiliation, sector=sector)
    party = party or _party_near(ctx, s)
    if party is not None:
        b.update(aid, affiliation=party.name, country=party.country, country_from="party",
                 sector=PARTY_SECTOR)


def _party_near(ctx: Context, s: NameSpan):
    """A party named next to a person's name: before it ("Labour's Jane Roe", "Tory Jane Roe",
    "Republican Sen. Jane Roe", "For the Tories, Jane Roe said"), as a label after it
    ("(D-Ohio)", "(Lab)") or as an appositive member noun ("Jane Roe, a Democrat from Ohio")."""
    doc, n = ctx.toks, len(ctx.toks)
    k = s.ti - 1
    if k >= 1 and doc[k].text in WORDS.possessive_marks:
        k -= 1
    if k >= 0 and k in ctx.party_at:
        return ctx.party_at[k]
    if k >= 2 and doc[k].text == "," and k - 1 in ctx.party_at:
        hit = ctx.party_at[k - 1]  # "For the Conservatives, Jane Roe said": speaking for the party
        x = hit.i - 1 - (hit.i >= 1 and doc[hit.i - 1].lower_ == "the")
        if x >= 0 and doc[x].lower_ == "for" and (doc[x].is_sent_start or x == 0 or doc[x - 1].is_punct):
            return hit
    j = s.j
    if j + 2 < n and doc[j].text == "(":
        label = doc[j + 1].text
        if doc[j + 2].text in ("-", "–", ")", ",") or doc[j + 2].text.startswith("-"):
            got = label_party(ctx, label)
            if got is not None:
                party, state, how = got
                return _LabelParty(party.name, state)
    if j + 2 < n and doc[j].text == ",":
        k = j + 1 + (doc[j + 1].lower_ in WORDS.articles)
        hit = ctx.party_at.get(k)
        if hit is not None and hit.use == "adjective" and (
                hit.j >= n or doc[hit.j].text in (",", ".", ")") or doc[hit.j].lower_ in WORDS.party_adjective_followers):
            return hit
    return None


@dataclass(frozen=True)
class _LabelParty:
    name: str
    country: str
