"""Statements that take a stance toward an actor: warnings, evaluations, carrying on despite calls.

PLOVER codes speech acts as events when they carry the speaker's stance toward another actor.
The trigger lexicon covers the verbs that name the stance ("criticised", "urged", "rejected");
this module reads the statements whose stance lies in how they are built:

* **warnings** (``warn``, a frame in the lexicon): a threat only when the speaker announces
  its own consequences ("warned it would strike unless ...", "warned of retaliation"); a
  request when someone is warned to act ("warned the bank not to raise rates"); an accusation
  when the warning is about another actor ("warned that the government's plan would fail");
  nothing when it only describes a risk ("warned that prices could rise");
* **evaluations**: naming something by a condemning or praising description ("called the
  plan 'unworkable'", "branded them a 'regressive' step", "described him as talented"), or
  saying so ("said the bill was deeply flawed") is ACCUSE or SUPPORT toward the actor
  described, or whose plan it is;
* **carrying on despite calls** ("vowed to press on despite calls to resign") rejects the
  calls: REJECT toward whoever made them;
* **quoted judgements**: a speaker's own words that condemn or praise an actor they name
  ('"The minister's plan is a shambles," Ms Ruiz said') are ACCUSE or SUPPORT from the
  speaker to that actor.

The words are data (``data/stance.json``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from ..actors import ActorIndex, organ_id
from ..lexicon import read_json
from ..lexicon.words import definite_determiners, policy_nouns, pronoun_set
from ..models import Actor, Quote
from . import arguments as args_
from .draft import Draft
from .lexicon import WORDS, Lexicon
from .modality import ASSERTED, modality_of
from .triggers import other_agent_clause

__all__ = ["Stance", "load_stance", "warning", "evaluations", "persisting", "quoted_judgements",
           "policy_owner", "home_government", "state_organ", "STANCE_VERSION"]

STANCE_VERSION = "events.stance.v2"
_KEYS = ("consequence_nouns", "naming_verbs", "pejorative_naming_verbs", "disapproving", "approving",
         "feeling_preps", "wrongdoing", "negative", "positive", "persist_verbs",
         "persist_particles", "opposition_nouns", "persist_preps", "policy_stances")
#: Sectors of actors that command the state's own organs ("police will not tolerate ...").
_STATE_SECTORS = frozenset(("GOV", "MIL", "COP", "EXE", "JUD", "SPY"))
_DESCRIPTION_DEPS = frozenset(("oprd", "xcomp", "attr", "acomp", "ccomp"))


@dataclass(frozen=True)
class Stance:
    consequence_nouns: frozenset[str]
    naming_verbs: frozenset[str]
    pejorative_naming_verbs: frozenset[str]
    disapproving: frozenset[str]
    approving: frozenset[str]
    feeling_preps: frozenset[str]
    wrongdoing: frozenset[str]
    negative: frozenset[str]
    positive: frozenset[str]
    persist_verbs: frozenset[str]
    persist_particles: frozenset[str]
    opposition_nouns: frozenset[str]
    persist_preps: frozenset[str]
    policy_stances: frozenset[str]


@lru_cache(maxsize=1)
def load_stance() -> Stance:
    data = read_json("newsgraph.events", "stance.json", version=STANCE_VERSION)
    stance = Stance(**{k: data.words(k, lower=k != "policy_stances") for k in _KEYS})
    if stance.negative & stance.positive or stance.disapproving & stance.approving:
        raise data.error("words both negative and positive: "
                         f"{sorted(stance.negative & stance.positive | stance.disapproving & stance.approving)}",
                         "E357")
    if not stance.pejorative_naming_verbs <= stance.naming_verbs:
        raise data.error("pejorative naming verbs that are not naming verbs: "
                         f"{sorted(stance.pejorative_naming_verbs - stance.naming_verbs)}", "E357")
    return stance


# --- warnings -----------------------------------------------------------------------------

def warning(anchor: Token, source: list[Actor], index: ActorIndex, lex: Lexicon,
            stance: Stance) -> tuple[str, list[Actor], str] | None:
    """(type, target, rule suffix) of a warning, or None when it only describes a risk."""
    own_ids = {a.id for a in source}
    warned = [a for c in anchor.children if c.dep_ in ("dobj", "dative")
              for a in args_.np_actors(c, index) if a.id not in own_ids]
    if other_agent_clause(anchor) is not None:
        clause = other_agent_clause(anchor)
        tgt = warned or [a for a in args_.subject_of(clause, index).actors if a.id not in own_ids]
        return "REQUEST", tgt, "warn-to"  # "warned the bank not to raise rates"
    for c in anchor.children:
        if c.dep_ == "prep" and c.lower_ in WORDS.warning_preps:
            if any(p.lemma_.lower() in stance.consequence_nouns or p.lower_ in stance.consequence_nouns
                   for p in c.children if p.dep_ == "pobj"):
                return "THREATEN", warned, "warn-of"  # "warned of retaliation"
    clause = next((c for c in anchor.children if c.dep_ == "ccomp"), None)
    if clause is None:
        return None
    unless = _condition_subject(clause, index, own_ids)
    own_states = own_ids | {a.country for a in source if a.country}
    if unless is not None or (_future(clause, lex) and (
            _own_side(clause, source, index, lex) or _own_consequence(clause, own_states, index, stance)
            or _conditional_consequence(clause, lex, stance))):
        others = [a for a in _clause_actors(clause, index)
                  if a.id not in own_states and a.country not in own_states]
        return "THREATEN", unless or warned or others or [
            a for a in args_.verb_targets(clause, index, exclude=frozenset(own_ids))
            if a.id not in own_states and a.country not in own_states], \
            "warn-own"  # "warned it would strike unless the government rethinks"
    about = [a for a in _clause_actors(clause, index) if a.id not in own_ids] or warned
    if about:
        return "ACCUSE", about, "warn-about"  # "warned that the government's plan would fail"
    return None


def _condition_subject(clause: Token, index: ActorIndex, own: set[str]) -> list[Actor] | None:
    """The one who must comply in "... unless X does Y" (an empty list when no actor is named)."""
    for c in clause.subtree:
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children):
            found = [a for t in c.subtree for a in [index.for_token(t)] if args_.is_participant(a)
                     and a.id not in own]
            return list({a.id: a for a in found}.values())
    return None


def _own_side(clause: Token, source: list[Actor], index: ActorIndex, lex: Lexicon) -> bool:
    """The warned-of act is the speaker's own: same actor, "we", or the state's own organs
    ("police will not tolerate ...") when the speaker acts for the state."""
    subs = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subs:
        return False
    ids = {a.id for a in source}
    for s in subs:
        if s.lower_ in pronoun_set(person=(1,), cases=("subject", "object")):  # "we", "I"
            return True
        found = args_.np_actors(s, index)
        if found and all(a.id in ids for a in found):
            return True
        if not found and s.lemma_.lower() in lex.state_organs and any(
                a.sector and a.sector.upper() in _STATE_SECTORS or a.kind == "country" for a in source):
            return True
    return False


def _own_consequence(clause: Token, own: set[str], index: ActorIndex, stance: Stance) -> bool:
    """The clause names the speaker's own response ("... would trigger a Russian response")."""
    for t in clause.subtree:
        if t.lemma_.lower() in stance.consequence_nouns and any(
                a.id in own or (a.country and a.country in own)
                for c in t.children if c.dep_ in ("amod", "compound", "poss")
                for a in args_.np_actors(c, index) or [index.for_token(c)] if a is not None):
            return True
    return False


