"""From trigger matches to events in one sentence: frames, arguments, modality, type.

A frame verb ("pledged to", "refused to", "demanded that", "threatened to")
governs another act.  A promise frame passes its commitment to the act it
governs ("pledged to work together" is one intended act); refusal, request and
threat frames are the act themselves and take their target from the act they
govern.  Reporting verbs ("said", "announced") give the act a ``reported_by``
and lend their subject to a pronoun the actors stage left unresolved.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from ..actors import ActorIndex
from ..models import QUAD_CLASS, Actor, Quote
from . import arguments as args_
from . import senses, statements
from .draft import Draft
from .lexicon import WORDS, Lexicon
from .senses import load_senses
from .statements import load_stance
from .modality import HYPOTHETICAL, INTENDED, NEGATED, ASSERTED, governing_chain, modality_of
from .triggers import Match, match_sentence, other_agent_clause

__all__ = ["Draft", "sentence_drafts", "RULES"]

RULES = "events.rules.v7"
_COOP = frozenset(("verbal cooperation", "material cooperation"))
#: Acts coded against the acting state itself when the text names no other target
#: (repression, violence, protest, concessions and demands inside one state).
_DOMESTIC_TARGET = frozenset(("PROTEST", "COERCE", "CONCEDE", "ASSAULT", "REQUEST"))
#: Acts whose target may be the place where they happen ("deployed troops in Somalia").
_PLACE_TARGET = _DOMESTIC_TARGET | {"MOBILIZE", "SANCTION", "AID", "CONSULT"}
#: Cooperative acts are between states: a target that is the source's own state is dropped.
_OUTWARD = frozenset(("AGREE", "SUPPORT", "CONSULT", "COOPERATE", "AID"))
_LIGHT_HEADS = frozenset(("dobj", "nsubjpass", "attr", "pobj", "nsubj", "conj", "appos"))


def _anchor(m: Match, lex: Lexicon) -> Token:
    """The support verb whose clause carries a nominal act ("held talks"), or the match token."""
    tok = m.token
    if m.entry.pos == "V":
        return tok
    head = tok.head
    if tok.dep_ in ("dobj", "nsubjpass", "attr", "oprd") and head.pos_ in ("VERB", "AUX") \
            and head.lemma_.lower() in lex.support_verbs:
        return head
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB" \
            and head.lower_ in WORDS.support_preps and head.head.lemma_.lower() in lex.support_verbs \
            and not any(c.dep_ == "dobj" for c in head.head.children):
        return head.head  # "went on strike", "remained on alert"
    return tok


def _frame_of(verb: Token, frames: dict[int, Match]) -> Match | None:
    """The frame word directly governing ``verb`` (through adjectives: "is willing to";
    from a noun: "its demand that Israel ease")."""
    cur = verb
    for _ in range(3):
        if cur.dep_ not in ("xcomp", "ccomp", "acl") or cur.head == cur:
            return None
        head = cur.head
        if head.i in frames:
            return frames[head.i]
        if (head.pos_ == "ADJ" and head.dep_ in ("acomp", "xcomp")) or (
                head.dep_ == "xcomp" and head.lemma_.lower() in WORDS.seeing_verbs):
            cur = head  # "is willing to act", "wants to see them act"
            continue
        return None
    return None


def _reporter(verb: Token, lex: Lexicon, index: ActorIndex) -> tuple[Token | None, tuple[Actor, ...]]:
    """The reporting verb above ``verb`` (if any) and the actors who report."""
    for dep, head in governing_chain(verb).links:
        if dep == "conj":
            break
        if head.lemma_.lower() in lex.report_verbs and dep in ("ccomp", "conj", "xcomp"):
            subj = args_.subject_of(head, index)
            return head, subj.actors
    # "..., X said." with the report verb as the root and the act in a parataxis/ccomp
    root = verb.sent.root
    if root != verb and root.lemma_.lower() in lex.report_verbs and verb.head == root \
            and verb.dep_ in ("ccomp", "parataxis"):
        return root, args_.subject_of(root, index).actors
    return None, ()


def _convert(etype: str, modality: str, future: bool = False) -> str:
    """Intended cooperation is AGREE; intended material conflict is THREATEN (PLOVER).
    A conditional act ("would meet if ...", "may halt mediation if ...") is converted the
    same way: a conditional sanction is a threat."""
    if modality not in (INTENDED, HYPOTHETICAL):
        return etype
    quad = QUAD_CLASS[etype]
    if quad in _COOP and etype != "AGREE":
        return "AGREE"
    if quad == "material conflict":
        return "THREATEN"
    return etype


def _undergoer_source(anchor: Token, index: ActorIndex) -> list[Actor]:
    """Who acts on the subject of "faces calls from X", "came under fire from X": the actors of
    the nearest "from" or "by" phrase in the clause."""
    for t in anchor.subtree:
        if t.dep_ in ("prep", "agent") and t.lower_ in WORDS.source_preps and t.i > anchor.i:
            found = [a for p in t.children if p.dep_ == "pobj" for a in args_.np_actors(p, index)]
            if found:
                return found
    return []


def _for_clause(c: Token) -> bool:
    """A "for X to act" clause ("called for the minister to resign")."""
    return c.dep_ in ("advcl", "xcomp") and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)


def _ids(actors) -> tuple[str, ...]:
    return tuple(a.id for a in actors)


def sentence_drafts(sent: Span, lex: Lexicon, index: ActorIndex,
                    quotes: tuple[Quote, ...] = (), *, headline: bool = False) -> list[Draft]:
    """The events of one sentence (before political guards and dates); ``headline``: the
    sentence is the article's headline, whose grammar drops auxiliaries ("Leader arrested")."""
    matches = match_sentence(sent, lex)
    drafts: list[Draft] = []
    must = _must_clauses(sent, lex, index, {m.token.i for m in matches})
    drafts.extend(must[0])
    stance = load_stance()
    drafts.extend(statements.evaluations(sent, lex, index, stance, RULES))
    persisted = statements.persisting(sent, lex, index, stance, RULES)
    drafts.extend(persisted)
    if not matches:
        return drafts
    frames = {m.token.i: m for m in matches if m.entry.frame}
    for m in matches:  # "reiterated its demand that Israel ease ...": the clause hangs on the verb
        if m.entry.frame and m.entry.pos == "N":
            frames.setdefault(_anchor(m, lex).i, m)
    by_token = {m.token.i: m for m in matches}
    absorbed: dict[int, Match] = {}  # complement token -> frame match that governs it
    complements: dict[int, list[Match]] = {}  # frame token -> complement matches
    topics: set[int] = set()  # nominal acts that are another act's object or background
    for m in matches:
        if m.token.i in must[1]:
            continue
        if m.entry.pos == "N":
            gov = _governing_trigger(m.token, by_token)
            if gov is not None:
                topics.add(m.token.i)
                complements.setdefault(gov.token.i, []).append(m)
                continue
            if _background(m.token, lex):
                topics.add(m.token.i)
                continue
        f = _frame_of(_anchor(m, lex), frames)
        if f is not None and f.token.i != m.token.i:
            absorbed[m.token.i] = f
            complements.setdefault(f.token.i, []).append(m)
    for m in matches:
        if m.token.i in must[1] or m.token.i in topics:
            continue
        frame = absorbed.get(m.token.i)
        if m.entry.frame == "agree" and m.token.i in complements:
            continue  # the promise is coded on the act it governs
        if frame is not None and frame.entry.frame != "agree":
            continue  # "refused to deploy": coded as the refusal
        if m.entry.frame == "agree" and any(_governs(m.token, p.anchor) for p in persisted):
            continue  # "vowed to press on despite calls": the promise is the refusal
        if m.token.i not in complements and (
                m.entry.frame == "reject" and _declines_comment(m.token, lex)
                or m.entry.frame == "agree" and _concurs(m.token, lex)):
            continue
        d = _draft(m, frame, complements.get(m.token.i, ()), lex, index, quotes, headline)
        if d is not None:
            drafts.append(d)
    return _main_first(drafts)


