"""Readers for registration exports as they really arrive.

CSV/TSV/TXT (delimiter, encoding and decimal comma sniffed), Excel ``.xlsx``,
SPSS ``.sav`` and Stata ``.dta`` (value labels applied) and Parquet. A reader
returns a :class:`RawTable`: the values with the file's own headers, plus the
spreadsheet row number of every record. It never raises a library error: a
file it cannot read becomes a problem row for :class:`ValidationError`.
"""

from __future__ import annotations

import csv
import io as _io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..i18n import Message
from . import _workbook_limits as workbook_limits
from ._rule_texts import problem
from ._validate import Problems
from ._workbook_limits import check_workbook, is_unsafe_xml_error, unsafe_xml

TEXT_SUFFIXES = {".csv", ".tsv", ".txt", ".tab"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
SUFFIXES = TEXT_SUFFIXES | EXCEL_SUFFIXES | {".sav", ".zsav", ".dta", ".parquet", ".pq"}


@dataclass
class RawTable:
    """A table as read: original headers, spreadsheet row numbers, and how it was read."""

    frame: pd.DataFrame
    rows: np.ndarray
    file: str
    from_text: bool = True
    labels: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    sheet: str | None = None
    header_row: int = 1
    """Spreadsheet row of the headers (1 unless title rows stand above them)."""
    above_header: list[str] = field(default_factory=list)
    """Text of the rows above the headers (a title, an export date) that were skipped."""
    blank: int = 0
    """Empty rows skipped."""
    totals: list[tuple[int, str]] = field(default_factory=list)
    """Trailing totals rows left out: (spreadsheet row, the label that marked it, e.g. 'Totaal')."""


def read_table(path: Path, problems: Problems, sheet: str | int | None = None, *, header_row: int | None = None,
               known: frozenset[str] = frozenset()) -> RawTable | None:
    """Read one file; on failure add a problem and return None.

    ``header_row`` is the spreadsheet row of the headers (1 = the first); without it the first row
    holding names from ``known`` (normalised headers the table accepts) is taken, so title rows above
    the headers are skipped. A trailing totals row ("Totaal", "Total") is left out and recorded.
    """
    if header_row is not None and (isinstance(header_row, bool) or not isinstance(header_row, int)
                                   or header_row < 1):
        problems.whole_file(f"header_row must be a row number of 1 or more, not {header_row!r}")
        return None
    if not path.exists():
        problems.whole_file(problem("not_found"))
        return None
    if path.is_dir():
        problems.whole_file("is a folder, not a file")
        return None
    if path.stat().st_size == 0:
        problems.whole_file(problem("empty_file"))
        return None
    raw = _read_any(path, problems, sheet, header_row, known)
    return None if raw is None else unique_headers(raw, problems)


def _read_any(path: Path, problems: Problems, sheet: str | int | None, header_row: int | None,
              known: frozenset[str]) -> RawTable | None:
    suffix = path.suffix.lower()
    try:
        if suffix in TEXT_SUFFIXES:
            return _finish(_read_text(path, problems), problems, header_row, known)
        if suffix in EXCEL_SUFFIXES:
            return _finish(_read_excel(path, problems, sheet), problems, header_row, known)
        if suffix == ".xls":
            problems.whole_file("old Excel .xls format is not supported; save the sheet as .xlsx or .csv")
            return None
        if suffix in (".sav", ".zsav", ".dta"):
            return _read_stat(path, problems)
        if suffix in (".parquet", ".pq"):
            return _read_parquet(path, problems)
    except Exception as exc:  # any library failure becomes a reported problem
        if is_unsafe_xml_error(exc):  # defusedxml refused an entity the guard did not see
            problems.whole_file(unsafe_xml())
            return None
        problems.whole_file(f"file cannot be read as {suffix.lstrip('.')} ({type(exc).__name__}: {exc})")
        return None
    problems.whole_file(f"unknown file type {suffix!r}; use one of {', '.join(sorted(SUFFIXES))}")
    return None


def unique_headers(raw: RawTable, problems: Problems) -> RawTable:
    """A header that stands twice is one problem; the first column of that name is read, the others are
    renamed ('Regio (2)') and ignored, so the rest of the file is still checked."""
    from ._messages import column_letter

    names = [str(c) for c in raw.frame.columns]
    seen: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        seen.setdefault(name, []).append(i)
    repeated = {name: at for name, at in seen.items() if len(at) > 1}
    if not repeated:
        return raw
    letters = raw.from_text and (raw.sheet is not None or raw.file.lower().endswith(tuple(TEXT_SUFFIXES)))
    for name, at in repeated.items():
        where = [column_letter(i) if letters else str(i + 1) for i in at]
        problems.whole_file(problem("repeated_header", h=name, k=len(at), first=", ".join(where[:-1]), last=where[-1]),
                            None, name)
        for k, i in enumerate(at[1:], start=2):
            names[i] = f"{name} ({k})"
    frame = raw.frame.copy(deep=False)
    frame.columns = names
    raw.frame = frame
    return raw


def sheet_names(path: Path) -> list[str]:
    """The sheets of an Excel workbook, in order; empty if it cannot be opened."""
    import openpyxl

    if check_workbook(path) is not None:  # an unsafe workbook is reported when it is read
        return []
    try:
        book = openpyxl.load_workbook(path, read_only=True)
    except Exception:  # an unreadable workbook is reported when it is read
        return []
    names = list(book.sheetnames)
    book.close()
    return names


# --- text ----------------------------------------------------------------------------------------

def decode(data: bytes) -> tuple[str, str] | None:
    """Decode an export: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data[:8192]:
        return None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def sniff_delimiter(text: str, suffix: str) -> str:
    """The delimiter of the first line that has one (a title line above the headers has none)."""
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    first = next((line for line in lines if any(d in line for d in (";", "\t", ",", "|"))), "")
    counts = {d: first.count(d) for d in (";", "\t", ",", "|")}
    best = max(counts, key=lambda d: counts[d])
    if counts[best] == 0:
        return "\t" if suffix in (".tsv", ".tab") else ","
    return best


def _read_text(path: Path, problems: Problems) -> RawTable | None:
    data = path.read_bytes()
    decoded = decode(data)
    if decoded is None:
        problems.whole_file("binary file, not a text export (expected CSV/TSV; for Excel use .xlsx)")
        return None
    text, encoding = decoded
    if not text.strip():
        problems.whole_file(problem("empty_file"))
        return None
    sep = sniff_delimiter(text, path.suffix.lower())
    try:
        frame = pd.read_csv(_io.StringIO(text), sep=sep, header=None, dtype=str, keep_default_na=False,
                            skip_blank_lines=False, engine="c")
    except pd.errors.ParserError:
        frame = _below_title_lines(text, sep)
        if frame is None:
            _ragged_lines(text, sep, problems)
            return None
    raw = RawTable(frame, np.arange(1, len(frame) + 1), path.name, from_text=True)
    raw.notes.append(Message("note_read_text", {"file": path.name, "encoding": encoding, "sep": sep}))
    return raw


def _title_lines(text: str, sep: str, look: int = 20) -> int:
    """Number of leading lines with at most one filled field (a title above the headers)."""
    reader = csv.reader(_io.StringIO("\n".join(text.splitlines()[:look])), delimiter=sep)
    n = 0
    for record in reader:
        if sum(bool(f.strip()) for f in record) > 1:
            return n
        n += 1
    return 0


def _below_title_lines(text: str, sep: str) -> pd.DataFrame | None:
    """Read a text export whose title lines have fewer fields than the table; None if still ragged.

    The title lines come back as rows with their text in the first cell, so row numbers stay those
    of the file and the header search skips them as it does in a spreadsheet.
    """
    skip = _title_lines(text, sep)
    if not skip:
        return None
    try:
        body = pd.read_csv(_io.StringIO(text), sep=sep, header=None, dtype=str, keep_default_na=False,
                           skip_blank_lines=False, engine="c", skiprows=skip)
    except pd.errors.ParserError:
        return None
    lines = text.splitlines()[:skip]
    top = pd.DataFrame([[line.strip(sep + " ")] + [""] * (body.shape[1] - 1) for line in lines],
                       columns=body.columns, dtype=object)
    return pd.concat([top, body], ignore_index=True)


def _ragged_lines(text: str, sep: str, problems: Problems) -> None:
    """Report every record whose number of fields differs from the header's."""
    reader = csv.reader(_io.StringIO(text), delimiter=sep)
    width = None
    skip = _title_lines(text, sep)
    for record in reader:
        if not any(f.strip() for f in record) or reader.line_num <= skip:
            continue
        if width is None:
            width = len(record)
            continue
        if len(record) != width:
            problems.add([reader.line_num], None, sep.join(record)[:60],
                         problem("ragged", a=len(record), b=width))


def _finish(grid: RawTable | None, problems: Problems, header_row: int | None,
            known: frozenset[str]) -> RawTable | None:
    """Find the header row in a grid of cells (row numbers 1, 2, ...), then drop blank and totals rows."""
    if grid is None:
        return None
    frame = grid.frame
    if header_row is not None:
        if header_row > len(frame):
            problems.whole_file(f"header_row {header_row} is below the last row ({len(frame)})")
            return None
        index = header_row - 1
    else:
        index = header_index(frame, known)
    above = [" ".join(str(v).strip() for v in frame.iloc[i] if _filled(v)) for i in range(index)]
    headers = [("" if _blank(h) else str(h)).strip() for h in frame.iloc[index]]
    body = frame.iloc[index + 1:].reset_index(drop=True)
    body.columns = [h or f"column_{i + 1}" for i, h in enumerate(headers)]
    raw = RawTable(body, np.arange(index + 2, index + 2 + len(body)), grid.file, from_text=grid.from_text,
                   notes=grid.notes, sheet=grid.sheet, header_row=index + 1, above_header=[a for a in above if a])
    return _drop_totals_rows(_drop_blank_rows(raw))


def _blank(v: object) -> bool:
    return v is None or (isinstance(v, float) and np.isnan(v)) or (isinstance(v, str) and not v.strip())


def _filled(v: object) -> bool:
    return not _blank(v)


def header_index(frame: pd.DataFrame, known: frozenset[str], look: int = 20) -> int:
    """Position of the header row: the first row with the most known header names (at least two);
    failing that, the first row with two or more filled cells (a title row fills one)."""
    from ._schema import normalise

    top = frame.iloc[:look]
    scores = [sum(normalise(v) in known for v in row if isinstance(v, str) and v.strip())
              for row in top.itertuples(index=False)]
    if scores and max(scores) >= 2:
        return scores.index(max(scores))
    if frame.shape[1] >= 2:
        for i, row in enumerate(top.itertuples(index=False)):
            if sum(_filled(v) for v in row) >= 2:
                return i
    return 0


TOTAL_WORDS = ("totaal", "total", "totalen", "totals", "eindtotaal", "subtotaal", "grand_total", "som",
               "generaal_totaal")


def _drop_totals_rows(raw: RawTable, last: int = 3) -> RawTable:
    """Leave out trailing rows that a cell marks as totals ('Totaal', 'Total: 260'); record each."""
    from ._schema import normalise

    frame = raw.frame
    keep = np.ones(len(frame), bool)
    for pos in range(len(frame) - 1, max(len(frame) - 1 - last, -1), -1):
        # the label stands in the row's first filled cell, where a case has its id (a remark further
        # right that starts with "Totaal" does not make a case a totals row)
        first = next((v for v in frame.iloc[pos] if _filled(v)), None)
        if not isinstance(first, str) or normalise(first).split("_")[0] not in TOTAL_WORDS:
            break
        label = first.strip()
        keep[pos] = False
        raw.totals.append((int(raw.rows[pos]), label))
    if not keep.all():
        raw.frame = frame.loc[keep].reset_index(drop=True)
        raw.rows = raw.rows[keep]
        raw.totals.reverse()
    return raw


def _drop_blank_rows(raw: RawTable) -> RawTable:
    frame = raw.frame
    if frame.empty:
        return raw
    blank = frame.apply(lambda s: s.isna() | s.astype(str).str.strip().eq("")).all(axis=1).to_numpy()
    if blank.any():
        raw.blank = int(blank.sum())
        raw.notes.append(Message("note_read_blank", {"file": raw.file, "n": raw.blank}))
        raw.frame = frame.loc[~blank].reset_index(drop=True)
        raw.rows = raw.rows[~blank]
    return raw


# --- binary formats ------------------------------------------------------------------------------

def _read_excel(path: Path, problems: Problems, sheet: str | int | None) -> RawTable | None:
    import openpyxl

    refused = check_workbook(path)  # size, zip-bomb and entity limits, before anything is unpacked
    if refused is not None:
        problems.whole_file(refused)
        return None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        problems.whole_file(unsafe_xml() if is_unsafe_xml_error(exc)
                            else f"cannot be read as an Excel workbook ({type(exc).__name__})")
        return None
    names = book.sheetnames
    if sheet is None:
        ws = book[names[0]]
    elif isinstance(sheet, int):
        if not 0 <= sheet < len(names):
            problems.whole_file(f"no sheet at position {sheet} (0 = the first); the workbook has {len(names)}: "
                                f"{', '.join(names)}")
            return None
        ws = book[names[sheet]]
    elif sheet in names:
        ws = book[sheet]
    else:
        problems.whole_file(problem("no_sheet", sheet=sheet, all=", ".join(names)))
        return None
    records: list[list[object]] = []
    for r in ws.iter_rows(values_only=True):
        if len(records) == workbook_limits.MAX_ROWS:
            book.close()
            problems.whole_file(problem("too_many_rows", sheet=ws.title, n=f"{workbook_limits.MAX_ROWS:,}"))
            return None
        records.append(list(r))
    book.close()
    while records and all(v is None or str(v).strip() == "" for v in records[-1]):
        records.pop()
    if not records:
        problems.whole_file(f"sheet {ws.title!r} is empty")
        return None
    width = max(len(r) for r in records)
    frame = pd.DataFrame([r + [None] * (width - len(r)) for r in records], dtype=object)
    raw = RawTable(frame, np.arange(1, len(frame) + 1), path.name, from_text=True, sheet=ws.title)
    raw.notes.append(Message("note_read_sheet", {"file": path.name, "sheet": ws.title}))
    return raw


def _read_stat(path: Path, problems: Problems) -> RawTable | None:
    import pyreadstat

    reader = pyreadstat.read_dta if path.suffix.lower() == ".dta" else pyreadstat.read_sav
    frame, meta = reader(str(path), apply_value_formats=True, formats_as_category=False)
    labels = {n: lab for n, lab in zip(meta.column_names, meta.column_labels or [], strict=False) if lab}
    for c in frame.columns:  # value labels come back as categoricals of labels
        if isinstance(frame[c].dtype, pd.CategoricalDtype):
            frame[c] = frame[c].astype(object)
    return RawTable(frame.reset_index(drop=True), np.arange(2, len(frame) + 2), path.name,
                    from_text=True, labels=labels)


def _read_parquet(path: Path, problems: Problems) -> RawTable | None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pq.read_schema(path)
    names = [f.name for f in schema]
    strings = [f.name for f in schema if (pa.types.is_string(f.type) or pa.types.is_large_string(f.type))
               and names.count(f.name) == 1]  # a repeated name is reported, not a reader's error
    table = pq.ParquetFile(path, read_dictionary=strings).read()
    # a repeated column name reaches the header check as it is (older pyarrow refuses it in to_pandas)
    frame = table.rename_columns([f"_{i}" for i in range(len(names))]).to_pandas()
    frame.columns = names
    return RawTable(frame, np.arange(2, len(frame) + 2), path.name, from_text=False)