def _conditional_consequence(clause: Token, lex: Lexicon, stance: Stance) -> bool:
    """"... that it would face sanctions if it continued": a consequence made conditional on
    the warned party's act."""
    conditional = any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in lex.condition_marks
                                                 for m in c.children) for c in clause.children)
    return conditional and any(t.lemma_.lower() in stance.consequence_nouns for t in clause.subtree)


def _future(clause: Token, lex: Lexicon) -> bool:
    return any(c.dep_ == "aux" and (c.lower_ in lex.future_modals or c.lower_ in lex.hypothetical_modals)
               for c in clause.children)


def _clause_actors(clause: Token, index: ActorIndex) -> list[Actor]:
    """Actors a clause is about: its subject, else the owner of its subject ("Labour's plan")."""
    for s in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
        found = args_.np_actors(s, index)
        if found:
            return found
    return []


# --- evaluations --------------------------------------------------------------------------

#: Phrases inside a description that do not describe its head ("dead *in the disaster*").
_ASIDE_DEPS = frozenset(("relcl", "acl", "advcl", "appos", "ccomp"))


def _describing(tokens, top: Token | None = None) -> list[Token]:
    """The words of a description that say what its head is like: its modifiers and "of"
    phrases ("a sign of sinister tactics"), not places, times or clauses about other things.
    ``top``: the word the description hangs from (the naming or saying verb)."""
    keep = []
    for t in tokens:
        cur, ok = t, True
        for _ in range(8):
            if top is not None and cur.head == top:
                break
            if cur.dep_ in _ASIDE_DEPS or (cur.dep_ == "prep" and cur.lower_ not in WORDS.judgement_preps):
                ok = False
                break
            if top is None and cur.dep_ in ("oprd", "xcomp", "attr", "acomp", "dobj", "nsubjpass") \
                    or cur.head == cur:
                break
            cur = cur.head
        if ok:
            keep.append(t)
    return keep


