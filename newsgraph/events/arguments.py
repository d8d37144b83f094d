"""Source and target of an act, read from the dependency parse.

Every function here maps tokens to actors through the article's
:class:`~newsgraph.actors.ActorIndex` (``for_token``), so names, demonyms,
capitals and resolved pronouns all count, however the actors stage found them.
Noun phrases that are not actors themselves are searched one level down
("*Israeli* soldiers", "*Japan's* foreign minister", "security forces *in Guinea*").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..actors import ActorIndex
from ..lexicon.words import gerund_prepositions
from ..models import Actor
from .lexicon import WORDS, Lexicon

__all__ = ["Args", "np_actors", "subject_of", "verb_targets", "noun_arguments", "location_of",
           "is_political", "is_participant", "may_speak_for_a_state", "state"]

_NP_MOD_DEPS = frozenset(("compound", "amod", "nmod", "poss"))
_SUBJ_DEPS = frozenset(("nsubj", "csubj", "expl"))
_PARTICIPANT_KINDS = frozenset(("country", "person", "organization", "group"))


@dataclass(frozen=True, slots=True)
class Args:
    actors: tuple[Actor, ...] = ()
    inherited: bool = False  # taken from a governing clause, not the act's own words
    unresolved_pronoun: bool = False  # the subject is a pronoun the actors stage did not resolve
    relative: bool = False  # the subject came through a relative clause ("a resolution that aims to")


def state(index: ActorIndex, code: str | None) -> Actor | None:
    """The state with alpha-3 ``code`` as an event participant: the article's actor for it,
    else the state itself (id ``code``), which a coding convention may name though the
    article does not ("an arrest by the state", the home country's government)."""
    if not code:
        return None
    found = index.get(code)
    if found is not None:
        return found
    from ..actors.gazetteer import load_countries

    country = load_countries().get(code)
    return Actor(code, country[0].name if country else code, "country", code) if country else None


def is_participant(actor: Actor | None) -> bool:
    """An actor that can do or undergo an act: not a document, nor a place with no state."""
    if actor is None:
        return False
    return actor.kind in _PARTICIPANT_KINDS or (actor.kind == "location" and actor.country is not None)


def is_political(actor: Actor, lex: Lexicon) -> bool:
    """A state, a group of states, a government person or a political organisation."""
    if actor.sector and actor.sector.upper() in lex.nonpolitical_sectors:
        return False
    if actor.kind == "location":
        return False  # a place takes part ("shelled Juba") but does not make an act political
    if actor.kind in lex.political_kinds:
        return True
    if actor.sector and actor.sector.upper() in lex.political_sectors:
        return True
    if actor.kind == "person":
        return actor.country is not None
    if actor.kind == "organization" and actor.sector is None:
        words = actor.name.replace("-", " ").split()
        return any(w.lower() in lex.org_words or w in lex.org_acronyms for w in words) \
            or actor.name in lex.org_acronyms
    return False


def may_speak_for_a_state(actor: Actor, lex: Lexicon) -> bool:
    """Political, or a person whose state the article does not give (``newsgraph link`` may
    know it): a statement by either may be a political act; an analyst's or a firm's is not."""
    if is_political(actor, lex):
        return True
    return actor.kind == "person" and actor.country is None and not (
        actor.sector and actor.sector.upper() in lex.nonpolitical_sectors)


def _nonstate_heads() -> frozenset[str]:
    from .lexicon import load_lexicon

    return load_lexicon().nonstate_heads


def _aligned(tok: Token) -> bool:
    """"pro-Iranian", "anti-American": an alignment, not the actor itself."""
    if tok.lower_.startswith(tuple(p + "-" for p in WORDS.seq("alignment_prefixes"))):
        return True
    doc = tok.doc
    return tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ in WORDS.alignment_prefixes


def _add(out: list[Actor], actor: Actor | None) -> None:
    if is_participant(actor) and all(a.id != actor.id for a in out):
        out.append(actor)


def np_actors(tok: Token, index: ActorIndex, *, depth: int = 0, skip: frozenset[int] = frozenset()
              ) -> list[Actor]:
    """The actors a noun phrase headed by ``tok`` stands for (conjuncts expanded)."""
    out: list[Actor] = []
    own = index.for_token(tok)
    if own is None and tok.lemma_.lower() in _nonstate_heads():
        return out  # "a Canadian investment fund" is not Canada
    if is_participant(own):
        _add(out, own)
        if own.kind == "person" and own.country is None:
            # "Nigerian junior foreign minister Dubem Oniya": the state named in the same
            # noun phrase, when the actors stage gave the person none
            state = _np_state(tok, index, own)
            if state is not None:
                _add(out, state)
    elif (named := [a for c in tok.children if c.dep_ == "appos"
                    for a in [index.for_token(c)] if is_participant(a)]):
        for a in named:  # "his wife Hillary Clinton", "the president's wife, Hillary Clinton":
            _add(out, a)  # the name, not the possessor
    else:
        # "his US counterparts": the nationality word names the actor, not the possessor
        mods = sorted((c for c in tok.children if c.dep_ in _NP_MOD_DEPS and c.i not in skip),
                      key=lambda c: c.dep_ == "poss")
        for c in mods:
            if c.dep_ == "poss" and out:
                break
            if _aligned(c):
                continue
            a = index.for_token(c)
            if not is_participant(a) and c.dep_ == "compound":
                # "US Predator attacks": a nested compound names the actor
                a = next((index.for_token(cc) for cc in c.children if cc.dep_ == "compound"
                          and is_participant(index.for_token(cc))), None)
            if is_participant(a):
                _add(out, a)
                for cc in c.children:
                    if cc.dep_ == "conj" or (cc.dep_ == "compound" and c.dep_ == "compound"):
                        b = index.for_token(cc)
                        if is_participant(b):
                            _add(out, b)
            elif c.dep_ in ("poss", "nmod") and depth < 2:
                for a in np_actors(c, index, depth=depth + 1):
                    _add(out, a)
        if not out and (depth < 1 or (depth < 3 and (tok.like_num or tok.lower_ in WORDS.quantity_heads
                                                      or tok.head.lower_ == "of"))):
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in WORDS.member_preps:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            for a in np_actors(p, index, depth=depth + 1):
                                _add(out, a)
                if out:
                    break
    for c in tok.children:
        if c.dep_ == "conj" and c.i not in skip:
            for a in np_actors(c, index, depth=depth, skip=skip):
                _add(out, a)
    if not out and tok.lower_ in WORDS.relative_pronouns and tok.head.dep_ == "relcl" and depth < 2:
        return np_actors(tok.head.head, index, depth=depth + 1)
    return out


def _np_state(tok: Token, index: ActorIndex, person: Actor) -> Actor | None:
    """A country named among the title words before a person's name (same noun phrase)."""
    head = tok.head if tok.dep_ in ("appos",) else tok
    for t in head.subtree:
        if t.i >= tok.i or t.dep_ in ("prep", "pobj", "relcl", "acl", "punct"):
            continue
        a = index.for_token(t)
        if a is None or a is person or _aligned(t) or not a.country:
            continue
        if a.kind == "country":
            return a
        if a.kind == "organization":  # "British Defence Secretary": the ministry's state
            return state(index, a.country) or a
    return None


def _relative_antecedent(verb: Token) -> Token | None:
    """For a verb inside a relative clause (or a clause reported inside one), its antecedent."""
    cur, hops = verb, 0
    while hops < 3:
        if cur.dep_ == "relcl":
            return cur.head
        if cur.dep_ not in ("ccomp", "xcomp", "conj"):
            return None
        cur, hops = cur.head, hops + 1
    return None


def _own_subjects(verb: Token) -> tuple[list[Token], bool]:
    """Subject tokens of ``verb`` and whether the clause is passive (agent = subject)."""
    # a participle modifying a noun is passive too ("a scheme backed by the government")
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or verb.tag_ == "VBN" and (
        verb.dep_ in ("acl", "advcl") and not any(c.dep_ == "aux" for c in verb.children)
        or verb.dep_ == "conj" and any(c.dep_ == "agent" for c in verb.children))  # "drafted by X and backed by Y"
    if passive and verb.lower_ in WORDS.statal_participles and not any(c.dep_ == "agent" for c in verb.children):
        return [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")], False
    if passive:
        agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        return agents, True
    return [c for c in verb.children if c.dep_ in _SUBJ_DEPS], False


def subject_of(verb: Token, index: ActorIndex, *, max_hops: int = 4) -> Args:
    """Who does the act of ``verb``: its subject, the agent of a passive, or a governing subject."""
    cur, inherited = verb, False
    for _ in range(max_hops + 1):
        subs, passive = _own_subjects(cur)
        if passive and not subs:
            return Args((), inherited)  # "a state of siege was declared": no agent named
        if not subs and cur.tag_ == "VBN" and cur.dep_ in ("advcl", "acl") \
                and not any(c.dep_ == "aux" for c in cur.children):
            return Args((), inherited)  # "when asked ...": the one asked, not the asker
        if subs:
            actors: list[Actor] = []
            pronoun = relative = False
            for s in subs:
                if s.lower_ in WORDS.relative_pronouns:
                    ante = _relative_antecedent(cur)
                    found = np_actors(ante, index) if ante is not None else []
                    relative = True
                else:
                    found = np_actors(s, index)
                    pronoun = pronoun or (not found and s.pos_ == "PRON")
                for a in found:
                    _add(actors, a)
            return Args(tuple(actors), inherited, pronoun and not actors, relative and not actors)
        if cur.dep_ == "xcomp" and cur.head.pos_ == "VERB":
            # object control: "urged Japan to act" -> Japan acts; so does the subject of the
            # passive: "Japan was urged (forced, asked) to act"
            objs = [c for c in cur.head.children if c.dep_ in ("dobj", "dative", "nsubjpass")]
            if objs and cur.head.lemma_ not in ("promise",):
                found = [a for o in objs for a in np_actors(o, index)]
                return Args(tuple(found), True)
        if cur.dep_ == "pcomp" and cur.tag_ == "VBG" and cur.head.lower_ in gerund_prepositions() \
                and cur.head.head.pos_ in ("VERB", "AUX"):
            cur, inherited = cur.head.head, True  # "responded by accusing X": the responder
            continue
        if cur.dep_ in ("xcomp", "conj", "acomp", "advcl", "ccomp", "relcl", "acl") and cur.head != cur:
            if cur.dep_ == "acl" and cur.tag_ == "VBN":
                return Args((), True)  # "soldiers killed in the rising": the noun is the patient
            if cur.dep_ in ("relcl", "acl"):
                found = np_actors(cur.head, index)
                return Args(tuple(found), True, relative=not found)
            cur, inherited = cur.head, True
            continue
        break
    return Args((), inherited)


def verb_targets(verb: Token, index: ActorIndex, *, extra: Token | None = None,
                 exclude: frozenset[str] = frozenset(), places: bool = False) -> list[Actor]:
    """Whom the act of ``verb`` is done to: objects, passive subjects, prepositional targets.

    ``extra`` is a noun carrying the act in a light-verb pattern ("voiced concern
    *about China*"): its prepositional objects count too.  With ``places`` the
    objects of "in"/"at" count as well (used when nothing else is found).
    """
    out: list[Actor] = []
    cands: list[Token] = []
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) \
        and verb.lower_ not in WORDS.statal_participles
    for c in verb.children:
        if c.dep_ in ("dobj", "dative", "iobj", "oprd") or (passive and c.dep_ in ("nsubjpass", "nsubj")):
            cands.append(c)  # a light noun's own phrase counts too ("evacuate settlements in Gaza")
        elif c.dep_ in ("prep", "prt") and (c.lower_ in WORDS.target_preps or (places and c.lower_ in WORDS.place_preps)):
            # "on behalf of American authorities" names whom the act serves, not its target
            cands.extend(p for p in c.children if p.dep_ == "pobj" and p.lower_ != "behalf")
        if c.dep_ in ("prep", "prt", "advmod") and c.lower_ in WORDS.direction_particles:
            cands.extend(p for cc in c.children if cc.dep_ == "prep" and cc.lower_ in WORDS.target_preps
                         for p in cc.children if p.dep_ == "pobj")  # "pulled out of Syria"
    if extra is not None:
        for c in extra.children:
            if c.dep_ == "prep" and c.lower_ in WORDS.target_preps:
                cands.extend(p for p in c.children if p.dep_ == "pobj")
            elif c.dep_ in ("poss", "compound", "amod"):
                pass  # the act's own modifiers ("strong concern") are not targets
    for cand in cands:
        if cand.lower_ in WORDS.relative_pronouns:
            ante = _relative_antecedent(verb)
            found = np_actors(ante, index) if ante is not None else []
            if not found and ante is not None:
                found = owner_of(ante, index)
        else:
            found = np_actors(cand, index)
            if found and all(a.id in exclude for a in found):
                # "reneged on *his* commitment to the Zambian people": past the possessor
                found = [a for c in cand.children if c.dep_ == "prep" and c.lower_ in WORDS.target_preps
                         for p in c.children if p.dep_ == "pobj" for a in np_actors(p, index)]
        for a in found:
            if a.id not in exclude:
                _add(out, a)
    return out


def owner_of(noun: Token, index: ActorIndex, *, max_hops: int = 8) -> list[Actor]:
    """Whose thing a noun is: a possessor up the chain of nouns, or the subject that has it.

    "its plan to revise the strategy to boost capabilities, which ..." -> the owner of "its".
    """
    cur = noun
    for _ in range(max_hops):
        for c in cur.children:
            if c.dep_ == "poss":
                found = np_actors(c, index)
                if found:
                    return found
        if cur.dep_ in ("dobj", "pobj", "relcl", "acl", "nsubjpass") or cur.pos_ == "VERB":
            if cur.pos_ == "VERB" and cur.dep_ not in ("relcl", "acl", "xcomp"):
                subs = [c for c in cur.children if c.dep_ in _SUBJ_DEPS]
                found = [a for s in subs for a in np_actors(s, index)]
                return found
            cur = cur.head
            continue
        break
    return []


def noun_arguments(noun: Token, index: ActorIndex, *, skip: frozenset[int] = frozenset()
                   ) -> tuple[list[Actor], list[Actor]]:
    """Source and target of a nominal act: "Russia's buildup against Ukraine", "talks with Japan"."""
    src: list[Actor] = []
    tgt: list[Actor] = []
    for c in noun.children:
        if c.dep_ in _NP_MOD_DEPS and c.i not in skip:
            a = index.for_token(c)
            if is_participant(a) and _aligned(c):
                _add(tgt, a)  # "anti-Russian sanctions": aimed at Russia
            elif is_participant(a):
                _add(src, a)
                for cc in c.children:
                    if cc.dep_ == "conj":
                        _add(src, index.for_token(cc))
            elif c.dep_ == "poss":
                for a in np_actors(c, index):
                    _add(src, a)
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in WORDS.target_preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    for a in np_actors(p, index):
                        if all(a.id != s.id for s in src):
                            _add(tgt, a)
    return src, tgt


def location_of(head: Token, index: ActorIndex) -> Actor | None:
    """The place an act happened, from "in"/"at"/"near" phrases on its head word or its
    object ("strengthened its forces *in Lebanon*")."""
    preps = [c for c in head.children if c.dep_ == "prep"]
    preps += [p for o in head.children if o.dep_ == "dobj" for p in o.children if p.dep_ == "prep"]
    for c in preps:
        if c.lower_ in WORDS.place_preps:
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                a = index.for_token(p)
                if a is None:
                    for m in p.children:
                        if m.dep_ in ("compound", "amod", "poss"):
                            a = index.for_token(m)
                            if a is not None:
                                break
                if a is None:
                    for pp in p.children:
                        if pp.dep_ == "prep" and pp.lower_ in WORDS.place_of_preps:
                            a = next((index.for_token(x) for x in pp.children if x.dep_ == "pobj"), None)
                if a is not None and a.kind in ("country", "location"):
                    return a
    return None
