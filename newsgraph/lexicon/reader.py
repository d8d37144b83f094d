"""The one checked reader of the package's language data files.

Every word list, table and gazetteer of every stage is a file in a ``data`` folder of
its package (``newsgraph/actors/data/roles.tsv``, ``newsgraph/lexicon/data/titles.tsv``),
read through this module and nothing else:

- :func:`read_table`: a tab-separated table.  ``#`` lines and blank lines are comments;
  the first other line is the header, which must name exactly the columns the caller
  expects, in order; every row has that many cells (stripped of spaces).  The caller
  may require cells to be non-empty, to be one of a set of values, or a key column to
  be unique.  Rows come back as :class:`Row` objects that know their file and line.
- :func:`read_json`: a JSON object with a ``version`` field (checked against the
  version the caller expects) whose named lists and maps come back through
  :class:`JsonData`, which checks that each key is there and of the right shape.
- :class:`WordLists`: the named word lists of a stage's ``words.json``, read on first
  use and exposed as attributes (``WORDS.target_preps``), for the function words and
  small closed classes the rules test tokens against.

A file that breaks these rules is :class:`DataFileError` (a :class:`NewsgraphError`):
``[E305]`` for a table, ``[E306]`` for a JSON file, ``where`` naming the file and line
(``newsgraph/actors/data/roles.tsv:12``); a loader's own checks (an unknown country, a
trigger with an unknown type) use :meth:`Row.error` with the loader's code.  The data
ship with the package, so such an error is a packaging bug or a bad edit, never input.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any, Collection, Iterator, Mapping, Sequence

from ..errors import NewsgraphError

__all__ = ["DataFileError", "Row", "JsonData", "WordLists", "read_table", "read_json",
           "data_text", "data_label", "split_cell"]

TABLE_CODE = "E305"
JSON_CODE = "E306"


class DataFileError(NewsgraphError, ValueError):
    """A language data file that breaks its format (``[E305]``, ``[E306]``) or a loader's
    check (the loader's own code); ``where`` names the file and line."""

    code = TABLE_CODE


def data_label(package: str, name: str) -> str:
    """``newsgraph/actors/data/roles.tsv`` for (``newsgraph.actors``, ``roles.tsv``)."""
    return f"{package.replace('.', '/')}/data/{name}"


def data_text(package: str, name: str) -> str:
    """The text of ``<package>/data/<name>`` (UTF-8); a missing file is ``[E305]``."""
    try:
        return resources.files(package).joinpath("data", name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"cannot read the data file ({exc})", where=data_label(package, name)) from None


def split_cell(value: str, sep: str = ";") -> list[str]:
    """The items of a ``;``-separated cell, stripped, empty ones dropped."""
    return [v.strip() for v in value.split(sep) if v.strip()]


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a table: its cells by column name, and where it stands."""

    cells: Mapping[str, str]
    where: str  # "newsgraph/actors/data/roles.tsv:12"
    line: int

    def __getitem__(self, column: str) -> str:
        return self.cells[column]

    def get(self, column: str, default: str = "") -> str:
        return self.cells.get(column, default)

    def items(self, column: str, sep: str = ";") -> list[str]:
        """The ``;``-separated items of a cell (see :func:`split_cell`)."""
        return split_cell(self.cells[column], sep)

    def error(self, message: str, code: str = TABLE_CODE) -> DataFileError:
        """An error about this row (raise it): ``code`` is the loader's, if it has one."""
        return DataFileError(message, code=code, where=self.where)


def read_table(package: str, name: str, columns: Sequence[str], *,
               required: Collection[str] = (), choices: Mapping[str, Collection[str]] | None = None,
               unique: str | None = None, text: str | None = None) -> tuple[Row, ...]:
    """The rows of the table ``<package>/data/<name>`` (see the module notes).

    ``required``: columns whose cells must not be empty; ``choices``: column -> the values
    its cells may take (an empty cell is allowed unless the column is also required);
    ``unique``: a column whose values (compared in lower case) may appear once.
    ``text`` reads that text instead of the packaged file (for tests)."""
    label = data_label(package, name)
    if text is None:
        text = data_text(package, name)
    columns = tuple(columns)
    header: tuple[str, ...] | None = None
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"{label}:{n}"
        cells = tuple(c.strip() for c in line.split("\t"))
        if header is None:
            header = cells
            if header != columns:
                raise DataFileError(f"the header names the columns {list(header)}, expected "
                                    f"{list(columns)} (tab-separated)", code=TABLE_CODE, where=where)
            continue
        if len(cells) != len(columns):
            raise DataFileError(f"{len(cells)} tab-separated cells, expected {len(columns)} "
                                f"({', '.join(columns)})", code=TABLE_CODE, where=where)
        row = dict(zip(columns, cells))
        for col in required:
            if not row[col]:
                raise DataFileError(f"empty {col!r} cell", code=TABLE_CODE, where=where)
        for col, allowed in (choices or {}).items():
            if row[col] and row[col] not in allowed:
                raise DataFileError(f"{col} {row[col]!r} is not one of {sorted(allowed)}",
                                    code=TABLE_CODE, where=where)
        if unique is not None:
            key = row[unique].lower()
            if key in seen:
                raise DataFileError(f"{row[unique]!r} is listed twice (first on line {seen[key]})",
                                    code=TABLE_CODE, where=where)
            seen[key] = n
        rows.append(Row(row, where, n))
    if header is None:
        raise DataFileError("no header line", code=TABLE_CODE, where=label)
    return tuple(rows)


class JsonData(Mapping[str, Any]):
    """A JSON data file's object, with checked access to its named entries (a missing
    entry, or one of the wrong shape, is ``[E306]``)."""

    def __init__(self, data: Mapping[str, Any], where: str):
        self.data = data
        self.where = where
        self.version: str = data["version"]

    def error(self, message: str, code: str = JSON_CODE) -> DataFileError:
        return DataFileError(message, code=code, where=self.where)

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)

    def __getitem__(self, key: str) -> Any:
        if key not in self.data:
            raise self.error(f"no {key!r} entry")
        return self.data[key]

    def seq(self, key: str, *, lower: bool = False) -> tuple[str, ...]:
        """A list of strings, in order."""
        value = self[key]
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            raise self.error(f"{key!r} is not a list of strings")
        return tuple(w.lower() for w in value) if lower else tuple(value)

    def words(self, key: str, *, lower: bool = False) -> frozenset[str]:
        """A list of strings, as a set."""
        return frozenset(self.seq(key, lower=lower))

    def mapping(self, key: str) -> dict[str, Any]:
        """An object (a copy)."""
        value = self[key]
        if not isinstance(value, dict):
            raise self.error(f"{key!r} is not an object")
        return dict(value)

    def lists(self) -> Iterator[str]:
        """The keys of its entries that are lists (comments start with ``_``)."""
        return (k for k, v in self.data.items() if isinstance(v, list) and not k.startswith("_"))