def _declines_comment(verb: Token, lex: Lexicon) -> bool:
    """"refused to say whether ...", "declined to comment": declining to speak refuses no
    one (CAMEO 011, a statement), unless what is not said is itself an act ("refused to
    admit", a trigger of its own, is a complement)."""
    return any(c.dep_ == "xcomp" and c.pos_ == "VERB" and c.lemma_.lower() in lex.speech_verbs
               for c in verb.children)


def _concurs(verb: Token, lex: Lexicon) -> bool:
    """"agreed the claims were based on faulty data": sharing an opinion of what is so
    promises nothing; "agreed that talks should resume" (a modal: what is to be done) or
    "agreed to talks" is an agreement."""
    if verb.lemma_.lower() not in WORDS.concurrence_verbs:
        return False
    modals = lex.future_modals | lex.hypothetical_modals | lex.obligation_modals
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
    if not clauses or any(c.dep_ in ("xcomp", "prep", "dobj") for c in verb.children):
        return False
    return not any(a.dep_ == "aux" and (a.lower_ in modals or a.lower_ == "to")
                   for c in clauses for a in c.children)


def _governs(a: Token, b: Token) -> bool:
    """``a`` is an ancestor of ``b`` in the parse."""
    return any(t == a for t in b.ancestors)


def _subordinate(anchor: Token) -> bool:
    """An act told in a relative, adverbial or participle clause, or as a prepositional noun
    ("..., killing 20 people", "to demand reforms", "where riots broke out", "in a bomb attack")."""
    if anchor.pos_ in ("NOUN", "PROPN") and anchor.dep_ == "pobj":
        return True
    cur = anchor
    for _ in range(8):
        if cur.dep_ in ("relcl", "acl", "advcl", "pcomp"):
            return True
        if cur.head == cur:
            return False
        cur = cur.head
    return False


