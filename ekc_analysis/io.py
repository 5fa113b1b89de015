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

from .validate import Problems

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


def read_table(path: Path, problems: Problems, sheet: str | int | None = None) -> RawTable | None:
    """Read one file; on failure add a problem and return None."""
    if not path.exists():
        problems.whole_file("file not found")
        return None
    if path.is_dir():
        problems.whole_file("is a folder, not a file")
        return None
    if path.stat().st_size == 0:
        problems.whole_file("file is empty")
        return None
    suffix = path.suffix.lower()
    try:
        if suffix in TEXT_SUFFIXES:
            return _read_text(path, problems)
        if suffix in EXCEL_SUFFIXES:
            return _read_excel(path, problems, sheet)
        if suffix == ".xls":
            problems.whole_file("old Excel .xls format is not supported; save the sheet as .xlsx or .csv")
            return None
        if suffix in (".sav", ".zsav", ".dta"):
            return _read_stat(path, problems)
        if suffix in (".parquet", ".pq"):
            return _read_parquet(path, problems)
    except Exception as exc:  # any library failure becomes a reported problem
        problems.whole_file(f"file cannot be read as {suffix.lstrip('.')} ({type(exc).__name__}: {exc})")
        return None
    problems.whole_file(f"unknown file type {suffix!r}; use one of {', '.join(sorted(SUFFIXES))}")
    return None


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
    first = next((line for line in text.splitlines() if line.strip()), "")
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
        problems.whole_file("file is empty")
        return None
    sep = sniff_delimiter(text, path.suffix.lower())
    try:
        frame = pd.read_csv(_io.StringIO(text), sep=sep, header=None, dtype=str, keep_default_na=False,
                            skip_blank_lines=False, engine="c")
    except pd.errors.ParserError:
        _ragged_lines(text, sep, problems)
        return None
    raw = _with_header(frame, path.name, from_text=True)
    raw.notes.append(f"{path.name}: read as text ({encoding}, delimiter {sep!r})")
    return _drop_blank_rows(raw)


def _ragged_lines(text: str, sep: str, problems: Problems) -> None:
    """Report every record whose number of fields differs from the header's."""
    reader = csv.reader(_io.StringIO(text), delimiter=sep)
    width = None
    for record in reader:
        if not any(f.strip() for f in record):
            continue
        if width is None:
            width = len(record)
            continue
        if len(record) != width:
            problems.add([reader.line_num], None, sep.join(record)[:60],
                         f"row has {len(record)} fields but the header has {width}")


def _with_header(frame: pd.DataFrame, file: str, from_text: bool) -> RawTable:
    """First row holds the headers; spreadsheet rows start at 2."""
    headers = [("" if pd.isna(h) else str(h)).strip() for h in frame.iloc[0]] if len(frame) else []
    body = frame.iloc[1:].reset_index(drop=True)
    body.columns = [h or f"column_{i + 1}" for i, h in enumerate(headers)]
    rows = np.arange(2, len(body) + 2)
    return RawTable(body, rows, file, from_text=from_text)


def _drop_blank_rows(raw: RawTable) -> RawTable:
    frame = raw.frame
    if frame.empty:
        return raw
    blank = frame.apply(lambda s: s.isna() | s.astype(str).str.strip().eq("")).all(axis=1).to_numpy()
    if blank.any():
        raw.notes.append(f"{raw.file}: {int(blank.sum())} empty row(s) skipped")
        raw.frame = frame.loc[~blank].reset_index(drop=True)
        raw.rows = raw.rows[~blank]
    return raw


# --- binary formats ------------------------------------------------------------------------------

def _read_excel(path: Path, problems: Problems, sheet: str | int | None) -> RawTable | None:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        problems.whole_file(f"cannot be read as an Excel workbook ({type(exc).__name__})")
        return None
    names = book.sheetnames
    if sheet is None:
        ws = book[names[0]]
    elif isinstance(sheet, int):
        if not 0 <= sheet < len(names):
            problems.whole_file(f"no sheet number {sheet}; the workbook has {len(names)}")
            return None
        ws = book[names[sheet]]
    elif sheet in names:
        ws = book[sheet]
    else:
        problems.whole_file(f"no sheet named {sheet!r}; sheets are: {', '.join(names)}")
        return None
    records = [list(r) for r in ws.iter_rows(values_only=True)]
    book.close()
    while records and all(v is None or str(v).strip() == "" for v in records[-1]):
        records.pop()
    if not records:
        problems.whole_file(f"sheet {ws.title!r} is empty")
        return None
    width = max(len(r) for r in records)
    frame = pd.DataFrame([r + [None] * (width - len(r)) for r in records], dtype=object)
    raw = _with_header(frame, path.name, from_text=True)
    raw.notes.append(f"{path.name}: sheet {ws.title!r}")
    return _drop_blank_rows(raw)


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
    strings = [f.name for f in schema if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)]
    table = pq.read_table(path, read_dictionary=strings)
    frame = table.to_pandas()
    return RawTable(frame, np.arange(2, len(frame) + 2), path.name, from_text=False)

