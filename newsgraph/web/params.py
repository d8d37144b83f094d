"""The explorer's URLs, query parameters and pages of lists.

Every list the explorer shows is one page of a query with its total; :class:`Pager`
says which ("26-38 of 38") and links the pages before and after it with the
request's other parameters kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping
from urllib.parse import quote, urlencode

from ..errors import QueryError

__all__ = ["NotFound", "Pager", "article_url", "actor_url", "dyad_url", "page_url",
           "search_url", "network_url", "number", "filter_of", "query_items"]


class NotFound(LookupError):
    """The id in the URL is not in the knowledge base (``code`` says what kind of id)."""

    def __init__(self, message: str, *, code: str = "E511"):
        super().__init__(message)
        self.code = code


def _seg(value: str) -> str:
    return quote(str(value), safe="")


def article_url(article_id: str, *, json: bool = False) -> str:
    return f"/articles/{_seg(article_id)}{'.json' if json else ''}"


def actor_url(actor_id: str, *, json: bool = False) -> str:
    return f"/actors/{_seg(actor_id)}{'.json' if json else ''}"


def dyad_url(a: str, b: str, *, json: bool = False) -> str:
    return f"/dyads/{_seg(a)}/{_seg(b)}{'.json' if json else ''}"


def query_items(params: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``params`` as query items: empty values left out, lists repeated, page 1 dropped."""
    items: list[tuple[str, str]] = []
    for k, v in params.items():
        if isinstance(v, (list, tuple)):
            items += [(k, str(x)) for x in v if x not in (None, "")]
        elif v not in (None, "", False) and not (k.endswith("page") and str(v) == "1"):
            items.append((k, str(v)))
    return items


def page_url(path: str, params: Mapping[str, Any], **change: Any) -> str:
    """``path`` with ``params`` changed by ``change`` (None removes a parameter)."""
    items = query_items({**params, **change})
    return path + ("?" + urlencode(items) if items else "")


def search_url(params: Mapping[str, Any], **change: Any) -> str:
    return page_url("/search", params, **change)


def network_url(**params: Any) -> str:
    items = [(k, v) for k, v in params.items() if v and k != "types"]
    items += [("type", t) for t in params.get("types") or ()]
    return "/network" + ("?" + urlencode(items) if items else "")


def number(value: str | None, default: int, *, name: str) -> int:
    """A whole number of 1 or more from a query parameter (``[E506]`` otherwise)."""
    if value in (None, ""):
        return default
    try:
        n = int(value)
    except ValueError:
        raise QueryError(f"{name} must be a whole number, not {value!r}", code="E506") from None
    if n < 1:
        raise QueryError(f"{name} must be 1 or more, not {n}", code="E506")
    return n


def filter_of(params: Mapping[str, Any], names: Iterable[str], *, rename: Mapping[str, str] = {}):
    """The :class:`~newsgraph.query.filters.Filter` of a page's query parameters
    (``type`` and ``modality`` lists of values, each maybe comma separated; ``rename``
    maps a parameter to its field: ``speaker`` to ``by``)."""
    from ..query.filters import Filter

    fields: dict[str, Any] = {}
    for name in names:
        field = rename.get(name, name)
        if name in ("type", "modality"):
            values = params.get(name) or ()
            values = [values] if isinstance(values, str) else values
            fields[field] = [t for v in values for t in str(v).split(",")] or None
        elif name == "dedupe":
            fields[field] = params.get("dedupe") in ("1", "on")
        else:
            fields[field] = (params.get(name) or "").strip() or None
    return Filter(**fields)


@dataclass(frozen=True)
class Pager:
    """One page of ``total`` items, ``per_page`` a page; ``param`` names the page number
    in the URL (each list of a page has its own)."""

    total: int
    page: int
    per_page: int
    path: str
    params: Mapping[str, Any]
    param: str = "page"
    anchor: str = ""

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def shown(self) -> int:
        return max(0, min(self.per_page, self.total - self.offset))

    def summary(self) -> str:
        """"38", "1-25 of 38" or "26-38 of 38"."""
        if self.total <= self.per_page and self.page == 1:
            return f"{self.total:,}"
        if not self.shown:
            return f"none of {self.total:,} on page {self.page}"
        return f"{self.offset + 1:,}-{self.offset + self.shown:,} of {self.total:,}"

    def url(self, page: int) -> str:
        return page_url(self.path, self.params, **{self.param: page}) + self.anchor

    @property
    def prev_url(self) -> str | None:
        return self.url(self.page - 1) if self.page > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url(self.page + 1) if self.page < self.pages else None

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "page": self.page, "per_page": self.per_page,
                "pages": self.pages}