def _main_first(drafts: list[Draft]) -> list[Draft]:
    """A sentence's main-clause acts are coded; acts in subordinate clauses only when the
    main clause has none (PLOVER codes the reported act, not its circumstances)."""
    if len(drafts) < 2:
        return drafts
    main = [d for d in drafts if not _subordinate(d.anchor)]
    return main or drafts


def _draft(m: Match, frame: Match | None, comps, lex: Lexicon, index: ActorIndex,
           quotes: tuple[Quote, ...], headline: bool = False) -> Draft | None:
    e = m.entry
    anchor = _anchor(m, lex)
    conf = 0.9
    rule = e.rule
    # --- modality
    report_verb, reporters = _reporter(frame.token if frame else anchor, lex, index)
    stop = frozenset((report_verb.i,)) if report_verb is not None else frozenset()
    frames_ = (frame.token,) if frame is not None else ()
    modality = modality_of(anchor, lex, frames=frames_, stop=stop)
    if (e.frame == "agree" or e.commit) and frame is None and modality == ASSERTED and (e.commit or any(
            c.dep_ in ("xcomp", "ccomp") for c in anchor.children)):
        modality = INTENDED  # "vows to step up cooperation", "pledged tax cuts": a commitment
    if e.frame in ("reject", "request", "threaten", "warn") and modality == INTENDED and not frames_:
        modality = ASSERTED if not (set(c.lower_ for c in anchor.children if c.dep_ == "aux")
                                   & lex.future_modals) else INTENDED
    # --- source
    if e.pos == "N" and anchor == m.token:
        src, tgt = args_.noun_arguments(m.token, index, skip=frozenset(t.i for t in m.parts))
        if e.type == "CONSULT" and not src:
            src, tgt = tgt, []  # "a meeting of the two ministers": the participants
        subj = args_.Args(tuple(src))
        conf -= 0.1
        if not src and m.token.dep_ in ("pobj",) and m.token.head.dep_ == "prep":
            pass
    elif headline and _headline_passive(anchor):
        # "BNP leader arrested": a headline's bare participle is passive; its subject is done to
        subj = args_.Args()
        tgt = [a for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass")
               for a in args_.np_actors(c, index)]
    else:
        subj = args_.subject_of(frame.token if frame is not None and _no_subject(anchor) else anchor,
                                index)
        tgt = []
    source = list(subj.actors)
    if e.undergo:  # "Blair faces calls to resign from backbenchers": the callers act on Blair
        source, tgt, subj = _undergoer_source(anchor, index), source, args_.Args()
    headline_passive = headline and e.pos == "V" and not source and _headline_passive(anchor)
    if not source and frame is not None and not _no_subject(anchor):
        # "officials agreed that their countries should cooperate": the frame's subject acts
        subj = args_.subject_of(frame.token, index)
        source = list(subj.actors)
    if subj.inherited:
        conf -= 0.1
    bare_participle = anchor.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass")
                                                       for c in anchor.children)
    if not source and reporters and not bare_participle \
            and (subj.unresolved_pronoun or not _has_subject(anchor)):
        source = list(reporters)
        conf -= 0.2
        rule += "+reporter"
    if not source and subj.unresolved_pronoun and _first_person_subject(anchor):
        speaker = _quote_speaker(m.start, quotes)  # "We will vote against it," she said.
        if speaker is not None and index.get(speaker) is not None:
            source = [index.get(speaker)]
            conf -= 0.2
            rule += "+speaker"
    # --- target: an actor named as the source is not also its target
    exclude = frozenset(a.id for a in source)
    warned = None
    if e.frame == "warn":
        warned = statements.warning(anchor, source, index, lex, load_stance())
        if warned is None or not any(args_.may_speak_for_a_state(a, lex) for a in source):
            return None  # a warning about a risk, or an analyst's, takes no political stance
        e = replace(e, type=warned[0], frame=None, cameo=None, mode=None)
        tgt, rule = list(warned[1]), f"{rule}+{warned[2]}"
    elif (e.pos == "V" or anchor != m.token) and not headline_passive and not e.undergo:
        light = m.obj if m.obj is not None else (m.token if anchor != m.token else None)
        tgt = args_.verb_targets(anchor, index, extra=light, exclude=exclude)
    if not tgt and comps:
        for c in comps:
            ca = _anchor(c, lex)
            if e.frame == "request":
                tgt = [a for a in args_.subject_of(ca, index).actors if a.id not in exclude] \
                    if _has_subject(ca) else []
            if not tgt:
                tgt = args_.verb_targets(ca, index, extra=c.obj, exclude=exclude)
            if not tgt:
                tgt = args_.verb_targets(ca, index, exclude=exclude, places=True)
            if tgt:
                break
    if not tgt and e.frame in ("agree", "threaten", "reject"):
        for c in anchor.children:
            if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
                tgt = args_.verb_targets(c, index, exclude=exclude) or \
                    args_.verb_targets(c, index, exclude=exclude, places=True)
                break
    if not tgt and e.type == "ACCUSE" and (e.light and m.obj is not None or e.comp):
        # "expressed concern that China's efforts ...", "questioned whether the Tories could
        # pay": whom the concern or doubt is about
        for c in (*(m.obj.children if m.obj is not None else ()), *anchor.children):
            if c.dep_ in ("acl", "ccomp") and _has_subject(c):
                tgt = [a for a in args_.subject_of(c, index).actors if a.id not in exclude]
                break
    if not tgt and (e.type == "THREATEN" or e.frame == "threaten"):
        # "threatened to strike unless Israel rescinded ...": the one who must comply
        for w in (anchor, *(c for c in anchor.children if c.dep_ in ("xcomp", "ccomp"))):
            for c in w.children:
                if c.dep_ == "advcl" and any(x.dep_ == "mark" and x.lower_ in WORDS.threat_conditions
                                             for x in c.children) and _has_subject(c):
                    tgt = [a for a in args_.subject_of(c, index).actors if a.id not in exclude]
            if tgt:
                break
        for o in (() if tgt else (c for c in anchor.children if c.dep_ == "dobj")):
            # "threatened sanctions against China": whom the threatened measure is aimed at
            tgt = [a for p in o.children if p.dep_ == "prep" and p.lower_ in WORDS.measure_preps
                   for x in p.children if x.dep_ == "pobj" for a in args_.np_actors(x, index)
                   if a.id not in exclude]
    if not tgt and e.type == "PROTEST":
        # "staged demonstrations to demand the resignation of the Algerian president"
        for c in anchor.children:
            if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB":
                tgt = args_.verb_targets(c, index, exclude=exclude)
                if tgt:
                    break
    if not tgt and e.frame == "request":
        clause = other_agent_clause(anchor) if e.objcomp else None
        for c in ((clause,) if clause is not None else anchor.children):
            if (c.dep_ == "ccomp" or _for_clause(c)) and _has_subject(c):  # "called for X to resign"
                tgt = [a for a in args_.subject_of(c, index).actors if a.id not in exclude]
                break
    location = args_.location_of(anchor, index) or (
        args_.location_of(m.token, index) if anchor != m.token else None)
    if e.type == "COERCE" and any(c.dep_ == "nsubjpass" and c.lower_ in WORDS.anyone
                                  for c in anchor.children):
        return None  # "anyone convicted of it can be jailed": what a law provides, no act
    if not source and e.type == "COERCE" and (_passive(anchor) or headline_passive) \
            and (tgt or index.home_country):
        # "the party leader was arrested": an arrest with no agent named is the state's where
        # it happens, else the detainee's, else the home country's
        state = (location.country if location is not None else None) or next(
            (a.country for a in tgt if a.country), None) or (
            index.home_country.code if index.home_country else None)
        agent = statements.state_organ(index, state, "COP") if state else None
        if agent is not None and agent.id not in {a.id for a in tgt}:
            source, rule, conf = [agent], rule + "+state-agent", conf - 0.2
    if not tgt and (e.type in load_stance().policy_stances):
        owner = statements.policy_owner(_thing(anchor, m), index, source)
        if owner is not None and owner.id not in exclude:
            tgt, rule, conf = [owner], rule + "+policy-owner", conf - 0.2  # "opposed the bill"
    if not tgt and e.type == "REQUEST" and source and index.home_country is not None \
            and all(a.country == index.home_country.code for a in source):
        # a domestic demand that names no addressee is made of the government ("called for
        # an inquiry"), unless the government itself makes it
        gov = statements.home_government(index)
        if gov is not None and gov.id not in exclude and gov.kind != "country":
            tgt, rule, conf = [gov], rule + "+home-government", conf - 0.2
    # --- sense: force or words, politics or economics
    if e.sense == "physical" and not senses.physical(anchor, (*source, *tgt), load_senses()):
        if e.verbal is None:
            return None  # "fighting the election"
        e = replace(e, type=e.verbal, sense=None, targeted=None, cameo=None, mode=None)
        rule += "+verbal"  # "attacked the plan": criticism
    if e.sense == "economic" and senses.economic(m.token if e.pos == "N" else anchor, e, m.obj,
                                                 load_senses()):
        return None  # "demand for oil", "support the dollar"
    if e.sense == "published" and senses.published(anchor, m.obj, load_senses()):
        return None  # "released a report"
    if e.sense == "territory" and senses.territorial(anchor, m.obj, load_senses()):
        return None  # "defended the border"
    # --- type
    etype = e.type
    if e.targeted and (tgt or _aimed(anchor, index)):
        etype = e.targeted  # "fired missiles at ...": an attack, not a test
    future = _future(anchor, frames_, lex)
    if frame is not None:
        rule = f"{frame.entry.rule}>{rule}"
        etype = _convert(etype, modality, future)
    elif e.frame is None:
        etype = _convert(etype, modality, future)
    if modality == NEGATED and QUAD_CLASS[e.type] in _COOP and future:
        etype, modality, rule = "REJECT", ASSERTED, rule + "+refusal"
    unless = _unless(anchor) if future and etype in ("REJECT", "ACCUSE", "THREATEN") else None
    if unless is not None:
        # "will vote against it unless changes are agreed": a refusal or an accusation the
        # speaker makes conditional on another's act is a threat, made now
        etype, modality, rule = "THREATEN", ASSERTED, rule + "+unless"
        tgt = [a for a in args_.subject_of(unless, index).actors if a.id not in exclude] or tgt
    if QUAD_CLASS[e.type] in _COOP and any(
            dep == "xcomp" and h.lemma_.lower() in lex.failure_verbs
            for dep, h in governing_chain(anchor).links[:2]):
        etype, modality, rule = "REJECT", ASSERTED, rule + "+failure"  # "failed to reach agreement"
    if not source and e.type == "ASSAULT" and e.pos == "V":
        # "a roadside bombing near Samarra killed ...": violence with no named perpetrator
        # is coded to the place it came from
        for c in anchor.children:
            if c.dep_ in ("nsubj", "csubj") and c.pos_ == "NOUN":
                place = args_.location_of(c, index)
                if place is not None and place.country:
                    home = place if place.kind == "country" else args_.state(index, place.country) or place
                    source = [home]
                    rule += "+place-source"
                    conf -= 0.2
                break
    if not any(a.country for a in source) and location is not None and location.country:
        # "the military government ... declared a state of siege in Haiti": a state organ
        # with no state named acts for the state where it acts
        head = next((c for c in anchor.children if c.dep_ in ("nsubj", "agent")), None)
        if head is not None and head.lemma_.lower() in lex.state_organs:
            home = location if location.kind == "country" else args_.state(index, location.country)
            if home is not None:
                source = [*source, home]
                rule += "+organ-of-place"
                conf -= 0.2
    if not source and subj.relative:
        return None  # "a resolution that aims to impose ...": nobody we know acts
    if not source and QUAD_CLASS[e.type].startswith("verbal") and e.pos == "V" \
            and not _passive(anchor) and not (frame is not None and _passive(frame.token)):
        return None  # a statement, promise or threat needs someone who makes it
    if etype in _OUTWARD and tgt:
        # no act of cooperation with oneself: a state (or a place of it) is no target of its
        # own act ("Japan agreed ... in Tokyo"), nor of its people's promises ("promised to
        # democratize Serbia"); a person or party may support or meet their own state
        own = {a.id for a in source}
        states = {a.country for a in source if a.country and (
            etype == "AGREE" or a.kind in ("country", "location", "group"))}
        tgt = [a for a in tgt if a.id not in own
               and not (a.kind in ("country", "location") and a.country in states)]
    if ("CONSULT" in (etype, e.type) or e.twosided) and len({*_ids(source), *_ids(tgt)}) < 2 \
            and not any(a.kind == "group" for a in (*source, *tgt)) \
            and (location is None or e.twosided):
        return None  # a meeting needs two sides ("the Cabinet met" is not a consultation), and
        # so does working with someone ("worked with children" is no cooperation)
    if not tgt and (etype in _PLACE_TARGET or e.type in _PLACE_TARGET):
        # PLOVER codes an act with no named target against the state where it happens:
        # the place named, else (domestic acts) the state of a single acting state.
        home = None
        if location is not None and location.country:
            home = location if location.kind == "country" else args_.state(index, location.country)
            tag = "+place-target"
        elif (etype in _DOMESTIC_TARGET or e.type in _DOMESTIC_TARGET) and len(source) == 1 \
                and source[0].country \
                and _object_is_domestic(anchor, index, source[0]):
            home = source[0] if source[0].kind == "country" else args_.state(index, source[0].country)
            tag = "+domestic-target"
        if home is not None:
            tgt = [home]
            conf -= 0.1
            rule += tag
            if not source and etype == "PROTEST" and tag == "+place-target":
                source = [home]  # protesters named only by where they protest
                rule += "+place-source"
    if etype in _SOLE_STATE_TYPES or e.type in _SOLE_STATE_TYPES or e.mode in _DOMESTIC_MODES:
        sole = _sole_state(anchor.sent, index)
        if sole is not None:
            fill = lambda xs: [*xs, sole] if xs and not any(a.country for a in xs) and any(  # noqa: E731
                a.kind == "person" and _office_holder(a, lex) for a in xs) else xs
            source2, tgt2 = fill(source), fill(tgt)
            if (source2, tgt2) != (source, tgt):
                source, tgt, rule, conf = source2, tgt2, rule + "+sole-state", conf - 0.2
    if modality in (ASSERTED, INTENDED) and _question(anchor):
        modality = HYPOTHETICAL  # "Will the government apologise?": asked, not told
    start = min(m.start, frame.start) if frame is not None else m.start
    end = max(m.end, frame.end) if frame is not None else m.end
    reported_by = reporters[0].id if reporters else _quote_speaker(m.start, quotes)
    return Draft(etype, tuple(source), tuple(tgt), modality, start, end, f"{RULES}:{rule}",
                 max(conf, 0.1), e.mode, e.cameo or lex.crosswalk[etype] if etype == e.type else
                 lex.crosswalk[etype], reported_by, location, anchor)


