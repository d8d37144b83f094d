"""An event before dates and provenance are attached (shared by the rule modules)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..models import Actor

__all__ = ["Draft"]


@dataclass(frozen=True, slots=True)
class Draft:
    """An event before dates and provenance are attached."""

    type: str
    source: tuple[Actor, ...]
    target: tuple[Actor, ...]
    modality: str
    start: int  # trigger span
    end: int
    rule: str
    confidence: float
    mode: str | None
    cameo: str | None
    reported_by: str | None
    location: Actor | None
    anchor: Token