def polarity(tokens, stance: Stance, top: Token | None = None) -> str | None:
    """ACCUSE for a condemning description, SUPPORT for a praising one, None otherwise
    (a negated description has no clear stance)."""
    words = _describing(tokens, top)
    if any(t.dep_ == "neg" for t in words):
        return None
    neg = any(t.lemma_.lower() in stance.negative or t.lower_ in stance.negative for t in words)
    pos = any(t.lemma_.lower() in stance.positive or t.lower_ in stance.positive for t in words)
    if neg and not pos:
        return "ACCUSE"
    if pos and not neg:
        return "SUPPORT"
    return None


def evaluations(sent: Span, lex: Lexicon, index: ActorIndex, stance: Stance,
                rules: str) -> list[Draft]:
    """Naming or describing an actor (or its plan) in condemning or praising words."""
    out: list[Draft] = []
    for tok in sent:
        if tok.pos_ != "VERB":
            continue
        lemma = tok.lemma_.lower()
        if lemma in stance.naming_verbs:
            d = _naming(tok, lex, index, stance, rules)
        elif lemma in lex.report_verbs:
            d = _saying(tok, lex, index, stance, rules)
        else:
            d = None
        if d is not None:
            out.append(d)
    return out


def _naming(verb: Token, lex: Lexicon, index: ActorIndex, stance: Stance, rules: str) -> Draft | None:
    """"called the plan 'unworkable'", "branded them a 'regressive' step"."""
    named = next((c for c in verb.children if c.dep_ in ("dative", "dobj", "nsubjpass")), None)
    if named is None:
        return _naming_small_clause(verb, lex, index, stance, rules)
    desc: list[Token] = []
    for c in verb.children:
        if c.dep_ in ("oprd", "xcomp", "attr", "acomp") or (c.dep_ == "ccomp" and c.i > named.i) \
                or (c.dep_ == "dobj" and c.i > named.i):  # "branded [the chancellor] [a coward]"
            desc.extend(c.subtree)
        elif c.dep_ == "prep" and c.lower_ == "as":
            desc.extend(c.subtree)
    desc.extend(t for c in named.children if c.dep_ == "prep" and c.lower_ == "as" for t in c.subtree)
    # words after the object describe it ("called the tariffs unacceptable", parsed as modifiers)
    desc.extend(t for c in named.children if c.i > named.i
                and c.dep_ in ("amod", "acomp", "dobj", "conj", "appos", "attr", "npadvmod")
                for t in c.subtree)
    return _described(verb, named, desc, lex, index, stance, rules)


def _described(verb: Token, named: Token, desc: list[Token], lex: Lexicon, index: ActorIndex,
               stance: Stance, rules: str) -> Draft | None:
    if not desc:
        return None
    etype = polarity(desc, stance, verb)
    if etype is None and verb.lemma_.lower() in stance.pejorative_naming_verbs \
            and not any(t.dep_ == "neg" for t in desc):
        etype = "ACCUSE"  # "branded the scheme a tax on the poor"
    if etype is None:
        return None
    return _statement(verb, named, desc, etype, "describe", lex, index, rules)


