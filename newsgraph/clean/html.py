"""HTML pages: article body and metadata with trafilatura, captions and credits ourselves.

trafilatura finds the article body and the page's title, date, author and site
name, but drops photo captions.  Captions are read from ``<figure>`` /
``<figcaption>`` before extraction; a credit is an element inside the figure
whose class or itemprop names a credit (``credit``, ``copyright``, ``photographer``,
``source``, ...) or a ``<small>``/``<cite>`` in the caption.  Body paragraphs that
repeat a caption or the headline are dropped from the body.
"""

from __future__ import annotations

import re
import unicodedata

from ..errors import InputError
from .layout import Layout, norm_key, normalize_block

__all__ = ["parse_html", "MIN_BODY_CHARS"]

#: A page whose extracted body is shorter than this holds no article (menus, stubs).
MIN_BODY_CHARS = 80

_CREDIT_ATTR = re.compile(r"credit|copyright|photographer|attribution|byline|source|author|rights",
                          re.I)
_CREDIT_PREFIX = re.compile(
    r"^\s*(?:\(?(?:photo(?:graph)?|picture|image|credit|foto|source)s?\s*(?:credit)?\s*"
    r"(?:[:/]|\.{2,}|\u2026)\s*"
    r"|©\s*|\(c\)\s*|copyright\s+)+", re.I)
_SPLIT_CREDIT = re.compile(r"\s*(?:\((?:photo|picture|image)s?[:/]?\s*([^()]{2,60})\)|"
                           r"(?:photo(?:graph)?|picture|image)\s*:\s*([^.]{2,60}))\s*$", re.I)


def parse_html(markup: str, *, url: str | None = None) -> Layout:
    """Body paragraphs, captions and metadata of an HTML page.

    Raises :class:`InputError` ``E201`` when the page holds no article text.
    """
    import trafilatura
    from trafilatura.xml import xmltotxt

    tree = trafilatura.load_html(markup)  # parsed once; captions are read before pruning
    if tree is None:
        raise InputError("not parseable as HTML", code="E201")
    if _depth(tree) >= PARSER_DEPTH:  # libxml2 stopped at its depth limit: parse it all
        deep = _parse_deep(markup)
        tree = tree if deep is None else deep
    lang = (tree.get("lang") or tree.get("xml:lang") or "").strip()
    captions = _captions(tree)
    doc = trafilatura.bare_extraction(tree, url=url, include_comments=False, with_metadata=True,
                                      favor_precision=True, date_extraction_params=_date_params())
    body = unicodedata.normalize("NFC", xmltotxt(doc.body, False)) if doc is not None and \
        doc.body is not None else ""
    paragraphs = [p for p in (normalize_block(ln) for ln in body.split("\n")) if p]
    size = sum(len(p) for p in paragraphs)
    if size < MIN_BODY_CHARS:
        raise InputError(f"no article text found in the page ({size} characters of text)",
                         code="E201")

    headline = normalize_block(doc.title or "") or None
    skip = {norm_key(t) for t, _ in captions}
    skip |= {norm_key(f"{t} {c}") for t, c in captions if c}
    skip |= {norm_key(f"{c} {t}") for t, c in captions if c}
    if headline:
        skip.add(norm_key(headline))
    kept = [p for p in paragraphs if norm_key(p) not in skip]
    paragraphs = kept or paragraphs

    meta: dict[str, str] = {}
    for key, value in (("publication", doc.sitename), ("byline", None), ("published", doc.date),
                       ("url", doc.url), ("language", lang)):
        if value:
            meta[key] = normalize_block(str(value))
    byline = normalize_block(doc.author or "") or None
    origin = {k: "html" for k in meta}
    return Layout(tuple(paragraphs), headline=headline, byline=byline,
                  captions=tuple(captions), meta=meta, origin=origin)


#: libxml2 stops nesting elements at this depth unless told to parse "huge" documents;
#: a page nested deeper (generated markup: hundreds of wrapping ``div``) lost the rest.
PARSER_DEPTH = 255


def _depth(tree) -> int:
    """How deep the deepest element of ``tree`` lies (the root is 0)."""
    deepest, stack = 0, [(tree, 0)]
    while stack:
        el, d = stack.pop()
        deepest = max(deepest, d)
        stack.extend((child, d + 1) for child in el)
    return deepest


def _parse_deep(markup: str):
    """``markup`` parsed without libxml2's depth limit (None when it cannot be)."""
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(huge_tree=True, collect_ids=False, remove_comments=True,
                                  remove_pis=True, default_doctype=False, encoding="utf-8")
    try:
        return lxml.html.document_fromstring(markup.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError):
        return None


def _date_params() -> dict:
    """Dates from the page's markup and metadata only: no extensive search through the
    text, which would guess a publication date rather than read it."""
    import datetime as dt

    return {"original_date": True, "extensive_search": False,
            "max_date": dt.date.today().isoformat()}


def _captions(tree) -> list[tuple[str, str | None]]:
    """(text, credit) of each ``<figure>`` caption of the page, in order, without repeats."""
    out: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    for fig in tree.iter("figure"):
        cap = next(fig.iter("figcaption"), None)
        credit_el = None
        for el in fig.iter():
            if el is fig or not isinstance(el.tag, str):
                continue
            attrs = " ".join(filter(None, (el.get("class"), el.get("itemprop"), el.get("id"))))
            if (attrs and _CREDIT_ATTR.search(attrs)) or (
                    cap is not None and el.tag in ("small", "cite") and _inside(el, cap)):
                if el.tag != "figcaption":
                    credit_el = el
                    break
        credit = _credit_text(credit_el) if credit_el is not None else None
        text = ""
        if cap is not None:
            text = normalize_block(_text_without(cap, credit_el))
        if not text and not credit:
            continue
        if credit is None and text:
            m = _SPLIT_CREDIT.search(text)
            if m:
                credit = normalize_block(m.group(1) or m.group(2))
                text = text[:m.start()].rstrip()
        if not text:
            continue
        key = norm_key(text)
        if key not in seen:
            seen.add(key)
            out.append((text, credit or None))
    return out


def _inside(el, ancestor) -> bool:
    return any(a is ancestor for a in el.iterancestors())


def _credit_text(el) -> str | None:
    s = normalize_block(el.text_content())
    s = _CREDIT_PREFIX.sub("", s).strip(" ()[]|/-\u2013\u2014")
    return s or None


def _text_without(cap, credit_el) -> str:
    """Text of ``cap`` without the text of ``credit_el`` when the credit sits inside it."""
    if credit_el is None or not _inside(credit_el, cap):
        return cap.text_content()
    parts: list[str] = []
    if cap.text:
        parts.append(cap.text)
    for child in cap.iterdescendants():
        if child is credit_el or _inside(child, credit_el):
            if child is credit_el and child.tail:
                parts.append(child.tail)
            continue
        if child.text:
            parts.append(child.text)
        if child.tail:
            parts.append(child.tail)
    return " ".join(parts)
