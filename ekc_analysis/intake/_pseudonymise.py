"""Personal data: find identifier columns and replace them by keyed pseudonyms (HMAC-SHA256).

Researchers should receive pseudonymised registry exports (GDPR / AVG). A plain hash of a BSN is no
pseudonym: there are only about 10⁹ BSNs, so anyone can hash them all and look a value up. A keyed
hash (HMAC-SHA256 with a secret key of at least 16 bytes) cannot be reversed or recomputed without the
key; the same key gives the same pseudonym, so files pseudonymised with one key still link.

What is an identifier column:

* by name (after :func:`~ekc_analysis.intake._schema.normalise`): BSN, burgerservicenummer, sofinummer, naam,
  voornaam, achternaam, roepnaam, name, geboortedatum, birth date, adres, straat, huisnummer, postcode,
  woonplaats-adres, telefoon, mobiel, e-mail, …;
* by value: 8–9 digit numbers passing the BSN eleven-test (elfproef) in at least 80 % of the filled
  cells, or e-mail addresses.

What passes (an allow-list, :func:`pseudonymise`): the columns the package knows (canonical names and
their Dutch and English aliases, :mod:`ekc_analysis.intake`), identifiers as pseudonyms; free text and
every unknown column (``Contactpersoon``, ``Opmerkingen``) are left out unless kept after review.

Birth dates are coarsened to the year by default (``birth_dates="year"``): an age is often needed,
the exact day identifies. ``birth_dates="hash"`` hashes them like any identifier.

Examples
--------
>>> import pandas as pd
>>> from ekc_analysis.intake._pseudonymise import pseudonymise
>>> df = pd.DataFrame({"bsn": ["111222333"], "naam": ["Jansen"], "geboortedatum": ["2012-05-04"],
...                    "status": ["conference"]})
>>> out = pseudonymise(df, key=b"a secret key of 32 bytes........")
>>> out.loc[0, "geboortedatum"], out.loc[0, "status"], len(out.loc[0, "bsn"])
('2012', 'conference', 32)
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from ..errors import ArgumentError, ValidationError
from ..i18n import Message
from ._schema import normalise

PathLike = str | os.PathLike[str]
ASKED = "column asked for"  # why a column passed in columns= is pseudonymised
MIN_KEY_BYTES = 16
PSEUDONYM_HEX = 32  # 128 bits of the HMAC: no collisions in any registry

# normalised header words that name a person, a birth date or where someone lives or can be reached
_NAME_TOKENS = frozenset({
    "bsn", "burgerservicenummer", "sofinummer", "sofi", "naam", "voornaam", "voornamen", "achternaam",
    "roepnaam", "geboortenaam", "tussenvoegsel", "voorletters", "name", "firstname", "lastname", "surname",
    "fullname", "geboortedatum", "gebdatum", "geb_datum", "birthdate", "dob", "adres", "address", "straat",
    "straatnaam", "street", "huisnummer", "postcode", "zipcode", "telefoon", "telefoonnummer", "tel",
    "telnr", "phone", "mobiel", "mobile", "gsm", "email", "emailadres", "mail", "iban", "rekeningnummer",
})
_NAME_PHRASES = ("first_name", "last_name", "full_name", "birth_date", "date_of_birth", "e_mail", "zip_code",
                 "phone_number", "geboorte_datum")
_BIRTH = ("geboortedatum", "gebdatum", "geb_datum", "birthdate", "dob", "birth_date", "date_of_birth",
          "geboorte_datum")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
_DIGITS = re.compile(r"^\d{8,9}$")
_DONE = re.compile(rf"^[0-9a-f]{{{PSEUDONYM_HEX}}}$")
_YEAR = re.compile(r"^(19|20)\d\d$")


_WEIGHTS = np.array([9, 8, 7, 6, 5, 4, 3, 2, -1], dtype=np.int64)
_CHUNK = 262_144  # most distinct values tested at a time (4,096 first, then doubling): a column is settled
# as soon as it cannot reach the share


def elfproef(values: Iterable[object]) -> np.ndarray:
    """True where a value is an 8–9 digit number passing the BSN eleven-test.

    The test: pad to 9 digits d1…d9; 9·d1 + 8·d2 + … + 2·d8 − d9 must be a multiple of 11 (and not 0).
    Vectorised: the texts become a (n, 9) array of code points, weighed in one matrix product.

    >>> elfproef(["111222333", "123456789", "12345678"]).tolist()
    [True, False, False]
    """
    text = pd.Series(values if isinstance(values, pd.Series) else list(values), dtype=object)
    if not len(text):
        return np.zeros(0, dtype=bool)
    return _eleven_test(text.astype(str).str.strip().fillna("").to_numpy(dtype=str))


def _eleven_test(text: np.ndarray) -> np.ndarray:
    """:func:`elfproef` of a NumPy array of stripped texts (dtype ``U``)."""
    out = np.zeros(len(text), dtype=bool)
    if not len(text):
        return out
    lengths = np.char.str_len(text)
    fits = (lengths == 8) | (lengths == 9)
    if not fits.any():
        return out
    grid = np.ascontiguousarray(text[fits].astype("U9")).view(np.uint32).reshape(-1, 9).astype(np.int64) - 48
    short = lengths[fits] == 8  # a leading zero dropped by a spreadsheet: shift one place right, pad with 0
    grid[short] = np.concatenate([np.zeros((int(short.sum()), 1), np.int64), grid[short, :8]], axis=1)
    digits_only = ((grid >= 0) & (grid <= 9)).all(axis=1)
    total = grid @ _WEIGHTS
    out[fits] = digits_only & (total % 11 == 0) & (grid.sum(axis=1) > 0)
    return out


def _by_name(column: str) -> str | None:
    key = normalise(column)
    tokens = set(key.split("_"))
    if key in _NAME_TOKENS or tokens & _NAME_TOKENS or any(p in key for p in _NAME_PHRASES):
        if any(b in key for b in _BIRTH):
            return "birth_date"
        return "bsn" if tokens & {"bsn", "burgerservicenummer", "sofinummer", "sofi"} else "name"
    return None


def _strings(s: pd.Series) -> pd.Series:
    filled = s.dropna()
    if pd.api.types.is_float_dtype(filled) and (filled % 1 == 0).all():
        filled = filled.astype("int64")
    return filled.astype(str).str.strip().loc[lambda t: t != ""]


def _distinct(s: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """The distinct filled texts of ``s`` (as :func:`_strings` gives them) and how often each occurs.

    A scan for identifiers looks at each distinct value once: an id column of 12 million agreements
    holds a million cases, and a dictionary-encoded (categorical) column is counted from its codes.
    """
    if isinstance(s.dtype, pd.CategoricalDtype):
        codes = s.cat.codes.to_numpy()
        counts = np.bincount(codes.astype(np.intp) + 1, minlength=len(s.cat.categories) + 1)[1:]  # -1: missing
        values = pd.Series(s.cat.categories)
    else:
        tally = s.value_counts(dropna=True, sort=False)
        values, counts = pd.Series(tally.index), tally.to_numpy()
    if not len(values):
        return pd.Series([], dtype=str), np.zeros(0, np.int64)
    if pd.api.types.is_float_dtype(values.dtype) and (values % 1 == 0).all():
        values = values.astype("int64")
    elif values.dtype == object and pd.api.types.infer_dtype(values, skipna=True) in (
            "floating", "mixed-integer-float", "mixed"):
        # whole numbers read as floats (a BSN column with a gap in Excel) are read as the integers they are
        values = values.map(lambda v: int(v) if isinstance(v, float) and v.is_integer() else v)
    text = values.astype(str).str.strip()
    keep = (text != "").to_numpy(dtype=bool) & (counts > 0)
    return text[keep].reset_index(drop=True), counts[keep]


def _mostly(values: pd.Series, counts: np.ndarray, test: Callable[[pd.Series], np.ndarray],
            share: float = 0.8) -> bool:
    """Does ``test`` hold for at least ``share`` of the cells (distinct ``values`` weighed by their
    ``counts``)? Tested a chunk at a time; stops as soon as the misses rule it out."""
    total = int(counts.sum())
    allowed = (1 - share) * total
    missed, start, size = 0, 0, 4096
    while start < len(values):
        hits = test(values.iloc[start:start + size])
        missed += int(counts[start:start + size][~hits].sum())
        if missed > allowed + 1e-9 * total:
            return False
        start, size = start + size, min(2 * size, _CHUNK)
    return total > 0


def _bsn_test(values: pd.Series) -> np.ndarray:
    return _eleven_test(values.to_numpy(dtype=str))


def _email_test(values: pd.Series) -> np.ndarray:
    return values.str.match(_EMAIL).to_numpy(dtype=bool)


def identifier_columns(frame: pd.DataFrame, *, skip: Iterable[str] = ()) -> dict[str, str]:
    """Columns of ``frame`` that identify a person: column → reason (``name``, ``birth_date``, ``bsn``, ``email``).

    By name (see the module's docstring), or by value: at least 80 % of the filled cells pass the BSN
    eleven-test, or are e-mail addresses. Each distinct value is tested once. ``skip`` names columns
    not to look at (e.g. the canonical columns of a registry).
    """
    skipped = set(skip)
    found: dict[str, str] = {}
    for col in frame.columns:
        if col in skipped:
            continue
        why = _by_name(str(col))
        if why is None and not pd.api.types.is_datetime64_any_dtype(frame[col]) \
                and not pd.api.types.is_bool_dtype(frame[col]):
            values, counts = _distinct(frame[col])
            if _mostly(values, counts, _bsn_test):
                why = "bsn"
            elif _mostly(values, counts, _email_test):
                why = "email"
        if why is not None and not _already_done(frame[col], why):
            found[str(col)] = why
    return found


def _already_done(values: pd.Series, why: str) -> bool:
    """A column this module already pseudonymised (all pseudonyms, or birth years) is no identifier."""
    strings, _ = _distinct(values)
    if not len(strings):
        return False
    pattern = _YEAR if why == "birth_date" else _DONE
    return bool(strings.str.match(pattern).all())


def looks_like_bsn(values: pd.Series) -> bool:
    """Do at least 80 % of the filled cells pass the BSN eleven-test? (Each distinct value is tested once.)"""
    return _mostly(*_distinct(values), _bsn_test)


# How a message names an option: the Python argument, or the command line's option (the CLI passes CLI).
PYTHON = {"columns": "columns=", "keep": "keep=", "birth_dates": "birth_dates='hash'", "key_file": "key_file=",
          "new_key": "read_key(path, create=True)"}
CLI = {"columns": "--column", "keep": "--keep", "birth_dates": "--birth-dates hash", "key_file": "--key-file",
       "new_key": "--new-key"}


def check_key(key: bytes) -> None:
    """Raise :class:`ArgumentError` unless ``key`` has at least ``MIN_KEY_BYTES`` bytes."""
    if len(key) < MIN_KEY_BYTES:
        raise ArgumentError(f"key: at least {MIN_KEY_BYTES} bytes are needed, got {len(key)}; use a random key "
                            "such as the one --new-key writes")


def pseudonym(values: pd.Series, key: bytes, kind: str = "name") -> pd.Series:
    """HMAC-SHA256 of each filled value under ``key`` (first 32 hex digits); missing stays missing.

    Values are compared as people write them: case and surrounding spaces do not matter, a BSN is
    padded to 9 digits (``"012345672"`` and ``12345672`` get the same pseudonym), and a birth date is
    compared as a day (a date cell and the text ``12-05-2010`` get the same pseudonym).
    """
    out = pd.Series(pd.NA, index=values.index, dtype="string")
    if kind == "birth_date":
        days = _dates(values)
        values = days.dt.strftime("%Y-%m-%d").astype(object).where(days.notna(), values)
    strings = _strings(values)
    if kind == "bsn":
        strings = strings.where(~strings.str.fullmatch(r"\d{8,9}"), strings.str.zfill(9))
    texts = strings.str.lower().str.split().str.join(" ")
    cache: dict[str, str] = {}
    for t in pd.unique(texts.to_numpy()):
        cache[t] = hmac.new(key, str(t).encode("utf-8"), hashlib.sha256).hexdigest()[:PSEUDONYM_HEX]
    out.loc[texts.index] = texts.map(cache).to_numpy()
    return out


_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d", "%Y%m%d", "%Y-%m-%d %H:%M:%S")


def _dates(values: pd.Series) -> pd.Series:
    """Each value as a day: date cells (``datetime``/``date`` objects, as Excel gives them) and text in the
    usual Dutch and ISO forms; NaT where a value is missing or no date."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.astype("datetime64[ns]")
    dates = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    cells = values.map(lambda v: isinstance(v, (_dt.date, pd.Timestamp)), na_action="ignore").fillna(False)
    cells = cells.astype(bool)
    if cells.any():
        dates[cells] = pd.to_datetime(values[cells].map(lambda v: pd.Timestamp(v)), errors="coerce")
    text = _strings(values[~cells])
    for fmt in _DATE_FORMATS:
        missing = dates.loc[text.index].isna()
        if not missing.any():
            break
        parsed = pd.to_datetime(text[missing.to_numpy()], format=fmt, errors="coerce")
        dates.loc[parsed.index] = dates.loc[parsed.index].fillna(parsed)
    return dates


def _birth_year(values: pd.Series, spell: dict[str, str] = PYTHON) -> pd.Series:
    dates = _dates(values)
    filled = _strings(values)
    bad = filled.index[dates.loc[filled.index].isna().to_numpy()]
    if len(bad):
        raise ArgumentError(f"birth date column {values.name!r}: {len(bad)} value(s) are no date (first: "
                            f"{str(filled.loc[bad[0]])!r}); give {spell['birth_dates']} to hash them instead")
    return dates.dt.year.astype("Int64").astype("string")


def known_columns(headers: Iterable[object], mapping: dict[str, str] | None = None) -> dict[str, str]:
    """The headers the package knows (canonical names, Dutch and English aliases, after
    :func:`~ekc_analysis.intake._schema.normalise`): header → canonical column. Anything else is unknown.

    >>> known_columns(["Dossiernummer", "Gemeente", "Contactpersoon", "Opmerkingen"])
    {'Dossiernummer': 'case_id', 'Gemeente': 'municipality'}
    """
    from ._schema import AGREEMENTS, CASES, STUDY, header_map

    heads = [str(h) for h in headers]
    out: dict[str, str] = {}
    for table in (CASES, AGREEMENTS, STUDY):
        for header, canonical in header_map(table, heads, mapping).items():
            if canonical in table.by_name:
                out.setdefault(header, canonical)
    return out


def free_text(values: pd.Series) -> bool:
    """Text written as sentences, not codes: on average 4 or more words and 25 or more characters, and
    more than half the filled cells different from each other (a remark, a note, a description)."""
    strings = _strings(values)
    if not len(strings) or pd.api.types.is_numeric_dtype(values.dtype):
        return False
    words = strings.str.split().str.len().mean()
    return bool(words >= 4 and strings.str.len().mean() >= 25 and strings.nunique() > len(strings) / 2)


def _plan(frame: pd.DataFrame, columns: list[str], keep: list[str], mapping: dict[str, str] | None
          ) -> tuple[dict[str, str], dict[str, str]]:
    """What happens to each column: (identifier columns → kind, columns left out → why)."""
    found = identifier_columns(frame)
    for c in columns:
        found.setdefault(c, ASKED)
    known = known_columns(frame.columns, mapping)
    left_out: dict[str, str] = {}
    for col in map(str, frame.columns):
        if col in found or col in keep:
            continue
        if col not in known:
            left_out[col] = Message("pseudonymise_why_unknown")
        elif free_text(frame[col]):
            left_out[col] = Message("pseudonymise_why_free_text")
    return found, left_out


def pseudonymise(data: pd.DataFrame | PathLike, key: bytes | str, *, columns: Iterable[str] = (),
                 keep: Iterable[str] = (), birth_dates: Literal["year", "hash"] = "year",
                 mapping: dict[str, str] | None = None, spell: dict[str, str] = PYTHON) -> pd.DataFrame:
    """Keep only what the package knows, with every identifier replaced by a keyed pseudonym.

    An allow-list: a column passes when the package knows its header (a canonical name or a Dutch or
    English alias, see :mod:`ekc_analysis.intake`, or ``mapping``); identifier columns (BSN, names,
    birth dates, e-mail, found by header or by value) become HMAC-SHA256 pseudonyms; free text and
    every column the package does not know (``Contactpersoon``, ``Opmerkingen`` with first names in
    them) are left out. ``keep`` keeps such a column as it is, after you have looked at it.

    Parameters
    ----------
    data : DataFrame, or path of a file any loader reads (CSV, Excel, SPSS, Stata, Parquet)
        A workbook's first sheet; ``python -m ekc_analysis pseudonymise`` writes every sheet.
    key : bytes or str
        The secret (at least 16 bytes). It is used, never stored: the output holds no trace of it.
    columns : iterable of str
        More columns to pseudonymise (e.g. ``["case_id"]`` when dossier numbers must not leave the
        organisation; pseudonymise the agreements file with the same key to keep the link).
    keep : iterable of str
        Columns to keep unchanged although the package does not know them (or they hold free text).
    birth_dates : {"year", "hash"}
        Birth date columns become the year of birth (default) or a pseudonym of the day.
    mapping : dict, optional
        Your header → canonical column, as for :func:`~ekc_analysis.load`.

    Returns
    -------
    DataFrame
        The rows, with the columns that pass; ``.attrs["pseudonymised"]`` maps each changed column to
        what was done, ``.attrs["left_out"]`` each column left out to why (both as messages: the English text,
        ``.render("nl")`` in Dutch), ``.attrs["kept"]`` lists ``keep``.
    """
    if birth_dates not in ("year", "hash"):
        raise ArgumentError(f"birth_dates={birth_dates!r}: choose 'year' or 'hash'")
    key_bytes = key.encode("utf-8") if isinstance(key, str) else bytes(key)
    check_key(key_bytes)
    frame = _read(data) if not isinstance(data, pd.DataFrame) else data.copy()
    extra, kept = list(columns), list(keep)
    for option, names in (("columns", extra), ("keep", kept)):
        unknown = [c for c in names if c not in frame.columns]
        if unknown:
            raise ArgumentError(f"{spell[option]} {', '.join(map(repr, unknown))}: no such column; the data have "
                                f"{', '.join(map(str, frame.columns))}")
    found, left_out = _plan(frame, extra, kept, mapping)
    done: dict[str, str] = {}
    for col, why in found.items():
        if why == "birth_date" and birth_dates == "year":
            frame[col] = _birth_year(frame[col], spell)
            done[col] = Message("pseudonymise_done_year")
        else:
            frame[col] = pseudonym(frame[col], key_bytes, why)
            done[col] = Message("pseudonymise_done_asked" if why == ASKED else "pseudonymise_done_pseudonym",
                                {"why": why})
    frame = frame.drop(columns=list(left_out))
    frame.attrs.update(pseudonymised=done, left_out=left_out, kept=[c for c in kept if c not in found])
    return frame


def _read(path: PathLike) -> pd.DataFrame:
    from ._readers import read_table
    from ._validate import Problems

    p = Path(path)
    problems = Problems(p.name)
    raw = read_table(p, problems)
    if raw is None:
        raise ValidationError(problems.frame(), str(p))
    return raw.frame