def _background(noun: Token, lex: Lexicon) -> bool:
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in lex.pretend_verbs:
        return True  # "simulated an attack": a pretence
    if noun.dep_ != "pobj":
        return False
    if head.lower_ in WORDS.background_preps or head.lower_ in WORDS.example_preps:
        return True
    if head.lower_ == "of" and head.head.lower_ in WORDS.background_preps:
        return True  # "ahead of Sunday's meeting", "prior to the talks"
    return head.lower_ == "as" and any(c.lower_ == "such" for c in head.children)  # "such as"


def _governing_trigger(noun: Token, by_token: dict[int, Match]) -> Match | None:
    """The trigger whose object (or prepositional object) a nominal act is: "demanded a truce",
    "talks on a pullback"."""
    head = noun.head
    if noun.dep_ in ("dobj", "attr", "nsubjpass", "nsubj") and head.i in by_token and head != noun:
        return by_token[head.i]
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.i in by_token \
            and head.lower_ in WORDS.nominal_object_preps:
        return by_token[head.head.i]
    return None


#: Acts inside one state, where an office-holder with no state named ("President X banned
#: Ugandan opposition candidates") acts for the one state the sentence names.
_SOLE_STATE_TYPES = _DOMESTIC_TARGET | {"REJECT", "THREATEN", "RETREAT"}
#: Modes of acts that a state's own organs do within its jurisdiction (a judge's investigation).
_DOMESTIC_MODES = frozenset(("investigate",))


