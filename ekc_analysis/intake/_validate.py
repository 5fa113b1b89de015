"""Apply the declarations of :mod:`ekc_analysis.intake` to raw tables.

Every check is vectorised and *collects* problems instead of stopping at the
first: a caller gets a typed frame plus a problems table
``[file, row, column, value, rule]`` and raises one :class:`ValidationError`
with all of them. ``row`` is the spreadsheet row number a person sees.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable

import numpy as np
import pandas as pd

from ..errors import PROBLEM_COLUMNS, problems_frame
from ..i18n import Message
from ._rule_texts import problem
from ._schema import FALSE_WORDS, MISSING_WORDS, TRUE_WORDS, VALUE_ALIASES, Column, Table, normalise

# day first, as Dutch exports write dates; a two-digit year (17/3/21) is 20xx or 19xx as strptime reads it
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d", "%d-%m-%y", "%d/%m/%y", "%d.%m.%y",
                "%Y-%m-%d %H:%M:%S", "%d-%m-%Y %H:%M", "%d-%m-%Y %H:%M:%S", "%d/%m/%Y %H:%M",
                "%d/%m/%Y %H:%M:%S")
# Excel counts days from 1899-12-30; serials 20000-80000 are the years 1954-2119
EXCEL_EPOCH = pd.Timestamp("1899-12-30")
EXCEL_SERIALS = (20000, 80000)
_SERIAL_TEXT = re.compile(r"^\s*\d{5}(\.0+)?\s*$")
_DATE_SHAPE = re.compile(r"^\s*(\d{4}[-/]\d{1,2}[-/]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})(\s.*)?$")
_DUTCH_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?$|^-?\d+(,\d+)?$")


MAX_COUNT = 1_000_000  # agreements, professional agreements: anything above is a typing or export error


class Problems:
    """Collects problem rows cheaply; ``frame()`` builds the table once."""

    def __init__(self, file: str) -> None:
        self.file = file
        self._parts: list[pd.DataFrame] = []

    def add(self, rows: object, column: str | None, values: object, rule: str | object) -> None:
        rows_arr = np.atleast_1d(np.asarray(rows, dtype=object))
        if rows_arr.size == 0:
            return
        vals = np.atleast_1d(np.asarray(values, dtype=object))
        if vals.size == 1 and rows_arr.size > 1:
            vals = np.repeat(vals, rows_arr.size)
        rules = rule if isinstance(rule, (list, np.ndarray, pd.Series)) else [rule] * rows_arr.size
        part = pd.DataFrame({
            "file": self.file,
            "row": pd.array([None if r is None else int(r) for r in rows_arr], dtype="Int64"),
            "column": column,
            "value": [_show(v) for v in vals],
            "rule": pd.Series(list(rules), dtype=object),  # messages stay messages
        })
        self._parts.append(part)

    def flag(self, mask: np.ndarray, rows: np.ndarray, column: str | None, values: pd.Series | str,
             rule: str) -> None:
        """Add a problem for each row where ``mask`` is true (cheap when none is)."""
        if mask.any():
            self.add(rows[mask], column, values[mask] if isinstance(values, pd.Series) else values, rule)

    def whole_file(self, rule: str, column: str | None = None, value: object = None) -> None:
        self.add([None], column, [value], rule)

    def extend(self, other: Problems) -> None:
        self._parts.extend(other._parts)

    def __len__(self) -> int:
        return sum(len(p) for p in self._parts)

    def frame(self) -> pd.DataFrame:
        if not self._parts:
            return problems_frame()
        frame = pd.concat(self._parts, ignore_index=True)[PROBLEM_COLUMNS]
        return frame.sort_values(["row"], kind="stable", na_position="first").reset_index(drop=True)


def _show(v: object) -> str:
    if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA or v is pd.NaT:
        return ""
    if isinstance(v, pd.Timestamp):
        return v.strftime("%d-%m-%Y")
    return str(v)


# --- value conversion ---------------------------------------------------------------------------

def _by_uniques(s: pd.Series, convert: Callable[[Hashable], object]) -> pd.Series:
    """Apply ``convert`` once per distinct value (fast on long, repetitive columns)."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        cats = s.cat.categories
        mapped = np.array([convert(c) for c in cats] + [convert(None)], dtype=object)
        codes = s.cat.codes.to_numpy()
        return pd.Series(mapped[codes], index=s.index)  # code -1 picks the trailing NA entry
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    mapped = np.array([convert(u) for u in uniques] + [convert(None)], dtype=object)
    return pd.Series(mapped[codes], index=s.index)


