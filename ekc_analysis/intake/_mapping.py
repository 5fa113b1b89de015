"""A user's mapping: their headers onto canonical columns, and their cell values onto canonical values.

A mapping is a dict ``{header: column}``; its key ``"values"`` (when it holds a dict) maps cell values
per canonical column, ``{"execution": {"deels": "partial", "volledig": "full"}}``. The same two parts
come from a mapping file (``--mapping``):

CSV (``,``, ``;`` or tab), one ``header,column`` pair a line, then after a line ``values:`` one
``column,value,meaning`` triple a line (or ``column: {value: meaning, ...}``)::

    Datum EK-c,conference_date
    values:
    execution: {deels: partial, volledig: full}
    plan,wel,yes

JSON: ``{"Datum EK-c": "conference_date", "values": {"execution": {"deels": "partial"}}}``.
"""

from __future__ import annotations

import csv
import io as _io
import json
import re
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import ArgumentError
from ._readers import decode, sniff_delimiter
from ._schema import AGREEMENTS, CASES, FALSE_WORDS, MISSING_WORDS, TRUE_WORDS, VALUE_ALIASES, normalise

VALUES_KEY = "values"
_SECTION = re.compile(r"^\s*\[?\s*(values|waarden)\s*\]?\s*:?\s*$", re.IGNORECASE)
_INLINE = re.compile(r"^\s*([^:{}]+?)\s*:\s*\{(.*)\}\s*$")
MISSING_TARGETS = frozenset({"", "missing", "onbekend", "unknown", "none", "null", "na"})


def split_mapping(mapping: Mapping[str, object] | None) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """(header → column, column → {value: meaning}) of a mapping; the value part from its ``"values"`` key."""
    headers: dict[str, str] = {}
    values: dict[str, dict[str, str]] = {}
    for key, target in (mapping or {}).items():
        if key == VALUES_KEY and isinstance(target, Mapping):
            for column, words in target.items():
                if not isinstance(words, Mapping):
                    raise ArgumentError(f"mapping values for {column!r}: expected {{value: meaning}}, e.g. "
                                        '{"deels": "partial"}, not ' f"{words!r}")
                values[str(column)] = {str(w): "" if m is None else str(m) for w, m in words.items()}
        elif isinstance(target, str):
            headers[str(key)] = target
        else:
            raise ArgumentError(f"mapping {key!r}: expected a column name, not {target!r}")
    return headers, values


def value_aliases(values: dict[str, dict[str, str]]) -> dict[str, dict[str, str | None]]:
    """Each column's user values, normalised, onto the canonical value (None: read as missing).

    Raises :class:`~ekc_analysis.errors.ArgumentError` for an unknown column or a meaning the column
    cannot take (a category it does not have, a yes/no column given another word).
    """
    columns = {c.name: c for c in CASES.columns + AGREEMENTS.columns}
    out: dict[str, dict[str, str | None]] = {}
    for column, words in values.items():
        col = columns.get(column)
        if col is None:
            raise ArgumentError(f"mapping values: unknown column {column!r}; choose from {', '.join(columns)}")
        table: dict[str, str | None] = {}
        for word, meaning in words.items():
            key = meaning.strip().lower()
            if key in MISSING_TARGETS or key in MISSING_WORDS:
                table[normalise(word)] = None
            elif col.kind == "category":
                known = dict(VALUE_ALIASES.get(column, {})) | {normalise(c): c for c in col.categories}
                if normalise(meaning) not in known:
                    raise ArgumentError(f"mapping values: {column} {word!r} -> {meaning!r}: {meaning!r} is not a "
                                        f"value of {column}; choose from {', '.join(col.categories)} (or missing)")
                table[normalise(word)] = known[normalise(meaning)]
            elif col.kind == "bool":
                if key not in TRUE_WORDS | FALSE_WORDS:
                    raise ArgumentError(f"mapping values: {column} {word!r} -> {meaning!r}: {column} is yes/no; "
                                        "choose yes, no (or missing)")
                table[normalise(word)] = "yes" if key in TRUE_WORDS else "no"
            else:
                table[normalise(word)] = meaning
        out[column] = table
    return out


def apply_values(frame: pd.DataFrame, aliases: dict[str, dict[str, str | None]]) -> pd.DataFrame:
    """Replace the user's cell values by their meaning, once per distinct value; other cells untouched."""
    for column, table in aliases.items():
        if column not in frame.columns or not table:
            continue
        s = frame[column]
        codes, uniques = pd.factorize(s.astype(object) if isinstance(s.dtype, pd.CategoricalDtype) else s,
                                      use_na_sentinel=True)
        hit = [isinstance(u, (str, int, float, np.integer, np.floating)) and normalise(u) in table for u in uniques]
        if not any(hit):
            continue
        new = [table[normalise(u)] if h else u for u, h in zip(uniques, hit, strict=True)]
        mapped = np.array(new + [None], dtype=object)[codes]
        frame = frame.assign(**{column: pd.Series(mapped, index=frame.index, dtype=object)})
    return frame