def _naming_small_clause(verb: Token, lex: Lexicon, index: ActorIndex, stance: Stance,
                         rules: str) -> Draft | None:
    """The object and its description parsed as a clause with no auxiliary (a naming verb takes
    no clause): "branded [the scheme unworkable]" (subject "scheme", head "unworkable"),
    "branded [the Tory plans a waste]" (head "plans", taken for a verb, object "waste")."""
    comp = next((c for c in verb.children if c.dep_ == "ccomp"
                 and not any(x.dep_ in ("aux", "auxpass", "mark", "cop") for x in c.children)), None)
    if comp is None:
        return None
    rest = [c for c in comp.children if c.i > comp.i and c.dep_ in ("dobj", "attr", "oprd", "appos")]
    # a noun phrase taken for a clause: a noun head, or a verb with a noun's modifiers ("the
    # Iranian plans": "Iranian" an amod or, as a nationality or party word, the subject)
    nominal = comp.pos_ in ("NOUN", "PROPN") or any(
        c.i < comp.i and (c.dep_ in ("det", "amod", "compound", "poss", "nummod")
                          or c.dep_ == "nsubj" and (c.ent_type_ == "NORP" or c.pos_ == "ADJ"))
        for c in comp.children)
    if nominal and rest:
        named, desc = comp, [t for c in rest for t in c.subtree]
    else:
        named = next((c for c in comp.children if c.dep_ == "nsubj"), None)
        if named is None:
            return None
        desc = [t for t in comp.subtree if t not in set(named.subtree)]
    return _described(verb, named, desc, lex, index, stance, rules)


def _saying(verb: Token, lex: Lexicon, index: ActorIndex, stance: Stance, rules: str) -> Draft | None:
    """"said the bill was deeply flawed": a reported judgement of an actor or its plan; "said
    he was disappointed by the decision": a reported feeling about what someone did; "said
    Labour had wasted billions": a reported wrong."""
    for c in verb.children:
        if c.dep_ == "ccomp" and _own_feeling(verb, c, index) and (felt := _feeling(c, stance)) is not None:
            etype, cause, word = felt
            return _statement(verb, cause, [word], etype, "feeling", lex, index, rules)
        if c.dep_ == "ccomp" and (doer := _wrongdoer(c, stance)) is not None:
            return _statement(verb, doer, [c], "ACCUSE", "wrongdoing", lex, index, rules)
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.lemma_ == "be"), None)
    if clause is None:
        return None
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ in WORDS.empty_subjects:
        return None
    desc = [t for c in clause.children if c.dep_ in ("attr", "acomp") for t in c.subtree]
    if not desc:
        return None
    etype = polarity(desc, stance, clause)
    if etype is None or any(c.dep_ == "neg" for c in clause.children):
        return None
    return _statement(verb, subject, desc, etype, "judge", lex, index, rules)


def _wrongdoer(clause: Token, stance: Stance) -> Token | None:
    """The subject of a reported wrong ("Labour had wasted billions", "the minister misled MPs",
    "had failed pensioners"); none when negated."""
    lemma = clause.lemma_.lower()
    if lemma not in stance.wrongdoing or any(c.dep_ == "neg" for c in clause.children) \
            or lemma == "fail" and not any(c.dep_ == "dobj" for c in clause.children):
        return None
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    return None if subject is None or subject.lower_ in WORDS.empty_subjects else subject


def _own_feeling(verb: Token, clause: Token, index: ActorIndex) -> bool:
    """Is the clause about the speaker ("X said he was ...", "X said it was ..."), not someone else?"""
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return False
    own = index.for_token(subject)
    return own is None and subject.pos_ == "PRON" or own is not None and own.id in {
        a.id for a in args_.subject_of(verb, index).actors}


def _feeling(clause: Token, stance: Stance) -> tuple[str, Token, Token] | None:
    """(ACCUSE or SUPPORT, what caused it, the feeling word) for "[he] was disappointed by the
    decision", "[they were] pleased with the plan"; not when negated."""
    if any(c.dep_ == "neg" for c in clause.children):
        return None
    # "was disappointed by": the parser makes the feeling the clause's head (a passive) or a
    # complement of "be"
    words = [clause] if clause.lemma_ != "be" else [a for a in clause.children if a.dep_ == "acomp"]
    for a in words:
        low = a.lower_
        if low not in stance.disapproving | stance.approving or any(c.dep_ == "neg" for c in a.children):
            continue
        cause = next((p for c in a.children if c.dep_ in ("prep", "agent") and c.lower_ in stance.feeling_preps
                      for p in c.children if p.dep_ == "pobj"), None)
        if cause is not None:
            return ("ACCUSE" if low in stance.disapproving else "SUPPORT"), cause, a
    return None


