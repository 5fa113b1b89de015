"""Every CSV and Excel file the package writes goes through here, so none of them runs code when opened.

A spreadsheet program reads a cell whose text begins with ``=``, ``+``, ``-`` or ``@`` (and, in some,
a tab or carriage return) as a formula: ``=HYPERLINK("http://…"&A1,"klik")`` in a remarks column of
an export would become a live link that sends the neighbouring cell away (CSV / formula injection).
The files written here (problems, tables, the benchmark, pseudonymised exports) are opened in
Excel by the people they are for, so, as OWASP's advice on CSV injection says:

* in CSV, such text is stored with a leading single quote (``'=HYPERLINK(…)``), which Excel shows
  as text and never evaluates;
* in ``.xlsx``, such text is written as a string cell (``data_type 's'``, with Excel's quote prefix
  set, so editing the cell does not turn it into a formula either); the text itself is unchanged.

Numbers stay numbers: a numeric column is written as it is (``-0.5`` stays a negative number), and a
text cell that is a plain number (``-12``, ``-1.019,5``, ``+3 %``) is no formula and is left alone.

Examples
--------
>>> import pandas as pd
>>> safe_frame(pd.DataFrame({"remark": ["=1+1", "-2", "@SUM(A1)", "ok"], "x": [-1.5, 2.0, 3.0, 4.0]})
...            ).to_dict("list")
{'remark': ["'=1+1", '-2', "'@SUM(A1)", 'ok'], 'x': [-1.5, 2.0, 3.0, 4.0]}
"""

from __future__ import annotations

import csv
import datetime as _dt
import os
import re
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

PathLike = str | os.PathLike[str]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_ROWS = 1_048_576  # rows of a worksheet, the header row included
_TRIGGER = re.compile(r"^[ ]*[=+\-@\t\r]")
_PLAIN_NUMBER = re.compile(r"^[ ]*[+-]?(?=[\d.,]*\d)[\d.,]+([eE][+-]?\d+)?[ ]?%?[ ]*$")


def is_formula_like(text: str) -> bool:
    """Would a spreadsheet read ``text`` as a formula? (A plain number such as ``-12`` is not.)

    >>> [is_formula_like(t) for t in ["=A1", " +1+2", "-", "-0.5", "@x", "\\tx", "a=b"]]
    [True, True, True, False, True, True, False]
    """
    return bool(_TRIGGER.match(text)) and not _PLAIN_NUMBER.match(text)


