"""A table's records held column by column, and one way to read a column of any table.

The long layout repeats a few hundred distinct strings and parsed cells over many thousand
rows, so its parser builds each field of the records as one list (`Records`) instead of one
`Record` object per row: the validation, the store and the load's summary read those lists
(`column`) and a 100,000-row file never becomes 100,000 Python objects on the CLI's path. Any
row-wise use (the upload page's preview, a table that needs its duplicates sorted out) makes the
`Record` objects once; from then on they are what every read sees, a change to one included.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import fields
from operator import attrgetter
from typing import TYPE_CHECKING

from etl.records import Record

if TYPE_CHECKING:  # imported on first use: a load reads its file while NumPy loads (warm_up)
    import numpy as np

__all__ = ["FIELDS", "Records", "column", "distinct_cells", "codes", "identity_codes", "objects"]

FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Record))


class Records(Sequence[Record]):
    """Records as one list per `Record` field (`FIELDS`, all of the same length)."""

    __slots__ = ("_columns", "_rows", "_count", "_cells")

    def __init__(self, columns: dict[str, list]) -> None:
        missing = set(FIELDS) - set(columns)
        if missing:
            raise ValueError(f"columns missing: {sorted(missing)}")
        counts = {len(columns[name]) for name in FIELDS}
        if len(counts) > 1:
            raise ValueError(f"columns of different lengths: {sorted(counts)}")
        self._columns = {name: columns[name] for name in FIELDS}
        self._rows: list[Record] | None = None
        self._count = counts.pop() if counts else 0
        self._cells: dict[str, tuple[np.ndarray, list]] = {}

    def column(self, name: str) -> list:
        """One field of every record, in order (not a copy while no row was made: read only)."""
        if not self.made:
            return self._columns[name]
        return list(map(attrgetter(name), self._rows))

    def distinct_cells(self, name: str) -> tuple[np.ndarray, list]:
        """`identity_codes` of a column of parsed cells, worked out once while no row is made
        (the notes, the scope and the store each read them)."""
        if self.made:
            return identity_codes(self.column(name))
        if name not in self._cells:
            self._cells[name] = identity_codes(self._columns[name])
        return self._cells[name]

    @property
    def made(self) -> bool:
        """Whether the `Record` objects were made (some row-wise use asked for them)."""
        return self._rows is not None

    def rows(self) -> list[Record]:
        """The records as objects, made on first use and kept."""
        if self._rows is None:
            self._rows = list(map(Record, *self._columns.values()))
            self._columns, self._cells = {}, {}
        return self._rows

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):  # type: ignore[override]
        return self.rows()[index]

    def __iter__(self) -> Iterator[Record]:
        return iter(self.rows())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Records({self._count} rows{', made' if self.made else ''})"


def column(records: Sequence[Record], name: str) -> list:
    """The field `name` of each record, from the columns when `records` keeps them."""
    if isinstance(records, Records):
        return records.column(name)
    return list(map(attrgetter(name), records))


def distinct_cells(records: Sequence[Record], name: str) -> tuple[np.ndarray, list]:
    """Each record's position among the distinct objects of the field `name` (parsed cells),
    and those objects (`identity_codes`)."""
    if isinstance(records, Records):
        return records.distinct_cells(name)
    return identity_codes(column(records, name))


def objects(values) -> np.ndarray:
    """`values` as a NumPy object array, one element each (a tuple stays one value)."""
    import numpy as np

    return np.fromiter(values, dtype=object, count=len(values))


def codes(values: list) -> tuple[np.ndarray, list]:
    """Each value's position among the distinct values (in the order they first come), and
    those distinct values: a column of repeated cells becomes one small list and an index."""
    import numpy as np

    distinct = dict.fromkeys(values)
    position = {value: i for i, value in enumerate(distinct)}
    return np.fromiter(map(position.__getitem__, values), dtype=np.intp, count=len(values)), \
        list(distinct)


def identity_codes(values: list) -> tuple[np.ndarray, list]:
    """As `codes`, the values told apart by identity: for columns of parsed cells, which repeat
    a few objects (hashing a dataclass by its fields on every row cost more than the work)."""
    import numpy as np

    distinct = dict(zip(map(id, values), values, strict=True))
    position = {key: i for i, key in enumerate(distinct)}
    return np.fromiter(map(position.__getitem__, map(id, values)), dtype=np.intp,
                       count=len(values)), list(distinct.values())
