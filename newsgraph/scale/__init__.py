"""Scale: a process pool for one machine, Dask batches and Parquet shards beyond it,
and near-duplicate clusters (wire copies counted once).

Modules: :mod:`.pool` (ordered process pool), :mod:`.parquet` (Analysis -> Arrow
tables with the knowledge base's columns), :mod:`.batch` (Dask distributed over
input shards), :mod:`.dedupe` (MinHash LSH), :mod:`.clusters` (stories in the
knowledge base).  :mod:`newsgraph.ingest` runs them into the knowledge base.
Dask, pyarrow and datasketch are imported only by the modules that need them.
"""

from __future__ import annotations

from .pool import AnalysisPool, analyze_parallel, default_workers, stop_on_interrupt

__all__ = ["AnalysisPool", "analyze_parallel", "default_workers", "stop_on_interrupt"]