def is_missing(s: pd.Series, words: bool = True) -> np.ndarray:
    """Missing values; with ``words`` also the words text exports use for 'unknown' (``NA``, ``onbekend``).

    Typed formats (Parquet) have real nulls, so their loader passes ``words=False``.
    """
    miss = s.isna().to_numpy()
    if not words:
        return miss
    if isinstance(s.dtype, pd.CategoricalDtype):
        codes, uniques = s.cat.codes.to_numpy(), s.cat.categories
    elif s.dtype == object or isinstance(s.dtype, pd.StringDtype):
        codes, found = pd.factorize(s, use_na_sentinel=True)
        uniques = pd.Index(np.asarray(found, dtype=object), dtype=object)
    else:
        return miss
    if len(uniques) == 0:
        return miss
    word = pd.Index(uniques.astype(str)).str.strip().str.lower().isin(list(MISSING_WORDS))
    is_text = np.fromiter((isinstance(u, str) for u in uniques), bool, len(uniques))
    flagged = np.append(word & is_text, False)  # code -1 (already NA) maps to the appended False
    return miss | flagged[codes]


def to_date(s: pd.Series, words: bool = True) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """Parse dates; return (values, not-a-date mask, impossible-date mask)."""
    missing = is_missing(s, words)
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        out = s.dt.tz_localize(None) if getattr(s.dt, "tz", None) is not None else s
        return out.astype("datetime64[ns]"), np.zeros(len(s), bool), np.zeros(len(s), bool)
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns]")
    is_ts = _by_uniques(s, lambda v: isinstance(v, (pd.Timestamp, np.datetime64)) or hasattr(v, "year")
                        ).to_numpy(dtype=bool) & ~missing
    if is_ts.any():
        out[is_ts] = pd.to_datetime(s[is_ts].astype(object), errors="coerce")
    serial = _by_uniques(s, excel_serial).astype("float64").to_numpy()
    is_serial = ~np.isnan(serial) & ~missing & ~is_ts
    if is_serial.any():
        out[is_serial] = EXCEL_EPOCH + pd.to_timedelta(serial[is_serial], unit="D")
    text = s.where(~missing & ~is_ts & ~is_serial).astype(object)
    text = text.where(text.isna(), text.astype(str).str.strip())
    todo = ~missing & ~is_ts & ~is_serial
    for fmt in DATE_FORMATS:
        if not todo.any():
            break
        parsed = pd.to_datetime(text[todo], format=fmt, errors="coerce")
        ok = parsed.notna().to_numpy()
        idx = np.flatnonzero(todo)[ok]
        out.iloc[idx] = parsed[ok].to_numpy()
        todo[idx] = False
    shaped = _by_uniques(text, lambda v: isinstance(v, str) and bool(_DATE_SHAPE.match(v))).to_numpy(dtype=bool)
    impossible = todo & shaped
    return out, todo & ~shaped, impossible


def excel_serial(v: object) -> float:
    """The day number of a date Excel stored as a bare serial (44197 = 01-01-2021); NaN otherwise."""
    if isinstance(v, (bool, np.bool_)) or v is None:
        return np.nan
    if isinstance(v, (int, float, np.integer, np.floating)):
        x = float(v)
    elif isinstance(v, str) and _SERIAL_TEXT.match(v):
        x = float(v)
    else:
        return np.nan
    return x if x.is_integer() and EXCEL_SERIALS[0] <= x <= EXCEL_SERIALS[1] else np.nan


