"""Word lists of the actors stage (``data/roles.tsv``, ``data/lexicon.json``, ``data/igos.tsv``)
and the shared ones it reads (:mod:`newsgraph.lexicon.words`: titles, pronouns, reporting
verbs, given names), loaded once."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from ..lexicon import WordLists, read_json
from ..lexicon.words import given_names, pronouns, titles, verbs_of_class
from .tables import States, parse_states
from .tables import rows as table_rows

__all__ = ["Lexicon", "lexicon", "singular", "WORDS"]


@dataclass(frozen=True)
class Lexicon:
    roles: dict[str, str]  # role title (lower case) -> sector ("" when none)
    role_words: frozenset[str]  # every word of every role title
    role_heads: frozenset[str]  # last word of every role title (the noun a role phrase ends in)
    role_plurals: dict[str, str]  # plural of a role head (lower case) -> the head ("mps" -> "mp")
    titles: dict[str, str]  # courtesy/office title -> gender ("m", "f", "")
    pronouns: dict[str, tuple[str, str, str]]  # pronoun -> (gender, number, kind)
    role_modifiers: frozenset[str]
    group_nouns: frozenset[str]
    numbers: dict[str, int]
    body_nouns: frozenset[str]
    document_nouns: frozenset[str]
    document_heads: frozenset[str]
    org_heads: frozenset[str]
    place_heads: frozenset[str]
    reporting_verbs: frozenset[str]
    not_persons: frozenset[str]
    given_names: frozenset[str]  # as written ("Nicole")
    igos: dict[str, str] = field(default_factory=dict)  # IGO name/acronym -> canonical name
    role_states: dict[str, States] = field(default_factory=dict)  # office -> where it is an office of the state
    title_offices: dict[str, str] = field(default_factory=dict)  # "sen." -> "senator"
    party_nouns: frozenset[str] = frozenset()  # nouns a party word modifies ("Labour plans", "Tory MPs")
    nonstate_words: frozenset[str] = frozenset()  # a role with one is no office of the state ("company president")
    national_bodies: frozenset[str] = frozenset()  # heads of civil-society bodies' names ("union")
    state_body_heads: frozenset[str] = frozenset()  # of those, heads of bodies often a state's organ
    portfolios: frozenset[str] = frozenset()  # "foreign" of "foreign ministers": one holder per state
    shared_offices: frozenset[str] = frozenset()  # offices firms have too ("president", "governor")
    rank_modifiers: frozenset[str] = frozenset()  # "junior" of "Nigerian junior foreign minister"

    def igo(self, name: str) -> str | None:
        """Canonical name of an intergovernmental organisation ("the EU" -> "European Union");
        acronyms match with their exact case ("WHO", never "who")."""
        s = " ".join(name.replace("’", "'").split())
        if s.lower().startswith("the "):
            s = s[4:]
        return self.igos.get(s) or self.igos.get(s.lower())

    def office(self, role: str) -> str | None:
        """The known title in a role as written: the longest one ending nearest the phrase's end
        ("US Secretary of State" -> "secretary of state", "Tory shadow chancellor" -> "shadow
        chancellor"); a courtesy title that stands for an office ("Sen.") gives that office."""
        low = role.lower().strip()
        if low in self.title_offices:
            return self.title_offices[low]
        words = low.replace("-", " ").replace(",", " , ").split()
        for end in range(len(words), 0, -1):
            for start in range(end):
                key = " ".join(words[start:end])
                if key in self.roles:
                    if start == end - 1 == len(words) - 1:
                        return self.portfolio(words) or key
                    return key
        return None

    def portfolio(self, words: list[str]) -> str | None:
        """A head after coordinated portfolios names the office of each: "trade and industry
        secretary" -> "trade secretary", "environment, food and rural affairs secretary" ->
        "environment secretary" (the first conjunct, read from its last word back, that makes a
        known office with the head; conjuncts of up to three words, one "and" before the last)."""
        head, rest = words[-1], words[:-1]
        if rest.count("and") != 1:
            return None
        parts, cur = [], []
        for w in rest:
            if w in (",", "and"):
                parts.append(cur)
                cur = []
            else:
                cur.append(w)
        parts.append(cur)
        if len(parts) < 2 or not all(1 <= len(p) <= 3 for p in parts[1:]) or not parts[0]:
            return None
        for part in parts:
            for k in range(len(part) - 1, -1, -1):
                if (key := " ".join(part[k:]) + " " + head) in self.roles:
                    return key
        return None

    def sector(self, role: str) -> str | None:
        """Sector of a role as written: that of its :meth:`office`
        ("US Secretary of State" -> GOV, "former diplomat for Asia" -> GOV)."""
        key = self.office(role)
        return (self.roles.get(key) or None) if key else None


#: The version ``data/lexicon.json`` must carry.
LEXICON_VERSION = "actors.lexicon.v3"
#: The stage's function words and small closed classes (``data/words.json``), read on first use.
WORDS = WordLists(__package__, "words.json", version="actors.words.v1")


def _plurals(heads) -> dict[str, str]:
    """The regular English plurals of role heads ("senators", "MPs", "secretaries", "chairmen"),
    each to its head; a plural that is itself a head is left out."""
    heads = set(heads)
    out: dict[str, str] = {}
    for h in heads:
        if h.endswith("man"):
            plural = h[:-3] + "men"
        elif h.endswith("y") and len(h) > 2 and h[-2] not in "aeiou":
            plural = h[:-1] + "ies"
        elif h.endswith(("s", "x", "ch", "sh")):
            plural = h + "es"
        else:
            plural = h + "s"
        if plural not in heads and not h.endswith("."):
            out[plural] = h
    return out


def singular(word: str, lex: "Lexicon") -> str:
    """A plural role head as its singular, in the case it is written ("MPs" -> "MP",
    "Senators" -> "Senator", "Secretaries" -> "Secretary"); any other word as it is."""
    head = lex.role_plurals.get(word.lower())
    if head is None:
        return word
    if word[:len(head)].lower() == head:  # the plural adds letters: "MPs", "Senators"
        return word[:len(head)]
    return head[:1].upper() + head[1:] if word[:1].isupper() else head  # "Secretaries", "chairmen"


@functools.cache
def lexicon() -> Lexicon:
    roles: dict[str, str] = {}
    states: dict[str, States] = {}
    for row in table_rows("roles.tsv", required=("role",)):
        role = row["role"].lower()
        roles[role] = row["sector"]
        states[role] = parse_states(row["states"], row.where)
    data = read_json(__package__, "lexicon.json", version=LEXICON_VERSION)
    roles.update({r.replace("-", " "): s for r, s in roles.items()})
    states.update({r.replace("-", " "): s for r, s in states.items()})
    words = {w for r in roles for w in r.split()}
    docs = data.words("document_nouns")
    title_offices = data.mapping("title_offices")
    unknown = [o for o in title_offices.values() if o not in roles]
    if unknown:
        raise data.error(f"title_offices: {unknown[0]!r} is not a role of roles.tsv", "E313")
    return Lexicon(
        roles=roles, role_words=frozenset(words),
        role_heads=frozenset(r.split()[-1] for r in roles),
        role_plurals=_plurals(r.split()[-1] for r in roles),
        titles=_titles(),
        pronouns={p.pronoun: (p.gender, p.number, p.refers) for p in pronouns().values() if p.person == 3},
        role_modifiers=data.words("role_modifiers"),
        group_nouns=data.words("group_nouns"), numbers=data.mapping("numbers"),
        body_nouns=data.words("body_nouns"), document_nouns=docs,
        document_heads=frozenset(d.split()[-1] for d in docs),
        org_heads=data.words("org_heads"), place_heads=data.words("place_heads"),
        reporting_verbs=verbs_of_class("speaker"),
        not_persons=data.words("not_persons"),
        given_names=frozenset(given_names()),
        igos=_igos(), role_states=states, title_offices=title_offices,
        party_nouns=data.words("party_nouns"), nonstate_words=data.words("nonstate_words"),
        portfolios=data.words("portfolios"), shared_offices=data.words("shared_offices"),
        rank_modifiers=data.words("rank_modifiers"),
        national_bodies=data.words("national_bodies"), state_body_heads=data.words("state_body_heads"),
    )


def _titles() -> dict[str, str]:
    """Title read before a name (lower case, and with its dot where it takes one) -> the
    gender it gives ("m", "f", "")."""
    out = {}
    for t in titles():
        if t.kind == "title":
            out[t.title] = t.gender
            if t.dotted:
                out[t.title + "."] = t.gender
    return out


def _is_acronym(form: str) -> bool:
    letters = [ch for ch in form if ch.isalpha()]
    return " " not in form and sum(ch.isupper() for ch in letters) >= 2 and len(letters) <= 7


def _igos() -> dict[str, str]:
    """form -> canonical name from ``data/igos.tsv`` (acronyms keyed as written, names lower-cased)."""
    out: dict[str, str] = {}
    for row in table_rows("igos.tsv", required=("name",)):
        name = row["name"]
        for form in (name, *row.items("aliases")):
            out[form if _is_acronym(form) else form.lower()] = name
    return out
