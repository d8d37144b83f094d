"""Language detection (py3langid) for articles whose input does not say.

Only a prefix of the text is classified, so the cost is small and flat.  A short
text, or one the model is not confident about, gets ``None`` (unknown), which the
pipeline treats like English rather than skipping its stages on a guess.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["detect_language", "PREFIX_CHARS", "MIN_CHARS", "MIN_PROBABILITY"]

PREFIX_CHARS = 600  # characters classified
MIN_CHARS = 40  # shorter texts are not classified
MIN_PROBABILITY = 0.80


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float]:
    """``(ISO 639-1 code or None, probability)`` for the start of ``text``."""
    sample = text[:PREFIX_CHARS]
    if sum(c.isalpha() for c in sample) < MIN_CHARS:
        return None, 0.0
    code, prob = _identifier().classify(sample)
    prob = float(prob)
    return (code if prob >= MIN_PROBABILITY else None), prob