def to_number(s: pd.Series, words: bool = True) -> tuple[pd.Series, np.ndarray]:
    """Numbers, with Dutch decimal commas (``1.234,5``) understood; returns (values, bad mask)."""
    missing = is_missing(s, words)
    if pd.api.types.is_bool_dtype(s.dtype):
        return s.astype("float64"), np.zeros(len(s), bool)
    if pd.api.types.is_numeric_dtype(s.dtype):
        return s.astype("float64"), np.zeros(len(s), bool)

    def parse(v: object) -> float:
        if v is None or v is pd.NA:
            return np.nan
        if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool):
            return float(v)
        t = str(v).strip().replace("\u00a0", "").replace(" ", "")
        if "," in t and _DUTCH_NUMBER.match(t):
            t = t.replace(".", "").replace(",", ".")
        try:
            return float(t)
        except ValueError:
            return np.nan  # nan marks "unparseable"; missing values are masked separately

    values = _by_uniques(s.where(~missing), parse).astype("float64")
    bad = values.isna().to_numpy() & ~missing
    return values, bad


def to_bool(s: pd.Series, words: bool = True) -> tuple[pd.Series, np.ndarray]:
    missing = is_missing(s, words)
    if pd.api.types.is_bool_dtype(s.dtype):
        return s.astype("boolean"), np.zeros(len(s), bool)

    def parse(v: object) -> object:
        if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
            return None
        if isinstance(v, (bool, np.bool_)):
            return bool(v)
        key = str(v).strip().lower()
        if key in TRUE_WORDS:
            return True
        if key in FALSE_WORDS:
            return False
        return "bad"

    mapped = _by_uniques(s.where(~missing), parse)
    bad = (mapped == "bad").to_numpy() & ~missing
    out = mapped.where(~bad & ~missing, None)
    return out.astype("boolean"), bad


def to_category(s: pd.Series, col: Column, words: bool = True) -> tuple[pd.Series, np.ndarray]:
    """Map spellings (Dutch or English, any case) onto the column's categories, by distinct value."""
    missing = is_missing(s, words)
    aliases = dict(VALUE_ALIASES.get(col.name, {}))
    for c in col.categories:
        aliases.setdefault(normalise(c), c)
    if isinstance(s.dtype, pd.CategoricalDtype):
        codes, uniques = s.cat.codes.to_numpy(), s.cat.categories
    else:
        codes, uniques = pd.factorize(s, use_na_sentinel=True)
    position = {c: i for i, c in enumerate(col.categories)}
    # -1: no value, -2: a value that is no known category
    target = np.array([position.get(aliases.get(normalise(u), ""), -2) for u in uniques] + [-1],
                      dtype=np.int64)
    new = target[codes]
    new[missing] = -1
    bad = new == -2
    out = pd.Categorical.from_codes(np.where(new < 0, -1, new), categories=list(col.categories))
    return pd.Series(out, index=s.index), bad


def _number_as_text(v: object) -> str | None:
    """A number from a typed column as an id or text: 12.0 → '12', 1.5 → '1.5'; missing → None."""
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return None
    if isinstance(v, (int, float, np.integer, np.floating)) and float(v).is_integer():
        return str(int(v))
    return str(v)


