"""Organisations, documents and bodies that speak, and collective references to states.

Rules (``actors.rules.v10``):
- ``igo``: an intergovernmental organisation (``data/igos.tsv``: "the EU", "NATO", "the UN
  Security Council") is one organisation under its canonical name, sector IGO, no country;
- ``org-ent``: an ORG entity, without "the" and a possessive; not when it is only role words
  ("State" of "Secretary of State"), a country, or part of a person's name; a facility or
  natural feature ("... Maneuvering Ground", "the Taiwan Strait") is a location; its country
  comes from a state named inside it, owning it ("Japan's Foreign Ministry"), heading a
  description before it ("Italian dairy group Acme") or in an appositive after it ("a
  US-backed think tank"); "(AFN)" after it is the same organisation;
  a name of an organ's shape ("Ministry of Defence", "Department for Transport", "West Yorkshire
  Police", :func:`.organs.organ_by_shape`) takes that organ's sector and, with no state in it,
  the article's home country (``country_from`` ``home``);
- ``document``: "the joint statement", "its state news agency" when it says or does
  something (a subject, or "according to"); its country from its owner;
- ``body``: "the ministers", "the officials" as subjects: a group whose members are the
  states of the latest collective reference;
- ``group``: "the two allies", "both countries", "the two sides": a group whose members are
  the states of the latest coordination of that many states ("the United States and Japan",
  "US-Japan") before it, or an appositive after it in its sentence, else the latest states named.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import slug
from ..lexicon.words import pronoun_set
from .context import Context
from .lexicon import WORDS
from .organs import organ_by_shape, organ_named
from .places import trim_entity
from .roles import in_portfolio, role_like

__all__ = ["extract_orgs", "extract_documents", "extract_groups"]

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}


def _country_near(ctx: Context, i: int, j: int) -> tuple[str, str] | None:
    """(state, how): a state that owns the organisation ("Japan's Foreign Ministry":
    ``possessive``), heads a description before its name ("Italian dairy group Acme":
    ``nationality``) or qualifies an appositive after it (", a US-backed think tank": ``appositive``)."""
    doc = ctx.toks
    if i >= 2 and doc[i - 1].text in WORDS.possessive_marks and (i - 2) in ctx.gaz_at:
        m = ctx.gaz_at[i - 2]
        if m.place.kind in ("country", "demonym", "capital"):
            return m.place.code, "possessive"
    # a description before the name: "Italian dairy group Acme", "the US carmaker Acme"
    k = i - 1
    while k >= 0 and i - k <= 4 and doc[k].text.islower() and doc[k].is_alpha \
            and doc[k].pos_ in ("NOUN", "ADJ") and k not in ctx.gaz_at:
        k -= 1
    if k < i - 1 and k >= 0 and doc[i - 1].pos_ == "NOUN" and k in ctx.gaz_at and ctx.gaz_at[k].j == k + 1:
        m = ctx.gaz_at[k]
        if m.place.kind in ("country", "demonym"):
            return m.place.code, "nationality"
    # appositive: ", a US-backed think tank," / ", the Chinese state broadcaster"
    if j < len(doc) and doc[j].text == ",":
        k = j + 1
        while k < len(doc) and k - j < 8 and doc[k].text not in (",", ".", ";") and doc[k].pos_ not in ("VERB", "AUX"):
            m = ctx.gaz_at.get(k)
            if m and m.place.kind in ("country", "demonym"):
                # the state must qualify the appositive's head ("a US-backed think tank"); a state
                # that is the appositive itself is a list ("the EU, the U.S. and Japan")
                nxt = doc[m.j] if m.j < len(doc) else None
                if nxt is not None and m.j not in ctx.gaz_at and (
                        nxt.text in ("-", "–") or nxt.pos_ in ("NOUN", "ADJ", "PROPN")):
                    return m.place.code, "appositive"
                return None
            k += 1
    return None


def extract_orgs(ctx: Context, inner: dict[int, str]) -> None:
    b, doc, lex, text = ctx.builder, ctx.toks, ctx.lex, ctx.article.text
    acronyms: dict[str, str] = {}
    for ent in ctx.ents:
        if ent.label_ != "ORG":
            continue
        i, j = trim_entity(ent)
        if i >= j:
            continue
        words = [doc[k].lower_ for k in range(i, j)]
        if all(w in lex.role_words or w in WORDS.role_title_fillers for w in words):
            continue  # "State" of "Secretary of State", "Foreign Minister"
        if all(k in ctx.gaz_at for k in range(i, j)):
            continue  # a country the model called an organisation: done by places
        if role_like(ctx, i, j) and j < len(doc) and doc[j].lower_ in lex.role_words:
            continue  # "British Defence" of "British Defence Secretary": part of a role title
        if in_portfolio(ctx, i, j):
            continue  # "Media" of "Culture, Media and Sport Secretary"
        if any(ctx.ent_of[k] is not None and ctx.ent_of[k].label_ == "PERSON" for k in range(i, j)):
            continue
        if b.owner(doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)):
            continue
        if not doc[i].text[:1].isupper() and not doc[i].text[:1].isdigit():
            continue
        start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
        name = text[start:end]
        if "\n" in name:
            continue
        igo = lex.igo(name)
        if igo is not None:  # "the EU", "NATO": no member state is their country
            aid = f"org:{slug(igo)}"
            b.add(aid, name=igo, kind="organization", sector="IGO")
            b.mention(aid, start, end, "name" if name == igo else "alias", rule="igo")
            continue
        country, how = (inner[ent.start], "name") if ent.start in inner else (_country_near(ctx, i, j) or (None, None))
        if country and ctx.gaz.countries[country].parent:
            country = ctx.gaz.countries[country].parent
        if words[-1] in lex.place_heads or name.isupper() and len(words) == 1 and i in ctx.gaz_at:
            aid = b.add(f"loc:{slug(name)}", name=name, kind="location", country=country, country_from=how)
            b.mention(aid, start, end, "name", rule="facility")
            continue
        sector = None
        # "the PCS union": the common noun after the name may be the organisation's kind (not
        # "officers" of "Ontario Provincial Police officers")
        written = [doc[k].text for k in range(i, j)]
        kind_word = [doc[j].text] if j < len(doc) and doc[j].text.islower() and doc[j].pos_ == "NOUN" else []
        organ = (organ_by_shape(written + kind_word) if kind_word else None) or organ_by_shape(written)
        if organ is None and country and i in ctx.gaz_at and j - i > 1:
            # "US Justice Department": an organ of the table named with its state
            named = organ_named(written[1:])
            organ = named if named is not None and country in named.states else None
        if organ is not None:  # "Ministry of Defence", "West Yorkshire Police": an organ of the state
            sector = organ.sector
            if country is None and ctx.domestic and ctx.domestic[0] in organ.states:
                country, how = ctx.domestic
        aid = acronyms.get(name) or f"org:{slug(name)}"
        b.add(aid, name=name, kind="organization", country=country, country_from=how, sector=sector)
        b.mention(aid, start, end, "name" if aid.endswith(slug(name)) else "alias", rule="org-ent")
        # "Assembly of First Nations (AFN)": the acronym names the same organisation
        if j + 2 < len(doc) and doc[j].text == "(" and doc[j + 2].text == ")" and doc[j + 1].text.isupper():
            acronyms[doc[j + 1].text] = aid
            b.mention(aid, doc[j + 1].idx, doc[j + 1].idx + len(doc[j + 1].text), "alias", rule="org-acronym")


def _phrase(ctx: Context, head: Token) -> tuple[int, int, int | None]:
    """Token range [i, j) of a document phrase ending at head (compounds and adjectives before
    it), and the index of its owner token (possessive pronoun or country), if any."""
    doc = ctx.toks
    i = head.i
    while i - 1 >= 0 and doc[i - 1].dep_ in ("compound", "amod") and doc[i - 1].head.i in range(i, head.i + 1) \
            and doc[i - 1].pos_ in ("NOUN", "ADJ", "PROPN") and (i - 1) not in ctx.gaz_at:
        i -= 1
    owner = None
    k = i - 1
    if k >= 0 and doc[k].lower_ in pronoun_set(person=(3,), cases=("possessive",)):  # its, their, his, her
        owner = k
    elif k >= 0 and doc[k].text in WORDS.possessive_marks and (k - 1) in ctx.gaz_at:
        owner = k - 1
    elif k >= 0 and k in ctx.gaz_at:
        owner = k
    return i, head.i + 1, owner


def extract_documents(ctx: Context) -> list[tuple[str, int]]:
    """Add documents that speak; returns (actor id, owner token) for owners still to resolve."""
    b, doc, lex = ctx.builder, ctx.toks, ctx.lex
    found: dict[str, list[tuple[int, int, int | None]]] = {}
    speaking: set[str] = set()
    for t in doc:
        if t.lower_ not in lex.document_heads or t.pos_ != "NOUN":
            continue
        i, j, owner = _phrase(ctx, t)
        phrase = " ".join(doc[k].lower_ for k in range(i, j))
        if not any(phrase == d or phrase.endswith(" " + d) for d in lex.document_nouns):
            continue
        name = ctx.article.text[doc[i].idx:t.idx + len(t.text)]
        aid = f"doc:{slug(name)}"
        found.setdefault(aid, []).append((i, j, owner))
        if t.dep_ in SUBJECT_DEPS or (t.dep_ == "pobj" and t.head.lower_ == "to"
                                      and t.head.i > 0 and doc[t.head.i - 1].lower_ == "according"):
            speaking.add(aid)
    pending = []
    for aid in found:
        if aid not in speaking:
            continue
        for i, j, owner in found[aid]:
            name = ctx.article.text[doc[i].idx:doc[j - 1].idx + len(doc[j - 1].text)]
            country = None
            if owner is not None and owner in ctx.gaz_at:
                country = ctx.gaz_at[owner].place.code
            b.add(aid, name=name, kind="document", country=country, country_from="owner")
            start = doc[i - 1].idx if i > 0 and doc[i - 1].lower_ in WORDS.articles else doc[i].idx
            b.mention(aid, start, doc[j - 1].idx + len(doc[j - 1].text), "name", rule="document")
            if owner is not None and owner not in ctx.gaz_at:
                pending.append((aid, owner))
    return pending


def _coordinations(ctx: Context) -> list[tuple[int, tuple[str, ...]]]:
    """(token position, member states) of every coordination of two or more states."""
    doc = ctx.toks
    heads: dict[int, str] = {}
    for m in ctx.gaz_matches:
        if m.place.kind in ("country", "demonym") or (
                m.place.kind == "capital" and ctx.builder.owner(m.start, m.end) == m.place.code):
            heads[m.j - 1] = m.place.code
    groups: dict[int, list[str]] = {}
    for k, code in heads.items():
        root = k
        t = doc[k]
        while t.dep_ == "conj" and t.head.i in heads and t.head.i != t.i:
            t = t.head
        root = t.i
        if root != k:
            groups.setdefault(root, [heads[root]])
            if code not in groups[root]:
                groups[root].append(code)
    # "US-Japan alliance"
    for m in ctx.gaz_matches:
        if m.j + 1 < len(doc) and doc[m.j].text in ("-", "–", "/") and (m.j + 1) in ctx.gaz_at:
            other = ctx.gaz_at[m.j + 1].place.code
            if other != m.place.code:
                groups.setdefault(m.i, [m.place.code, other])
    return sorted((k, tuple(v)) for k, v in groups.items())


def extract_groups(ctx: Context) -> None:
    b, doc, lex = ctx.builder, ctx.toks, ctx.lex
    coords = _coordinations(ctx)
    latest_group: tuple[str, ...] = ()
    latest_at = -1
    for t in doc:
        low = t.lower_
        if low in lex.group_nouns and t.pos_ == "NOUN":
            k = t.i - 1
            number = None
            while k >= 0 and doc[k].pos_ in ("ADJ", "NUM", "DET") and t.i - k <= 3:
                if doc[k].lower_ in lex.numbers:
                    number = lex.numbers[doc[k].lower_]
                if doc[k].lower_ in WORDS.group_determiners:
                    break
                k -= 1
            if k < 0 or doc[k].lower_ not in WORDS.group_determiners:
                continue
            if doc[k].lower_ == "both":
                number = 2
            if number is None and low not in WORDS.unnumbered_group_nouns:
                continue
            members = _members(ctx, coords, t.i, number)
            if not members:
                continue
            aid = f"group:{'-'.join(m.lower() for m in members)}"
            b.add(aid, name=ctx.article.text[doc[k].idx:t.idx + len(t.text)], kind="group", members=members)
            b.mention(aid, doc[k].idx, t.idx + len(t.text), "group", rule="group")
            latest_group, latest_at = members, t.i
        elif low in lex.body_nouns and t.pos_ == "NOUN" and t.dep_ in SUBJECT_DEPS and t.i > 0 \
                and doc[t.i - 1].lower_ == "the" and latest_group and ctx.sent_of[t.i] - ctx.sent_of[latest_at] <= 3:
            aid = f"group:{low}"
            b.add(aid, name=f"the {low}", kind="group", members=latest_group)
            b.mention(aid, doc[t.i - 1].idx, t.idx + len(t.text), "group", rule="body")


def _members(ctx: Context, coords: list[tuple[int, tuple[str, ...]]], at: int, number: int | None) -> tuple[str, ...]:
    for k, members in reversed(coords):
        if k < at and (number is None or len(members) == number):
            return members
    for k, members in coords:  # "the two countries, Japan and Peru, ..."
        if k > at and ctx.sent_of[k] == ctx.sent_of[at] and (number is None or len(members) == number):
            return members
    if number is None:
        return ()
    seen: list[str] = []
    for m in reversed(ctx.gaz_matches):
        if m.i < at and m.place.kind in ("country", "demonym") and m.place.code not in seen:
            seen.append(m.place.code)
            if len(seen) == number:
                return tuple(reversed(seen))
    return ()
