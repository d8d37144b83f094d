"""Near-duplicate articles: MinHash LSH over word shingles of the clean body text.

Wire copies, reprints and updates of one story share most of their body text;
their headlines, captions and last paragraphs are what papers edit.  So the
signature covers the body paragraphs only (``Article.paragraphs``; captions and
headline are outside them), lower-cased word ``shingle``-grams, hashed into a
``num_perm`` MinHash (datasketch).  Candidates are found by locality-sensitive
hashing: the signature is cut into ``b`` bands of ``r`` values (datasketch's
choice of b and r for the threshold, :meth:`DedupeOptions.banding`), and two
articles that share a band's hash (:func:`band_hashes`) are candidates.  A pair
of candidates whose estimated Jaccard similarity (:func:`similarity`) reaches
``threshold`` is the same story; stories are the connected components.
:func:`cluster` groups signatures in memory from scratch; the knowledge base
stores the band hashes and groups new articles incrementally
(:mod:`.clusters`), with the same candidates, test and components.

A cluster's id is the id of its *representative*: the earliest published
member, then the smallest id.  So "one row per story" is simply
``COALESCE(cluster_id, id) = id`` in SQL.  The scheme name
(:func:`DedupeOptions.scheme`) is stored with every signature; signatures made
under another scheme are recomputed.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

from ..errors import StoreError
from ..models import Article

__all__ = ["DedupeOptions", "VERSION", "body_text", "shingles", "signature",
           "signature_bytes", "signature_values", "band_hashes", "similarity", "Components",
           "cluster", "representatives"]

VERSION = "dedupe.minhash.v1"
#: datasketch's permutation scheme (named explicitly: signatures are stored).
HASH_SCHEME = "affine32"
_DTYPE = "<u4"  # affine32 hash values are 32-bit
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class DedupeOptions:
    threshold: float = 0.5  # Jaccard similarity of shingle sets for "same story"
    num_perm: int = 128
    shingle: int = 5  # words per shingle
    seed: int = 1

    def scheme(self) -> str:
        return f"{VERSION}:w{self.shingle}:p{self.num_perm}:s{self.seed}:{HASH_SCHEME}"

    def banding(self) -> tuple[int, int]:
        """(b, r): LSH bands and values per band for this threshold and ``num_perm``."""
        return _banding(self.threshold, self.num_perm)

    def lsh_scheme(self) -> str:
        """The signature scheme with its banding (names stored band hashes)."""
        b, r = self.banding()
        return f"{self.scheme()}:lsh.b{b}.r{r}"


@functools.lru_cache(maxsize=16)
def _banding(threshold: float, num_perm: int) -> tuple[int, int]:
    # datasketch weighs false positives and false negatives equally; near a threshold of
    # 1 it would take a single band of every value, which it refuses: only signatures
    # identical in every value are then candidates.
    try:
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    except ValueError:
        return 1, num_perm
    return lsh.b, lsh.r


def body_text(text: str, paragraphs: Sequence[tuple[int, int]]) -> str:
    """The body paragraphs of an article's text (all of it when none are marked)."""
    if not paragraphs:
        return text
    return "\n".join(text[s:e] for s, e in paragraphs)


def article_body(article: Article) -> str:
    return body_text(article.text, [(p.start, p.end) for p in article.paragraphs])


def shingles(text: str, *, size: int = 5) -> set[bytes]:
    """Lower-cased word n-grams (the whole text as one shingle when it is shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)}


def signature(text: str, *, options: DedupeOptions = DedupeOptions()) -> MinHash | None:
    """The MinHash of a body text, or None when it has no words."""
    sh = shingles(text, size=options.shingle)
    if not sh:
        return None
    m = MinHash(num_perm=options.num_perm, seed=options.seed, scheme=HASH_SCHEME)
    m.update_batch(list(sh))
    return m


def signature_bytes(text: str, *, options: DedupeOptions = DedupeOptions()) -> bytes | None:
    m = signature(text, options=options)
    return None if m is None else m.hashvalues.astype(_DTYPE).tobytes()


def signature_values(data: bytes, options: DedupeOptions = DedupeOptions()) -> np.ndarray:
    """A stored signature's ``num_perm`` values (checked)."""
    if len(data) != 4 * options.num_perm:
        raise StoreError(f"signature has {len(data) / 4:g} values, expected {options.num_perm}",
                         code="E620")
    return np.frombuffer(data, dtype=_DTYPE)


def band_hashes(data: bytes, options: DedupeOptions = DedupeOptions()) -> list[int]:
    """A 47-bit hash of each of the ``b`` bands of a stored signature (BLAKE2b; SQLite
    stores an integer below 2**47 in six bytes)."""
    b, r = options.banding()
    width = 4 * r
    return [int.from_bytes(hashlib.blake2b(data[i * width:(i + 1) * width], digest_size=6)
                           .digest(), "little") >> 1 for i in range(b)]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures: the share of equal values."""
    return float(np.count_nonzero(a == b)) / len(a)


class Components:
    """Union-find over ids: the connected groups of the pairs joined so far."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while x != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    def join(self, x: str, y: str) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[ry] = rx
            self.parent.setdefault(rx, rx)

    def groups(self) -> list[set[str]]:
        """Groups of two or more ids (every id ever joined is in one)."""
        out: dict[str, set[str]] = {}
        for x in self.parent:
            out.setdefault(self.find(x), set()).add(x)
        return [g for g in out.values() if len(g) > 1]


def cluster(signatures: Mapping[str, bytes], *, options: DedupeOptions = DedupeOptions()
            ) -> dict[str, set[str]]:
    """Group article ids whose signatures match, from scratch, in memory; returns groups of
    two or more ids (keyed by one of them)."""
    values = {aid: signature_values(data, options) for aid, data in signatures.items()}
    buckets: dict[tuple[int, int], list[str]] = {}
    for aid, data in signatures.items():
        for band, h in enumerate(band_hashes(data, options)):
            buckets.setdefault((band, h), []).append(aid)
    comp = Components()
    for ids in buckets.values():
        for i, x in enumerate(ids):
            for y in ids[i + 1:]:
                if comp.find(x) != comp.find(y) \
                        and similarity(values[x], values[y]) >= options.threshold:
                    comp.join(x, y)
    return {min(g): g for g in comp.groups()}


def representatives(groups: Iterable[set[str]], published: Mapping[str, str | None]
                    ) -> dict[str, str]:
    """article id -> cluster id (its group's earliest published member, then smallest id)."""
    out = {}
    for ids in groups:
        rep = min(ids, key=lambda i: (published.get(i) or "9999-99-99", i))
        out.update(dict.fromkeys(ids, rep))
    return out


def paragraphs_from_json(value: str | None) -> list[tuple[int, int]]:
    return [(int(s), int(e)) for s, e in json.loads(value or "[]")]
