"""Role phrases around a person's name: titles before it, appositives on either side.

"US Secretary of State Antony Blinken"        -> role "US Secretary of State", country USA
"Japan's foreign minister, Yoshimasa Hayashi" -> role "foreign minister", country JPN
"Daniel Russel, former United States diplomat for Asia who is now with the Asia Society
 Policy Institute"                            -> role "former United States diplomat for Asia",
                                                 country USA, affiliation the institute
"Jeffrey Hornung, a Japanese security policy expert at the Rand Corporation"
                                              -> role "Japanese security policy expert",
                                                 no country ("Japanese" qualifies the policy,
                                                 not the expert), affiliation Rand Corporation

A state is the person's only when its name or demonym stands right before the role title
("US Secretary", "Japanese foreign minister"), owns it ("Japan's foreign minister") or
follows it with "of" ("president of France").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..lexicon.words import pronoun_set
from .context import Context
from .lexicon import WORDS, singular
from .parties import PartyHit
from .places import trim_entity

__all__ = ["RoleInfo", "roles_before", "roles_after", "role_like"]



@dataclass(frozen=True)
class RoleInfo:
    role: str
    start: int  # char offsets of the role phrase
    end: int
    country: str | None = None
    affiliation: str | None = None
    country_from: str | None = None  # nationality | possessive | appositive
    party: PartyHit | None = None  # a party named in the phrase ("Tory leader", "Labour MP")
    plural: bool = False  # written in the plural: it is the role of each name coordinated after it


def _party_in(ctx: Context, i: int, j: int) -> PartyHit | None:
    """The first party mentioned in tokens [i, j)."""
    for k in range(max(i, 0), j):
        hit = ctx.party_at.get(k)
        if hit is not None:
            return hit
    return None


def role_like(ctx: Context, i: int, j: int) -> bool:
    """Are tokens [i, j) only a state and role words ("British Defence" of "British Defence
    Secretary Tom King")? The model's slip: they are part of the role, not an organisation."""
    lex = ctx.lex
    words = ctx.toks[i:j]
    role = [t for t in words if t.lower_ in lex.role_words or t.lower_ in lex.role_modifiers]
    return bool(role) and all(t in role or t.i in ctx.gaz_at or t.lower_ in WORDS.role_phrase_fillers
                              for t in words)


def _is_country_tok(ctx: Context, k: int, *, regions: bool = False) -> str | None:
    """The state of a country, demonym or capital at token k (with ``regions``, also of a region
    or city: "Ontario Premier", "Welsh Health Minister", "Texas Gov.")."""
    m = ctx.gaz_at.get(k)
    if m and (m.place.kind in ("country", "demonym", "capital")
              or regions and m.place.kind in ("region", "city")):
        c = ctx.gaz.countries[m.place.code]
        return c.parent or c.alpha3
    return None


def portfolio_start(ctx: Context, h: int) -> int | None:
    """Where coordinated portfolios before the title head at token h start, when they name an
    office ("Culture, Media and Sport" of "Culture, Media and Sport Secretary"; the model may
    take a portfolio for an organisation): see :meth:`Lexicon.portfolio`."""
    doc, k = ctx.toks, h
    while k - 1 >= 0 and h - k < 10 and ctx.sent_of[k - 1] == ctx.sent_of[h]:
        t = doc[k - 1]
        if not (t.text == "," or t.lower_ == "and" or t.pos_ in ("NOUN", "PROPN", "ADJ")) \
                or t.ent_type_ in ("PERSON", "DATE", "TIME"):
            break
        k -= 1
    while k < h and (doc[k].text == "," or doc[k].lower_ == "and"):
        k += 1
    for s in range(k, h - 2):  # the longest run that reads as portfolios
        if doc[s].text != "," and doc[s].lower_ != "and" \
                and ctx.lex.portfolio([t.lower_ for t in doc[s:h + 1]]) is not None:
            return s
    return None


def in_portfolio(ctx: Context, i: int, j: int) -> bool:
    """Are tokens [i, j) words of coordinated portfolios before a title ("Media" and "Sport" of
    "Culture, Media and Sport Secretary")?"""
    doc = ctx.toks
    for h in range(i, min(j + 8, len(doc))):
        t = doc[h]
        if h >= j and not (t.text == "," or t.lower_ == "and" or t.pos_ in ("NOUN", "PROPN", "ADJ")):
            return False
        if t.lower_ in ctx.lex.role_heads:
            return (p := portfolio_start(ctx, h)) is not None and p <= i
    return False


def _title_start(ctx: Context, toks: list[Token]) -> int | None:
    """Index in toks where the role title (the longest known title ending at the head) starts."""
    words = [t.lower_ for t in toks]
    words[-1] = ctx.lex.role_plurals.get(words[-1], words[-1])  # "MPs": the title "mp"
    roles = ctx.lex.roles
    for k in range(len(words)):
        if " ".join(words[k:]) in roles or " ".join(words[k:]).replace("-", " ") in roles:
            return k
    return None


def _country_for_title(ctx: Context, toks: list[Token], k: int) -> str | None:
    """A country token (or multi-token name) before the title start toks[k], past modifiers of
    the office ("Nigerian junior foreign minister", "US former ambassador")."""
    while k >= 2 and toks[k - 1].lower_ in ctx.lex.rank_modifiers and toks[k - 1].i not in ctx.gaz_at:
        k -= 1
    if k == 0:
        return None
    prev = toks[k - 1]
    if prev.text == "-" and k >= 2:  # "US-born"? no: only "then-" style joins; skip hyphen
        return None
    return _is_country_tok(ctx, prev.i, regions=_is_office(ctx, toks[k:]))


def _is_office(ctx: Context, toks: list[Token]) -> bool:
    """Is the title an office of a state (a region before it then places it: "Ontario Premier",
    "Welsh Health Minister"; but a "Texas lawyer" holds no office of Texas)?"""
    key = ctx.lex.office(" ".join([*(t.text for t in toks[:-1]), singular(toks[-1].text, ctx.lex)]))
    return bool(key and ctx.lex.role_states.get(key))


def _text(ctx: Context, toks: list[Token]) -> tuple[str, int, int]:
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    return ctx.article.text[start:end], start, end




def _office_suffix(doc, k: int) -> bool:
    """Is token k the "elect" of "President-elect" (joined by a hyphen, no spaces)?"""
    return k >= 2 and doc[k].lower_ in WORDS.office_suffixes and doc[k - 1].text == "-" \
        and not doc[k - 1].whitespace_ and not doc[k - 2].whitespace_


def _of_body(ctx: Context, k: int) -> tuple[int, Span] | None:
    """(title head, the body) when token k ends "<title> of [the] <body>" ("chairman of the Bar
    Council", "president of France")."""
    ent = ctx.ent_of[k] if k >= 0 else None
    if ent is None or ent.end - 1 != k or ent.label_ not in ("ORG", "GPE"):
        return None
    j = ent.start - 1
    if j >= 0 and ctx.toks[j].lower_ in WORDS.articles:
        j -= 1
    if j < 1 or ctx.toks[j].lower_ != "of" or ctx.toks[j - 1].lower_ not in ctx.lex.role_heads:
        return None
    return j - 1, ent


def roles_before(ctx: Context, i: int) -> RoleInfo | None:
    """A pre-nominal title ("US Secretary of State" Name) or a role appositive before the name
    ("Japan's foreign minister, " Name), ending at token i-1."""
    doc = ctx.toks
    k = i - 1
    appositive = False
    if k >= 0 and doc[k].text == ",":
        appositive = True
        k -= 1
    of_body = _of_body(ctx, k) if appositive else None
    if of_body is not None:  # "The chairman of the Bar Council, " Name
        k = of_body[0]
    suffix = k
    if _office_suffix(doc, k):  # "President-elect", "minister-designate": the head is before
        k -= 2
    if k < 0 or doc[k].lower_ not in ctx.lex.role_heads and doc[k].lower_ not in ctx.lex.role_plurals:
        return None  # (a plural: "Labour MPs Jane Roe and Tom Poe", "the two councillors, Jane Roe and ...")
    if doc[k].ent_type_ == "PERSON" and k > 0 and doc[k - 1].text in ctx.lex.given_names:
        return None  # "Michael King" is a name, not a king
    if ctx.sent_of[k] != ctx.sent_of[i]:
        return None
    end, extra = suffix, suffix - k  # extra: the 2 tokens of "-elect" after the head, or 0
    country = how = None
    affiliation = None
    if (p := portfolio_start(ctx, k)) is not None:
        k = p
    scan = k  # the leftmost token read (an owner or organisation before the title included)
    while k - 1 >= 0 and ctx.sent_of[k - 1] == ctx.sent_of[end]:
        t = doc[k - 1]
        low = t.lower_
        if t.text in WORDS.possessive_marks and t.tag_ == "POS":
            owner = k - 2
            country = _is_country_tok(ctx, owner, regions=_is_office(ctx, doc[k:end + 1])) if owner >= 0 else None
            how = "possessive" if country else None
            ent = ctx.ent_of[owner] if owner >= 0 else None
            if country is None and ent is not None and ent.label_ == "ORG":
                affiliation = ent.text
            scan = ent.start if ent is not None else max(owner, 0)
            break
        if low in WORDS.articles or t.is_punct and t.text not in ("-",) or t.pos_ in ("AUX", "PRON", "DET", "NUM") \
                or t.pos_ == "VERB" and low not in ctx.lex.role_words:  # "and shadow home secretary": a verb to the tagger
            break
        if t.text == "-" and t.whitespace_:  # a spaced dash ends a dateline ("BEIJING - Chinese President")
            break
        if t.pos_ == "ADP" and low != "of":
            break
        if (t.ent_type_ == "PERSON" and k - 1 not in ctx.party_at and low not in ctx.lex.role_words) \
                or t.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY"):
            break
        if t.ent_type_ == "ORG" and k - 1 not in ctx.gaz_at and k - 1 not in ctx.party_at \
                and not role_like(ctx, ctx.ent_of[k - 1].start, ctx.ent_of[k - 1].end):
            ent = ctx.ent_of[k - 1]
            a, _ = trim_entity(ent)  # "Huawei CFO Meng Wanzhou": the organisation's words only
            affiliation = ctx.article.text[doc[a].idx:t.idx + len(t.text)] if a <= k - 1 else None
            scan = a
            break
        if not (low in ctx.lex.role_words or low in ctx.lex.role_modifiers or k - 1 in ctx.gaz_at
                or k - 1 in ctx.party_at or t.pos_ in ("NOUN", "ADJ", "PROPN") or low in ("of", "-")):
            break
        k -= 1
    scan = min(scan, k)
    toks = [doc[x] for x in range(k, end + 1)]
    while toks and (toks[0].lower_ in ("of", "-") or toks[0].pos_ == "CCONJ" or toks[0].pos_ == "ADJ" and toks[0].text.islower()
                    and toks[0].lower_ not in ctx.lex.role_words and toks[0].lower_ not in ctx.lex.role_modifiers):
        toks = toks[1:]  # "confident" of "was confident shadow home secretary Mr Roe"
    if not toks:
        return None
    ts = _title_start(ctx, toks[:len(toks) - extra])
    if ts is None:
        return None
    if country is None:
        country = _country_for_title(ctx, toks, ts)
        how = "nationality" if country else None
    if of_body is not None and country is None and affiliation is None:
        country = _is_country_tok(ctx, of_body[1].end - 1)
        how = "appositive" if country else None
        if country is None and of_body[1].label_ == "ORG":
            a, b = trim_entity(of_body[1])
            affiliation = _text(ctx, [ctx.toks[x] for x in range(a, b)])[0]
    party = _party_in(ctx, scan, end + 1)
    if party is not None and affiliation == ctx.article.text[doc[party.i].idx:doc[party.j - 1].idx + len(doc[party.j - 1].text)]:
        affiliation = None  # the party is the person's party, not an employer
    text, start, end_c = _text(ctx, toks)
    head = toks[-1 - extra]
    plural = head.lower_ in ctx.lex.role_plurals and not extra
    if plural:  # "Labour MPs": each is a "Labour MP"
        text = text[:len(text) - len(head.text)] + singular(head.text, ctx.lex)
    return RoleInfo(text, start, end_c, country, affiliation, how, party, plural)


def roles_after(ctx: Context, j: int) -> RoleInfo | None:
    """A role appositive after the name (Name ", a Japanese security policy expert at X")."""
    doc = ctx.toks
    n = len(doc)
    if j >= n or doc[j].text != ",":
        return None
    k = j + 1
    while k < n and (doc[k].lower_ in WORDS.articles or doc[k].text in WORDS.possessive_marks):
        k += 1
    country = how = None
    party = None
    if k < n and doc[k].lower_ in pronoun_set(person=(3,), cases=("possessive",), refers=("thing", "any")):
        return None
    # "Japan's foreign minister": possessor country; "Labour's health spokesman": the party
    if k + 1 < n and doc[k + 1].text in WORDS.possessive_marks and _is_country_tok(ctx, k):
        country, how = _is_country_tok(ctx, k), "possessive"
        k += 2
    elif k in ctx.party_at:
        hit = ctx.party_at[k]
        if hit.j < n and doc[hit.j].text in WORDS.possessive_marks:
            party, k = hit, hit.j + 1
    start_k = k
    head = None
    while k < n and ctx.sent_of[k] == ctx.sent_of[j] and k - start_k < 12:
        t = doc[k]
        if t.lower_ in WORDS.role_stop or t.pos_ in ("VERB", "AUX", "PRON"):
            break
        if t.pos_ == "ADP" and t.lower_ != "of" or t.lower_ in WORDS.affiliation_preps and head is not None:
            nxt = k + 1
            while nxt < n and doc[nxt].lower_ in WORDS.articles:
                nxt += 1
            ent = ctx.ent_of[nxt] if nxt < n else None
            if ent is not None and ent.label_ == "ORG":
                break  # "at the Rand Corporation": the affiliation, not the role
            if t.lower_ not in WORDS.role_inner_preps:
                break
        if t.lower_ in ctx.lex.role_heads:
            head = k
        k += 1
    if head is None:
        return None
    end_k = k
    toks = [doc[x] for x in range(start_k, end_k)]
    # drop trailing prepositions
    while toks and (toks[-1].pos_ == "ADP" or toks[-1].lower_ in WORDS.role_trailing_words):
        toks = toks[:-1]
    if not toks:
        return None
    head_pos = head - start_k
    ts = _title_start(ctx, toks[:head_pos + 1])
    if ts is None:
        return None
    if country is None:
        country = _country_for_title(ctx, toks, ts)
        how = "nationality" if country else None
    if country is None:  # "president of France"
        for x in range(head + 1, end_k - 1):
            if doc[x].lower_ == "of" and _is_country_tok(ctx, x + 1):
                country, how = _is_country_tok(ctx, x + 1), "appositive"
                break
    party = party or _party_in(ctx, start_k, end_k)
    affiliation = _affiliation(ctx, end_k)
    text, start, end = _text(ctx, toks)
    return RoleInfo(text, start, end, country, affiliation, how, party)


def _affiliation(ctx: Context, k: int) -> str | None:
    """An organisation after "at/with/of X" or in a "who is now with X" clause, before the next
    comma or full stop."""
    doc = ctx.toks
    n = len(doc)
    sent = ctx.sent_of[k - 1] if k > 0 else 0
    prev_prep = False
    while k < n and ctx.sent_of[k] == sent and doc[k].text not in (".", ";"):
        t = doc[k]
        ent = ctx.ent_of[k]
        if ent is not None and ent.label_ == "ORG" and prev_prep:
            i, j = trim_entity(ent)
            return ctx.article.text[doc[i].idx:doc[j - 1].idx + len(doc[j - 1].text)]
        if prev_prep and t.pos_ == "PROPN" and t.text[:1].isupper():
            j = k  # a capitalised name the model missed, ending in an organisation word
            while j < n and doc[j].text[:1].isupper() and doc[j].pos_ in ("PROPN", "NOUN"):
                j += 1
            if doc[j - 1].lower_ in ctx.lex.org_heads:
                return ctx.article.text[t.idx:doc[j - 1].idx + len(doc[j - 1].text)]
        if t.text == "," and not prev_prep and k > 0 and doc[k - 1].ent_type_ != "ORG":
            # a comma ends the appositive unless a "who ..." clause follows
            if not (k + 1 < n and doc[k + 1].lower_ in WORDS.appositive_relatives):
                return None
        prev_prep = t.lower_ in WORDS.affiliation_preps or (prev_prep and t.lower_ in WORDS.articles)
        k += 1
    return None
