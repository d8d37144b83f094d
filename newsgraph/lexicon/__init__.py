"""Language knowledge that several stages share, and the one checked reader of every data file.

The package sits at the level of the stages and imports none of them.

- :mod:`.reader`: :func:`read_table`, :func:`read_json`, :class:`WordLists`: how every data
  file of every stage is read and checked (``[E305]`` / ``[E306]``, file and line named).
- :mod:`.words`: the shared word lists: reporting verbs with their frames and classes,
  titles with the sex they say, pronouns, given names with their usual sex.
- :mod:`.marks`: the quotation-mark scanner (:func:`find_quotations`) that the actors and
  quotes stages share, with its marks in ``data/quotation_marks.tsv``.
- :mod:`.text`: :func:`slug`, the one rule that turns a name into an id, for the actors stage
  and the link pass alike.

Each stage keeps the data that only it reads (``newsgraph/<stage>/data/``) and reads it
through the same reader.
"""

from __future__ import annotations

from .reader import (DataFileError, JsonData, Row, WordLists, data_label, data_text, read_json,
                     read_table, split_cell)
from .text import fold, slug

__all__ = ["DataFileError", "JsonData", "Row", "WordLists", "data_label", "data_text", "read_json",
           "read_table", "split_cell", "slug", "fold"]
