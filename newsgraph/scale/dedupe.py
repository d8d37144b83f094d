"""Near-duplicate articles: MinHash LSH over word shingles of the clean body text.

Wire copies, reprints and updates of one story share most of their body text;
their headlines, captions and last paragraphs are what papers edit.  So the
signature covers the body paragraphs only (``Article.paragraphs``; captions and
headline are outside them), lower-cased word ``shingle``-grams, hashed into a
``num_perm`` MinHash (datasketch).  :func:`cluster` finds candidate pairs with
LSH, keeps pairs whose estimated Jaccard similarity reaches ``threshold``, and
joins them into connected components.

A cluster's id is the id of its *representative*: the earliest published
member, then the smallest id.  So "one row per story" is simply
``COALESCE(cluster_id, id) = id`` in SQL.  The scheme name
(:func:`DedupeOptions.scheme`) is stored with every signature; signatures made
under another scheme are recomputed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

from ..errors import StoreError
from ..models import Article

__all__ = ["DedupeOptions", "VERSION", "body_text", "shingles", "signature",
           "signature_bytes", "cluster", "representatives"]

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


def _from_bytes(data: bytes, options: DedupeOptions) -> MinHash:
    values = np.frombuffer(data, dtype=_DTYPE).astype(np.uint32)
    if len(values) != options.num_perm:
        raise StoreError(f"signature has {len(values)} values, expected {options.num_perm}",
                         code="E620")
    return MinHash(num_perm=options.num_perm, seed=options.seed, hashvalues=values,
                   scheme=HASH_SCHEME)


def cluster(signatures: Mapping[str, bytes], *, options: DedupeOptions = DedupeOptions()
            ) -> dict[str, set[str]]:
    """Group article ids whose signatures match; returns groups of two or more ids."""
    lsh = MinHashLSH(threshold=options.threshold, num_perm=options.num_perm)
    hashes = {}
    for aid, data in signatures.items():
        hashes[aid] = _from_bytes(data, options)
        lsh.insert(aid, hashes[aid])
    parent = {aid: aid for aid in hashes}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for aid, m in hashes.items():
        for other in lsh.query(m):
            if other != aid and find(other) != find(aid) \
                    and m.jaccard(hashes[other]) >= options.threshold:
                parent[find(other)] = find(aid)
    groups: dict[str, set[str]] = {}
    for aid in hashes:
        groups.setdefault(find(aid), set()).add(aid)
    return {root: ids for root, ids in groups.items() if len(ids) > 1}


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
