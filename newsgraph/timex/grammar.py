"""Read a time expression ("last month", "Tuesday night", "5 January 2022") into a
:class:`Parsed` description, without resolving it against any date.

The grammar is built once per process from ``data/lexicon.json`` (see :func:`load_grammar`).
Matching works on a normalised form of the expression: lower case, possessives,
commas and abbreviation dots removed, hyphens between words and numbers split,
leading prepositions and vague modifiers ("the", "in", "early", "the end of") dropped.
Each pattern must match the whole normalised expression, so nothing is read out of
free text (unlike dateparser's search, which reads "we" as Wednesday).

:func:`parse_expression` returns ``None`` for durations, frequencies and ages
("three years", "annual", "the 10th straight annual", "58-year-old"): they are
not points in time.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Mapping

from ..lexicon import read_json

__all__ = ["Parsed", "Grammar", "load_grammar", "parse_expression", "normalise"]

#: The version ``data/lexicon.json`` must carry.
LEXICON_VERSION = "timex.lexicon.v2"
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2}|21[0-9]{2})"
_DAY = r"(?:[0-3]?[0-9])(?:st|nd|rd|th)?"


@dataclass(frozen=True, slots=True)
class Parsed:
    """What an expression says, before it is resolved against the publication date.

    ``kind`` is one of ``deictic`` (a day offset: "yesterday"), ``relative`` ("last
    month": ``n`` units from now), ``ago`` ("two weeks ago"), ``weekday``, ``date``
    (any of year/month/day given, maybe with ``year_rel``: "October last year"),
    ``week_of`` (the week containing a date) or ``unknown`` (a point in time these
    rules cannot place: "the 1990s", "the summer").
    """

    rule: str
    kind: str
    granularity: str | None = None
    n: int = 0
    unit: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    rel: int | None = None  # explicit this/last/next before a month or weekday
    year_rel: int | None = None  # "October last year": -1
    week_rel: int | None = None  # "Tuesday next week": 1
    numeric: tuple[int, int, int | None] | None = None  # "5/1/2022": first, second, year
    needs_dateparser: bool = False


class Grammar:
    """Compiled patterns and word sets of one lexicon."""

    def __init__(self, lexicon: Mapping[str, Any]):
        self.version: str = lexicon["version"]
        self.months: dict[str, int] = lexicon["months"]
        self.weekdays: dict[str, int] = lexicon["weekdays"]
        self.numbers: dict[str, int] = lexicon["numbers"]
        self.deictic: dict[str, int] = {normalise(k): v for k, v in lexicon["deictic_days"].items()}
        self.relative: dict[str, int] = lexicon["relative_words"]
        self.units: dict[str, str] = lexicon["units"]
        self.frequency = frozenset(lexicon["frequency_words"])
        self.age = frozenset(lexicon["age_words"])
        self.lead = frozenset(lexicon["lead_words"])
        self.parts_of_day = frozenset(lexicon["parts_of_day"])
        self.future_aux = frozenset(lexicon["future_aux"])
        self.future_governors = frozenset(lexicon["future_governors"])
        self.seasons = frozenset(lexicon["seasons"])
        self.holidays: dict[str, tuple[int, int]] = {
            normalise(k): tuple(v) for k, v in lexicon["holidays"].items()}
        self.month_words = frozenset(self.months)
        self.weekday_words = frozenset(self.weekdays)
        self.anchor_words = (frozenset(self.months) | frozenset(self.weekdays)
                             | frozenset(self.deictic) | frozenset(lexicon["anchor_words"]))
        self.day_words = frozenset(lexicon["day_words"])
        self.articles = frozenset(lexicon["articles"])
        self.clock_words = frozenset(lexicon["clock_words"])
        self._rewrites = [(re.compile(rf"\b{re.escape(k)}\b"), v)
                          for k, v in sorted(lexicon["rewrites"].items(),
                                             key=lambda kv: -len(kv[0]))]

        rel = _seq(lexicon["relative_markers"])
        mon = _alt(self.months)
        wd = _alt(self.weekdays)
        num = _alt(self.numbers)
        hol = _alt(self.holidays)
        unit = _alt(self.units)
        c = re.compile
        self.patterns: tuple[tuple[str, re.Pattern], ...] = (
            ("month-day", c(rf"(?:(?P<wd>{wd}) )?(?P<mon>{mon}) (?P<day>{_DAY})"
                            rf"(?: (?:(?P<year>{_YEAR})|(?P<yrel>{rel}) year))?")),
            ("month-range", c(rf"(?P<mon>{mon}) {_DAY} ?[-–] ?{_DAY}(?: (?P<year>{_YEAR}))?")),
            ("range-month", c(rf"{_DAY} ?[-–] ?{_DAY} (?:of )?(?P<mon>{mon})(?: (?P<year>{_YEAR}))?")),
            ("day-month", c(rf"(?:(?P<wd>{wd}) )?(?:the )?(?P<day>{_DAY}) (?:of )?(?P<mon>{mon})"
                            rf"(?: (?:(?P<year>{_YEAR})|(?P<yrel>{rel}) year))?")),
            ("month", c(rf"(?:(?P<rel>{rel}) )?(?P<mon>{mon})"
                        rf"(?: (?:of )?(?:(?P<year>{_YEAR})|(?P<yrel>{rel}) year))?")),
            ("weekday", c(rf"(?:(?P<rel>{rel}) )?(?P<wd>{wd})(?: (?P<wrel>{rel}) week)?")),
            ("relative-unit", c(rf"(?P<rel>{_seq(lexicon['unit_relatives'])}) "
                                 rf"(?P<unit>{_seq(lexicon['relative_units'])})")),
            ("ago", c(rf"(?P<n>\d{{1,3}}|{num}) (?P<unit>{unit}) ago")),
            ("year", c(rf"(?:{_seq(lexicon['year_prefixes'])} ?)?(?P<year>{_YEAR})")),
            ("iso", c(r"(?P<year>\d{4})-(?P<mon>\d{1,2})(?:-(?P<day>\d{1,2}))?")),
            ("numeric", c(r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})(?:[/.](?P<year>\d{4}|\d{2}))?")),
            ("holiday", c(rf"(?P<hol>{hol})(?: (?:(?P<year>{_YEAR})|(?P<yrel>{rel}) year))?")),
            ("season-year", c(rf"(?:{_alt(self.seasons)}) (?:of )?(?P<year>{_YEAR})")),
            ("decade", c(rf"(?:{_YEAR}|'?\d0)s")),
        )
        self.span_of_units = c(
            rf"(?:{_seq(lexicon['span_preps'])} )?the "
            rf"{_seq(lexicon['span_relatives'])} (?:\S+ )?{unit}\b")
        # "the week of January 10" (that week); "the first quarter of 2022", "the summer
        # of last year" (a part of a year or month: the year or month itself)
        self.week_of = c(rf"(?P<part>{_seq(lexicon['period_parts'])}) of (?P<rest>.+)")
        self.range = c(rf"\d\s*[-–]\s*\d|\b{_seq(lexicon['range_words'])}\b")

    def rewrite(self, s: str) -> str:
        for pat, repl in self._rewrites:
            s = pat.sub(repl, s)
        return s


def _seq(words) -> str:
    """A non-capturing group of the words, in their order."""
    return "(?:" + "|".join(re.escape(w) for w in words) + ")"


def _alt(words) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


_POSSESSIVE = re.compile(r"'s?\b")
_TRAILING_APOSTROPHE = re.compile(r"'(?=\s|$)")
_DOTS = re.compile(r"(?<!\d)\.|\.(?!\d)")
_NUMERIC_DATE = re.compile(r"\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{1,4})?")
_BARE_NUMBER = re.compile(r"(?:the )?\d{1,3}(?:st|nd|rd|th)?\+?")
_LEADING_INT = re.compile(r"\d+")
_WORD_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])|(?<=\d)-(?=[a-z])|(?<=[a-z])-(?=\d)")


def normalise(text: str) -> str:
    """Lower case, no possessives, commas or abbreviation dots, single spaces."""
    s = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    s = _POSSESSIVE.sub("", s)
    s = _TRAILING_APOSTROPHE.sub("", s)  # "164 days'"
    s = _DOTS.sub(" ", s).replace(",", " ")
    s = _WORD_HYPHEN.sub(" ", s)
    return " ".join(s.split())


@functools.cache
def load_grammar() -> Grammar:
    """The grammar of the package's lexicon, built once per process."""
    return Grammar(read_json("newsgraph.timex", "lexicon.json", version=LEXICON_VERSION))


def parse_expression(text: str, *, grammar: Grammar | None = None) -> Parsed | None:
    """Describe a time expression; ``None`` when it is a duration, frequency or age."""
    g = grammar or load_grammar()
    s = g.rewrite(normalise(text))
    if _CLOCK.search(s):  # "Tuesday at 10 am", "10:30 pm local time on Monday": the day
        s = _clock_free(s, g)
    words = s.split()
    if not words or g.age & set(words) or "year old" in s or "years old" in s:
        return None
    if s in g.deictic:
        return Parsed("deictic", "deictic", "day", n=g.deictic[s])
    if g.span_of_units.fullmatch(s):
        return None  # "the next year", "over the past week": a span from some point, not a point
    if any(w.endswith("s") and w[:-1] in g.weekdays and len(w) > 4 for w in words):
        return None  # "Mondays": a frequency
    s = _strip_lead(s, g)
    if s in g.deictic:
        return Parsed("deictic", "deictic", "day", n=g.deictic[s])
    words = s.split()
    if len(words) > 1 and words[-1] in g.parts_of_day:
        s = " ".join(words[:-1])
        if s in g.deictic:
            return Parsed("deictic", "deictic", "day", n=g.deictic[s])
    parsed = _match(s, g)
    if parsed is None and words[0] in g.articles and len(words) > 1:
        parsed = _match(" ".join(words[1:]), g)  # "an Aug. 28 meeting"
    if parsed is not None:
        return parsed
    m = g.week_of.fullmatch(s)
    if m:
        inner = _match(_strip_lead(m.group("rest"), g), g)
        if (inner is not None and inner.kind == "date" and inner.day is not None
                and m.group("part") in ("week", "weekend")):
            return Parsed("week-of", "week_of", "week", year=inner.year, month=inner.month,
                          day=inner.day, year_rel=inner.year_rel)
        if inner is not None and inner.kind in ("date", "relative") and (
                inner.day is None and inner.granularity in ("month", "year")):
            return inner
    words = set(s.split())
    if g.frequency & words:
        return None
    if _is_duration(words, g):
        return None  # "three years", "the past week", "the last two weeks": a duration
    if g.range.search(s) or g.anchor_words & (words - g.month_words - g.weekday_words):
        return Parsed("unresolved", "unknown")
    if g.month_words & words or _NUMERIC_DATE.search(s):
        return Parsed("dateparser", "unknown", needs_dateparser=True)
    if _BARE_NUMBER.fullmatch(s):
        return None  # "33", "the 40": an age or a count more often than a day
    return Parsed("unresolved", "unknown")


def _is_duration(words: set[str], g: Grammar) -> bool:
    units = {w for w in words if w in g.units}
    if not units or "ago" in words:
        return False
    if not g.anchor_words & words:
        return True
    if words & (g.month_words | g.weekday_words) or words & set(g.deictic):
        return False
    # "last two weeks", "next few months": an anchor word, but a span of several units
    return any(w != g.units[w] for w in units) or any(w.isdigit() or w in g.numbers for w in words)


_CLOCK = re.compile(r"\b\d{1,2}(?::\d{2})? ?(?:am|pm|a m|p m|hrs|h)\b|\b\d{1,2}:\d{2}\b")


def _clock_free(s: str, g: Grammar) -> str:
    """The expression without its clock time and the words that went with it."""
    words = _CLOCK.sub(" ", s).split()
    while words and words[-1] in g.clock_words:
        words.pop()
    while words and words[0] in g.clock_words:
        words.pop(0)
    return " ".join(words)


def _strip_lead(s: str, g: Grammar) -> str:
    words = s.split()
    i = 0
    while i < len(words) - 1 and words[i] in g.lead:
        i += 1
    return " ".join(words[i:])


def _rel(g: Grammar, word: str | None) -> int | None:
    return None if word is None else g.relative[word]


def _match(s: str, g: Grammar) -> Parsed | None:
    for rule, pat in g.patterns:
        m = pat.fullmatch(s)
        if m is None:
            continue
        d = m.groupdict()
        year = int(d["year"]) if d.get("year") and rule != "numeric" else None
        yrel = _rel(g, d.get("yrel"))
        if rule in ("month-day", "day-month"):
            wd = g.weekdays[d["wd"]] if d["wd"] else None
            return Parsed(rule, "date", "day", year=year, month=g.months[d["mon"]],
                          day=int(_LEADING_INT.match(d["day"]).group()), year_rel=yrel,
                          weekday=wd)
        if rule in ("month-range", "range-month"):  # "April 11-20": within April
            return Parsed(rule, "date", "month", year=year, month=g.months[d["mon"]])
        if rule == "month":
            return Parsed(rule, "date", "month", year=year, month=g.months[d["mon"]],
                          rel=_rel(g, d["rel"]), year_rel=yrel)
        if rule == "weekday":
            return Parsed(rule, "weekday", "day", weekday=g.weekdays[d["wd"]],
                          rel=_rel(g, d["rel"]), week_rel=_rel(g, d["wrel"]))
        if rule == "relative-unit":
            if d["rel"] == "past":
                return None  # "the past week": the last seven days, a duration
            unit = d["unit"]
            return Parsed(rule, "relative", "week" if unit == "weekend" else unit,
                          n=g.relative[d["rel"]], unit=unit)
        if rule == "ago":
            unit = g.units[d["unit"]]
            n = int(d["n"]) if d["n"].isdigit() else g.numbers[d["n"]]
            if unit not in ("day", "week", "month", "year"):
                return Parsed(rule, "unknown")
            return Parsed(rule, "ago", unit, n=n, unit=unit)
        if rule in ("year", "season-year"):
            return Parsed(rule, "date", "year", year=year)  # "fall 2005": the year
        if rule == "iso":
            if not 1 <= int(d["mon"]) <= 12:
                return Parsed("unresolved", "unknown")  # "2017-18": a season, a range
            day = int(d["day"]) if d["day"] else None
            return Parsed(rule, "date", "day" if day else "month", year=int(d["year"]),
                          month=int(d["mon"]), day=day)
        if rule == "numeric":
            y = d["year"]
            year = None if y is None else (int(y) if len(y) == 4 else 2000 + int(y))
            return Parsed(rule, "date", "day", numeric=(int(d["a"]), int(d["b"]), year),
                          year=year)
        if rule == "holiday":
            mo, dy = g.holidays[d["hol"]]
            return Parsed(rule, "date", "day", year=year, month=mo, day=dy, year_rel=yrel)
        if rule == "decade":
            return Parsed(rule, "unknown")
    return None
