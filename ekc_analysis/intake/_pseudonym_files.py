"""``python -m ekc_analysis pseudonymise``: every sheet of a workbook, every table file of a folder.

The input is read and pseudonymised in full before anything is written: a file that cannot be read,
a birth date that is no date or an unknown ``--keep`` column stops the run with no output and no new
key. A new key file is then created (owner-only, never overwritten), and the outputs written through
:mod:`ekc_analysis.intake`, so no cell becomes a formula.
"""

from __future__ import annotations

import datetime
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from ..errors import ArgumentError, ValidationError
from ..i18n import Message, check_lang, joined
from ._pseudonymise import CLI, PYTHON, check_key, pseudonymise
from ._readers import EXCEL_SUFFIXES, SUFFIXES, read_table, sheet_names
from ._schema import AGREEMENTS, CASES, STUDY, normalise
from ._spreadsheets import write_csv, write_xlsx
from ._validate import Problems

PathLike = str | os.PathLike[str]
_KNOWN = frozenset({normalise(c.name) for t in (CASES, AGREEMENTS, STUDY) for c in t.columns}
                   | {normalise(a) for t in (CASES, AGREEMENTS, STUDY) for c in t.columns for a in c.aliases})


def new_key() -> bytes:
    """A new random key: 64 hex characters (256 bits)."""
    return secrets.token_hex(32).encode("ascii")


def write_key(key_file: PathLike, key: bytes, *, spell: dict[str, str] = PYTHON) -> Path:
    """Create ``key_file`` holding ``key``, readable and writable by its owner only (0o600); an existing
    file is never overwritten (:class:`ArgumentError`)."""
    path = Path(key_file)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise ArgumentError(f"{spell['key_file']} {str(path)!r} exists; a key file is never overwritten (the "
                            "pseudonyms made with it would no longer link)") from None
    with os.fdopen(fd, "wb") as fh:
        fh.write(key + b"\n")
    os.chmod(path, 0o600)  # whatever the umask
    return path


def read_key(key_file: PathLike, *, create: bool = False, spell: dict[str, str] = PYTHON) -> bytes:
    """The key in ``key_file`` (raw bytes, surrounding white space stripped); ``create`` writes a new random
    key (64 hex characters, readable by the owner only) when the file does not exist."""
    path = Path(key_file)
    if not path.exists():
        if not create:
            raise ArgumentError(f"{spell['key_file']} {str(path)!r}: no such file; make one with {spell['new_key']} "
                                "and keep it apart from the data")
        write_key(path, new_key(), spell=spell)
    key = path.read_bytes().strip()
    try:
        check_key(key)
    except ArgumentError as exc:
        raise ArgumentError(f"{spell['key_file']} {str(path)!r}: {exc}") from None
    return key


def _say(line: str, lang: str, /, **values: object) -> str:
    """The command's line ``pseudonymise_line_<line>`` (``ekc_analysis/_catalogue/_pseudonymise.py``) in ``lang``."""
    return Message(f"pseudonymise_line_{line}", values).render(check_lang(lang))


@dataclass
class Table:
    """One table read from a file (a sheet of a workbook, or the whole file)."""

    label: str
    sheet: str | None
    frame: pd.DataFrame


@dataclass
class Output:
    """One file to write: a workbook of sheets, or one CSV."""

    path: Path
    tables: list[Table] = field(default_factory=list)


def read_tables(path: Path) -> list[Table]:
    """Every table of a file: each non-empty sheet of a workbook (headers found below any title rows)."""
    problems = Problems(path.name)
    if path.suffix.lower() not in EXCEL_SUFFIXES:
        raw = read_table(path, problems, known=_KNOWN)
        if raw is None:
            raise ValidationError(problems.frame(), str(path))
        return [Table(path.name, None, raw.frame)]
    out = []
    for i, name in enumerate(sheet_names(path) or [None]):
        sheet_problems = Problems(path.name)
        raw = read_table(path, sheet_problems, sheet=i, known=_KNOWN)
        if raw is None:
            empty = sheet_problems.frame()["rule"].astype(str).str.contains("is empty").all()
            if name is not None and empty:
                continue  # an empty sheet has nothing to pseudonymise
            raise ValidationError(sheet_problems.frame(), str(path))
        out.append(Table(f"{path.name} [{name}]", name, raw.frame))
    return out


def _outputs(src: Path, dst: Path) -> list[Output]:
    """What to write where: a folder to a folder; a workbook to a workbook (every sheet) or one CSV per sheet."""
    if src.is_dir():
        files = sorted(p for p in src.iterdir() if p.suffix.lower() in SUFFIXES and not p.name.startswith((".", "~$")))
        outs = []
        for f in files:
            name = f.name if f.suffix.lower() in EXCEL_SUFFIXES else f"{f.stem}.csv"
            outs.append(Output(dst / name, read_tables(f)))
        return outs
    tables = read_tables(src)
    if dst.suffix.lower() in EXCEL_SUFFIXES or len(tables) == 1:
        return [Output(dst, tables)]
    return [Output(dst.with_name(f"{dst.stem}_{normalise(t.sheet) or i + 1}.csv"), [t])
            for i, t in enumerate(tables)]