def to_text(s: pd.Series, strip: bool) -> pd.Series:
    """Text values; ``strip`` (for text exports) trims stray spaces and reads 'unknown' words as missing. A missing
    value is NaN whatever the format (a Parquet category, a CSV cell or a Stata string), as pandas writes it."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        if not strip:
            return s
        cats = s.cat.categories
        if cats.dtype == object or isinstance(cats.dtype, pd.StringDtype):
            new = pd.Index(cats.astype(str)).str.strip()
            s = s.cat.rename_categories(new) if new.is_unique else s.astype(object).str.strip().astype("category")
        miss = is_missing(s)
        return s.where(~miss) if miss.any() else s
    miss = is_missing(s, strip)
    if pd.api.types.is_numeric_dtype(s.dtype):
        shown = _by_uniques(s.astype(object).where(~miss), _number_as_text)
        return shown.where(shown.notna())
    out = s.astype(object)
    if strip:
        out = _by_uniques(out, lambda v: v.strip() if isinstance(v, str) else (None if v is None else str(v)))
    return out.where(~miss & out.notna().to_numpy())


# --- table validation ---------------------------------------------------------------------------

def typed_table(raw: pd.DataFrame, table: Table, rows: np.ndarray, problems: Problems,
                from_text: bool = True) -> pd.DataFrame:
    """Convert every known column to its kind, recording every value that does not fit.

    ``raw`` already carries canonical column names; unknown columns are kept as they are. The value rules
    are the same for every format: a word for 'unknown' (``onbekend``, ``nvt``) is a missing value in a
    Parquet or Stata column as in a CSV; only ids of typed formats are kept exactly as stored.
    """
    words = True  # the same rules for text and typed formats (a Parquet string column holds words too)
    out = raw.copy(deep=False)
    invalid: dict[str, np.ndarray] = {}
    for name in raw.columns:
        col = table.by_name.get(name)
        if col is None:
            continue
        val, bad, flags = _typed_column(raw[name], col, from_text, words)
        for mask, rule in flags:
            problems.flag(mask, rows, name, raw[name], rule)
        if bad is not None:
            invalid[name] = bad
        out[name] = val.array  # same rows, so no alignment needed
    frame = out
    for name in table.required:
        if name in frame.columns:
            miss = frame[name].isna().to_numpy() & ~invalid.get(name, np.zeros(len(frame), bool))
            # the cell as written ('onbekend', '-'), so a message never shows a word as an empty value
            problems.flag(miss, rows, name, raw[name], problem("required_value"))
    return frame


# rows of a column that break a rule, and the rule's problem
Flag = tuple[np.ndarray, Message]


def _typed_column(s: pd.Series, col: Column, from_text: bool,
                  words: bool) -> tuple[pd.Series, np.ndarray | None, list[Flag]]:
    """One column converted to its kind: the values, the cells that do not fit (None for text and ids, which
    always fit) and the rules they break."""
    if col.kind == "date":
        val, bad, impossible = to_date(s, words)
        return val, bad | impossible, [(bad, problem("not_a_date")), (impossible, problem("impossible_date"))]
    if col.kind in ("count", "number"):
        return _typed_number(s, col, words)
    if col.kind == "bool":
        val, bad = to_bool(s, words)
        return val, bad, [(bad, problem("not_yes_no"))]
    if col.kind == "category":
        val, bad = to_category(s, col, words)
        return val, bad, [(bad, problem("unknown_category", allowed=", ".join(col.categories)))]
    if col.kind == "id":
        return (to_text(s, strip=from_text) if not pd.api.types.is_integer_dtype(s.dtype) else s), None, []
    return to_text(s, strip=words), None, []


def _typed_number(s: pd.Series, col: Column, words: bool) -> tuple[pd.Series, np.ndarray, list[Flag]]:
    """A count or number column: numbers with decimal commas read, no negatives; counts whole and not huge."""
    if pd.api.types.is_integer_dtype(s.dtype):  # typed source: check the sign
        val = s.astype("Int64" if col.kind == "count" else "float64")
        neg = (val < 0).fillna(False).to_numpy(dtype=bool)
        return val, np.zeros(len(s), bool), [(neg, problem("negative"))]
    val, bad = to_number(s, words)
    flags = [(bad, problem("not_a_number")), ((val < 0).to_numpy(), problem("negative"))]
    if col.kind != "count":
        return val, bad, flags
    frac = (val.notna() & (val % 1 != 0)).to_numpy()
    huge = (val.notna() & (val.abs() > MAX_COUNT) & ~pd.Series(frac, index=val.index)).to_numpy()
    flags += [(frac, problem("whole_number")), (huge, problem("too_large", max=f"{MAX_COUNT:,}"))]
    keep = ~pd.Series(frac | huge, index=val.index)
    return val.where(keep).round().astype("Int64"), bad, flags


def check_columns(headers: dict[str, str], table: Table, problems: Problems, header_row: int = 1) -> bool:
    """Missing required columns and headers that collide after mapping; False if unusable.

    A missing column's problem lists the headers the file does have, and on which row they were found,
    so a title row taken for headers or a header spelt differently shows at once.
    """
    ok = True
    targets = list(headers.values())
    found = [h for h in headers if not h.startswith("column_")]
    shown = ", ".join(found[:20]) + (f", ... ({len(found)} in all)" if len(found) > 20 else "")
    for name in table.required:
        if name not in targets:
            problems.whole_file(problem("missing_column", acc=", ".join((name,) + table.by_name[name].aliases[:4]),
                                        r=header_row, found=shown or "none"), name)
            ok = False
    seen: dict[str, str] = {}
    for original, target in headers.items():
        if target in seen:
            problems.whole_file(problem("two_columns", c=target, a=repr(seen[target]), b=repr(original)),
                                target, original)
            ok = False
        seen[target] = original
    return ok