def _statement(verb: Token, about: Token, desc: list[Token], etype: str, rule: str, lex: Lexicon,
               index: ActorIndex, rules: str) -> Draft | None:
    source = list(args_.subject_of(verb, index).actors)
    if not any(args_.may_speak_for_a_state(a, lex) for a in source):
        return None  # an analyst's or a commentator's opinion is no political act
    own = frozenset(a.id for a in source)
    # whom it is about: the actor described or the owner of the thing described ("the Tory
    # plans", "Labour's bill"), else an actor the description names ("tactics by Labour")
    target = [a for a in args_.np_actors(about, index) if a.id not in own]
    if not target:
        target = [a for a in args_.owner_of(about, index) if a.id not in own]
    if not target:
        target = [a for t in desc for a in [index.for_token(t)] if args_.is_participant(a) and a.id not in own]
    target = list({a.id: a for a in target}.values())
    if not target:
        owner = policy_owner(about, index, source)
        if owner is None or owner.id in own:
            return None
        target, rule = [owner], rule + "+policy-owner"
    modality = modality_of(verb, lex)
    end = verb.idx + len(verb.text)
    return Draft(etype, tuple(source), tuple(target), modality, verb.idx, end, f"{rules}:{rule}",
                 0.6, "criticize" if etype == "ACCUSE" else "praise",
                 "111" if etype == "ACCUSE" else "051", None, None, verb)


# --- carrying on despite calls ----------------------------------------------------------

def persisting(sent: Span, lex: Lexicon, index: ActorIndex, stance: Stance, rules: str) -> list[Draft]:
    """"vowed to press on despite calls to resign": REJECT of the calls."""
    out: list[Draft] = []
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in stance.persist_verbs:
            continue
        if tok.lemma_.lower() not in WORDS.persist_alone and not any(
                c.dep_ in ("prt", "advmod", "acomp", "prep") and c.lower_ in stance.persist_particles
                and c.i > tok.i for c in tok.children):
            continue
        against = _opposition(tok, stance)
        if against is None:
            continue
        source = list(args_.subject_of(tok, index).actors)
        if not source:
            continue
        own = {a.id for a in source}
        target = [a for t in against.subtree for a in [index.for_token(t)]
                  if args_.is_participant(a) and a.id not in own]
        target = list({a.id: a for a in target}.values())
        out.append(Draft("REJECT", tuple(source), tuple(target), ASSERTED, tok.idx,
                         tok.idx + len(tok.text), f"{rules}:persist-despite", 0.6, "reject", "120",
                         None, None, tok))
    return out


def _opposition(verb: Token, stance: Stance) -> Token | None:
    """The "calls"/"criticism" a course is pursued against ("despite calls", "in the face of")."""
    for c in verb.children:
        if c.dep_ != "prep":
            continue
        objs = [p for p in c.children if p.dep_ == "pobj"]
        if c.lower_ == "in" and objs and objs[0].lower_ == "face":
            objs = [p for pp in objs[0].children if pp.dep_ == "prep" and pp.lower_ == "of"
                    for p in pp.children if p.dep_ == "pobj"]
        elif c.lower_ not in stance.persist_preps:
            continue
        for p in objs:
            if p.lemma_.lower() in stance.opposition_nouns or p.lower_ in stance.opposition_nouns:
                return p
    return None


# --- quoted judgements ---------------------------------------------------------------------

def quoted_judgements(doc, quotes: tuple[Quote, ...], lex: Lexicon, index: ActorIndex,
                      stance: Stance, rules: str) -> list[Draft]:
    """A direct quote that condemns or praises an actor, or an actor's thing, by name:
    '"Harper's divisive approach failed," she said', '"The minister is a disgrace," he said'."""
    out: list[Draft] = []
    for q in quotes:
        if q.kind == "indirect" or q.speaker is None or q.speaker.actor is None:
            continue
        speaker = index.get(q.speaker.actor)
        if speaker is None or not args_.may_speak_for_a_state(speaker, lex):
            continue
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            continue
        own = {speaker.id, speaker.country}
        for t in span:
            etype = _judgement(t, stance)
            if etype is None:
                continue
            judged, thing = _judged(t, index)
            target = [a for a in judged if a.id not in own and a.kind != "location"]
            rule = "quoted-judgement"
            if not target:
                owner = policy_owner(thing, index, (speaker,))  # '"a very bad bill"'
                if owner is None or owner.id in own:
                    continue
                target, rule = [owner], rule + "+policy-owner"
            out.append(Draft(etype, (speaker,), tuple({a.id: a for a in target}.values()), ASSERTED,
                             t.idx, t.idx + len(t.text), f"{rules}:{rule}", 0.5,
                             "criticize" if etype == "ACCUSE" else "praise",
                             "111" if etype == "ACCUSE" else "051", speaker.id, None, t))
            break  # one judgement a quote
    return out


