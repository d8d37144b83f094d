"""Word lists of the actors stage (``data/roles.tsv``, ``data/lexicon.json``), loaded once."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from importlib import resources

from .tables import States, parse_states
from .tables import rows as table_rows

__all__ = ["Lexicon", "lexicon"]


@dataclass(frozen=True)
class Lexicon:
    roles: dict[str, str]  # role title (lower case) -> sector ("" when none)
    role_words: frozenset[str]  # every word of every role title
    role_heads: frozenset[str]  # last word of every role title (the noun a role phrase ends in)
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
        words = low.replace("-", " ").split()
        for end in range(len(words), 0, -1):
            for start in range(end):
                key = " ".join(words[start:end])
                if key in self.roles:
                    return key
        return None

    def sector(self, role: str) -> str | None:
        """Sector of a role as written: that of its :meth:`office`
        ("US Secretary of State" -> GOV, "former diplomat for Asia" -> GOV)."""
        key = self.office(role)
        return (self.roles.get(key) or None) if key else None


def _read(name: str) -> str:
    return resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")


@functools.cache
def lexicon() -> Lexicon:
    roles: dict[str, str] = {}
    states: dict[str, States] = {}
    for n, row in table_rows("roles.tsv"):
        role = row["role"].strip().lower()
        if not role:
            raise ValueError(f"[E313] roles.tsv line {n}: expected 'role<TAB>sector<TAB>states'")
        roles[role] = row["sector"].strip()
        states[role] = parse_states(row["states"], f"roles.tsv line {n}")
    data = json.loads(_read("lexicon.json"))
    roles.update({r.replace("-", " "): s for r, s in roles.items()})
    states.update({r.replace("-", " "): s for r, s in states.items()})
    words = {w for r in roles for w in r.split()}
    docs = frozenset(data["document_nouns"])
    title_offices = dict(data["title_offices"])
    unknown = [o for o in title_offices.values() if o not in roles]
    if unknown:
        raise ValueError(f"[E313] lexicon.json title_offices: {unknown[0]!r} is not a role of roles.tsv")
    return Lexicon(
        roles=roles, role_words=frozenset(words),
        role_heads=frozenset(r.split()[-1] for r in roles),
        titles=dict(data["titles"]),
        pronouns={k: tuple(v) for k, v in data["pronouns"].items()},
        role_modifiers=frozenset(data["role_modifiers"]),
        group_nouns=frozenset(data["group_nouns"]), numbers=dict(data["numbers"]),
        body_nouns=frozenset(data["body_nouns"]), document_nouns=docs,
        document_heads=frozenset(d.split()[-1] for d in docs),
        org_heads=frozenset(data["org_heads"]), place_heads=frozenset(data["place_heads"]),
        reporting_verbs=frozenset(data["reporting_verbs"]),
        not_persons=frozenset(data["not_persons"]),
        given_names=frozenset(ln.strip() for ln in _read("given_names.txt").splitlines()
                              if ln.strip() and not ln.startswith("#")),
        igos=_igos(), role_states=states, title_offices=title_offices,
        party_nouns=frozenset(data["party_nouns"]), nonstate_words=frozenset(data["nonstate_words"]),
        portfolios=frozenset(data["portfolios"]), shared_offices=frozenset(data["shared_offices"]),
        rank_modifiers=frozenset(data["rank_modifiers"]),
        national_bodies=frozenset(data["national_bodies"]),
    )


def _is_acronym(form: str) -> bool:
    letters = [ch for ch in form if ch.isalpha()]
    return " " not in form and sum(ch.isupper() for ch in letters) >= 2 and len(letters) <= 7


def _igos() -> dict[str, str]:
    """form -> canonical name from ``data/igos.tsv`` (acronyms keyed as written, names lower-cased)."""
    out: dict[str, str] = {}
    for n, line in enumerate(_read("igos.tsv").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("name\t"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip():
            raise ValueError(f"[E314] igos.tsv line {n}: expected 'name<TAB>aliases'")
        name = parts[0].strip()
        for form in (name, *(a.strip() for a in parts[1].split(";") if a.strip())):
            out[form if _is_acronym(form) else form.lower()] = name
    return out
