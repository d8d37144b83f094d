"""The store: the SQLite knowledge base as a sink.

It opens the file (:func:`connect`: WAL, foreign keys, migrations), runs
transactions one way (:func:`transaction`), and writes (:mod:`.write`: articles,
analyses, shard rows, deletions; :mod:`.runs`: runs and failures).  It imports
nothing above it: the pipeline, the readers and the cleaner feed it through
:mod:`newsgraph.ingest`, and :mod:`newsgraph.query` reads it.

Modules: :mod:`.db` (connect), :mod:`.tx` (transaction), :mod:`.migrate` (schema
migrations in ``migrations/``), :mod:`.write`, :mod:`.runs`.
"""

from .db import connect
from .tx import transaction

__all__ = ["connect", "transaction"]
