"""Language detection for articles whose input does not say.

Only a prefix of the text is looked at, so the cost is small and flat.  A prefix
in which English function words (``lexicon/data/english_function_words.tsv``) make up a large share of
the words is English without further ado; anything else is classified by
py3langid.  A short text, or one the model is not confident about, gets
``None`` (unknown), which the pipeline treats like English rather than skipping
its stages on a guess.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["detect_language", "PREFIX_CHARS", "MIN_CHARS", "MIN_PROBABILITY",
           "ENGLISH_SHARE"]

PREFIX_CHARS = 300  # characters looked at
MIN_CHARS = 40  # shorter texts are not classified
MIN_PROBABILITY = 0.80  # py3langid's normalised probability needed for an answer
ENGLISH_SHARE = 0.15  # share of English function words that settles English (others: < 0.05)
_MIN_WORDS = 20
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    from .lexicon import read_table

    return frozenset(row["word"].lower() for row in read_table(
        "newsgraph.lexicon", "english_function_words.tsv", ("word",), required=("word",), unique="word"))


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float]:
    """``(ISO 639-1 code or None, score)`` for the start of ``text``: the score is the
    share of English function words on the fast path, else py3langid's probability."""
    sample = text[:PREFIX_CHARS]
    if len(sample.strip()) < MIN_CHARS:
        return None, 0.0
    words = _WORD.findall(sample.lower())
    if len(words) >= _MIN_WORDS:
        common = _english_words()
        share = sum(w in common for w in words) / len(words)
        if share >= ENGLISH_SHARE:
            return "en", share
    code, prob = _identifier().classify(sample)
    prob = float(prob)
    return (code if prob >= MIN_PROBABILITY else None), prob
