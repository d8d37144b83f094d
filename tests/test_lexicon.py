"""The shared lexicon: the one checked reader, the shared word lists, slug, and rule versions
that follow the data files (no model needed)."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from newsgraph import versions
from newsgraph.errors import NewsgraphError
from newsgraph.lexicon import DataFileError, WordLists, read_json, read_table, slug
from newsgraph.lexicon.words import (given_names, name_suffixes, pronoun_set, pronouns, reporting_verbs,
                                     titles, verbs_of_class)

COLS = ("word", "kind")


# -- the reader ---------------------------------------------------------------------------

def test_a_table_comes_back_as_rows_that_know_their_line():
    rows = read_table("newsgraph.actors", "x.tsv", COLS, text="# note\n\nword\tkind\nroe\tname\n\ndoe\t\n")
    assert [r.cells for r in rows] == [{"word": "roe", "kind": "name"}, {"word": "doe", "kind": ""}]
    assert [r.where for r in rows] == ["newsgraph/actors/data/x.tsv:4", "newsgraph/actors/data/x.tsv:6"]
    assert rows[0]["word"] == "roe" and rows[0].items("kind") == ["name"]


@pytest.mark.parametrize("text, kw, where, message", [
    ("word\tclass\n", {}, "x.tsv:1", "the header names the columns"),
    ("word\tkind\nroe\n", {}, "x.tsv:2", "1 tab-separated cells, expected 2"),
    ("word\tkind\nroe\tname\tmore\n", {}, "x.tsv:2", "3 tab-separated cells"),
    ("word\tkind\nroe\t\n", {"required": ("kind",)}, "x.tsv:2", "empty 'kind' cell"),
    ("word\tkind\nroe\tplace\n", {"choices": {"kind": ("name",)}}, "x.tsv:2", "kind 'place' is not one of"),
    ("word\tkind\nRoe\tname\n\nroe\tname\n", {"unique": "word"}, "x.tsv:4", "listed twice (first on line 2)"),
    ("# only comments\n", {}, "x.tsv", "no header line"),
])
def test_a_malformed_table_is_E305_naming_file_and_line(text, kw, where, message):
    with pytest.raises(DataFileError) as err:
        read_table("newsgraph.actors", "x.tsv", COLS, text=text, **kw)
    assert err.value.code == "E305" and err.value.where == f"newsgraph/actors/data/{where}"
    assert message in err.value.message
    assert isinstance(err.value, NewsgraphError) and isinstance(err.value, ValueError)


def test_a_missing_data_file_is_E305():
    with pytest.raises(DataFileError, match=r"newsgraph/actors/data/nowhere.tsv: \[E305\] cannot read"):
        read_table("newsgraph.actors", "nowhere.tsv", COLS)


@pytest.mark.parametrize("text, version, where, message", [
    ('{"version": "x.v1",\n "a": [1,]}', None, "x.json:2", "not JSON"),
    ('["version"]', None, "x.json", "not a JSON object"),
    ('{"a": []}', None, "x.json", "version None"),
    ('{"version": "x.v1"}', "x.v2", "x.json", "version 'x.v1', expected 'x.v2'"),
])
def test_a_malformed_json_file_is_E306(text, version, where, message):
    with pytest.raises(DataFileError) as err:
        read_json("newsgraph.events", "x.json", version=version, text=text)
    assert err.value.code == "E306" and err.value.where == f"newsgraph/events/data/{where}"
    assert message in err.value.message


def test_json_entries_are_checked_when_read():
    data = read_json("newsgraph.events", "x.json", version="x.v1",
                     text='{"version": "x.v1", "_note": "n", "words": ["A", "b"], "map": {"a": 1}, "n": 3}')
    assert data.words("words") == {"A", "b"} and data.words("words", lower=True) == {"a", "b"}
    assert data.seq("words") == ("A", "b") and data.mapping("map") == {"a": 1}
    assert list(data.lists()) == ["words"]
    with pytest.raises(DataFileError, match=r"\[E306\] no 'missing' entry"):
        data["missing"]
    with pytest.raises(DataFileError, match=r"'n' is not a list of strings"):
        data.words("n")
    with pytest.raises(DataFileError, match=r"'words' is not an object"):
        data.mapping("words")


def test_word_lists_are_read_once_and_checked():
    words = WordLists("newsgraph.events", "words.json", version="events.words.v4")
    first = words.target_preps
    assert "against" in first and words.target_preps is first
    assert words.seq("alignment_prefixes") == ("pro", "anti")
    with pytest.raises(DataFileError, match=r"\[E306\] no 'no_such_list' entry"):
        words.no_such_list


_LOADERS = """
import json, sys
from newsgraph.lexicon import reader
seen = set()
real = reader.data_text
def spy(package, name):
    seen.add(reader.data_label(package, name))
    return real(package, name)