def read_json(package: str, name: str, *, version: str | None = None,
              text: str | None = None) -> JsonData:
    """The JSON object of ``<package>/data/<name>``: an object with a ``version`` string,
    equal to ``version`` when one is given (``[E306]`` otherwise)."""
    where = data_label(package, name)
    if text is None:
        text = data_text(package, name)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(f"not JSON ({exc.msg})", code=JSON_CODE,
                            where=f"{where}:{exc.lineno}") from None
    if not isinstance(data, dict):
        raise DataFileError("not a JSON object", code=JSON_CODE, where=where)
    found = data.get("version")
    if not isinstance(found, str) or (version is not None and found != version):
        raise DataFileError(f"version {found!r}, expected {version or 'a version string'!r}",
                            code=JSON_CODE, where=where)
    return JsonData(data, where)


class WordLists:
    """The named word lists of ``<package>/data/<name>`` (a JSON object of lists of
    strings), read on first use: ``WORDS.target_preps`` is a frozenset of that list's
    words; an unknown name is ``[E306]``."""

    def __init__(self, package: str, name: str = "words.json", version: str | None = None):
        self._source = (package, name, version)
        self._data: JsonData | None = None

    def _load(self) -> JsonData:
        if self._data is None:
            package, name, version = self._source
            self._data = read_json(package, name, version=version)
        return self._data

    def __getattr__(self, key: str) -> frozenset[str]:
        if key.startswith("_"):
            raise AttributeError(key)
        value = self._load().words(key)
        object.__setattr__(self, key, value)  # later reads are plain attribute reads
        return value

    def seq(self, key: str) -> tuple[str, ...]:
        """A list in its written order (for lists whose order matters)."""
        return self._load().seq(key)

    def names(self) -> list[str]:
        """The names of every list in the file."""
        return list(self._load().lists())

    @property
    def version(self) -> str:
        return self._load().version