def _inline_pairs(text: str) -> dict[str, str]:
    """``deels: partial, volledig: full`` (quotes optional) as a dict."""
    out = {}
    for part in next(csv.reader([text], skipinitialspace=True)):
        word, sep, meaning = part.partition(":")
        if not sep:
            raise ValueError(part)
        out[word.strip().strip("'\"")] = meaning.strip().strip("'\"")
    return out


def read_mapping(path: Path | str) -> dict[str, object]:
    """Read a mapping file: header → column pairs and, optionally, a ``values:`` section (see the module).

    Raises :class:`~ekc_analysis.errors.ArgumentError` naming the file, the line and what is wrong.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "map.csv"
    >>> _ = p.write_text("kopje;kolom\\nDatum eerste contact;referral_date\\n")
    >>> read_mapping(p)
    {'Datum eerste contact': 'referral_date'}
    """
    path = Path(path)
    if not path.is_file():
        raise ArgumentError(f"mapping file {str(path)!r} not found")
    decoded = decode(path.read_bytes())
    if decoded is None:
        raise ArgumentError(f"mapping file {path.name!r} is not a text file; use CSV (header,column) or JSON")
    text = decoded[0]
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        return _read_json(text, path.name)
    out, values = _read_lines(text, sniff_delimiter(text, path.suffix.lower()), path.name)
    if values:
        out[VALUES_KEY] = values
    if not out:
        raise ArgumentError(f"mapping file {path.name!r} holds no header → column pairs")
    return out


def _read_lines(text: str, sep: str, name: str) -> tuple[dict[str, object], dict[str, dict[str, str]]]:
    """The header → column pairs of a mapping file's lines, and the values after its ``values:`` line."""
    out: dict[str, object] = {}
    values: dict[str, dict[str, str]] = {}
    in_values = False
    for i, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if _SECTION.match(line):
            in_values = True
        elif in_values:
            column, pairs = _value_line(line, sep, i, name)
            values.setdefault(column, {}).update(pairs)
        else:
            fields = _fields(line, sep, 2, i, name)
            if out or fields[1].lower() not in ("column", "kolom", "canonical", "naam", "name"):  # not a heading
                out[fields[0]] = fields[1]
    return out, values


def _value_line(line: str, sep: str, i: int, name: str) -> tuple[str, dict[str, str]]:
    """A line of the values section: ``column: {value: meaning, ...}`` or ``column,value,meaning``."""
    inline = _INLINE.match(line)
    if not inline:
        fields = _fields(line, sep, 3, i, name)
        return fields[0], {fields[1]: fields[2]}
    try:
        return inline.group(1).strip(), _inline_pairs(inline.group(2))
    except ValueError:
        raise ArgumentError(f"mapping file {name!r}, line {i}: expected column: {{value: meaning, "
                            f"...}}, got {line.strip()!r}") from None


def _fields(line: str, sep: str, want: int, i: int, name: str) -> list[str]:
    """The fields of line ``i``: at least ``want`` (2: header,column; 3: column,value,meaning), none empty."""
    fields = [f.strip() for f in next(csv.reader(_io.StringIO(line), delimiter=sep))]
    if len(fields) < want or not all(fields[:want]):
        words = {2: "two", 3: "three"}[want]
        shape = f"column{sep}value{sep}meaning" if want == 3 else f"header{sep}column"
        raise ArgumentError(f"mapping file {name!r}, line {i}: expected {words} fields ({shape}), "
                            f"got {line.strip()!r}")
    return fields


def _read_json(text: str, name: str) -> dict[str, object]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ArgumentError(f"mapping file {name!r} is not valid JSON ({exc.msg}, line {exc.lineno})") from None
    if isinstance(data, dict) and isinstance(data.get("columns"), dict):  # {"columns": {...}, "values": {...}}
        data = {**data.pop("columns"), **data}
    if not isinstance(data, dict):
        raise ArgumentError(f"mapping file {name!r}: expected a JSON object of header → column names, "
                            'e.g. {"Datum aanmelding": "referral_date"}')
    try:
        split_mapping(data)
    except ArgumentError as exc:
        raise ArgumentError(f"mapping file {name!r}: {exc}") from None
    return {str(k): v for k, v in data.items()}
