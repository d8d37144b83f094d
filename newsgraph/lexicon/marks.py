"""Quotation marks: find the spans of text inside them.

:func:`find_quotations` scans an article's text once and returns every
top-level quotation (double marks, or single marks outside double ones), with
its content span and the offsets of its marks.  It follows news conventions:

- straight and curly, double and single marks (and two single marks typed for a
  double one); a straight mark opens or closes by what stands beside it; an
  apostrophe inside a word is never a mark;
- a quotation that runs over several paragraphs repeats the opening mark at the
  start of each paragraph and omits the closing one at the end of all but the
  last: one quotation;
- unbalanced marks never swallow the rest of the article: a quotation still
  open at the end of a paragraph that the next paragraph does not continue is
  closed there (``close is None``); a closing mark with no opening one starts
  its quotation at the paragraph's start or after the sentence that follows
  the previous quotation (``open is None``); a second opening mark while one
  is open closes the first before it.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from dataclasses import dataclass

from .reader import read_table

__all__ = ["Marks", "marks", "Quotation", "QuotationIndex", "find_quotations", "quoted_share"]

_SENT_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")
_LEFT_PUNCT = " \t\n([{—–-/"  # after these a straight mark opens
_TRIM_END = " \t\n,"
_TERMINAL = ".!?…:;\"'”’"


@dataclass(frozen=True)
class Marks:
    """The quotation marks of ``data/quotation_marks.tsv``, by kind and side."""

    open_d: str
    close_d: str
    open_s: str
    close_s: str
    straight_d: str
    straight_s: str
    pairs: dict[str, str]  # two single marks typed for one double mark -> that mark
    pattern: re.Pattern  # any mark (pairs first) or a line break
    left_context: frozenset[str]  # what a straight mark opens after


@functools.cache
def marks() -> Marks:
    """The packaged quotation marks (read once)."""
    rows = read_table(__package__, "quotation_marks.tsv", ("mark", "kind", "side", "same_as"),
                      required=("mark", "kind", "side", "same_as"), unique="mark",
                      choices={"kind": ("double", "single"), "side": ("open", "close", "either")})
    by = {(kind, side): "" for kind in ("double", "single") for side in ("open", "close", "either")}
    for row in rows:
        if row["same_as"] == "-":
            if len(row["mark"]) != 1:
                raise row.error(f"{row['mark']!r} is not one character")
            by[row["kind"], row["side"]] += row["mark"]
    pairs = {}
    for row in rows:
        if row["same_as"] != "-":
            if len(row["mark"]) != 2 or row["kind"] != "double" or row["same_as"] not in by["double", row["side"]]:
                raise row.error("a line with same_as is two single marks standing for a double mark "
                                "of the table, of the same side")
            pairs[row["mark"]] = row["same_as"]
    pattern = re.compile("|".join(map(re.escape, pairs)) + "|[" + re.escape("".join(by.values())) + "\n]")
    return Marks(by["double", "open"], by["double", "close"], by["single", "open"], by["single", "close"],
                 by["double", "either"], by["single", "either"], pairs, pattern,
                 frozenset(_LEFT_PUNCT) | frozenset(by["double", "open"] + by["single", "open"]))


@dataclass(frozen=True, slots=True)
class Quotation:
    """The content of one quotation: ``text[start:end]``, marks excluded."""

    start: int
    end: int
    open: int | None  # offset of the opening mark; None when recovered from a lone closing mark
    close: int | None  # offset of the closing mark; None when closed at a paragraph's end
    double: bool = True

    @property
    def balanced(self) -> bool:
        return self.open is not None and self.close is not None

    @property
    def outer_start(self) -> int:
        return self.open if self.open is not None else self.start

    @property
    def outer_end(self) -> int:
        return self.close + 1 if self.close is not None else self.end


def _is_open_side(text: str, i: int) -> bool:
    """True where a straight mark at i stands where an opening mark would."""
    return i == 0 or text[i - 1] in marks().left_context


def _is_close_side(text: str, i: int) -> bool:
    """True where a mark at i stands where a closing mark would (not before a letter)."""
    return i + 1 >= len(text) or not text[i + 1].isalnum()


def _span(text: str, start: int, end: int, open_: int | None, close: int | None,
          double: bool) -> Quotation | None:
    while start < end and text[start] in " \t\n":
        start += 1
    while end > start and text[end - 1] in _TRIM_END:
        end -= 1
    if end <= start or not any(c.isalnum() for c in text[start:end]):
        return None
    return Quotation(start, end, open_, close, double)


def find_quotations(text: str) -> tuple[Quotation, ...]:
    """All top-level quotations of ``text``, in order (see the module notes)."""
    M = marks()
    out: list[Quotation] = []
    d_open: int | None = None  # offset of the open double mark
    s_open: int | None = None  # offset of the open single mark (only outside double marks)
    line_start = 0
    last_end = 0  # end of the previous quotation (for orphan closing marks)

    def emit(q: Quotation | None) -> None:
        nonlocal last_end
        if q is not None:
            out.append(q)
            last_end = q.outer_end

    for m in M.pattern.finditer(text):
        i, c = m.start(), m.group()
        c = M.pairs.get(c, c)
        if c == "\n":
            s_open = None  # a single mark never runs past its paragraph: it was an apostrophe
            if d_open is not None and not _continues(text, i):
                emit(_span(text, d_open + 1, i, d_open, None, True))
                d_open = None
            line_start = i + 1
            continue
        if c in M.open_d or c in M.close_d or c in M.straight_d:
            s_open = None
            opening = c in M.open_d or (c in M.straight_d and _is_open_side(text, i)
                                       and not (d_open is not None and _is_close_side(text, i)))
            if d_open is None:
                if opening or not _is_close_side(text, i):
                    d_open = i
                else:  # a closing mark with no opening one
                    start = _orphan_start(text, line_start, last_end, i)
                    emit(_span(text, start, i, None, i, True))
            elif opening and not _continued_here(text, d_open, i):
                emit(_span(text, d_open + 1, _before_sentence(text, d_open + 1, i), d_open,
                           None, True))
                d_open = i
            elif not opening:
                emit(_span(text, d_open + 1, i, d_open, i, True))
                d_open = None
            continue
        if d_open is not None:
            continue  # single marks inside double ones are nested quotations or apostrophes
        prev_alnum = i > 0 and text[i - 1].isalnum()
        next_alnum = i + 1 < len(text) and text[i + 1].isalnum()
        if prev_alnum and next_alnum:
            continue  # don't, Clinton’s
        if s_open is None:
            if (c in M.open_s or c in M.straight_s) and _is_open_side(text, i) and next_alnum:
                s_open = i
        elif (c in M.close_s or c in M.straight_s) and _is_close_side(text, i) and i > s_open + 1:
            emit(_span(text, s_open + 1, i, s_open, i, False))
            s_open = None
    if d_open is not None:
        emit(_span(text, d_open + 1, len(text), d_open, None, True))
    return tuple(out)


def _continues(text: str, nl: int) -> bool:
    """At a line break inside an open quotation: does the quotation go on?

    It does when the next non-empty line opens with a quotation mark (the
    multi-paragraph convention) or when this line stops mid-sentence and the
    next line follows at once (a wrapped paragraph).
    """
    j = nl
    while j < len(text) and text[j] in "\n \t":
        j += 1
    if j >= len(text):
        return False
    if text[j] in marks().open_d or text[j] in marks().straight_d:
        return True
    k = nl
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    blank = "\n" in text[nl + 1:j]
    return not blank and k > 0 and text[k - 1] not in _TERMINAL


def _continued_here(text: str, d_open: int, i: int) -> bool:
    """An opening mark at a paragraph start that continues the open quotation."""
    j = i
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    return j > d_open and (j == 0 or text[j - 1] == "\n")


def _before_sentence(text: str, lo: int, i: int) -> int:
    """End of the last whole sentence in text[lo:i], or i when there is none."""
    end = i
    for m in _SENT_END.finditer(text, lo, i):
        end = m.start() + 1
    return end


def _orphan_start(text: str, line_start: int, last_end: int, i: int) -> int:
    """Where a quotation with a closing mark only begins."""
    if last_end <= line_start:
        return line_start
    m = _SENT_END.search(text, last_end, i)
    return m.end() if m else i


class QuotationIndex:
    """Quotations of one text with lookups by offset (bisect; no scans)."""

    def __init__(self, quotations: tuple[Quotation, ...]):
        self.quotations = quotations
        self._starts = [q.outer_start for q in quotations]

    def containing(self, pos: int) -> Quotation | None:
        """The quotation whose content holds ``pos``."""
        k = bisect_right(self._starts, pos) - 1
        if k >= 0:
            q = self.quotations[k]
            if q.start <= pos < q.end:
                return q
        return None

    def overlapping(self, start: int, end: int) -> list[Quotation]:
        """Quotations whose content overlaps [start, end)."""
        k = max(bisect_right(self._starts, start) - 1, 0)
        out = []
        while k < len(self.quotations) and self.quotations[k].outer_start < end:
            q = self.quotations[k]
            if q.start < end and q.end > start:
                out.append(q)
            k += 1
        return out


def quoted_share(text: str, start: int, end: int, quotations: list[Quotation]) -> float:
    """Share of the letters of text[start:end] that stand inside quotation marks."""
    total = sum(c.isalpha() for c in text[start:end])
    if not total:
        return 0.0
    inside = 0
    for q in quotations:
        a, b = max(q.start, start), min(q.end, end)
        if a < b:
            inside += sum(c.isalpha() for c in text[a:b])
    return inside / total