def inert(value: object) -> object:
    """``value`` with a leading ``'`` when it is text a spreadsheet would run; anything else unchanged."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def _safe_text(column: pd.Series) -> pd.Series:
    """One column with every formula-like text cell made inert (numbers, dates and missing untouched)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        categories = column.cat.categories
        if categories.dtype == object or pd.api.types.is_string_dtype(categories.dtype):
            return column.cat.rename_categories([inert(c) for c in categories])
        return column
    if pd.api.types.is_numeric_dtype(column.dtype) or pd.api.types.is_datetime64_any_dtype(column.dtype) \
            or pd.api.types.is_bool_dtype(column.dtype) or isinstance(column.dtype, pd.PeriodDtype):
        return column
    if isinstance(column.dtype, pd.StringDtype):
        texts = column.dropna()
    else:
        is_text = column.map(lambda v: isinstance(v, str), na_action="ignore").fillna(False).astype(bool)
        texts = column[is_text].astype(str)
    if not len(texts):
        return column
    risky = texts.str.match(_TRIGGER) & ~texts.str.match(_PLAIN_NUMBER)
    if not risky.any():
        return column
    out = column.copy() if isinstance(column.dtype, pd.StringDtype) else column.astype(object)
    out.loc[risky[risky].index] = "'" + texts[risky]
    return out


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` in which no text cell (and no column name) can run as a spreadsheet formula.

    Text beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``;
    numeric, date and boolean columns, and text that is a plain number, are left as they are.
    """
    out = frame.copy()
    out.columns = [inert(c) for c in out.columns]
    for i in range(out.shape[1]):
        out.isetitem(i, _safe_text(out.iloc[:, i]))
    return out


def csv_text(frame: pd.DataFrame, **to_csv: object) -> str:
    """``frame`` as CSV text with formula-like text made inert; ``to_csv`` goes to :meth:`DataFrame.to_csv`
    (``index=False`` and ``lineterminator="\\n"`` unless given)."""
    options: dict[str, object] = {"index": False, "lineterminator": "\n", **to_csv}
    safe = safe_frame(frame)
    if "quoting" not in to_csv and _holds_cr(safe):
        # Python's csv quotes a field holding a line feed but not one holding a lone carriage return, which
        # a spreadsheet reads as a line break: the rest of the cell would start a row of its own
        options["quoting"] = csv.QUOTE_NONNUMERIC
    return str(safe.to_csv(None, **options))  # type: ignore[call-overload]


def _holds_cr(frame: pd.DataFrame) -> bool:
    for i in range(frame.shape[1]):
        column = frame.iloc[:, i]
        if isinstance(column.dtype, pd.StringDtype):
            if column.str.contains("\r", regex=False, na=False).any():
                return True
        elif column.dtype == object:
            if column.map(lambda v: isinstance(v, str) and "\r" in v, na_action="ignore").fillna(False).any():
                return True
        elif isinstance(column.dtype, pd.CategoricalDtype) and any(
                isinstance(c, str) and "\r" in c for c in column.cat.categories):
            return True
    return any(isinstance(c, str) and "\r" in c for c in frame.columns)


def write_csv(frame: pd.DataFrame, path: PathLike, *, encoding: str = "utf-8", **to_csv: object) -> Path:
    """Write ``frame`` as CSV (see :func:`csv_text`) to ``path``; its folder is made. Returns the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(csv_text(frame, **to_csv).encode(encoding))
    return target


def _cell_value(value: object) -> object:
    """A value openpyxl can store: missing as empty, numpy scalars as Python numbers, timestamps as datetimes."""
    if value is None or value is pd.NaT or (not isinstance(value, str) and bool(np.ndim(value) == 0)  # type: ignore[arg-type]
                                            and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (str, int, float, bool, _dt.date, _dt.datetime, _dt.time)):
        return value
    return str(value)


def _write_sheet(ws: object, frame: pd.DataFrame) -> None:
    from openpyxl.cell.cell import Cell

    rows = [list(map(str, frame.columns))] + frame.astype(object).to_numpy().tolist()
    for r, record in enumerate(rows, start=1):
        for c, value in enumerate(record, start=1):
            cell: Cell = ws.cell(row=r, column=c)  # type: ignore[attr-defined]
            cell.value = _cell_value(value)
            if isinstance(cell.value, str):
                if cell.data_type == "f" or is_formula_like(cell.value):
                    cell.quotePrefix = True  # Excel keeps it text even when the cell is edited
                cell.data_type = "s"  # text is text: openpyxl makes '=…' a formula otherwise


def write_xlsx(sheets: pd.DataFrame | Mapping[str, pd.DataFrame], path: PathLike, *,
               sheet_name: str = "Sheet1") -> Path:
    """Write one frame (as ``sheet_name``) or ``{sheet name: frame}`` to an ``.xlsx`` workbook.

    Every text cell is a string cell, never a formula; numbers and dates keep their types. The
    index is not written. Returns the path; its folder is made.
    """
    import openpyxl

    named = {sheet_name: sheets} if isinstance(sheets, pd.DataFrame) else dict(sheets)
    too_long = [str(name) for name, frame in named.items() if len(frame) + 1 > EXCEL_ROWS]
    if too_long:
        from ..errors import ArgumentError

        raise ArgumentError(f"{Path(path).name}: sheet {', '.join(too_long)} has more rows than Excel holds "
                            f"({EXCEL_ROWS:,} with the headers); write it as .csv instead")
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, frame in named.items():
        _write_sheet(book.create_sheet(str(name)[:31] or "Sheet1"), frame)
    if not named:
        book.create_sheet(sheet_name)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return target


__all__ = ["TRIGGERS", "csv_text", "inert", "is_formula_like", "safe_frame", "write_csv", "write_xlsx"]
