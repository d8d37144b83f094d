"""Word lists of the actors stage (``data/roles.tsv``, ``data/lexicon.json``), loaded once."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from importlib import resources

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

    def igo(self, name: str) -> str | None:
        """Canonical name of an intergovernmental organisation ("the EU" -> "European Union");
        acronyms match with their exact case ("WHO", never "who")."""
        s = " ".join(name.replace("’", "'").split())
        if s.lower().startswith("the "):
            s = s[4:]
        return self.igos.get(s) or self.igos.get(s.lower())

    def sector(self, role: str) -> str | None:
        """Sector of a role as written: the longest known title ending nearest the phrase's end
        ("US Secretary of State" -> GOV, "former diplomat for Asia" -> GOV)."""
        words = role.lower().replace("-", " ").split()
        for end in range(len(words), 0, -1):
            for start in range(end):
                hit = self.roles.get(" ".join(words[start:end]))
                if hit is not None:
                    return hit or None
        return None


def _read(name: str) -> str:
    return resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")


@functools.cache
def lexicon() -> Lexicon:
    roles: dict[str, str] = {}
    for n, line in enumerate(_read("roles.tsv").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("role\t"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip():
            raise ValueError(f"[E313] roles.tsv line {n}: expected 'role<TAB>sector'")
        roles[parts[0].strip().lower()] = parts[1].strip()
    data = json.loads(_read("lexicon.json"))
    norm = {r.replace("-", " "): s for r, s in roles.items()}
    roles.update(norm)
    words = {w for r in roles for w in r.split()}
    docs = frozenset(data["document_nouns"])
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
        igos=_igos(),
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