reader.data_text = spy
from newsgraph.actors import gazetteer, home, known, lexicon, nonpersons, organs, parties, reftables, tables
lexicon.lexicon(); lexicon.WORDS.articles; reftables.descriptions(); nonpersons.cues(); known.known_people()
gazetteer.gazetteer(); gazetteer.load_abbreviations(); home.publications(); organs.organs(); parties.parties(); tables.state_groups()
from newsgraph.events import lexicon as ev, senses, statements
ev.load_lexicon(); ev.WORDS.target_preps; senses.load_senses(); statements.load_stance()
from newsgraph.quotes import lexicon as ql
ql.load_lexicon(); ql.WORDS.wh_words
from newsgraph.timex.grammar import load_grammar
load_grammar()
from newsgraph.lexicon import marks, text, words
marks.marks(); text.slug("x"); words.name_particles(); words.gerund_prepositions(); words.policy_nouns(); words.whole_words(); words.definite_determiners()
from newsgraph.link.names import load_titles
load_titles()
from newsgraph.query.cameo import goldstein_table
goldstein_table()
from newsgraph import lang
lang._english_words()
print(json.dumps(sorted(seen)))
"""


def test_every_data_file_of_the_package_is_read_through_the_one_reader():
    out = subprocess.run([sys.executable, "-c", _LOADERS], capture_output=True, text=True, check=True)
    read = set(json.loads(out.stdout))
    files = {"newsgraph/" + p.relative_to(versions.PACKAGE).as_posix() for p in versions.data_files()}
    assert files - {f for f in files if f.endswith("__init__.py")} == read


def test_no_stage_reads_a_data_file_by_itself():
    root = versions.PACKAGE
    stages = [*(root / s for s in ("actors", "events", "quotes", "timex", "link", "clean", "query")),
              root / "lang.py"]
    offenders = []
    for place in stages:
        for path in ([place] if place.is_file() else place.rglob("*.py")):
            src = path.read_text(encoding="utf-8")
            if "resources" in src or ".read_text(" in src or re.search(r'\bopen\((?![^)]*"w")', src):
                offenders.append(path.relative_to(root).as_posix())
    assert offenders == []


def test_the_lexicon_imports_nothing_above_it():
    import ast

    for path in (versions.PACKAGE / "lexicon").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level:
                assert node.level == 1 or node.module == "errors", f"{path.name} imports ..{node.module}"
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
                assert not any(n.startswith("newsgraph") or n.startswith("spacy") for n in names)


# -- the shared word lists ----------------------------------------------------------------

def test_one_reporting_verb_table_serves_three_stages():
    from newsgraph.actors.lexicon import lexicon
    from newsgraph.events.lexicon import load_lexicon as events_lexicon
    from newsgraph.quotes.lexicon import load_lexicon as quotes_lexicon

    verbs = reporting_verbs()
    assert verbs["say"].classes == {"speaker", "report"} and verbs["tell"].hearer
    assert verbs["call for"].frame == "object" and verbs["quote"].frame == "-"
    quotes = quotes_lexicon()
    assert dict(quotes.cues) == {v.lemma: v.frame for v in verbs.values() if v.frame != "-"}
    assert quotes.hearers == {v.lemma for v in verbs.values() if v.hearer}
    assert lexicon().reporting_verbs == verbs_of_class("speaker")
    assert events_lexicon().report_verbs == verbs_of_class("report")
    # the actors stage's speaking verbs are the verbs of saying, promising and telling
    assert {v.lemma for v in verbs.values() if "speaker" in v.classes} == \
        {v.lemma for v in verbs.values() if v.frame in ("say", "promise", "direct") and " " not in v.lemma} | {"describe"}


def test_titles_carry_their_sex_to_actors_resolver_and_link():
    from newsgraph.actors.lexicon import lexicon
    from newsgraph.actors.reftables import descriptions
    from newsgraph.link.names import load_titles, name_tokens

    table = {t.title: t for t in titles()}
    assert table["mrs"].gender == "f" and table["dr"].gender == "" and table["mr"].dotted
    actors = lexicon().titles
    assert actors["mrs."] == "f" and actors["king"] == "m" and "prime minister" not in actors
    assert {(w,) for w in actors if not w.endswith(".")} <= set(load_titles())
    assert descriptions().gendered_nouns["queen"] == "f" and descriptions().gendered_nouns["son"] == "m"
    assert name_tokens("Baroness Jane Roe") == ("Jane", "Roe")  # a title of the actors stage, dropped by link


def test_pronoun_classes_come_from_one_table():
    from newsgraph.actors.lexicon import lexicon
    from newsgraph.quotes.lexicon import load_lexicon

    assert pronouns()["her"].cases == {"object", "possessive"} and pronouns()["they"].number == "pl"
    assert lexicon().pronouns["they"] == ("", "pl", "any") and lexicon().pronouns["its"] == ("n", "sg", "thing")
    assert "i" not in lexicon().pronouns
    words = load_lexicon().words
    assert {w for w, c in words.items() if "person-pronoun" in c} == {"he", "she", "him", "her"}
    assert {w for w, c in words.items() if "first-person" in c} == {"i", "we", "you"}
    assert {w for w, c in words.items() if "group-pronoun" in c} == {"they", "them"}
    assert words["her"] == {"person-pronoun", "determiner"}
    assert pronoun_set(person=(3,), cases=("possessive",)) == {"his", "her", "its", "their"}


def test_one_given_name_list_with_sex_where_known():
    from newsgraph.actors.lexicon import lexicon
    from newsgraph.actors.reftables import descriptions

    names = given_names()
    assert names["Nicole"] == "f" and names["John"] == "m" and names["Jordan"] == ""
    assert lexicon().given_names == set(names)
    assert descriptions().first_names == {n.lower(): s for n, s in names.items() if s}
    assert "jr" in name_suffixes() and "viii" in name_suffixes()


# -- one slug -----------------------------------------------------------------------------

def test_an_article_and_the_knowledge_base_give_a_person_one_id():
    from newsgraph.link.names import person_id

    for name in ("José Ramos-Horta", "Søren Kierkegaard", "Łukasz Nowak", "Recep Tayyip Erdoğan"):
        assert f"person:{slug(name)}" == person_id(name)
    assert slug("José Ramos-Horta") == "jose-ramos-horta" and slug("Women’s Institute") == "womens-institute"
    assert slug("Straße des 17. Juni") == "strasse-des-17-juni" and slug("习 近平") == "习-近平"


@given(st.text(max_size=30))
def test_slug_is_stable(text):
    s = slug(text)
    assert slug(s) == s and not s.startswith("-") and not s.endswith("-")


# -- rule versions follow the data --------------------------------------------------------

#: stage version -> the data files its rules read (globs under newsgraph/)
STAGE_DATA = {
    "clean": ("lexicon/data/english_function_words.tsv",),
    "actors": ("actors/data/*", "lexicon/data/titles.tsv", "lexicon/data/pronouns.tsv",
               "lexicon/data/given_names.tsv", "lexicon/data/reporting_verbs.tsv",
               "lexicon/data/name_parts.tsv", "lexicon/data/letters.tsv",
               "lexicon/data/quotation_marks.tsv", "lexicon/data/policy_nouns.tsv",
               "lexicon/data/whole_words.tsv"),
    "timex": ("timex/data/*",),
    "quotes": ("quotes/data/*", "lexicon/data/reporting_verbs.tsv", "lexicon/data/pronouns.tsv",
               "lexicon/data/quotation_marks.tsv", "actors/data/nonpersons.json", "actors/data/words.json",
               "lexicon/data/gerund_prepositions.tsv", "lexicon/data/whole_words.tsv",
               "lexicon/data/definite_determiners.tsv"),
    "events": ("events/data/*", "lexicon/data/reporting_verbs.tsv", "lexicon/data/pronouns.tsv",
               "actors/data/countries.tsv", "lexicon/data/gerund_prepositions.tsv",
               "lexicon/data/policy_nouns.tsv", "lexicon/data/whole_words.tsv",
               "lexicon/data/definite_determiners.tsv"),
    "link": ("lexicon/data/titles.tsv", "lexicon/data/given_names.tsv", "lexicon/data/name_parts.tsv",
             "lexicon/data/letters.tsv"),
    "query": ("query/data/goldstein.tsv",),
}
RECORD = Path(__file__).with_name("rule_versions.json")


def _stage_versions() -> dict[str, str]:
    from newsgraph import actors, clean, events, link, quotes, timex
    from newsgraph.query.cameo import GOLDSTEIN_VERSION

    return {"clean": clean.VERSION, "actors": actors.VERSION, "timex": timex.VERSION,
            "quotes": quotes.VERSION, "events": events.VERSION, "link": link.VERSION,
            "query": GOLDSTEIN_VERSION}


def _digests() -> dict[str, str]:
    root = versions.PACKAGE
    out = {}
    for stage, globs in STAGE_DATA.items():
        h = hashlib.sha256()
        for p in sorted({p for g in globs for p in root.glob(g) if p.suffix != ".py"}):
            h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
        out[_stage_versions()[stage]] = h.hexdigest()[:12]
    return out


def test_every_data_file_belongs_to_a_stage():
    root = versions.PACKAGE
    claimed = {p for globs in STAGE_DATA.values() for g in globs for p in root.glob(g)}
    assert [p for p in versions.data_files() if p not in claimed and p.suffix != ".py"] == []


def test_a_stage_whose_data_changed_has_a_new_rule_version():
    """When this fails, a data file changed: give each stage named a new version
    (``actors.rules.v8``) and record the digests: ``python tests/test_lexicon.py``."""
    recorded = json.loads(RECORD.read_text(encoding="utf-8"))
    changed = {v: d for v, d in _digests().items() if recorded.get(v) != d}
    assert not changed, f"data changed under the same rule version: {sorted(changed)}"


if __name__ == "__main__":
    RECORD.write_text(json.dumps(_digests(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"recorded {RECORD}")