def _judgement(t: Token, stance: Stance) -> str | None:
    word = (t.lemma_.lower(), t.lower_)
    if any(c.dep_ == "neg" for c in (*t.children, *t.head.children)):
        return None
    if word[0] in stance.negative or word[1] in stance.negative:
        return "ACCUSE"
    if word[0] in stance.positive or word[1] in stance.positive:
        return "SUPPORT"
    return None


def _judged(t: Token, index: ActorIndex) -> tuple[list[Actor], Token | None]:
    """What an evaluative word judges: the noun it modifies ("Harper's *divisive* approach"),
    or the subject it is said of ("Trump is a *fraud*", "the plan is *unworkable*"); the
    actor that is, or that owns, that thing."""
    if t.dep_ == "amod":
        thing = t.head
    elif t.dep_ in ("acomp", "attr", "oprd"):
        thing = next((c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if thing is None or thing.lower_ in WORDS.empty_things:
            return [], None
    elif t.dep_ == "compound" and t.head.dep_ in ("attr", "acomp"):
        thing = t.head
    else:
        return [], None
    if thing.dep_ == "attr":  # "he has been a *prudent* chancellor": he is judged
        subject = next((c for c in thing.head.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ not in WORDS.empty_things:
            thing = subject
    return args_.np_actors(thing, index) or args_.owner_of(thing, index), thing


# --- whose policy ---------------------------------------------------------------------------

def policy_owner(thing: Token | None, index: ActorIndex,
                 source: Iterable[Actor] = ()) -> Actor | None:
    """The owner of a policy the text names no owner for where it stands: the one named where
    the article spoke of it before ("Labour plans ... the plans"), else the government of the
    article's home country ("the Lib Dems oppose the bill": the bill is the government's),
    unless those who take the stance are of another state ("Israel's cabinet approved a plan")."""
    if thing is None or thing.lemma_.lower() not in policy_nouns() or index.home_country is None:
        return None
    if _named_owner(thing, index) is not None:
        return None  # "the Tory plans": an owner is named (and found, or not, by the parse)
    earlier = _earlier_owner(thing, index)
    if earlier is not None:
        return earlier
    states = {a.country for a in source if a.country}
    return home_government(index) if not states or index.home_country.code in states else None


def _named_owner(thing: Token, index: ActorIndex) -> Actor | None:
    """The actor a modifier of ``thing`` names ("the Tory plans", "Labour's bill")."""
    return next((a for c in thing.children if c.dep_ in ("poss", "compound", "amod", "nmod")
                 for a in [index.for_token(c)] if a is not None), None)


def _earlier_owner(thing: Token, index: ActorIndex) -> Actor | None:
    """For a definite policy noun ("the plans"), the owner named at its nearest earlier mention
    ("controversial Labour plans to introduce ID cards")."""
    if not any(c.dep_ == "det" and c.lower_ in definite_determiners() for c in thing.children):
        return None
    lemma = thing.lemma_.lower()
    for t in reversed(thing.doc[:thing.i]):
        if t.lemma_.lower() == lemma and t.pos_ == "NOUN":
            owner = _named_owner(t, index)
            if args_.is_participant(owner):
                return owner
    return None


def home_government(index: ActorIndex) -> Actor | None:
    """The government of the article's home country as the article names it ("the
    government"), else the body of its government the article names most ("the assembly
    government", "the Scottish Executive", "the Treasury"), else that country, when the
    article mentions any."""
    if index.home_country is None:
        return None
    code = index.home_country.code
    bodies = [a for a in index.actors
              if a.kind == "organization" and a.country == code and a.sector == "GOV"]
    government = organ_id("government", code)
    return next((a for a in bodies if a.id == government), None) \
        or max(bodies, key=lambda a: len(a.mentions), default=None) or args_.state(index, code)


def state_organ(index: ActorIndex, state: str, sector: str) -> Actor | None:
    """The article's actor for an organ of ``state`` of that sector ("police"), else the state
    itself, when the article mentions either."""
    return next((a for a in index.actors if a.kind == "organization" and a.country == state
                 and a.sector == sector), None) or args_.state(index, state)
