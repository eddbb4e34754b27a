"""The bulk-write fast path: records turned straight into tuples of SQLite values, written with one ``executemany``
of a statement built with SQLAlchemy Core (``INSERT ... ON CONFLICT DO UPDATE ... WHERE``) and compiled once.
SQLAlchemy's per-value type processing costs more than the cipher on 100k-row pages (PLATFORM.md: the ORM, not
SQLCipher, is the cost), so the hot path converts each value once, with the same rules as ``types``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Column, Date, Table, bindparam, or_
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from .types import DecimalText, JsonText, UtcDateTime, canonical_json, decimal_text, utc_text

Converter = Callable[[Any], Any]


def _decimal(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"amounts are Decimal, not {type(value).__name__} (floats are refused)")
    return decimal_text(Decimal(value))


def _utc(value: Any) -> str | None:
    return None if value is None else utc_text(value)


def _json(value: Any) -> str | None:
    return None if value is None else canonical_json(value)


def _bool(value: Any) -> int | None:
    return None if value is None else int(bool(value))


def _date(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, date):
        raise TypeError(f"expected a date, got {type(value).__name__}")
    return value.isoformat()


def _plain(value: Any) -> Any:
    return value


def converter_for(column: Column[Any]) -> Converter:
    kind = column.type
    if isinstance(kind, DecimalText):
        return _decimal
    if isinstance(kind, UtcDateTime):
        return _utc
    if isinstance(kind, JsonText):
        return _json
    if isinstance(kind, Boolean):
        return _bool
    if isinstance(kind, Date):
        return _date
    return _plain


class RowWriter:
    """Converts objects' attributes (or mappings) for the given columns, and knows the INSERT for them."""

    def __init__(self, table: Table, names: Sequence[str]) -> None:
        self.table = table
        self.names = tuple(names)
        self.converters = tuple(converter_for(table.c[n]) for n in self.names)
        self.values_of: Callable[[Any], tuple[Any, ...]] = _tuple_maker(self.names, self.converters)

    def values_of_mapping(self, values: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(convert(values.get(name)) for name, convert in zip(self.names, self.converters, strict=True))

    def insert_sql(self, extra: Sequence[str] = ()) -> str:
        """``INSERT`` of these columns (then ``extra``), built with SQLAlchemy Core, compiled once to ``?`` form."""
        columns = [*self.names, *extra]
        return _compiled(sqlite_insert(self.table).values({c: bindparam(c) for c in columns}), columns)

    def upsert_sql(self, key: str, extra: Sequence[str], frozen: Sequence[str]) -> str:
        """INSERT ... ON CONFLICT(key) DO UPDATE ... only WHERE the content changed or the row was removed.

        Built with SQLAlchemy Core and compiled once; the rows are bound positionally, already converted by
        ``values_of`` (the same rules as the column types), which skips Core's per-value processing.
        """
        columns = [*self.names, *extra]
        stmt = sqlite_insert(self.table).values({c: bindparam(c) for c in columns})
        table = self.table.c
        stmt = stmt.on_conflict_do_update(
            index_elements=[key],
            set_={c: stmt.excluded[c] for c in columns if c not in frozen},
            where=or_(table.content_hash.is_distinct_from(stmt.excluded.content_hash), table.removed_at.is_not(None)),
        )
        return _compiled(stmt, columns)


def _tuple_maker(names: Sequence[str], converters: Sequence[Converter]) -> Callable[[Any], tuple[Any, ...]]:
    """``obj -> (obj.a, convert_b(obj.b), ...)`` as one generated function (the way ``dataclasses`` writes its
    ``__init__``): a quarter faster than a generic loop on the bulk path, where it runs once per row."""
    if not all(name.isidentifier() for name in names):  # names are our schema's columns, never data
        raise ValueError(f"not attribute names: {names}")
    scope: dict[str, Any] = {}
    terms = []
    for index, (name, convert) in enumerate(zip(names, converters, strict=True)):
        if convert is _plain:
            terms.append(f"obj.{name}")
        else:
            scope[f"_convert{index}"] = convert
            terms.append(f"_convert{index}(obj.{name})")
    source = f"def values_of(obj):\n    return ({', '.join(terms)},)\n"
    exec(source, scope)  # noqa: S102 (generated from column names checked above)
    maker: Callable[[Any], tuple[Any, ...]] = scope["values_of"]
    return maker


_QMARK = sqlite_dialect.dialect(paramstyle="qmark")


def _compiled(stmt: Any, columns: Sequence[str]) -> str:
    compiled = stmt.compile(dialect=_QMARK)
    if list(compiled.positiontup or ()) != list(columns):  # the tuples are built in ``columns`` order
        raise AssertionError(f"unexpected parameter order for {stmt.table.name}: {compiled.positiontup}")
    return str(compiled)