def _office_holder(a: Actor, lex: Lexicon) -> bool:
    return any(w.lower().strip(",") in lex.office_words for r in a.roles for w in r.split())


def _sole_state(sent: Span, index: ActorIndex) -> Actor | None:
    """The one state a sentence names, by the state or by places in it ("in Abidjan"): the
    state's actor, else the first place that stands for it."""
    found: dict[str, Actor] = {}
    for tok in sent:
        a = index.for_token(tok)
        if a is not None and a.country and a.kind in ("country", "location"):
            if a.country not in found or (a.kind == "country" and found[a.country].kind != "country"):
                found[a.country] = a
            if len(found) > 1:
                return None
    return next(iter(found.values()), None)


def _aimed(verb: Token, index: ActorIndex) -> bool:
    """The act is aimed at something ("fired at targets"), or directed into or toward an actor
    or its place ("fired into Israel"); not into the sea, nor at a time."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in WORDS.aim_preps:
            if any(p.dep_ == "pobj" and p.ent_type_ not in ("DATE", "TIME")
                   and (c.lower_ in WORDS.aim_point_preps or args_.np_actors(p, index)) for p in c.children):
                return True
    return False


def _headline_passive(verb: Token) -> bool:
    """A participle with a subject and neither object nor auxiliary ("Leader arrested")."""
    return verb.tag_ in ("VBN", "VBD") and not any(
        c.dep_ in ("dobj", "aux", "auxpass", "ccomp", "xcomp") for c in verb.children) and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _unless(verb: Token) -> Token | None:
    """The "unless" clause that conditions ``verb``, if any."""
    for c in verb.children:
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children):
            return c
    return None


def _question(tok: Token) -> bool:
    """The sentence of ``tok`` is a question (it ends with a question mark)."""
    return tok.sent.text.rstrip(" \n\"'”’)").endswith("?")


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children)


def _no_subject(verb: Token) -> bool:
    return not _has_subject(verb)


def _object_is_domestic(verb: Token, index: ActorIndex, home: Actor) -> bool:
    """The act's objects name no other actor than the acting state, nor does a clause it governs
    name another state: "lifted the curfew", "accepted demands that it initiate reforms",
    "wants the tax scrapped" (not "wants the sanctions on Iran lifted")."""
    own = {home.id, home.country}
    for c in verb.children:
        kinds = ("country", "group", "person", "organization") if c.dep_ in ("dobj", "prep", "dative") \
            else ("country",) if c.dep_ == "ccomp" else ()
        for t in c.subtree if kinds else ():
            a = index.for_token(t)
            if a is not None and a.kind in kinds \
                    and a.id not in own and (a.country is None or a.country not in own):
                return False
    return True


def _future(verb: Token, frames: tuple[Token, ...], lex: Lexicon) -> bool:
    words = (verb, *frames)
    return any(c.dep_ == "aux" and c.lower_ in lex.future_modals for w in words for c in w.children)


def _thing(anchor: Token, m: Match) -> Token | None:
    """What an act is done to when that is not an actor: its object ("opposed the bill"), a
    passive subject, or the object of its preposition ("objected to the plan")."""
    if m.obj is not None:
        return m.obj
    for c in anchor.children:
        if c.dep_ == "dobj" or (c.dep_ == "nsubjpass" and _passive(anchor)):
            return c
    for c in anchor.children:
        if c.dep_ == "prep" and c.lower_ in WORDS.object_preps and c.i > anchor.i:
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    return None


def _first_person_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("i", "we") for c in verb.children)


def _quote_speaker(pos: int, quotes: tuple[Quote, ...]) -> str | None:
    for q in quotes:
        if q.start <= pos < q.end and q.speaker is not None:
            return q.speaker.actor
    return None


def _must_clauses(sent: Span, lex: Lexicon, index: ActorIndex, trigger_tokens: set[int]
                  ) -> tuple[list[Draft], set[int]]:
    """"X said that Y must do Z" is a request from X to Y (rule ``must-clause``)."""
    drafts: list[Draft] = []
    used: set[int] = set()
    for tok in sent:
        if tok.dep_ != "ccomp" or tok.head.lemma_.lower() not in lex.report_verbs:
            continue
        aux = next((c for c in tok.children if c.dep_ == "aux" and c.lower_ in lex.obligation_modals),
                   None)
        if aux is None and tok.lemma_.lower() in lex.obligation_verbs and not any(
                c.dep_ in ("dobj", "attr") for c in tok.children) and any(
                c.dep_ in ("xcomp", "advcl") and any(x.dep_ == "aux" and x.lower_ == "to"
                                                     and x.i == tok.i + 1 for x in c.children)
                for c in tok.children):
            aux = tok  # "said the Greens needed to explain", "have to resign" (not "have a voice to")
        if aux is None:
            continue
        target = args_.subject_of(tok, index)
        if not target.actors or target.inherited:
            continue
        source = args_.subject_of(tok.head, index).actors
        if not source:
            continue
        own = {a.country or a.id for a in source} | {a.id for a in source}
        if any(a.id in own for a in target.actors):
            continue  # "our alliance must ...": the speaker's own state, not a demand on another
        tgt = tuple(target.actors)
        used.add(tok.i)
        used.update(t.i for t in tok.subtree if t.i in trigger_tokens and t.head.i == tok.i)
        s, e = min(aux.idx, tok.idx), max(aux.idx + len(aux.text), tok.idx + len(tok.text))
        drafts.append(Draft("REQUEST", tuple(source), tgt, ASSERTED, s, e, f"{RULES}:must-clause",
                            0.6, "demand", "100", None, args_.location_of(tok, index), tok))
    return drafts, used
