"""Countries, capitals as governments or places, regions and cities (gazetteer + spaCy places).

Rules (``actors.rules.v10``):
- a country name, short name, abbreviation or demonym is the state (``USA``), with or without
  "the" and a possessive;
- a capital or seat of government is the state when it acts or owns ("Tokyo had explained",
  "Beijing's actions", "a move by Beijing"), and a place otherwise ("concern in Tokyo", an
  all-caps dateline);
- a region, city or territory is a location belonging to its country ("Xinjiang" -> CHN);
- a gazetteer name inside a longer entity ("the Taiwan Strait", "Bangkok Post") is not a
  mention of the state: it gives that entity its country;
- other spaCy places (GPE/LOC/FAC) are locations; "Eniwa, Hokkaido" takes Hokkaido's country,
  "Kingston, Ont." Ontario's (``data/state_abbrevs.tsv``, read only after "Place,"), and a
  capital so placed is a namesake ("London, Ont." is in Canada);
- a PERSON entity made only of gazetteer names ("Sri Lanka") is the place, not a person;
- a demonym before a plural demonym ("Bosnian Serbs") is a group of the first state.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..lexicon import slug
from .context import Context
from .gazetteer import GazMatch, load_abbreviations
from .lexicon import WORDS


__all__ = ["extract_places", "trim_entity"]

GOV_DEPS = {"nsubj", "nsubjpass", "csubj", "agent"}
INNER_LABELS = {"ORG", "FAC", "LOC", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "GPE"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}


def trim_entity(ent: Span) -> tuple[int, int]:
    """Token range of an entity without a leading determiner and a trailing possessive."""
    i, j = ent.start, ent.end
    doc = ent.doc
    while i < j and doc[i].lower_ in WORDS.articles:
        i += 1
    while j > i and doc[j - 1].text in WORDS.possessive_marks:
        j -= 1
    return i, j


def _head(ctx: Context, i: int, j: int) -> Token:
    doc = ctx.toks
    for k in range(j - 1, i - 1, -1):
        if not (i <= doc[k].head.i < j) or doc[k].head.i == k:
            return doc[k]
    return doc[j - 1]


def acts_as_government(ctx: Context, m: GazMatch) -> bool:
    """Is a capital used for its government here (vs. as a place)?"""
    text = ctx.article.text[m.start:m.end]
    if text.isupper() and len(text) > 3:
        return False  # an all-caps dateline
    if ctx.is_possessive(m.j - 1):
        return True
    tok = _head(ctx, m.i, m.j)
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ in GOV_DEPS:
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ in WORDS.government_preps:
        if tok.head.lower_ == "from" and tok.head.head.lemma_ not in ctx.lex.reporting_verbs:
            return False
        return True
    if tok.dep_ in ("compound", "amod", "nmod") and tok.head.lower_ in WORDS.government_nouns:
        return True
    if tok.dep_ == "dobj" and tok.head.pos_ == "VERB" and tok.head.lemma_ not in WORDS.place_verbs:
        return True
    return False


def _inside_entity(ctx: Context, m: GazMatch) -> Span | None:
    """The longer entity a gazetteer match sits inside, if any."""
    ent = ctx.ent_of[m.i]
    if ent is None or ent.label_ not in INNER_LABELS:
        return None
    i, j = trim_entity(ent)
    if i >= m.i and j <= m.j:
        return None
    if ent.label_ == "GPE" and all(k in ctx.gaz_at for k in range(i, j)):
        return None  # "Washington and Beijing" tagged as one GPE
    return ent


def _abbreviations(ctx: Context) -> dict[int, tuple[str, str]]:
    """{token index: (region, alpha-3)} of province/state abbreviations after "Place,"
    ("Kingston, Ont.", "Vancouver, B.C."); added as locations of their country."""
    b, doc, table = ctx.builder, ctx.toks, load_abbreviations()
    out: dict[int, tuple[str, str]] = {}
    for t in doc[2:]:
        if not t.text[:1].isupper() or doc[t.i - 1].text != "," or not doc[t.i - 2].text[:1].isupper():
            continue
        hit = table.get(t.text)
        if hit is None and t.i + 1 < len(doc) and doc[t.i + 1].text == ".":
            hit = table.get(t.text + ".")  # "Ont" + "." split by the tokenizer
        if hit is None:
            continue
        region, code = hit
        out[t.i] = hit
        if t.i in ctx.gaz_at:
            continue  # the gazetteer's own region form
        aid = b.add(f"loc:{slug(region)}", name=region, kind="location", country=code)
        b.mention(aid, t.idx, t.idx + len(t.text), "alias", rule="state-abbrev")
    return out


def _place_country(ctx: Context, abbrevs: dict[int, tuple[str, str]], j: int) -> str | None:
    """The country a following ", Hokkaido" or ", Ont." gives the place ending at token j."""
    doc = ctx.toks
    if j + 1 < len(doc) and doc[j].text == ",":
        if j + 1 in abbrevs:
            return abbrevs[j + 1][1]
        m = ctx.gaz_at.get(j + 1)
        if m is not None and m.i == j + 1 and m.place.kind == "region":
            return m.place.code
    return None


def _gaz_person(ctx: Context, ent: Span, m: GazMatch) -> bool:
    """Is a gazetteer match inside a PERSON entity part of a person's name ("Michael Jordan")?
    Not when the entity is only gazetteer names ("Sri Lanka", "Ugandan", "Bosnian Serbs")."""
    i, j = trim_entity(ent)
    return not all(k in ctx.gaz_at for k in range(i, j))


def extract_places(ctx: Context) -> dict[int, str]:
    """Add countries and locations; returns {entity start token: country} for entities that
    contain a gazetteer name (for organisations)."""
    b, doc = ctx.builder, ctx.toks
    inner: dict[int, str] = {}
    abbrevs = ctx.abbrevs = _abbreviations(ctx)
    people = _peoples(ctx)
    for m in ctx.gaz_matches:
        if m.i in ctx.party_at:
            continue  # "Scottish" of "Scottish National Party": a word of a party's name
        ent = ctx.ent_of[m.i]
        if ent is not None and ent.label_ == "PERSON" and _gaz_person(ctx, ent, m):
            continue  # "Michael Jordan"; but "Ugandan" alone is no person, whatever the model says
        if m.i in people:
            code, j, name = people[m.i]
            aid = b.add(f"group:{slug(name)}", name=name, kind="group", country=code, members=(code,))
            b.mention(aid, m.start, m.start + len(name), "demonym", rule="people-of")
        if any(m.i > k and m.i < people[k][1] for k in people) or m.i in people:
            continue
        host = _inside_entity(ctx, m)
        if host is not None:
            if m.place.kind in ("country", "demonym", "capital"):
                inner.setdefault(host.start, m.place.code)
            continue
        place = m.place
        start = m.start
        if place.kind == "country" and m.i > 0 and doc[m.i - 1].lower_ == "the":
            start = doc[m.i - 1].idx
        country = ctx.gaz.countries[place.code]
        if place.kind == "country" and country.parent:
            aid = b.add(f"loc:{slug(country.name)}", name=country.name, kind="location",
                        country=country.parent)
            b.mention(aid, start, m.end, "name", rule="territory")
        elif place.kind in ("country", "demonym"):
            b.add(place.code, name=country.name, kind="country", country=place.code)
            form = "demonym" if place.kind == "demonym" else (
                "name" if ctx.article.text[m.start:m.end] == country.name else "alias")
            b.mention(place.code, start, m.end, form, rule=place.kind)
        elif place.kind == "capital" and _place_country(ctx, abbrevs, m.j) not in (None, place.code):
            # "London, Ont.": a namesake city elsewhere, a place of that country
            code = _place_country(ctx, abbrevs, m.j)
            aid = b.add(f"loc:{slug(place.name)}-{code.lower()}", name=place.name, kind="location", country=code)
            b.mention(aid, start, m.end, "name", rule="place-in-region")
        elif place.kind == "capital" and acts_as_government(ctx, m):
            b.add(place.code, name=country.name, kind="country", country=place.code)
            b.mention(place.code, start, m.end, "capital", rule="capital-government")
        else:
            aid = b.add(f"loc:{slug(place.name)}", name=place.name, kind="location",
                        country=place.code)
            b.mention(aid, start, m.end, "capital" if place.kind == "capital" else "name",
                      rule="capital-place" if place.kind == "capital" else place.kind)
    _other_places(ctx, inner, abbrevs)
    return inner


def _peoples(ctx: Context) -> dict[int, tuple[str, int, str]]:
    """{first token: (alpha-3, end token, text)} of a demonym adjective before a plural demonym:
    a people of the first state ("Bosnian Serbs", "Iraqi Kurds"), not the second state."""
    doc, text = ctx.toks, ctx.article.text
    out = {}
    for m in ctx.gaz_matches:
        nxt = ctx.gaz_at.get(m.j)
        if m.place.kind != "demonym" or nxt is None or nxt.i != m.j or nxt.place.kind != "demonym" \
                or not text[nxt.start:nxt.end].endswith("s") or nxt.place.code == m.place.code:
            continue
        if text[m.start:m.end].endswith("s") or doc[m.j - 1].text != text[m.start:m.end].split()[-1]:
            continue
        out[m.i] = (m.place.code, nxt.j, text[m.start:nxt.end])
    return out


def _other_places(ctx: Context, inner: dict[int, str], abbrevs: dict[int, tuple[str, str]]) -> None:
    b, doc, text = ctx.builder, ctx.toks, ctx.article.text
    for ent in ctx.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        i, j = trim_entity(ent)
        if i >= j or any(k in ctx.gaz_at for k in range(i, j)) and ent.start not in inner:
            continue
        if not doc[i].text[:1].isupper():
            continue
        start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
        name = text[start:end]
        country = inner.get(ent.start) or _place_country(ctx, abbrevs, ent.end)  # "Eniwa, Hokkaido"
        if any(k in abbrevs for k in range(i, j)):
            continue
        nxt = ent.end
        if country is None and nxt + 1 < len(doc) and doc[nxt].text == "," and nxt + 1 in ctx.gaz_at:
            country = ctx.gaz_at[nxt + 1].place.code
        if country and ctx.gaz.countries[country].parent:
            country = ctx.gaz.countries[country].parent
        how = "name" if ent.start in inner else "appositive"  # "Eniwa, Hokkaido"
        aid = b.add(f"loc:{slug(name)}", name=name, kind="location", country=country, country_from=how)
        b.mention(aid, start, end, "name", rule="place-ent")