def _check_paths(src: Path, dst: Path, key_file: Path) -> None:
    if not src.exists():
        raise ArgumentError(f"IN {str(src)!r}: no such file or folder")
    if src.resolve() == dst.resolve():
        raise ArgumentError(f"OUT {str(dst)!r}: give another path than IN; the original is kept")
    if key_file.resolve() in (src.resolve(), dst.resolve()):
        raise ArgumentError(f"--key-file {str(key_file)!r}: the key must be kept apart from IN and OUT")


def pseudonymise_files(source: PathLike, target: PathLike, key: bytes, *, columns: list[str], keep: list[str],
                       birth_dates: Literal["year", "hash"], spell: dict[str, str] = PYTHON) -> list[Output]:
    """Read and pseudonymise everything in ``source``; nothing is written. Raises before any output."""
    outs = _outputs(Path(source), Path(target))
    tables = [t for o in outs for t in o.tables]
    for option, names in (("columns", columns), ("keep", keep)):
        missing = [c for c in names if not any(c in t.frame.columns for t in tables)]
        if missing:
            heads = sorted({str(c) for t in tables for c in t.frame.columns})
            raise ArgumentError(f"{spell[option]} {', '.join(map(repr, missing))}: no such column; the data have "
                                f"{', '.join(heads)}")
    for t in tables:
        present = [c for c in columns if c in t.frame.columns]
        kept = [c for c in keep if c in t.frame.columns]
        t.frame = pseudonymise(t.frame, key, columns=present, keep=kept, birth_dates=birth_dates, spell=spell)
    return outs


def _days(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns of Excel date cells as dates, so a CSV holds ``2021-01-04`` rather than ``2021-01-04 00:00:00``."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype != np.dtype(object):
            continue
        filled = out[col].dropna()
        if len(filled) and filled.map(lambda v: isinstance(v, (datetime.date, pd.Timestamp))).all():
            out[col] = pd.to_datetime(out[col], errors="coerce")
    return out


def write_outputs(outs: list[Output]) -> list[Path]:
    written = []
    for o in outs:
        if o.path.suffix.lower() in EXCEL_SUFFIXES:
            write_xlsx({t.sheet or Path(t.label).stem: t.frame for t in o.tables}, o.path)
        else:
            write_csv(_days(o.tables[0].frame), o.path, date_format="%Y-%m-%d")
        written.append(o.path)
    return written


def report_lines(outs: list[Output], lang: str) -> list[str]:
    lines = []
    any_left_out = False
    for t in (t for o in outs for t in o.tables):
        done, left_out = t.frame.attrs.get("pseudonymised", {}), t.frame.attrs.get("left_out", {})
        for col, what in done.items():
            lines.append(_say("done", lang, table=t.label, column=col, what=what))
        if not done:
            lines.append(_say("nothing", lang, table=t.label))
        if left_out:
            any_left_out = True
            shown = joined([Message("pseudonymise_line_why", {"column": c, "why": w}) for c, w in left_out.items()])
            lines.append(_say("left_out", lang, table=t.label, columns=shown))
    if any_left_out:
        lines.append(_say("review", lang))
    return lines


def run(source: str, target: str, key_file: str, *, make_key: bool, columns: list[str], keep: list[str],
        birth_dates: str, lang: str = "en") -> list[str]:
    """The ``pseudonymise`` command: check and pseudonymise everything, then create the key (when new),
    then write. Returns the lines to print; raises :class:`ArgumentError` / :class:`ValidationError`."""
    src, dst, key_path = Path(source), Path(target), Path(key_file)
    _check_paths(src, dst, key_path)
    created = not key_path.exists()
    if created and not make_key:
        raise ArgumentError(f"--key-file {str(key_path)!r}: no such file; make one with --new-key and keep it "
                            "apart from the data")
    key = new_key() if created else read_key(key_path, spell=CLI)
    outs = pseudonymise_files(src, dst, key, columns=columns, keep=keep,
                              birth_dates="hash" if birth_dates == "hash" else "year", spell=CLI)
    lines = report_lines(outs, lang)
    if created:
        write_key(key_path, key, spell=CLI)
        lines.append(_say("new_key", lang, key_file=key_path))
    elif make_key:
        lines.append(_say("old_key", lang, key_file=key_path))
    lines += [_say("wrote", lang, path=p) for p in write_outputs(outs)]
    if not created:
        lines.append(_say("key_apart", lang, key_file=key_path))
    return lines
