"""Language knowledge that several stages share, and the one checked reader of every data file.

- :mod:`.reader`: :func:`read_table`, :func:`read_json`, :class:`WordLists`: how every data
  file of every stage is read and checked (``[E305]`` / ``[E306]``, file and line named).
"""

from __future__ import annotations

from .reader import (DataFileError, JsonData, Row, WordLists, data_label, data_text, read_json,
                     read_table, split_cell)

__all__ = ["DataFileError", "JsonData", "Row", "WordLists", "data_label", "data_text", "read_json",
           "read_table", "split_cell"]
