"""Actors stage: countries, people, organisations, groups and documents, with every mention.

Public interface used by later stages (quotes, events)::

    result = extract_actors(article, doc)      # -> ActorIndex
    result.actors                               # tuple[Actor, ...], ordered by first mention
    result.at(start, end)                       # Actor whose mention covers/overlaps the span, or None
    result.for_token(token)                     # Actor mentioned at a spaCy token, or None
    result.get(actor_id)                        # Actor by id

Actor ids: countries ``USA`` (ISO 3166-1 alpha-3); ``person:<slug>``; ``org:<slug>``;
``loc:<slug>`` (with ``country``); ``group:<slug>`` (with ``members``); ``doc:<slug>``.

The passes run in order over one parsed article and share a :class:`~.context.Context`
(which holds the article's home country, :mod:`.home`): parties (:mod:`.parties`), places
(:mod:`.places`), people (:mod:`.people`), organs of the state (:mod:`.organs`), organisations,
documents and groups (:mod:`.orgs`), then the references that point back to them, pronouns,
role nouns and descriptions (:mod:`.resolve`), then the offices that give people their state
(:mod:`.grounding`).  Rule names carry :data:`VERSION`; every actor with a state says how it
was found (``Actor.country_from``).
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..models import Article
from .context import domestic_state, make_context
from .gazetteer import Country, lookup_country
from .grounding import ground_bodies, ground_offices, office_state
from .index import VERSION, ActorIndex
from .known import find_known, ground_known
from .organs import extract_organs, organ_id
from .orgs import extract_documents, extract_groups, extract_orgs
from .parties import find_parties
from .people import extract_people
from .places import extract_places
from .resolve import resolve_references

__all__ = ["ActorIndex", "Country", "extract_actors", "lookup_country", "office_state", "organ_id",
           "VERSION"]


def extract_actors(article: Article, doc: Doc) -> ActorIndex:
    """Find the actors of one parsed article (``doc`` is spaCy's parse of ``article.text``)."""
    ctx = make_context(article, doc)
    find_parties(ctx)
    ctx.domestic = domestic_state(ctx)
    inner = extract_places(ctx)
    extract_people(ctx)
    find_known(ctx)
    extract_organs(ctx)
    extract_orgs(ctx, inner)
    pending = extract_documents(ctx)
    extract_groups(ctx)
    resolved = resolve_references(ctx)
    b = ctx.builder
    for aid, owner in pending:  # "its state news agency": the owner's state
        ref = resolved.get(owner)
        if ref is not None:
            d = b.data[ref]
            b.update(aid, country=d["country"] or (ref if d["kind"] == "country" else None),
                     country_from="owner")
    ground_offices(ctx)
    ground_known(ctx)
    ground_bodies(ctx)
    return b.build(ctx.home)
